"""Rules as code: every case in tests/tools/cases/*.yaml is an input and the output it must give.

A case is ``{name, input, expect}`` or ``{name, input, error}``; ``today`` (default 2024-06-01) stands in for
the date. ``expect`` keys: any top-level field of ``CalcResult.to_dict()`` (exact), ``claims`` (a list of
partial dicts, one per claim), ``applied`` (exactly the principles that changed the result),
``missing_required`` (exactly the required missing fields), ``missing_includes``, ``missing_question_contains``,
``warnings_contain``, ``steps_contain`` (claims' steps), ``principle_steps_contain``, ``text_excludes`` (never
in the JSON outside the quotes, e.g. an amount the policy does not allow), ``options_count``, ``non_cash_count``.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.errors import BadClaim
from tools.award_calculator import calculate
from tools.rulebook import RuleBook

CASES_DIR = Path(__file__).parent / "cases"
DEFAULT_TODAY = date(2024, 6, 1)


def _load_cases() -> list[tuple[str, dict[str, Any]]]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            cases.append((f"{path.stem}: {case['name']}", case))
    return cases


CASES = _load_cases()


@pytest.fixture(scope="module")
def book() -> RuleBook:
    from assistant.settings import PROJECT_ROOT

    return RuleBook.load(PROJECT_ROOT / "corpus")


def _check_subset(expected: dict[str, Any], actual: dict[str, Any], where: str) -> None:
    for key, want in expected.items():
        assert key in actual, f"{where}: no field {key!r}"
        assert actual[key] == want, f"{where}.{key}: expected {want!r}, got {actual[key]!r}"


def _run(case: dict[str, Any], book: RuleBook) -> dict[str, Any]:
    return calculate(case["input"], book, today=case.get("today", DEFAULT_TODAY)).to_dict()


@pytest.mark.parametrize("case", [c for _, c in CASES], ids=[i for i, _ in CASES])
def test_case(case: dict[str, Any], book: RuleBook) -> None:
    if "error" in case:
        with pytest.raises(BadClaim) as info:
            _run(case, book)
        for part in case["error"]:
            assert part in str(info.value), f"error message lacks {part!r}: {info.value}"
        return
    out = _run(case, book)
    expect = dict(case["expect"])
    # The policy's own words (quotes) may name any amount; what the calculator worked out may not.
    worked = {**out, "claims": [{k: v for k, v in c.items() if k != "quote"} for c in out["claims"]]}
    worked["principles"] = [{k: v for k, v in p.items() if k != "quote"} for p in out["principles"]]
    text = json.dumps(worked, ensure_ascii=False)
    for i, want in enumerate(expect.pop("claims", [])):
        _check_subset(want, out["claims"][i], f"claims[{i}]")
    if "applied" in expect:
        applied = sorted(p["id"] for p in out["principles"] if p["applied"])
        assert applied == sorted(expect.pop("applied")), f"principles applied: {applied}"
    if "missing_required" in expect:
        got = sorted(m["field"] for m in out["missing"] if m["required"])
        assert got == sorted(expect.pop("missing_required"))
    fields = [m["field"] for m in out["missing"]]
    for f in expect.pop("missing_includes", []):
        assert f in fields, f"{f} not among missing facts {fields}"
    questions = " ".join(m["question"] for m in out["missing"])
    for q in expect.pop("missing_question_contains", []):
        assert q in questions
    for w in expect.pop("warnings_contain", []):
        assert any(w in x for x in out["warnings"]), f"no warning contains {w!r}: {out['warnings']}"
    steps = [s for c in out["claims"] for s in c["steps"]]
    for s in expect.pop("steps_contain", []):
        assert any(s in x for x in steps), f"no step contains {s!r}: {steps}"
    psteps = [s for p in out["principles"] for s in p["steps"]]
    for s in expect.pop("principle_steps_contain", []):
        assert any(s in x for x in psteps), f"no principle step contains {s!r}: {psteps}"
    for s in expect.pop("text_excludes", []):
        assert s not in text, f"{s!r} must not appear in the result"
    if "options_count" in expect:
        assert len(out["claims"][0]["options"]) == expect.pop("options_count")
    if "non_cash_count" in expect:
        assert len(out["non_cash"]) == expect.pop("non_cash_count")
    _check_subset(expect, out, "result")


def test_cases_cover_every_rule_exclusion_and_amount_kind(book: RuleBook) -> None:
    """Adding an award to rules.yaml without a case here fails: every rule needs its input → output case."""
    awards, exclusions = set(), set()
    for _, case in CASES:
        inp = case["input"]
        claims = inp.get("claims") if isinstance(inp.get("claims"), list) else []
        awards |= {c.get("award") for c in claims}
        exclusions |= set((inp.get("enterprise") or {}).get("exclusions") or [])
    assert {r.id for r in book.rules} - awards == set()
    assert {e.id for e in book.exclusions} - exclusions == set()
    kinds = {r.amount.kind for r in book.rules} | {
        c.kind for r in book.rules for c in r.amount.choices.values()
    }
    covered = {book.rule(a).amount.kind for a in awards if a in {r.id for r in book.rules}}
    covered |= {
        c.kind
        for a in awards
        if a in {r.id for r in book.rules}
        for c in book.rule(a).amount.choices.values()
    }
    assert kinds - covered == set()
