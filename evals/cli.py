"""`python -m evals run|compare|bench`: parses arguments and hands over to the evals modules.

python -m evals run evals/*.jsonl --report out/ [--url URL] [--planner rules|llm] [--json] [--min-pass-rate 0.8]
python -m evals compare out/before/report.json out/after/report.json
python -m evals bench ...            (evals/bench/, when present)
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from assistant.errors import AssistantError

log = logging.getLogger(__name__)


def _rate(text: str) -> float:
    """0.8, 80 and 80% all mean 80%."""
    try:
        value = float(text.strip().rstrip("%"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a pass rate: {text!r} (use 0.8, 80 or 80%)") from None
    value = value / 100 if value > 1 or text.strip().endswith("%") else value
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"pass rate out of range: {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m evals", description="answer-accuracy evaluation of the assistant"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="show debug logs")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = sub.add_parser("run", help="run suites and judge every answer")
    run.add_argument("suites", nargs="+", type=Path, metavar="SUITE", help="JSON Lines suite files")
    run.add_argument(
        "--url",
        help="a running service (its /v1/ask, or the Gradio API /ask) instead of the in-process engine",
    )
    run.add_argument(
        "--api",
        choices=["auto", "plain", "gradio"],
        default="auto",
        help="with --url: the plain JSON API /v1/ask or the Gradio API (auto: /v1/ask when the service has it)",
    )
    run.add_argument("--api-key", help="with --url: bearer key for a service with ZGSZ_API_KEYS set")
    run.add_argument("--report", type=Path, metavar="DIR", help="write report.json and report.html here")
    run.add_argument("--planner", choices=["rules", "llm"], help="planner of the in-process engine")
    run.add_argument("--json", action="store_true", help="print the JSON report instead of the summary")
    run.add_argument("--min-pass-rate", type=_rate, metavar="X", help="exit 1 when the pass rate is below X")
    run.add_argument(
        "--only", action="append", default=[], metavar="ID|CATEGORY", help="run only these (repeatable)"
    )
    run.add_argument("--limit", type=int, metavar="N", help="run only the first N cases")
    run.add_argument("--quiet", action="store_true", help="no per-case progress on stderr")

    cmp = sub.add_parser("compare", help="regressions, fixes and metric deltas between two reports")
    cmp.add_argument("before", type=Path, metavar="A.json")
    cmp.add_argument("after", type=Path, metavar="B.json")
    cmp.add_argument("--json", action="store_true", help="print the comparison as JSON")
    cmp.add_argument("--fail-on-regression", action="store_true", help="exit 1 when any case regressed")

    sub.add_parser("bench", help="speed benchmarks (evals/bench/)", add_help=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["bench"]:
        return _bench(argv[1:])
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    if args.command is None:
        build_parser().print_help()
        return 2
    try:
        return _run(args) if args.command == "run" else _compare(args)
    except AssistantError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _run(args: argparse.Namespace) -> int:
    from evals.report import build_report, terminal_summary, write_reports
    from evals.runner import (
        ApiBackend,
        Backend,
        CaseResult,
        HttpBackend,
        InProcessBackend,
        http_backend,
        run_cases,
    )
    from evals.suite import load_suites, select

    suite = load_suites(args.suites)
    for problem in suite.problems:
        print(f"skipped {problem}", file=sys.stderr)
    cases = select(suite.cases, args.only)[: args.limit]
    if not cases:
        raise AssistantError("no cases to run (check the suite files and --only)")

    backend: Backend
    if args.url:
        if args.planner:
            print("note: --planner is ignored with --url; the app uses its own settings", file=sys.stderr)
        backend = http_backend(args.url, args.api, args.api_key)
    else:
        from assistant.settings import load_settings

        settings = load_settings(**({"planner": args.planner} if args.planner else {}))
        backend = InProcessBackend(settings)

    def progress(done: int, total: int, r: CaseResult) -> None:
        if not args.quiet:
            mark = "ok  " if r.passed else "FAIL"
            print(f"[{done}/{total}] {mark} {r.case.id} {r.latency_ms:,.0f} ms", file=sys.stderr)

    started = datetime.now(UTC)
    t0 = time.perf_counter()
    try:
        results = run_cases(cases, backend, progress)
    finally:
        if isinstance(backend, HttpBackend | ApiBackend):
            backend.close()
    meta = {
        "suites": [str(p) for p in suite.paths],
        "backend": backend.name,
        "planner": getattr(backend, "planner", ""),
        "started": started.isoformat(timespec="seconds"),
        "duration_s": round(time.perf_counter() - t0, 1),
        "commit": _git_commit(),
        "filters": {"only": args.only, "limit": args.limit},
        "problems": [str(p) for p in suite.problems],
    }
    report = build_report(results, meta)
    if args.report:
        json_path, html_path = write_reports(report, args.report)
        print(f"wrote {json_path} and {html_path}", file=sys.stderr)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1, default=str))
    else:
        print(terminal_summary(report))
    rate = report["metrics"]["pass_rate"] or 0.0
    if args.min_pass_rate is not None and rate < args.min_pass_rate:
        print(f"pass rate {rate:.1%} is below the minimum {args.min_pass_rate:.1%}", file=sys.stderr)
        return 1
    return 0


def _compare(args: argparse.Namespace) -> int:
    from evals.compare import compare, format_comparison
    from evals.report import load_report

    diff = compare(load_report(args.before), load_report(args.after))
    if args.json:
        print(json.dumps(diff, ensure_ascii=False, indent=1))
    else:
        print(format_comparison(diff, str(args.before), str(args.after)))
    return 1 if args.fail_on_regression and diff["regressions"] else 0


def _bench(argv: list[str]) -> int:
    """The benchmarks live in evals/bench/; imported only when asked for (they pull in matplotlib and more)."""
    from evals.bench.cli import main as bench_main

    return int(bench_main(argv) or 0)


def _git_commit() -> str:
    """The commit the run measured, so two reports can be told apart; empty outside a git checkout."""
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=5,
            cwd=Path(__file__).resolve().parent,
        )  # fmt: skip
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True, timeout=5,
            cwd=Path(__file__).resolve().parent,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return out.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "") if out.returncode == 0 else ""
