"""Small Chinese numbers, one place for them: clause numbers (（十一）, 第7条), months, days and year counts.

Amounts (三千五百万, 一千二) are tools/amounts.py's; these are the 1–99 of headings and dates.

Example:
    >>> small_number("十一"), small_number("二十三"), small_number("两"), small_number("7")
    (11, 23, 2, 7)
    >>> small_number("十十") is None, small_number("一二") is None
    (True, True)
    >>> year_digits("二〇二三")
    2023
"""

from __future__ import annotations

DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def small_number(word: str) -> int | None:
    """1 to 99 written in digits or in Chinese (七, 十五, 二十一, 两); None for what is no such number."""
    if word.isdigit():
        return int(word)
    if "十" in word:
        tens, _, ones = word.partition("十")
        if tens not in ("", *DIGITS) or ones not in ("", *DIGITS):
            return None
        return (DIGITS[tens] if tens else 1) * 10 + (DIGITS[ones] if ones else 0)
    return DIGITS.get(word) if len(word) == 1 else None


def year_digits(word: str) -> int | None:
    """A year written digit by digit (2023, 二〇二三); None otherwise."""
    if word.isdigit():
        return int(word)
    if word and all(c in DIGITS for c in word):
        return int("".join(str(DIGITS[c]) for c in word))
    return None
