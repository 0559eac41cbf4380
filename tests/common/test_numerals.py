"""Small Chinese numbers of headings and dates: read where written, None where not a number."""

from __future__ import annotations

import pytest

from common.numerals import small_number, year_digits


@pytest.mark.parametrize(
    ("word", "value"),
    [("七", 7), ("十", 10), ("十一", 11), ("十二", 12), ("二十", 20), ("二十三", 23), ("9", 9)],
)
def test_chinese_and_arabic_numbers_are_read(word: str, value: int) -> None:
    assert small_number(word) == value


@pytest.mark.parametrize("word", ["十十", "一二", "啥"])
def test_what_is_no_number_is_none(word: str) -> None:
    assert small_number(word) is None


@pytest.mark.parametrize(("word", "value"), [("二〇二二", 2022), ("2025", 2025), ("二○二四", 2024)])
def test_years_written_digit_by_digit(word: str, value: int) -> None:
    assert year_digits(word) == value


def test_a_year_with_units_is_no_year() -> None:
    assert year_digits("二千零二十二") is None
