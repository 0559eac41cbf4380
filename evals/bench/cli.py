"""`python -m evals bench [--scales 10,100] [--report DIR] [--quick]`: run the speed benchmarks and write
DIR/benchmarks.md, DIR/benchmarks.json, DIR/*.png and DIR/profile_ask.txt.

The default (scales 10 and 100) takes several minutes on a 2-core machine; `--scales 10,100,1000` adds the
1000× corpus (much longer: every chunk is embedded once on the CPU). `--quick` skips the batch-size sweep and
repeats each cold start once.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from assistant.errors import AssistantError


def _scales(text: str) -> list[int]:
    try:
        scales = [int(s) for s in text.split(",") if s.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"scales must be whole numbers separated by commas, got {text!r}"
        ) from None
    if not scales or any(s < 1 for s in scales):
        raise argparse.ArgumentTypeError(f"scales must be 1 or more, got {text!r}")
    return scales


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m evals bench", description=__doc__.split("\n\n")[0])
    p.add_argument("--scales", type=_scales, default=[10, 100], metavar="N,N",
                   help="corpus sizes for the growth benchmark, as multiples of the real clause count (default 10,100; 1 = the real corpus, always included)")  # fmt: skip
    p.add_argument("--report", type=Path, default=Path("out/bench"), metavar="DIR", help="where to write the report (default out/bench)")  # fmt: skip
    p.add_argument("--quick", action="store_true", help="fewer repetitions, no batch-size sweep")
    p.add_argument("--corpus", type=Path, help="real corpus folder (default: the project's corpus/)")
    p.add_argument("--work-dir", type=Path, help="folder for temporary corpora and indexes (default: a temp folder)")  # fmt: skip
    p.add_argument("--keep", action="store_true", help="keep the temporary corpora and indexes")
    p.add_argument("--only", choices=["growth"], help="run one phase and refresh its section in an existing report (DIR/benchmarks.json), keeping the others")  # fmt: skip
    p.add_argument("--merge-from", type=Path, metavar="FILE", help="with --only growth: measure nothing; take the growth rows of --scales, and the record of the run that made them, from FILE (the benchmarks.json of a finished `--only growth` run written elsewhere) into --report's")  # fmt: skip
    p.add_argument("-v", "--verbose", action="store_true")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")  # fmt: skip
    from evals.bench.report import write_report
    from evals.bench.runner import BenchOptions, BenchRun

    if args.merge_from:
        return _merge_from(args.merge_from, args.scales, args.report, args.only)
    options = BenchOptions(
        scales=args.scales,
        quick=args.quick,
        work_dir=args.work_dir,
        keep=args.keep,
        only_growth=args.only == "growth",
    )
    if args.corpus:
        options.corpus_dir = args.corpus.resolve()
    args.report.mkdir(parents=True, exist_ok=True)
    options.profile_path = (args.report / "profile_ask.txt").resolve()
    started = time.perf_counter()

    def progress(message: str) -> None:
        print(f"[bench {time.perf_counter() - started:6.1f}s] {message}", file=sys.stderr, flush=True)

    command = "python -m evals bench " + " ".join(sys.argv[1:] if argv is None else argv)
    try:
        results = BenchRun(options, progress).run()
    except AssistantError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    if args.only:
        from evals.bench.report import merge_partial

        results["command_partial"] = command.strip()
        results = merge_partial(args.report / "benchmarks.json", results, args.only)
    written = write_report(results, args.report, command.strip())
    for path in written:
        print(path)
    return 0


def _merge_from(source: Path, scales: list[int], report: Path, only: str | None) -> int:
    """Growth rows measured by a run that wrote its report elsewhere (a long scale run in the background),
    merged into ``report`` as if that run had written there."""
    import json

    from evals.bench.report import merge_partial, write_report

    if only != "growth":
        print("错误：--merge-from needs --only growth", file=sys.stderr)
        return 2
    try:
        src = json.loads(source.read_text(encoding="utf-8"))
        rows = [r for r in src.get("growth") or [] if r.get("scale") in scales]
        record = (src.get("refreshed") or [{}])[-1]
        if not rows:
            raise AssistantError(f"{source}: no growth row for scales {scales}")
        partial = {
            "growth": rows,
            "command_partial": record.get("command"),
            **{k: record.get(k) for k in ("started", "duration_s", "machine", "other_cpu", "load_avg_end")},
            "notes": record.get("notes") or [],
        }
        merged = merge_partial(report / "benchmarks.json", partial, "growth")
    except (OSError, ValueError) as exc:
        print(f"错误：{source}: {exc}", file=sys.stderr)
        return 1
    except AssistantError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    for path in write_report(merged, report, merged["command"]):
        print(path)
    return 0
