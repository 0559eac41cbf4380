"""The closed-loop load generator: counts, errors, percentiles, RSS sampling, and the HTTP target."""

from __future__ import annotations

import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from evals.bench.loadgen import RssSampler, flatness, http_json, per_second, rss_mib, run_load


def test_closed_loop_counts_every_request_and_each_user_waits_for_its_answer() -> None:
    in_flight: dict[int, int] = {}
    overlap = []

    def request(user: int, seq: int) -> None:
        in_flight[user] = in_flight.get(user, 0) + 1
        if in_flight[user] > 1:
            overlap.append(user)
        time.sleep(0.005)
        in_flight[user] -= 1

    report = run_load(request, users=3, duration_s=0.3)
    assert report.errors == 0 and not overlap
    # 3 users × 0.3 s / 5 ms ≈ 180; generous bounds for a loaded machine
    assert 30 <= report.requests <= 200
    assert report.latency_ms["p50"] >= 5
    assert report.requests_per_s == pytest.approx(report.requests / report.duration_s, rel=0.05)
    assert sum(b["requests"] for b in per_second(report)) == report.requests


def test_failures_are_counted_and_sampled_not_raised() -> None:
    def request(user: int, seq: int) -> None:
        if seq % 2:
            raise ValueError(f"boom {seq}")

    report = run_load(request, users=2, duration_s=0.1, max_error_samples=3)
    assert report.errors == sum(1 for *_, ok in report.timeline if not ok) > 0
    assert len(report.error_samples) == 3 and report.error_samples[0].startswith("ValueError: boom")


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="users"):
        run_load(lambda u, s: None, users=0, duration_s=1)


def test_rss_sampler_reads_this_process() -> None:
    assert (rss_mib(os.getpid()) or 0) > 10
    with RssSampler(os.getpid(), every_s=0.02) as sampler:
        time.sleep(0.15)
    assert len(sampler.samples) >= 3
    assert all(mib > 10 for _, mib in sampler.samples)
    assert rss_mib(2**22 + 12345) is None


def test_flatness_looks_only_at_the_last_window() -> None:
    samples = [(0.0, 100.0), (10.0, 200.0), (40.0, 300.0), (50.0, 330.0)]
    flat = flatness(samples, 30)
    assert flat["min_mib"] == 300.0 and flat["max_mib"] == 330.0 and flat["spread_pct"] == 10.0


class _Echo(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        status = 500 if body.get("fail") else 200
        data = json.dumps({"echo": body}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


def test_http_json_against_a_real_server() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Echo)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        send = http_json(f"http://127.0.0.1:{server.server_address[1]}/x")
        assert send({"q": "贴息"}) == {"echo": {"q": "贴息"}}
        report = run_load(lambda u, s: send({"fail": s == 0}), users=2, duration_s=0.3, rss_pid=os.getpid(),
                          rss_every_s=0.05)  # fmt: skip
        assert report.errors == 2  # the first request of each user
        assert "HTTP 500" in report.error_samples[0]
        assert report.rss and report.to_dict()["rss_last_30s"]["max_mib"] > 0
    finally:
        server.shutdown()
