"""Every error the API returns is JSON ``{"error": {"code", "message", "details"?}}`` (OpenAI's shape), with a
Chinese and English message; never a traceback."""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.errors import AssistantError

log = logging.getLogger(__name__)


class SafeJSONResponse(JSONResponse):
    """JSON that survives text no codec accepts (a lone surrogate sent by a client comes back as '?')."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "replace")


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers


def error_body(code: str, message: str, details: Any = None) -> bytes:
    error: dict[str, Any] = {"code": code, "type": code, "message": message}
    if details is not None:
        error["details"] = details
    return SafeJSONResponse({"error": error}).render({"error": error})


def _response(status: int, code: str, message: str, details: Any = None, headers: Any = None) -> Any:
    from fastapi.responses import Response

    return Response(error_body(code, message, details), status, headers, media_type="application/json")


def _field(loc: Any) -> str:
    parts = [str(p) for p in loc if p not in ("body",)]
    return ".".join(parts) or "body"


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> Any:
        return _response(exc.status, exc.code, exc.message, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> Any:
        # The offending input is not echoed back: it may be huge or not printable.
        details = [
            {"field": _field(e.get("loc", ())), "problem": str(e.get("msg", ""))} for e in exc.errors()
        ]
        summary = "；".join(f"{d['field']}: {d['problem']}" for d in details[:5])
        return _response(
            422, "invalid_request", f"请求内容不符合要求 (invalid request body): {summary}", details
        )

    @app.exception_handler(AssistantError)
    async def _assistant(_: Request, exc: AssistantError) -> Any:
        return _response(400, "bad_input", str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> Any:
        messages = {
            404: "没有这个地址 (not found)",
            405: "不支持这个请求方法 (method not allowed)",
            400: "请求无法解析 (malformed request)",
        }
        from api.guard import BodyTooLarge

        message = messages.get(exc.status_code, f"请求失败 (HTTP {exc.status_code})")
        if isinstance(exc, BodyTooLarge):
            message = str(exc.detail)
        return _response(exc.status_code, "http_error", message, headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> Any:
        log.exception("%s %s failed", request.method, request.url.path)
        return _response(500, "internal_error", "系统出错，请稍后再试 (internal error; see the server log)")
