"""Filing now, under a document that has ended, for something achieved this year ("今年刚通过X，想照这份政策申报，
该去哪儿报"): the term leads (the attachment ended on its end date, 实施期限 cited), then whom to ask, from meta.
Asking a department with nothing achieved this year stays a department question."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant


@pytest.mark.parametrize(
    "question",
    [
        "今年才通过两化融合贯标，想照这份政策申报，该去哪儿报？",
        "我司今年获评省级智能制造示范车间，打算按这个文件申请，怎么申报？",
        "我们今年拿到了省级工业APP认定，准备照这个政策报奖励，找谁办理",
    ],
)
def test_the_term_leads_then_whom_to_ask(bot: Assistant, question: str) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert answer["plan"]["intent"] == "validity", answer["plan"]
    assert answer["answer"].startswith("**已经到期"), answer["answer"][:60]
    assert "实施期限" in answer["citations"][0]["path"]
    assert "市工信局" in answer["answer"]


@pytest.mark.parametrize("question", ["智能车间奖补找哪个部门", "工业APP奖励去哪报"])
def test_a_department_question_without_this_years_achievement_stays_one(
    bot: Assistant, question: str
) -> None:
    assert bot.ask_turns([question]).to_dict()["plan"]["intent"] == "department"
