"""Typed reading of one rules.yaml: each problem raises CorpusError naming the file and where in it."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from common.errors import CorpusError
from common.markdown import read_sections
from tools.calc_schema import FACT_SCOPES, FACT_TYPES
from tools.rule_records import (
    AMOUNT_KINDS,
    CHOICE_KINDS,
    Amount,
    Condition,
    DocVocabulary,
    FactSpec,
    Term,
    Threshold,
)

_PLACE_SUFFIX = re.compile(r"(?<=..)(?:市|县|区|省|自治州|州|旗|盟)$")
_FACT_KEYS = {
    "scope",
    "type",
    "label",
    "question",
    "says",
    "denies",
    "principle",
    "part_of",
    "min",
    "max",
    "formerly",
    "hint",
    "words",
    "generic",
    "after",
    "part_words",
    "deducted_from",
}


def place_names(place: str, aliases: list[str] | tuple[str, ...] = ()) -> tuple[str, ...]:
    """The names of a document's place: meta.yaml ``place``, it without its suffix (云溪县 → 云溪), and the
    aliases that name it (an alias the place starts with); longest first."""
    bare = _PLACE_SUFFIX.sub("", place)
    names = {place, bare, *(a for a in aliases if a and place.startswith(a))} - {""}
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


class RulesReader:
    """Reads one rules.yaml, raising CorpusError that names the file and where in it the problem is."""

    def __init__(self, path: Path, facts: dict[str, FactSpec] | None = None) -> None:
        self.path = path
        self.facts = facts or {}

    def fact(self, where: str, name: str, *types: str) -> None:
        """A rule may read only a fact declared in ``facts:`` (of the claim scope and of one of these types)."""
        spec = self.facts.get(name)
        if spec is None:
            raise self.fail(
                where,
                f"事实“{name}”未在 facts 中声明（请在本文件的 facts: 下声明 scope、type、label、question）",
            )
        if spec.scope != "claim" or spec.type not in types:
            wanted = "金额事实（type: yuan）" if types == ("yuan",) else "是/否事实（type: bool）"
            raise self.fail(
                where, f"“{name}”应为每项申报的{wanted}，声明为 scope: {spec.scope}, type: {spec.type}"
            )

    def read_facts(self, raw: Any, place: str, aliases: list[str]) -> dict[str, FactSpec]:
        """The ``facts:`` section, ``{place}`` filled in: with the place in label and question, and with every
        name of the place (a regex alternation) in the says/denies words."""
        if not isinstance(raw, dict) or not raw:
            raise self.fail("facts", "应为映射：事实名 → {scope, type, label, question}")
        names = place_names(place, aliases)
        alternation = "(?:" + "|".join(re.escape(n) for n in names) + ")" if names else "本地"
        out: dict[str, FactSpec] = {}
        for name, d in raw.items():
            w = f"facts.{name}"
            if not isinstance(name, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", name):
                raise self.fail(w, "事实名应为 snake_case")
            self.get(d, "label", w, str)  # d is a mapping with a label
            unknown = set(d) - _FACT_KEYS
            if unknown:
                raise self.fail(
                    w, f"未知字段 {', '.join(sorted(unknown))}，可选：{', '.join(sorted(_FACT_KEYS))}"
                )
            scope, kind = self.get(d, "scope", w, str), self.get(d, "type", w, str)
            if scope not in FACT_SCOPES:
                raise self.fail(f"{w}.scope", f"应为 {' 或 '.join(FACT_SCOPES)}，实为 {scope}")
            if kind not in FACT_TYPES:
                raise self.fail(f"{w}.type", f"未知类型 {kind}，可选：{', '.join(FACT_TYPES)}")
            words = {k: self.strs(d, k, w, required=False) for k in ("says", "denies")}
            if (words["says"] or words["denies"]) and kind != "bool":
                raise self.fail(w, "says/denies 只用于是/否事实（type: bool）")
            role = self.role_words(d, w, kind)
            filled = {k: tuple(x.replace("{place}", alternation) for x in v) for k, v in words.items()}
            for x in (*filled["says"], *filled["denies"]):
                try:
                    re.compile(x)
                except re.error as exc:
                    raise self.fail(w, f"说法“{x}”不是有效的正则表达式：{exc}") from None
            out[name] = FactSpec(
                name,
                self.get(d, "label", w, str).replace("{place}", place),
                self.get(d, "question", w, str).replace("{place}", place),
                scope=scope, type=kind, says=filled["says"], denies=filled["denies"],
                principle=self.get(d, "principle", w, str, required=False),
                part_of=self.get(d, "part_of", w, str, required=False),
                deducted_from=self.get(d, "deducted_from", w, str, required=False),
                minimum=self.get(d, "min", w, int, required=False),
                maximum=self.get(d, "max", w, int, required=False),
                formerly=self.strs(d, "formerly", w, required=False),
                hint=bool(self.get(d, "hint", w, bool, required=False)),
                **role,
            )  # fmt: skip
        _no_shared_words(out, self.fail)
        for spec in out.values():
            total = out.get(spec.deducted_from or "")
            if spec.deducted_from is not None and (
                spec.type != "yuan" or total is None or total.type != "yuan" or total.scope != spec.scope
            ):
                raise self.fail(
                    f"facts.{spec.name}.deducted_from",
                    f"应为同一 scope 的已声明金额事实（type: yuan），实为 {spec.deducted_from}",
                )
            if spec.part_of is not None and (
                spec.type != "yuan" or getattr(out.get(spec.part_of), "type", None) != "yuan"
            ):
                raise self.fail(
                    f"facts.{spec.name}.part_of", f"应为已声明的金额事实（type: yuan），实为 {spec.part_of}"
                )
        self.facts = out
        return out

    def role_words(self, d: dict[str, Any], where: str, kind: str) -> dict[str, Any]:
        """An amount fact's ``words`` (what names a figure as this fact), ``generic`` and ``after``."""
        words = self.strs(d, "words", where, required=False)
        generic = self.get(d, "generic", where, bool, required=False)
        after = self.get(d, "after", where, bool, required=False)
        part_words = self.strs(d, "part_words", where, required=False)
        if (words or part_words or generic is not None or after is not None) and kind != "yuan":
            raise self.fail(where, "words/part_words/generic/after 只用于金额事实（type: yuan）")
        if (generic is not None or after is not None) and not words:
            raise self.fail(f"{where}.words", "给出 generic/after 时须同时给出 words（说明这项金额的词）")
        if blank := [x for x in words if not x.strip()]:
            raise self.fail(f"{where}.words", f"不能有空白的词：{blank!r}")
        if len(set(words)) < len(words):
            twice = sorted({x for x in words if words.count(x) > 1})
            raise self.fail(f"{where}.words", f"词重复：{'、'.join(twice)}")
        return {
            "words": words,
            "generic": bool(generic),
            "after": after is not False,
            "part_words": part_words,
        }

    def fail(self, where: str, msg: str) -> CorpusError:
        return CorpusError(f"{self.path}: {where}: {msg}")

    def get(self, d: Any, key: str, where: str, kind: type | tuple[type, ...], required: bool = True) -> Any:
        if not isinstance(d, dict):
            raise self.fail(where, "应为映射（key: value）")
        if key not in d:
            if required:
                raise self.fail(f"{where}.{key}", "缺少此字段")
            return None
        v = d[key]
        if not isinstance(v, kind) or isinstance(v, bool) and kind in (int, (int, float)):
            raise self.fail(f"{where}.{key}", f"类型应为 {getattr(kind, '__name__', kind)}，实为 {v!r}")
        return v

    def strs(self, d: Any, key: str, where: str, required: bool = True) -> tuple[str, ...]:
        v = self.get(d, key, where, list, required) or []
        if not all(isinstance(x, str) and x for x in v):
            raise self.fail(f"{where}.{key}", "应为非空字符串列表")
        return tuple(v)

    def yuan(self, d: Any, key: str, where: str) -> int:
        v = self.get(d, key, where, int)
        if v <= 0:
            raise self.fail(f"{where}.{key}", f"应为正整数（元），实为 {v}")
        return int(v)

    def amount(self, d: Any, where: str) -> Amount:
        kind = self.get(d, "kind", where, str)
        if kind not in AMOUNT_KINDS:
            raise self.fail(f"{where}.kind", f"未知的 kind “{kind}”，可选：{', '.join(AMOUNT_KINDS)}")
        up_to = bool(self.get(d, "up_to", where, bool, required=False))
        if kind in ("fixed", "ceiling"):
            return Amount(kind, yuan=self.yuan(d, "yuan", where), up_to=kind == "ceiling")
        if kind == "percent_of_base":
            base = self.get(d, "base", where, str)
            self.fact(f"{where}.base", base, "yuan")
            t = self.get(d, "threshold", where, dict)
            threshold = Threshold(
                self.yuan(t, "yuan", f"{where}.threshold"),
                self.get(t, "inclusive", f"{where}.threshold", bool),
                self.get(t, "word", f"{where}.threshold", str),
            )
            return Amount(
                kind, base=base, percent=self.percent(d, "percent", where), threshold=threshold,
                cap_yuan=self.yuan(d, "cap_yuan", where), up_to=up_to,
            )  # fmt: skip
        if kind == "interest_subsidy":
            facts = {k: self.get(d, k, where, str) for k in ("loan", "paid")}
            for k, v in facts.items():
                self.fact(f"{where}.{k}", v, "yuan")
            return Amount(
                kind, loan=facts["loan"], paid=facts["paid"], rate_percent=self.percent(d, "rate_percent", where),
                cap_yuan=self.yuan(d, "cap_yuan", where), up_to=up_to,
            )  # fmt: skip
        if kind in CHOICE_KINDS:
            key = CHOICE_KINDS[kind]
            raw = self.get(d, key, where, dict)
            if not raw:
                raise self.fail(f"{where}.{key}", "至少需要一个选项")
            choices = {str(k): self.amount(v, f"{where}.{key}.{k}") for k, v in raw.items()}
            for k, c in choices.items():
                if c.family == "choice":
                    raise self.fail(f"{where}.{key}.{k}", "选项内不能再嵌套 by_level/by_star/by_field")
            return Amount(kind, choose_by=key.removesuffix("s"), choices=choices)
        if kind == "other_document":
            return Amount(kind, documents=self.strs(d, "documents", where))
        if kind == "service":
            return Amount(kind, service=self.get(d, "service", where, str))
        return Amount(kind)

    def percent(self, d: Any, key: str, where: str) -> Decimal:
        v = self.get(d, key, where, (int, float, str))
        try:
            p = Decimal(str(v))
        except ArithmeticError:
            raise self.fail(f"{where}.{key}", f"应为百分数，实为 {v!r}") from None
        if not 0 < p <= 100:
            raise self.fail(f"{where}.{key}", f"应在 0 到 100 之间，实为 {v}")
        return p

    def terms(self, d: Any, key: str) -> dict[str, Term]:
        out = {}
        for k, spec in (self.get(d, key, "vocabulary", dict) or {}).items():
            where = f"vocabulary.{key}.{k}"
            out[str(k)] = Term(self.get(spec, "name", where, str), self.strs(spec, "words", where))
        return out

    def vocabulary(self, d: Any) -> DocVocabulary:
        stars = self.terms(d, "stars")
        if not all(k.isdigit() for k in stars):
            raise self.fail("vocabulary.stars", f"星级应为数字（5、4、3），实为 {', '.join(stars)}")
        return DocVocabulary(
            levels=self.terms(d, "levels"), stars={int(k): v for k, v in stars.items()},
            fields=self.terms(d, "fields"), not_levels=self.strs(d, "not_levels", "vocabulary", required=False),
        )  # fmt: skip

    def conditions(self, raw: Any, where: str) -> tuple[Condition, ...]:
        out = []
        for i, c in enumerate(raw or []):
            w = f"{where}.conditions[{i}]"
            fact, text = self.get(c, "fact", w, str), self.get(c, "text", w, str)
            if "at_least_yuan" in c:
                self.fact(f"{w}.fact", fact, "yuan")
                out.append(
                    Condition(fact, text, self.yuan(c, "at_least_yuan", w), self.get(c, "inclusive", w, bool),
                              self.get(c, "word", w, str))
                )  # fmt: skip
            else:
                self.fact(f"{w}.fact", fact, "bool")
                out.append(Condition(fact, text))
        return tuple(out)


def clause_texts(policy_md: str) -> dict[tuple[str, ...], str]:
    """Heading path → the text written directly under that heading in policy.md (the loader's reading)."""
    texts: dict[tuple[str, ...], list[str]] = {}
    for section in read_sections(policy_md):
        texts.setdefault(section.path, []).extend(section.lines)
    return {k: "\n".join(v) for k, v in texts.items()}


def _no_shared_words(facts: dict[str, FactSpec], fail: Any) -> None:
    """A word names one amount fact: two facts claiming it would make the figure's role a coin toss."""
    owner: dict[str, str] = {}
    for spec in facts.values():
        for word in spec.words:
            if word in owner:
                raise fail(
                    f"facts.{spec.name}.words",
                    f"词“{word}”已属于 facts.{owner[word]}（一个词只能说明一项金额）",
                )
            owner[word] = spec.name
