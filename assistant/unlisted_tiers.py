"""A star rating the award's rule does not list ("二星级工业信息安全防护", when the clause pays five, four and three
stars): a kind 没有, quoting the clause and naming the tiers it pays, never a question about which listed tier.

The tiers come from the rule book (a rule's ``stars``), so a new policy's tiers need no code.
"""

from __future__ import annotations

import re

from assistant import composer
from assistant.composer import Composed
from assistant.context import EngineContext
from assistant.facts import Facts

_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# "二星级", "两星", "2星", "一颗星"; not "卫星"/"明星" (a numeral must come first)
_STAR = re.compile(r"([一二两三四五六七八九\d])\s*(?:颗)?星(?:级)?")


def _star_name(n: int) -> str:
    return next((c for c, v in _DIGITS.items() if v == n), str(n)) + "星级"


def _stars_said(text: str) -> list[int]:
    return [int(m.group(1)) if m.group(1).isdigit() else _DIGITS[m.group(1)] for m in _STAR.finditer(text)]


def unlisted_star(ctx: EngineContext, text: str, facts: Facts) -> Composed | None:
    """没有, with the clause quoted, when the one award named is paid by star and every star said is one it does
    not list."""
    rule_ids = list(dict.fromkeys(a.rule_id for a in facts.awards))
    if len(rule_ids) != 1 or facts.stars or any(a.star for a in facts.awards):
        return None
    rule = ctx.book.rule(rule_ids[0])
    said = _stars_said(text)
    if not rule.stars or not said or any(s in rule.stars for s in said):
        return None
    clause = ctx.quoting_clause(rule)
    if clause is None:
        return None
    names = ctx.book.vocabulary.star_names
    listed = "、".join(names.get(s, _star_name(s)) for s in rule.stars)
    asked = "、".join(dict.fromkeys(names.get(s, _star_name(s)) for s in said))
    lines = [
        f"**没有。** 本政策对{rule.title}只奖励{listed}，{asked}不在奖励范围内。",
        "",
        f"依据“{clause.path_str}”：",
        f"> {rule.quote}",
        "",
        f"评上{listed}中的一档后可按该档申请；有疑问请咨询{'、'.join(rule.department) or '市相关部门'}。",
    ]
    return Composed("answer", "\n".join(lines), [composer.cite(ctx.meta(rule.doc_id), clause, rule.quote)])
