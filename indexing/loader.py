"""corpus/ → policy documents: every folder with a meta.yaml is one document, its policy.md a heading tree.

A heading node that has text of its own becomes a :class:`Clause` carrying its full heading path. A malformed
document is reported in ``CorpusLoad.problems`` (naming the file and what is wrong) and the others still load.

Example:
    >>> load = load_corpus(PROJECT_ROOT / "corpus")  # doctest: +SKIP
    >>> load.clauses[0].path_str  # doctest: +SKIP
    '通知'
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from common.errors import CorpusError
from common.markdown import read_outline
from common.paths import META_FILE, RULES_FILE, candidate_folders
from common.paths import TEXT_FILE as DEFAULT_TEXT_FILE
from common.paths import document_folders as document_folders
from indexing.types import PATH_SEP, Clause, DocMeta, PolicyDocument

log = logging.getLogger(__name__)

_DOC_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
# The contract of meta.yaml (README, 政策文件夹). Other keys (corrections, cleaning notes…) are kept in the file
# for people and ignored here.
REQUIRED_FIELDS = ("id", "title", "issuer", "place", "published")
OPTIONAL_TEXT = ("number", "short_title", "contact_department", "rules_file", "text_file", "plan_period")
OPTIONAL_DATES = ("valid_from", "valid_until")


@dataclass
class CorpusLoad:
    """What :func:`load_corpus` found: the documents that loaded and one line per problem."""

    documents: list[PolicyDocument]
    problems: list[str] = field(default_factory=list)
    _by_id: dict[str, Clause] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {c.clause_id: c for c in self.clauses}

    @property
    def clauses(self) -> list[Clause]:
        """Every clause of every document, in document order then reading order."""
        return [c for d in self.documents for c in d.clauses]

    def clause(self, clause_id: str) -> Clause | None:
        return self._by_id.get(clause_id)

    def document(self, doc_id: str) -> PolicyDocument | None:
        return next((d for d in self.documents if d.meta.doc_id == doc_id), None)


def clause_id_for(doc_id: str, path: tuple[str, ...]) -> str:
    """Stable id: ``<doc_id>:<sha1(path joined with ' › ')[:10]>``."""
    return f"{doc_id}:{hashlib.sha1(PATH_SEP.join(path).encode('utf-8')).hexdigest()[:10]}"


def load_corpus(corpus_dir: Path) -> CorpusLoad:
    """Load every document under ``corpus_dir``; problems are collected, not raised."""
    corpus_dir = Path(corpus_dir)
    documents: list[PolicyDocument] = []
    problems: list[str] = []
    if not corpus_dir.is_dir():
        return CorpusLoad([], [f"{corpus_dir}: 政策目录不存在（corpus folder not found）"])
    seen: dict[str, Path] = {}
    for folder in candidate_folders(corpus_dir):
        if not (folder / META_FILE).is_file():
            if (folder / DEFAULT_TEXT_FILE).exists():
                problems.append(f"{folder / META_FILE}: 缺少 meta.yaml，此文件夹未收录（missing metadata）")
            continue
        try:
            meta, text_file = _read_meta(folder)
            if meta.doc_id in seen:
                raise CorpusError(f"{folder / META_FILE}: id “{meta.doc_id}”与 {seen[meta.doc_id]} 重复")
            clauses, notes = _read_clauses(text_file, meta.doc_id)
        except CorpusError as exc:
            problems.append(str(exc))
            continue
        seen[meta.doc_id] = folder / META_FILE
        problems.extend(notes)
        documents.append(PolicyDocument(meta=meta, clauses=clauses))
    if not documents and not problems:
        problems.append(f"{corpus_dir}: 没有任何政策文件夹（no folder with meta.yaml）")
    for p in problems:
        log.warning("corpus: %s", p)
    return CorpusLoad(documents, problems)


def _text_list(raw: dict[str, Any], key: str, path: Path, example: str) -> list[str]:
    """An optional list of non-empty strings (a lone string is a list of one)."""
    value = raw.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise CorpusError(f"{path}: {key} 应为非空文字的列表（如 {example}）")
    return value


def _read_meta(folder: Path) -> tuple[DocMeta, Path]:
    path = folder / META_FILE
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: 无法读取（{exc.__class__.__name__}: {exc}）") from None
    except yaml.YAMLError as exc:
        raise CorpusError(f"{path}: YAML 格式错误（{' '.join(str(exc).split())}）") from None
    except ValueError as exc:  # YAML reads 2024-13-45 as a date and fails
        raise CorpusError(f"{path}: 有不存在的日期（{exc}），日期应写成 YYYY-MM-DD") from None
    if not isinstance(raw, dict):
        raise CorpusError(f"{path}: 应为键值映射（a mapping of fields），实际是 {type(raw).__name__}")
    missing = [k for k in REQUIRED_FIELDS if raw.get(k) in (None, "")]
    if missing:
        raise CorpusError(f"{path}: 缺少必填字段 {', '.join(missing)}（必填：{', '.join(REQUIRED_FIELDS)}）")
    doc_id = str(raw["id"])
    if not _DOC_ID.match(doc_id):
        raise CorpusError(f"{path}: id “{doc_id}”只能含字母、数字、点、下划线和连字符")
    for key in ("title", "issuer", "place", *OPTIONAL_TEXT):
        if raw.get(key) is not None and not isinstance(raw[key], str | int):
            raise CorpusError(f"{path}: {key} 应为一段文字，实际是 {type(raw[key]).__name__}")
    published = _as_date(raw["published"], "published", path)
    valid_from, valid_until = (_optional_date(raw, k, path) for k in OPTIONAL_DATES)
    if valid_from and valid_until and valid_until < valid_from:
        raise CorpusError(f"{path}: valid_until {valid_until} 早于 valid_from {valid_from}")
    aliases = _text_list(raw, "aliases", path, "[云溪, 云政发〔2023〕8号]")
    examples = _text_list(raw, "examples", path, "[智能车间投入800万能拿多少？]")
    not_covered = _text_list(raw, "not_covered", path, "[云州市本级]")
    for pattern in not_covered:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise CorpusError(f"{path}: not_covered 的“{pattern}”不是有效的正则表达式（{exc}）") from None
    rules_file = None
    if raw.get("rules_file"):
        rules_file = folder / str(raw["rules_file"])
        if not rules_file.is_file():
            raise CorpusError(
                f"{path}: rules_file “{raw['rules_file']}”不存在（不计算金额的文件请删去此字段）"
            )
    elif (folder / RULES_FILE).is_file():
        rules_file = folder / RULES_FILE
    text_file = folder / str(raw.get("text_file") or DEFAULT_TEXT_FILE)
    meta = DocMeta(
        doc_id=doc_id,
        title=str(raw["title"]),
        short_title=str(raw.get("short_title") or raw["title"]),
        number=str(raw.get("number") or ""),
        issuer=str(raw["issuer"]),
        published=published,
        valid_from=valid_from,
        valid_until=valid_until,
        contact_department=str(raw.get("contact_department") or ""),
        folder=folder,
        place=str(raw["place"]),
        rules_file=rules_file,
        aliases=tuple(dict.fromkeys(a.strip() for a in aliases)),
        examples=tuple(e.strip() for e in examples),
        not_covered=tuple(not_covered),
        plan_period=str(raw.get("plan_period") or ""),
    )
    return meta, text_file


def _optional_date(raw: dict[str, Any], name: str, path: Path) -> date | None:
    return None if raw.get(name) in (None, "") else _as_date(raw[name], name, path)


def _as_date(value: Any, name: str, path: Path) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise CorpusError(f"{path}: {name} “{value}”不是日期（应写成 YYYY-MM-DD）") from None


def _read_clauses(text_file: Path, doc_id: str) -> tuple[tuple[Clause, ...], list[str]]:
    try:
        text = text_file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CorpusError(f"{text_file}: 文件不存在（policy text not found）") from None
    except UnicodeDecodeError:
        raise CorpusError(f"{text_file}: 不是 UTF-8 文本（not UTF-8）") from None
    except OSError as exc:
        raise CorpusError(f"{text_file}: 无法读取（{exc.__class__.__name__}: {exc}）") from None
    return parse_headings(text, doc_id, source=str(text_file))


def parse_headings(text: str, doc_id: str, source: str = "policy.md") -> tuple[tuple[Clause, ...], list[str]]:
    """Markdown headings → clauses; returns the clauses and notes about text that could not be placed.

    Raises CorpusError when the text has no heading at all (nothing to cite).
    """
    notes: list[str] = []
    outline = read_outline(text)
    if not outline.sections:
        raise CorpusError(f"{source}: 没有任何 Markdown 标题（no headings），无法切分条款")
    if outline.preamble:
        notes.append(f"{source}: 第一个标题之前的 {len(outline.preamble)} 行文字不属于任何条款，未收录")
    nodes = [(s.path, s.lines) for s in outline.sections]
    clauses: list[Clause] = []
    used: dict[str, int] = {}
    for path, lines in nodes:
        if not lines:
            continue
        key = PATH_SEP.join(path)
        used[key] = used.get(key, 0) + 1
        if used[key] > 1:
            notes.append(f"{source}: 标题路径重复“{key}”，第 {used[key]} 处另起编号")
            cid = clause_id_for(doc_id, (*path, f"#{used[key]}"))
        else:
            cid = clause_id_for(doc_id, path)
        clauses.append(
            Clause(clause_id=cid, doc_id=doc_id, path=path, text="\n".join(lines), order=len(clauses))
        )
    if not clauses:
        raise CorpusError(f"{source}: 标题下没有任何正文（headings without text）")
    return tuple(clauses), notes
