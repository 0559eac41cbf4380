"""The FastAPI app: the JSON API under /v1, /healthz and /metrics, with the Gradio app mounted at /.

Example:
    >>> app = create_app(load_settings())                      # doctest: +SKIP
    >>> uvicorn.run(app, host="127.0.0.1", port=7860)          # doctest: +SKIP
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI

from api import errors
from api.errors import SafeJSONResponse
from api.guard import BodyLimit
from api.metrics import MetricsMiddleware
from api.openai_compat import chat
from api.routes import calc_router, ops, v1
from api.service import Service
from assistant.feedback import FeedbackStore
from assistant.settings import Settings

log = logging.getLogger(__name__)

DESCRIPTION = """政策问答助手的 HTTP 接口。`/v1/*` 在设置 `ZGSZ_API_KEYS` 后需要 `Authorization: Bearer <key>`。
错误一律为 `{"error": {"code", "message"}}`，不返回堆栈。`/v1/chat/completions` 与 OpenAI 的接口兼容。"""


def create_app(
    settings: Settings,
    bot: Any = None,
    store: FeedbackStore | None = None,
    *,
    mount_ui: bool = True,
    progress: bool = False,
) -> FastAPI:
    """The whole service. ``bot`` (an ``assistant.engine.Assistant``) is built from ``settings`` when omitted."""
    if bot is None:
        from assistant.engine import Assistant

        bot = Assistant.from_settings(settings, progress=progress)
    store = store or FeedbackStore.open(settings)
    if store.notice:
        log.warning("%s", store.notice)
    app = FastAPI(
        title="智改数转政策助手 API",
        description=DESCRIPTION,
        version="1",
        default_response_class=SafeJSONResponse,
        root_path=settings.root_path,
    )
    svc = Service(settings, bot, store)
    app.state.service = svc
    errors.install(app)
    app.include_router(v1)
    app.include_router(calc_router(bot.context.book.models.request))
    app.include_router(chat)
    app.include_router(ops)
    app.add_middleware(BodyLimit, max_bytes=settings.api_max_body_bytes)
    app.add_middleware(MetricsMiddleware, metrics=svc.metrics)
    if mount_ui:
        _mount_ui(app, settings, bot)
    return app


def _mount_ui(app: FastAPI, settings: Settings, bot: Any) -> None:
    """The Gradio app at /, styled as ``ui.app.launch`` styles it; the API's routes are matched first."""
    import gradio as gr

    from ui import app as ui_app
    from ui import sessions as ui_sessions

    blocks = ui_app.build_app(settings, bot)
    gr.mount_gradio_app(
        app,
        blocks,
        path="/",
        css=ui_app.CSS_FILE.read_text(encoding="utf-8"),
        head=getattr(ui_app, "_HEAD", None),
        theme=gr.themes.Soft(primary_hue="blue", font=["Noto Sans CJK SC", "Source Sans Pro", "sans-serif"]),
        footer_links=["api"],
        run_history=False,
        ssr_mode=False,
        show_error=False,
        max_file_size="1mb",
        root_path=settings.root_path or None,
        enable_monitoring=False,
        # The session limits and the route guard of ui/sessions.py, as ui.app.launch installs them.
        app_kwargs=ui_sessions.server_kwargs(blocks),
    )
    blocks.state_session_capacity = ui_sessions.CAPACITY
