"""`python -m assistant ask`: successive turns of one conversation, or one conversation per JSONL line."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from assistant.errors import AssistantError
from assistant.settings import Settings
from assistant.types import Answer


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "ask",
        help="提问（多条消息 = 同一对话的连续几轮）",
        description='提问。多条消息是同一对话的连续几轮，依次回答。--jsonl 每行一个对话 {"turns": [...]}，每行输出一个 JSON（回答最后一轮）。',
    )
    p.add_argument("messages", nargs="*", help="用户消息，按顺序作为对话的各轮")
    p.add_argument("--json", action="store_true", help="每轮输出一个 JSON 对象（每行一个）")
    p.add_argument("--jsonl", metavar="FILE", help='从文件（- 为标准输入）读取对话，每行 {"turns": [...]}')
    p.add_argument("--planner", choices=["rules", "llm"], help="规划器（默认 rules；llm 需配置 ZGSZ_LLM_*）")
    p.set_defaults(handler=run)


def _bot(args: argparse.Namespace, settings: Settings) -> Any:
    from assistant.engine import Assistant

    if args.planner:
        settings = settings.model_copy(update={"planner": args.planner})
    return Assistant.from_settings(settings, progress=True)


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.jsonl:
        return _run_jsonl(args, settings)
    if not args.messages:
        raise AssistantError('请给出问题，例如：python -m assistant ask "智能车间投入800万能拿多少？"')
    conv = _bot(args, settings).new_conversation()
    for message in args.messages:
        answer = conv.ask(message)
        if args.json:
            print(json.dumps(answer.to_dict(), ensure_ascii=False))
        else:
            print(render_text(answer))
    return 0


def _run_jsonl(args: argparse.Namespace, settings: Settings) -> int:
    try:
        stream = sys.stdin if args.jsonl == "-" else open(args.jsonl, encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        raise AssistantError(f"无法读取 {args.jsonl}：{exc.strerror}") from None
    bot = _bot(args, settings)
    with stream:
        for n, line in enumerate(stream, 1):
            if not line.strip():
                continue
            print(json.dumps(_answer_line(bot, line, n), ensure_ascii=False), flush=True)
    return 0


def _answer_line(bot: Any, line: str, n: int) -> dict[str, Any]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"error": f"第 {n} 行不是合法 JSON：{exc.msg}（第 {exc.colno} 列）", "line": n}
    turns = item.get("turns") if isinstance(item, dict) else None
    if not isinstance(turns, list) or not turns or not all(isinstance(t, str) for t in turns):
        return {"error": f'第 {n} 行缺少 turns（应为非空字符串列表，如 {{"turns": ["问题"]}}）', "line": n}
    try:
        out = bot.ask_turns(turns).to_dict()
    except AssistantError as exc:
        return {"error": str(exc), "line": n}
    if isinstance(item, dict) and "id" in item:
        out["id"] = item["id"]
    return out


def render_text(answer: Answer) -> str:
    lines = [answer.answer]
    if answer.citations:
        lines.append("\n引用：")
        for i, c in enumerate(answer.citations, 1):
            lines.append(f"[{i}] {c.doc} {c.path}\n    “{c.quote}”")
    lines.append(f"\n（{answer.kind}，{answer.elapsed_ms:.0f} ms）")
    return "\n".join(lines)
