"""A why-not follow-up after a calculation: the figure named is the result the user expected, checked against the
last calculation (the cap, the threshold), never taken as a new investment."""

from __future__ import annotations

from assistant.engine import Assistant


def test_a_figure_over_the_cap_is_explained_by_the_cap(bot: Assistant) -> None:
    a = bot.ask_turns(["我们基础投入花了1800万，奖补多少", "怎么不是90万呢"])
    assert a.kind == "answer" and a.answer.startswith("**不是90万元")
    assert "1800万元 × 5% = 90万元，超过单个企业上限 50万元" in a.answer
    assert "单个企业最高奖补50万元" in a.answer  # the clause quoted
    assert "未达到门槛" not in a.answer  # 90万 was not read as an investment


def test_an_echoed_answer_and_an_expected_figure_are_told_apart(bot: Assistant) -> None:
    a = bot.ask_turns(["基础投入投了2400万能奖多少", "咋只给50万，应该是120万吧"])
    assert a.answer.startswith("**不是120万元")
    assert "2400万元 × 5% = 120万元" in a.answer


def test_an_expected_figure_the_rule_does_pay_is_confirmed(bot: Assistant) -> None:
    a = bot.ask_turns(["基础投入1100万元能拿多少", "难道不是50万吗"])
    assert a.kind == "answer" and a.answer.startswith("**是的，最高 50万元。**")


def test_an_expected_figure_below_the_threshold_is_answered_by_the_threshold(bot: Assistant) -> None:
    a = bot.ask_turns(["基础投入250万能补多少", "为什么不是12.5万"])
    assert a.answer.startswith("**不是12.5万元。**") and "300万元以上" in a.answer
