"""The record that flows through the assistant: question → plan → tool calls → answer."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

AnswerKind = Literal["answer", "clarify", "refuse"]


@dataclass(frozen=True)
class Citation:
    """A clause the answer relies on, with a quote copied verbatim from it."""

    doc: str  # document number, e.g. 云政发〔2023〕8号
    path: str  # heading path joined with " › "
    quote: str
    clause_id: str = ""
    doc_id: str = ""


@dataclass
class ToolCall:
    name: str
    input: dict[str, Any]
    output: Any


@dataclass
class Plan:
    """What the planner decided, and why: every field is shown in the trace."""

    intent: str
    facts: dict[str, Any] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    topic: str | None = None
    reasons: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)  # the document(s) the turn was routed to
    act: str = ""  # the learned question act (amount, conditions, confirm …)
    act_confidence: float = 0.0


@dataclass
class Answer:
    kind: AnswerKind
    answer: str
    citations: list[Citation] = field(default_factory=list)
    tool_calls: list[ToolCall] = field(default_factory=list)
    plan: Plan | None = None
    planner: str = "rules"
    elapsed_ms: float = 0.0
    trace: list[str] = field(default_factory=list)
    helpdesk: dict[str, Any] = field(default_factory=dict)  # short script, clause and department to refer to

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["elapsed_ms"] = round(self.elapsed_ms, 2)
        return d
