"""claims[].stated_yuan: the applicant's own figure for an award is counted as theirs, capped by the rule's
ceiling for the level given, and goes through 就高不重复 and the tax cap like any amount."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.errors import BadClaim
from assistant.settings import PROJECT_ROOT
from tools.award_calculator import calculate
from tools.rulebook import RuleBook

TODAY = date(2024, 6, 1)


@pytest.fixture(scope="module")
def book() -> RuleBook:
    return RuleBook.load(PROJECT_ROOT / "corpus")


def _one(book: RuleBook, **claim: object) -> dict:
    return calculate({"claims": [claim]}, book, today=TODAY).to_dict()["claims"][0]


@pytest.mark.parametrize(
    ("claim", "amount", "ceiling"),
    [
        ({"award": "smart_demo_factory", "level": "provincial", "stated_yuan": "48万"}, 480_000, False),
        # the provincial ceiling (50万) caps it, not the national one (100万)
        ({"award": "smart_demo_factory", "level": "provincial", "stated_yuan": "80万"}, 500_000, True),
        ({"award": "interest_subsidy", "stated_yuan": 1_500_000}, 1_000_000, True),
        (
            {"award": "base_investment", "stated_yuan": "50万"},
            500_000,
            False,
        ),  # 以上/最高 include the boundary
    ],
)
def test_the_stated_figure_is_capped_by_the_rule(
    book: RuleBook, claim: dict, amount: int, ceiling: bool
) -> None:
    c = _one(book, **claim)
    assert c["amount_yuan"] == amount and c["is_ceiling"] is ceiling
    assert c["stated_yuan"] >= amount  # the figure given, in yuan, is kept in the result
    assert ("未按条件核算" in c["amount_text"]) is not ceiling
    assert c["missing"] == []


def test_an_award_without_cash_ignores_the_figure(book: RuleBook) -> None:
    c = _one(book, award="two_integration_upgrade", stated_yuan="20万")
    assert c["amount_kind"] == "points" and c["amount_yuan"] is None
    assert any("未计入" in s for s in c["steps"])


def test_the_figure_goes_through_highest_only_and_the_tax_cap(book: RuleBook) -> None:
    result = calculate(
        {
            "enterprise": {"local_tax_paid_yuan": "40万"},
            "claims": [
                {"award": "dcmm", "stated_yuan": "25万", "project": "数据治理"},
                {"award": "lean_management", "stated_yuan": "7万", "project": "数据治理"},
                {"award": "smart_demo_workshop", "level": "provincial", "stated_yuan": "28万"},
            ],
        },
        book,
        today=TODAY,
    )
    assert [c.counted for c in result.claims] == [True, False, True]  # same project: the higher one only
    assert result.total_before_tax_cap_yuan == 530_000 and result.total_yuan == 400_000


def test_a_bad_stated_figure_is_named(book: RuleBook) -> None:
    with pytest.raises(BadClaim, match=r"claims\[0\]\.stated_yuan"):
        calculate({"claims": [{"award": "dcmm", "stated_yuan": "很多"}]}, book, today=TODAY)
