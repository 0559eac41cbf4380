"""Judge one answer against one case: a pass or a fail per expectation, each with the reason.

The rules are written down in evals/README.md; in short, text is folded (full-width → half-width, whitespace
removed) before any comparison, and an amount counts as stated only in the forms an outside judge reads:
Arabic digits followed by 元, 万元, 百万元, 千万元 or 亿元 (40万元, 400,000元, 0.4 百万元). A forbidden amount
(not_amounts_yuan) is caught in any written form, 12.5万 and 十二万五千元 included.

Example:
    >>> from evals.suite import parse_case
    >>> case = parse_case({"id": "x", "category": "calc", "turns": ["?"], "expect": {"kind": "answer",
    ...     "amounts_yuan": [400000]}})
    >>> judge(case, {"kind": "answer", "answer": "可获 40 万元。", "citations": []}).passed
    True
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from evals.suite import Case
from tools.amounts import AmountMention, find_amounts, fold, format_wan

CITED_POSITIONS = 3  # cite_any looks at the first three citations only
# Arabic digits, then one of the multipliers the judge accepts, then 元 (spaces already removed).
_JUDGED_FORM = re.compile(r"[\d.,]+(?:万|百万|千万|亿)?元")


@dataclass(frozen=True)
class Check:
    expectation: str  # kind, cite_any, amounts_yuan, facts_all, not_amounts_yuan, or "answered"
    passed: bool
    reason: str


@dataclass
class Verdict:
    case_id: str
    checks: list[Check] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)

    @property
    def failures(self) -> list[Check]:
        return [c for c in self.checks if not c.passed]

    def to_dict(self) -> dict[str, Any]:
        return {"case_id": self.case_id, "passed": self.passed, "checks": [asdict(c) for c in self.checks]}


def normalise(text: str) -> str:
    """Fold full-width characters and drop every space, so 40 万元 and ４０万元 read as 40万元."""
    return re.sub(r"\s+", "", fold(text))


def judged_amounts(text: str) -> set[int]:
    """Amounts stated in a form the judge accepts (see the module docstring)."""
    return {m.yuan for m in find_amounts(text) if _JUDGED_FORM.fullmatch(normalise(m.raw))}


def any_form_amounts(text: str) -> list[AmountMention]:
    """Every amount written in any form: 12.5万, 三十万元, 2个亿 …"""
    return find_amounts(text)


def path_text(path: object) -> str:
    """A heading path as one string, whether it came as " › "-joined text or as a list of headings."""
    if isinstance(path, list | tuple):
        return " › ".join(str(p) for p in path)
    return str(path or "")


def judge(case: Case, answer: Mapping[str, Any] | None, error: str | None = None) -> Verdict:
    """Check every expectation of ``case`` on ``answer`` (an ``Answer.to_dict()``); None means no answer came."""
    verdict = Verdict(case.id)
    if answer is None:
        verdict.checks.append(Check("answered", False, f"no answer: {error or 'unknown error'}"))
        return verdict
    exp = case.expect
    text = str(answer.get("answer") or "")
    kind = answer.get("kind")
    verdict.checks.append(
        Check(
            "kind",
            kind in exp.kind,
            f"kind {kind!r}" + ("" if kind in exp.kind else f", expected {_or(exp.kind)}"),
        )
    )
    if exp.cite_any:
        verdict.checks.append(_check_cite_any(exp.cite_any, answer.get("citations") or []))
    if exp.amounts_yuan:
        stated = judged_amounts(text)
        missing = [a for a in exp.amounts_yuan if a not in stated]
        if missing:
            other = _list(sorted(stated)) if stated else "none"
            reason = f"missing {_list(missing)}; amounts stated: {other}"
        else:
            reason = f"states {_list(exp.amounts_yuan)}"
        verdict.checks.append(Check("amounts_yuan", not missing, reason))
    if exp.facts_all:
        folded = normalise(text)
        missing_facts = [f for f in exp.facts_all if normalise(f) not in folded]
        reason = f"missing {', '.join(repr(f) for f in missing_facts)}" if missing_facts else "has every fact"
        verdict.checks.append(Check("facts_all", not missing_facts, reason))
    if exp.not_amounts_yuan:
        forbidden = set(exp.not_amounts_yuan)
        hits = [m for m in any_form_amounts(text) if m.yuan in forbidden]
        shown = dict.fromkeys(f"“{m.raw}” ({m.yuan:,}元)" for m in hits)  # each written form once, in order
        reason = (
            "states forbidden " + ", ".join(shown)
            if hits
            else f"does not state {_list(exp.not_amounts_yuan)}"
        )
        verdict.checks.append(Check("not_amounts_yuan", not hits, reason))
    return verdict


def _check_cite_any(keywords: tuple[str, ...], citations: list[Any]) -> Check:
    paths = [path_text(c.get("path") if isinstance(c, Mapping) else c) for c in citations[:CITED_POSITIONS]]
    folded = [normalise(p) for p in paths]
    for kw in keywords:
        for i, p in enumerate(folded):
            if normalise(kw) in p:
                return Check("cite_any", True, f"citation {i + 1} is under {kw!r}")
    if not paths:
        return Check("cite_any", False, f"no citations; expected one under {_or(keywords)}")
    shown = "; ".join(f"{i + 1}. {p}" for i, p in enumerate(paths))
    return Check(
        "cite_any", False, f"none of the first {CITED_POSITIONS} citations is under {_or(keywords)}: {shown}"
    )


def _list(amounts: Any) -> str:
    return ", ".join(format_wan(a) for a in amounts)


def _or(items: tuple[str, ...]) -> str:
    return " or ".join(repr(i) for i in items)
