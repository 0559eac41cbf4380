"""Access control for /v1: bearer keys (``ZGSZ_API_KEYS``), a per-key rate limit, and a body size limit.

The rate limit is a token bucket per key (per client address when no keys are set), held in each worker
process: with ``--workers N`` a key gets up to N times the limit; a reverse proxy can enforce a global one.
"""

from __future__ import annotations

import hmac
import math
import threading
import time
from collections import OrderedDict
from typing import Any

from fastapi import HTTPException, Request

from api.errors import ApiError

MAX_BUCKETS = 10_000  # clients remembered; the least recently seen is forgotten first


class KeyCheck:
    """Who is calling: the key's index, or the client address when the API is open (no keys set)."""

    def __init__(self, keys: list[str]) -> None:
        self.keys = [k.encode() for k in keys]

    @property
    def enabled(self) -> bool:
        return bool(self.keys)

    def identify(self, request: Request) -> str:
        if not self.keys:
            return f"addr:{request.client.host if request.client else '?'}"
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        given = token.strip().encode()
        if scheme.lower() == "bearer" and given:
            for i, key in enumerate(self.keys):
                if hmac.compare_digest(given, key):
                    return f"key:{i}"
        raise ApiError(
            401,
            "unauthorized",
            "需要有效的 API 密钥：请求头 Authorization: Bearer <key> (a valid API key is required)",
            headers={"WWW-Authenticate": "Bearer"},
        )


class RateLimiter:
    """``per_minute`` requests per caller, with bursts up to the same number; 0 turns it off."""

    def __init__(self, per_minute: int) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def check(self, who: str, now: float | None = None) -> None:
        if self.capacity <= 0:
            return
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.pop(who, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens < 1:
                self._buckets[who] = (tokens, now)
                wait = math.ceil((1 - tokens) / self.rate)
                raise ApiError(
                    429,
                    "rate_limited",
                    f"请求过于频繁，请 {wait} 秒后再试 (rate limit: {int(self.capacity)} requests per minute)",
                    headers={"Retry-After": str(wait)},
                )
            self._buckets[who] = (tokens - 1, now)
            while len(self._buckets) > MAX_BUCKETS:
                self._buckets.popitem(last=False)


class BodyTooLarge(HTTPException):
    """Raised while the body arrives; FastAPI lets HTTPExceptions from reading the body through as they are."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, f"请求内容超过 {max_bytes} 字节的上限 (request body too large)")


class BodyLimit:
    """ASGI middleware: a /v1 request body over ``max_bytes`` gets 413 before the app reads it all."""

    def __init__(self, app: Any, max_bytes: int, prefix: str = "/v1") -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.prefix = prefix

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(send)
            return
        seen = 0
        started = False

        async def counted_receive() -> Any:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        async def tracked_send(message: Any) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except BodyTooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Any) -> None:
        from api.errors import error_body

        body = error_body(
            "request_too_large", f"请求内容超过 {self.max_bytes} 字节的上限 (request body too large)"
        )
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
