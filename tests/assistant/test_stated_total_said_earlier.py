"""A total of awards stated in one turn, the local tax paid in a later one: the yearly cap applies to that total."""

from __future__ import annotations

from assistant.engine import Assistant


def test_a_total_said_before_the_tax_is_capped_at_the_tax(bot: Assistant) -> None:
    a = bot.ask_turns(["几个奖补合计下来有60万", "地方税收只有25万，不是新引进的，能拿满吗"])
    assert a.kind == "answer" and "当年最多可拿 25万元" in a.answer
    assert any("相关原则" in c.path for c in a.citations)


def test_a_newly_introduced_project_keeps_the_earlier_total(bot: Assistant) -> None:
    a = bot.ask_turns(["各项奖励总共算下来50万", "我们是新引进项目，地方税交了20万，能全拿吗"])
    assert "当年最多可拿 50万元" in a.answer


def test_an_award_named_since_is_not_taken_for_the_earlier_total(bot: Assistant) -> None:
    a = bot.ask_turns(["奖补加起来70万", "基础投入800万能拿多少", "地方税交了10万，能全拿吗"])
    assert "按您算出的 70万元" not in a.answer
