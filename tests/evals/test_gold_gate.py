"""CI gate: every evals/*.jsonl suite through the in-process engine; the pass rate may not fall below the
threshold kept in evals/threshold.json (the measured level rounded down; lowering it needs a reason)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT, Settings
from evals.metrics import summarise
from evals.report import build_report, write_reports
from evals.runner import InProcessBackend, run_cases
from evals.suite import load_suites

EVALS = PROJECT_ROOT / "evals"
ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts" / "gold_gate"  # the one-document run's report


DEFAULT_DOC = "taixing-2022-25"
SECOND_DOC = PROJECT_ROOT / "tests" / "fixtures" / "corpus" / "yunxi-2023-8"


def corpus_with_second_document(tmp_path: Path) -> Path:
    """corpus/ plus a fictional county's policy: the suites must keep their answers with it present."""
    corpus = tmp_path / "corpus"
    shutil.copytree(PROJECT_ROOT / "corpus", corpus)
    shutil.copytree(SECOND_DOC, corpus / SECOND_DOC.name)
    return corpus


@pytest.mark.slow
@pytest.mark.parametrize("second_document", [False, True], ids=["one-document", "two-documents-default-set"])
def test_pass_rate_is_not_below_the_threshold(tmp_path: Path, second_document: bool) -> None:
    threshold = json.loads((EVALS / "threshold.json").read_text(encoding="utf-8"))
    minimum = float(threshold["min_pass_rate"])
    suite = load_suites(sorted(EVALS.glob("*.jsonl")))
    assert not suite.problems, [str(p) for p in suite.problems]
    assert len(suite.cases) >= 150

    extra = (
        {"corpus_dir": corpus_with_second_document(tmp_path), "default_doc": DEFAULT_DOC}
        if second_document
        else {}
    )
    settings = Settings(data_dir=tmp_path / "data", _env_file=None, **extra)  # type: ignore[call-arg, arg-type]
    results = run_cases(suite.cases, InProcessBackend(settings))
    metrics = summarise(results)
    # The whole run is kept for whoever has to read a failure (tests/artifacts/ is git-ignored).
    report_dir = ARTIFACTS.with_name("gold_gate_two_documents") if second_document else ARTIFACTS
    write_reports(build_report(results, {"suites": suite.paths, "backend": "gold gate"}), report_dir)

    failing = [
        f"{r.case.id} [{r.case.category}]: "
        + "; ".join(f"{c.expectation}: {c.reason}" for c in r.verdict.failures)
        for r in results
        if not r.passed
    ]
    rate = metrics["pass_rate"]
    assert rate >= minimum, (
        f"pass rate {rate:.1%} ({metrics['passed']}/{metrics['cases']}) fell below {minimum:.0%}; "
        f"report in {report_dir}; failing cases:\n" + "\n".join(failing)
    )
