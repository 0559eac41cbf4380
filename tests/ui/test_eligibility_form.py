"""eligibility_form.py: form values ⇄ CalcRequest, built from the real rule book; calc_table on real results."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.errors import AssistantError
from assistant.settings import Settings
from tools.award_calculator import calculate
from tools.rulebook import RuleBook
from ui import calc_table
from ui.eligibility_form import NO, UNKNOWN, YES, EligibilityForm


@pytest.fixture(scope="module")
def book() -> RuleBook:
    return RuleBook.load(Settings(_env_file=None).corpus_dir)  # type: ignore[call-arg]


@pytest.fixture
def form(book: RuleBook, settings: Settings) -> EligibilityForm:
    return EligibilityForm(book, settings)


def filled(form: EligibilityForm, **over: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": "泰兴某智能装备有限公司",
        "as_of": "2024-06-30",
        "registered_locally": YES,
        "pays_tax_locally": YES,
        "independent_legal_person": YES,
        "newly_introduced": NO,
        "year": 2024,
        "local_tax_paid_yuan": "60",
        "exclusions": [],
        "base_investment:investment_yuan": "800",
        "bool:advanced_tech": YES,
    }
    section = next(s for s, cs in form.groups.items() if any(c.award == "infosec_star" for c in cs))
    values[f"group:{section}"] = ["星级工业信息安全防护企业（五星级）"]
    values.update(over)
    return values


def test_every_rule_of_the_book_can_be_claimed_from_the_form(form: EligibilityForm, book: RuleBook) -> None:
    reachable = {r.id for r in form.fact_rules} | {c.award for cs in form.groups.values() for c in cs}
    assert reachable == {r.id for r in book.rules}


def test_choices_cover_each_level_star_and_field(form: EligibilityForm) -> None:
    labels = set(form.choice_by_label)
    for expected in (
        "星级工业信息安全防护企业（五星级）",
        "星级工业信息安全防护企业（三星级）",
        "融合发展试点示范（国家级）",
        "融合发展试点示范（泰州市级）",
        "智能制造示范工厂（省级）",
        "首台（套）重大装备（智能制造领域）",
        "DCMM认证奖励",
    ):
        assert expected in labels


def test_values_become_a_calc_request_in_integer_yuan(form: EligibilityForm) -> None:
    req = form.request_from_values(filled(form))
    ent = req.enterprise
    assert (ent.registered_locally, ent.pays_tax_locally, ent.newly_introduced) == (True, True, False)
    assert ent.local_tax_paid_yuan == 600_000
    claims = {c.award: c for c in req.claims}
    assert claims["base_investment"].investment_yuan == 8_000_000
    assert claims["base_investment"].advanced_tech is True
    assert (claims["infosec_star"].star, claims["infosec_star"].level) == (5, "provincial")
    assert all(c.year == 2024 for c in req.claims)
    assert req.as_of.isoformat() == "2024-06-30"


@pytest.mark.parametrize(
    ("typed", "yuan"), [("800", 8_000_000), ("800万", 8_000_000), ("0.08亿", 8_000_000), ("12.5", 125_000)]
)
def test_amounts_accept_wan_or_written_units(form: EligibilityForm, typed: str, yuan: int) -> None:
    req = form.request_from_values(filled(form, **{"base_investment:investment_yuan": typed}))
    assert next(c for c in req.claims if c.award == "base_investment").investment_yuan == yuan


def test_unknown_stays_unknown(form: EligibilityForm) -> None:
    req = form.request_from_values(filled(form, registered_locally=UNKNOWN, local_tax_paid_yuan=""))
    assert req.enterprise.registered_locally is None
    assert req.enterprise.local_tax_paid_yuan is None


def test_round_trip_through_a_request(form: EligibilityForm) -> None:
    values = filled(form)
    back = form.values_from_request(form.request_from_values(values))
    for key, value in values.items():
        if key in ("local_tax_paid_yuan", "base_investment:investment_yuan"):
            assert float(back[key]) == float(value)
        else:
            assert back[key] == value, key


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"base_investment:investment_yuan": "很多"}, "当年相关投入（万元）：无法识别的金额"),
        ({"local_tax_paid_yuan": "-5"}, "该年度对地方税收总额：金额不能为负数"),
        ({"as_of": "2024/13/01"}, "不是有效日期"),
    ],
)
def test_bad_input_names_the_field(form: EligibilityForm, over: dict[str, Any], message: str) -> None:
    with pytest.raises(AssistantError, match=message):
        form.request_from_values(filled(form, **over))


def test_nothing_claimed_is_a_clear_message(form: EligibilityForm) -> None:
    empty = {k: v for k, v in filled(form).items() if not k.startswith(("group:", "base_investment:"))}
    with pytest.raises(AssistantError, match="至少填写一项"):
        form.compute(empty)


def test_result_table_total_and_exports(form: EligibilityForm, book: RuleBook) -> None:
    result = calculate(form.request_from_values(filled(form)), book).to_dict()
    table = calc_table.table_from_result(result)
    assert [row[0] for row in table.rows] == ["基础投入奖补", "星级工业信息安全防护企业（省级、五星级）"]
    assert table.rows[0][1:] == ["（一）推动基础投入", table.rows[0][2], "最高 40万元", "市工信局"]
    assert "800万元" in table.rows[0][2]
    assert table.rows[1][3] == "15万元"
    assert table.total == "最高 55万元"
    assert any(p.startswith("就高不重复") for p in table.principles)
    csv_text = calc_table.to_csv(table)
    assert csv_text.splitlines()[0] == "项目,条款,条件,金额或上限,责任部门"
    assert "合计,,,最高 55万元," in csv_text
    md = calc_table.to_markdown(table, "某公司奖补测算结果")
    assert md.startswith("# 某公司奖补测算结果") and "| 基础投入奖补 | （一）推动基础投入 |" in md


def test_an_excluded_enterprise_gets_nothing_and_says_why(form: EligibilityForm, book: RuleBook) -> None:
    result = calculate(
        form.request_from_values(filled(form, exclusions=["serious_dishonesty"])), book
    ).to_dict()
    table = calc_table.table_from_result(result)
    assert all(row[3] == "不符合条件" for row in table.rows)
    assert "严重失信" in " ".join(row[2] for row in table.rows) + " ".join(table.principles)


def test_html_table_escapes_every_cell() -> None:
    table = calc_table.CalcTable(
        rows=[["<b>项目</b>", "条款", "<img src=x onerror=alert(1)>", "15万元", "市工信局"]]
    )
    out = calc_table.to_html(table)
    assert "<b>" not in out and "<img" not in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out
    assert out.count("<tr>") == 2 and 'data-label="金额或上限">15万元</td>' in out
    assert calc_table.to_html(calc_table.CalcTable()) == ""
