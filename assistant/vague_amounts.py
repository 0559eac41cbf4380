"""A sum said only roughly ("好几百万", "一千多万", "大几十万", "上千万"): an amount the user did not give.

It is no subject of its own (the relevance check leaves it out, so the message is never off-topic for it) and no
figure to work on: the investment award's clause is quoted and the year's figure asked for (assistant/investment_ask.py).
"""

from __future__ import annotations

import re

VAGUE_AMOUNT = re.compile(
    r"(?:好|大|小|近)?[几数][十百千](?:来)?万"  # 好几百万, 大几十万, 数百万
    r"|[一二两三四五六七八九\d]?[十百千]多万"  # 一千多万, 两百多万, 百多万
    r"|上[百千]万|[百千][来把]万"  # 上千万, 百来万, 千把万
    r"|[一二两三四五六七八九\d][十百千]来万"  # 三百来万
)
_UNIT = re.compile(r"(?:元|块钱?)$")


def is_vague_amount(word: str) -> bool:
    """The whole word is a rough sum (a unit after it allowed)."""
    return bool(VAGUE_AMOUNT.fullmatch(_UNIT.sub("", word)))


def vague_amount(text: str) -> str:
    """The first rough sum said in ``text``, or ""."""
    found = VAGUE_AMOUNT.search(text)
    return found.group(0) if found else ""
