"""The exclusions a calculation names, and the clause it cites for them, come from rules.yaml and policy.md: edit
the data, the calculator's words change, no code changes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from tests.tools.conftest import SHIPPED_DOC, Edit
from tools.award_calculator import calculate
from tools.calc_records import CalcResult
from tools.rulebook import RuleBook

TODAY = date(2024, 6, 1)


def _exclusion_steps(result: CalcResult) -> list[str]:
    return next(p.steps for p in result.principles if p.id == "exclusions")


def _calc(corpus: Path, enterprise: dict) -> CalcResult:
    return calculate(
        {"enterprise": enterprise, "claims": [{"award": "dcmm"}]}, RuleBook.load(corpus), today=TODAY
    )


def test_no_exclusion_reported_lists_every_exclusion_of_the_rules_in_order(corpus_copy: Path) -> None:
    declared = yaml.safe_load((corpus_copy / SHIPPED_DOC.name / "rules.yaml").read_text(encoding="utf-8"))[
        "exclusions"
    ]
    (step,) = _exclusion_steps(_calc(corpus_copy, {}))
    names = [e["name"] for e in declared]
    assert len(names) >= 2
    positions = [step.find(n) for n in names]
    assert -1 not in positions, step
    assert positions == sorted(positions), step


def test_renaming_an_exclusion_in_yaml_renames_it_in_the_steps_and_the_reason(
    corpus_copy: Path, edit_doc: Edit
) -> None:
    edit_doc("rules.yaml", "name: 实施期限内恶意欠薪造成较大影响", "name: 实施期限内拖欠职工工资影响恶劣")
    (step,) = _exclusion_steps(_calc(corpus_copy, {}))
    assert "拖欠职工工资影响恶劣" in step and "恶意欠薪造成较大影响" not in step
    excluded = _calc(corpus_copy, {"exclusions": ["wage_arrears"]})
    assert "拖欠职工工资影响恶劣" in excluded.claims[0].reason


def test_the_reason_cites_the_exclusions_clause_by_its_part_and_number(corpus_copy: Path) -> None:
    folder = corpus_copy / SHIPPED_DOC.name
    for name in ("rules.yaml", "policy.md"):
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert "五、附则" in text
        path.write_text(text.replace("五、附则", "五、其他规定"), encoding="utf-8")
    reason = _calc(corpus_copy, {"exclusions": ["backward_industry"]}).claims[0].reason
    assert "属于其他规定（一）除外情形" in reason, reason
    assert "附则" not in reason
