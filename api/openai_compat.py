"""OpenAI-compatible chat: ``POST /v1/chat/completions`` (with ``stream``) and ``GET /v1/models``.

Chat front-ends (Open WebUI, LobeChat, Dify) and the official ``openai`` client can use the assistant as a
"model". The user messages are the conversation's turns, the last one answered in the context of the earlier
ones; the citations come back as a numbered source list at the end of the text and, structured, in the extra
field ``citations`` (also on the last stream chunk).
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import StreamingResponse

from api.errors import ApiError
from api.schemas import MAX_MESSAGE_CHARS, MAX_TURNS, ChatCompletionRequest
from api.service import ServiceDep, caller

MODEL_ID = "zgsz-policy-assistant"
chat = APIRouter(prefix="/v1", dependencies=[Depends(caller)], tags=["openai-compatible"])
_PIECES = re.compile(r".{1,24}?(?:[。；！？\n]|$)|.{24}", re.S)  # streamed a clause or a short run at a time


def sources_text(citations: list[dict[str, Any]]) -> str:
    """The numbered source list appended to the answer text."""
    if not citations:
        return ""
    lines = ["", "", "来源："]
    for i, c in enumerate(citations, 1):
        lines.append(f"[{i}] {c.get('doc', '')} {c.get('path', '')}：“{c.get('quote', '')}”")
    return "\n".join(lines)


def _turns(body: ChatCompletionRequest) -> list[str]:
    if body.messages[-1].role != "user":
        raise ApiError(
            422, "invalid_request", "最后一条消息必须来自用户 (the last message must have role 'user')"
        )
    turns = [m.text() for m in body.messages if m.role == "user"][-MAX_TURNS:]
    if any(len(t) > MAX_MESSAGE_CHARS for t in turns):
        raise ApiError(422, "invalid_request", f"消息最多 {MAX_MESSAGE_CHARS} 字 (message too long)")
    return turns


@chat.get("/models", summary="可用的“模型”（OpenAI 兼容）")
def models() -> dict[str, Any]:
    return {
        "object": "list",
        "data": [{"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "zgsz"}],
    }


@chat.post("/chat/completions", summary="OpenAI 兼容的对话接口（支持 stream）", response_model=None)
def completions(body: ChatCompletionRequest, svc: ServiceDep) -> Any:
    answer = svc.ask(_turns(body))
    text = str(answer.get("answer", "")) + sources_text(answer.get("citations") or [])
    ident = f"chatcmpl-{uuid.uuid4().hex}"
    created = int(time.time())
    extra = {"citations": answer.get("citations") or [], "answer_kind": answer.get("kind", "")}
    if body.stream:
        return StreamingResponse(
            _stream(ident, created, text, extra),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )
    return {
        "id": ident,
        "object": "chat.completion",
        "created": created,
        "model": MODEL_ID,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
        **extra,
    }


def _stream(ident: str, created: int, text: str, extra: dict[str, Any]) -> Iterator[str]:
    def chunk(delta: dict[str, Any], finish: str | None = None, **more: Any) -> str:
        payload = {
            "id": ident,
            "object": "chat.completion.chunk",
            "created": created,
            "model": MODEL_ID,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            **more,
        }
        return "data: " + json.dumps(payload, ensure_ascii=False).encode("utf-8", "replace").decode() + "\n\n"

    yield chunk({"role": "assistant", "content": ""})
    for piece in _PIECES.findall(text):
        if piece:
            yield chunk({"content": piece})
    yield chunk({}, "stop", **extra)
    yield "data: [DONE]\n\n"
