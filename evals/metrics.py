"""Numbers over a run: pass rates, retrieval quality, citation precision, grounding, latency.

Every rate comes with its numerator and denominator so a reader can tell 1/1 from 180/200; a rate whose
denominator is zero is None ("not measured"), never 0 or 1. The definitions are in evals/README.md.

Example:
    >>> summarise(run_cases(cases, backend))["pass_rate"]  # doctest: +SKIP
    0.83
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from evals.judge import normalise, path_text
from evals.runner import CaseResult
from tools.amounts import find_amounts

RECALL_AT = (1, 3, 5)
SEARCH_TOOL = "policy_search"
CALC_TOOL = "award_calculator"


def rate(passed: int, total: int) -> float | None:
    return round(passed / total, 4) if total else None


def percentile(values: Sequence[float], p: float) -> float | None:
    """Linear interpolation between closest ranks (numpy's default); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * p
    lo, hi = math.floor(pos), math.ceil(pos)
    return round(ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo), 2)


def ranked_paths(answer: Mapping[str, Any]) -> tuple[list[str], str]:
    """Heading paths in retrieval order: the policy_search hits if the answer called it, else its citations."""
    paths: list[str] = []
    for call in answer.get("tool_calls") or []:
        if call.get("name") != SEARCH_TOOL:
            continue
        output = call.get("output")
        hits = output.get("hits", []) if isinstance(output, Mapping) else output or []
        for hit in hits:
            p = path_text(hit.get("path")) if isinstance(hit, Mapping) else ""
            if p and p not in paths:
                paths.append(p)
    if paths:
        return paths, SEARCH_TOOL
    return [path_text(c.get("path")) for c in answer.get("citations") or []], "citations"


def case_retrieval(result: CaseResult) -> dict[str, Any] | None:
    """recall@k and reciprocal rank of the case's expected clauses (its cite_any keywords); None if it has none.

    recall@k is the share of the keywords found in a path among the first k; the reciprocal rank is 1/rank of
    the first path holding any keyword.
    """
    keywords = [normalise(k) for k in result.case.expect.cite_any]
    if not keywords or result.answer is None:
        return None
    paths, source = ranked_paths(result.answer)
    folded = [normalise(p) for p in paths]
    first = next((i + 1 for i, p in enumerate(folded) if any(k in p for k in keywords)), None)
    out: dict[str, Any] = {"source": source, "rank": first, "rr": 1 / first if first else 0.0}
    for k in RECALL_AT:
        found = sum(1 for kw in keywords if any(kw in p for p in folded[:k]))
        out[f"recall@{k}"] = found / len(keywords)
    return out


def tool_amounts(value: Any, key: str = "") -> set[int]:
    """Every amount in a calculator output: numbers (``*_wan`` fields are in 万元) and amounts written in text."""
    found: set[int] = set()
    if isinstance(value, bool) or value is None:
        return found
    if isinstance(value, int | float):
        if math.isfinite(value) and value >= 0:
            found.add(round(value * (10_000 if key.endswith("wan") else 1)))
    elif isinstance(value, str):
        found.update(m.yuan for m in find_amounts(value))
    elif isinstance(value, Mapping):
        for k, v in value.items():
            found |= tool_amounts(v, str(k))
    elif isinstance(value, list | tuple):
        for v in value:
            found |= tool_amounts(v, key)
    return found


def ungrounded_amounts(result: CaseResult) -> list[str]:
    """Amounts the answer states that appear in no citation quote, no calculator output and no user turn."""
    answer = result.answer or {}
    sources: set[int] = set()
    for c in answer.get("citations") or []:
        sources.update(m.yuan for m in find_amounts(str(c.get("quote") or "")))
    for call in answer.get("tool_calls") or []:
        if call.get("name") == CALC_TOOL:
            sources |= tool_amounts(call.get("output"))
    for turn in result.case.turns:  # repeating the user's own figure is not making one up
        sources.update(m.yuan for m in find_amounts(turn))
    return [m.raw for m in find_amounts(str(answer.get("answer") or "")) if m.yuan not in sources]


