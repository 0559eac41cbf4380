"""The numbers live in rules.yaml only: edit the YAML, the result changes, no code changes."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT
from tools.award_calculator import calculate
from tools.rulebook import RuleBook

DOC = PROJECT_ROOT / "corpus" / "taixing-2022-25"
TODAY = date(2024, 6, 1)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    shutil.copytree(DOC, tmp_path / "corpus" / DOC.name)
    return tmp_path / "corpus"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _total(corpus: Path, claims: list[dict]) -> int:
    return calculate({"claims": claims}, RuleBook.load(corpus), today=TODAY).total_yuan


def test_changing_a_cap_in_yaml_changes_the_result(corpus: Path) -> None:
    claim = [{"award": "base_investment", "investment_yuan": "3000万", "advanced_tech": True}]
    assert _total(corpus, claim) == 500_000
    # The policy text must say the new number too (quotes are checked), so both change together.
    rules, policy = corpus / DOC.name / "rules.yaml", corpus / DOC.name / "policy.md"
    _replace(rules, "cap_yuan: 500000", "cap_yuan: 800000")
    _replace(rules, "单个企业最高奖补50万元。", "单个企业最高奖补80万元。")
    _replace(policy, "单个企业最高奖补50万元。", "单个企业最高奖补80万元。")
    assert _total(corpus, claim) == 800_000


def test_changing_a_star_amount_and_a_threshold(corpus: Path) -> None:
    rules = corpus / DOC.name / "rules.yaml"
    _replace(rules, "5: {kind: fixed, yuan: 150000}", "5: {kind: fixed, yuan: 100000}")
    assert _total(corpus, [{"award": "infosec_star", "star": 5}]) == 100_000
    claim = [{"award": "base_investment", "investment_yuan": "250万", "advanced_tech": True}]
    assert _total(corpus, claim) == 0
    _replace(rules, "threshold: {yuan: 3000000, inclusive: true, word: 以上}",
             "threshold: {yuan: 2000000, inclusive: true, word: 以上}")  # fmt: skip
    assert _total(corpus, claim) == 125_000


def test_a_new_award_added_in_yaml_is_calculated_and_matched(corpus: Path) -> None:
    rules = corpus / DOC.name / "rules.yaml"
    new_rule = """
  - id: demo_enterprise
    title: 示范企业
    clause: [附件, 二、强化示范标杆引领, （五）加快示范创建]
    quote: 打造行业有影响、案例可推广、效益能领跑的示范企业。
    department: [市工信局]
    aliases: [效益领跑示范企业]
    amount: {kind: ceiling, yuan: 120000}
"""
    text = rules.read_text(encoding="utf-8")
    rules.write_text(
        text.replace("\n# 附则（一）除外情形", new_rule + "\n# 附则（一）除外情形"), encoding="utf-8"
    )
    book = RuleBook.load(corpus)
    assert book.vocabulary.match_rules("我们是效益领跑示范企业") == ["demo_enterprise"]
    result = calculate({"claims": [{"award": "demo_enterprise"}]}, book, today=TODAY)
    assert (result.total_yuan, result.claims[0].amount_text) == (120_000, "最高 12万元")
