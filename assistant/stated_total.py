"""A total of awards the enterprise worked out itself, named by no award ("按项目算奖励有45万，地方税交了30万"):
the yearly cap at the local tax paid (附则) applied to it by the calculator's own principle code, with its clause."""

from __future__ import annotations

from assistant import composer
from assistant.composer import Composed
from assistant.context import EngineContext
from assistant.conversation import ConversationState
from assistant.facts import Facts
from tools.amounts import format_wan
from tools.principles import cap_facts, cap_stated_total

_CAP = "tax_cap"


def _held(name: str, facts: Facts, state: ConversationState) -> object:
    if name in facts.amounts:
        return facts.amounts[name]
    held = state.slots.get(name)
    return held[0] if held is not None else None


def stated_total_answer(ctx: EngineContext, facts: Facts, state: ConversationState) -> Composed | None:
    """The answer when one total was stated with the local tax paid (this turn or earlier); None otherwise."""
    meta = ctx.meta()
    doc = ctx.book.doc(meta.doc_id)
    names = cap_facts(doc)
    tax = _held(names.amount, facts, state) if names.amount else None
    if len(facts.claimed_amounts) != 1 or not isinstance(tax, int):
        return None
    try:
        principle = ctx.book.principle(meta.doc_id, _CAP)
    except KeyError:
        return None
    clause = ctx.clause_by_path(principle.clause, meta.doc_id)
    if clause is None or principle.quote not in clause.text:
        return None
    newly = facts.enterprise_flags.get(names.exempt) if names.exempt else False
    total, steps = cap_stated_total(doc, facts.claimed_amounts[0], tax, newly)
    lines = [
        f"**按您算出的 {format_wan(facts.claimed_amounts[0])} 计，当年最多可拿 {format_wan(total)}。**",
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
