"""Reports: JSON contents, terminal summary, and the HTML page — escaped, self-contained, and rendered in chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT
from evals.report import build_report, render_html, terminal_summary, write_reports

ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts"
BASE = "附件 › 一、着力企业能级提升 › （一）推动基础投入"
EVIL = "<script>alert('x')</script>&<b>"


@pytest.fixture
def report(case_factory, answer_factory, result_factory):
    ok = case_factory(
        {"kind": "answer", "cite_any": ["推动基础投入"], "amounts_yuan": [400000]},
        "calc-ok",
        "calc",
        ["智能车间投入800万元，能奖多少？"],
    )
    bad = case_factory(
        {"kind": "answer", "facts_all": ["市工信局"]}, "dept-bad", "department", [EVIL, "那找谁？"]
    )
    err = case_factory({"kind": "refuse"}, "oos-err", "out-of-scope")
    results = [
        result_factory(ok, answer_factory("800万元×5%=40万元。", paths=[BASE], quotes=["给予5%奖补"]), 120.0),
        result_factory(bad, answer_factory(f"请联系 {EVIL}", paths=[EVIL], quotes=[EVIL],
                                           tool_calls=[{"name": "policy_search", "input": {"query": EVIL},
                                                        "output": [{"path": BASE, "text": EVIL}]}]), 340.0),
        result_factory(err, None, 5.0, error=f"RuntimeError: {EVIL}"),
    ]  # fmt: skip
    meta = {"suites": ["evals/public_cases.jsonl"], "backend": "test", "problems": [f"x.jsonl:3: bad {EVIL}"]}
    return build_report(results, meta)


def test_json_report_has_every_case_with_verdict_and_answer(report, tmp_path: Path) -> None:
    json_path, html_path = write_reports(report, tmp_path / "out")
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data["schema"] == "zgsz-eval/1" and data["meta"]["backend"] == "test"
    assert [c["id"] for c in data["cases"]] == ["calc-ok", "dept-bad", "oos-err"]
    assert [c["passed"] for c in data["cases"]] == [True, False, False]
    first = data["cases"][0]
    assert first["answer"]["answer"] == "800万元×5%=40万元。" and first["retrieval"]["rank"] == 1
    assert first["turns"] == ["智能车间投入800万元，能奖多少？"] and first["expect"]["amounts_yuan"] == [
        400000
    ]
    assert data["cases"][2]["answer"] is None and "RuntimeError" in data["cases"][2]["error"]
    assert data["metrics"]["pass_rate"] == round(1 / 3, 4)
    assert html_path.exists() and html_path.name == "report.html"


def test_terminal_summary_lists_categories_and_failures(report) -> None:
    text = terminal_summary(report)
    assert "pass rate" in text and "33.3% (1/3)" in text
    assert re.search(r"department\s+0\.0%\s+\(0/1\)", text)
    assert "dept-bad [department] facts_all: missing '市工信局'" in text
    assert "oos-err [out-of-scope] answered: no answer: RuntimeError" in text
    assert "skipped suite lines (1)" in text


def test_html_escapes_everything(report) -> None:
    page = render_html(report)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&amp;&lt;b&gt;" in page
    # one script element only: the page's own filter
    assert page.count("<script>") == 1
    assert "missing &#x27;市工信局&#x27;" in page
    assert page.count("data:image/png;base64,") == 2
    assert "http://" not in page and "https://" not in page  # self-contained: nothing to fetch


@pytest.mark.browser
def test_html_renders_in_chromium_with_charts(report, browser, tmp_path: Path) -> None:
    _, html_path = write_reports(report, tmp_path / "out")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        alerts: list[str] = []
        page.on("dialog", lambda d: (alerts.append(d.message), d.dismiss()))
        page.goto(html_path.as_uri())
        page.wait_for_load_state("load")
        for chart in ("#chart-category", "#chart-latency"):
            width = page.eval_on_selector(chart, "img => img.complete ? img.naturalWidth : 0")
            assert width > 0, f"{chart} did not load"
        assert page.locator("tr.case").count() == 3
        assert "<script>alert('x')</script>" in page.locator("#case-dept-bad").inner_text()
        page.screenshot(path=str(ARTIFACTS / "eval_report.png"), full_page=True)
        page.check("#only-failed")
        assert page.locator("#case-calc-ok").is_hidden() and page.locator("#case-dept-bad").is_visible()
        assert alerts == []  # the escaped script never ran
    finally:
        page.close()
    assert (ARTIFACTS / "eval_report.png").stat().st_size > 10_000
