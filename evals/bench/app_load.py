"""The app under load: ``python -m assistant serve`` in its own process, N closed-loop users asking through its
public Gradio route for T seconds each; requests/s, p50/p95/p99 latency, errors, and the server's RSS over time.

    python -m evals.bench.app_load --users 10,50 --duration 60 --report docs/benchmarks

writes DIR/load.json, DIR/load.md and DIR/load_rss.png; ``python -m evals bench`` runs the same phase and puts
the section into benchmarks.md. Targets (issue: hardening): 0 errors, p95 ≤ 1 s at 50 users, and RSS flat
within 10 % over the last 30 s of each run.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from evals.bench.loadgen import gradio_call, per_second, run_load

log = logging.getLogger(__name__)

ROUTE = "ask_json"
TARGET_P95_MS = 1000.0
TARGET_FLAT_PCT = 10.0
WARMUP_REQUESTS = 20


def questions(limit: int = 200) -> list[str]:
    """The public eval cases' last turns: real questions, of every kind the app answers."""
    from evals.bench.cases import load_cases

    return [c.turns[-1] for c in load_cases(["public"])][:limit]


def measure_load(
    cwd: Path,
    env: Mapping[str, str],
    users: Sequence[int] = (10, 50),
    duration_s: float = 60.0,
    asks: Sequence[str] | None = None,
    progress: Any = None,
) -> dict[str, Any]:
    """Start the app, warm it up, run one closed-loop run per entry of ``users``, stop it."""
    from evals.bench.app_start import served_app

    asks = list(asks or questions())
    with served_app(cwd, env, None, "serve-load.log", 600) as (proc, url, _started):
        call = gradio_call(url, ROUTE, timeout_s=120)
        for i in range(WARMUP_REQUESTS):
            call(asks[i % len(asks)])
        runs = []
        for n in users:
            if progress:
                progress(f"app load: {n} closed-loop users for {duration_s:.0f} s")

            def request(user: int, seq: int) -> None:
                result = call(asks[(user * 7 + seq) % len(asks)])
                if not (isinstance(result, list) and '"kind"' in str(result[0])):
                    raise RuntimeError(f"unexpected answer: {str(result)[:200]}")

            report = run_load(request, n, duration_s, rss_pid=proc.pid, rss_every_s=1.0)
            row = report.to_dict()
            row["per_second"] = per_second(report)
            row["meets_targets"] = _meets(row)
            runs.append(row)
        return {
            "route": f"/gradio_api/call/{ROUTE}",
            "duration_s": duration_s,
            "questions": len(asks),
            "runs": runs,
            "server_log_tail": _tail(Path(env.get("ZGSZ_DATA_DIR", str(cwd))) / "serve-load.log"),
        }


def _meets(row: dict[str, Any]) -> dict[str, bool]:
    flat = row.get("rss_last_30s") or {}
    return {
        "no_errors": row["errors"] == 0,
        "p95_le_1s": row["latency_ms"]["p95"] <= TARGET_P95_MS,
        "rss_flat_10pct": flat.get("spread_pct") is not None and flat["spread_pct"] <= TARGET_FLAT_PCT,
    }


def _tail(path: Path, lines: int = 5) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return [line for line in text.splitlines() if "Traceback" in line or "Error" in line][-lines:]


def render_section(load: dict[str, Any]) -> list[str]:
    """The bench report's section on the app under load (Markdown lines)."""
    if not load or "runs" not in load:
        return ["## 6. The app under load", "", f"Not measured: {(load or {}).get('skipped', 'not run')}"]
    lines = [
        "## 6. The app under load",
        "",
        f"`python -m assistant serve` in its own process; N closed-loop users (each sends its next question as soon "
        f"as the last is answered) through the public route `{load['route']}` for {load['duration_s']:.0f} s per "
        f"run, cycling through {load['questions']} questions of the public eval set. RSS of the server sampled every "
        "second. Targets: 0 errors, p95 ≤ 1 s, RSS within 10 % over the last 30 s.",
        "",
        "| users | requests | errors | requests/s | p50 ms | p95 ms | p99 ms | max ms | RSS start → end MiB "
        "| RSS last 30 s (spread) | targets |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|",
    ]
    for r in load["runs"]:
        lat, flat = r["latency_ms"], r.get("rss_last_30s") or {}
        met = r.get("meets_targets", {})
        lines.append(
            f"| {r['users']} | {r['requests']} | {r['errors']} | {r['requests_per_s']:.1f} | {lat['p50']:.0f} "
            f"| {lat['p95']:.0f} | {lat['p99']:.0f} | {lat['max']:.0f} "
            f"| {r.get('rss_start_mib', float('nan')):.0f} → {r.get('rss_end_mib', float('nan')):.0f} "
            f"| {flat.get('min_mib', 0):.0f}–{flat.get('max_mib', 0):.0f} ({flat.get('spread_pct')} %) "
            f"| {'all met' if met and all(met.values()) else ', '.join(k for k, v in met.items() if not v) + ' missed'} |"
        )
    if load.get("soak"):
        s = load["soak"]
        lines += ["", f"Soak test (`RUN_SOAK=1 pytest -m soak`): {s.get('outcome')} in {s.get('wall_s')} s."]
    if load.get("command"):
        lines += ["", f"Measured by `{load['command']}` (load average at the end: "
                  f"{', '.join(f'{x:.1f}' for x in load.get('load_avg', []))})."]  # fmt: skip
    if load.get("note"):
        lines += ["", load["note"]]
    lines += ["", "![server RSS over time](load_rss.png)"]
    return lines


