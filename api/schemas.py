"""Request bodies of the HTTP API, validated by pydantic; a bad body is a 422 naming the field."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

MAX_TURNS = 50
MAX_MESSAGE_CHARS = 20_000  # the engine reads the first ZGSZ_MAX_INPUT_CHARS and says it cut the rest


class AskRequest(BaseModel):
    """One conversation, sent whole: the API keeps no state, so any replica can answer it."""

    model_config = ConfigDict(extra="forbid")

    turns: list[str] = Field(
        min_length=1,
        max_length=MAX_TURNS,
        description="the user's messages in order; the answer is to the last, in the context of the others",
        examples=[["智能车间投入800万能拿多少？", "那四星级呢？"]],
    )
    doc: str | None = Field(
        default=None, description="answer from this policy document only (a doc_id of GET /v1/documents)"
    )

    @field_validator("turns")
    @classmethod
    def _bounded(cls, turns: list[str]) -> list[str]:
        for i, t in enumerate(turns):
            if len(t) > MAX_MESSAGE_CHARS:
                raise ValueError(f"turns[{i}] 有 {len(t)} 字，最多 {MAX_MESSAGE_CHARS} 字 (too long)")
        return turns


class SearchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    query: str = Field(min_length=1, max_length=MAX_MESSAGE_CHARS, examples=["贷款贴息条件"])
    k: int | None = Field(default=None, ge=1, le=100, description="how many hits (default ZGSZ_TOP_K)")
    doc: str | list[str] | None = Field(
        default=None, description="search only these policy documents (doc_id of GET /v1/documents)"
    )


class FeedbackRequest(BaseModel):
    """A 👍 (+1) or 👎 (-1) on an answer: the question, and the answer as /v1/ask returned it."""

    model_config = ConfigDict(extra="forbid")

    rating: int = Field(strict=True, description="+1 👍 or -1 👎")
    question: str = Field(max_length=MAX_MESSAGE_CHARS)
    answer: dict[str, Any] | str = Field(description="the /v1/ask response, or the answer's text")
    comment: str = Field(default="", max_length=2000)

    @field_validator("rating")
    @classmethod
    def _thumb(cls, rating: int) -> int:
        if rating not in (-1, 1):
            raise ValueError("评价只能是 +1（👍）或 -1（👎） (rating must be 1 or -1)")
        return rating


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")

    role: Literal["system", "user", "assistant", "tool", "developer"]
    content: str | list[dict[str, Any]] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):
            return "".join(str(p.get("text", "")) for p in self.content if p.get("type") == "text")
        return self.content or ""


class ChatCompletionRequest(BaseModel):
    """OpenAI's chat completion request; sampling options are accepted and ignored (answers are deterministic)."""

    model_config = ConfigDict(extra="allow")

    model: str = Field(default="", max_length=200)
    messages: list[ChatMessage] = Field(min_length=1, max_length=200)
    stream: bool = False
