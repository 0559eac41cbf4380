"""Documents this policy only refers to: read from the rule book, and a question about their own contents refused
(the referring clause quoted when the matter is one this policy refers there), while what this policy says of the
referral stays answered."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant
from assistant.referred_documents import asked_inside, referred_documents


def test_the_referred_documents_come_from_the_rules_with_their_titles(rule_book) -> None:  # type: ignore[no-untyped-def]
    docs = {d.number: d for d in referred_documents(rule_book.rules)}
    assert {"泰政发〔2020〕20号", "泰政发〔2021〕12号"} <= set(docs)
    assert docs["泰政发〔2021〕12号"].title.endswith("奖励办法")
    assert docs["泰政发〔2020〕20号"].rule_ids  # the rules that refer there


@pytest.mark.parametrize(
    ("message", "inside"),
    [
        ("泰政发[2020]20号中首台套装备怎么奖", True),
        ("《泰兴市促进生产性服务业高质量发展的奖励办法》里面软件企业给多少钱", True),
        ("20号文的人才引进奖励标准是多少", True),
        ("哪些事项按泰政发〔2021〕12号执行", False),
        ("涉及泰政发〔2020〕20号文件的奖补找哪个部门", False),
    ],
)
def test_asked_inside(rule_book, message: str, inside: bool) -> None:  # type: ignore[no-untyped-def]
    assert (asked_inside(message, referred_documents(rule_book.rules)) is not None) is inside


def test_a_matter_this_policy_refers_there_is_refused_with_the_referring_clause(bot: Assistant) -> None:
    answer = bot.ask_turns(["泰政发〔2020〕20号当中信息化改造提升项目的奖励标准是多少"]).to_dict()
    assert answer["kind"] == "refuse", answer["answer"][:160]
    assert "没有它的正文" in answer["answer"]
    assert "> 对经认定的省五星级" in answer["answer"]  # this policy's clause that refers there, quoted
    assert any("促进管理提升" in c["path"] for c in answer["citations"])


def test_a_matter_of_its_own_is_refused_without_a_clause_of_ours(bot: Assistant) -> None:
    answer = bot.ask_turns(
        ["《关于提升创新驱动能力推动高质量发展的若干政策措施》中专利授权奖励怎么算"]
    ).to_dict()
    assert answer["kind"] == "refuse", answer["answer"][:160]
    assert "泰政发〔2020〕20号" in answer["answer"] and ">" not in answer["answer"]


def test_what_this_policy_says_of_the_referral_is_answered(bot: Assistant) -> None:
    answer = bot.ask_turns(["新认定的软件企业按哪个文件奖励"]).to_dict()
    assert answer["kind"] == "answer", answer["answer"][:160]
    assert "12号" in answer["answer"]
