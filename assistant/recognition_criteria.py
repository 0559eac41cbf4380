"""The recognition criteria of a title ("某级某称号认定要多少营收", "示范车间评定标准是什么，要多少产值"): set by the
body that recognises it, not by this policy, which only rewards the title once won.

A title the rule book rewards at a level is answered kindly: its award clause quoted, and a lead saying the
recognition standards are set at the recognising level, not in this document. A title it does not reward at all
is refused: neither its criteria nor an award for it is in the corpus; the recognising body is to be asked.
"""

from __future__ import annotations

import re

from assistant import composer
from assistant.composer import Composed
from assistant.context import EngineContext
from assistant.facts import Facts
from assistant.unrewarded_titles import unrewarded_title

_RECOGNISED = re.compile(r"认定|评定|评选|评审|评上|获评|评为|入选|称号")
# what the recognition requires: its standards, or a size of the enterprise asked ("要多少营收")
_CRITERIA = re.compile(
    r"(?:认定|评定|评选|评审|入选|申报)的?(?:标准|条件|门槛|要求|指标|细则|办法)"
    r"|(?:要|需要|得|须|必须)(?:达到|满足|具备)?(?:多少|什么|哪些|啥)(?:条件|标准|营收|产值|收入|销售|利润|人|员工|专利|研发)?"
    r"|(?:营收|营业收入|产值|销售收入|销售额|主营业务收入|利润|纳税|员工|人数)(?:要|需要|得|须)?(?:达到)?多少"
)
# the award asked instead ("认定后奖多少"): answered by the usual path
_AWARD_ASKED = re.compile(r"奖多少|奖励多少|补多少|给多少|拿多少|能拿|奖补多少|补贴多少|奖励标准|奖补标准")


def _levels(rule: object) -> tuple[str, ...]:
    own = tuple(getattr(rule, "levels", None) or ())
    by_level = getattr(getattr(rule, "amount", None), "levels", None) or {}
    return own or tuple(by_level)


def asks_recognition_criteria(text: str) -> bool:
    return bool(_RECOGNISED.search(text) and _CRITERIA.search(text) and not _AWARD_ASKED.search(text))


def recognition_criteria(ctx: EngineContext, text: str, facts: Facts) -> Composed | None:
    """The answer to a title's recognition criteria; None when the message does not ask them."""
    if not asks_recognition_criteria(text):
        return None
    if not facts.awards:
        # a title is named before any recognition verb ("某企业评定的条件"), not only before 认定
        title = unrewarded_title(re.sub(r"评定|评选|评审", "认定", text), ctx.book.vocabulary.level_words)
        if not title:
            return None
        return composer.refuse(
            f"本政策没有提到“{title}”的认定标准：它由认定的部门或机构规定，请向认定部门咨询；"
            "本政策的奖补事项中也没有它",
            injection=False,
            coverage=ctx.coverage,
        )
    rule = ctx.book.rule(facts.awards[0].rule_id)
    levels = _levels(rule)
    clause = ctx.clause_by_path(rule.clause, rule.doc_id)
    if not levels or clause is None:
        return None
    names, labels = ctx.names_and_labels(rule.doc_id)
    asked = facts.awards[0].level
    level = "、".join(names.get(x, x) for x in ((asked,) if asked in levels else levels))
    composed = composer.conditions_answer(ctx.meta(rule.doc_id), clause, rule, names, labels, names)
    composed.text = (
        f"**{rule.title}的认定标准（营收、产值等要求）由{level}认定部门规定，不在本文件中。**"
        "本文件只规定获评后给的奖励，如下。\n\n" + composed.text
    )
    return composed
