"""Clean what a person typed before anything else looks at it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from common.text import fold_alnum

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")


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
