"""Round-9 classes, in wordings written for this file (none copied from a suite): a task on the policy's topic, a
higher body's own selection or titled paper (refused); filler around one policy word (asked back); who collects or
funds the awards (the 附则 clause that names the department); whether there is still time (the term)."""

from __future__ import annotations

import pytest

from assistant.conversation import ConversationState
from assistant.engine import Assistant
from assistant.facts import extract_facts
from assistant.intents import classify
from assistant.scope import judge_scope

REFUSED = [
    # a task, not a question, though its topic words are the policy's
    ("给智改数转写一首七言诗", "写一首"),
    ("把贴息这一条翻译为英语", "翻译为"),
    ("用示范车间的奖励标准编个程序出来", "编个"),
    # another body's own selection criteria for a title the policy rewards once it is awarded
    ("工业和信息化部的灯塔工厂评选标准有哪些", "评选标准"),
    ("省工信厅对示范车间的遴选门槛是什么", "遴选门槛"),
    # a higher body's own paper, by its title
    ("工信部关于工业互联网创新发展的意见说了什么", "工信部关于"),
    ("国家关于推动中小企业数字化的通知主要内容", "国家关于"),
]

ANSWERED = [
    # the enterprise's own application, written with the policy's figures: a question about the policy
    "我们评上了省级示范车间，帮我写个申请说明",
    "帮我看看我们厂能申请哪些",
    # a level named, not a body's own selection
    "国家级智能制造示范工厂的奖励条件是什么",
]


@pytest.mark.parametrize(("text", "named"), REFUSED)
def test_tasks_and_higher_bodies_own_papers_are_refused_by_name(
    bot: Assistant, text: str, named: str
) -> None:
    a = bot.ask_turns([text])
    assert a.kind == "refuse", a.answer
    assert named in a.answer


@pytest.mark.parametrize("text", ANSWERED)
def test_the_policy_s_own_asks_stay_answered(bot: Assistant, text: str) -> None:
    a = bot.ask_turns([text])
    assert a.kind != "refuse", a.answer


@pytest.mark.parametrize(
    "text",
    ["您好 那个 麻烦问一下 奖补的事儿", "嗯 就是那个 我想问问补贴", "喂 请问 就是 奖励那个事情"],
)
def test_filler_around_one_policy_word_is_asked_back(bot: Assistant, text: str) -> None:
    a = bot.ask_turns([text])
    assert a.kind == "clarify", a.answer


@pytest.mark.parametrize(
    ("turns", "department"),
    [
        (["企业科技创新积分那部分奖补由谁汇总"], "市科技局"),
        (["这些奖励的资金谁来拨付"], "市财政局"),
        (["这个政策归哪个部门管", "那钱最后谁出"], "市财政局"),
    ],
)
def test_who_collects_or_funds_is_answered_from_the_clause_naming_the_department(
    bot: Assistant, turns: list[str], department: str
) -> None:
    a = bot.ask_turns(turns)
    assert a.kind == "answer", a.answer
    assert department in a.answer
    assert any("实施过程" in c.path for c in a.citations[:3]), a.citations


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("工业APP奖励今年还能申请吗", "validity"),
        ("DCMM认证奖现在去报还赶不赶得上", "validity"),
        ("示范工厂的奖补来不来得及申请", "validity"),
        ("奖补款谁来拨付", "department"),
        ("二级节点的奖励找谁报批", "department"),
        # a figure given: a calculation, whatever the time words
        ("投入500万的智能车间还来得及报吗，能拿多少", "calc"),
    ],
)
def test_still_time_and_who_pays_acts(vocab, acts, question: str, intent: str) -> None:  # type: ignore[no-untyped-def]
    facts = extract_facts(question, vocab)
    scope = judge_scope(question, vocab.in_scope_hits(question))
    got = classify(question, facts, scope, ConversationState(), (), acts.predict(question))
    assert got.name == intent, got.reasons


def test_a_refused_higher_body_selection_still_quotes_what_this_policy_gives_for_the_award(
    bot: Assistant,
) -> None:
    a = bot.ask_turns(["省工信厅对示范车间的遴选门槛是什么"])
    assert a.kind == "refuse", a.answer
    assert a.citations, a.answer
    cited = a.citations[0]
    assert "示范车间" in cited.quote and cited.quote in a.answer
    assert cited.path in a.answer


def test_a_refused_higher_body_paper_naming_no_award_cites_nothing(bot: Assistant) -> None:
    a = bot.ask_turns(["国家关于推动中小企业数字化的通知主要内容"])
    assert a.kind == "refuse"
    assert not a.citations
