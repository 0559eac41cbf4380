"""A clause asked by its number and a document part asked for its parts, answered from the heading tree: the
number read in Chinese or Arabic, with or without brackets or 第…条; the longest running numbering wins."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant
from assistant.numbered_lookup import named_part, numbered_headings
from indexing.types import Clause


def _clause(order: int, *path: str) -> Clause:
    return Clause(f"c{order}", "d", tuple(path), "正文。", order)


def test_a_numbering_running_across_sections_is_longer_than_one_starting_over() -> None:
    clauses = [
        _clause(1, "甲", "一、总则", "1.第一"),
        _clause(2, "甲", "一、总则", "2.第二"),
        _clause(3, "甲", "二、分则", "1.再一"),
        _clause(4, "乙", "一、上", "（一）条一"),
        _clause(5, "乙", "一、上", "（二）条二"),
        _clause(6, "乙", "二、下", "（三）条三"),
    ]
    runs = {h.path[-1]: h.run for h in numbered_headings(clauses)}
    assert runs["1.第一"] == 2 and runs["1.再一"] == 1  # the second section starts over
    assert runs["（三）条三"] == 3  # numbered on across its parts


def test_the_part_named_by_a_share_of_its_title_line() -> None:
    clauses = [
        Clause("a", "d", ("附件",), "关于某某事项的若干政策\n正文。", 1),
        Clause("b", "d", ("行动计划",), "某某三年行动计划\n正文。", 0),
    ]
    assert named_part("若干政策第二条", clauses) == "附件"
    assert named_part("行动方案那部分", clauses) == "行动计划"
    assert named_part("第二条", clauses) is None


@pytest.mark.parametrize(
    ("question", "heading", "amount"),
    [
        ("若干政策的第（九）条写的是什么", "（九）引导信创服务", ""),
        ("附件第十条讲了啥", "（十）强化诊断保障", ""),
        ("（四）是什么内容", "（四）支持标杆引领", "50万元"),
        ("第8条说的什么", "（八）加强园区创新", ""),
        ("政策第（二）条具体内容", "（二）促进管理提升", "30万元"),
    ],
)
def test_a_clause_asked_by_its_number_is_quoted_whole(
    bot: Assistant, question: str, heading: str, amount: str
) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert answer["kind"] == "answer", answer["answer"][:120]
    assert answer["citations"][0]["path"].endswith(heading), answer["citations"]
    assert amount in answer["answer"]
    assert any("按编号找条款" in t for t in answer["trace"]), answer["trace"]


def test_a_numbered_follow_up_is_answered_by_its_number(bot: Assistant) -> None:
    answer = bot.ask_turns(["附件第一条讲的什么", "那第（六）条呢"]).to_dict()
    assert answer["citations"][0]["path"].endswith("（六）鼓励应用开发"), answer["citations"]


@pytest.mark.parametrize(
    "question",
    [
        "第三条基本原则说的是什么",  # the number of an item of a part it names: the part decides
        "第（五）条说首台套奖励是多少",  # says more than the number: search and the rules decide
    ],
)
def test_a_question_saying_more_than_a_number_is_not_taken_by_number(bot: Assistant, question: str) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert not any("按编号找条款" in t for t in answer["trace"]), answer["trace"]


@pytest.mark.parametrize(
    ("question", "asked", "first", "last"),
    [
        ("附件第（二十）条讲了啥", "第（二十）条", "（一）", "（十二）"),
        ("附件第十五条是什么内容", "第十五条", "（一）", "（十二）"),
        ("第十四条说的是什么", "第十四条", "（一）", "（十二）"),
        ("行动计划第十条是什么", "第十条", "1.", "9."),
    ],
)
def test_a_number_past_the_last_is_answered_with_the_numbers_that_exist(
    bot: Assistant, question: str, asked: str, first: str, last: str
) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert answer["kind"] == "answer", answer["answer"][:160]
    assert f"按{first}至{last}编号" in answer["answer"] and f"没有{asked}" in answer["answer"], answer[
        "answer"
    ]
    assert answer["citations"][0]["path"].split(" › ")[-1].startswith(last), answer["citations"]


def test_a_principle_numbered_in_its_own_part_still_answers_by_its_part(bot: Assistant) -> None:
    text = bot.ask_turns(["第三条基本原则说的是什么"]).to_dict()["answer"]
    assert "服务产业" in text, text[:200]


@pytest.mark.parametrize(
    ("question", "part", "heads"),
    [
        (
            "若干政策一共包括哪几部分",
            "附件",
            ["着力企业能级提升", "强化示范标杆引领", "加快协同生态营造", "加强服务能力保障", "附则"],
        ),
        ("三年行动计划分成几大块", "三年行动计划", ["总体要求", "重点工作", "保障措施"]),
        ("附件的结构是怎样的", "附件", ["着力企业能级提升", "附则"]),
    ],
)
def test_a_part_asked_for_its_parts_lists_its_top_level_headings(
    bot: Assistant, question: str, part: str, heads: list[str]
) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert answer["kind"] == "answer", answer["answer"][:120]
    assert answer["citations"][0]["path"] == part, answer["citations"]
    assert all(h in answer["answer"] for h in heads), answer["answer"]
