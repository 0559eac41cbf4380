"""`python -m assistant feedback export [--format csv|jsonl] [--out FILE]`: what people said about answers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.feedback import EXPORT_FORMATS, FeedbackStore
from assistant.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "feedback",
        help="导出网页上收集的 👍/👎 评价与留言",
        description="网页版每条回答下的 👍/👎 与留言保存在数据目录的 feedback.sqlite3 中；此命令把它们导出。",
    )
    actions = parser.add_subparsers(dest="feedback_action", metavar="ACTION")
    export = actions.add_parser(
        "export",
        help="导出为 CSV 或 JSONL",
        description="每行一条评价：id, created_at, rating(+1/-1), comment, question, answer, citations(JSON), planner, kind",
    )
    export.add_argument("--format", choices=EXPORT_FORMATS, default="csv", help="输出格式（默认 csv）")
    export.add_argument("--out", type=Path, default=None, help="输出文件（默认打印到标准输出）")
    export.set_defaults(handler=_export)
    parser.set_defaults(handler=lambda args, settings: _usage(parser))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _export(args: argparse.Namespace, settings: Settings) -> int:
    """Exit 0 when every row was exported, 1 when a damaged store kept some rows from being read."""
    store = FeedbackStore.open(settings)
    if store.notice:
        print(store.notice, file=sys.stderr)
    if args.out is None:
        report = store.export_report(sys.stdout, args.format)
        sys.stdout.flush()
        print(report.summary(), file=sys.stderr)
    else:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        # utf-8-sig: a CSV double-clicked into Excel on a Chinese Windows shows 中文 instead of mojibake.
        encoding = "utf-8-sig" if args.format == "csv" else "utf-8"
        with args.out.open("w", encoding=encoding, newline="") as fh:
            report = store.export_report(fh, args.format)
        print(f"{report.summary()}，写入 {args.out}", file=sys.stderr)
    return 0 if report.unreadable == 0 else 1
