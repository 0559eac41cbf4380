"""Prometheus text metrics of this worker process: requests, latency histogram, errors, answers by kind.

With several workers each process counts its own requests (as prometheus_client does without its
multiprocess mode); the ``worker`` label (the process id) keeps their series apart for a scraper that sums.
"""

from __future__ import annotations

import os
import threading
import time
from collections import Counter
from typing import Any

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
API_PREFIXES = ("/v1/", "/healthz", "/metrics")


class Metrics:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.requests: Counter[tuple[str, str, int]] = Counter()
        self.errors: Counter[tuple[str, str]] = Counter()
        self.answers: Counter[str] = Counter()
        self.hist: dict[str, list[int]] = {}
        self.sums: dict[str, float] = {}
        self.started = time.time()

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        with self._lock:
            self.requests[(method, route, status)] += 1
            if status >= 500:
                self.errors[(route, "server")] += 1
            elif status >= 400:
                self.errors[(route, "client")] += 1
            counts = self.hist.setdefault(route, [0] * (len(BUCKETS) + 1))
            for i, bound in enumerate(BUCKETS):
                if seconds <= bound:
                    counts[i] += 1
            counts[-1] += 1
            self.sums[route] = self.sums.get(route, 0.0) + seconds

    def answered(self, kind: str) -> None:
        with self._lock:
            self.answers[kind] += 1

    def render(self) -> str:
        w = f'worker="{os.getpid()}"'
        out = [
            "# HELP zgsz_requests_total HTTP requests to the API by method, route and status.",
            "# TYPE zgsz_requests_total counter",
        ]
        with self._lock:
            for (method, route, status), n in sorted(self.requests.items()):
                out.append(
                    f'zgsz_requests_total{{{w},method="{method}",route="{route}",status="{status}"}} {n}'
                )
            out += [
                "# HELP zgsz_request_errors_total Requests answered with 4xx (client) or 5xx (server).",
                "# TYPE zgsz_request_errors_total counter",
            ]
            for (route, side), n in sorted(self.errors.items()):
                out.append(f'zgsz_request_errors_total{{{w},route="{route}",side="{side}"}} {n}')
            out += [
                "# HELP zgsz_request_seconds Time to answer a request.",
                "# TYPE zgsz_request_seconds histogram",
            ]
            for route, counts in sorted(self.hist.items()):
                for bound, n in zip((*map(str, BUCKETS), "+Inf"), counts, strict=True):
                    out.append(f'zgsz_request_seconds_bucket{{{w},route="{route}",le="{bound}"}} {n}')
                out.append(f'zgsz_request_seconds_sum{{{w},route="{route}"}} {self.sums[route]:.6f}')
                out.append(f'zgsz_request_seconds_count{{{w},route="{route}"}} {counts[-1]}')
            out += [
                "# HELP zgsz_answers_total Answers by kind (answer, clarify, refuse).",
                "# TYPE zgsz_answers_total counter",
            ]
            for kind, n in sorted(self.answers.items()):
                out.append(f'zgsz_answers_total{{{w},kind="{kind}"}} {n}')
        out += [
            "# TYPE zgsz_process_start_time_seconds gauge",
            f"zgsz_process_start_time_seconds{{{w}}} {self.started:.0f}",
        ]
        return "\n".join(out) + "\n"


class MetricsMiddleware:
    """Times every API request (the Gradio app's own traffic is counted as route="ui")."""

    def __init__(self, app: Any, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics
        self.worker = str(os.getpid()).encode()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def tracked(message: Any) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                # Which worker process answered: replicas and --workers are told apart in logs and tests.
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-worker", self.worker)]
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        finally:
            path = scope["path"]
            route_obj = scope.get("route")
            route = getattr(route_obj, "path", None) if path.startswith(API_PREFIXES) else "ui"
            self.metrics.observe(scope["method"], route or "unmatched", status, time.perf_counter() - started)
