"""A counted group of the plan ("三大工程", "九项行动") asked what it is, in a question that also names the plan
("行动计划的…是什么"), lists the heading level with that many parts, not the notice; a count that matches no level
("六大特色产业") is answered by the sentence that names it."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant


@pytest.mark.parametrize("question", ["行动计划提出的三大工程是什么", "这个三年计划里三大工程有哪些"])
def test_the_level_with_that_many_headings_is_listed(bot: Assistant, question: str) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert answer["plan"]["intent"] == "lookup"
    lines = [ln.split("**")[1] for ln in answer["answer"].splitlines() if ln.startswith("- **")]
    assert lines == ["（一）精准服务对接工程", "（二）分类推进实施工程", "（三）协同创新提升工程"]
    assert answer["citations"][0]["path"].endswith("二、重点工作")


@pytest.mark.parametrize("question", ["三年行动计划的九项行动是什么", "行动计划里九项行动都是啥"])
def test_the_innermost_items_are_listed_when_the_count_is_theirs(bot: Assistant, question: str) -> None:
    text = bot.ask_turns([question]).to_dict()["answer"]
    assert text.startswith("“二、重点工作”共9项"), text[:80]
    assert "画像诊断服务行动" in text and "园区智慧转型行动" in text


def test_a_count_no_heading_level_has_is_not_listed_as_one(bot: Assistant) -> None:
    answer = bot.ask_turns(["行动计划说的六大特色产业是什么"]).to_dict()
    assert "共3项" not in answer["answer"] and "共6项" not in answer["answer"]
    assert "六大特色产业" in answer["citations"][0]["quote"]
