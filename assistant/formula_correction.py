"""A confirm question that applies the rule's rate to the wrong base ("贴息按利息的1%算"): the rate may be right, the
formula is not. Answered "不对" with the clause's own formula, whether or not the figures for an exact sum are given."""

from __future__ import annotations

import re
from typing import Any

# the rate said to be taken of the interest ("按利息的1%", "利息×1%", "利息乘1%"): the interest is a ceiling, the
# rate is taken of the loan
_RATE_OF_INTEREST = re.compile(
    r"利息\s*(?:的|×|\*|x|乘以?|打)\s*(\d+(?:\.\d+)?)\s*[%％]|(\d+(?:\.\d+)?)\s*[%％]\s*(?:的)?(?:实付|支付的?)?利息"
)


def base_correction(rule: Any, question: str, book: Any, claim: dict[str, Any]) -> str:
    """The clause's formula, when the question takes an interest subsidy's rate of the interest paid; else ""."""
    a = rule.amount
    if a.kind != "interest_subsidy" or not a.loan or not a.paid or not _RATE_OF_INTEREST.search(question):
        return ""
    facts = book.doc(rule.doc_id).facts
    loan, paid = facts[a.loan].label, facts[a.paid].label
    rate = f"{a.rate_percent.normalize():f}%"
    fragment = next((f for f in re.split(r"[，；。]", rule.quote or "") if rate in f), "")
    words = f"原文是“{fragment}”，" if fragment else ""
    cap = f"，单个企业最高{a.cap_yuan // 10000}万元" if a.cap_yuan else ""
    # no loan figure: the rule is still answered; the figures an exact sum needs are asked in the answer below
    need = "" if claim.get(a.loan) else f"（缺{loan}，算不出确切金额）"
    return f"{rule.title}不是按利息的{rate}算：{words}{rate}是按{loan}计的，{paid}只是上限。贴息 = min({paid}, {loan} × {rate}){cap}。{need}"
