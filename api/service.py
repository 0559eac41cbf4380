"""What every route shares: the assistant, the feedback store, metrics and the access checks."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import Depends, Request

from api.errors import ApiError
from api.guard import KeyCheck, RateLimiter
from api.metrics import Metrics
from assistant.feedback import FeedbackStore
from assistant.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class Service:
    settings: Settings
    bot: Any  # assistant.engine.Assistant
    store: FeedbackStore
    metrics: Metrics = field(default_factory=Metrics)
    keys: KeyCheck = field(init=False)
    limiter: RateLimiter = field(init=False)

    def __post_init__(self) -> None:
        self.keys = KeyCheck(self.settings.api_keys)
        self.limiter = RateLimiter(self.settings.api_rate_limit)

    @property
    def doc_ids(self) -> list[str]:
        return [d.meta.doc_id for d in self.bot.context.documents]

    def ask(self, turns: list[str], doc: str | None = None) -> dict[str, Any]:
        """``Answer.to_dict()`` for the last turn; ``doc`` chooses the document ("all" or None: each turn is
        routed to the document it is about)."""
        if doc is not None and doc != "all" and doc not in self.doc_ids:
            raise ApiError(
                422,
                "unknown_document",
                f"没有这个政策文件 doc={doc!r}；可选 (known documents): {', '.join(self.doc_ids)}",
            )
        answer = self.bot.ask_turns(turns, doc=doc).to_dict()
        self.metrics.answered(str(answer.get("kind", "")))
        return answer


def service(request: Request) -> Service:
    return request.app.state.service  # type: ignore[no-any-return]


ServiceDep = Annotated[Service, Depends(service)]


def caller(request: Request) -> str:
    """Dependency of every /v1 route: the key (or client) making the call, within its rate limit."""
    svc = service(request)
    who = svc.keys.identify(request)
    svc.limiter.check(who)
    return who


def admin(request: Request) -> str:
    """Dependency of admin routes (feedback export): a key is required even on loopback."""
    svc = service(request)
    if not svc.keys.enabled:
        raise ApiError(
            403,
            "keys_required",
            "导出反馈需要设置 ZGSZ_API_KEYS 并携带密钥；本机可用 python -m assistant feedback export "
            "(set ZGSZ_API_KEYS to export feedback over HTTP)",
        )
    return caller(request)
