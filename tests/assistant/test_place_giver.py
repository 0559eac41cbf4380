"""A place named as the one that gives an award ("某市对X奖多少") asks for that place's own policy: refused by name
when no document of the corpus is the place's; its level of a title and the corpus's own place stay in scope
(assistant/place_giver.py)."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant
from assistant.place_giver import place_as_giver


@pytest.mark.parametrize(
    ("turns", "place"),
    [
        (["上云企业奖多少", "那江苏省给五星级上云企业奖多少钱"], "江苏省"),
        (["两化融合贯标奖多少", "泰州市对两化融合贯标有没有奖励"], "泰州市"),
        (["那宁波市奖工业APP多少"], "宁波市"),
    ],
)
def test_another_place_as_the_giver_is_refused(bot: Assistant, turns: list[str], place: str) -> None:
    assert place_as_giver(turns[-1], bot.rules_planner.ctx.coverage) == place
    a = bot.ask_turns(turns)
    assert a.kind == "refuse" and place in a.answer
    assert bot.rules_planner.ctx.coverage.label in a.answer  # the documents the corpus does hold


@pytest.mark.parametrize(
    "text",
    [
        "泰州市级工业互联网平台奖多少",  # a title's level
        "泰兴市对DCMM认证奖多少",  # the corpus's own place
        "在泰州市产融综合服务平台贷的款，贴息多少",  # a platform named by its place
    ],
)
def test_a_level_or_the_corpus_place_is_not_a_giver(bot: Assistant, text: str) -> None:
    assert place_as_giver(text, bot.rules_planner.ctx.coverage) == ""
    assert bot.ask_turns([text]).kind != "refuse"
