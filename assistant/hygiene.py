"""Clean what a person typed before anything else looks at it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from assistant.errors import BadQuery
from common.text import fold_alnum

# Lone surrogates (\ud800-\udfff) come from JSON escapes or undecodable bytes; they cannot even be printed.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff\ud800-\udfff\ufffe\uffff]"
)

# One request may replay a conversation; longer than this it is no conversation but a way to tie up a worker.
MAX_TURNS = 50


@dataclass(frozen=True)
class CleanText:
    text: str
    truncated: bool
    original_chars: int


def clean_message(raw: object, max_chars: int) -> CleanText:
    """Drop control and zero-width characters, fold compatibility forms, collapse blank runs, cut to max_chars."""
    text = raw if isinstance(raw, str) else ("" if raw is None else str(raw))
    original = len(text)
    text = _CONTROL.sub("", text)
    text = fold_alnum(text)
    text = re.sub(r"[ \t\r\n]+", " ", text).strip()
    truncated = len(text) > max_chars
    return CleanText(text[:max_chars], truncated, original)


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


MAX_JSON_DEPTH = 64  # deeper than any request; beyond it only the recursion limit waits


def parse_json(text: str) -> Any:
    """``text`` as JSON, for input that may be hostile: a syntax error, nesting too deep for the parser, an
    integer of thousands of digits or nesting beyond MAX_JSON_DEPTH raise BadQuery naming the problem; lone
    surrogates in strings become U+FFFD (they could not be written out again)."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadQuery(f"不是合法 JSON：{exc.msg}（第 {exc.lineno} 行第 {exc.colno} 列）") from None
    except RecursionError:
        raise BadQuery("JSON 嵌套过深") from None
    except ValueError:  # json.loads raises it only for an integer of thousands of digits
        raise BadQuery("JSON 含有过长的数字（超过 4300 位）") from None
    return scrub(value)


def scrub(value: Any, depth: int = 0) -> Any:
    """``value`` (parsed JSON) with lone surrogates in its strings as U+FFFD; BadQuery when nested too deep."""
    if depth > MAX_JSON_DEPTH:
        raise BadQuery(f"JSON 嵌套过深（超过 {MAX_JSON_DEPTH} 层）")
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, list):
        return [scrub(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {printable(k): scrub(v, depth + 1) for k, v in value.items()}
    return value


def printable(text: str) -> str:
    """``text`` with lone surrogates (from JSON escapes or undecodable bytes) as U+FFFD, so it can be written."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)
    return text
