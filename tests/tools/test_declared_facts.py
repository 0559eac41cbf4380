"""Facts declared in rules.yaml: the calculator's input is generated from them, so a new fact, its conditions and
another document's place work without code changes; facts no declaration names are rejected by the loader."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from langchain_core.utils.function_calling import convert_to_openai_tool

from assistant.errors import BadClaim, CorpusError
from assistant.settings import PROJECT_ROOT
from tests.tools.conftest import Edit
from tools.award_calculator import calculate
from tools.calc_schema import fact, parse_request
from tools.calculator_tool import make_calculator_tool
from tools.rulebook import RuleBook
from tools.rules_reader import place_names

TODAY = date(2024, 6, 1)

# A fact no code knows of: a yes/no condition and an amount threshold added to the DCMM award.
NEW_FACTS = """facts:
  green_certified:
    scope: claim
    type: bool
    label: 是否通过绿色工厂认定
    question: 企业是否已通过绿色工厂认定？
    says: [绿色工厂]
  green_spending_yuan: {scope: claim, type: yuan, label: 绿色化改造投入, question: 绿色化改造投入是多少？}
"""
DCMM_CONDITIONS = """    amount: {kind: ceiling, yuan: 300000}

  - id: infosec_star"""
DCMM_WITH_CONDITIONS = """    conditions:
      - fact: green_certified
        text: 通过绿色工厂认定
      - fact: green_spending_yuan
        text: 绿色化改造投入不低于100万元
        at_least_yuan: 1000000
        inclusive: true
        word: 不低于
    amount: {kind: ceiling, yuan: 300000}

  - id: infosec_star"""


@pytest.fixture
def green_book(corpus_copy: Path, edit_doc: Edit) -> RuleBook:
    edit_doc("rules.yaml", "facts:\n", NEW_FACTS)
    edit_doc("rules.yaml", DCMM_CONDITIONS, DCMM_WITH_CONDITIONS)
    return RuleBook.load(corpus_copy)


def _dcmm(book: RuleBook, **facts: object) -> dict:
    return calculate({"claims": [{"award": "dcmm", **facts}]}, book, today=TODAY).to_dict()["claims"][0]


def test_a_new_fact_becomes_a_field_of_the_input_and_of_the_tool_schema(green_book: RuleBook) -> None:
    assert {"green_certified", "green_spending_yuan"} <= set(green_book.models.claim.model_fields)
    spec = convert_to_openai_tool(make_calculator_tool(green_book))["function"]["parameters"]
    claim = spec["properties"]["claims"]["items"]["properties"]  # what an LLM sees, references inlined
    assert claim["green_certified"]["description"] == "是否通过绿色工厂认定"
    req = parse_request({"claims": [{"award": "dcmm", "green_spending_yuan": "150万"}]}, green_book.models)
    assert (
        fact(req.claims[0], "green_spending_yuan") == 1_500_000
    )  # the declared type parses 万 like any amount
    with pytest.raises(BadClaim, match="green_certified"):
        parse_request({"claims": [{"award": "dcmm", "green_certified": "maybe"}]}, green_book.models)


def test_a_condition_on_the_new_fact_decides_the_claim(green_book: RuleBook) -> None:
    ok = _dcmm(green_book, green_certified=True, green_spending_yuan="100万")
    assert ok["eligible"] is True and ok["amount_yuan"] == 300_000  # 不低于 includes the boundary
    assert _dcmm(green_book, green_certified=False, green_spending_yuan="200万")["eligible"] is False
    assert _dcmm(green_book, green_certified=True, green_spending_yuan="99万")["eligible"] is False
    unknown = calculate({"claims": [{"award": "dcmm"}]}, green_book, today=TODAY).to_dict()
    questions = {m["name"]: m["question"] for m in unknown["missing"]}
    assert questions["green_certified"] == "企业是否已通过绿色工厂认定？"
    assert questions["green_spending_yuan"] == "绿色化改造投入是多少？"


def test_the_shipped_rules_do_not_accept_the_new_fact() -> None:
    book = RuleBook.load(PROJECT_ROOT / "corpus")
    with pytest.raises(BadClaim, match="claims\\[0\\].green_certified: 未知字段"):
        parse_request({"claims": [{"award": "dcmm", "green_certified": True}]}, book.models)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "- fact: in_project_library",
            "- fact: in_green_library",
            "conditions[0].fact: 事实“in_green_library”未在 facts 中声明",
        ),
        ("base: investment_yuan", "base: capex_yuan", "amount.base: 事实“capex_yuan”未在 facts 中声明"),
        (
            "loan: fixed_asset_loan_yuan",
            "loan: bank_loan_yuan",
            "amount.loan: 事实“bank_loan_yuan”未在 facts 中声明",
        ),
        (
            "- fact: loan_via_platform",
            "- fact: registered_locally",
            "“registered_locally”应为每项申报的是/否事实",
        ),
        (
            "- fact: total_investment_yuan",
            "- fact: loan_via_platform",
            "“loan_via_platform”应为每项申报的金额事实",
        ),
        ("type: percent", "type: money", "facts.interest_rate_percent.type: 未知类型 money"),
        ("scope: enterprise", "scope: company", "facts.registered_locally.scope"),
        ("part_of: total_investment_yuan", "part_of: total_yuan", "facts.fixed_asset_loan_yuan.part_of"),
        ("    principle: scope\n", "    principle: reach\n", "facts.registered_locally.principle"),
        ("    hint: true\n", "    hint: true\n    ask: 是否？\n", "facts.advanced_tech: 未知字段 ask"),
    ],
)
def test_undeclared_or_badly_declared_facts_are_named(
    corpus_copy: Path, edit_doc: Edit, old: str, new: str, expected: str
) -> None:
    path = edit_doc("rules.yaml", old, new)
    with pytest.raises(CorpusError) as info:
        RuleBook.load(corpus_copy)
    assert str(path) in str(info.value) and expected in str(info.value)


def test_two_documents_must_agree_on_a_fact_and_their_words_are_joined() -> None:
    book = RuleBook.load(PROJECT_ROOT / "corpus")
    doc = book.doc("taixing-2022-25")
    spec = doc.facts["registered_locally"]
    other_place = replace(spec, says=("在云溪注册",), denies=("不在云溪",))
    twin = replace(doc, doc_id="yunxi", rules=(), facts={**doc.facts, "registered_locally": other_place})
    joined = RuleBook([doc, twin]).models.specs["registered_locally"]
    assert "在云溪注册" in joined.says and spec.says[0] in joined.says and "不在云溪" in joined.denies
    clash = replace(twin, facts={**doc.facts, "registered_locally": replace(spec, type="text")})
    with pytest.raises(CorpusError, match="facts.registered_locally: 声明为 enterprise/text.*不一致"):
        RuleBook([doc, clash])


def test_place_placeholder_takes_a_fictional_documents_place(corpus_copy: Path, edit_doc: Edit) -> None:
    edit_doc("meta.yaml", "place: 泰兴市", "place: 云溪县")
    edit_doc("meta.yaml", "aliases: [泰兴,", "aliases: [云溪, 泰兴,")
    book = RuleBook.load(corpus_copy)
    spec = book.models.specs["registered_locally"]
    assert spec.label == "是否在云溪县内注册" and spec.question == "企业是否在云溪县内注册？"
    assert any("云溪" in w for w in spec.says) and not any("泰兴市" in w for w in spec.says)
    result = calculate(
        {"enterprise": {"registered_locally": False}, "claims": [{"award": "dcmm"}]}, book, today=TODAY
    ).to_dict()
    assert result["eligible"] is False
    scope = next(p for p in result["principles"] if p["id"] == "scope")
    assert any("不在云溪县内注册" in s for s in scope["steps"])
    same = calculate(
        {"claims": [{"award": "dcmm", "project": "A"}, {"award": "lean_management", "project": "A"}]},
        book,
        today=TODAY,
    ).to_dict()
    highest = next(p for p in same["principles"] if p["id"] == "highest_only")
    assert any("同时符合云溪县其他政策" in s for s in highest["steps"])


def test_place_names() -> None:
    assert place_names("云溪县", ["云溪", "云政发〔2023〕8号", "若干措施"]) == ("云溪县", "云溪")
    assert place_names("江苏省") == ("江苏省", "江苏")
    assert place_names("沙县") == ("沙县",)  # a two-character name keeps its suffix


def test_a_renamed_field_is_named_with_its_new_name() -> None:
    book = RuleBook.load(PROJECT_ROOT / "corpus")
    with pytest.raises(BadClaim) as info:
        parse_request(
            {"enterprise": {"registered_in_taixing": True, "pays_tax_in_taixing": True}}, book.models
        )
    assert "enterprise: registered_in_taixing 已更名为 registered_locally" in str(info.value)
    assert "pays_tax_in_taixing 已更名为 pays_tax_locally" in str(info.value)


def test_a_part_larger_than_its_declared_total_is_refused() -> None:
    book = RuleBook.load(PROJECT_ROOT / "corpus")
    claim = {
        "award": "interest_subsidy",
        "total_investment_yuan": "1000万",
        "software_investment_yuan": "2000万",
    }
    with pytest.raises(BadClaim, match="software_investment_yuan.*大于 total_investment_yuan"):
        parse_request({"claims": [claim]}, book.models)
