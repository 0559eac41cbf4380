"""Two document facts asked colloquially. Who issued the notice ("文件是谁下发的", "发文机关") is the issuer from
meta, cited to the notice, not a clause's 责任单位 nor the addressees. Whether the policy's awards are still given
("这政策现在还给不给", "奖励今年还有吗") is its term; "有没有某项补贴" (no 还, no time) stays a question about an award."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant


@pytest.mark.parametrize("question", ["该通知由哪个机关出台的", "这文件是谁下发的", "发文机关是哪个"])
def test_the_issuer_is_named_and_the_notice_cited(bot: Assistant, question: str) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert answer["plan"]["intent"] == "document"
    assert answer["answer"].startswith("这个文件由**泰兴市人民政府办公室**印发"), answer["answer"][:80]
    assert answer["citations"][0]["path"] == "通知"


@pytest.mark.parametrize(
    ("question", "intent"),
    [("补贴是哪个部门发的", "department"), ("这个通知下发给哪些单位", "document")],
)
def test_who_pays_and_whom_it_was_sent_to_are_not_the_issuer(
    bot: Assistant, question: str, intent: str
) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert answer["plan"]["intent"] == intent
    assert "印发（发文单位）" not in answer["answer"]


@pytest.mark.parametrize(
    "question",
    [
        "这政策现在还给不给",
        # a project just finished pulls toward a lookup of its subject; the asking words say the term
        "智改数转的奖励今年还给不给呀，我们刚上了MES系统",
        "你们这个文件的补贴目前还有吗，我们智能工厂刚建好",
    ],
)
def test_still_given_asks_the_term(bot: Assistant, question: str) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert answer["plan"]["intent"] == "validity", answer["plan"]
    assert "实施期限" in answer["citations"][0]["path"]
    assert "市工信局" in answer["answer"]


@pytest.mark.parametrize("question", ["有没有机器人补贴", "政策里有没有上云的奖励"])
def test_asking_whether_an_award_exists_is_not_the_term(bot: Assistant, question: str) -> None:
    assert bot.ask_turns([question]).to_dict()["plan"]["intent"] != "validity"
