"""What a conversation remembers between turns: facts carried over, the last topic, bounded history."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Turn:
    question: str
    kind: str
    intent: str
    answer: str


@dataclass
class ConversationState:
    max_turns: int = 8
    history: deque[Turn] = field(default_factory=deque)
    claims: list[dict[str, Any]] = field(default_factory=list)  # last calculator claims, for "那四星级呢？"
    # the claims of earlier calculations, newest last (bounded), for "两个都有，加起来多少" over two turns
    past_claims: list[list[dict[str, Any]]] = field(default_factory=list)
    enterprise: dict[str, Any] = field(default_factory=dict)  # facts about the enterprise, kept all along
    topic_rules: list[str] = field(default_factory=list)  # rule ids last talked about
    topic_clause: str | None = None  # clause id last cited first
    last_intent: str | None = None
    doc_id: str | None = None  # the document the last turn was routed to
    turn_no: int = 0
    # the dialogue's slots: name → (value, the turn that said it). A value stated again overwrites it; which
    # values a new turn keeps (level carried to a newly named award, amounts replaced) is decided in claims.py.
    slots: dict[str, tuple[Any, int]] = field(default_factory=dict)

    def set_claims(self, claims: list[dict[str, Any]]) -> None:
        """The claims just calculated; the earlier ones are kept (a few) when they differ."""
        if claims and (not self.past_claims or self.past_claims[-1] != claims):
            self.past_claims = [*self.past_claims, [dict(c) for c in claims]][-self.max_turns :]
        self.claims = claims

    def fill(self, values: dict[str, Any]) -> None:
        for k, v in values.items():
            self.slots[k] = (v, self.turn_no)

    def provenance(self, request_claims: list[dict[str, Any]]) -> str:
        """Which turn said each fact of the calculator's claims, for the trace; "推断" when no turn said it (an
        award inferred from what an amount is for)."""
        parts = []
        for c in request_claims:
            for k, v in c.items():
                held = self.slots.get(k)
                said = held is not None and (held[0] == v or (k == "award" and v in held[0]))
                parts.append(f"{k}={v}（{f'第{held[1]}轮' if said and held else '推断'}）")
        return "、".join(dict.fromkeys(parts))

    def remember(self, turn: Turn) -> None:
        self.history.append(turn)
        while len(self.history) > self.max_turns:
            self.history.popleft()
