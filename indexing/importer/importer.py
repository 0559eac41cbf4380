"""``import_document``: one file → one new corpus folder (source file kept untouched, policy.md, meta.yaml).

What the text states (title, number, issuer, place, dates, the department that interprets it) fills meta.yaml;
what a person gave on the command line wins. The folder is checked with the corpus loader before it is kept,
and the report lists what a person should check: every guessed field, every field not found, the headings.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from common.errors import CorpusError, ImportProblem
from common.paths import META_FILE, TEXT_FILE
from indexing.importer import fields
from indexing.importer.extract import extract_lines
from indexing.importer.outline import to_markdown
from indexing.loader import load_corpus

_DOC_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass
class ImportResult:
    folder: Path
    meta: dict[str, object]
    sources: dict[str, str]  # field → "命令行" / "正文" / "" (not found)
    clauses: int
    top_headings: list[str]
    checks: list[str] = field(default_factory=list)

    def report(self) -> str:
        lines = [f"已导入：{self.folder}（{self.clauses} 个条款）", "", "meta.yaml："]
        for key, value in self.meta.items():
            src = self.sources.get(key, "")
            note = {"命令行": "（命令行给出）", "正文": "（从正文读出，请核对）", "": "（未找到）"}.get(
                src, src
            )
            lines.append(f"  {key}: {value if value not in (None, '') else '—'} {note}")
        lines += ["", "标题（前两级）：", *(f"  {h}" for h in self.top_headings)]
        lines += ["", "请核对：", *(f"  - {c}" for c in self.checks)]
        return "\n".join(lines)


def import_document(
    source: Path,
    corpus_dir: Path,
    *,
    doc_id: str | None = None,
    title: str | None = None,
    place: str | None = None,
    issuer: str | None = None,
    number: str | None = None,
    published: date | None = None,
) -> ImportResult:
    """Write ``corpus_dir/<doc_id>/`` from ``source``; raises ImportProblem (nothing is written) when the file
    cannot be read, a required field is neither given nor found, or the folder exists already."""
    source = Path(source)
    lines = extract_lines(source)
    given = {"title": title, "place": place, "issuer": issuer, "number": number}
    found_title = fields.find_title(lines)
    found_issuer = fields.find_issuer(title or found_title, lines)
    found = {
        "title": found_title,
        "number": fields.find_number(lines),
        "issuer": found_issuer,
        "place": fields.find_place(issuer or found_issuer, title or found_title),
    }
    values = {k: given[k] or found[k] for k in given}
    sources = {k: "命令行" if given[k] else ("正文" if found[k] else "") for k in given}
    pub = published or fields.find_published(lines)
    sources["published"] = "命令行" if published else ("正文" if pub else "")
    valid_from, valid_until, period = fields.find_validity(lines, pub)
    contact = fields.find_contact(lines)

    sources["id"] = "命令行" if doc_id else "自动生成"
    doc_id = doc_id or _default_id(values["number"], values["title"] or source.stem, pub)
    if not _DOC_ID.match(doc_id):
        raise ImportProblem(f"--id “{doc_id}”只能含字母、数字、点、下划线和连字符")
    missing = [k for k in ("title", "issuer", "place") if not values[k]] + ([] if pub else ["published"])
    if missing:
        options = {"title": "--title", "issuer": "--issuer", "place": "--place", "published": "--published"}
        raise ImportProblem(
            f"{source}: 正文中找不到 {', '.join(missing)}，请用 {' '.join(options[m] for m in missing)} 给出"
        )
    folder = Path(corpus_dir) / doc_id
    if folder.exists():
        raise ImportProblem(f"{folder} 已存在：换一个 --id，或先删除那个文件夹")

    outline = to_markdown(lines, str(values["title"]))
    meta: dict[str, object] = {
        "id": doc_id,
        "title": values["title"],
        "issuer": values["issuer"],
        "place": values["place"],
        "published": pub,
        "number": values["number"] or "",
        "valid_from": valid_from,
        "valid_until": valid_until,
        "contact_department": contact or "",
        "aliases": [],
    }
    sources.update(
        valid_from="正文" if valid_from else "",
        valid_until="正文" if valid_until else "",
        contact_department="正文" if contact else "",
        aliases="",
    )
    checks = _checks(meta, sources, period, outline.headings, outline.kinds)
    _write(folder, source, meta, outline.markdown)
    load = load_corpus(folder.parent)
    doc = load.document(doc_id)
    own = [p for p in load.problems if str(folder) in p]
    if doc is None:
        shutil.rmtree(folder, ignore_errors=True)
        raise ImportProblem(f"{source}: 导入后的文件夹不能使用：{'；'.join(own) or '未知原因'}")
    checks += own
    tops = list(
        dict.fromkeys(c.path[0] if len(c.path) < 2 else f"{c.path[0]} › {c.path[1]}" for c in doc.clauses)
    )
    return ImportResult(folder, meta, sources, len(doc.clauses), tops, checks)


def _default_id(number: str | None, title: str, published: date | None) -> str:
    """doc-<year>-<n> from a number such as 云政发〔2023〕8号, else doc-<year>-<hash of the title>."""
    m = re.search(r"〔(\d{4})〕(\d+)号", number or "")
    if m:
        return f"doc-{m.group(1)}-{m.group(2)}"
    year = published.year if published else "undated"
    return f"doc-{year}-{hashlib.sha1(title.encode('utf-8')).hexdigest()[:6]}"


def _checks(
    meta: dict[str, object], sources: dict[str, str], period: str, headings: int, kinds: list[str]
) -> list[str]:
    out = (
        [f"id “{meta['id']}”是自动生成的，可改成好记的名字（如 地名拼音-年份-文号）"]
        if sources["id"] != "命令行"
        else []
    )
    out += [
        f"{k}: 从正文读出“{meta[k]}”"
        for k in ("title", "number", "issuer", "place", "published")
        if sources.get(k) == "正文"
    ]
    if not meta["number"]:
        out.append("number: 正文中没有找到文号；没有文号的文件可以留空")
    if period:
        out.append(f"有效期按这句话填写：“{period}”")
    else:
        out.append("valid_from / valid_until: 正文没有写明有效期，已留空（回答时会说明未写明有效期）")
    if not meta["contact_department"]:
        out.append("contact_department: 没有找到负责解释的部门，请补上（回答会请人向它咨询）")
    out.append("aliases: 可补上地名简称、文件简称，方便按名称找到这份文件")
    out.append(
        f"policy.md: 识别出 {headings} 个编号标题（层级：{' → '.join(kinds) or '无'}），请对照原文检查标题层级"
    )
    out.append("rules.yaml: 没有奖补规则，金额按原文引用回答；需要测算时再按 README 补写")
    return out


def _write(folder: Path, source: Path, meta: dict[str, object], markdown: str) -> None:
    folder.mkdir(parents=True)
    try:
        shutil.copy2(source, folder / f"source{source.suffix.lower()}")
        (folder / TEXT_FILE).write_text(markdown.rstrip() + "\n", encoding="utf-8")
        header = f"# Imported from {source.name} by `python -m assistant corpus add`; check every field.\n"
        body = yaml.safe_dump(
            {k: v for k, v in meta.items() if v is not None}, allow_unicode=True, sort_keys=False
        )
        (folder / META_FILE).write_text(header + body, encoding="utf-8")
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise CorpusError(f"{folder}: 无法写入（{exc.__class__.__name__}: {exc}）") from None
