"""The premise that an award has no conditions is corrected from the clause before any figure; the figure is then
worked out on the user's numbers as a ceiling, the conditions left to confirm."""

from __future__ import annotations

from assistant.engine import Assistant


def test_a_loan_subsidy_said_to_need_nothing_is_corrected_with_its_conditions(bot: Assistant) -> None:
    a = bot.ask_turns(["贴息反正零门槛，我们固定资产贷款3000万，帮我直接算"])
    assert a.kind == "answer" and a.answer.startswith("**不对，智改数转项目贷款贴息是有条件的。**")
    assert "产融综合服务平台" in a.answer and "最高 30万元" in a.answer


def test_an_investment_award_said_to_need_nothing_is_corrected_then_worked_out(bot: Assistant) -> None:
    a = bot.ask_turns(["基础投入奖补不用管什么条件，我们投了600万，直接给个数"])
    assert a.kind == "answer" and a.answer.startswith("**不对，基础投入奖补是有条件的。**")
    assert "300万元以上" in a.answer and "最高 30万元" in a.answer


def test_a_title_said_to_need_no_recognition_is_corrected_by_its_clause(bot: Assistant) -> None:
    a = bot.ask_turns(["省级示范工厂不需要认定吧，直接算能拿多少"])
    assert a.kind == "answer" and a.answer.startswith("**不对，")
    assert "获评" in a.answer and "50万元" in a.answer


def test_asking_whether_there_are_conditions_is_not_a_premise(bot: Assistant) -> None:
    a = bot.ask_turns(["贴息有没有什么条件"])
    assert not a.answer.startswith("**不对")


def test_asking_whether_it_is_unconditional_is_not_a_premise() -> None:
    from assistant.no_conditions_premise import _NO_CONDITIONS

    assert not _NO_CONDITIONS.search("贴息有无条件限制")
    assert _NO_CONDITIONS.search("贴息无条件给的吧")
