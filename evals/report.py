"""Reports of a run: a terminal summary, a JSON file and one self-contained HTML page.

The JSON holds every case with its answer and verdict, so `python -m evals compare` and later readers need
nothing else. The HTML embeds its charts as base64 PNGs and escapes every piece of text it shows.

Example:
    >>> report = build_report(results, meta={"suites": ["evals/public_cases.jsonl"]})  # doctest: +SKIP
    >>> write_reports(report, Path("out"))  # doctest: +SKIP
"""

from __future__ import annotations

import base64
import html
import io
import json
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from evals.judge import path_text
from evals.metrics import case_retrieval, summarise, ungrounded_amounts
from evals.runner import CaseResult

log = logging.getLogger(__name__)

SCHEMA = "zgsz-eval/1"
JSON_NAME = "report.json"
HTML_NAME = "report.html"


def build_report(results: Sequence[CaseResult], meta: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The whole run as one JSON-ready dict: meta, metrics, and every case with its answer and verdict."""
    cases = []
    for r in results:
        cases.append(
            {
                "id": r.case.id,
                "category": r.case.category,
                "source": r.case.source,
                "note": r.case.note,
                "turns": list(r.case.turns),
                "expect": r.case.expect.to_dict(),
                "passed": r.passed,
                "latency_ms": r.latency_ms,
                "error": r.error,
                "checks": r.verdict.to_dict()["checks"],
                "retrieval": case_retrieval(r),
                "ungrounded_amounts": ungrounded_amounts(r) if r.answer is not None else [],
                "answer": r.answer,
            }
        )
    return {"schema": SCHEMA, "meta": dict(meta or {}), "metrics": summarise(results), "cases": cases}


def write_reports(report: Mapping[str, Any], out_dir: Path) -> tuple[Path, Path]:
    """Write report.json and report.html into ``out_dir`` (created if needed); returns both paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path, html_path = out_dir / JSON_NAME, out_dir / HTML_NAME
    json_path.write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    html_path.write_text(render_html(report), encoding="utf-8")
    return json_path, html_path


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f} ms"


