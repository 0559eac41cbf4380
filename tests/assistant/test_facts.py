"""Reading facts out of questions, with the vocabulary that comes from rules.yaml."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from assistant.engine import Assistant
from assistant.facts import extract_facts

CASES: list[tuple[str, dict[str, Any]]] = [
    (
        "智能工厂里引进了人工智能和云计算，2023年相关投入800万，奖补最多多少？",
        {"amounts": {"investment_yuan": 8_000_000}, "year": 2023, "advanced_tech": True},
    ),
    (
        "这个智改项目备案总投资0.8亿，其中软件和系统集成1500万；设备这块的固定资产贷款（不含土建）5000万，年利率4.2%",
        {
            "amounts": {
                "total_investment_yuan": 80_000_000,
                "software_investment_yuan": 15_000_000,
                "fixed_asset_loan_yuan": 50_000_000,
            },
            "interest_rate": Decimal("0.042"),
        },
    ),
    (
        "软件和系统集成只投了380万，2024年付息120万，项目在库，也是产融平台贷的",
        {
            "amounts": {"software_investment_yuan": 3_800_000, "interest_paid_yuan": 1_200_000},
            "in_project_library": True,
            "loan_via_platform": True,
        },
    ),
    ("我们的项目没进市智改数转项目库", {"in_project_library": False}),
    (
        "固定资产贷款一共2500万，不过其中600万是盖厂房的土建部分",
        {"amounts": {"fixed_asset_loan_yuan": 25_000_000, "civil_works_loan_yuan": 6_000_000}},
    ),
    (
        "那年缴的地方税收只有40万，不是新引进项目",
        {"amounts": {"local_tax_paid_yuan": 400_000}, "newly_introduced": False},
    ),
    ("我们是2023年新引进落户泰兴的项目", {"newly_introduced": True, "year": 2023}),
    ("同一个智能工厂项目，既获评国家级智能制造示范工厂", {"same_project": True}),
    ("不是同一个项目", {"same_project": False}),
    ("2025年3月获评的", {"year": 2025, "month": 3}),
    ("公司注册在靖江，工厂在泰兴", {"registered_locally": False}),
    ("我们是分公司，没有独立法人资格", {"independent_legal_person": False}),
    ("化工装备，不是智能制造领域的首台套", {"smart_manufacturing_field": False}),
    ("投入￥5,500,000", {"amounts": {"investment_yuan": 5_500_000}}),
]


@pytest.mark.parametrize(("question", "expected"), CASES)
def test_facts(bot: Assistant, question: str, expected: dict[str, Any]) -> None:
    facts = extract_facts(question, bot.context.vocab)
    for key, value in expected.items():
        got = getattr(facts, key) if hasattr(facts, key) else facts.flag(key)  # a yes/no fact: by name
        if key == "amounts":
            assert {k: got.get(k) for k in value} == value
        else:
            assert got == value, key


AWARDS: list[tuple[str, list[tuple[str, str | None, int | None]]]] = [
    ("我们获评了国家级工业互联网平台", [("industrial_internet_platform", "national", None)]),
    (
        "一家评上省五星级工业信息安全防护企业，另一家评上省三星级",
        [("infosec_star", "provincial", 5), ("infosec_star", "provincial", 3)],
    ),
    (
        "同一个工业互联网平台，既评上国家级工业互联网平台，又入选了国家级工业互联网试点示范",
        [("industrial_internet_platform", "national", None), ("pilot_demonstration", "national", None)],
    ),
    (
        "2023年获评国家级产业链协作平台，同年还有一个工业APP通过了省级认定",
        [("industry_chain_platform", "national", None), ("industrial_app", "provincial", None)],
    ),
    ("我们拿的是泰州市级的工业互联网典型案例", [("pilot_demonstration", "taizhou", None)]),
]


@pytest.mark.parametrize(("question", "expected"), AWARDS)
def test_awards_levels_and_stars(
    bot: Assistant, question: str, expected: list[tuple[str, str | None, int | None]]
) -> None:
    facts = extract_facts(question, bot.context.vocab)
    assert [(a.rule_id, a.level, a.star) for a in facts.awards] == expected


def test_loan_platform_is_not_a_taizhou_level(bot: Assistant) -> None:
    facts = extract_facts("款是通过泰州市产融综合服务平台贷的", bot.context.vocab)
    assert facts.levels == []
    assert facts.flag("loan_via_platform") is True


def test_a_figure_after_a_listed_software_spending_is_software(bot: Assistant) -> None:
    facts = extract_facts("贷款2500万，信息系统、公私有云那些只投了300万", bot.context.vocab)
    assert facts.amounts["software_investment_yuan"] == 3_000_000
    assert "investment_yuan" not in facts.amounts


def test_a_plain_investment_stays_investment(bot: Assistant) -> None:
    facts = extract_facts("车间用了物联网，今年投了600万", bot.context.vocab)
    assert facts.amounts == {"investment_yuan": 6_000_000}


def test_denied_advanced_technology_is_false(bot: Assistant) -> None:
    facts = extract_facts("投入400万买的是普通机床，没有用云计算和区块链", bot.context.vocab)
    assert facts.flag("advanced_tech") is False
