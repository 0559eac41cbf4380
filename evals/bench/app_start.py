"""The app's cold start to first answer, warm API latency and peak RSS: ``python -m assistant serve`` started
on a free loopback port, then asked through its Gradio API (``/ask``) with the evals' HTTP client."""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from evals.bench.procs import _affinity, free_port, vm_hwm_mib
from evals.bench.stats import summarize

log = logging.getLogger(__name__)


def measure_app(
    cwd: Path,
    env: Mapping[str, str],
    cpu: int | None,
    first_question: str,
    conversations: Sequence[Sequence[str]],
    timeout: float = 300,
) -> dict[str, Any]:
    """Start the app, time it to the first HTTP response and to the first answer, ask ``conversations``
    (warm, through HTTP), read the server's peak RSS, and stop it."""
    from evals.runner import HttpBackend

    with served_app(cwd, env, cpu, "serve.log", timeout) as (proc, url, started):
        http_s = time.perf_counter() - started
        client = HttpBackend(url)
        answer = client.ask([first_question])
        first_answer_s = time.perf_counter() - started
        times = []
        for turns in conversations:
            t = time.perf_counter()
            client.ask(list(turns))
            times.append((time.perf_counter() - t) * 1000)
        client.close()
        return {
            "http_ready_s": http_s,
            "first_answer_s": first_answer_s,
            "first_answer_kind": answer.get("kind"),
            "api_ms": summarize(times),
            "peak_rss_mib": vm_hwm_mib(proc.pid),
        }


@contextmanager
def served_app(
    cwd: Path, env: Mapping[str, str], cpu: int | None, log_name: str, timeout: float
) -> Iterator[tuple[subprocess.Popen[bytes], str, float]]:
    """``python -m assistant serve`` on a free loopback port, its output in ``$ZGSZ_DATA_DIR/log_name``;
    yields (process, url, start time) once it answers HTTP, and stops it afterwards."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log_path = Path(env.get("ZGSZ_DATA_DIR", str(cwd))) / log_name
    log_path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with log_path.open("wb") as log_file:
        proc = subprocess.Popen(
            [sys.executable, "-m", "assistant", "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=cwd,
            env=dict(env),
            stdout=log_file,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            preexec_fn=_affinity(cpu),  # noqa: PLW1509 - only sets the CPU affinity
        )
        try:
            _wait_http(url, proc, started, timeout)
            yield proc, url, started
        finally:
            _stop(proc)


def _wait_http(url: str, proc: subprocess.Popen[bytes], started: float, timeout: float) -> float:
    while time.perf_counter() - started < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"`python -m assistant serve` exited with {proc.returncode} before answering")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return time.perf_counter() - started
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.05)
    raise RuntimeError(f"the app did not answer HTTP within {timeout:.0f} s")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
