"""Rough sums said instead of a figure, levels said as the body that confers them, and whether applications are
still taken (assistant/vague_amounts.py, assistant/relevance.py, assistant/intents.py)."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant
from assistant.vague_amounts import is_vague_amount, vague_amount


@pytest.mark.parametrize("word", ["好几百万", "几十万", "两千多万", "上千万", "大几十万元", "数百万"])
def test_rough_sums_are_recognised(word: str) -> None:
    assert is_vague_amount(word)


@pytest.mark.parametrize("word", ["300万", "百万富翁", "几个", "千万不要"])
def test_figures_and_other_words_are_not_rough_sums(word: str) -> None:
    assert not is_vague_amount(word)
    assert vague_amount("今年投入300万") == ""


@pytest.mark.parametrize(
    "text",
    ["去年厂里上了好几十万的设备，能补点啥", "车间改造前后投进去大几百万，大致能补多少"],
)
def test_a_rough_sum_asks_the_years_figure_with_the_investment_rule_quoted(bot: Assistant, text: str) -> None:
    a = bot.ask_turns([text])
    assert a.kind == "clarify"
    assert "不是确切金额" in a.answer
    assert "300万元以上" in a.answer and "5%" in a.answer and "最高奖补50万元" in a.answer
    assert any("推动基础投入" in c.path for c in a.citations)


@pytest.mark.parametrize(
    "text", ["我们评上了省里的荣誉，这边能不能再奖点钱", "部里给我们发了个奖，市里有配套吗"]
)
def test_a_level_said_as_a_body_is_not_off_topic(bot: Assistant, text: str) -> None:
    a = bot.ask_turns([text])
    assert a.kind == "clarify"


@pytest.mark.parametrize(
    "text",
    [
        "企业打电话问精益管理奖补现在还受理不",
        "请问两化融合贯标的奖励受理期限到哪天",
        "工作人员转述：来电企业想知道上云奖励是否还在受理，请给个答复口径",
    ],
)
def test_whether_applications_are_still_taken_is_answered_with_the_term(bot: Assistant, text: str) -> None:
    a = bot.ask_turns([text])
    assert a.kind == "answer"
    assert any("实施期限" in c.path for c in a.citations)
    assert "市工信局" in a.answer


def test_an_honour_said_only_by_its_level_is_asked_among_that_levels_honours(bot: Assistant) -> None:
    a = bot.ask_turns(["单位刚得了个国家的奖项，本地奖多少"])
    assert a.kind == "clarify" and "国家级" in a.answer
    national = [r.title for r in bot.context.book.rules if "national" in r.levels]
    only_provincial = [r.title for r in bot.context.book.rules if r.levels == ("provincial",)]
    assert national and all(t in a.answer for t in national)
    assert only_provincial and not any(t in a.answer for t in only_provincial)
