"""The judge on crafted answers: every expectation type, passing and failing, with the reason it gives."""

from __future__ import annotations

from typing import Any

import pytest

from evals.judge import judge, judged_amounts

BASE = "附件 › 一、着力企业能级提升 › （一）推动基础投入"
PLATFORM = "附件 › 三、加快协同生态营造 › （七）支持平台建设"
OTHER = "附件 › 二、强化示范标杆引领 › （四）支持标杆引领"
PLAN = "三年行动计划 › 一、总体要求 › （三）主要目标"

# (expect, answer text, kind, citation paths, expected {expectation: passed}, a fragment of a failure reason)
TABLE: list[tuple[str, dict[str, Any], str, str, list[str], dict[str, bool], str]] = [
    # kind
    ("kind-ok", {"kind": "answer"}, "x", "answer", [], {"kind": True}, ""),
    ("kind-wrong", {"kind": "answer"}, "x", "clarify", [], {"kind": False}, "expected 'answer'"),
    ("kind-list-first", {"kind": ["clarify", "answer"]}, "x", "clarify", [], {"kind": True}, ""),
    ("kind-list-second", {"kind": ["clarify", "answer"]}, "x", "answer", [], {"kind": True}, ""),
    ("kind-list-miss", {"kind": ["clarify", "answer"]}, "x", "refuse", [], {"kind": False}, "'clarify' or 'answer'"),
    ("refuse-ok", {"kind": "refuse"}, "不在本政策范围内", "refuse", [], {"kind": True}, ""),
    # amounts in every judged form
    ("wan-yuan", {"kind": "answer", "amounts_yuan": [400000]}, "可获40万元。", "answer", [], {"amounts_yuan": True}, ""),
    ("yuan-commas", {"kind": "answer", "amounts_yuan": [400000]}, "合计400,000元", "answer", [], {"amounts_yuan": True}, ""),
    ("yuan-plain", {"kind": "answer", "amounts_yuan": [80000]}, "最高80000元", "answer", [], {"amounts_yuan": True}, ""),
    ("baiwan", {"kind": "answer", "amounts_yuan": [400000]}, "即0.4 百万元", "answer", [], {"amounts_yuan": True}, ""),
    ("qianwan", {"kind": "answer", "amounts_yuan": [12000000]}, "约1.2千万元", "answer", [], {"amounts_yuan": True}, ""),
    ("yi", {"kind": "answer", "amounts_yuan": [150000000]}, "1.5亿元", "answer", [], {"amounts_yuan": True}, ""),
    ("decimal-wan", {"kind": "answer", "amounts_yuan": [125000]}, "12.5万元", "answer", [], {"amounts_yuan": True}, ""),
    ("spaced", {"kind": "answer", "amounts_yuan": [500000]}, "最高 50 万元", "answer", [], {"amounts_yuan": True}, ""),
    ("full-width", {"kind": "answer", "amounts_yuan": [1020000]}, "合计１０２万元", "answer", [], {"amounts_yuan": True}, ""),
    ("full-width-space", {"kind": "answer", "amounts_yuan": [500000]}, "５０\u3000万元", "answer", [], {"amounts_yuan": True}, ""),
    ("several", {"kind": "answer", "amounts_yuan": [1000000, 20000, 1020000]},
     "100万元+2万元=102万元", "answer", [], {"amounts_yuan": True}, ""),
    ("one-missing", {"kind": "answer", "amounts_yuan": [150000, 50000]}, "五星级15万元", "answer", [],
     {"amounts_yuan": False}, "missing 5万元"),
    ("none-stated", {"kind": "answer", "amounts_yuan": [400000]}, "请咨询市工信局", "answer", [],
     {"amounts_yuan": False}, "amounts stated: none"),
    ("wrong-value", {"kind": "answer", "amounts_yuan": [500000]}, "可获150万元", "answer", [],
     {"amounts_yuan": False}, "amounts stated: 150万元"),
    # forms the outside judge does not read: no 元, Chinese numerals, 个亿, w
    ("no-yuan", {"kind": "answer", "amounts_yuan": [400000]}, "可获40万", "answer", [], {"amounts_yuan": False}, "missing 40万元"),
    ("cn-numeral", {"kind": "answer", "amounts_yuan": [400000]}, "四十万元", "answer", [], {"amounts_yuan": False}, ""),
    ("ge-yi", {"kind": "answer", "amounts_yuan": [200000000]}, "2个亿", "answer", [], {"amounts_yuan": False}, ""),
    ("w", {"kind": "answer", "amounts_yuan": [3000000]}, "300w", "answer", [], {"amounts_yuan": False}, ""),
    ("percent-not-money", {"kind": "answer", "amounts_yuan": [50000]}, "按5%计算", "answer", [], {"amounts_yuan": False}, ""),
    ("year-not-money", {"kind": "answer", "amounts_yuan": [2023]}, "2023年投入", "answer", [], {"amounts_yuan": False}, ""),
    # facts, folded
    ("fact-ok", {"kind": "answer", "facts_all": ["就高不重复"]}, "同一项目就高不重复。", "answer", [], {"facts_all": True}, ""),
    ("fact-fullwidth", {"kind": "answer", "facts_all": ["90%", "80%"]}, "达９０％，超过８０％", "answer", [],
     {"facts_all": True}, ""),
    ("fact-spaces", {"kind": "answer", "facts_all": ["市工信局"]}, "请联系 市 工信局", "answer", [], {"facts_all": True}, ""),
    ("fact-fact-spaces", {"kind": "answer", "facts_all": ["12 个"]}, "标杆工厂12个", "answer", [], {"facts_all": True}, ""),
    ("fact-parens", {"kind": "answer", "facts_all": ["(街道)"]}, "各乡镇（街道）", "answer", [], {"facts_all": True}, ""),
    ("fact-missing", {"kind": "answer", "facts_all": ["失信", "追回"]}, "纳入失信管理", "answer", [],
     {"facts_all": False}, "missing '追回'"),
    ("fact-case-sensitive", {"kind": "answer", "facts_all": ["DCMM"]}, "dcmm认证", "answer", [], {"facts_all": False}, ""),
    # not_amounts in any form
    ("not-absent", {"kind": "answer", "not_amounts_yuan": [125000]}, "250万不足300万元门槛，不符合。", "answer", [],
     {"not_amounts_yuan": True}, ""),
    ("not-wan-yuan", {"kind": "answer", "not_amounts_yuan": [125000]}, "可得12.5万元", "answer", [],
     {"not_amounts_yuan": False}, "12.5万元"),
    ("not-wan-bare", {"kind": "answer", "not_amounts_yuan": [125000]}, "可得12.5万", "answer", [],
     {"not_amounts_yuan": False}, "125,000元"),
    ("not-cn", {"kind": "answer", "not_amounts_yuan": [125000]}, "十二万五千元", "answer", [],
     {"not_amounts_yuan": False}, ""),
    ("not-yuan", {"kind": "answer", "not_amounts_yuan": [1500000]}, "3000万×5%=1,500,000元", "answer", [],
     {"not_amounts_yuan": False}, ""),
    ("not-fullwidth", {"kind": "answer", "not_amounts_yuan": [2000000]}, "２００万元", "answer", [],
     {"not_amounts_yuan": False}, ""),
    # cite_any: only the first three citations count
    ("cite-first", {"kind": "answer", "cite_any": ["推动基础投入"]}, "x", "answer", [BASE], {"cite_any": True}, ""),
    ("cite-third", {"kind": "answer", "cite_any": ["推动基础投入"]}, "x", "answer", [OTHER, PLAN, BASE],
     {"cite_any": True}, "citation 3"),
    ("cite-fourth", {"kind": "answer", "cite_any": ["推动基础投入"]}, "x", "answer", [OTHER, PLAN, PLATFORM, BASE],
     {"cite_any": False}, "none of the first 3"),
    ("cite-any-second-keyword", {"kind": "answer", "cite_any": ["支持平台建设", "鼓励应用开发"]}, "x", "answer",
     [PLATFORM], {"cite_any": True}, ""),
    ("cite-none", {"kind": "answer", "cite_any": ["推动基础投入"]}, "x", "answer", [], {"cite_any": False}, "no citations"),
    ("cite-fold", {"kind": "answer", "cite_any": ["(一)推动基础投入"]}, "x", "answer", [BASE], {"cite_any": True}, ""),
    ("cite-wrong", {"kind": "answer", "cite_any": ["主要目标"]}, "x", "answer", [BASE], {"cite_any": False}, "推动基础投入"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("expect", "text", "kind", "paths", "outcome", "reason"),
    [pytest.param(*row[1:], id=row[0]) for row in TABLE],
)
def test_judge_table(
    answer_factory, case_factory, expect, text, kind, paths, outcome: dict[str, bool], reason: str
) -> None:
    verdict = judge(case_factory(expect), answer_factory(text, kind=kind, paths=paths))
    got = {c.expectation: c.passed for c in verdict.checks}
    for expectation, passed in outcome.items():
        assert got[expectation] is passed, verdict.checks
    assert verdict.passed is all(got.values())
    if reason:
        relevant = [c.reason for c in verdict.checks if c.expectation in outcome]
        assert any(reason in r for r in relevant), relevant


def test_unset_expectations_are_not_checked(answer_factory, case_factory) -> None:
    verdict = judge(case_factory({"kind": "answer"}), answer_factory("随便什么 12.5万元"))
    assert [c.expectation for c in verdict.checks] == ["kind"]


def test_a_case_passes_only_when_every_check_passes(answer_factory, case_factory) -> None:
    case = case_factory(
        {"kind": "answer", "cite_any": ["推动基础投入"], "amounts_yuan": [400000], "facts_all": ["5%"]}
    )
    good = answer_factory("800万元×5%=40万元", paths=[BASE])
    assert judge(case, good).passed
    no_cite = answer_factory("800万元×5%=40万元", paths=[OTHER])
    verdict = judge(case, no_cite)
    assert not verdict.passed
    assert [c.expectation for c in verdict.failures] == ["cite_any"]


def test_citation_path_as_list_of_headings(case_factory) -> None:
    answer = {
        "kind": "answer",
        "answer": "",
        "citations": [{"path": ["附件", "一、着力企业能级提升", "（一）推动基础投入"]}],
    }
    assert judge(case_factory({"kind": "answer", "cite_any": ["推动基础投入"]}), answer).passed


def test_no_answer_is_one_failing_check_with_the_error(case_factory) -> None:
    verdict = judge(case_factory({"kind": "answer", "amounts_yuan": [1]}), None, "IndexNotBuilt: run index")
    assert not verdict.passed
    assert [(c.expectation, c.reason) for c in verdict.checks] == [
        ("answered", "no answer: IndexNotBuilt: run index")
    ]


def test_multi_turn_grades_the_last_turn_only(answer_factory, case_factory) -> None:
    # The runner passes only the last answer; the judge must not look at earlier turns for amounts.
    case = case_factory(
        {"kind": "answer", "amounts_yuan": [500000]}, turns=["国家级平台多少？100万元吗", "省级呢？"]
    )
    assert not judge(case, answer_factory("最高100万元")).passed
    assert judge(case, answer_factory("省级最高50万元")).passed


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        ("40万元、400,000元、0.4 百万元", {400000}),
        ("1.2千万元和0.04亿元", {12000000, 4000000}),
        ("40万 四十万元 2个亿 300w 5块", set()),
        ("２０２３年投入８００万元，年利率４．２％", {8000000}),
    ],
)
def test_judged_amounts(text: str, amounts: set[int]) -> None:
    assert judged_amounts(text) == amounts
