"""Soak: the app under steady closed-loop load keeps its memory flat after warm-up and its sessions bounded.

Opt-in (about a minute): ``RUN_SOAK=1 pytest -m soak tests/ui/test_soak.py``; ``python -m evals.bench.app_load
--soak`` runs it. The figures for the bench report come from evals/bench/app_load.py (server in its own process).
"""

from __future__ import annotations

import os
import threading

import pytest

from evals.bench.loadgen import flatness, gradio_call, run_load
from tests.ui.conftest import RunningApp
from ui.sessions import CAPACITY

pytestmark = [
    pytest.mark.soak,
    pytest.mark.slow,
    pytest.mark.skipif(not os.environ.get("RUN_SOAK"), reason="opt-in: set RUN_SOAK=1 (run by the bench)"),
]

QUESTIONS = [
    "智能车间投入800万能拿多少？",
    "贷款贴息需要满足什么条件？",
    "DCMM认证奖多少",
    "这个政策现在还有效吗？",
]
WARMUP_S, SOAK_S, USERS = 20.0, 40.0, 8


def test_rss_is_flat_and_sessions_bounded_under_steady_load(running_app: RunningApp) -> None:
    ask = gradio_call(running_app.url, "ask_json")
    calc = gradio_call(running_app.url, "calc")

    def request(user: int, seq: int) -> None:
        if seq % 5 == 4:
            calc('{"claims":[{"award":"base_investment","investment_yuan":"800万"}]}')
        else:
            ask(QUESTIONS[(user + seq) % len(QUESTIONS)])

    warm = run_load(request, USERS, WARMUP_S)
    assert warm.errors == 0, warm.error_samples
    sessions: list[int] = []
    stop = threading.Event()

    def count_sessions() -> None:
        while not stop.wait(2):
            sessions.append(len(running_app.app.server_app.state_holder.session_data))

    counter = threading.Thread(target=count_sessions, daemon=True)
    counter.start()
    try:
        soak = run_load(request, USERS, SOAK_S, rss_pid=os.getpid(), rss_every_s=1.0)
    finally:
        stop.set()
    assert soak.errors == 0, soak.error_samples
    flat = flatness(soak.rss, last_s=SOAK_S / 2)
    assert flat["spread_pct"] is not None and flat["spread_pct"] <= 10, (flat, soak.rss)
    # Stateless sessions live ~10 s: at most (requests/s × 10 s × a margin), and never above the cap.
    assert max(sessions) <= min(CAPACITY, soak.requests_per_s * 10 * 2 + 50), sessions
