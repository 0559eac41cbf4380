"""A loan said only roughly ("贷了好几千万", "借款大概上千万"): clarified, asking the loan total and the interest
paid, with the loan award's clause (强化金融保障) cited; an exact loan is still worked out."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant


@pytest.mark.parametrize(
    "question",
    [
        "贴息帮忙算一下，我们贷了好几千万",
        "项目借款大概上千万，能贴多少息",
        "我们借了几千万，贷款贴息怎么算给多少",
    ],
)
def test_a_rough_loan_asks_the_loan_and_the_interest(bot: Assistant, question: str) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert answer["kind"] == "clarify", answer["answer"][:80]
    assert "强化金融保障" in answer["citations"][0]["path"]
    assert "贷款总额是多少" in answer["answer"] and "贷款利息是多少" in answer["answer"]


def test_an_exact_loan_is_worked_out(bot: Assistant) -> None:
    answer = bot.ask_turns(["贷款2500万，贴息能拿多少"]).to_dict()
    assert "2500万元 × 1%" in answer["answer"], answer["answer"][:200]


def test_a_rough_investment_is_not_read_as_a_loan(bot: Assistant) -> None:
    answer = bot.ask_turns(["智能车间花了好几百万，能补多少"]).to_dict()
    assert "强化金融保障" not in answer["citations"][0]["path"]
