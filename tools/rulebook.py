"""Award rules as data: load and check every corpus/<doc>/rules.yaml into typed records.

The calculator interprets these records and holds no amount of its own; the planner learns award names from
``RuleBook.vocabulary``. Every problem in a rules file is reported with the file, the rule id and the field, and
every ``quote`` must be a verbatim substring of its clause in the document's policy.md.

Example:
    >>> book = RuleBook.load(Path("corpus"))                 # doctest: +SKIP
    >>> book.rule("dcmm").amount.yuan                        # doctest: +SKIP
    300000
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from common.errors import BadClaim, CorpusError
from common.paths import document_folders
from tools.calc_schema import CalcModels, build_models
from tools.rule_records import Amount, Approval, Condition, DocRules, Exclusion, FactSpec, Principle, Rule
from tools.rule_vocabulary import Vocabulary, fold_word
from tools.rules_reader import RulesReader, clause_texts

__all__ = ["RuleBook", "DocRules", "Rule", "Amount", "Condition", "Exclusion", "Principle", "Vocabulary"]

REQUIRED_PRINCIPLES = ("scope", "exclusions", "highest_only", "tax_cap", "implementation", "validity")
_SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")


def _load_doc(folder: Path) -> DocRules:
    meta_path = folder / "meta.yaml"
    try:
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
        rules_path = folder / meta.get("rules_file", "rules.yaml")
        data = yaml.safe_load(rules_path.read_text(encoding="utf-8"))
        clauses = clause_texts((folder / meta.get("text_file", "policy.md")).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, AttributeError) as exc:
        raise CorpusError(f"{folder}: 无法读取规则或元数据：{exc}") from None
    r = RulesReader(rules_path)
    doc_id = r.get(data, "doc_id", "（文件）", str)
    if doc_id != meta.get("id"):
        raise r.fail("doc_id", f"“{doc_id}”与 meta.yaml 的 id “{meta.get('id')}”不一致")

    def clause(d: Any, where: str, quote: str | None) -> tuple[str, ...]:
        path = r.strs(d, "clause", where)
        if path not in clauses:
            raise r.fail(f"{where}.clause", f"policy.md 中没有标题路径 {' › '.join(path)}")
        if quote is not None and quote not in clauses[path]:
            raise r.fail(f"{where}.quote", f"不是 {' › '.join(path)} 原文的子串：{quote[:40]}…")
        return path

    aliases = meta.get("aliases") or []
    facts = r.read_facts(data.get("facts"), str(meta.get("place") or ""), [str(a) for a in aliases])
    vocab = r.vocabulary(r.get(data, "vocabulary", "（文件）", dict))
    known = {"levels": set(vocab.levels), "stars": {str(k) for k in vocab.stars}, "fields": set(vocab.fields)}
    rules: list[Rule] = []
    for i, d in enumerate(r.get(data, "rules", "（文件）", list)):
        rid = r.get(d, "id", f"rules[{i}]", str)
        where = f"rules[{i}] (id={rid})"
        if not _SNAKE.match(rid):
            raise r.fail(f"{where}.id", "应为 snake_case（小写字母开头，仅含小写字母、数字、下划线）")
        quote = r.get(d, "quote", where, str)
        amount = r.amount(r.get(d, "amount", where, dict), f"{where}.amount")
        choice_keys = tuple(amount.choices)
        levels = choice_keys if amount.choose_by == "level" else r.strs(d, "levels", where, required=False)
        raw_stars = (
            choice_keys if amount.choose_by == "star" else r.get(d, "stars", where, list, required=False)
        )
        fields = choice_keys if amount.choose_by == "field" else ()
        for name, got in (("levels", levels), ("stars", raw_stars or ()), ("fields", fields)):
            unknown = [str(x) for x in got if str(x) not in known[name]]
            if unknown:
                raise r.fail(f"{where}.{name}", f"未在 vocabulary.{name} 中定义：{', '.join(unknown)}")
        stars = tuple(int(k) for k in raw_stars or ())
        rules.append(
            Rule(
                id=rid,
                title=r.get(d, "title", where, str),
                clause=clause(d, where, quote),
                quote=quote,
                department=r.strs(d, "department", where),
                aliases=r.strs(d, "aliases", where),
                amount=amount,
                doc_id=doc_id,
                conditions=r.conditions(d.get("conditions"), where),
                levels=levels,
                stars=stars,
                fields=fields,
                once_per_year=bool(r.get(d, "once_per_year", where, bool, required=False)),
            )  # fmt: skip
        )
    exclusions = tuple(
        Exclusion(
            id=r.get(d, "id", f"exclusions[{i}]", str),
            name=r.get(d, "name", f"exclusions[{i}]", str),
            clause=clause(d, f"exclusions[{i}]", None),
            aliases=r.strs(d, "aliases", f"exclusions[{i}]"),
            doc_id=doc_id,
        )  # fmt: skip
        for i, d in enumerate(r.get(data, "exclusions", "（文件）", list))
    )
    principles: dict[str, Principle] = {}
    approval = None
    for i, d in enumerate(r.get(data, "principles", "（文件）", list)):
        pid = r.get(d, "id", f"principles[{i}]", str)
        where = f"principles[{i}] (id={pid})"
        quote = r.get(d, "quote", where, str)
        principles[pid] = Principle(
            pid,
            r.get(d, "title", where, str),
            clause(d, where, quote),
            quote,
            r.strs(d, "aliases", where),
            doc_id,
        )
        if "approval" in d:
            a = r.get(d, "approval", where, dict)
            approval = Approval(
                dict(r.get(a, "documents", f"{where}.approval", dict)),
                r.get(a, "points", f"{where}.approval", str),
                r.get(a, "default", f"{where}.approval", str),
            )
    missing = [p for p in REQUIRED_PRINCIPLES if p not in principles]
    if missing:
        raise r.fail("principles", f"缺少计算器需要的原则：{', '.join(missing)}")
    if approval is None:
        raise r.fail("principles", "缺少 approval（由谁汇总报批）")
    for spec in facts.values():
        if spec.principle is not None and spec.principle not in principles:
            raise r.fail(f"facts.{spec.name}.principle", f"没有 id 为“{spec.principle}”的原则")
    if not any(s.principle == "tax_cap" and s.type in ("yuan", "yuan_by_year") for s in facts.values()):
        raise r.fail(
            "facts",
            "原则 tax_cap（年度奖补总额上限）要读的数额没有声明：请给上限数额的事实加 principle: tax_cap"
            "（type: yuan；可另加 yuan_by_year 的分年数额和 bool 的不受此限事实）",
        )
    try:
        valid_from, valid_until = meta["valid_from"], meta["valid_until"]
        assert isinstance(valid_from, date) and isinstance(valid_until, date)
    except (KeyError, AssertionError):
        raise CorpusError(f"{meta_path}: valid_from/valid_until 应为日期 YYYY-MM-DD") from None
    return DocRules(
        doc_id, str(meta.get("number", doc_id)), str(meta.get("title", "")), valid_from, valid_until,
        str(meta.get("contact_department", "")), tuple(rules), exclusions, principles, approval, facts, vocab,
        rules_path, str(meta.get("place") or ""),
    )  # fmt: skip


class RuleBook:
    """Every document's rules, indexed by id; ``vocabulary`` maps people's words to those ids."""

    def __init__(self, docs: list[DocRules]) -> None:
        self.docs = {d.doc_id: d for d in docs}
        self._rules: dict[str, Rule] = {}
        self._exclusions: dict[str, Exclusion] = {}
        for doc in docs:
            for rule in doc.rules:
                if rule.id in self._rules:
                    raise CorpusError(
                        f"{doc.source}: rules (id={rule.id}): 与 {self._rules[rule.id].doc_id} 的规则 id 重复"
                    )
                self._rules[rule.id] = rule
            for ex in doc.exclusions:
                self._exclusions.setdefault(ex.id, ex)
        self.vocabulary = _build_vocabulary(docs)
        self.models: CalcModels = build_models(_union_of_facts(docs))

    @classmethod
    def load(cls, corpus_dir: Path | str) -> RuleBook:
        """Read every ``<corpus_dir>/<doc>/rules.yaml`` (folders with a meta.yaml but no rules are skipped)."""
        corpus_dir = Path(corpus_dir)
        folders = document_folders(corpus_dir)
        docs = []
        for folder in folders:
            try:
                meta = yaml.safe_load((folder / "meta.yaml").read_text(encoding="utf-8")) or {}
            except (OSError, yaml.YAMLError) as exc:
                raise CorpusError(f"{folder / 'meta.yaml'}: 无法读取：{exc}") from None
            if (folder / meta.get("rules_file", "rules.yaml")).exists():
                docs.append(_load_doc(folder))
        if not docs:
            raise CorpusError(f"{corpus_dir} 下没有任何 rules.yaml（每个政策文件夹一份）")
        return cls(docs)

    @property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(self._rules.values())

    @property
    def exclusions(self) -> tuple[Exclusion, ...]:
        return tuple(self._exclusions.values())

    def rule(self, rule_id: str) -> Rule:
        try:
            return self._rules[rule_id]
        except KeyError:
            allowed = "、".join(f"{r.id}（{r.title}）" for r in self.rules)
            raise BadClaim(f"未知奖项 award “{rule_id}”，可选：{allowed}") from None

    def exclusion(self, exclusion_id: str) -> Exclusion:
        return self._exclusions[exclusion_id]

    def doc(self, doc_id: str) -> DocRules:
        try:
            return self.docs[doc_id]
        except KeyError:
            raise BadClaim(f"未知政策文件 doc_id “{doc_id}”，可选：{', '.join(self.docs)}") from None

    def principle(self, doc_id: str, principle_id: str) -> Principle:
        return self.doc(doc_id).principles[principle_id]


def _union_of_facts(docs: list[DocRules]) -> list[FactSpec]:
    """Every declared fact once; two documents may declare one fact only with the same scope and type.
    The words that state or deny a yes/no fact are joined, since each document's name their own place; so are the
    words that name an amount."""
    seen: dict[str, tuple[FactSpec, DocRules]] = {}
    for doc in docs:
        for name, spec in doc.facts.items():
            if name not in seen:
                seen[name] = (spec, doc)
                continue
            first, where = seen[name]
            if (first.scope, first.type) != (spec.scope, spec.type):
                raise CorpusError(
                    f"{doc.source}: facts.{name}: 声明为 {spec.scope}/{spec.type}，"
                    f"与 {where.source} 的 {first.scope}/{first.type} 不一致（同名事实在各文件中含义须相同）"
                )
            says = tuple(dict.fromkeys((*first.says, *spec.says)))
            denies = tuple(dict.fromkeys((*first.denies, *spec.denies)))
            words = tuple(dict.fromkeys((*first.words, *spec.words)))
            part_words = tuple(dict.fromkeys((*first.part_words, *spec.part_words)))
            seen[name] = (replace(first, says=says, denies=denies, words=words, part_words=part_words), where)
    return [spec for spec, _ in seen.values()]


def _build_vocabulary(docs: list[DocRules]) -> Vocabulary:
    aliases: dict[str, list[str]] = {}
    principle_words: dict[str, list[str]] = {}

    def add(table: dict[str, list[str]], word: str, value: str) -> None:
        ids = table.setdefault(word, [])
        if value not in ids:
            ids.append(value)

    level_words: dict[str, str | None] = {}
    level_names: dict[str, str] = {}
    star_words: dict[str, int] = {}
    star_names: dict[int, str] = {}
    field_words: dict[str, str] = {}
    field_names: dict[str, str] = {}
    exclusion_words: dict[str, str] = {}
    for doc in docs:
        for rule in doc.rules:
            heading = rule.clause[-1].split("）", 1)[
                -1
            ]  # （一）推动基础投入 → 推动基础投入 names all rules of the clause
            for word in (*rule.aliases, rule.title, heading):
                add(aliases, word, rule.id)
        for p in doc.principles.values():
            for word in (*p.aliases, p.title):
                add(principle_words, word, p.id)
        v = doc.vocabulary
        for lid, term in v.levels.items():
            level_names.setdefault(lid, term.name)
            level_words.update({w: lid for w in (term.name, *term.words)})
        level_words.update({w: None for w in v.not_levels})
        for sid, term in v.stars.items():
            star_names.setdefault(sid, term.name)
            star_words.update({w: sid for w in (term.name, *term.words)})
        for fid, term in v.fields.items():
            field_names.setdefault(fid, term.name)
            field_words.update({w: fid for w in (term.name, *term.words)})
        exclusion_words.update({w: ex.id for ex in doc.exclusions for w in (ex.name, *ex.aliases)})
    return Vocabulary(
        aliases={w: tuple(ids) for w, ids in aliases.items() if fold_word(w)},
        level_words=level_words, star_words=star_words, field_words=field_words, exclusion_words=exclusion_words,
        principle_words={w: tuple(ids) for w, ids in principle_words.items()},
        level_names=level_names, star_names=star_names, field_names=field_names,
    )  # fmt: skip
