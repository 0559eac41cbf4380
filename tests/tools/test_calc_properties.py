"""Properties of the calculator over random requests (hypothesis)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.settings import PROJECT_ROOT
from tools.award_calculator import calculate
from tools.rulebook import RuleBook

BOOK = RuleBook.load(PROJECT_ROOT / "corpus")
TODAY = date(2024, 6, 1)
YUAN = st.integers(min_value=0, max_value=500_000_000)
MAYBE_BOOL = st.sampled_from([True, False, None])


@st.composite
def claims(draw: st.DrawFn) -> dict:
    rule = draw(st.sampled_from(BOOK.rules))
    claim: dict = {"award": rule.id, "year": draw(st.sampled_from([2022, 2023, 2024, None]))}
    if rule.levels:
        claim["level"] = draw(st.sampled_from([*rule.levels, None]))
    if rule.stars:
        claim["star"] = draw(st.sampled_from([*rule.stars, None]))
    if rule.fields:
        claim["field"] = draw(st.sampled_from([*rule.fields, None]))
    claim["project"] = draw(st.sampled_from(["A", "B", None]))
    facts = {c.fact for c in rule.conditions} | {rule.amount.base, rule.amount.loan, rule.amount.paid} - {
        None
    }
    for fact in facts:
        claim[fact] = draw(st.one_of(st.none(), YUAN)) if fact.endswith("_yuan") else draw(MAYBE_BOOL)
    parts = [claim.get(k) or 0 for k in ("fixed_asset_loan_yuan", "software_investment_yuan")]
    if claim.get("total_investment_yuan") is not None:
        claim["total_investment_yuan"] = max(claim["total_investment_yuan"], *parts)
    return claim


@st.composite
def requests(draw: st.DrawFn) -> dict:
    items = draw(st.lists(claims(), max_size=6))
    seen, unique = set(), []
    for c in items:  # the once-a-year awards may appear once per year
        key = (c["award"], c["year"])
        if BOOK.rule(c["award"]).once_per_year and key in seen:
            continue
        seen.add(key)
        unique.append(c)
    enterprise = {
        "local_tax_paid_yuan": draw(st.one_of(st.none(), st.integers(0, 3_000_000))),
        "newly_introduced": draw(MAYBE_BOOL),
        "exclusions": draw(st.lists(st.sampled_from([e.id for e in BOOK.exclusions]), max_size=1)),
    }
    return {"enterprise": enterprise, "claims": unique}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(requests())
def test_total_is_bounded_by_ceilings_and_never_negative(req: dict) -> None:
    result = calculate(req, BOOK, today=TODAY)
    ceilings = sum(BOOK.rule(c["award"]).amount.max_cash_yuan for c in req["claims"])
    assert 0 <= result.total_yuan <= ceilings
    assert result.total_yuan <= result.total_before_tax_cap_yuan
    for c in result.claims:
        assert c.amount_yuan is None or 0 <= c.amount_yuan <= BOOK.rule(c.rule_id).amount.max_cash_yuan
        if c.eligible is False:
            assert not c.counted and c.amount_yuan in (0, None)
    tax = req["enterprise"]["local_tax_paid_yuan"]
    if tax is not None and req["enterprise"]["newly_introduced"] is not True:
        years = {c["year"] for c in req["claims"]} - {None}
        undated = any(c["year"] is None for c in req["claims"]) and len(years) != 1
        assert result.total_yuan <= tax * max(1, len(years) + undated)  # the cap is per year
    if req["enterprise"]["exclusions"]:
        assert result.total_yuan == 0 and result.eligible is False


def _one(claim: dict) -> int:
    return calculate({"claims": [claim]}, BOOK, today=TODAY).total_yuan


@settings(max_examples=300, deadline=None)
@given(YUAN, st.integers(0, 100_000_000), MAYBE_BOOL)
def test_base_award_never_decreases_as_investment_grows(
    investment: int, more: int, tech: bool | None
) -> None:
    base = {"award": "base_investment", "advanced_tech": tech}
    assert _one({**base, "investment_yuan": investment}) <= _one(
        {**base, "investment_yuan": investment + more}
    )


@pytest.mark.parametrize(
    "grow",
    ["total_investment_yuan", "fixed_asset_loan_yuan", "software_investment_yuan", "interest_paid_yuan"],
)
@settings(max_examples=150, deadline=None)
@given(
    total=st.integers(0, 400_000_000), loan=st.integers(0, 200_000_000), software=st.integers(0, 50_000_000),
    paid=st.integers(0, 20_000_000), more=st.integers(0, 50_000_000),
)  # fmt: skip
def test_interest_subsidy_never_decreases_as_a_figure_grows(
    grow: str, total: int, loan: int, software: int, paid: int, more: int
) -> None:
    claim = {
        "award": "interest_subsidy", "in_project_library": True, "loan_via_platform": True,
        "total_investment_yuan": max(total, loan, software), "fixed_asset_loan_yuan": loan,
        "software_investment_yuan": software, "interest_paid_yuan": paid,
    }  # fmt: skip
    bigger = {**claim, grow: claim[grow] + more}
    bigger["total_investment_yuan"] = max(
        bigger["total_investment_yuan"], bigger["fixed_asset_loan_yuan"], bigger["software_investment_yuan"]
    )
    assert _one(claim) <= _one(bigger)
