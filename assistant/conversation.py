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
    enterprise: dict[str, Any] = field(default_factory=dict)  # facts about the enterprise, kept all along
    topic_rules: list[str] = field(default_factory=list)  # rule ids last talked about
    topic_clause: str | None = None  # clause id last cited first
    last_intent: str | None = None
    doc_id: str | None = None  # the document the last turn was routed to

    def remember(self, turn: Turn) -> None:
        self.history.append(turn)
        while len(self.history) > self.max_turns:
            self.history.popleft()
