"""Typed reading of one rules.yaml: each problem raises CorpusError naming the file and where in it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from common.errors import CorpusError
from common.markdown import read_sections
from tools.calc_schema import CLAIM_AMOUNT_FIELDS, CLAIM_BOOL_FIELDS
from tools.rule_records import (
    AMOUNT_KINDS,
    CHOICE_KINDS,
    Amount,
    Condition,
    DocVocabulary,
    Term,
    Threshold,
)


class RulesReader:
    """Reads one rules.yaml, raising CorpusError that names the file and where in it the problem is."""

    def __init__(self, path: Path) -> None:
        self.path = path

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
            if base not in CLAIM_AMOUNT_FIELDS:
                raise self.fail(
                    f"{where}.base", f"“{base}”不是金额事实，可选：{', '.join(sorted(CLAIM_AMOUNT_FIELDS))}"
                )
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
                if v not in CLAIM_AMOUNT_FIELDS:
                    raise self.fail(f"{where}.{k}", f"“{v}”不是金额事实")
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
                if fact not in CLAIM_AMOUNT_FIELDS:
                    raise self.fail(
                        f"{w}.fact", f"“{fact}”不是金额事实，可选：{', '.join(sorted(CLAIM_AMOUNT_FIELDS))}"
                    )
                out.append(
                    Condition(fact, text, self.yuan(c, "at_least_yuan", w), self.get(c, "inclusive", w, bool),
                              self.get(c, "word", w, str))
                )  # fmt: skip
            elif fact not in CLAIM_BOOL_FIELDS:
                raise self.fail(
                    f"{w}.fact", f"“{fact}”不是是/否事实，可选：{', '.join(sorted(CLAIM_BOOL_FIELDS))}"
                )
            else:
                out.append(Condition(fact, text))
        return tuple(out)


def clause_texts(policy_md: str) -> dict[tuple[str, ...], str]:
    """Heading path → the text written directly under that heading in policy.md (the loader's reading)."""
    texts: dict[tuple[str, ...], list[str]] = {}
    for section in read_sections(policy_md):
        texts.setdefault(section.path, []).extend(section.lines)
    return {k: "\n".join(v) for k, v in texts.items()}
