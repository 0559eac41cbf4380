"""Which document an award follows ("按哪个文件执行", "依据的是哪个文", "参照什么文件"), asked of an award whose amount
this policy leaves to other documents: their titles and numbers from the award's own clause, quoted and cited.

The award is the one the message names, else the one the dialogue was about (its award slot, then the clause
last cited). Only awards the rule book marks as paid by other documents are answered here; any other "哪个文件" is
about this policy itself and is left to the document answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant import composer
from assistant.composer import Composed
from assistant.conversation import ConversationState
from assistant.facts import Facts
from assistant.referred_documents import ReferredDocument, referred_documents

# "按哪个文件执行", "依据的是哪个文", "参照什么文件", "是哪份文件规定的", "适用哪些办法"
_WHICH_DOCUMENT = re.compile(
    r"(?:按|按照|依|依据|依照|参照|参考|根据|执行|适用|对应|套用)[^，。？?！!]{0,4}"
    r"(?:哪个|哪一个|哪份|哪一份|哪些|哪几个|哪几份|什么|啥)(?:文件|文号|文|政策|规定|办法)"
    r"|(?:哪个|哪份|哪些|什么|啥)(?:文件|文)[^，。？?！!]{0,4}(?:执行|为准|依据|规定)"
)
_TITLE_NOTE = re.compile(r"[（(][^）)]*[）)]$")


def asks_which_document(text: str) -> bool:
    return bool(_WHICH_DOCUMENT.search(text))


def referral_answer(
    text: str, facts: Facts, state: ConversationState, ctx: Any
) -> tuple[str, Composed] | None:
    """(reason, answer) naming the documents an award follows, or None when the message does not ask which
    document or the award asked about is paid by this policy itself."""
    if not asks_which_document(text):
        return None
    award_ids = [a.rule_id for a in facts.awards] or state.topic_rules or [c["award"] for c in state.claims]
    topic_path = ctx.clause(state.topic_clause).path if state.topic_clause and not award_ids else None
    docs = referred_documents(ctx.book.rules)
    referring = {rid for d in docs for rid in d.rule_ids}
    rules = [ctx.book.rule(r) for r in award_ids]
    if not rules and topic_path:
        rules = [r for r in ctx.book.rules if tuple(r.clause) == tuple(topic_path)]
    rules = [r for r in rules if r.id in referring]
    if not rules:
        return None
    rule = rules[0]
    clause = ctx.quoting_clause(rule)
    if clause is None or not rule.quote:
        return None
    named = [d for d in docs if rule.id in d.rule_ids]
    meta = ctx.meta(rule.doc_id)
    title = _TITLE_NOTE.sub("", rule.title) or rule.title
    text_out = (
        f"{title}{'' if re.search(r'(?:奖励?|补贴|奖补|贴息|资助)$', title) else '的奖励'}按{_names(named)}等相关政策执行（本政策只引用这些文件，具体标准以各文件原文为准）。\n\n"
        f"依据“{clause.path_str}”：\n> {rule.quote}"
    )
    cite = composer.cite(meta, clause, rule.quote)
    department = composer.responsible(clause)
    composed = Composed(
        "answer", text_out, [cite], composer.helpdesk(text_out, cite, department[0] if department else "")
    )
    return f"问{title}按哪个文件执行：读条款引用的文件", composed


def _names(docs: Sequence[ReferredDocument]) -> str:
    return "、".join(f"《{d.title}》（{d.number}）" if d.title else d.number for d in docs)
