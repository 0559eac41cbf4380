"""`python -m evals.bench.api_load [--duration 20] [--final 60] [--report docs/benchmarks]`: load figures of the
HTTP service, each configuration started as a real `python -m assistant serve` on a loopback port.

Side by side in one run, closed-loop clients (evals/bench/loadgen.py) asking the public suite's questions:
1 vs 2 workers, the plain API (/v1/ask) vs the Gradio API (/gradio_api/call/ask) on the same server, embedded
Chroma vs a `chroma run` server, at 10 and 50 clients. Then the deployment check: 50 clients for --final seconds
against --workers 2 with a Chroma server and PostgreSQL, one request in five a 👍/👎 write, after which the
export must hold every acknowledged row. Writes DIR/api_load.json and DIR/api_load.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from assistant.settings import PROJECT_ROOT
from evals.bench.loadgen import gradio_call, http_json, run_load
from evals.bench.machine import cpu_snapshot, describe_machine, load_average, other_cpu
from evals.bench.services import stop
from evals.suite import load_suites

KEY = "bench-key"


@dataclass
class Server:
    url: str
    pid: int


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(data_dir: Path, workers: int, env_extra: dict[str, str], log: Path) -> Iterator[Server]:
    """`python -m assistant serve` with these settings, until it answers /healthz; stopped on exit."""
    port = _free_port()
    env = {
        **os.environ,
        "ZGSZ_DATA_DIR": str(data_dir),
        "ZGSZ_API_KEYS": KEY,
        "ZGSZ_API_RATE_LIMIT": "0",
        "GRADIO_ANALYTICS_ENABLED": "False",
        **env_extra,
    }
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "assistant", "serve", "--port", str(port), "--workers", str(workers)],
            cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        seen: set[str] = set()  # every worker loads the engine on its own: wait until each has answered
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"serve exited: {log.read_text(errors='replace')[-2000:]}")
            try:
                resp = httpx.get(f"{url}/healthz", headers={"Connection": "close"}, timeout=5)
                if resp.status_code == 200:
                    seen.add(resp.headers["x-worker"])
                    if len(seen) == workers:
                        break
                    continue
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"serve not healthy in 300 s: {log.read_text(errors='replace')[-2000:]}")
            time.sleep(0.5)
        yield Server(url, proc.pid)
    finally:
        stop(proc, timeout=30)


def _questions() -> list[list[str]]:
    cases = load_suites([PROJECT_ROOT / "evals" / "public_cases.jsonl"]).cases
    return [list(c.turns) for c in cases]


def api_target(url: str, questions: list[list[str]]) -> Callable[[int, int], object]:
    send = http_json(f"{url}/v1/ask", headers={"Authorization": f"Bearer {KEY}"})
    return lambda user, seq: send({"turns": questions[(user * 7 + seq) % len(questions)]})


def gradio_target(url: str, questions: list[list[str]]) -> Callable[[int, int], object]:
    call = gradio_call(url, "ask")
    return lambda user, seq: call(
        json.dumps(questions[(user * 7 + seq) % len(questions)], ensure_ascii=False)
    )


def _row(label: str, report: Any) -> dict[str, Any]:
    d = report.to_dict()
    return {
        "config": label,
        "users": d["users"],
        "requests": d["requests"],
        "errors": d["errors"],
        "requests_per_s": d["requests_per_s"],
        "p50_ms": d["latency_ms"]["p50"],
        "p95_ms": d["latency_ms"]["p95"],
        "p99_ms": d["latency_ms"]["p99"],
        "error_samples": d["error_samples"],
    }


def measure(server: Server, label: str, target: Callable[[int, int], object], users: list[int], duration: float) -> list[dict[str, Any]]:  # fmt: skip
    target(0, 0)  # warm-up: first answer loads lazy parts
    rows = []
    for n in users:
        rows.append(_row(label, run_load(target, n, duration)))
        print(f"  {label:<44} {n:>3} clients: {rows[-1]['requests_per_s']:>7.1f} req/s  p50 {rows[-1]['p50_ms']:>7.1f} ms  p95 {rows[-1]['p95_ms']:>7.1f} ms  errors {rows[-1]['errors']}", file=sys.stderr)  # fmt: skip
    return rows


def final_check(server: Server, questions: list[list[str]], users: int, duration: float) -> dict[str, Any]:
    """50 clients, one request in five a feedback write; then the export must hold every acknowledged write."""
    ask = http_json(f"{server.url}/v1/ask", headers={"Authorization": f"Bearer {KEY}"})
    rate = http_json(f"{server.url}/v1/feedback", headers={"Authorization": f"Bearer {KEY}"})
    written: list[int] = []
    lock = threading.Lock()
    workers_seen: set[str] = set()

    def request(user: int, seq: int) -> object:
        turns = questions[(user * 7 + seq) % len(questions)]
        if seq % 5 == 4:
            row = rate({"rating": 1, "question": f"load-{user}-{seq}", "answer": "a"})
            with lock:
                written.append(int(row["id"]))
            return row
        return ask({"turns": turns})

    report = run_load(request, users, duration)
    for _ in range(20):
        workers_seen.add(
            httpx.get(f"{server.url}/healthz", headers={"Connection": "close"}).headers["x-worker"]
        )
    export = httpx.get(f"{server.url}/v1/feedback", headers={"Authorization": f"Bearer {KEY}"}, timeout=120)
    exported = {json.loads(line)["id"] for line in export.text.splitlines() if '"question": "load-' in line}
    row = _row("2 workers + Chroma server + PostgreSQL, 1/5 writes", report)
    row.update(
        feedback_acknowledged=len(written),
        feedback_exported=len(exported),
        feedback_missing=len(set(written) - exported),
        export_unreadable=export.headers.get("x-unreadable"),
        workers_answering=len(workers_seen),
    )
    print(f"  final: {json.dumps(row, ensure_ascii=False)}", file=sys.stderr)
    return row


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m evals.bench.api_load", description=__doc__.split("\n\n")[0])
    p.add_argument("--duration", type=float, default=20, help="seconds per measurement (default 20)")
    p.add_argument(
        "--final", type=float, default=60, help="seconds of the 50-client deployment check (default 60)"
    )
    p.add_argument("--users", default="10,50", help="client counts (default 10,50)")
    p.add_argument(
        "--report", type=Path, default=Path("docs/benchmarks"), help="folder for api_load.json/.md"
    )
    args = p.parse_args(argv)
    users = [int(u) for u in args.users.split(",")]
    from evals.bench.services import chroma_server, postgres_server

    questions = _questions()
    rows: list[dict[str, Any]] = []
    started = time.time()
    cpu_before = cpu_snapshot()
    load_before = load_average()
    with tempfile.TemporaryDirectory(prefix="zgsz-load-") as tmp, ExitStack() as stack:
        base = Path(tmp)
        embedded = base / "embedded"
        for workers in (1, 2):
            with serve(embedded, workers, {}, base / f"serve-{workers}.log") as srv:
                rows += measure(srv, f"API /v1/ask, {workers} worker(s), embedded Chroma", api_target(srv.url, questions), users, args.duration)  # fmt: skip
                if workers == 1:
                    rows += measure(srv, "Gradio API /ask, 1 worker, embedded Chroma", gradio_target(srv.url, questions), users, args.duration)  # fmt: skip
        host, port = stack.enter_context(chroma_server()).split(":")
        chroma_env = {"ZGSZ_CHROMA_HOST": host, "ZGSZ_CHROMA_PORT": port}
        with serve(base / "server", 1, chroma_env, base / "serve-chroma.log") as srv:
            rows += measure(srv, "API /v1/ask, 1 worker(s), Chroma server", api_target(srv.url, questions), users, args.duration)  # fmt: skip
        pg = stack.enter_context(postgres_server())
        env = {**chroma_env, "ZGSZ_DATABASE_URL": pg.url}
        with serve(base / "server", 2, env, base / "serve-final.log") as srv:
            api_target(srv.url, questions)(0, 0)
            final = final_check(srv, questions, 50, args.final)
    wall = time.time() - started
    result = {
        "machine": describe_machine(PROJECT_ROOT),
        "load_avg_before": load_before,
        "load_avg_after": load_average(),
        "other_processes_cpu": other_cpu(cpu_before, cpu_snapshot(), wall),
        "note": "measured on loopback, on a 2-core machine shared with other developers' work (not idle)",
        "command": f"nice -n 10 python -m evals.bench.api_load --duration {args.duration:g} --final {args.final:g}",
        "wall_s": round(wall, 1),
        "final_duration_s": args.final,
        "rows": rows,
        "final": final,
    }
    args.report.mkdir(parents=True, exist_ok=True)
    (args.report / "api_load.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    (args.report / "api_load.md").write_text(markdown(result), encoding="utf-8")
    print(markdown(result))
    return 0 if final["errors"] == 0 and final["feedback_missing"] == 0 else 1


def markdown(result: dict[str, Any]) -> str:
    lines = [
        "| configuration | clients | req/s | p50 ms | p95 ms | errors |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in result["rows"]:
        lines.append(
            f"| {r['config']} | {r['users']} | {r['requests_per_s']:.1f} | {r['p50_ms']:.0f} | {r['p95_ms']:.0f} | {r['errors']} |"
        )
    f, m = result["final"], result["machine"]
    lines += [
        "",
        f"Deployment check ({f['users']} clients × {result['final_duration_s']:g} s, {f['config']}): "
        f"{f['requests']} requests, {f['requests_per_s']:.1f} req/s, p50 {f['p50_ms']:.0f} ms,"
        f" p95 {f['p95_ms']:.0f} ms, p99 {f['p99_ms']:.0f} ms, errors {f['errors']}; feedback acknowledged"
        f" {f['feedback_acknowledged']}, exported {f['feedback_exported']}, missing {f['feedback_missing']}"
        f" (answered by {f['workers_answering']} worker processes).",
        "",
        f"Machine: {m['cpu']}, {m['cores_usable']} cores, load average before {result['load_avg_before']} and after"
        f" {result['load_avg_after']}; other processes used {result['other_processes_cpu']} meanwhile."
        f" {result['note']}. Wall time {result['wall_s']:.0f} s. Re-run on an idle machine: `{result['command']}`.",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
