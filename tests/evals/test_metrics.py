"""Metrics arithmetic on crafted results, worked out by hand in the comments."""

from __future__ import annotations

import pytest

from evals.metrics import case_retrieval, flat, percentile, summarise, tool_amounts, ungrounded_amounts

BASE = "附件 › 一、着力企业能级提升 › （一）推动基础投入"
PLATFORM = "附件 › 三、加快协同生态营造 › （七）支持平台建设"
APP = "附件 › 二、强化示范标杆引领 › （六）鼓励应用开发"
OTHER = "附件 › 二、强化示范标杆引领 › （四）支持标杆引领"
PRINCIPLES = "附件 › 五、附则 › （二）相关原则"


def _search(*paths: str) -> dict:
    return {"name": "policy_search", "input": {"query": "q"},
            "output": [{"path": p, "doc": "d", "text": "t", "score": 1.0, "clause_id": str(i)} for i, p in enumerate(paths)]}  # fmt: skip


def _calc(output: object) -> dict:
    return {"name": "award_calculator", "input": {}, "output": output}


@pytest.fixture
def run(case_factory, answer_factory, result_factory):
    """Five cases: two calc (one passing), one lookup failing on citation, one refuse passing, one error."""
    c1 = case_factory(
        {"kind": "answer", "cite_any": ["推动基础投入"], "amounts_yuan": [400000]},
        "calc-ok",
        "calc",
        ["投入800万元能补多少？"],
    )
    a1 = answer_factory(
        "800万元×5%=40万元。",
        paths=[BASE, OTHER],
        quotes=["按5%给予奖补，单个企业最高50万元", ""],
        tool_calls=[_search(OTHER, BASE, PLATFORM), _calc({"award_yuan": 400000, "cap_wan": 50})],
    )
    c2 = case_factory(
        {"kind": "answer", "cite_any": ["支持平台建设", "鼓励应用开发"], "amounts_yuan": [1020000]},
        "calc-bad",
        "calc",
    )
    a2 = answer_factory(
        "合计120万元，另有奖励8万元。",
        paths=[OTHER, PLATFORM, APP],
        tool_calls=[_search(OTHER, OTHER, PLATFORM, PRINCIPLES, BASE, APP)],
    )
    c3 = case_factory({"kind": "answer", "cite_any": ["相关原则"]}, "lookup-bad", "lookup")
    a3 = answer_factory("请咨询。", kind="clarify", paths=[OTHER])
    c4 = case_factory({"kind": "refuse"}, "oos-ok", "out-of-scope")
    a4 = answer_factory("不在本政策范围内。", kind="refuse")
    c5 = case_factory({"kind": ["clarify", "answer"], "cite_any": ["推动基础投入"]}, "clarify-err", "clarify")
    return [
        result_factory(c1, a1, latency_ms=100.0),
        result_factory(c2, a2, latency_ms=200.0),
        result_factory(c3, a3, latency_ms=300.0),
        result_factory(c4, a4, latency_ms=400.0),
        result_factory(c5, None, latency_ms=1000.0, error="RuntimeError: boom"),
    ]  # fmt: skip


def test_pass_rates(run) -> None:
    m = summarise(run)
    assert (m["cases"], m["passed"], m["pass_rate"], m["errors"]) == (5, 2, 0.4, 1)
    assert m["by_category"] == {
        "calc": {"cases": 2, "passed": 1, "pass_rate": 0.5},
        "clarify": {"cases": 1, "passed": 0, "pass_rate": 0.0},
        "lookup": {"cases": 1, "passed": 0, "pass_rate": 0.0},
        "out-of-scope": {"cases": 1, "passed": 1, "pass_rate": 1.0},
    }
    # kind: calc-ok, calc-bad, oos-ok pass; lookup-bad (clarify) fails; the error case has no kind check.
    assert m["by_expectation"]["kind"] == {"checks": 4, "passed": 3, "pass_rate": 0.75}
    # cite_any: calc-ok (BASE first), calc-bad (PLATFORM second) pass; lookup-bad fails.
    assert m["by_expectation"]["cite_any"] == {"checks": 3, "passed": 2, "pass_rate": 0.6667}
    assert m["by_expectation"]["amounts_yuan"] == {"checks": 2, "passed": 1, "pass_rate": 0.5}
    assert m["by_expectation"]["answered"] == {"checks": 1, "passed": 0, "pass_rate": 0.0}


