"""`python -m assistant search [--json] [-k N] "问题"` and `search --jsonl FILE|-`: the hybrid search.

--doc ID (repeatable) searches only those documents. --jsonl reads one {"query": "...", "k": N (optional),
"doc": "ID" (optional)} per line and prints one JSON list of hits per line, in
input order, loading the index once; a line that cannot be answered prints {"error": "...", "line": n} instead.
Evaluators depend on this contract: keep it stable.
"""

from __future__ import annotations

import argparse
import textwrap
from typing import Any

from assistant.commands.batch import EXIT_CODES_HELP, UsageError, check_readable, clean_text, dumps, run_batch
from assistant.errors import BadQuery
from assistant.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "search",
        help="检索政策条款",
        description="检索政策条款（jieba BM25 + 向量混合检索），显示标题路径、原文和得分。",
        epilog=EXIT_CODES_HELP,
    )
    p.add_argument("query", nargs="?", help="要查找的问题或关键词")
    p.add_argument("-k", type=int, default=None, help="返回条数（默认 ZGSZ_TOP_K，5）")
    p.add_argument("--json", action="store_true", help="输出 JSON 列表（path、doc、text、score 等）")
    p.add_argument(
        "--doc", action="append", metavar="ID", help="只检索这份政策文件（meta.yaml 的 id；可重复）"
    )
    p.add_argument(
        "--jsonl", metavar="FILE", help='批量：每行 {"query": "..."}，- 为标准输入；每行输出一个 JSON 列表'
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    if (args.query is None) == (args.jsonl is None):
        raise UsageError(
            '请给出一个问题，或用 --jsonl FILE 批量检索，例如：python -m assistant search "贴息能贴多少？"'
        )
    if args.k is not None and args.k < 1:
        raise UsageError(f"-k 必须是正整数（got {args.k}）")
    if args.jsonl is not None:
        check_readable(args.jsonl)
    else:
        from indexing.query import clean_query

        clean_query(args.query, settings.max_query_chars)  # a bad query fails before the index loads
    from indexing.index import PolicyIndex

    index = PolicyIndex.open(settings, progress=True)
    try:
        if args.jsonl is not None:
            return _run_jsonl(index, args)
        hits = index.search(args.query, args.k, doc_ids=args.doc)
        if args.json:
            print(dumps([h.to_dict() for h in hits], indent=1))
        else:
            print(_render(hits) if hits else "没有找到相关条款。")
        return 0
    finally:
        index.close()


def _run_jsonl(index: Any, args: argparse.Namespace) -> int:
    def answer(item: Any, n: int) -> list[dict[str, Any]]:
        query, k, docs = _parse_item(item, args.k, args.doc)
        return [h.to_dict() for h in index.search(query, k, doc_ids=docs)]

    return run_batch(args.jsonl, answer)


def _parse_item(
    item: Any, default_k: int | None, default_docs: list[str] | None = None
) -> tuple[str, int | None, list[str] | None]:
    if not isinstance(item, dict) or not isinstance(item.get("query"), str):
        raise BadQuery('每行应为 {"query": "..."}')
    k = item.get("k", default_k)
    if k is not None and (not isinstance(k, int) or isinstance(k, bool) or k < 1):
        raise BadQuery(f"k 必须是正整数（got {clean_text(repr(k))[:40]}）")
    doc = item.get("doc")
    if doc is not None and (not isinstance(doc, str) or not doc):
        raise BadQuery(f'"doc" 应为一份政策文件的 id（got {clean_text(repr(doc))[:40]}）')
    return item["query"], k, [doc] if doc else default_docs


def _render(hits: list[Any]) -> str:
    blocks = []
    for h in hits:
        head = f"[{h.rank}] {h.chunk.path_str}  （{h.doc.label}，得分 {h.score:.4f}）"
        body = textwrap.fill(h.chunk.text, width=60, initial_indent="    ", subsequent_indent="    ")
        blocks.append(f"{head}\n{body}")
    return "\n\n".join(blocks)