def headline(metrics: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The key numbers as (label, value) rows, shared by the terminal summary and the HTML page."""
    m = metrics
    ret, lat = m["retrieval"], m["latency_ms"]
    return [
        ("pass rate", f"{_pct(m['pass_rate'])} ({m['passed']}/{m['cases']})"),
        ("errors", str(m["errors"])),
        ("recall@1 / @3 / @5", f"{_pct(ret['recall@1'])} / {_pct(ret['recall@3'])} / {_pct(ret['recall@5'])}"),
        ("MRR", "—" if ret["mrr"] is None else f"{ret['mrr']:.3f}"),
        ("citation precision", _frac(m["citation_precision"], "relevant", "citations")),
        ("amount exact match", _frac(m["amount_exact_match"], "passed", "cases")),
        ("clarify accuracy", _frac(m["clarify_accuracy"], "passed", "cases") + f", unwanted {m['clarify_accuracy']['unwanted']}"),
        ("refuse accuracy", _frac(m["refuse_accuracy"], "passed", "cases") + f", unwanted {m['refuse_accuracy']['unwanted']}"),
        ("grounding rate", _frac(m["grounding"], "grounded", "answers")),
        ("latency p50 / p95", f"{_ms(lat['p50'])} / {_ms(lat['p95'])}"),
    ]  # fmt: skip


def _frac(d: Mapping[str, Any], num: str, den: str) -> str:
    return f"{_pct(d['rate'])} ({d[num]}/{d[den]})"


def terminal_summary(report: Mapping[str, Any], max_failures: int = 300) -> str:
    """Plain text for the terminal: key numbers, per-category and per-expectation rates, failing cases."""
    m = report["metrics"]
    lines = ["", "== evaluation =="]
    for suite in report["meta"].get("suites", []):
        lines.append(f"suite: {suite}")
    lines += [f"{label:<22} {value}" for label, value in headline(m)]
    lines.append("\nby category:")
    for cat, d in m["by_category"].items():
        lines.append(f"  {cat:<16} {_pct(d['pass_rate']):>7}  ({d['passed']}/{d['cases']})")
    lines.append("by expectation:")
    for exp, d in m["by_expectation"].items():
        lines.append(f"  {exp:<16} {_pct(d['pass_rate']):>7}  ({d['passed']}/{d['checks']})")
    problems = report["meta"].get("problems", [])
    if problems:
        lines.append(f"\nskipped suite lines ({len(problems)}):")
        lines += [f"  {p}" for p in problems]
    failed = [c for c in report["cases"] if not c["passed"]]
    if failed:
        lines.append(f"\nfailing cases ({len(failed)}):")
        for c in failed[:max_failures]:
            reasons = "; ".join(f"{k['expectation']}: {k['reason']}" for k in c["checks"] if not k["passed"])
            lines.append(f"  {c['id']} [{c['category']}] {reasons}")
        if len(failed) > max_failures:
            lines.append(f"  … and {len(failed) - max_failures} more (see the JSON/HTML report)")
    return "\n".join(lines)


def _png(fig: Any) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, bbox_inches="tight")
    return base64.b64encode(buf.getvalue()).decode("ascii")


def charts(metrics: Mapping[str, Any], latencies: Sequence[float]) -> dict[str, str]:
    """Two charts as base64 PNGs: pass rate by category, and the latency histogram."""
    import matplotlib

    matplotlib.use("Agg")  # no display on a server, and no window in tests
    import matplotlib.pyplot as plt

    out: dict[str, str] = {}
    cats = list(metrics["by_category"].items())
    fig, ax = plt.subplots(figsize=(6.4, 0.45 * max(len(cats), 2) + 1))
    if cats:
        names = [f"{c} (n={d['cases']})" for c, d in cats]
        values = [(d["pass_rate"] or 0) * 100 for _, d in cats]
        ax.barh(
            names,
            values,
            color=["#2f855a" if v >= 80 else "#c05621" if v >= 50 else "#c53030" for v in values],
        )
        for i, v in enumerate(values):
            ax.text(min(v + 1, 92), i, f"{v:.0f}%", va="center", fontsize=8)
        ax.invert_yaxis()
    else:
        ax.text(0.5, 0.5, "no cases", ha="center", va="center", transform=ax.transAxes)
    ax.set_xlim(0, 100)
    ax.set_xlabel("pass rate (%)")
    ax.set_title("Pass rate by category")
    out["pass_rate_by_category"] = _png(fig)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(6.4, 3.2))
    if latencies:
        ax.hist(list(latencies), bins=min(30, max(5, len(latencies) // 3)), color="#3182ce")
        ax.axvline(metrics["latency_ms"]["p50"], color="#2d3748", linestyle="--", label="p50")
        ax.axvline(metrics["latency_ms"]["p95"], color="#c53030", linestyle=":", label="p95")
        ax.legend()
    else:
        ax.text(0.5, 0.5, "no cases", ha="center", va="center", transform=ax.transAxes)
    ax.set_xlabel("latency per case (ms)")
    ax.set_ylabel("cases")
    ax.set_title("Latency distribution")
    out["latency_histogram"] = _png(fig)
    plt.close(fig)
    return out


_CSS = """
body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5em;color:#1a202c}
h1{font-size:1.4em}table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #cbd5e0;padding:4px 8px;
vertical-align:top;text-align:left}th{background:#edf2f7}.pass{color:#276749;font-weight:bold}
.fail{color:#c53030;font-weight:bold}.cases td{max-width:34em}.answer{white-space:pre-wrap}
.quote{color:#4a5568;font-size:.9em}.path{font-size:.9em}.why{color:#c53030}small{color:#718096}
.charts img{max-width:48%;margin-right:1%;border:1px solid #e2e8f0;vertical-align:top}pre{white-space:pre-wrap;font-size:.85em}
"""

_JS = """
document.getElementById('only-failed').addEventListener('change', function (e) {
  document.querySelectorAll('tr.case.ok').forEach(function (row) {
    row.style.display = e.target.checked ? 'none' : '';
  });
});
"""


def render_html(report: Mapping[str, Any]) -> str:
    """One self-contained page: headline numbers, charts, tables by category/expectation, every case."""
    e = html.escape
    m, meta, cases = report["metrics"], report["meta"], report["cases"]
    imgs = charts(m, [c["latency_ms"] for c in cases])
    parts = [
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>",
        f"<title>Evaluation report — {e(_pct(m['pass_rate']))}</title><style>{_CSS}</style></head><body>",
        "<h1>Evaluation report</h1>",
        "<p>" + "<br>".join(f"<b>{e(str(k))}</b>: {e(_meta_value(v))}" for k, v in meta.items() if k != "problems") + "</p>",
        "<table class='headline'>" + "".join(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in headline(m)) + "</table>",
        "<div class='charts'>",
        f"<img id='chart-category' alt='pass rate by category' src='data:image/png;base64,{imgs['pass_rate_by_category']}'>",
        f"<img id='chart-latency' alt='latency histogram' src='data:image/png;base64,{imgs['latency_histogram']}'>",
        "</div>",
        _rate_table("By category", "category", m["by_category"], "cases"),
        _rate_table("By expectation", "expectation", m["by_expectation"], "checks"),
    ]  # fmt: skip
    problems = meta.get("problems") or []
    if problems:
        parts.append(f"<h2>Skipped suite lines ({len(problems)})</h2><ul>")
        parts += [f"<li>{e(str(p))}</li>" for p in problems]
        parts.append("</ul>")
    failed = sum(1 for c in cases if not c["passed"])
    parts += [
        f"<h2>Cases ({len(cases)}, {failed} failing)</h2>",
        "<label><input type='checkbox' id='only-failed'> show failing cases only</label>",
        "<table class='cases'><tr><th>case</th><th>question</th><th>answer</th><th>citations</th><th>result</th></tr>",
    ]
    parts += [_case_row(c) for c in cases]
    parts.append(f"</table><script>{_JS}</script></body></html>")
    return "\n".join(parts)


def _meta_value(v: Any) -> str:
    return ", ".join(map(str, v)) if isinstance(v, list | tuple) else str(v)


def _rate_table(title: str, label: str, rows: Mapping[str, Mapping[str, Any]], count: str) -> str:
    e = html.escape
    body = "".join(
        f"<tr><td>{e(k)}</td><td>{e(_pct(d['pass_rate']))}</td><td>{d['passed']}/{d[count]}</td></tr>"
        for k, d in rows.items()
    )
    return f"<h2>{e(title)}</h2><table><tr><th>{e(label)}</th><th>pass rate</th><th>passed</th></tr>{body}</table>"


def _case_row(c: Mapping[str, Any]) -> str:
    e = html.escape
    ans = c.get("answer") or {}
    turns = "".join(f"<div>{'→ ' if i else ''}{e(t)}</div>" for i, t in enumerate(c["turns"]))
    note = f"<small>{e(c.get('note') or '')}</small>"
    answer_cell = (
        f"<small>kind: {e(str(ans.get('kind')))}</small><div class='answer'>{e(str(ans.get('answer') or ''))}</div>"
        if c.get("answer") is not None
        else f"<div class='why'>{e(c.get('error') or 'no answer')}</div>"
    )
    details = _details(ans)
    if details:
        answer_cell += details
    cites = "".join(
        f"<li><div class='path'>{e(path_text(ct.get('path')))}</div><div class='quote'>{e(str(ct.get('quote') or ''))}</div></li>"
        for ct in ans.get("citations") or []
    )
    status = "<span class='pass'>PASS</span>" if c["passed"] else "<span class='fail'>FAIL</span>"
    why = "".join(
        f"<div class='why'>{e(k['expectation'])}: {e(k['reason'])}</div>"
        for k in c["checks"]
        if not k["passed"]
    )
    extra = ""
    if c.get("ungrounded_amounts"):
        extra += f"<div><small>ungrounded: {e(', '.join(c['ungrounded_amounts']))}</small></div>"
    if c.get("retrieval"):
        r = c["retrieval"]
        extra += f"<div><small>first relevant {e(r['source'])} rank: {e(str(r['rank']))}</small></div>"
    return (
        f"<tr class='case {'ok' if c['passed'] else 'bad'}' id='case-{e(c['id'])}'>"
        f"<td><b>{e(c['id'])}</b><br><small>{e(c['category'])} · {c['latency_ms']:,.0f} ms</small></td>"
        f"<td>{turns}{note}</td><td>{answer_cell}</td><td><ol>{cites}</ol></td>"
        f"<td>{status}{why}{extra}</td></tr>"
    )  # fmt: skip


def _details(ans: Mapping[str, Any]) -> str:
    """Tool calls, plan and trace, folded away: they explain a failure but would swamp the table."""
    e = html.escape
    body = []
    for call in ans.get("tool_calls") or []:
        text = json.dumps(
            {"input": call.get("input"), "output": call.get("output")},
            ensure_ascii=False,
            indent=1,
            default=str,
        )
        body.append(f"<b>{e(str(call.get('name')))}</b><pre>{e(text[:4000])}</pre>")
    if ans.get("plan"):
        body.append(f"<b>plan</b><pre>{e(json.dumps(ans['plan'], ensure_ascii=False, default=str))}</pre>")
    if ans.get("trace"):
        body.append(f"<b>trace</b><pre>{e(chr(10).join(map(str, ans['trace'])))}</pre>")
    return f"<details><summary>tools, plan, trace</summary>{''.join(body)}</details>" if body else ""  # fmt: skip


def load_report(path: Path) -> dict[str, Any]:
    """Read a report.json (or a folder holding one) written by write_reports."""
    from assistant.errors import AssistantError

    p = path / JSON_NAME if path.is_dir() else path
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AssistantError(f"report not found: {p}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise AssistantError(f"not a JSON report: {p} ({exc})") from None
    if not isinstance(data, dict) or "cases" not in data or "metrics" not in data:
        raise AssistantError(f"not an evaluation report (no cases/metrics): {p}")
    return data
