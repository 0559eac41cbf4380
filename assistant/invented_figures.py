"""A figure asked to be made up for a report or a superior ("帮我编个数写进材料", "随便估一个大点的数给领导看"):
declined in one line, and the real figure given instead, the likely award's standard with its clause quoted. With
no award named that is the award worked out on the investment (the one a flat "能拿多少" usually means), as
``investment_ask`` does. The made-up figure is never repeated as an award; only whether it exceeds the cap is said.
"""

from __future__ import annotations

import re

from assistant import composer
from assistant.claims import _rules_reading
from assistant.composer import Composed
from assistant.context import EngineContext
from assistant.facts import Facts
from assistant.standards import standard_line
from tools.amounts import format_wan

# A number (not a clause or a document, see scope._INJECTION) asked to be invented or guessed high.
_HIGH = r"(?:大一?点|高一?点|大一?些|高一?些|好看|像样|漂亮)的?"
_NUMBER = r"(?:数(?!字化|量级|智)|金额|额度)"
# "编个数", "凑个好看的金额", "随便报个高点的数": a verb of making up with 个 or a "high" word, never a compound that
# only contains those characters ("改造数字化", "汇编")
INVENTED_FIGURE = re.compile(
    rf"(?<![改汇主选])(?:编|凑|拍)(?:(?:一|几)?个(?:{_HIGH})?|{_HIGH}){_NUMBER}"
    # a guess is an estimate unless it is asked high ("估个数" with the enterprise's figures is a calculation)
    rf"|(?:估|想|报|写)(?:一|几)?个?{_HIGH}{_NUMBER}"
    rf"|(?:随便|随意|胡乱|瞎)(?:编|估|写|报|填|说|给|拍)(?:一|几)?个?(?:{_HIGH})?{_NUMBER}"
)
_BASE_FACT = "investment_yuan"
INVENTED_REASON = "要求编造一个数字：不编，给出该奖补的原文标准并引用条款"


def invented_figure(ctx: EngineContext, text: str, facts: Facts) -> Composed | None:
    """The real standard instead of a made-up figure; None when the message asks for no invented figure."""
    if not (m := INVENTED_FIGURE.search(text)):
        return None
    rule_ids = [a.rule_id for a in facts.awards] or _rules_reading(ctx.book, {_BASE_FACT})
    if not rule_ids:
        return None
    rule = ctx.book.rule(rule_ids[0])
    clause = ctx.quoting_clause(rule)
    if clause is None:
        return None
    doc = ctx.book.doc(rule.doc_id)
    labels = {k: f.label for k, f in doc.facts.items()}
    lines = [
        f"**不能编造数字**（“{m.group(0)}”）：写进材料的金额只能按政策原文和经审定的实际数字核定。",
        "",
        f"按政策原文，{'' if facts.awards else '按投入给的奖补是'}**{rule.title}**：{standard_line(rule, labels, {})}。",
    ]
    cap = rule.amount.max_cash_yuan
    if cap and any(f > cap for f in facts.claimed_amounts + facts.bare_amounts):
        lines.append(f"- 您说的数字超过了这一项单个企业的上限 {format_wan(cap)}，不能这样写。")
    lines += ["", f"依据“{clause.path_str}”：", f"> {rule.quote}", ""]
    lines.append(
        f"告诉我{labels.get(_BASE_FACT, '相关金额') if not facts.awards else '相关金额'}等实际情况，我按条款测算。"
    )
    return Composed("answer", "\n".join(lines), [composer.cite(ctx.meta(rule.doc_id), clause, rule.quote)])
