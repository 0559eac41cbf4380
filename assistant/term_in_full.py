"""The term stated in full wherever an answer rests on the term clause.

An answer whose first citation is the 实施期限 clause — reached by a lookup as well as by the validity question —
says when the policy started, when it ends, whether that day has passed, and whom to ask; the bare sentence
"自公布之日起施行，有效期三年" answers none of that. A validity answer that sets the plan's years beside the
attachment's term cites the plan's title line, where those years are written.
"""

from __future__ import annotations

import re
from datetime import date

from assistant.composer import Composed, cite
from assistant.context import EngineContext
from assistant.doc_answers import cn_date

_PLAN = re.compile(r"行动计划|三年计划")


def full_term(composed: Composed, ctx: EngineContext, today: date) -> Composed:
    """The answer with the term's start, end, ended-or-not and department put first when it cites the term
    clause first and does not already give the end date."""
    if composed.kind != "answer" or not composed.citations:
        return composed
    first = composed.citations[0]
    term = ctx.book_clause("validity", first.doc_id or None)
    if term is None or first.clause_id != term.clause_id:
        return composed
    meta = ctx.meta(term.doc_id)
    if meta.valid_from is None or meta.valid_until is None or cn_date(meta.valid_until) in composed.text:
        return composed
    ask = meta.contact_department or meta.issuer
    status = "已经到期" if today > meta.valid_until else "目前仍在有效期内"
    composed.text = (
        f"本政策自{cn_date(meta.valid_from)}公布之日起施行，有效期至{cn_date(meta.valid_until)}，{status}；"
        f"现行政策请向{ask}咨询。\n\n{composed.text}"
    )
    return composed


def plan_cited(composed: Composed, ctx: EngineContext, question: str) -> Composed:
    """A validity answer that states the plan's years, with the plan's title line cited after the term clause."""
    if not composed.citations or not _PLAN.search(question):
        return composed
    meta = ctx.meta(composed.citations[0].doc_id or None)
    if not meta.plan_period or meta.plan_period not in composed.text:
        return composed
    own = [c for c in ctx.index.clauses if c.doc_id == meta.doc_id]
    notice_part = own[0].path[0] if own else None
    for clause in own:
        if clause.path[0] == notice_part:
            continue  # the notice names the plan too; its own part states the years as its title
        line = next((ln.strip() for ln in clause.text.splitlines() if "计划（" in ln and "年）" in ln), None)
        if line:
            if all(c.clause_id != clause.clause_id for c in composed.citations):
                composed.citations.append(cite(meta, clause, line))
            break
    return composed


# "去年底刚弄完的项目": a project dated relative to today, done (or started) at that time
_RELATIVE = re.compile(
    r"(前年|去年|今年|本年度?)(年底|年末|底|末|下半年|12月|十二月)?[^，。？?]{0,8}?"
    r"(?:项目|弄完|弄好|做完|做好|搞完|搞好|建好|完成|完工|建成|投产|验收|上线|改造|投入)"
)
_BACK = {"前年": 2, "去年": 1}
_LATE_PART = {"下半年": 7}


def late_project(composed: Composed, ctx: EngineContext, question: str, today: date) -> Composed:
    """A validity answer that says so first when the project the user dates relative to today ("去年底刚弄完的")
    lies after the term's end: it ended on that day, and a project after it is outside the term."""
    m = _RELATIVE.search(question)
    if m is None or not composed.citations:
        return composed
    meta = ctx.meta(composed.citations[0].doc_id or None)
    end = meta.valid_until
    if end is None or today <= end:
        return composed
    year = today.year - _BACK.get(m.group(1), 0)
    month = _LATE_PART.get(m.group(2) or "", 12 if m.group(2) else 1)
    if (year, month) <= (end.year, end.month):
        return composed  # "去年初" may still lie inside the term; the dates below say so
    said = f"{m.group(1)}{m.group(2) or ''}"
    line = (
        f"本政策已于{cn_date(end)}到期，{said}（{year}年）的项目在此之后，不在本政策实施期限内，"
        f"不能再按本政策申报；请向{meta.contact_department or meta.issuer}咨询现行政策。"
    )
    lead = "**已经到期，不再执行。** "
    body = composed.text[len(lead) :] if composed.text.startswith(lead) else composed.text
    composed.text = f"{lead}{line}\n\n{body}"
    return composed
