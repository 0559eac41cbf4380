"""`python -m assistant <command>`: parses arguments and hands over to one module per command.

Each module in assistant/commands/ exposes ``register(subparsers)``, which adds its parser and sets
``handler(args, settings) -> int``. Errors meant for users (AssistantError) become one clear line on stderr;
no input, however broken, ends in a traceback (a bug becomes one 内部错误 line, with details under -v).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

from assistant.commands.batch import (
    EXIT_CODES_HELP,
    EXIT_ERRORS,
    EXIT_USAGE,
    INTERNAL,
    UsageError,
    clean_text,
)
from assistant.errors import AssistantError

log = logging.getLogger(__name__)

COMMANDS = ["index", "search", "calc", "ask", "serve", "feedback", "corpus"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m assistant",
        description="智改数转政策问答助手：回答 corpus/ 中各政策文件的问题，并按其 rules.yaml 测算奖补",
        epilog=EXIT_CODES_HELP,
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="show debug logs")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"assistant.commands.{name}").register(sub)
    for sub_parser in sub.choices.values():
        if EXIT_CODES_HELP not in (sub_parser.epilog or ""):
            sub_parser.epilog = (
                f"{sub_parser.epilog}\n\n{EXIT_CODES_HELP}" if sub_parser.epilog else EXIT_CODES_HELP
            )
    return parser


def main(argv: list[str] | None = None) -> int:
    from assistant.settings import load_settings

    # Bytes on the command line that are not UTF-8 arrive as lone surrogates, which cannot be printed.
    argv = [clean_text(a) for a in (sys.argv[1:] if argv is None else argv)]
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help (0) and usage errors (2), already explained by argparse
        return int(exc.code or 0) if isinstance(exc.code, int | None) else EXIT_USAGE
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        settings = load_settings()
        code = int(args.handler(args, settings) or 0)
        sys.stdout.flush()  # here, not at exit, so a reader that went away is handled below
        return code
    except UsageError as exc:
        print(f"错误：{clean_text(str(exc))}", file=sys.stderr)  # noqa: T201
        return EXIT_USAGE
    except AssistantError as exc:
        print(f"错误：{clean_text(str(exc))}", file=sys.stderr)  # noqa: T201
        return EXIT_ERRORS
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_ERRORS
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: one clear line, the traceback only under -v
        log.debug("command failed", exc_info=True)
        print(f"错误：{INTERNAL}（{type(exc).__name__}），请加 -v 重试并报告此问题", file=sys.stderr)  # noqa: T201
        return EXIT_ERRORS


def _silence_stdout() -> None:
    """The reader went away (``| head``): point stdout at /dev/null so the final flush cannot raise again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # stdout is no file (e.g. captured in tests)
        pass