def _kind_accuracy(results: Iterable[CaseResult], kind: str) -> dict[str, Any]:
    expected = [r for r in results if kind in r.case.expect.kind]
    ok = sum(1 for r in expected if r.answer and r.answer.get("kind") in r.case.expect.kind)
    unwanted = sum(
        1 for r in results if r.answer and r.answer.get("kind") == kind and kind not in r.case.expect.kind
    )
    return {"cases": len(expected), "passed": ok, "rate": rate(ok, len(expected)), "unwanted": unwanted}


def summarise(results: Sequence[CaseResult]) -> dict[str, Any]:
    """Every metric of a run, as plain JSON-ready values."""
    n, passed = len(results), sum(r.passed for r in results)
    by_cat: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_exp: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in results:
        by_cat[r.case.category][0] += 1
        by_cat[r.case.category][1] += r.passed
        for check in r.verdict.checks:
            by_exp[check.expectation][0] += 1
            by_exp[check.expectation][1] += check.passed

    retrieval = [x for r in results if (x := case_retrieval(r)) is not None]
    sources: dict[str, int] = defaultdict(int)
    for x in retrieval:
        sources[x["source"]] += 1
    retrieval_summary: dict[str, Any] = {"cases": len(retrieval), "source": dict(sources)}
    for k in RECALL_AT:
        retrieval_summary[f"recall@{k}"] = _mean(x[f"recall@{k}"] for x in retrieval)
    retrieval_summary["mrr"] = _mean(x["rr"] for x in retrieval)

    cited, relevant = 0, 0
    for r in results:
        keywords = [normalise(k) for k in r.case.expect.cite_any]
        if not keywords or r.answer is None:
            continue
        for c in r.answer.get("citations") or []:
            cited += 1
            relevant += any(k in normalise(path_text(c.get("path"))) for k in keywords)

    with_amounts = [r for r in results if r.case.expect.amounts_yuan]
    amounts_ok = sum(1 for r in with_amounts if _check_passed(r, "amounts_yuan"))
    answered = [r for r in results if r.answer is not None]
    grounded = sum(1 for r in answered if not ungrounded_amounts(r))
    latencies = [r.latency_ms for r in results]
    engine_ms = [
        float(a["elapsed_ms"])
        for r in answered
        if isinstance((a := r.answer or {}).get("elapsed_ms"), int | float)
    ]

    return {
        "cases": n,
        "passed": passed,
        "pass_rate": rate(passed, n),
        "errors": sum(1 for r in results if r.answer is None),
        "by_category": {c: {"cases": t, "passed": p, "pass_rate": rate(p, t)} for c, (t, p) in sorted(by_cat.items())},
        "by_expectation": {e: {"checks": t, "passed": p, "pass_rate": rate(p, t)} for e, (t, p) in sorted(by_exp.items())},
        "retrieval": retrieval_summary,
        "citation_precision": {"citations": cited, "relevant": relevant, "rate": rate(relevant, cited)},
        "amount_exact_match": {"cases": len(with_amounts), "passed": amounts_ok, "rate": rate(amounts_ok, len(with_amounts))},
        "clarify_accuracy": _kind_accuracy(results, "clarify"),
        "refuse_accuracy": _kind_accuracy(results, "refuse"),
        "grounding": {"answers": len(answered), "grounded": grounded, "rate": rate(grounded, len(answered))},
        "latency_ms": {
            "p50": percentile(latencies, 0.5),
            "p95": percentile(latencies, 0.95),
            "max": round(max(latencies), 2) if latencies else None,
            "engine_p50": percentile(engine_ms, 0.5),
            "engine_p95": percentile(engine_ms, 0.95),
        },
    }  # fmt: skip


def _check_passed(result: CaseResult, expectation: str) -> bool:
    return any(c.expectation == expectation and c.passed for c in result.verdict.checks)


def _mean(values: Iterable[float]) -> float | None:
    vs = list(values)
    return round(sum(vs) / len(vs), 4) if vs else None


def flat(metrics: Mapping[str, Any], prefix: str = "") -> dict[str, float]:
    """The rates and latencies of a summary as one level of ``a.b.c → number``, for comparing two runs."""
    out: dict[str, float] = {}
    for key, value in metrics.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(flat(value, name + "."))
        elif isinstance(value, int | float) and not isinstance(value, bool):
            out[name] = value
    return out
