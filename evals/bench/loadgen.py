"""A closed-loop load generator: N simulated users, each sending its next request as soon as the previous one
is answered, for T seconds; latencies, errors, requests/s, and the resident memory of a server over time.

The target is any callable ``request(user, seq)`` (user 0..N-1, seq 0,1,2… per user) that returns when the
request is answered and raises when it failed, so the same generator drives an in-process function, the Gradio
app or an HTTP API. :func:`http_json` and :func:`gradio_call` build such callables for HTTP servers.

Example:
    >>> import time
    >>> report = run_load(lambda user, seq: time.sleep(0.001), users=2, duration_s=0.2)
    >>> report.errors, report.requests > 10
    (0, True)
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from evals.bench.procs import proc_status_mib
from evals.bench.stats import summarize

log = logging.getLogger(__name__)

Request = Callable[[int, int], object]


def rss_mib(pid: int) -> float | None:
    """Current resident set of ``pid`` in MiB, or None when it cannot be read."""
    return proc_status_mib(pid, "VmRSS")


class RssSampler:
    """Samples the RSS of ``pid`` every ``every_s`` seconds in a background thread, as (seconds, MiB) pairs.

    Use as a context manager, or call start()/stop(); ``samples`` is readable at any time.
    """

    def __init__(self, pid: int, every_s: float = 1.0) -> None:
        self.pid = pid
        self.every_s = every_s
        self.samples: list[tuple[float, float]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"rss-{pid}", daemon=True)
        self._t0 = time.perf_counter()

    def start(self) -> RssSampler:
        self._t0 = time.perf_counter()
        self._thread.start()
        return self

    def stop(self) -> list[tuple[float, float]]:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)
        return self.samples

    def __enter__(self) -> RssSampler:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    def _run(self) -> None:
        while True:
            value = rss_mib(self.pid)
            if value is not None:
                self.samples.append((round(time.perf_counter() - self._t0, 2), round(value, 1)))
            if self._stop.wait(self.every_s):
                return


def flatness(samples: Sequence[tuple[float, float]], last_s: float) -> dict[str, float | None]:
    """How flat RSS stayed over the last ``last_s`` seconds: min, max and (max − min) / min in percent."""
    if not samples:
        return {"window_s": last_s, "min_mib": None, "max_mib": None, "spread_pct": None}
    end = samples[-1][0]
    window = [mib for t, mib in samples if t >= end - last_s] or [samples[-1][1]]
    low, high = min(window), max(window)
    return {
        "window_s": last_s,
        "min_mib": low,
        "max_mib": high,
        "spread_pct": round((high - low) / low * 100, 2) if low else None,
    }


@dataclass
class LoadReport:
    """What one closed-loop run measured. ``timeline`` holds one (start offset s, latency ms, ok) per request."""

    users: int
    duration_s: float
    requests: int
    errors: int
    requests_per_s: float
    latency_ms: dict[str, float]
    error_samples: list[str] = field(default_factory=list)
    rss: list[tuple[float, float]] = field(default_factory=list)
    timeline: list[tuple[float, float, bool]] = field(default_factory=list)

    def to_dict(self, timeline: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "users": self.users,
            "duration_s": self.duration_s,
            "requests": self.requests,
            "errors": self.errors,
            "requests_per_s": self.requests_per_s,
            "latency_ms": self.latency_ms,
            "error_samples": self.error_samples,
            "rss_mib": [list(s) for s in self.rss],
        }
        if self.rss:
            out["rss_start_mib"] = self.rss[0][1]
            out["rss_end_mib"] = self.rss[-1][1]
            out["rss_last_30s"] = flatness(self.rss, 30.0)
        if timeline:
            out["timeline"] = [list(t) for t in self.timeline]
        return out


def run_load(
    request: Request,
    users: int,
    duration_s: float,
    *,
    rss_pid: int | None = None,
    rss_every_s: float = 1.0,
    max_error_samples: int = 5,
) -> LoadReport:
    """Run ``users`` closed-loop clients against ``request`` for ``duration_s`` seconds.

    A request still running at the deadline is waited for and counted (closed loop: every started request is
    answered or failed). Exceptions raised by ``request`` are errors; the first few messages are kept.
    """
    if users < 1 or duration_s <= 0:
        raise ValueError(f"users must be ≥ 1 and duration_s > 0, got users={users}, duration_s={duration_s}")
    lock = threading.Lock()
    timeline: list[tuple[float, float, bool]] = []
    samples: list[str] = []
    start_gate = threading.Event()
    t0 = 0.0
    deadline = 0.0

    def client(user: int) -> None:
        start_gate.wait()
        seq = 0
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            ok = True
            try:
                request(user, seq)
            except Exception as exc:  # a failed request is a measurement, not a crash of the generator
                ok = False
                with lock:
                    if len(samples) < max_error_samples:
                        samples.append(f"{type(exc).__name__}: {str(exc)[:300]}")
            ended = time.perf_counter()
            with lock:
                timeline.append((round(started - t0, 4), (ended - started) * 1000, ok))
            seq += 1

    threads = [
        threading.Thread(target=client, args=(u,), name=f"load-user-{u}", daemon=True) for u in range(users)
    ]
    for t in threads:
        t.start()
    sampler = RssSampler(rss_pid, rss_every_s).start() if rss_pid is not None else None
    t0 = time.perf_counter()
    deadline = t0 + duration_s
    start_gate.set()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    rss = sampler.stop() if sampler else []
    latencies = [ms for _, ms, _ in timeline]
    errors = sum(1 for *_, ok in timeline if not ok)
    return LoadReport(
        users=users,
        duration_s=round(elapsed, 2),
        requests=len(timeline),
        errors=errors,
        requests_per_s=round(len(timeline) / elapsed, 2) if elapsed else 0.0,
        latency_ms=summarize(latencies),
        error_samples=samples,
        rss=rss,
        timeline=sorted(timeline),
    )


def per_second(report: LoadReport) -> list[dict[str, float]]:
    """Requests started and p95 latency per whole second of the run, for plots of throughput over time."""
    buckets: dict[int, list[float]] = {}
    for start, ms, _ in report.timeline:
        buckets.setdefault(int(start), []).append(ms)
    return [
        {"second": s, "requests": len(v), "p95_ms": summarize(v)["p95"]} for s, v in sorted(buckets.items())
    ]


# ---- HTTP targets ------------------------------------------------------------------------------------------


def http_json(
    url: str, method: str = "POST", timeout_s: float = 60.0, headers: dict[str, str] | None = None
) -> Callable[[Any], Any]:
    """A thread-safe function ``send(body) -> parsed JSON`` for one HTTP endpoint; raises on any non-2xx status.

    Example (an API that answers POST /ask {"turns": [...]}):
        >>> send = http_json("http://127.0.0.1:8000/ask")                     # doctest: +SKIP
        >>> run_load(lambda u, i: send({"turns": ["贴息多少"]}), 10, 60)     # doctest: +SKIP
    """
    import httpx

    client = httpx.Client(timeout=timeout_s, headers=headers, limits=httpx.Limits(max_connections=256))

    def send(body: Any = None) -> Any:
        response = client.request(method, url, json=body)
        if response.status_code >= 300:
            raise RuntimeError(f"HTTP {response.status_code}: {response.text[:200]}")
        return response.json() if response.content else None

    return send


def gradio_call(base_url: str, api_name: str, timeout_s: float = 60.0) -> Callable[..., Any]:
    """A thread-safe function ``call(*inputs) -> outputs`` for a public Gradio API route, over the plain HTTP
    protocol (POST /gradio_api/call/<name>, then read the event stream), without gradio_client's per-client
    start-up cost. Raises when the route reports an error or never completes."""
    import httpx

    base = base_url.rstrip("/") + f"/gradio_api/call/{api_name.strip('/')}"
    client = httpx.Client(timeout=timeout_s, limits=httpx.Limits(max_connections=256))

    def call(*inputs: Any) -> Any:
        response = client.post(base, json={"data": list(inputs)})
        if response.status_code >= 300:
            raise RuntimeError(f"HTTP {response.status_code}: {response.text[:200]}")
        event, data = gradio_result(client, f"{base}/{response.json()['event_id']}")
        if event == "error":
            raise RuntimeError(f"{api_name} answered an error: {data[:200]}")
        if event != "complete":
            raise RuntimeError(f"{api_name}: the event stream ended without a result (last event {event!r})")
        return json.loads(data)

    return call


def gradio_result(client: Any, stream_url: str) -> tuple[str | None, str]:
    """Read a Gradio call's event stream to its end: ("complete" or "error", the data line), or the last event
    seen and "" when the stream ends without a result."""
    event = None
    with client.stream("GET", stream_url) as stream:
        for line in stream.iter_lines():
            if line.startswith("event:"):
                event = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and event in ("complete", "error"):
                return event, line.split(":", 1)[1].strip()
    return event, ""
