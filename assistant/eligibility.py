"""Who may use the policy at all: scope (注册、纳税、独立法人), the exclusions, and what fraud costs."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant import composer
from assistant.composer import Composed
from assistant.conversation import ConversationState
from assistant.facts import Facts
from assistant.intents import FRAUD
from assistant.quotes import sentence_with, sentences
from assistant.types import Plan, ToolCall
from common.markdown import cited_as

# "哪些企业会被排除 / 什么情况不能享受": the exclusions of the scope clause, not who it covers.
_EXCLUDED_ASKED = re.compile(
    # "能不能申请 / 可不可以享受" asks whether one may, which the scope sentence answers; only a plain 不 is excluded
    r"排除|除外|(?<![能可])不(?:能|可以|得|予|会)?(?:享受|申报|申请|适用|支持|给予?)|不包括|不在[^，。？?]{0,4}范围|没有资格|黑名单|(?:哪些|什么)(?:情况|情形)[^，。？?]{0,4}不行"
)
# "什么样的企业才能享受？有没有排除的情况": who is covered asked too, so both sentences of the clause answer.
_COVERED_ASKED = re.compile(
    r"什么样的|哪些(?:企业|单位|公司)[^，。？?]{0,6}(?:能|可以)|才能|谁(?:能|可以)|适用(?:于|对象)"
)

if TYPE_CHECKING:
    from assistant.planner import RulesPlanner


def compose_eligibility(
    planner: RulesPlanner,
    text: str,
    facts: Facts,
    state: ConversationState,
    plan: Plan,
    calls: list[ToolCall],
) -> Composed:
    ctx = planner.ctx
    if facts.exclusions:
        clause = ctx.book_clause("exclusions")
        names = [ctx.book.exclusion(e).name for e in facts.exclusions]
        quote = sentence_with(clause.text, "除外") if clause else None
        meta = ctx.meta(clause.doc_id if clause else None)
        head = (
            f"**不能享受。** 根据{cited_as(clause.path) if clause else '本政策适用范围'}，"
            + "、".join(names)
            + "的单位属于除外情形，不适用本政策的奖补。"
        )
        if "实施期限内" in "".join(names):
            head += "（除外情形针对的是政策实施期限内发生的行为。）"
        return _with_quote(meta, clause, quote, head, "有这种情形的企业不能享受本政策奖补。", planner)
    if FRAUD.search(text):
        clause = ctx.book_clause("fraud")
        quote = sentence_with(clause.text, "弄虚作假") if clause else None
        head = "对弄虚作假、骗取资金的单位或个人：纳入失信管理，追回奖补资金，并依法追究相应责任。"
        return _with_quote(ctx.meta(), clause, quote, head, head, planner)
    clause = ctx.book_clause("scope")
    # the sentence naming who is covered: the one about legal persons, else the clause's first
    quote = (
        (sentence_with(clause.text, "独立法人") or next(iter(sentences(clause.text)), None))
        if clause
        else None
    )
    excluded = sentence_with(clause.text, "除外") if clause else None
    if excluded and not facts.out_of_scope and _EXCLUDED_ASKED.search(text):
        # "哪些企业不能享受": the 但…除外 sentence is the answer, quoted whole (every excluded behaviour)
        who = re.sub(r"^但", "", excluded).removesuffix("。").removesuffix("除外")
        head = f"以下单位不能享受本政策奖补（{cited_as(clause.path)}的除外情形）：{who}。"  # type: ignore[union-attr]
        if quote and quote != excluded and _COVERED_ASKED.search(text):
            head = f"适用对象：{quote.removesuffix('。')}。\n\n{head}"
            # both sentences were cut from this clause, so the whole clause is the verbatim span that holds them
            return _with_quote(ctx.meta(clause.doc_id), clause, clause.text.strip(), head, head, planner)  # type: ignore[union-attr]
        return _with_quote(ctx.meta(clause.doc_id), clause, excluded, head, head, planner)  # type: ignore[union-attr]
    # who is covered and who is excluded, in the clause's own words
    covered = (
        f"本政策适用于{quote.strip().removeprefix('本政策适用于').removesuffix('。')}"
        if quote
        else "本政策的适用范围见下"
    )
    problems = [f"不{what}" for what in facts.out_of_scope]
    if problems and clause:
        head = f"**不能。** 不符合{cited_as(clause.path)}：{covered}；您说的情况{'，'.join(problems)}。"
    elif problems:
        head = f"**不能。** 不符合本政策适用范围；您说的情况{'，'.join(problems)}。"
    else:
        who = re.sub(r"^但", "", excluded).removesuffix("。").removesuffix("除外") if excluded else ""
        head = covered + (f"（{who}除外）" if who else "") + "。"
    return _with_quote(ctx.meta(), clause, quote, head, head, planner)


def _with_quote(meta, clause, quote, head: str, script: str, planner: RulesPlanner) -> Composed:  # type: ignore[no-untyped-def]
    cites = [composer.cite(meta, clause, quote)] if clause and quote else []
    text = head + (f"\n\n依据“{clause.path_str}”：\n> {quote}" if cites else "")
    dept = meta.contact_department
    return Composed("answer", text, cites, composer.helpdesk(script, cites[0] if cites else None, dept))
