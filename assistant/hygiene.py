"""Clean what a person typed before anything else looks at it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Lone surrogates (\ud800-\udfff) come from JSON escapes or undecodable bytes; they cannot even be printed.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff\ud800-\udfff\ufffe\uffff]"
)

# One request may replay a conversation; longer than this it is no conversation but a way to tie up a worker.
MAX_TURNS = 50


# Full-width digits, letters and signs (３００万, ＤＣＭＭ, ￥) become ASCII; Chinese punctuation stays as typed.
_FULLWIDTH = {c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F) if chr(c) not in "，；：？！（）｛｝［］"}
_FULLWIDTH[0x3000] = " "


def _fold_alnum(text: str) -> str:
    return unicodedata.normalize("NFC", text.translate(_FULLWIDTH)).replace("￥", "¥")


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
    text = _fold_alnum(text)
    text = re.sub(r"[ \t\r\n]+", " ", text).strip()
    truncated = len(text) > max_chars
    return CleanText(text[:max_chars], truncated, original)


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)
