"""Query hygiene."""

from __future__ import annotations

import pytest

from assistant.errors import BadQuery
from indexing.query import clean_query


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("贴息能贴多少？", "贴息能贴多少？"),
        ("  贴息\t\n能贴多少 ", "贴息 能贴多少"),
        ("贴\x00息\x1b[31m", "贴 息 [31m"),
        ("零宽\u200b字符\ufeff", "零宽 字符"),
        ("孤立代理\ud800项", "孤立代理 项"),
        ("😀 emoji", "😀 emoji"),
        ("x" * 50_000, "x" * 100),
    ],
)
def test_clean(raw: str, clean: str) -> None:
    assert clean_query(raw, max_chars=100) == clean


@pytest.mark.parametrize("raw", ["", "   ", "\x00\x01\x02", "\u200b\u200b", "\n\t"])
def test_empty_is_a_clear_error(raw: str) -> None:
    with pytest.raises(BadQuery, match="查询为空"):
        clean_query(raw, max_chars=100)


def test_not_text() -> None:
    with pytest.raises(BadQuery, match="文字"):
        clean_query(None, max_chars=100)
