"""Replicas on shared stores: `serve --workers 2` with the index in a real Chroma server and feedback in a real
PostgreSQL (both started for the session); feedback written through either worker is exported complete."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from assistant.settings import PROJECT_ROOT
from evals.bench.services import free_port, stop
from tests.api.conftest import KEY

pytestmark = [pytest.mark.integration, pytest.mark.slow]
AUTH = {"Authorization": f"Bearer {KEY}"}


@pytest.fixture(scope="module")
def replicas(
    chroma_address: tuple[str, int], postgres_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    data = tmp_path_factory.mktemp("replicas")
    port = free_port()
    env = {
        **os.environ,
        "ZGSZ_DATA_DIR": str(data / "data"),
        "ZGSZ_CHROMA_HOST": chroma_address[0],
        "ZGSZ_CHROMA_PORT": str(chroma_address[1]),
        "ZGSZ_DATABASE_URL": postgres_url,
        "ZGSZ_API_KEYS": KEY,
        "ZGSZ_API_RATE_LIMIT": "0",
        "GRADIO_ANALYTICS_ENABLED": "False",
    }
    log = data / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "assistant", "serve", "--port", str(port), "--workers", "2"],
            cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc, log)
        yield url
    finally:
        stop(proc, timeout=30)


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 240) -> None:
    """Until both workers have answered /healthz (each loads the engine on its own, one may lag)."""
    deadline = time.monotonic() + timeout
    seen: set[str] = set()
    while time.monotonic() < deadline:
        assert proc.poll() is None, log.read_text(encoding="utf-8", errors="replace")[-3000:]
        try:
            resp = httpx.get(f"{url}/healthz", headers={"Connection": "close"}, timeout=5)
            if resp.status_code == 200:
                seen.add(resp.headers["x-worker"])
                if len(seen) == 2:
                    return
                continue
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise AssertionError(
        f"serve --workers 2 not healthy in {timeout}s: {log.read_text(errors='replace')[-3000:]}"
    )


def test_health_names_the_shared_stores(replicas: str) -> None:
    health = httpx.get(f"{replicas}/healthz", timeout=10).json()
    assert health["index"]["store"].startswith("server http://127.0.0.1:") and health["index"]["vectors"] > 0
    assert health["feedback"]["backend"] == "postgresql"


def test_feedback_through_every_worker_is_exported_complete(replicas: str) -> None:
    def rate(i: int) -> tuple[int, str]:
        # A fresh connection each time, so the kernel spreads them over both workers.
        resp = httpx.post(
            f"{replicas}/v1/feedback",
            json={"rating": 1 if i % 2 else -1, "question": f"replica-{i}", "answer": "a"},
            headers={**AUTH, "Connection": "close"},
            timeout=30,
        )
        assert resp.status_code == 200, resp.text
        return resp.json()["id"], resp.headers["x-worker"]

    written: list[tuple[int, str]] = []
    with ThreadPoolExecutor(8) as pool:
        # Which worker accepts a connection is the kernel's choice: write until both have taken some.
        while len({w for _, w in written}) < 2 and len(written) < 800:
            written += pool.map(rate, range(len(written), len(written) + 40))
    assert len({worker for _, worker in written}) == 2  # both workers wrote
    export = httpx.get(f"{replicas}/v1/feedback", headers=AUTH, timeout=30)
    assert export.headers["x-unreadable"] == "0"
    rows = [line for line in export.text.splitlines() if '"replica-' in line]
    assert len(rows) == len(written) and {i for i, _ in written} <= {
        int(r.split('"id": ')[1].split(",")[0]) for r in rows
    }


def test_both_workers_answer_the_same(replicas: str) -> None:
    answers: dict[str, Any] = {}
    for _ in range(200):
        if len(answers) == 2:
            break
        resp = httpx.post(
            f"{replicas}/v1/ask", json={"turns": ["智能车间投入800万能拿多少？"]},
            headers={**AUTH, "Connection": "close"}, timeout=30,
        )  # fmt: skip
        assert resp.status_code == 200
        body = resp.json()
        answers[resp.headers["x-worker"]] = (body["answer"], body["citations"])
    assert len(answers) == 2 and len(set(map(str, answers.values()))) == 1
