"""`python -m assistant <command>`: parses arguments and hands over to one module per command.

Each module in assistant/commands/ exposes ``register(subparsers)``, which adds its parser and sets
``handler(args, settings) -> int``. Errors meant for users (AssistantError) become one clear line on stderr.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from assistant.errors import AssistantError

COMMANDS = ["index", "search", "calc", "ask", "serve", "feedback", "corpus"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m assistant",
        description="泰兴市智改数转政策问答助手（泰政办发〔2022〕25号）",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="show debug logs")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"assistant.commands.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    from assistant.settings import load_settings

    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        settings = load_settings()
        return int(args.handler(args, settings) or 0)
    except AssistantError as exc:
        print(f"错误：{exc}", file=sys.stderr)  # noqa: T201
        return 1
    except KeyboardInterrupt:
        return 130
