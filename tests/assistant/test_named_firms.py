"""Which enterprises the text names: read from the sentences themselves (names listed before 等…企业, a company
word, a platform's owner), the clause on the question's subject quoted; never a list kept in code."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant
from assistant.named_firms import asks_named_firms, firm_names


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("依托长江、黄河等骨干企业建设数据中心。", ["长江", "黄河"]),
        ("支持江苏某某化工有限公司牵头组建联盟。", ["江苏某某化工有限公司"]),
        ("推广星火科技、明月股份等企业经验。", ["星火科技", "明月股份"]),
        ("加快远航物流“云仓”平台推广。", ["远航物流（“云仓”平台）"]),
        ("推动企业科技创新，鼓励企业集团化发展。", []),
        ("标杆、典型案例、解决方案等）的企业给予奖励。", []),
    ],
)
def test_names_are_read_from_the_sentence(sentence: str, names: list[str]) -> None:
    assert firm_names(sentence) == names


@pytest.mark.parametrize(
    "text", ["方案里提到了哪些公司搭建平台", "哪些企业被点名建设工业互联网平台", "有没有点名具体企业"]
)
def test_asking_which_enterprises_are_named_is_recognised(text: str) -> None:
    assert asks_named_firms(text)


def test_asking_which_enterprises_may_apply_is_not_this() -> None:
    assert not asks_named_firms("哪些企业可以申请贴息")


@pytest.mark.parametrize("question", ["方案里提到了哪些公司搭建平台", "产业链协同方面有没有点名具体企业"])
def test_the_clause_naming_enterprises_on_the_subject_is_quoted(bot: Assistant, question: str) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert answer["kind"] == "answer", answer["answer"][:160]
    quote = answer["citations"][0]["quote"]
    names = firm_names(quote)
    assert len(names) >= 2, quote
    lead = answer["answer"].split("\n", 1)[0]
    assert all(n in lead for n in names), lead


def test_a_subject_no_sentence_names_enterprises_for_is_not_answered_with_them(bot: Assistant) -> None:
    answer = bot.ask_turns(["5G基站建设提到了哪些企业"]).to_dict()
    assert "原文点名的企业" not in answer["answer"], answer["answer"][:160]
