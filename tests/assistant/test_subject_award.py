"""A support question naming an award by its subject (5G, 软件/信息服务) is answered from the award's own clause,
with its standard (一事一议, the documents it refers to); a yes/no on a named free service's cost says so first,
from that service's own clause. Own wordings."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant
from assistant.subject_award import award_by_subject, cost_verdict


def _ask(bot: Assistant, question: str) -> tuple[list[str], str, str]:
    answer = bot.ask_turns([question]).to_dict()
    return [c["path"] for c in answer["citations"]], answer["answer"], answer["kind"]


@pytest.mark.parametrize(
    ("question", "heading", "said"),
    [
        ("政府对5G有什么扶持", "支持标杆引领", "一事一议"),
        ("5G方面有哪些支持政策", "支持标杆引领", "一事一议"),
        ("搞软件开发的企业政策上怎么扶持", "引导信创服务", "12号"),
        ("信息服务企业有什么支持", "引导信创服务", "20号"),
    ],
)
def test_a_subject_in_an_award_s_title_is_answered_from_its_clause(
    bot: Assistant, question: str, heading: str, said: str
) -> None:
    paths, text, kind = _ask(bot, question)
    assert kind == "answer"
    assert paths and heading in paths[0], (question, paths)
    assert said in text, text


def test_the_award_is_found_in_the_rule_book_by_title(bot: Assistant) -> None:
    planner = bot.rules_planner
    rules, weights = planner.ctx.book.rules, planner.word_weights
    found = award_by_subject("政府对5G有什么扶持", rules, weights)
    assert found is not None and "5G" in found[0].title and "5G" in found[1]
    found = award_by_subject("搞软件开发的企业政策上怎么扶持", rules, weights)
    assert found is not None and "信息服务" in found[0].title


@pytest.mark.parametrize(
    "question",
    [
        "5G全连接工厂评上了吗",  # asks no support
        "企业有什么支持",  # 企业 is in too many titles to name one award
        "这个政策怎么支持",  # no subject at all
    ],
)
def test_no_award_without_a_support_question_on_a_titled_subject(bot: Assistant, question: str) -> None:
    planner = bot.rules_planner
    assert award_by_subject(question, planner.ctx.book.rules, planner.word_weights) is None


@pytest.mark.parametrize("question", ["免费诊断要企业自己出钱吗", "一企一策诊断得花钱的吧"])
def test_a_free_service_asked_whether_it_costs_says_no_first(bot: Assistant, question: str) -> None:
    paths, text, kind = _ask(bot, question)
    assert kind == "answer"
    assert paths and "强化诊断保障" in paths[0], (question, paths)
    assert text.startswith("**不用"), text
    assert "免费" in text


def test_the_verdict_is_given_only_when_the_clause_says_free() -> None:
    free = "通过政府购买服务方式，开展专项免费诊断。"
    assert cost_verdict("要收费吗", free).startswith("**不用")
    assert cost_verdict("是免费的吗", free).startswith("**是的")
    assert cost_verdict("要收费吗", "给予最高100万元贴息。") == "给予最高100万元贴息。"
    assert cost_verdict("谁负责组织", free) == free


def test_the_award_s_name_holding_free_asks_no_cost() -> None:
    from assistant.subject_award import asks_cost

    assert not asks_cost("免费诊断有什么条件")
    assert asks_cost("诊断是不是免费的")
    assert asks_cost("诊断要交钱不")
