"""What a message says about the policy's term, checked against the term in meta.yaml.

Two shapes: a rumour about when it stopped or how far it was extended ("听说这政策X年就停了，是真的吗", "有人说早就
废止了", "据说延期到Y年了") gets 是/不是 on the rumour first; a past date asked against the term ("X年X月投的，当时
符合政策吗", "去年三月的项目在不在期限内") gets whether that date lies inside it. Both are validity answers: the
term's clause is cited and the dates come from the document's own valid_from / valid_until.
"""

from __future__ import annotations

import re
from datetime import date

_HEARSAY = re.compile(
    r"听说|听人[说讲]|有人[说讲]|别人讲|据传|网传|都在传|据说|网上说|传言|传闻|别人说|朋友说|同行说|群里说|都说|有消息说"
)
_ASKS_TRUE = re.compile(r"真的|真是|是不是|对吗|对不对|属实|靠谱|准吗|确定吗|是吗|有这回事|是这样")
_STOPPED = re.compile(
    r"停了|停止|停掉|叫停|结束|截止|到期|废止|废除|作废|失效|取消|不执行|不再执行|没了|不算了"
)
_EXTENDED = re.compile(r"(?:延期|延长|续期|顺延|延续)(?:到|至|了?到)?\s*(20\d{2})\s*年")
_YEAR = re.compile(r"(20\d{2})\s*年\s*(?:(\d{1,2})\s*月|(底|末|初|上半年|下半年|年中))?")
_REPEALED = re.compile(r"废止|废除|作废|取消")

# A past date asked against the term: "当时符合吗 / 在不在期限内 / 算不算在有效期里".
_THEN_ASKED = re.compile(
    r"(?:当时|那时候?|那会儿?)[^，。？?]{0,8}(?:符合|能|可以|算|在|适用|享受)"
    r"|(?:在不在|是否在|在没在|算不算|属不属于|属于不属于)[^，。？?]{0,6}(?:期限|有效期|实施期|政策期)"
    r"|(?:期限|有效期|实施期)(?:内|里|之内|范围内)(?:吗|么|不|没)"
    r"|(?:在|算)(?:政策|本政策)?(?:的)?(?:期限|有效期|实施期限?)(?:内|里|之内)(?:吗|么|不|没)?"
)
_CN_MONTH = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_RELATIVE = re.compile(r"(去年|前年|今年|大前年)\s*(?:(\d{1,2})|(十[一二]?|[一二三四五六七八九]))\s*月")
_OFFSET = {"今年": 0, "去年": 1, "前年": 2, "大前年": 3}


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def hearsay_about_term(text: str) -> bool:
    """A rumour about when the policy stopped or how far it was extended, asked whether it is true."""
    return bool(
        _HEARSAY.search(text)
        and (_STOPPED.search(text) or _EXTENDED.search(text))
        and (_ASKS_TRUE.search(text) or text.rstrip().endswith(("吗", "？", "?")))
    )


_RELATIVE_YEAR = re.compile(r"(大前年|前年|去年|今年)\s*(?:(\d{1,2})\s*月|(底|末|初|上半年|下半年|年中))?")


def _claimed_end(text: str, today: date) -> tuple[int, int, str] | None:
    """The year (and last month) the rumour says the policy stopped in ("2023年底", "去年初")."""
    m = _YEAR.search(text)
    if m:
        year = int(m.group(1))
    elif m := _RELATIVE_YEAR.search(text):
        year = today.year - _OFFSET[m.group(1)]
    else:
        return None
    said = m.group(0).strip()
    if m.group(2) and 1 <= int(m.group(2)) <= 12:
        return year, int(m.group(2)), said
    part = m.group(3) or ""
    return year, 6 if part in ("上半年", "年中") else 1 if part == "初" else 12, said


