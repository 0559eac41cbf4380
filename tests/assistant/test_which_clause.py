"""Which clause states a subject: the words naming the document or asking what it gives (若干政策, 哪一条, 这块,
奖励) do not decide, the subject does; all the support for one subject is every clause giving something for it
(own wordings, round 7)."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant


@pytest.mark.parametrize(
    ("question", "heading"),
    [
        ("项目贷款贴息写在若干政策的哪一条", "强化金融保障"),
        ("园区这一块有什么奖励政策", "加强园区创新"),
        ("政策对园区方面给什么奖励", "加强园区创新"),
    ],
)
def test_the_subject_decides_the_clause(bot: Assistant, question: str, heading: str) -> None:
    answer = bot.ask_turns([question]).to_dict()
    paths = [c["path"] for c in answer["citations"]]
    assert paths and heading in paths[0], (question, paths)


@pytest.mark.parametrize("question", ["有哪些跟5G有关的奖励", "文件里和5G相关的扶持都有哪些"])
def test_all_the_support_for_a_subject_is_every_clause_giving_it(bot: Assistant, question: str) -> None:
    answer = bot.ask_turns([question]).to_dict()
    paths = [c["path"] for c in answer["citations"]]
    assert any("支持标杆引领" in p for p in paths) and any("加强园区创新" in p for p in paths), paths
    assert (
        "一事一议" in answer["answer"] and "5G全连接工厂" in answer["answer"] and "先导区" in answer["answer"]
    )
