"""Round-10 classes, in wordings written for this file (none copied from a suite): still applying "by" a named
document is the term; what "实施期限内" means is the term; filings after the plan's years inside the attachment's
term; a part's items asked as 哪几块/包括哪些; two policies paid twice (就高不重复); a non-manufacturing company's
own clause (引导信创服务)."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant


def _cited(answer: dict) -> list[str]:
    return [c["path"] if isinstance(c["path"], str) else " › ".join(c["path"]) for c in answer["citations"]]


@pytest.mark.parametrize(
    "question",
    [
        "现在还可以按这个25号文申请示范车间奖励吗",
        "目前还能按这份政策报贴息吗",
        "如今还能按若干政策申报数字化转型标杆奖吗",
    ],
)
def test_still_applying_by_the_named_document_is_answered_with_the_term(
    bot: Assistant, question: str
) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert answer["answer"].startswith("**已经到期"), answer["answer"][:120]
    assert "市工信局" in answer["answer"]
    assert "实施期限" in _cited(answer)[0]


@pytest.mark.parametrize(
    "question",
    [
        "文件里说的“有效期内”具体是指哪段时间",
        "有效期内不能有环境污染事故，实施期限是指什么时候",
        "严重失信的单位除外，这里的实施期限内指的是哪几年",
    ],
)
def test_what_the_term_s_words_mean_is_the_term(bot: Assistant, question: str) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert "2022年4月7日" in answer["answer"] and "2025年4月6日" in answer["answer"], answer["answer"][:160]
    assert "实施期限" in _cited(answer)[0]


@pytest.mark.parametrize(
    ("question", "month"),
    [
        ("三年计划2024年就到期了，2025年2月报的智改奖补还按这个政策吗", "2025年2月"),
        ("行动计划只到2024年为止，2025年初申请的补贴还适用这个文件吗", "2025年3月"),
    ],
)
def test_filings_after_the_plan_inside_the_attachment_s_term_still_follow_it(
    bot: Assistant, question: str, month: str
) -> None:
    answer = bot.ask_turns([question]).to_dict()
    text = answer["answer"]
    assert f"{month}及以前仍在附件实施期限" in text, text[:200]
    assert not text.startswith("**已经到期"), text[:80]
    assert "实施期限" in _cited(answer)[0]


def test_a_month_after_the_attachment_s_term_is_not_said_to_be_covered(bot: Assistant) -> None:
    text = bot.ask_turns(["三年计划到期了，2025年6月报的奖补还按这个政策吗"]).answer
    assert "仍在附件实施期限" not in text, text[:200]


@pytest.mark.parametrize("question", ["附则部分包含哪些内容", "附则讲了几块", "附则分成哪几块"])
def test_a_part_s_items_asked_in_other_words_are_listed(bot: Assistant, question: str) -> None:
    text = bot.ask_turns([question]).answer
    assert text.startswith("“五、附则”共4项"), text[:80]
    for title in ("适用范围", "相关原则", "实施过程", "实施期限"):
        assert title in text


@pytest.mark.parametrize(
    "question",
    ["同时满足本政策和市里另外一个政策，可以两头都拿吗", "我们的项目还符合泰兴其他文件，能不能两边都领"],
)
def test_paid_by_two_policies_is_the_highest_only_principle(bot: Assistant, question: str) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert "就高不重复" in answer["answer"], answer["answer"][:120]
    assert "相关原则" in _cited(answer)[0]


@pytest.mark.parametrize(
    "question",
    [
        "我们是做软件开发公司的，不搞生产，这个文件里有什么我们能申请的吗",
        "一家信息服务企业，在本地交税，不属于制造业，能享受哪些支持",
        "系统集成商不是工业企业，有没有我们的份",
    ],
)
def test_a_non_manufacturing_company_is_answered_from_its_own_clause(bot: Assistant, question: str) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert "12号" in answer["answer"], answer["answer"][:160]
    assert "引导信创服务" in _cited(answer)[0]


def test_a_division_word_does_not_make_an_unrelated_question_the_policy_s(bot: Assistant) -> None:
    assert bot.ask_turns(["垃圾分类分为哪几类"]).kind == "refuse"