def test_retrieval_from_search_hits_else_citations(run) -> None:
    per_case = [case_retrieval(r) for r in run]
    # calc-ok: hits OTHER, BASE, PLATFORM → rank 2.
    assert per_case[0] == {
        "source": "policy_search",
        "rank": 2,
        "rr": 0.5,
        "recall@1": 0.0,
        "recall@3": 1.0,
        "recall@5": 1.0,
    }
    # calc-bad: hits deduplicated OTHER, PLATFORM, PRINCIPLES, BASE, APP → PLATFORM at 2, APP at 5.
    assert per_case[1] == {
        "source": "policy_search",
        "rank": 2,
        "rr": 0.5,
        "recall@1": 0.0,
        "recall@3": 0.5,
        "recall@5": 1.0,
    }
    # lookup-bad: no search call, citations [OTHER] → not found.
    assert per_case[2] == {
        "source": "citations",
        "rank": None,
        "rr": 0.0,
        "recall@1": 0.0,
        "recall@3": 0.0,
        "recall@5": 0.0,
    }
    assert per_case[3] is None and per_case[4] is None  # no cite_any; no answer
    r = summarise(run)["retrieval"]
    assert r["cases"] == 3 and r["source"] == {"policy_search": 2, "citations": 1}
    assert (r["recall@1"], r["recall@3"], r["recall@5"], r["mrr"]) == (0.0, 0.5, 0.6667, 0.3333)


def test_citation_precision_amounts_and_kinds(run) -> None:
    m = summarise(run)
    # calc-ok: BASE ✓, OTHER ✗; calc-bad: OTHER ✗, PLATFORM ✓, APP ✓; lookup-bad: OTHER ✗ → 3/6.
    assert m["citation_precision"] == {"citations": 6, "relevant": 3, "rate": 0.5}
    assert m["amount_exact_match"] == {"cases": 2, "passed": 1, "rate": 0.5}
    # clarify accepted only by the error case (no answer → not correct); lookup-bad clarified unasked.
    assert m["clarify_accuracy"] == {"cases": 1, "passed": 0, "rate": 0.0, "unwanted": 1}
    assert m["refuse_accuracy"] == {"cases": 1, "passed": 1, "rate": 1.0, "unwanted": 0}


def test_grounding(run) -> None:
    # calc-ok: 800万元 from the question, 40万元 from the calculator → grounded.
    # calc-bad: 120万元 and 8万元 in no quote and no calculator output → not grounded.
    # lookup-bad and oos-ok state no amount → grounded. The error case is not an answer.
    assert [ungrounded_amounts(r) for r in run[:4]] == [[], ["120万元", "8万元"], [], []]
    assert summarise(run)["grounding"] == {"answers": 4, "grounded": 3, "rate": 0.75}


def test_grounding_by_quote_and_wan_fields(case_factory, answer_factory, result_factory) -> None:
    case = case_factory({"kind": "answer"})
    quoted = answer_factory("最高50万元", paths=[BASE], quotes=["单个企业最高奖补50万元"])
    by_wan = answer_factory("最高50万元", tool_calls=[_calc({"cap_wan": 50})])
    by_text = answer_factory("最高50万元", tool_calls=[_calc({"lines": ["封顶 50万元"]})])
    search_only = answer_factory("最高50万元", tool_calls=[_search(BASE)])
    results = [result_factory(case, a) for a in (quoted, by_wan, by_text, search_only)]
    assert [ungrounded_amounts(r) for r in results] == [[], [], [], ["50万元"]]


def test_latency_percentiles(run) -> None:
    lat = summarise(run)["latency_ms"]
    # 100, 200, 300, 400, 1000: p50 = 300; p95 at rank 3.8 → 400 + 0.8 × 600 = 880.
    assert (lat["p50"], lat["p95"], lat["max"]) == (300.0, 880.0, 1000.0)
    assert lat["engine_p50"] == 10.0


@pytest.mark.parametrize(
    ("values", "p", "expected"),
    [
        ([], 0.5, None),
        ([5.0], 0.95, 5.0),
        ([1.0, 2.0], 0.5, 1.5),
        ([3.0, 1.0, 2.0], 0.5, 2.0),
        ([0, 10], 0.95, 9.5),
    ],
)
def test_percentile(values, p, expected) -> None:
    assert percentile(values, p) == expected


def test_empty_run_has_no_rates() -> None:
    m = summarise([])
    assert m["pass_rate"] is None and m["retrieval"]["mrr"] is None and m["grounding"]["rate"] is None
    assert m["latency_ms"]["p50"] is None


@pytest.mark.parametrize(
    ("output", "amounts"),
    [
        ({"award_yuan": 400000, "eligible": True}, {400000}),
        ({"cap_wan": 50, "rate": 0.05}, {500000, 0}),
        ({"lines": ["800万×5%=40万元"], "n": None}, {8000000, 400000}),
        ([{"amount": 1}, {"amount": float("nan")}], {1}),
        ("最高100万元", {1000000}),
    ],
)
def test_tool_amounts(output, amounts) -> None:
    assert tool_amounts(output) == amounts


def test_flat() -> None:
    assert flat({"a": 1, "b": {"c": 0.5, "d": None, "e": True, "f": {"g": 2}}}) == {
        "a": 1,
        "b.c": 0.5,
        "b.f.g": 2,
    }
