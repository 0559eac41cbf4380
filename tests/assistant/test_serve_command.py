"""`python -m assistant serve`: builds the index with progress on the console, then serves the app."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT
from tests.ui.conftest import free_port

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def test_serve_builds_the_index_then_answers_http(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "ZGSZ_DATA_DIR": str(tmp_path / "data"), "GRADIO_ANALYTICS_ENABLED": "False"}
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "assistant", "serve", "--port", str(port), "--root-path", ""],
            cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 240
            while "助手已启动" not in log.read_text(encoding="utf-8"):
                assert proc.poll() is None, log.read_text(encoding="utf-8")
                assert time.monotonic() < deadline, "serve did not start in 240 s"
                time.sleep(0.5)
            deadline = time.monotonic() + 30
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as resp:
                        page = resp.read().decode("utf-8")
                    break
                except OSError:
                    assert time.monotonic() < deadline
                    time.sleep(0.5)
            assert "泰兴市智改数转政策助手" in page
            console = log.read_text(encoding="utf-8")
            assert "正在加载政策索引" in console and "%" in console  # a progress bar was shown
            assert (tmp_path / "data" / "index").is_dir()
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def test_bad_port_is_a_usage_error() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "serve", "--port", "not-a-port"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2
    assert "invalid int value" in result.stderr
