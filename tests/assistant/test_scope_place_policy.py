"""Another place's own policy asked inside ("某市区的…奖补政策里，X奖多少"): refused by name, whatever award of ours
is named after it; the place the corpus covers, and a place that is only a condition (a platform, where the
enterprise is registered), stay in scope."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant


@pytest.mark.parametrize(
    "question",
    [
        "扬州市区的奖补政策里，星级上云给多少",
        "常州市的扶持政策中，示范工厂奖多少",
        "泰州市区的政策里面二级节点奖多少",
    ],
)
def test_a_place_owning_the_policy_asked_is_refused(bot: Assistant, question: str) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert answer["kind"] == "refuse", answer["answer"][:80]
    assert "自己的政策" in answer["answer"] or "语料库中没有" in answer["answer"]


@pytest.mark.parametrize(
    "question",
    [
        "泰兴市的政策里，示范车间奖多少",
        "在泰州市产融综合服务平台贷的款，政策里贴息多少",
        "注册在泰州市的企业，政策中上云补多少",
    ],
)
def test_the_covered_place_or_a_place_as_condition_stays_in_scope(bot: Assistant, question: str) -> None:
    assert bot.ask_turns([question]).to_dict()["kind"] != "refuse"
