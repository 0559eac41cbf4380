"""Query hygiene: what a search accepts, and the message when it cannot.

Example:
    >>> clean_query("  贴息\\x00能贴多少？ ", max_chars=100)
    '贴息 能贴多少？'
"""

from __future__ import annotations

import unicodedata

from common.errors import BadQuery


def clean_query(query: object, max_chars: int) -> str:
    """Control/format characters and lone surrogates become spaces, whitespace runs one space, the text is cut
    to ``max_chars``; an empty result raises BadQuery."""
    if not isinstance(query, str):
        raise BadQuery(f"查询必须是文字（query must be text, got {type(query).__name__}）")
    # Category C* = control, format, surrogate, private use, unassigned: none of it carries meaning here, and a
    # lone surrogate cannot even be encoded for the embedder.
    text = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in query)
    text = " ".join(text.split())[:max_chars].strip()
    if not text:
        raise BadQuery("查询为空：请输入要查找的问题或关键词（empty query）")
    return text
