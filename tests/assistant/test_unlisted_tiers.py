"""A star rating the award's clause does not list is answered 没有 with the clause quoted and its tiers named, never
asked back among the listed tiers (assistant/unlisted_tiers.py)."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant


@pytest.mark.parametrize(
    "text", ["公司拿了个两星的信息安全防护企业，能领钱不", "评上2星级工业信息安全防护企业的话奖励是多少"]
)
def test_a_star_the_clause_does_not_list_is_answered_no(bot: Assistant, text: str) -> None:
    a = bot.ask_turns([text])
    rule = next(r for r in bot.context.book.rules if r.id == "infosec_star")
    assert a.kind == "answer" and a.answer.startswith("**没有。**")
    assert "二星级不在奖励范围内" in a.answer
    assert rule.quote in a.answer and a.citations[0].quote == rule.quote
    assert "几星级" not in a.answer


def test_a_listed_star_is_still_worked_out(bot: Assistant) -> None:
    a = bot.ask_turns(["信息安全防护评上了四星，奖多少"])
    assert "没有" not in a.answer and "10万元" in a.answer
