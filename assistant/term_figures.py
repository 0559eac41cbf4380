"""The figure a validity answer carries after the term is settled.

"X年X月投了500万，当时符合政策吗": the month is judged against the term first, then the enterprise's own figures are
worked out as the policy stood. "今年刚建成X，还能按这个文件拿Y吗": the term answers (it has ended), then what the
award's clause paid, said as a ceiling of the policy as it stood, never as what can be had now.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from assistant import composer
from assistant.composer import Composed
from assistant.context import EngineContext
from assistant.facts import Facts
from assistant.standards import standard_line
from assistant.term_claims import past_date_inside

# "还能按这个文件拿100万吗 / 还可以按该政策申报吗": whether the document still applies, whatever award is named.
STILL_BY_DOCUMENT = re.compile(
    r"还(?:能|可以|能不能|可不可以|能否)按(?:照)?(?:这个|这份|该|本|这|原来的?|那个)?(?:文件|政策|号文|规定|办法)"
)


def _merge(first: Composed, text: str, second: Composed) -> Composed:
    first.text += text + second.text
    seen = {c.clause_id for c in first.citations}
    first.citations += [c for c in second.citations if c.clause_id not in seen]
    return first


def with_term_figures(
    composed: Composed,
    ctx: EngineContext,
    text: str,
    facts: Facts,
    today: date,
    calculate: Callable[[], Composed],
) -> Composed:
    """The validity answer, followed by the calculation or the named award's ceiling; unchanged otherwise."""
    meta = ctx.meta()
    if meta.valid_from is None or meta.valid_until is None:
        return composed
    if (facts.amounts or facts.awards) and past_date_inside(text, meta.valid_from, meta.valid_until, today):
        worked = calculate()
        if worked.kind in {"answer", "clarify"} and worked.citations:
            return _merge(composed, "\n\n**按您给出的情况，按本政策当时的规定测算：**\n\n", worked)
        return composed
    rule_ids = list(dict.fromkeys(a.rule_id for a in facts.awards))
    if not STILL_BY_DOCUMENT.search(text) or facts.amounts or len(rule_ids) != 1 or today <= meta.valid_until:
        return composed
    rule = ctx.book.rule(rule_ids[0])
    clause = ctx.quoting_clause(rule)
    if clause is None:
        return composed
    labels = {k: f.label for k, f in ctx.book.doc(rule.doc_id).facts.items()}
    line = (
        f"\n\n本政策当时对**{rule.title}**的规定：{standard_line(rule, labels, {})}"
        f"（这是当时的上限，不是现在能拿到的数额）。\n\n依据“{clause.path_str}”：\n> {rule.quote}"
    )
    composed.text += line
    if all(c.clause_id != clause.clause_id for c in composed.citations):
        composed.citations.append(composer.cite(ctx.meta(rule.doc_id), clause, rule.quote))
    return composed
