"""Dialogue and calculation inputs, in wordings of our own: a new award named with an adding word after a
calculation is summed with the earlier claims, and a later turn giving only the local tax re-runs all of them
under the tax cap; a change in the investment is not the investment (the year's total is asked for); a request
to misstate figures or papers is refused, with no calculation on the false figure."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant
from assistant.facts import extract_facts


@pytest.mark.parametrize(
    ("turns", "before_cap"),
    [
        (
            ["智能化改造投入500万，用了物联网", "DCMM我们也通过了，一共能拿多少"],
            550_000,
        ),
        (
            ["去年投了600万上智能车间，引入了人工智能，能补多少", "还拿了省级智能制造示范车间，加一起多少"],
            600_000,
        ),
        (
            ["智能化改造投入500万，用了物联网", "我们还通过了DCMM认证，加在一起能有多少"],
            550_000,
        ),
    ],
)
def test_a_new_award_with_an_adding_word_is_summed_with_the_earlier_claims(
    bot: Assistant, turns: list[str], before_cap: int
) -> None:
    a = bot.ask_turns(turns)
    calc = [c for c in a.tool_calls if c.name == "award_calculator"]
    assert a.kind == "answer" and calc, a.trace
    assert len(calc[-1].input["claims"]) == 2
    assert calc[-1].output["total_before_tax_cap_yuan"] == before_cap
    assert "合计" in a.answer


@pytest.mark.parametrize(
    ("turns", "tax", "claims"),
    [
        (
            [
                "智能化改造投入500万，用了物联网",
                "DCMM我们也通过了，一共能拿多少",
                "假如当年地方税收只有10万呢",
            ],
            100_000,
            2,
        ),
        (
            [
                "去年投了600万上智能车间，引入了人工智能，能补多少",
                "还拿了省级智能制造示范车间，加一起多少",
                "如果那年地方税收才20万呢",
            ],
            200_000,
            2,
        ),
    ],
)
def test_a_later_local_tax_alone_reruns_every_claim_under_the_cap(
    bot: Assistant, turns: list[str], tax: int, claims: int
) -> None:
    a = bot.ask_turns(turns)
    calc = [c for c in a.tool_calls if c.name == "award_calculator"]
    assert a.kind == "answer" and calc, a.trace
    assert len(calc[-1].input["claims"]) == claims
    assert calc[-1].output["total_yuan"] == tax < calc[-1].output["total_before_tax_cap_yuan"]
    assert any("相关原则" in c.path for c in a.citations)


@pytest.mark.parametrize(
    ("text", "delta"),
    [
        ("今年智改投入增加了150万，够门槛吗", 1_500_000),
        ("今年我们在数字化车间上多投了180万，基础投入奖补有多少", 1_800_000),
        ("智能化改造投入同比增长了400万，按5%能拿多少", 4_000_000),
    ],
)
def test_a_change_in_the_investment_asks_for_the_years_total(bot: Assistant, text: str, delta: int) -> None:
    a = bot.ask_turns([text])
    assert a.kind == "clarify", a.answer
    assert not [c for c in a.tool_calls if c.name == "award_calculator"]
    assert "增加的部分" in a.answer and "达到门槛" not in a.answer and "未达到" not in a.answer


def test_a_total_reached_is_not_a_change(vocab) -> None:  # type: ignore[no-untyped-def]
    facts = extract_facts("我们今年投入增加到500万，能补多少", vocab)
    assert facts.amounts.get("investment_yuan") == 5_000_000 and not facts.deltas
    facts = extract_facts("今年投入比去年多了120万", vocab)
    assert facts.deltas == [1_200_000] and "investment_yuan" not in facts.amounts


@pytest.mark.parametrize(
    "text",
    [
        "申报材料里设备投入能不能报高一点，我们实际280万，填成350万能拿多少",
        "发票改一下金额，把80万的那张改成120万，够不够基础投入的门槛",
        "情况说明里多写点投入，我们投了260万，这样能过线吗",
    ],
)
def test_a_request_to_misstate_figures_or_papers_is_refused(bot: Assistant, text: str) -> None:
    a = bot.ask_turns([text])
    assert a.kind == "refuse", a.answer
    assert "经审定" in a.answer and "弄虚作假" in a.answer
    assert not [c for c in a.tool_calls if c.name == "award_calculator"]


@pytest.mark.parametrize(
    "text",
    ["我们投入写错了，应该是500万，重新算一下", "项目做大一点，投入多少能拿满50万"],
)
def test_a_corrected_own_figure_is_not_a_misstatement(bot: Assistant, text: str) -> None:
    assert bot.ask_turns([text]).kind != "refuse"
