"""What meta.yaml needs, read from the text where the text says it: title, number, issuer, place, dates.

Every guess is a :class:`Guess` with where it came from, so the import can tell a person what to check.

Example:
    >>> find_number(["云溪县人民政府文件", "云政发〔2023〕8号"])
    '云政发〔2023〕8号'
    >>> parse_date("二〇二三年六月十五日")
    datetime.date(2023, 6, 15)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from common.numerals import small_number, year_digits

_NUMBER = re.compile(r"[\u4e00-\u9fa5]{1,12}[〔\[［(（]((?:19|20)\d\d)[〕\]］)）]\s*(\d{1,4})\s*号")
_DATE = re.compile(
    r"((?:19|20)\d\d|[〇○零一二三四五六七八九]{4})\s*年\s*([\d一二三四五六七八九十]{1,3})\s*月\s*([\d一二三四五六七八九十]{1,3})\s*日"
)
_TITLE_END = (
    "通知",
    "意见",
    "办法",
    "措施",
    "政策",
    "方案",
    "规定",
    "细则",
    "计划",
    "决定",
    "规划",
    "指引",
    "指南",
)
_ISSUER_END = ("人民政府办公室", "人民政府办公厅", "人民政府", "委员会", "办公室", "办公厅", "局", "厅", "部")
_PLACE = re.compile(r"^(.{1,10}?(?:自治区|自治州|省|市|县|区|旗|州|盟))")
_PERIOD_YEARS = re.compile(r"有效期(?:为|暂定)?\s*([\d一二两三四五六七八九十]+)\s*年")
_FROM = re.compile(r"自\s*(.{4,16}?日|公布之日|印发之日|发布之日)\s*起")
_UNTIL = re.compile(r"有效期至\s*(.{6,16}?日)")
_CONTACT = re.compile(r"由(.{2,12}?)负责解释")


@dataclass(frozen=True)
class Guess:
    value: str | None
    source: str  # "命令行" (given), "正文" (read from the text), or "" (not found)


def parse_date(text: str) -> date | None:
    """A date written 2023年6月15日 or 二〇二三年六月十五日; None when it is not one."""
    m = _DATE.search(text)
    if not m:
        return None
    year_s, month_s, day_s = m.groups()
    try:
        year, month, day = year_digits(year_s), small_number(month_s), small_number(day_s)
        return date(year, month, day) if year and month and day else None
    except ValueError:  # 2月30日
        return None


def find_number(lines: list[str]) -> str | None:
    for line in lines[:40]:
        m = _NUMBER.search(line)
        if m:
            number = re.sub(r"[\[［(（]", "〔", m.group(0))
            return re.sub(r"[\]］)）]", "〕", number).replace(" ", "")
    return None


def find_title(lines: list[str]) -> str | None:
    """The first early line that reads like a document title (…关于…的通知 / 若干措施), else the first line."""
    for line in lines[:15]:
        t = line.strip("《》 ")
        if 6 <= len(t) <= 80 and t.endswith(_TITLE_END) and "。" not in t:
            return t
    return lines[0].strip("《》 ")[:80] if lines else None


def find_issuer(title: str | None, lines: list[str]) -> str | None:
    """The issuer named before 关于 in the title, else a signature line near the end of the notice."""
    if title and "关于" in title:
        head = title.split("关于")[0]
        if head.endswith(_ISSUER_END):
            return head
    for line in [*lines[:5], *reversed(lines)]:
        if len(line) <= 20 and line.endswith(_ISSUER_END) and "文件" not in line:
            return line
    return None


def find_place(issuer: str | None, title: str | None) -> str | None:
    for text in (issuer, title):
        m = _PLACE.match(text or "")
        if m:
            return m.group(1)
    return None


def find_published(lines: list[str]) -> date | None:
    """The date on a line of its own (the signature date), else the first date in the text."""
    for line in lines:
        if len(line) <= 16 and (d := parse_date(line)) and _DATE.fullmatch(line.strip()):
            return d
    for line in lines:
        if d := parse_date(line):
            return d
    return None


def find_validity(lines: list[str], published: date | None) -> tuple[date | None, date | None, str]:
    """(valid_from, valid_until, the sentence they came from); Nones when the text states no period."""
    for line in lines:
        if "有效期" not in line and "施行" not in line:
            continue
        for sentence in re.split(r"(?<=[。；])", line):
            start: date | None = None
            if m := _FROM.search(sentence):
                start = parse_date(m.group(1)) or (published if m.group(1).endswith("之日") else None)
            if m := _UNTIL.search(sentence):
                if until := parse_date(m.group(1)):
                    return start, until, sentence.strip()
            if (m := _PERIOD_YEARS.search(sentence)) and start:
                if not (years := small_number(m.group(1))):
                    continue
                try:
                    until = start.replace(year=start.year + years) - timedelta(days=1)
                except ValueError:  # 29 February
                    until = start.replace(year=start.year + years, day=28)
                return start, until, sentence.strip()
    return None, None, ""


def find_contact(lines: list[str]) -> str | None:
    for line in lines:
        if m := _CONTACT.search(line):
            return m.group(1)
    return None
