"""The numbers live in rules.yaml only: edit the YAML, the result changes, no code changes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.tools.conftest import Edit
from tools.award_calculator import calculate
from tools.rulebook import RuleBook

TODAY = date(2024, 6, 1)


def _total(corpus: Path, claims: list[dict]) -> int:
    return calculate({"claims": claims}, RuleBook.load(corpus), today=TODAY).total_yuan


def test_changing_a_cap_in_yaml_changes_the_result(corpus_copy: Path, edit_doc: Edit) -> None:
    claim = [{"award": "base_investment", "investment_yuan": "3000万", "advanced_tech": True}]
    assert _total(corpus_copy, claim) == 500_000
    # The policy text must say the new number too (quotes are checked), so both change together.
    edit_doc("rules.yaml", "cap_yuan: 500000", "cap_yuan: 800000")
    edit_doc("rules.yaml", "单个企业最高奖补50万元。", "单个企业最高奖补80万元。")
    edit_doc("policy.md", "单个企业最高奖补50万元。", "单个企业最高奖补80万元。")
    assert _total(corpus_copy, claim) == 800_000


def test_changing_a_star_amount_and_a_threshold(corpus_copy: Path, edit_doc: Edit) -> None:
    edit_doc("rules.yaml", "5: {kind: fixed, yuan: 150000}", "5: {kind: fixed, yuan: 100000}")
    assert _total(corpus_copy, [{"award": "infosec_star", "star": 5}]) == 100_000
    claim = [{"award": "base_investment", "investment_yuan": "250万", "advanced_tech": True}]
    assert _total(corpus_copy, claim) == 0
    edit_doc("rules.yaml", "threshold: {yuan: 3000000, inclusive: true, word: 以上}",
             "threshold: {yuan: 2000000, inclusive: true, word: 以上}")  # fmt: skip
    assert _total(corpus_copy, claim) == 125_000


def test_a_new_award_added_in_yaml_is_calculated_and_matched(corpus_copy: Path, edit_doc: Edit) -> None:
    new_rule = """
  - id: demo_enterprise
    title: 示范企业
    clause: [附件, 二、强化示范标杆引领, （五）加快示范创建]
    quote: 打造行业有影响、案例可推广、效益能领跑的示范企业。
    department: [市工信局]
    aliases: [效益领跑示范企业]
    amount: {kind: ceiling, yuan: 120000}
"""
    edit_doc("rules.yaml", "\n# 附则（一）除外情形", new_rule + "\n# 附则（一）除外情形")
    book = RuleBook.load(corpus_copy)
    assert book.vocabulary.match_rules("我们是效益领跑示范企业") == ["demo_enterprise"]
    result = calculate({"claims": [{"award": "demo_enterprise"}]}, book, today=TODAY)
    assert (result.total_yuan, result.claims[0].amount_text) == (120_000, "最高 12万元")
