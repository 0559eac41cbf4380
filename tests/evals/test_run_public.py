"""The public suite through the real in-process engine (real index, real calculator): both report files appear."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT
from evals.cli import main


@pytest.mark.integration
@pytest.mark.slow
def test_public_suite_in_process_writes_json_and_html(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("ZGSZ_DATA_DIR", str(tmp_path / "data"))  # the CLI reads its settings like any user's
    out = tmp_path / "out"
    suite = PROJECT_ROOT / "evals" / "public_cases.jsonl"
    assert main(["run", str(suite), "--report", str(out), "--quiet"]) == 0
    summary = capsys.readouterr().out
    assert "pass rate" in summary and "by category:" in summary

    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert data["meta"]["backend"] == "in-process (rules planner)"
    assert len(data["cases"]) == 35 and data["metrics"]["cases"] == 35
    assert data["metrics"]["errors"] == 0, [c["error"] for c in data["cases"] if c["error"]]
    for case in data["cases"]:
        answer = case["answer"]
        assert answer["kind"] in {"answer", "clarify", "refuse"} and answer["answer"]
        assert {"kind", "answer", "citations", "tool_calls", "elapsed_ms"} <= set(answer)
    # the engine's policy_search output feeds the retrieval metrics for most cases with cite_any
    assert data["metrics"]["retrieval"]["source"].get("policy_search", 0) > 0
    page = (out / "report.html").read_text(encoding="utf-8")
    assert page.count("data:image/png;base64,") == 2
    assert all(f"id='case-{c['id']}'" in page for c in data["cases"])
