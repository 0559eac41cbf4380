"""Money asked about an investment named in general words, no award and no figure ("智能改造投了一些钱，能补多少",
"车间改造能补30万吗"): the award whose rule is worked out on the investment is the likely one. Its clause is cited
and the investment asked for; a figure the enterprise hopes for is answered with the investment that reaches it
(from the rule's rate and cap); an honour whose name shares the place word (车间 → 示范车间) is offered beside it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import Any

from assistant import composer
from assistant.claims import _rules_reading
from assistant.composer import Composed
from assistant.context import EngineContext
from assistant.conversation import ConversationState
from assistant.facts import Facts
from assistant.vague_amounts import vague_amount
from tools.amounts import format_wan

# Spending said in words, with no sum: the investment the award is worked out on.
_INVESTED = re.compile(r"投了|投入|投资|花了|花费|砸了|改造|建设|建了|新建")
# The place the investment builds; an honour whose title holds the same word may be what is meant.
_PLACES = ("车间", "工厂")
_BASE_FACT = "investment_yuan"


def _place(text: str, quote: str) -> str:
    """The place word of the message, when the investment rule's own sentence names it (智能车间 → 车间)."""
    return next((p for p in _PLACES if p in text and p in quote), "")


def investment_ask(
    ctx: EngineContext, text: str, facts: Facts, calculate: Callable[[dict[str, Any]], dict[str, Any] | str]
) -> Composed | None:
    if facts.awards or facts.amounts:
        return None
    rule_ids = _rules_reading(ctx.book, {_BASE_FACT})
    if len(rule_ids) != 1:
        return None
    rule = ctx.book.rule(rule_ids[0])
    place = _place(text, rule.quote)
    rough = vague_amount(text)
    if not (_INVESTED.search(text) or place or rough):
        return None
    meta = ctx.meta(rule.doc_id)
    clause = ctx.quoting_clause(rule)
    if clause is None:
        return None
    label = ctx.book.doc(rule.doc_id).facts[_BASE_FACT].label
    a = rule.amount
    lines = [f"按投入给奖补的是**{rule.title}**。请告诉我{label}的金额，我按条款测算。"]
    if rough:
        # a rough sum may lie either side of the threshold and below or above the cap: no figure is worked on it
        lines.insert(0, f"“{rough}”不是确切金额，能拿多少要看{label}的具体数字。")
    if facts.deltas:
        # a change is not the year's total: neither the threshold nor the award is judged on it
        lines.insert(
            0,
            f"您说的 {format_wan(facts.deltas[0])} 是比上年增加的部分，不是{label}的总额；"
            "门槛和奖补都按当年的总额判断，不能按增加额测算。",
        )
    if facts.claimed_amounts and a.percent and a.cap_yuan:
        want = facts.claimed_amounts[0]
        if want > a.cap_yuan:
            lines.append(
                f"- 您问的 {format_wan(want)} 超过单个企业上限 {format_wan(a.cap_yuan)}，最多拿 {format_wan(a.cap_yuan)}。"
            )
            want = a.cap_yuan
        need = int((Decimal(want) * 100 / a.percent).to_integral_value(rounding="ROUND_CEILING"))
        if a.threshold is not None:
            need = max(need, a.threshold.yuan)
        # the calculator works the figure at that investment: the line is said only when it confirms it
        worked = calculate({"enterprise": {}, "claims": [{"award": rule.id, _BASE_FACT: need}]})
        paid = worked.get("claims", [{}])[0].get("amount_yuan") if isinstance(worked, dict) else None
        if paid == want:
            lines.append(
                f"- 要拿到 {format_wan(want)}：{label}需达到 {format_wan(need)}（{format_wan(want)} ÷ {a.percent.normalize()}%），"
                f"且满足条款的其他条件。"
            )
    lines += ["", f"依据“{clause.path_str}”：", f"> {rule.quote}"]
    citations = [composer.cite(meta, clause, rule.quote)]
    honours = [
        r
        for r in ctx.book.rules
        if place and r.id != rule.id and place in r.title and r.doc_id == rule.doc_id
    ]
    for other in honours[:3]:
        oc = ctx.clause_by_path(other.clause, other.doc_id)
        if oc is None or other.quote not in oc.text:
            continue
        lines += [
            "",
            f"如果您说的是获评**{other.title}**，则按这一条：",
            f"依据“{oc.path_str}”：",
            f"> {other.quote}",
        ]
        if all(c.clause_id != oc.clause_id for c in citations):
            citations.append(composer.cite(meta, oc, other.quote))
    return Composed("clarify", "\n".join(lines), citations)


def delta_ask(
    ctx: EngineContext, text: str, facts: Facts, calculate: Callable[[dict[str, Any]], dict[str, Any] | str]
) -> Composed | None:
    """Only a change in the investment given ("比去年多了200万"), at most the investment award named: the year's
    total is asked for; neither the threshold nor the award is judged on the change."""
    if not facts.deltas or facts.amounts:
        return None
    if any(a.rule_id not in _rules_reading(ctx.book, {_BASE_FACT}) for a in facts.awards):
        return None
    return investment_ask(ctx, text, replace(facts, awards=[]), calculate)


# "所有企业一律补50万" / "不管什么项目都给30万": one figure said to be paid to everyone, whatever the matter.
_BLANKET = re.compile(
    r"所有|一律|统一|一刀切|不管|不论|无论|不分|每家|每个企业|家家|人人|全都|都(?:给|补|奖|发|能拿|一样)"
)


def blanket_figure(ctx: EngineContext, text: str, facts: Facts, state: ConversationState) -> Composed | None:
    """不是 for a confirm question that presses one figure on every enterprise or project with no award named: the
    awards differ by matter. The investment award (the one people most often mean by a flat 补贴) is quoted and
    cited first; the other matters are said to have their own amounts."""
    figures = facts.claimed_amounts or facts.bare_amounts
    if facts.awards or facts.amounts or not figures or not _BLANKET.search(text):
        return None
    rule_ids = _rules_reading(ctx.book, {_BASE_FACT})
    if len(rule_ids) != 1:
        return None
    rule = ctx.book.rule(rule_ids[0])
    clause = ctx.quoting_clause(rule)
    if clause is None:
        return None
    from assistant.standards import standard_line

    doc = ctx.book.doc(rule.doc_id)
    labels = {k: f.label for k, f in doc.facts.items()}
    said = format_wan(figures[0])
    others = [r for r in ctx.book.rules if r.doc_id == rule.doc_id and r.id != rule.id]
    lines = [
        f"**不是。** 本政策没有“一律补{said}”的规定：奖补按事项分别规定，条件和金额各不相同。",
        "",
        f"常说的按投入给的奖补是**{rule.title}**：{standard_line(rule, labels, {})}。",
    ]
    if a_cap := rule.amount.max_cash_yuan:
        if figures[0] == a_cap:
            lines.append(f"- {said}是这一项单个企业的上限，按投入比例计算，不是每家都拿{said}。")
    lines += ["", f"依据“{clause.path_str}”：", f"> {rule.quote}", ""]
    lines.append(
        f"其他{len(others)}项事项（如{'、'.join(r.title for r in others[:3])}等）各有各的条件和金额；"
        "告诉我具体事项和相关金额，我按条款测算。"
    )
    meta = ctx.meta(rule.doc_id)
    state.topic_rules = [rule.id]  # "那我投了600万呢" follows on from this award
    return Composed("answer", "\n".join(lines), [composer.cite(meta, clause, rule.quote)])