def plot_rss(load: dict[str, Any], path: Path) -> Path | None:
    """Server RSS over time, one line per run."""
    runs = [r for r in load.get("runs", []) if r.get("rss_mib")]
    if not runs:
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 3.6), dpi=110)
    for r in runs:
        t, mib = zip(*r["rss_mib"], strict=True)
        ax.plot(
            t,
            mib,
            label=f"{r['users']} users ({r['requests_per_s']:.0f} req/s, p95 {r['latency_ms']['p95']:.0f} ms)",
        )
    ax.axvspan(max(0.0, runs[0]["duration_s"] - 30), runs[0]["duration_s"], color="0.9", label="last 30 s")
    ax.set_xlabel("seconds into the run")
    ax.set_ylabel("server RSS (MiB)")
    ax.set_ylim(0, max(mib for r in runs for _, mib in r["rss_mib"]) * 1.25)
    ax.set_title("python -m assistant serve under closed-loop load")
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path


def run_soak(cwd: Path, env: Mapping[str, str], timeout_s: float = 900) -> dict[str, Any]:
    """The opt-in soak test (tests/ui/test_soak.py), as the bench runs it."""
    started = time.perf_counter()
    argv = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-m",
        "soak",
        "-p",
        "no:cacheprovider",
        "tests/ui/test_soak.py",
    ]
    try:
        out = subprocess.run(argv, cwd=cwd, env={**env, "RUN_SOAK": "1"}, capture_output=True, text=True,
                             timeout=timeout_s)  # fmt: skip
        tail = out.stdout.strip().splitlines()[-1:] or [""]
        outcome = ("passed: " if out.returncode == 0 else f"FAILED ({out.returncode}): ") + tail[0]
    except subprocess.TimeoutExpired:
        outcome = f"timed out after {timeout_s:.0f} s"
    return {"outcome": outcome, "wall_s": round(time.perf_counter() - started, 1)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m evals.bench.app_load", description=__doc__.split("\n\n")[0])
    p.add_argument("--users", default="10,50", help="comma-separated user counts (default 10,50)")
    p.add_argument("--duration", type=float, default=60.0, help="seconds per run (default 60)")
    p.add_argument("--report", type=Path, default=Path("out/bench"), help="folder for load.json/.md/.png")
    p.add_argument("--soak", action="store_true", help="also run the opt-in soak test")
    p.add_argument("--note", default="", help="a line for the report, e.g. what else was running")
    args = p.parse_args(argv)
    try:
        users = [int(u) for u in args.users.split(",") if u.strip()]
    except ValueError:
        p.error(f"--users must be whole numbers separated by commas, got {args.users!r}")
    if not users or min(users) < 1 or args.duration <= 0:
        p.error("--users must be ≥ 1 and --duration > 0")
    from assistant.settings import PROJECT_ROOT

    env = dict(os.environ)
    env.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

    def say(message: str) -> None:
        print(f"[load] {message}", file=sys.stderr, flush=True)

    load = measure_load(PROJECT_ROOT, env, users, args.duration, progress=say)
    if args.soak:
        say("soak test")
        load["soak"] = run_soak(PROJECT_ROOT, env)
    given = list(sys.argv[1:] if argv is None else argv)
    if "--note" in given:  # the note is printed on its own
        i = given.index("--note")
        del given[i : i + 2]
    load["command"] = "python -m evals.bench.app_load " + " ".join(given)
    load["load_avg"] = os.getloadavg()
    if args.note:
        load["note"] = args.note
    args.report.mkdir(parents=True, exist_ok=True)
    (args.report / "load.json").write_text(json.dumps(load, ensure_ascii=False, indent=1), encoding="utf-8")
    (args.report / "load.md").write_text("\n".join(render_section(load)) + "\n", encoding="utf-8")
    plot_rss(load, args.report / "load_rss.png")
    for r in load["runs"]:
        say(f"{r['users']} users: {r['requests_per_s']} req/s, p95 {r['latency_ms']['p95']} ms, errors {r['errors']}, "
            f"RSS last 30 s {r.get('rss_last_30s')}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
