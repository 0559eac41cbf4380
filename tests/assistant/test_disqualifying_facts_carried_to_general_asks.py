"""What the enterprise said earlier decides a later general "may we still" question: an exclusion or a scope fact
it fails, said in one turn, answers "那还能申请吗" (no award named) with 不能 from the scope clause, and a later
calculation comes to nothing with the exclusion named. Wordings written for this file."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant
from assistant.quotes import sentence_with
from common.markdown import cited_as


def _scope_clause(bot: Assistant):  # type: ignore[no-untyped-def]
    doc_id = bot.context.documents[0].meta.doc_id
    clause = bot.planner_for(doc_id).ctx.book_clause("exclusions")
    assert clause is not None
    return clause


@pytest.mark.parametrize(
    ("turns", "named"),
    [
        (["前年车间出过一次较大的安全生产事故", "那这些奖励我们还能申请吗"], "安全事故"),
        (["我们厂被认定为严重失信主体了", "我们公司现在还有机会吗"], "严重失信"),
        (["我们有拖欠工资的事被曝光了，算恶意欠薪，影响不小", "补助还可以拿吗"], "恶意欠薪"),
    ],
)
def test_an_exclusion_said_earlier_answers_a_general_may_we_still(
    bot: Assistant, turns: list[str], named: str
) -> None:
    clause = _scope_clause(bot)
    a = bot.ask_turns(turns)
    assert a.kind == "answer" and a.plan and a.plan.intent == "eligibility", a.trace
    assert a.answer.startswith("**不能享受。**") and named in a.answer.split("\n", 1)[0], a.answer[:160]
    assert cited_as(clause.path) in a.answer
    excluded = sentence_with(clause.text, "除外")
    assert excluded and excluded in a.answer  # the exclusion sentence quoted whole
    assert any("第1轮" in line for line in a.trace), a.trace


@pytest.mark.parametrize(
    ("turns", "failed"),
    [
        (["我们公司注册在外地", "那这些奖补我们还能享受吗"], "注册"),
        (["我们只是个车间，不是独立法人", "还能不能申报"], "独立法人"),
    ],
)
def test_a_failed_scope_fact_said_earlier_answers_a_general_may_we_still(
    bot: Assistant, turns: list[str], failed: str
) -> None:
    clause = _scope_clause(bot)
    a = bot.ask_turns(turns)
    assert a.kind == "answer" and a.answer.startswith(f"**不能。** 不符合{cited_as(clause.path)}："), (
        a.answer[:160]
    )
    assert failed in a.answer.split("\n", 1)[0]


@pytest.mark.parametrize(
    "turns",
    [
        ["我们在本地注册纳税，是独立法人", "那我们还能申请吗"],  # nothing rules it out: which award is asked
        ["我们出过较大安全事故", "说错了，其实没有出过安全事故，那我们还能申请吗"],  # the exclusion withdrawn
    ],
)
def test_nothing_disqualifying_held_leaves_the_general_ask_to_the_which_award_question(
    bot: Assistant, turns: list[str]
) -> None:
    a = bot.ask_turns(turns)
    assert not a.answer.startswith("**不能"), a.answer[:160]
    assert a.plan and a.plan.intent != "eligibility", a.trace


def test_a_term_question_after_an_exclusion_is_still_about_the_term(bot: Assistant) -> None:
    a = bot.ask_turns(["我们出过一次较大安全事故", "这个政策啥时候截止，还能申请吗"])
    assert a.plan and a.plan.intent == "validity", a.trace


@pytest.mark.parametrize(
    "turns",
    [
        ["我们今年发生过重大环境污染事故", "新上了一条智能产线，投资600万，能补多少"],
        ["先说明一下，我们被列入了严重失信名单", "评上省级智能制造示范车间，可以拿多少钱"],
    ],
)
def test_an_exclusion_said_earlier_makes_a_later_calculation_nothing(
    bot: Assistant, turns: list[str]
) -> None:
    a = bot.ask_turns(turns)
    assert a.kind == "answer" and a.answer.startswith("**不能享受。**"), a.answer[:160]
    assert not any(c.name == "award_calculator" for c in a.tool_calls)
    assert "环境污染" in a.answer or "严重失信" in a.answer
    assert any("第1轮" in line for line in a.trace), a.trace
