"""Money amounts in Chinese text: parse them to integer yuan, find them in prose, write them for people.

One module used by the planner (facts in questions), the calculator's inputs and the evals' judge, so that
"300万", "三百万元", "0.03亿", "3,000,000元" and "1.2千万" mean the same thing everywhere.

Example:
    >>> parse_amount("1.2千万")
    12000000
    >>> format_wan(125000)
    '12.5万元'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from common.errors import BadAmount
from common.text import fold

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "两": 2,
    "贰": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
_CN_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
_CN_CHARS = "".join(_CN_DIGITS) + "".join(_CN_SMALL_UNITS) + "".join(_CN_BIG_UNITS)
# 二点六(亿), 十二点五(万): a Chinese decimal, always followed by a unit word in money talk.
_CN_DECIMAL = "[零〇一二两三四五六七八九十百千]+点[零〇一二三四五六七八九]+"

# Multipliers written after a number; longest first so that 千万 wins over 千 and 万.
_UNIT_WORDS = [
    ("万亿", 10**12),
    ("千万", 10**7),
    ("百万", 10**6),
    ("十万", 10**5),
    ("亿", 10**8),
    ("万", 10**4),
    ("千", 10**3),
    ("w", 10**4),
    ("W", 10**4),
]
# Above this no enterprise claim is sane (and Decimal arithmetic on 10^40 yuan would overflow its context):
# such an amount is refused as 金额不合理, never computed with.
CEILING_YUAN = 10**12  # 1万亿元
_YUAN = r"(?:元|块钱|块|人民币)"
_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?|\d*\.\d+"
_UNIT_RE = "|".join(re.escape(u) for u, _ in _UNIT_WORDS)

# An Arabic or Chinese number, an optional multiplier (个 only before one: 2个亿, but 12个 is a count), then
# optionally 元.
_MENTION = re.compile(
    rf"(?P<num>{_ARABIC}|{_CN_DECIMAL}|[{_CN_CHARS}]+)\s*(?:个(?=\s*(?:{_UNIT_RE})))?\s*(?P<unit>{_UNIT_RE})?\s*(?P<yuan>{_YUAN})?"
)


@dataclass(frozen=True)
class AmountMention:
    """An amount found in text: its value in integer yuan and where it was written."""

    yuan: int
    start: int
    end: int
    raw: str
    # "600多万 / 1千多万" → "more" (the stated round figure is a lower bound); "400万左右 / 约400万 / 五十来万" →
    # "about"; "近400万 / 不到400万" → "below" (the true figure is under the one written).
    approx: str = ""


def parse_cn_number(text: str) -> int:
    """Parse a Chinese numeral such as 三千五百万, 一亿二千万, 二十, 一千二 (=1200) or 三〇〇 (=300).

    Spoken shortcuts follow everyday usage: a trailing digit takes one step below the last unit written
    (一千二 = 1200, 一万二 = 12000, 两亿五 = 2.5亿) unless a 零 came before it (一百零五 = 105).
    """
    if not text or any(c not in _CN_CHARS for c in text):
        raise BadAmount(f"“{text}”不是中文数字")
    if text[0] in _CN_BIG_UNITS:
        # 万、亿元、万一: a unit with no number before it is a word, not an amount
        raise BadAmount(f"“{text}”缺少数字")
    if all(c in _CN_DIGITS for c in text):  # digit-by-digit, e.g. 三〇〇
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    total, section, digit, last_unit, zero = 0, 0, None, None, False
    for c in text:
        if c in _CN_DIGITS:
            if _CN_DIGITS[c] == 0:
                zero = True
            digit = _CN_DIGITS[c]
        elif c in _CN_SMALL_UNITS:
            unit = _CN_SMALL_UNITS[c]
            section += (1 if digit is None else digit) * unit
            digit, last_unit, zero = None, unit, False
        else:
            big = _CN_BIG_UNITS[c]
            section += digit or 0
            total = (total + section) * big if big > 10_000 else total + section * big
            section, digit, last_unit, zero = 0, None, big, False
    if digit is not None:
        step = last_unit // 10 if last_unit and last_unit >= 100 and not zero else 1
        section += digit * step
    return total + section


def _to_decimal(num: str) -> Decimal:
    if "点" in num:
        whole, frac = num.split("点", 1)
        return Decimal(parse_cn_number(whole)) + Decimal("0." + "".join(str(_CN_DIGITS[c]) for c in frac))
    if num and num[0] in _CN_CHARS:
        return Decimal(parse_cn_number(num))
    try:
        return Decimal(num.replace(",", ""))
    except InvalidOperation:
        raise BadAmount(f"“{num}”不是数字") from None


def _yuan(value: Decimal, text: object) -> int:
    if not value.is_finite() or value > CEILING_YUAN:
        raise BadAmount(f"金额不合理：“{_short(text)}”超过 1万亿元，请核对后重新输入")
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _short(text: object) -> str:
    if isinstance(text, int) and text.bit_length() > 64:
        return f"{text.bit_length() * 3 // 10} 位以上的数"
    s = str(text)
    return s if len(s) <= 40 else s[:37] + "…"


def parse_amount(text: str | int | float, default_multiplier: int = 1) -> int:
    """Parse one amount to integer yuan.

    A bare number is multiplied by ``default_multiplier`` (1 = yuan; pass 10_000 where a form field is in 万元).
    Raises BadAmount for anything that is not exactly one non-negative amount.
    """
    if isinstance(text, bool):
        raise BadAmount(f"“{text}”不是金额")
    if isinstance(text, int | float):
        if text != text or text in (float("inf"), float("-inf")):
            raise BadAmount(f"金额不合理：“{text}”不是有限的数")
        if text < 0:
            raise BadAmount(f"金额不能为负数：{_short(text)}")
        if text * default_multiplier > CEILING_YUAN:  # before str(): a 5,000-digit int has no str()
            raise BadAmount(f"金额不合理：{_short(text)} 超过 1万亿元，请核对后重新输入")
        return _yuan(Decimal(str(text)) * default_multiplier, text)
    s = re.sub(r"\s+", "", fold(str(text)))
    if s.startswith("-"):
        raise BadAmount(f"金额不能为负数：“{text}”")
    body = s.removeprefix("约")
    currency = bool(_CURRENCY_PREFIX.match(body))
    m = _MENTION.fullmatch(_CURRENCY_PREFIX.sub("", body).removesuffix("左右"))
    if not m:
        raise BadAmount(f"无法识别的金额：“{text}”（示例：300万、三百万元、0.3亿、3,000,000元）")
    value = _to_decimal(m["num"])
    mult = dict(_UNIT_WORDS)[m["unit"]] if m["unit"] else (1 if m["yuan"] or currency else default_multiplier)
    return _yuan(value * mult, text)


# 几十万、数百万: an estimate, not an amount. 1万家、3万人: a count, not money.
_APPROX_BEFORE = set("几数")
# ¥5,500,000 and 人民币300万: a currency sign before a bare number makes it money (fold turns ￥ into ¥).
_CURRENCY_PREFIX = re.compile(r"^(?:¥|RMB|人民币)")
_CURRENCY_BEFORE = re.compile(r"(?:¥|RMB|人民币)\s*$")
_COUNT_AFTER = set("家个人台户项套次名件条座位笔")
# ...unless the measure word starts a word of its own: "贷款8000万条件都满足", "5000万项目贷款", "800万次年又投".
_WORD_AFTER = re.compile(r"条件|项目|次年|名下")


def find_amounts(text: str, require_unit: bool = True) -> list[AmountMention]:
    """Every amount written in ``text``, in order.

    With ``require_unit`` (the default) a number counts only with a money unit after it (元, 万, 亿 …), so years,
    percentages and counts (2023年, 4.2%, 12个, 1万家) are not taken for money. ``start``/``end`` index the
    folded text (``fold(text)``), which has the same length as ``text`` for every character seen in practice.
    """
    s, more = _unmask_more(fold(text))
    found: list[AmountMention] = []
    for m in _MENTION.finditer(s):
        num, unit, yuan = m["num"], m["unit"], m["yuan"]
        start, end = m.start(), m.start() + len(m.group(0).rstrip())
        chinese = num[0] in _CN_CHARS
        if chinese and not unit and not yuan:
            num = _spoken_amount(num)
            end = start + len(num)
        raw = s[start:end]
        currency = bool(_CURRENCY_BEFORE.search(s[max(0, start - 4) : start]))
        has_unit = bool(unit or yuan or currency or (chinese and any(c in _CN_BIG_UNITS for c in num)))
        if s[end : end + 1] == "%" or (require_unit and not has_unit):
            continue
        if unit == "千" and not yuan:
            continue  # 千 alone is a count ("三千家"), not money
        if chinese and not has_unit:
            continue  # 一事一议, 三星级: numerals that are not money
        if chinese and not any(c in _CN_DIGITS for c in num) and not num.startswith(("十", "拾")):
            continue  # 万元、千万 as words, not numbers
        if (
            yuan == "块"
            and num == "一"
            and (s[start - 1 : start] in "这那哪每另整" or s[end : end + 1] == "儿")
        ):
            continue  # 这一块投入 (this part), 一块儿 (together): words, not one yuan
        if s[start - 1 : start] in _APPROX_BEFORE or (
            not yuan and s[end : end + 1] in _COUNT_AFTER and not _WORD_AFTER.match(s, end)
        ):
            continue
        try:
            value = parse_amount(raw)
        except BadAmount as exc:
            if str(exc).startswith("金额不合理"):
                raise  # a figure beyond any sane claim is refused, not silently dropped from the facts
            continue
        raw = raw.replace(" ", "")
        found.append(AmountMention(value, start, end, raw, _approx(s, start, end, more)))
    return found


# 多/来/余 between a number and its unit: "600多万", "三百来万", "五十余万", "1千多万" (= 1000多万).
_MORE = re.compile(rf"(?<=[\d{_CN_CHARS}])(?P<small>[十百千])?(?P<m>[多来余])(?=\s*(?:万|亿|元|块))")
_MORE_AFTER = re.compile(r"^(?:多|余)(?!少)")
_BELOW_BEFORE = re.compile(r"(?:将近|接近|(?<![最附])近|不到|不足|差一点|差点|小于|低于)\s*$")
_ABOUT_BEFORE = re.compile(r"(?:大约|大概|约莫|约|差不多|估计|大致)\s*$")
_ABOUT_AFTER = re.compile(r"^\s*(?:左右|上下|出头)")


def _unmask_more(s: str) -> tuple[str, dict[int, str]]:
    """The text with 多/来/余 of an approximate figure blanked (same length, so positions still index the text),
    and where they were: "三百多万" reads as 三百 万, "1千多万" as 1 千万."""
    where: dict[int, str] = {}

    def blank(m: re.Match[str]) -> str:
        where[m.start("m")] = m["m"]
        small = m["small"] or ""
        if small and s[m.start() - 1 : m.start()].isdigit():
            return " " + small  # 1千多万 → 1 千万
        return small + " "

    return _MORE.sub(blank, s), where


def _approx(s: str, start: int, end: int, more: dict[int, str]) -> str:
    inside = [i for i in more if start <= i <= end]
    if inside and more[inside[0]] == "来":
        return "about"  # "十来万": about ten, a little under or over
    if inside or _MORE_AFTER.match(s[end:]):
        return "more"
    if _BELOW_BEFORE.search(s[max(0, start - 4) : start]):
        return "below"
    if _ABOUT_BEFORE.search(s[max(0, start - 4) : start]) or _ABOUT_AFTER.match(s[end:]):
        return "about"
    return ""


def _spoken_amount(num: str) -> str:
    """The part of a run of Chinese numerals that is the amount: 三十万一次 → 三十万, but 一万二 stays whole.

    A lone 一 after the last 万/亿 starts a word (一次、一个、万一), any other lone digit is spoken shorthand.
    """
    last_big = max(num.rfind("万"), num.rfind("亿"))
    if last_big > 0 and num[last_big + 1 :] == "一":
        return num[: last_big + 1]
    return num


def format_wan(yuan: int) -> str:
    """Write integer yuan the way people read it: 400000 → 40万元, 125000 → 12.5万元, 8000 → 8,000元."""
    if yuan < 0:
        return "-" + format_wan(-yuan)
    if yuan < 10_000:
        return f"{yuan:,}元"
    if yuan >= 100_000_000 and yuan % 1_000_000 == 0:
        return f"{_trim(Decimal(yuan) / 100_000_000)}亿元"
    return f"{_trim(Decimal(yuan) / 10_000)}万元"


def format_yuan(yuan: int) -> str:
    """400000 → 400,000元."""
    return f"{yuan:,}元"


def _trim(d: Decimal) -> str:
    s = format(d.normalize(), "f")
    return s.rstrip("0").rstrip(".") if "." in s else s
