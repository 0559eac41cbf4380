"""Yes/no questions answered, not asked back: a wrong rate pressed for a named award is corrected from the clause
and the figure worked out on the user's own numbers; a flat figure said to be paid to everyone is answered 不是 with
the investment award quoted; a qualify question whose every condition is stated (a threshold met exactly) is answered
符合. New wordings, not suite sentences."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant
from assistant.facts import extract_facts


@pytest.mark.parametrize(
    ("text", "said", "worked"),
    [
        ("贴息不是按3%给的吗？我们固定资产贷款6000万，今年利息付了240万，那就是180万对吧", "3%", "60万元"),
        ("我记得贴息比例是2.5%，贷款4000万，利息付了160万，所以能贴100万是吧", "2.5%", "40万元"),
    ],
)
def test_a_wrong_rate_pressed_is_corrected_with_the_figure_on_the_users_numbers(
    bot: Assistant, text: str, said: str, worked: str
) -> None:
    a = bot.ask_turns([text])
    assert a.kind == "answer"
    first = a.answer.split("\n\n")[0]
    assert first.startswith(("**不是。**", "**不对。**"))
    assert f"不是{said}" in first and "按不超过1%的利率水平给予贴息" in first
    assert f"最多 {worked}" in first
    assert "待确认" in a.answer  # the conditions not stated stay open
    assert any("强化金融保障" in c.path for c in a.citations)


def test_the_figure_asked_back_is_a_claimed_figure_not_an_unnamed_spend(vocab) -> None:  # type: ignore[no-untyped-def]
    facts = extract_facts("贷款3000万，利息付了150万，所以贴息能拿90万是吧", vocab)
    assert facts.claimed_amounts == [900_000] and not facts.bare_amounts
    assert facts.amounts == {"fixed_asset_loan_yuan": 30_000_000, "interest_paid_yuan": 1_500_000}


def test_the_loans_own_interest_rate_is_not_a_rate_to_correct(bot: Assistant) -> None:
    a = bot.ask_turns(["贷款5000万，年利率4%，贴息就是50万对吧"])
    assert "不是4%" not in a.answer and a.answer.startswith("**是的。**")


def test_the_interest_step_names_the_loan_bound_not_the_cap(bot: Assistant) -> None:
    a = bot.ask_turns(
        ["项目在库、贷款走产融平台，总投资6000万，软件投入500万，固定资产贷款4000万，利息付了180万，能贴多少"]
    )
    assert "min(实付利息, 40万元) = 40万元（实付利息高于按1%利率算出的 40万元，按 40万元）" in a.answer
    assert "实付利息超过单个企业上限" not in a.answer and "180万元" not in a.answer


@pytest.mark.parametrize(
    ("text", "said"),
    [("不管什么项目都给30万吧", "30万元"), ("是不是每家企业统一奖励20万？", "20万元")],
)
def test_a_blanket_figure_with_no_award_named_is_answered_not_asked(
    bot: Assistant, text: str, said: str
) -> None:
    a = bot.ask_turns([text])
    assert a.kind == "answer" and a.answer.startswith("**不是。**")
    assert f"一律补{said}" in a.answer and "5%" in a.answer and "300万元以上" in a.answer
    assert "各有各的条件和金额" in a.answer
    assert [c.path.split(" › ")[-1] for c in a.citations] == ["（一）推动基础投入"]


def test_a_flat_figure_for_a_named_award_is_a_ceiling_not_a_promise(bot: Assistant) -> None:
    a = bot.ask_turns(["基础投入奖补是不是都给50万？"])
    assert a.answer.startswith("**不完全对：这是上限，不是固定金额。**")


@pytest.mark.parametrize(
    ("text", "edge", "most"),
    [
        ("我们总投资刚好3000万，别的要求都满足，能享受贴息吗", "不低于3000万元", "最高 100万元"),
        # the loan given bounds the subsidy at 1% of it: the ceiling is worked out, the interest paid still asked
        ("固定资产贷款正好2000万，其余条件都够，贴息符合吗", "不低于2000万", "最高 20万元"),
    ],
)
def test_every_condition_stated_at_the_boundary_is_answered_yes(
    bot: Assistant, text: str, edge: str, most: str
) -> None:
    a = bot.ask_turns([text])
    assert a.kind == "answer" and a.answer.startswith("**符合。**")
    first = a.answer.split("\n\n")[0]
    assert edge in first and "含本数" in first and most in first


def test_an_award_paid_on_the_figure_says_the_boundary_is_met(bot: Assistant) -> None:
    a = bot.ask_turns(["相关投入正好300万，其他条件都具备，能不能拿基础投入奖补"])
    assert a.answer.startswith("**能。**") and "300万元以上：正好达到也符合" in a.answer
    assert "15万元" in a.answer


def test_a_condition_left_unstated_keeps_the_question_open(bot: Assistant) -> None:
    a = bot.ask_turns(["软件投入正好400万，符合贴息吗"])
    assert a.kind == "clarify" and a.answer.startswith("**还不能确定。**")
