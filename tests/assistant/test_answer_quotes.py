"""What an answer quotes is the sentence that answers what was asked, not only a clause's first sentence:
the 但…除外 sentence for who is excluded, every sentence of a short clause asked about as a whole, the clause's
list when the kinds are asked beside the amounts (own wordings, round 7)."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant


@pytest.mark.parametrize(
    "question", ["哪些企业不在奖补范围内", "有哪些情况的公司不能享受这些奖补", "什么公司会被排除在外"]
)
def test_who_is_excluded_quotes_the_exclusion_sentence(bot: Assistant, question: str) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert "安全事故" in answer["answer"] and "失信" in answer["answer"], answer["answer"]
    assert answer["citations"] and "除外" in answer["citations"][0]["quote"]


@pytest.mark.parametrize("question", ["哪些企业能享受，又有哪些除外的", "谁可以申报这些奖补？哪些情况不行"])
def test_who_is_covered_and_who_is_excluded_both_answered(bot: Assistant, question: str) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert "独立法人" in answer["answer"] and "安全事故" in answer["answer"], answer["answer"]
    quote = answer["citations"][0]["quote"]
    assert "独立法人" in quote and "除外" in quote


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("引导信创服务那条原文怎么规定的", "积分"),
        ("强化金融保障这条讲了什么", "税收优惠"),
    ],
)
def test_a_clause_asked_about_as_a_whole_is_quoted_whole(bot: Assistant, question: str, said: str) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert said in answer["answer"], answer["answer"]
    paths = [c["path"] for c in answer["citations"]]
    assert len(paths) == len(set(paths)), paths  # still one citation for the clause
    assert "（责任部门" not in answer["citations"][0]["quote"]


def test_the_kinds_asked_beside_the_amounts_quote_the_list(bot: Assistant) -> None:
    answer = bot.ask_turns(["试点示范包括哪些类型，分别奖多少"]).to_dict()
    assert "工业互联网" in answer["answer"] and "大数据" in answer["answer"], answer["answer"]
    assert "50万" in answer["answer"] and "30万" in answer["answer"]