def hearsay_lead(text: str, valid_from: date, valid_until: date, today: date, contact: str) -> str:
    """是/不是 on a rumour about the term, with the term itself; empty when the message holds none."""
    if not hearsay_about_term(text):
        return ""
    ended = today > valid_until
    now = f"已于{_cn(valid_until)}到期" if ended else f"目前仍在有效期内（至{_cn(valid_until)}）"
    if ext := _EXTENDED.search(text):
        return (
            f"**本政策原文没有延期到{ext.group(1)}年的规定。** 原文规定的有效期自{_cn(valid_from)}起，"
            f"至{_cn(valid_until)}，{now}；是否有新的延续政策请向{contact}核实。\n\n"
        )
    claimed = _claimed_end(text, today)
    if claimed is None:
        if _REPEALED.search(text) and ended:
            return (
                f"**不是废止，是到期。** 本政策自{_cn(valid_from)}起一直施行到{_cn(valid_until)}，"
                f"到期后不再执行；现行政策请咨询{contact}。\n\n"
            )
        if ended:
            return f"**是的，本政策{now}。** 它施行到期满（{_cn(valid_from)}至{_cn(valid_until)}）。\n\n"
        return f"**不是。** 本政策{now}。\n\n"
    year, month, said = claimed
    if (year, month) < (valid_until.year, valid_until.month):
        return (
            f"**不是。** 本政策没有在{said}停止：自{_cn(valid_from)}起施行，"
            f"一直到{_cn(valid_until)}才到期" + ("。" if ended else f"，{now}。") + "\n\n"
        )
    if year == valid_until.year and ended:
        return f"**是的，本政策于{_cn(valid_until)}到期**（自{_cn(valid_from)}起施行）。\n\n"
    return f"**不是。** 本政策的有效期至{_cn(valid_until)}，{now}。\n\n"


def _asked_date(text: str, today: date) -> tuple[int, int] | None:
    """The year and month a past date names ("前年5月", "去年三月")."""
    if m := re.search(r"(20\d{2})\s*年\s*(\d{1,2})\s*月", text):
        if 1 <= int(m.group(2)) <= 12:
            return int(m.group(1)), int(m.group(2))
    if m := _RELATIVE.search(text):
        month = int(m.group(2)) if m.group(2) else _cn_month(m.group(3))
        if 1 <= month <= 12:
            return today.year - _OFFSET[m.group(1)], month
    return None


def _cn_month(word: str) -> int:
    if word.startswith("十"):
        return 10 + (_CN_MONTH.get(word[1:], 0) if len(word) > 1 else 0)
    return _CN_MONTH.get(word, 0)


def asks_past_date(text: str, today: date) -> bool:
    """A past month asked against the term ("当时符合政策吗", "在不在期限内")."""
    return bool(_THEN_ASKED.search(text)) and _asked_date(text, today) is not None


def past_date_inside(text: str, valid_from: date, valid_until: date, today: date) -> bool:
    """The month asked lies wholly inside the term (not in its first or last month, which depend on the day)."""
    asked = _asked_date(text, today) if _THEN_ASKED.search(text) else None
    return asked is not None and (valid_from.year, valid_from.month) < asked < (
        valid_until.year,
        valid_until.month,
    )


def past_date_lead(text: str, valid_from: date, valid_until: date, today: date) -> str:
    """Whether the month asked lies inside the term; empty when the message asks none."""
    if not _THEN_ASKED.search(text) or (asked := _asked_date(text, today)) is None:
        return ""
    year, month = asked
    first, last = (valid_from.year, valid_from.month), (valid_until.year, valid_until.month)
    span = f"{_cn(valid_from)}至{_cn(valid_until)}"
    term = f"本政策实施期限为{span}"
    if first < asked < last:
        return f"**在实施期限内。** {year}年{month}月在本政策实施期限（{span}）之内。\n\n"
    if asked in (first, last):
        edge = valid_from if asked == first else valid_until
        side = "起施行" if asked == first else "到期"
        return (
            f"**要看具体日期。** {term}，{year}年{month}月正是{_cn(edge)}{side}的月份："
            f"{'该日及以后' if asked == first else '该日及以前'}的在期限内。\n\n"
        )
    side = "早于施行日" if asked < first else "晚于到期日"
    return f"**不在实施期限内。** {year}年{month}月{side}（{term}）。\n\n"


def term_lead(question: str, valid_from: date, valid_until: date, today: date, contact: str) -> str:
    """The 是/不是 that leads a validity answer: on a rumour about the term, else on a past month asked."""
    return hearsay_lead(question, valid_from, valid_until, today, contact) or past_date_lead(
        question, valid_from, valid_until, today
    )
