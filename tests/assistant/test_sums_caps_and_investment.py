"""Round-9 dialogue classes, in new wordings (not suite sentences): an award added to an earlier calculation is
summed whatever act the wording resembles; a total the enterprise worked out itself is capped at its local tax by
the principles code; an investment named in general words asks for its amount under the award paid on
investment; a confirmed figure above what the rule can pay is answered 不是 with the worked figure."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant
from tools.principles import cap_stated_total


@pytest.mark.parametrize(
    ("turns", "total"),
    [
        (
            [
                "我们当年投了600万做智能工厂，引入了云计算，能补多少",
                "另外还获评了省级智能制造示范车间，一共能拿多少",
            ],
            600_000,
        ),
        (
            [
                "今年投了400万搞智能车间，用了大数据，能拿多少",
                "再加上评为省五星级工业信息安全防护企业，合计多少",
            ],
            350_000,
        ),
    ],
)
def test_an_added_award_is_summed_with_the_earlier_claims(
    bot: Assistant, turns: list[str], total: int
) -> None:
    a = bot.ask_turns(turns)
    calc = [c for c in a.tool_calls if c.name == "award_calculator"]
    assert calc, a.trace
    assert len(calc[-1].input["claims"]) == 2
    assert calc[-1].output["total_before_tax_cap_yuan"] == total


@pytest.mark.parametrize(
    ("text", "payable", "said"),
    [
        ("自己核算各项奖补加起来60万，去年地方税收40万，能拿多少", "40万元", "超过"),
        ("今年缴的地方税只有20万，我们按项目算下来奖补是15万，能全拿吗", "15万元", "未超过"),
    ],
)
def test_a_stated_total_is_capped_at_the_local_tax_with_the_clause(
    bot: Assistant, text: str, payable: str, said: str
) -> None:
    a = bot.ask_turns([text])
    assert a.kind == "answer"
    assert f"当年最多可拿 {payable}" in a.answer and said in a.answer
    assert a.citations and a.citations[0].path.endswith("相关原则")


def test_the_cap_on_a_stated_total_follows_the_principle(bot: Assistant) -> None:
    DOC = bot.context.book.doc("taixing-2022-25")
    assert cap_stated_total(DOC, 450_000, 300_000, False)[0] == 300_000
    assert cap_stated_total(DOC, 450_000, 300_000, True)[0] == 450_000  # 新引进项目: no cap
    assert cap_stated_total(DOC, 200_000, 300_000, None)[0] == 200_000
    assert cap_stated_total(DOC, 450_000, None, None)[0] == 450_000  # no tax given: not reduced, said so
    assert "未提供" in cap_stated_total(DOC, 450_000, None, None)[1][0]


def test_a_limit_on_the_total_asked_alone_is_the_cap_principle(bot: Assistant) -> None:
    a = bot.ask_turns(["申请奖补的总额会受限吗"])
    assert a.kind == "answer"
    assert a.citations and a.citations[0].path.endswith("相关原则")


@pytest.mark.parametrize(
    "text", ["车间智能化投了不少钱，可以补多少", "智能改造这块花了些钱，能奖多少", "智能车间想补40万能行吗"]
)
def test_investment_in_general_words_asks_the_amount_under_the_investment_award(
    bot: Assistant, text: str
) -> None:
    a = bot.ask_turns([text])
    assert a.kind == "clarify"
    assert a.citations and a.citations[0].path.endswith("推动基础投入")
    assert "投入的金额" in a.answer


def test_a_hoped_for_figure_is_answered_with_the_investment_that_reaches_it(bot: Assistant) -> None:
    a = bot.ask_turns(["智能车间想补40万能行吗"])
    assert "需达到 800万元" in a.answer  # 40万 ÷ 5%, worked by the calculator
    assert any(c.name == "award_calculator" for c in a.tool_calls)
    # 智能车间 may also mean the 示范车间 honour: offered with its own clause
    assert any(c.path.endswith("加快示范创建") for c in a.citations)


@pytest.mark.parametrize(
    ("text", "most"),
    [
        ("贴息是按利息全额给的吧，贷款5000万，利息200万，能贴200万吧", "50万元"),
        ("基础投入按全部投入补对吧，投了2000万，能补100万吧", "50万元"),
    ],
)
def test_a_confirmed_figure_above_what_the_rule_pays_is_not_confirmed(
    bot: Assistant, text: str, most: str
) -> None:
    a = bot.ask_turns([text])
    assert a.kind == "answer"
    assert a.answer.startswith(f"**不是。** 按政策原文最多 {most}")
