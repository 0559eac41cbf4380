"""Entry point for ``uvicorn --factory api.asgi:app_from_env`` (what ``serve --workers N`` starts in each
worker process): settings from ``ZGSZ_*``, the index already built by the parent process."""

from __future__ import annotations

import logging

from fastapi import FastAPI

from api.app import create_app
from assistant.settings import load_settings


def app_from_env() -> FastAPI:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    return create_app(load_settings())
