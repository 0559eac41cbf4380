"""Which of an award's kind qualifies ("哪种X能拿到钱", "什么样的X才能拿奖补") asks the award's conditions: the
clause's qualifying words and the amount as a ceiling, not a calculation with blanks. A tier asked with a sum
("哪些级别的X各能拿多少") stays a money question."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant
from assistant.intents import _CONDITIONS_Q


@pytest.mark.parametrize(
    ("question", "heading", "qualifying"),
    [
        ("哪种工业APP能拿到钱", "鼓励应用开发", "省级以上认定和评估"),
        ("怎样的工业APP才可以领奖励", "鼓励应用开发", "省级以上认定和评估"),
        ("什么样的示范车间才能拿奖补", "加快示范创建", "省级智能制造示范车间"),
        ("哪种示范工厂能拿奖励", "加快示范创建", "智能制造示范工厂"),
    ],
)
def test_the_qualifying_words_and_the_ceiling_are_stated(
    bot: Assistant, question: str, heading: str, qualifying: str
) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert answer["plan"]["intent"] == "conditions", answer["plan"]
    assert not answer["tool_calls"] or all(t["name"] != "award_calculator" for t in answer["tool_calls"])
    assert heading in answer["citations"][0]["path"]
    assert qualifying in answer["answer"]
    assert "最高" in answer["answer"]


@pytest.mark.parametrize(
    ("text", "asks_conditions"),
    [
        ("啥样的工业APP才给奖", True),
        ("哪类贯标企业可以申请", True),
        ("示范工厂要达到什么才奖", True),
        ("哪些级别的示范工厂能拿多少", False),
        ("示范工厂奖励多少", False),
    ],
)
def test_the_wording_of_a_qualifying_kind(text: str, asks_conditions: bool) -> None:
    assert bool(_CONDITIONS_Q.search(text)) is asks_conditions
