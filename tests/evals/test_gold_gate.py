"""CI gate: every evals/*.jsonl suite through the in-process engine; the pass rate may not fall below the
threshold kept in evals/threshold.json (the measured level rounded down; lowering it needs a reason)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT, Settings
from evals.metrics import summarise
from evals.report import build_report, write_reports
from evals.runner import InProcessBackend, run_cases
from evals.suite import load_suites

EVALS = PROJECT_ROOT / "evals"
ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts" / "gold_gate"


@pytest.mark.slow
def test_pass_rate_is_not_below_the_threshold(tmp_path: Path) -> None:
    threshold = json.loads((EVALS / "threshold.json").read_text(encoding="utf-8"))
    minimum = float(threshold["min_pass_rate"])
    suite = load_suites(sorted(EVALS.glob("*.jsonl")))
    assert not suite.problems, [str(p) for p in suite.problems]
    assert len(suite.cases) >= 150

    settings = Settings(data_dir=tmp_path / "data", _env_file=None)  # type: ignore[call-arg]
    results = run_cases(suite.cases, InProcessBackend(settings))
    metrics = summarise(results)
    # The whole run is kept for whoever has to read a failure (tests/artifacts/ is git-ignored).
    write_reports(build_report(results, {"suites": suite.paths, "backend": "gold gate"}), ARTIFACTS)

    failing = [
        f"{r.case.id} [{r.case.category}]: "
        + "; ".join(f"{c.expectation}: {c.reason}" for c in r.verdict.failures)
        for r in results
        if not r.passed
    ]
    rate = metrics["pass_rate"]
    assert rate >= minimum, (
        f"pass rate {rate:.1%} ({metrics['passed']}/{metrics['cases']}) fell below {minimum:.0%}; "
        f"report in {ARTIFACTS}; failing cases:\n" + "\n".join(failing)
    )
