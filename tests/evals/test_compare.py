"""`python -m evals compare`: regressions and fixes by case id, and metric deltas."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.cli import main
from evals.compare import compare, format_comparison
from evals.report import build_report, write_reports

BASE = "附件 › 一、着力企业能级提升 › （一）推动基础投入"


@pytest.fixture
def two_runs(case_factory, answer_factory, result_factory):
    cases = {
        "same-pass": case_factory({"kind": "answer", "amounts_yuan": [400000]}, "same-pass"),
        "regressed": case_factory({"kind": "answer", "cite_any": ["推动基础投入"]}, "regressed", "lookup"),
        "fixed": case_factory({"kind": "refuse"}, "fixed", "out-of-scope"),
        "same-fail": case_factory({"kind": "answer", "facts_all": ["市工信局"]}, "same-fail", "department"),
        "dropped": case_factory({"kind": "answer"}, "dropped"),
        "new": case_factory({"kind": "answer"}, "new"),
    }
    good, cited = answer_factory("40万元"), answer_factory("见条款", paths=[BASE])
    before = [
        result_factory(cases["same-pass"], good, 100.0),
        result_factory(cases["regressed"], cited, 100.0),
        result_factory(cases["fixed"], answer_factory("好的"), 100.0),
        result_factory(cases["same-fail"], good, 100.0),
        result_factory(cases["dropped"], good, 100.0),
    ]
    after = [
        result_factory(cases["same-pass"], good, 300.0),
        result_factory(
            cases["regressed"], answer_factory("见条款", paths=["三年行动计划 › 主要目标"]), 300.0
        ),
        result_factory(cases["fixed"], answer_factory("不在范围内", kind="refuse"), 300.0),
        result_factory(cases["same-fail"], good, 300.0),
        result_factory(cases["new"], good, 300.0),
    ]
    return build_report(before, {"suites": ["a"]}), build_report(after, {"suites": ["b"]})


def test_regressions_fixes_added_removed(two_runs) -> None:
    diff = compare(*two_runs)
    assert [r["id"] for r in diff["regressions"]] == ["regressed"]
    assert "cite_any" in diff["regressions"][0]["reasons"][0]
    assert [r["id"] for r in diff["fixes"]] == ["fixed"]
    assert (diff["added"], diff["removed"], diff["still_failing"]) == (["new"], ["dropped"], 1)


def test_metric_deltas_say_better_or_worse(two_runs) -> None:
    deltas = {d["metric"]: d for d in compare(*two_runs)["metrics"]}
    assert deltas["latency_ms.p50"]["delta"] == 200.0 and deltas["latency_ms.p50"]["better"] is False
    assert deltas["refuse_accuracy.rate"] == {"metric": "refuse_accuracy.rate", "before": 0.0, "after": 1.0,
                                              "delta": 1.0, "better": True}  # fmt: skip
    assert deltas["by_category.lookup.pass_rate"]["better"] is False
    assert "pass_rate" not in deltas  # 3/5 before and after: unchanged metrics are not listed
    text = format_comparison(compare(*two_runs), "A", "B")
    assert "- regressed [lookup]" in text and "+ fixed [out-of-scope]" in text and "worse" in text


def test_compare_cli(tmp_path: Path, two_runs, capsys) -> None:
    a, _ = write_reports(two_runs[0], tmp_path / "a")
    b, _ = write_reports(two_runs[1], tmp_path / "b")
    assert main(["compare", str(a), str(b)]) == 0
    out = capsys.readouterr().out
    assert "regressions (1):" in out and "regressed" in out
    assert main(["compare", str(a), str(tmp_path / "b"), "--fail-on-regression"]) == 1  # a folder works too
    capsys.readouterr()
    assert main(["compare", str(a), str(b), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["fixes"][0]["id"] == "fixed"


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "report not found"), ("{", "not a JSON report"), ("[]", "not an evaluation report")],
)
def test_compare_cli_bad_files(tmp_path: Path, two_runs, capsys, content, message) -> None:
    good, _ = write_reports(two_runs[0], tmp_path / "a")
    bad = tmp_path / "bad.json"
    if content is not None:
        bad.write_text(content, encoding="utf-8")
    assert main(["compare", str(good), str(bad)]) == 1
    assert message in capsys.readouterr().err
