"""A title's recognition criteria are set by the recognising body, not by this policy: a rewarded title gets its
award clause and that lead, an unrewarded one is refused (assistant/recognition_criteria.py)."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant
from assistant.recognition_criteria import asks_recognition_criteria


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("省级绿色工厂认定的标准有哪些，产值要多少", "绿色工厂"),
        ("制造业单项冠军评定要多少销售收入", "制造业单项冠军"),
        ("瞪羚企业评选的门槛是什么", "瞪羚企业"),
    ],
)
def test_an_unrewarded_titles_criteria_are_refused(bot: Assistant, text: str, title: str) -> None:
    a = bot.ask_turns([text])
    assert a.kind == "refuse"
    assert title in a.answer and "认定部门" in a.answer


@pytest.mark.parametrize(
    ("text", "level", "clause"),
    [
        ("国家级智能制造示范工厂评审需要多少营业收入", "国家级", "加快示范创建"),
        ("省级工业互联网平台认定有什么条件，营收得多少", "省级", "支持平台建设"),
    ],
)
def test_a_rewarded_titles_criteria_get_its_award_clause(
    bot: Assistant, text: str, level: str, clause: str
) -> None:
    a = bot.ask_turns([text])
    assert a.kind == "answer"
    assert f"由{level}认定部门规定" in a.answer and "不在本文件中" in a.answer
    assert any(clause in c.path for c in a.citations)


@pytest.mark.parametrize(
    "text", ["省级示范车间认定后能拿多少", "智能车间投入要多少才有奖励", "DCMM认证奖多少"]
)
def test_the_award_or_a_threshold_of_this_policy_is_not_a_recognition_criterion(text: str) -> None:
    assert not asks_recognition_criteria(text)
