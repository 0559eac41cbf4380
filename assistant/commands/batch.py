"""What every command shares: JSONL batches that answer every line, safe output, and the exit codes.

A batch reads bytes, so one invalid UTF-8 byte spoils only its own line; every line gets exactly one output
line, in order, and a line that cannot be answered gets ``{"error": "...", "line": n}``. Output never fails on
what came in: lone surrogates become U+FFFD, and an object that cannot be written becomes an error object.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterator
from typing import IO, Any

from assistant.errors import AssistantError
from assistant.hygiene import parse_json, printable

log = logging.getLogger(__name__)

EXIT_OK = 0  # every line (or the one request) was answered
EXIT_ERRORS = 1  # some lines had errors, or the command could not do its work
EXIT_USAGE = 2  # the command line itself was wrong
EXIT_CODES_HELP = (
    "退出码：0 全部回答；1 有输入行出错（该行输出 error 对象）或命令未能完成；2 命令行用法错误。"
)

INTERNAL = "内部错误"  # the start of every error message that is a bug, not bad input


class UsageError(AssistantError):
    """The command line itself is wrong (missing argument, unreadable file): exit code 2."""


class LineError(AssistantError):
    """A line that cannot be answered, still naming the line's ``id`` when it had one."""

    def __init__(self, message: str, ident: Any = None) -> None:
        super().__init__(message)
        self.ident = ident


def open_binary(source: str) -> IO[bytes]:
    """``source`` as a byte stream: a path, or - for standard input."""
    if source == "-":
        return sys.stdin.buffer
    try:
        return open(source, "rb")  # noqa: SIM115 - closed by the caller's with
    except OSError as exc:
        raise UsageError(f"无法读取 {source}：{exc.strerror or exc}") from None


def check_readable(source: str) -> None:
    """Fail early (before an index loads) when ``source`` is a file that cannot be opened."""
    if source != "-":
        open_binary(source).close()


def read_lines(stream: IO[bytes]) -> Iterator[tuple[int, str | None, str | None]]:
    """(line number, text, error) for every non-blank line; the error names a line that is not UTF-8."""
    for n, raw in enumerate(stream, 1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield (
                n,
                None,
                f"第 {n} 行不是合法的 UTF-8 文本（第 {exc.start + 1} 个字节 0x{raw[exc.start]:02x}）",
            )
            continue
        if text.strip():
            yield n, text.removeprefix("\ufeff"), None


def load_json(text: str, n: int) -> Any:
    """The JSON value on line ``n``, with lone surrogates made harmless; AssistantError names what is wrong."""
    try:
        return parse_json(text)
    except AssistantError as exc:
        raise AssistantError(f"第 {n} 行：{exc}") from None


clean_text = printable


# Legal inside JSON strings, but line breaks to str.splitlines() and to many JSONL readers: always escaped.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def dumps(obj: Any, n: int | None = None, indent: int | None = None) -> str:
    """One JSON text that is always writable and is one line for any line splitter (unless ``indent``); what
    cannot be written becomes an error object naming the line."""
    try:
        return json.dumps(obj, ensure_ascii=False, indent=indent).translate(_LINE_BREAKS)
    except (TypeError, ValueError, RecursionError) as exc:
        log.debug("cannot write %r", obj, exc_info=True)
        return json.dumps({"error": f"{INTERNAL}：结果无法写成 JSON（{type(exc).__name__}）", "line": n})


def error_object(message: str, n: int, ident: Any = None) -> dict[str, Any]:
    out: dict[str, Any] = {"error": clean_text(message), "line": n}
    if ident is not None:
        out["id"] = ident
    return out


def run_batch(source: str, answer: Callable[[Any, int], Any], out: IO[str] | None = None) -> int:
    """Answer every line of ``source`` with ``answer(json_value, line_number)``, one output line per line.

    ``answer`` raises AssistantError for a line it cannot answer; any other exception is logged as a bug and
    that line gets an error object starting with 内部错误 — the batch goes on. Returns the exit code.
    """
    out = out or sys.stdout
    errors = 0
    with open_binary(source) as stream:
        for n, text, problem in read_lines(stream):
            result: Any
            if problem is not None:
                result = error_object(problem, n)
            else:
                try:
                    result = answer(load_json(text or "", n), n)
                except AssistantError as exc:
                    result = error_object(str(exc), n, getattr(exc, "ident", None))
                except Exception as exc:  # a bug must cost one line, not the batch
                    log.exception("line %d failed", n)
                    result = error_object(f"{INTERNAL}：{type(exc).__name__}（请报告此问题）", n)
            if isinstance(result, dict) and "error" in result and result.get("line") == n:
                errors += 1
            out.write(clean_text(dumps(result, n)) + "\n")
            out.flush()
    return EXIT_ERRORS if errors else EXIT_OK
