"""A national, ministry or provincial programme asked how to apply or how its money is given: refused (the corpus
holds no document of that body), unless the programme's name is a title this policy's rules reward, which is then
answered from the rules."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant
from assistant.scope import judge_scope


@pytest.mark.parametrize(
    ("question", "programme"),
    [
        ("工信部的工业互联网创新发展工程项目要怎么申报", "工业互联网创新发展工程"),
        ("省里的制造业高质量发展专项资金去哪里申请", "制造业高质量发展专项资金"),
        ("国家产业基础再造工程的补助资金是怎么拨付的", "产业基础再造工程"),
    ],
)
def test_a_higher_bodys_programme_application_is_refused(
    bot: Assistant, question: str, programme: str
) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert answer["kind"] == "refuse", answer["answer"][:160]
    assert programme in answer["answer"].split("\n")[0]  # the programme is named as what is not in the corpus


@pytest.mark.parametrize(
    ("question", "award"),
    [
        ("省级智能制造示范车间的奖励怎么申请", "示范车间"),
        ("国家级工业互联网平台的奖励去哪里领", "工业互联网平台"),
    ],
)
def test_a_title_this_policy_rewards_is_answered(bot: Assistant, question: str, award: str) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert answer["kind"] == "answer", answer["answer"][:160]
    assert award in answer["answer"]


def test_the_award_named_inside_the_programme_decides() -> None:
    text = "省里的智能制造示范车间项目怎么申报"
    start = text.index("智能制造示范车间")
    spans = ((start, start + len("智能制造示范车间")),)
    assert judge_scope(text, 1, award_spans=spans).kind == "ok"
    assert judge_scope(text, 1).kind == "other_document"
