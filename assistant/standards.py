"""A rule's figures in words people can check: each threshold and the award's standard, written in 万元.

The clause is quoted verbatim elsewhere in the answer; its own wording may drop the unit ("不低于2000万"), so the
summary lines state every figure again as the calculator reports money (format_wan).
"""

from __future__ import annotations

import re
from typing import Any

from tools.amounts import find_amounts, format_wan
from tools.calc_records import amount_text


def _pct(value: Any) -> str:
    return f"{value.normalize():f}%"


def _threshold(label: str, yuan: int, word: str) -> str:
    # 以上/以下 follow the figure; 不低于/超过/达到 come before it.
    return (
        f"{label}{format_wan(yuan)}{word}"
        if word.endswith(("以上", "及以上"))
        else f"{label}{word}{format_wan(yuan)}"
    )


def condition_lines(rule: Any, labels: dict[str, str]) -> list[str]:
    """The rule's conditions in its own words, each figure also given in 万元; a percentage award's threshold too."""
    lines = []
    for c in rule.conditions:
        line = c.text
        if c.at_least_yuan is not None and format_wan(c.at_least_yuan) not in line:
            line += f"（即{c.word or '不低于'} {format_wan(c.at_least_yuan)}）"
        lines.append(line)
    amount = rule.amount
    if amount.kind == "percent_of_base" and amount.threshold and amount.base:
        t = amount.threshold
        lines.append(_threshold(labels.get(amount.base, "相关投入"), t.yuan, t.word))
    return lines


def standard_line(rule: Any, labels: dict[str, str], choice_names: dict[str, str]) -> str:
    """How much the rule pays, e.g. "按不超过当年相关投入的5%，单个企业最高 50万元"."""
    return _standard(rule.amount, labels, choice_names)


def cap_reach_line(a: Any, labels: dict[str, str]) -> str:
    """Where a rate-with-cap award reaches its cap, with the sum shown: "当年相关投入达到 1000万元（50万元 ÷ 5%）
    即可拿到上限 50万元". Empty for any other award."""
    at = a.cap_reached_at_yuan
    if at is None:
        return ""
    if a.kind == "percent_of_base":
        base, rate = labels.get(a.base or "", "实际投入"), a.percent
    else:
        base, rate = labels.get(a.loan or "", "贷款总额"), a.rate_percent
    line = f"{base}达到 {format_wan(at)}（{format_wan(a.cap_yuan)} ÷ {_pct(rate)}）时，按比例计算的金额达到上限 {format_wan(a.cap_yuan)}"
    if a.kind == "interest_subsidy":
        line += "（贴息同时不超过实际支付的利息）"
    return line


def _standard(a: Any, labels: dict[str, str], names: dict[str, str]) -> str:
    up_to = "不超过" if a.up_to else ""
    if a.kind == "percent_of_base":
        base = labels.get(a.base or "", "实际投入")
        return (
            f"按{up_to}{base}的{_pct(a.percent)}，单个企业最高 {format_wan(a.cap_yuan or 0)}"
            f"；{cap_reach_line(a, labels)}"
        )
    if a.kind == "interest_subsidy":
        paid = labels.get(a.paid or "", "实际支付的贷款利息")
        return (
            f"对{paid}按{up_to}{_pct(a.rate_percent)}的利率水平贴息，单个企业最高 {format_wan(a.cap_yuan or 0)}"
            f"；{cap_reach_line(a, labels)}"
        )
    if a.family == "choice":
        parts = [f"{names.get(k, k)}{_standard(sub, labels, names)}" for k, sub in a.choices.items()]
        return "、".join(parts)
    if a.kind in ("fixed", "ceiling"):
        return amount_text("cash", a.yuan, a.kind == "ceiling")
    return amount_text(a.family, None, False, list(a.documents)) if a.family != "service" else a.service


_EXCLUSIVE = re.compile(r"(?:超过|大于|高于|多于)\s*$")


def boundary_correction(rule: Any, question: str, labels: dict[str, str]) -> str:
    """ "超过300万才有是吗" of a rule that says 300万元以上: 以上/不低于 include the figure itself, so the claim is
    corrected first. Empty when the question does not put a threshold of the rule after 超过/大于."""
    thresholds = [(c.at_least_yuan, c.inclusive, c.word, labels.get(c.fact, "")) for c in rule.conditions]
    if rule.amount.threshold is not None:
        t = rule.amount.threshold
        thresholds.append((t.yuan, t.inclusive, t.word, labels.get(rule.amount.base or "", "")))
    for a in find_amounts(question):
        if not _EXCLUSIVE.search(question[: a.start]):
            continue
        for yuan, inclusive, word, label in thresholds:
            if yuan == a.yuan and inclusive:
                return (
                    f"**不对：原文是“{_threshold(label, yuan, word)}”，“{word}”含本数，"
                    f"正好 {format_wan(yuan)} 也符合。**"
                )
    return ""


# "贴息不设上限对吧" / "这个奖上不封顶吧": the premise that an award has no cap ("有没有上限" asks, it does not claim).
_NO_CAP = re.compile(
    r"(?<!有)(?:不设|没设|没有设?|没|无|不)(?:置)?(?:上限|封顶|限额|顶)|上不封顶|不封顶|不限额|上限都没有|没有天花板"
)


def no_cap_correction(rule: Any, question: str) -> str:
    """ "贴息不设上限对吧？" of a rule with a per-enterprise cap: the premise is corrected first, in the clause's own
    words. Empty when the question does not claim there is no cap, or the rule has none."""
    cap = getattr(rule.amount, "cap_yuan", None)
    if not cap or not _NO_CAP.search(question):
        return ""
    said = next((f for f in reversed(re.split(r"[，；。]", rule.quote or "")) if "最高" in f), "")
    words = f"原文是“{said}”" if said else f"单个企业最高 {format_wan(cap)}"
    return f"**不对，有上限：{words}，即最多 {format_wan(cap)}。**"


# "贴息是按2%算的" / "补贴比例是百分之八": a rate the user says the rule pays at. A rate next to 利率 words is the loan's
# own interest rate ("年利率4%"), a fact to compute from, not a claim about the rule.
_SAID_RATE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*[%％](?!\s*(?:的)?(?:年)?利率)")
_LOAN_RATE_BEFORE = re.compile(r"利率\s*(?:是|为|按|在)?\s*$")


def rate_correction(rule: Any, question: str) -> str:
    """The clause's own rate, when the question says the rule pays at another one ("贴息按2%算的"): "原文是“按不超过
    1%的利率水平给予贴息”，不是2%". Empty for a rule paid at no rate, or when every rate said is the rule's."""
    a = rule.amount
    rate = (
        a.percent if a.kind == "percent_of_base" else a.rate_percent if a.kind == "interest_subsidy" else None
    )
    if rate is None:
        return ""
    said = [
        m.group(1)
        for m in _SAID_RATE.finditer(question)
        if not _LOAN_RATE_BEFORE.search(question[: m.start()])
    ]
    wrong = [s for s in said if float(s) != float(rate)]
    if not wrong:
        return ""
    own = _pct(rate)
    fragment = next((f for f in re.split(r"[，；。]", rule.quote or "") if own in f), "")
    words = f"原文是“{fragment}”" if fragment else f"按政策原文是{own}"
    return f"{rule.title}{words}，不是{wrong[0]}%。"
