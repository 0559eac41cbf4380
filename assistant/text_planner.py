"""The planner of a document that has no rules.yaml: it answers from the document's text, never computing money.

Injection and off-topic messages are refused as for any document; everything else is a cited lookup in this
document only (the router already decided which document the turn is about).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from assistant import composer
from assistant.conversation import ConversationState
from assistant.doc_answers import answer_from_text
from assistant.scope import judge_scope
from assistant.types import Answer, Plan, ToolCall


class TextPlanner:
    name = "text"

    def __init__(self, ctx: Any, today: Callable[[], date] = date.today) -> None:
        self.ctx = ctx
        self.today = today

    def _search(self, query: str, doc_id: str, k: int) -> list[Any]:
        hits = self.ctx.index.search(query, k)
        return list(
            dict.fromkeys(self.ctx.clause(h.chunk.clause_id) for h in hits if h.chunk.doc_id == doc_id)
        )

    def respond(self, text: str, state: ConversationState) -> Answer:
        meta = self.ctx.meta()
        scope = judge_scope(text, 1, self.ctx.coverage)  # 1: the router found this document relevant
        calls: list[ToolCall] = []
        if scope.kind in ("injection", "off_topic", "other_place", "other_document"):
            composed = composer.refuse(
                scope.reason, injection=scope.kind == "injection", coverage=self.ctx.coverage
            )
            intent = "refuse"
        else:
            composed = answer_from_text(text, meta, self._search, self.today(), calls)
            intent = "lookup"
        plan = Plan(intent=intent, reasons=[f"{meta.doc_id} 没有奖补规则，按原文回答"])
        trace = [f"意图：{intent}（{plan.reasons[0]}）"]
        trace += [f"调用工具 {c.name}" for c in calls] + [f"引用 {c.path}" for c in composed.citations]
        if composed.citations:
            state.topic_clause = composed.citations[0].clause_id
        state.last_intent = intent
        return composed.answer(calls, plan, self.name, trace)
