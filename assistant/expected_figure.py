"""A why-not follow-up after a calculation ("为啥不是75万", "不应该是75万吗", "怎么才给50万，不是75万吗"): the figure
is the result the user expected, to be confirmed or corrected from the last calculation, never a new investment.

The figure after the why-not words becomes a claimed amount (what the user thinks the award pays); a figure echoing
the answer just given ("才给50万", "只有50万") is set aside. The calculation then runs again on the claims in play.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from assistant.composer import Composed
from assistant.conversation import ConversationState
from assistant.facts import Facts
from assistant.intents import Intent
from assistant.types import ToolCall
from common.errors import BadAmount
from tools.amounts import find_amounts, format_wan, parse_amount

# A question about why the result is what it is: the figure after these words is the one expected instead.
_WHY = re.compile(r"为啥|为什么|为何|怎么|咋|难道|不应该|不该|应该|按理")
_EXPECTED_BEFORE = re.compile(
    r"(?:(?:为啥|为什么|为何|怎么|咋|难道)(?:就|又)?(?:不是|没有?|不给|没给|不够|不到|拿不到|不能拿|不能给)"
    r"|(?:不应该|不该|应该|按理说?|按说)(?:是|有|拿|给|补|奖)"
    r"|不是)(?:足额|全额|整整)?\s*$"
)
# "才给50万 / 只有50万 / 就50万": the answer just given, echoed in the question.
# A calculator step saying the rate's product went over the ceiling.
_CAPPED = re.compile(r"(?<![未不没])超过[^，。]{0,12}上限|上限：|封顶")
# "1500万元 × 5% 超过…上限": the product the user probably expected, written out before the cap.
_PRODUCT = re.compile(r"(?P<base>[\d.,]+万?元) × (?P<rate>\d+(?:\.\d+)?)% (?=超过)")
_ECHOED_BEFORE = re.compile(r"(?:才|只|就|仅)(?:能)?(?:给|拿|补|奖|有|算|批)?了?\s*$")


def expected_figures(text: str, facts: Facts, state: ConversationState) -> bool:
    """Re-read this turn's figures as the result expected (claimed) when it asks why the last calculation came
    out otherwise; True when it did. Only a follow-up that names no award and no amount of its own."""
    loose = facts.bare_amounts + facts.claimed_amounts
    if not state.claims or facts.awards or facts.amounts or not loose or not _WHY.search(text):
        return False
    expected: list[int] = []
    echoed: list[int] = []
    for a in find_amounts(text):
        if a.yuan not in loose:
            continue
        before = text[max(0, a.start - 8) : a.start]
        if _EXPECTED_BEFORE.search(before):
            expected.append(a.yuan)
        elif _ECHOED_BEFORE.search(before):
            echoed.append(a.yuan)
    if not expected:
        return False
    facts.claimed_amounts = expected
    facts.ignored_amounts += [y for y in echoed if y not in expected]
    facts.bare_amounts = [y for y in facts.bare_amounts if y not in expected and y not in echoed]
    return True


def calculate_instead(intent: Intent) -> Intent:
    """The why-not follow-up answered as the calculation again (its own lead below, not a 是/不是 one)."""
    return Intent(
        "calc", (*intent.reasons, "追问“为什么不是X”：X 是预期的结果，按上一轮的测算核对"), "amount"
    )


def _with_product(step: str) -> str:
    m = _PRODUCT.search(step)
    if m is None:
        return step
    try:
        product = Decimal(parse_amount(m["base"])) * Decimal(m["rate"]) / 100
    except (BadAmount, ArithmeticError):
        return step
    return step[: m.end()] + f"= {format_wan(int(product))}，" + step[m.end() :]


def _cap_steps(claim: dict[str, Any]) -> list[str]:
    return [_with_product(s) for s in claim.get("steps", ()) if _CAPPED.search(s)]


def explain_expected(composed: Composed, calls: list[ToolCall], expected: list[int]) -> None:
    """Lead the recalculated answer with whether the expected figure is right, and why not (the cap, the threshold
    or a condition in the clause's words)."""
    result = next((c.output for c in reversed(calls) if c.name == "award_calculator"), None)
    if not isinstance(result, dict) or not result.get("claims") or not expected:
        return
    claims = result["claims"]
    figure = format_wan(max(expected))
    total = result.get("total_yuan")
    refused = [c for c in claims if c.get("eligible") is False]
    if refused:
        why = "；".join(f"{c['title']}：{c.get('reason') or '条件未满足'}" for c in refused)
        lead = f"**不是{figure}。** {why}。"
    elif isinstance(total, int) and total == max(expected):
        lead = f"**是的，{result.get('total_text') or figure}。**"
    elif isinstance(total, int):
        capped = [s for c in claims for s in _cap_steps(c)]
        lead = f"**不是{figure}，按政策原文是{result.get('total_text') or format_wan(total)}。**"
        if capped:
            lead += " " + "；".join(capped) + "。"
    else:
        lead = f"**不能确定是{figure}。** 按政策原文：{result.get('total_text', '')}。"
    quotes = dict.fromkeys(c["quote"] for c in claims if c.get("quote"))
    lead += "".join(f" 原文是：“{q}”" for q in quotes)
    composed.text = lead + "\n\n" + composed.text
    composed.kind = "answer"
