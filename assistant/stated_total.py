"""A total of awards the enterprise worked out itself, named by no award ("按项目算奖励有45万，地方税交了30万"), in
this turn or an earlier one: the yearly cap at the local tax paid (附则) applied to it by the calculator's own
principle code, with its clause."""

from __future__ import annotations

import re

from assistant import composer
from assistant.composer import Composed
from assistant.context import EngineContext
from assistant.conversation import ConversationState
from assistant.facts import Facts, extract_facts
from tools.amounts import format_wan
from tools.principles import cap_facts, cap_stated_total

_CAP = "tax_cap"


def _held(name: str, facts: Facts, state: ConversationState) -> object:
    if name in facts.amounts:
        return facts.amounts[name]
    held = state.slots.get(name)
    return held[0] if held is not None else None


# "能拿的奖加起来80万 / 各项奖补合计80万": a figure said to be the sum of the awards.
_SUMMED = re.compile(r"加起来|合起来|一共|总共|合计|共计|加在一起|总计|总额|算下来")


def _earlier_total(ctx: EngineContext, state: ConversationState) -> list[int]:
    """A total of awards stated in an earlier turn that named none ("我们今年能拿的奖加起来80万"), unless a later
    turn named an award (the dialogue has moved on to it)."""
    for turn in reversed(state.history):
        said = extract_facts(turn.question, ctx.vocab)
        if said.awards:
            return []
        if len(said.claimed_amounts) == 1 and _SUMMED.search(turn.question):
            return said.claimed_amounts
    return []


def stated_total_answer(ctx: EngineContext, facts: Facts, state: ConversationState) -> Composed | None:
    """The answer when one total was stated with the local tax paid (this turn or earlier); None otherwise."""
    meta = ctx.meta()
    doc = ctx.book.doc(meta.doc_id)
    names = cap_facts(doc)
    tax = _held(names.amount, facts, state) if names.amount else None
    claimed = facts.claimed_amounts
    if not claimed and not facts.awards and isinstance(tax, int):
        claimed = _earlier_total(ctx, state)
    if len(claimed) != 1 or not isinstance(tax, int):
        return None
    try:
        principle = ctx.book.principle(meta.doc_id, _CAP)
    except KeyError:
        return None
    clause = ctx.clause_by_path(principle.clause, meta.doc_id)
    if clause is None or principle.quote not in clause.text:
        return None
    newly = facts.enterprise_flags.get(names.exempt) if names.exempt else False
    total, steps = cap_stated_total(doc, claimed[0], tax, newly)
    lines = [
        f"**按您算出的 {format_wan(claimed[0])} 计，当年最多可拿 {format_wan(total)}。**",
        *(f"- {s}" for s in steps),
    ]
    if newly is None and names.exempt:
        exempt = doc.facts[names.exempt].label.removeprefix("是否")
        lines.append(f"- 待确认：是否属于{exempt}（{exempt}不受此限）")
    lines += [
        "",
        "各项奖补的金额是您自己算的，未逐项核对；如需核对，请告诉我各项的事项、级别和投入金额。",
        "",
        f"依据“{clause.path_str}”：",
        f"> {principle.quote}",
    ]
    return Composed("answer", "\n".join(lines), [composer.cite(meta, clause, principle.quote)])
