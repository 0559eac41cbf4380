"""The web app started once per session on a free 127.0.0.1 port (real index, real engine, tmp data folder),
and headless Debian chromium driven by Playwright. Screenshots go to tests/artifacts/ (git-ignored)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from assistant.settings import PROJECT_ROOT, Settings

ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts"


@dataclass
class RunningApp:
    url: str
    settings: Settings
    bot: Any
    app: Any = None  # the gr.Blocks, for tests that look at what the server keeps


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def ui_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(data_dir=tmp_path_factory.mktemp("ui-data"), port=free_port(), _env_file=None)  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def bot(ui_settings: Settings) -> Any:
    from assistant.engine import Assistant

    return Assistant.from_settings(ui_settings)


@contextmanager
def launched(settings: Settings, bot: Any) -> Iterator[RunningApp]:
    """The Gradio app of ``bot`` served on ``settings.port`` for the duration of the block."""
    from ui.app import build_app, launch

    app = build_app(settings, bot)
    launch(app, settings, prevent_thread_lock=True, quiet=True)
    try:
        yield RunningApp(f"http://127.0.0.1:{settings.port}/", settings, bot, app)
    finally:
        app.close(verbose=False)


@pytest.fixture(scope="session")
def running_app(ui_settings: Settings, bot: Any) -> Iterator[RunningApp]:
    with launched(ui_settings, bot) as running:
        yield running


@dataclass
class Page:
    """A Playwright page on the app, with every dialog (alert/confirm) it fired."""

    page: Any
    dialogs: list[str]

    def shot(self, name: str, full_page: bool = False) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        return path


def open_page(browser: Any, url: str, width: int = 1280, height: int = 800) -> tuple[Any, Page]:
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale="zh-CN", accept_downloads=True
    )
    page = context.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(url)
    page.wait_for_selector("#chat-input textarea")
    return context, Page(page, dialogs)


@pytest.fixture
def page(browser: Any, running_app: RunningApp) -> Iterator[Page]:
    context, p = open_page(browser, running_app.url)
    try:
        yield p
    finally:
        context.close()
