"""A threshold the user says the rule sets ("文件要求投入满600万才给") is a claim about the rule, not the enterprise's
amount: the enterprise's own figure is calculated and the claim corrected. A negation in a follow-up governs the fact
whose word it stands before ("不是新引进项目" denies 新引进, not 项目库). New wordings, not suite sentences."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant
from assistant.facts import extract_facts


@pytest.mark.parametrize(
    ("text", "claimed", "own"),
    [
        ("听说文件要求门槛是投入达到600万，我们今年投了350万，是不是拿不到", 6_000_000, 3_500_000),
        ("相关投入高于800万的企业才给补吧？我们投入了450万", 8_000_000, 4_500_000),
    ],
)
def test_a_threshold_said_of_the_rule_is_not_the_enterprise_amount(
    vocab, text: str, claimed: int, own: int
) -> None:  # type: ignore[no-untyped-def]
    facts = extract_facts(text, vocab)
    assert facts.claimed_thresholds == [claimed] and not facts.claimed_amounts
    assert facts.amounts.get("investment_yuan") == own


def test_the_enterprise_own_spend_above_a_threshold_word_is_still_its_amount(vocab) -> None:  # type: ignore[no-untyped-def]
    facts = extract_facts("我们今年投入超过500万，能补多少", vocab)
    assert facts.amounts.get("investment_yuan") == 5_000_000 and not facts.claimed_thresholds


def test_a_wrong_threshold_is_corrected_and_the_own_figure_calculated(bot: Assistant) -> None:
    a = bot.ask_turns(["文件规定投入满700万才能拿基础投入奖补吧，我们去年投了360万，没希望了吧"])
    assert a.kind == "answer" and a.answer.startswith("**不")
    assert a.answer.startswith("**不对。** 门槛不是700万元")
    assert "360万元 × 5% = 18万元" in a.answer and "达到门槛 300万元" in a.answer


@pytest.mark.parametrize(
    "third",
    [
        "但是我们今年地方税收才12万，不是新引进项目，最后到手多少",
        "另外当年缴的地方税收只有12万元，并非新引进项目，实际能贴多少",
    ],
)
def test_not_newly_introduced_caps_by_local_tax_and_keeps_the_library_condition(
    bot: Assistant, third: str
) -> None:
    a = bot.ask_turns(
        [
            "项目贷款贴息的条件是什么",
            "我们在项目库，贷款走的产融平台，总投资4000万，固定资产贷款2500万，软件500万，利息付了90万，能贴多少",
            third,
        ]
    )
    assert a.kind == "answer"
    assert "不满足：列入市智改数转项目库" not in a.answer
    assert "12万元" in a.answer and "✓ 列入市智改数转项目库" in a.answer
