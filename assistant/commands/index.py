"""`python -m assistant index [--rebuild]`: build or refresh the search index and print what was done."""

from __future__ import annotations

import argparse
import json

from assistant.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "index",
        help="建立或刷新检索索引",
        description="从 corpus/ 建立或增量刷新检索索引（只嵌入有变化的条款片段）。索引在首次检索时也会自动建立。",
    )
    p.add_argument("--rebuild", action="store_true", help="删除已有索引，从头重建")
    p.add_argument("--json", action="store_true", help="以 JSON 输出建索引报告")
    p.add_argument("--quiet", action="store_true", help="不显示进度条")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from indexing.index import PolicyIndex

    report = PolicyIndex.build(settings, progress=not args.quiet, rebuild=args.rebuild)
    print(json.dumps(report.to_dict(), ensure_ascii=False) if args.json else report.summary())
    return 0
