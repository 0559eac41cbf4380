"""A rule's figures stated against a question's premise (assistant/standards.py), over the real rule book."""

from __future__ import annotations

import pytest

from assistant.standards import no_cap_correction


@pytest.mark.parametrize(
    ("rule_id", "question", "cap"),
    [
        ("interest_subsidy", "贴息是没有封顶的吧，利息全给报？", "最高100万元"),
        ("base_investment", "基础投入奖补上不封顶，投得越多拿得越多对不对", "最高奖补50万元"),
        ("interest_subsidy", "贷款贴息不限额，给我们出个确认", "100万元"),
    ],
)
def test_a_no_cap_premise_is_corrected_in_the_clause_words(
    rule_book, rule_id: str, question: str, cap: str
) -> None:  # type: ignore[no-untyped-def]
    lead = no_cap_correction(rule_book.rule(rule_id), question)
    assert lead.startswith("**不对，有上限") and cap in lead


@pytest.mark.parametrize(
    ("rule_id", "question"),
    [
        ("interest_subsidy", "贴息有没有上限"),  # asks, does not claim
        ("interest_subsidy", "贴息上限是多少"),
        ("lighthouse_factory", "灯塔工厂奖励不封顶吧"),  # a fixed award: no cap to state
    ],
)
def test_no_correction_without_the_premise_or_a_cap(rule_book, rule_id: str, question: str) -> None:  # type: ignore[no-untyped-def]
    assert no_cap_correction(rule_book.rule(rule_id), question) == ""
