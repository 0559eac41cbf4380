"""`python -m assistant ask`: successive turns of one conversation, or one conversation per JSONL line."""

from __future__ import annotations

import argparse
from typing import Any

from assistant.commands.batch import EXIT_CODES_HELP, LineError, UsageError, check_readable, dumps, run_batch
from assistant.errors import AssistantError
from assistant.hygiene import MAX_TURNS
from assistant.settings import Settings
from assistant.types import Answer


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "ask",
        help="提问（多条消息 = 同一对话的连续几轮）",
        description='提问。多条消息是同一对话的连续几轮，依次回答。--jsonl 每行一个对话 {"turns": [...]}，每行输出一个 JSON（回答最后一轮）；'
        '无法回答的行输出 {"error": "...", "line": n}，其余行照常回答。',
        epilog=EXIT_CODES_HELP,
    )
    p.add_argument("messages", nargs="*", help="用户消息，按顺序作为对话的各轮")
    p.add_argument("--json", action="store_true", help="每轮输出一个 JSON 对象（每行一个）")
    p.add_argument("--jsonl", metavar="FILE", help='从文件（- 为标准输入）读取对话，每行 {"turns": [...]}')
    p.add_argument(
        "--doc",
        metavar="ID",
        help='只按这份政策文件回答（corpus 文件夹 id；all 为按问题自动判断）；--jsonl 的行可用 "doc" 字段单独指定',
    )
    p.add_argument("--planner", choices=["rules", "llm"], help="规划器（默认 rules；llm 需配置 ZGSZ_LLM_*）")
    p.set_defaults(handler=run)


def _bot(args: argparse.Namespace, settings: Settings) -> Any:
    from assistant.engine import Assistant

    if args.planner:
        settings = settings.model_copy(update={"planner": args.planner})
    return Assistant.from_settings(settings, progress=True)


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.jsonl:
        if args.messages:
            raise UsageError("--jsonl 与直接给出的消息不能同时使用")
        check_readable(args.jsonl)
        bot = _bot(args, settings)
        bot.router.check(args.doc, "--doc")
        return run_batch(args.jsonl, lambda item, n: answer_item(bot, item, n, args.doc))
    if not args.messages:
        raise UsageError('请给出问题，例如：python -m assistant ask "智能车间投入800万能拿多少？"')
    bot = _bot(args, settings)
    bot.router.check(args.doc, "--doc")
    conv = bot.new_conversation()
    for message in args.messages:
        answer = conv.ask(message, args.doc)
        print(dumps(answer.to_dict()) if args.json else render_text(answer), flush=True)
    return 0


def answer_item(bot: Any, item: Any, n: int, doc: str | None = None) -> dict[str, Any]:
    """One JSONL line's answer (its last turn), carrying the line's ``id``; AssistantError for a bad line.

    The line's own ``"doc"`` chooses its document, else ``doc`` (``--doc``)."""
    ident = item.get("id") if isinstance(item, dict) else None
    line_doc = item.get("doc", doc) if isinstance(item, dict) else doc
    if line_doc is not None and not isinstance(line_doc, str):
        raise LineError(f"第 {n} 行的 doc 应为文件 id 字符串", ident)
    turns = item.get("turns") if isinstance(item, dict) else None
    if not isinstance(turns, list) or not turns or not all(isinstance(t, str) for t in turns):
        raise LineError(f'第 {n} 行缺少 turns（应为非空字符串列表，如 {{"turns": ["问题"]}}）', ident)
    if len(turns) > MAX_TURNS:
        raise LineError(f"第 {n} 行有 {len(turns)} 轮对话，最多 {MAX_TURNS} 轮", ident)
    try:
        out: dict[str, Any] = bot.ask_turns(turns, doc=line_doc).to_dict()
    except AssistantError as exc:
        raise LineError(str(exc), ident) from None
    if isinstance(item, dict) and "id" in item:
        out["id"] = ident
    return out


def render_text(answer: Answer) -> str:
    lines = [answer.answer]
    if answer.citations:
        lines.append("\n引用：")
        for i, c in enumerate(answer.citations, 1):
            lines.append(f"[{i}] {c.doc} {c.path}\n    “{c.quote}”")
    lines.append(f"\n（{answer.kind}，{answer.elapsed_ms:.0f} ms）")
    return "\n".join(lines)
