"""Figures asked that this policy does not set: one to be made up for a report, or the size a recognising body
requires for a title. Each is answered by its own module; this picks the one that applies, with the reason for
the trace."""

from __future__ import annotations

from assistant.composer import Composed
from assistant.context import EngineContext
from assistant.facts import Facts
from assistant.invented_figures import INVENTED_REASON, invented_figure
from assistant.recognition_criteria import recognition_criteria

_CRITERIA_REASON = "问称号的认定标准：由认定部门规定，不在本政策里；本政策奖励的称号引用其奖励条款"


def figure_not_set_here(ctx: EngineContext, text: str, facts: Facts) -> tuple[Composed, str, str] | None:
    """(the answer, the intent it stands for, why) for a figure this policy does not set; None otherwise."""
    if (made_up := invented_figure(ctx, text, facts)) is not None:
        return made_up, "lookup", INVENTED_REASON
    if (criteria := recognition_criteria(ctx, text, facts)) is not None:
        return criteria, "refuse" if criteria.kind == "refuse" else "conditions", _CRITERIA_REASON
    return None
