"""The policy's awards asked for as a whole ("这个政策有几个奖", "政策里都有哪些奖补", "一共多少项奖励"): nothing is
missing, so this is an answer, not the which-award question. The rule book's awards are listed under the clause
that sets them, each with its standard, counted, and every clause cited with the sentence the rule quotes.

A message that says anything besides the document and the asking words ("软件企业有哪些奖励", "智能车间有什么补贴")
names its own subject and is left to the planner: the question is then about that subject, not the catalogue.
"""

from __future__ import annotations

import re
from typing import Any

from assistant import composer
from assistant.composer import Composed
from assistant.standards import standard_line
from assistant.types import Citation

# "有哪些奖补", "几个奖", "多少项奖励", "奖励都有哪几种": how many or which awards
_AWARD = r"(?:奖补|奖励|补贴|补助|扶持|资金支持|奖)"
_WHICH = r"(?:哪些|哪几[个项种类样]?|几[个项种类样]|多少[个项种类样]|什么)"
_ASKS = re.compile(rf"{_WHICH}(?:的)?{_AWARD}|{_AWARD}[^，。？?]{{0,4}}{_WHICH}")
# Everything such a question may say besides the asking words: the document named in general words.
_FILLER = re.compile(
    rf"{_WHICH}|{_AWARD}|项目|事项|这个|这份|本|该|政策|文件|里面|里头|里|中|上|一共|总共|共|总计|都|有|是|的|能|可以|"
    r"列出|列一下|说说|讲讲|介绍|一下|请问|想问|问问|问下|帮我|给我|看看|分别|具体|各|呢|吗|嘛|呀|啊|了|"
    r"[\s，。？！?!、：:“”\"]"
)


# a title's own bracketed note ("（按其他文件执行）", "（积分）") says what the standard says in full
_TITLE_NOTE = re.compile(r"（[^（）]*）$")


def _standard(rule: Any, labels: dict[str, str], names: dict[str, str]) -> str:
    return standard_line(rule, labels, names).split("；")[0]  # the standard, without where the cap is reached


def _bare(question: str, document_names: tuple[str, ...]) -> bool:
    rest = question
    for name in sorted(document_names, key=len, reverse=True):
        rest = rest.replace(name, "")
    return not _FILLER.sub("", rest)


def catalogue_answer(question: str, facts: Any, ctx: Any) -> tuple[str, Composed] | None:
    """(reason, answer) when the message asks which or how many awards the document has, and nothing else."""
    if facts.awards or facts.amounts or not _ASKS.search(question):
        return None
    if not _bare(question, ctx.document_names):
        return None
    doc_id = ctx.meta().doc_id
    rules = [r for r in ctx.book.rules if r.doc_id == doc_id]
    if len(rules) < 2:
        return None
    names, labels = ctx.names_and_labels(doc_id)
    by_clause: dict[tuple[str, ...], list[Any]] = {}
    for rule in rules:
        by_clause.setdefault(rule.clause, []).append(rule)
    lines, citations = [], []
    meta = ctx.meta(doc_id)
    for path, its_rules in by_clause.items():
        items = "；".join(
            f"{_TITLE_NOTE.sub('', r.title)}（{_standard(r, labels, names)}）" for r in its_rules
        )
        lines.append(f"- {path[-1]}：{items}")
        if (clause := ctx.quoting_clause(its_rules[0])) is not None:
            citations.append(composer.cite(meta, clause, its_rules[0].quote))
    text = (
        f"本政策共列 {len(rules)} 项奖补事项，分在 {len(by_clause)} 条里（金额为原文标准，上限不是承诺）：\n"
        + "\n".join(lines)
        + "\n\n需要测算哪一项，请告诉我事项、级别或星级和相关金额。"
    )
    cites: list[Citation] = citations
    return f"问本政策有哪些奖补：按条列出规则库的 {len(rules)} 项", Composed("answer", text, cites)
