"""The speed benchmark: its pieces on their own, and the whole command at a tiny scale."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.errors import AssistantError
from assistant.settings import PROJECT_ROOT
from evals.bench.cases import load_cases
from evals.bench.stats import percentile, ratio, summarize
from evals.bench.synthetic import write_synthetic_corpus
from indexing.loader import load_corpus

REAL = PROJECT_ROOT / "corpus"


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [
        ([5.0], 50, 5.0),
        ([1, 2, 3, 4], 50, 2),
        ([1, 2, 3, 4], 95, 4),
        (list(range(1, 101)), 95, 95),
        (list(range(1, 101)), 99, 99),
        ([3, 1, 2], 0, 1),
    ],
)
def test_percentile_is_nearest_rank(values: list[float], q: float, expected: float) -> None:
    assert percentile(values, q) == expected


def test_summary_of_nothing_is_nan_not_a_crash() -> None:
    s = summarize([])
    assert s["n"] == 0 and math.isnan(s["p95"])
    assert math.isnan(ratio(1.0, 0))


def test_suites_load_with_search_cases() -> None:
    cases = load_cases(["public", "gold"])
    assert {c.suite for c in cases} == {"public", "gold"}
    search = [c for c in cases if c.is_search_case]
    assert search and all(len(c.turns) == 1 and c.cite_any for c in search)


@pytest.mark.parametrize("scale", [1, 2, 3])
def test_synthetic_corpus_loads_cleanly_at_the_requested_multiple(tmp_path: Path, scale: int) -> None:
    real = load_corpus(REAL)
    made = write_synthetic_corpus(REAL, tmp_path / "c", scale)
    loaded = load_corpus(made.corpus_dir)
    assert loaded.problems == []
    assert len(loaded.clauses) == scale * len(real.clauses) == made.total_clauses
    assert (
        len(loaded.documents) == len(real.documents) + scale - 1 == len(real.documents) + made.synthetic_docs
    )
    # The real documents are there unchanged; the distractors are other places' documents.
    for doc in real.documents:
        copy = loaded.document(doc.meta.doc_id)
        assert copy is not None and [c.text for c in copy.clauses] == [c.text for c in doc.clauses]
    for doc in loaded.documents:
        if doc.meta.doc_id not in made.real_doc_ids:
            assert "泰兴" not in doc.meta.title and doc.meta.number != real.documents[0].meta.number
            assert not any("泰兴" in c.text for c in doc.clauses)


def test_synthetic_distractors_differ_from_the_real_clauses(tmp_path: Path) -> None:
    real = {c.text for c in load_corpus(REAL).clauses}
    made = write_synthetic_corpus(REAL, tmp_path / "c", 4)
    fake = [c for c in load_corpus(made.corpus_dir).clauses if c.doc_id not in made.real_doc_ids]
    assert sum(c.text not in real for c in fake) / len(fake) > 0.7


def test_smaller_synthetic_corpus_is_a_prefix_of_a_larger_one(tmp_path: Path) -> None:
    small = write_synthetic_corpus(REAL, tmp_path / "s", 2)
    large = write_synthetic_corpus(REAL, tmp_path / "l", 3)
    name = "synthetic-00001"
    for f in ("policy.md", "meta.yaml"):
        assert (small.corpus_dir / name / f).read_text() == (large.corpus_dir / name / f).read_text()


@pytest.mark.parametrize("scale", [0, -3])
def test_synthetic_rejects_a_scale_below_one(tmp_path: Path, scale: int) -> None:
    with pytest.raises(AssistantError, match="scale"):
        write_synthetic_corpus(REAL, tmp_path / "c", scale)


def test_synthetic_refuses_a_folder_in_use(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "keep.txt").write_text("mine")
    with pytest.raises(AssistantError, match="not empty"):
        write_synthetic_corpus(REAL, tmp_path / "c", 2)


@pytest.mark.parametrize("scales", ["0", "a,b", ""])
def test_bench_command_rejects_bad_scales(scales: str) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "evals", "bench", "--scales", scales],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert out.returncode == 2
    assert "scales" in out.stderr and "Traceback" not in out.stderr


@pytest.mark.slow
@pytest.mark.integration
def test_bench_command_writes_the_report(tmp_path: Path) -> None:
    report = tmp_path / "report"
    out = subprocess.run(
        [sys.executable, "-m", "evals", "bench", "--scales", "2", "--quick", "--report", str(report),
         "--work-dir", str(tmp_path / "work")],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=1200,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr[-3000:]
    for name in (
        "benchmarks.md",
        "benchmarks.json",
        "growth.png",
        "side_by_side.png",
        "latency.png",
        "profile_ask.txt",
    ):
        assert (report / name).stat().st_size > 0, name
    data = json.loads((report / "benchmarks.json").read_text(encoding="utf-8"))
    for key in (
        "machine",
        "index_cli",
        "build",
        "search",
        "ask",
        "cold_start",
        "app",
        "growth",
        "side_by_side",
        "profile",
    ):
        assert key in data, key
    assert data["machine"]["cpu"] and data["machine"]["cores"] >= 1 and data["machine"]["python"]
    assert [g["scale"] for g in data["growth"]] == [1, 2]
    assert data["growth"][1]["clauses"] == 2 * data["growth"][0]["clauses"]
    for row in data["growth"]:
        assert row["search_p95_ms"] > 0 and 0 <= row["recall@5_public"] <= 1 and row["index_mib"] > 0
        assert 0 <= row["recall@5_routed_gold"] <= 1 and row["routed_p95_ms"] > 0
        assert row["build_cpu_s"] > 0 and row["build_peak_rss_mib"] > 0
    # Routing to the real document leaves only its own chunks: the distractors cannot push it down.
    assert data["growth"][1]["recall@5_routed_gold"] >= data["growth"][1]["recall@5_gold"]
    assert data["search"]["ours_ms"]["n"] == data["search"]["stock_ms"]["n"] > 0
    assert data["ask"]["turn_ms"]["n"] >= data["ask"]["cases"] > 0
    sbs = data["side_by_side"]["all"]
    assert sbs["questions"] > 0 and set(sbs["stock_over_ours"]) >= {"recall@5", "mrr", "p50_ms"}
    assert data["cold_start"]["ask"]["first_answer_s"] > 0 and data["cold_start"]["ask"]["peak_rss_mib"] > 0
    assert "first_answer_s" in data["app"] or "skipped" in data["app"]
    assert [r["users"] for r in data["load"]["runs"]] == [10, 50]
    for run in data["load"]["runs"]:
        assert run["requests"] > 0 and run["errors"] == 0 and len(run["rss_mib"]) >= 5
    assert (report / "load_rss.png").stat().st_size > 0
    md = (report / "benchmarks.md").read_text(encoding="utf-8")
    for heading in (
        "## Main table",
        "## Where the time goes",
        "## 4. Growth",
        "## 5. Side by side",
        "## 6. The app under load",
        data["machine"]["cpu"],
    ):
        assert heading in md
    profile = (report / "profile_ask.txt").read_text(encoding="utf-8")
    assert "Recorded" in profile and "ask" in profile

    again = subprocess.run(
        [sys.executable, "-m", "evals", "bench", "--only", "growth", "--scales", "3", "--report", str(report)],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=1200,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr[-3000:]
    merged = json.loads((report / "benchmarks.json").read_text(encoding="utf-8"))
    assert [g["scale"] for g in merged["growth"]] == [1, 2, 3]
    assert merged["ask"] == data["ask"] and merged["command"] == data["command"]
    assert "--only growth" in (report / "benchmarks.md").read_text(encoding="utf-8")


def test_a_partial_run_replaces_its_rows_and_keeps_the_rest(tmp_path: Path) -> None:
    from evals.bench.report import merge_partial

    full = {
        "command": "full",
        "ask": {"x": 1},
        "growth": [{"scale": 1, "v": "old"}, {"scale": 10, "v": "old"}],
    }
    (tmp_path / "benchmarks.json").write_text(json.dumps(full), encoding="utf-8")
    partial = {
        "command_partial": "part",
        "started": "now",
        "growth": [{"scale": 1, "v": "new"}, {"scale": 100, "v": "new"}],
    }
    merged = merge_partial(tmp_path / "benchmarks.json", partial, "growth")
    assert [(g["scale"], g["v"]) for g in merged["growth"]] == [(1, "new"), (10, "old"), (100, "new")]
    assert merged["ask"] == {"x": 1} and merged["refreshed"][0]["command"] == "part"
    with pytest.raises(AssistantError, match="run `python -m evals bench` first"):
        merge_partial(tmp_path / "missing.json", partial, "growth")


def test_growth_rows_measured_elsewhere_merge_into_the_report(tmp_path: Path) -> None:
    import shutil

    from evals.bench.cli import main

    report = tmp_path / "report"
    shutil.copytree(PROJECT_ROOT / "docs" / "benchmarks", report)
    before = json.loads((report / "benchmarks.json").read_text(encoding="utf-8"))
    source = dict(before)
    # the shipped report may have a 1000× row already: merging replaces the row of that scale
    rows = [g for g in before["growth"] if g["scale"] != 1000]
    big = {
        **rows[-1],
        "scale": 1000,
        "chunks": 41_962,
        "build_cpu_s": 1.5,
        "build_peak_rss_mib": 9.5,
    }
    source["growth"] = [*rows, big]
    source["refreshed"] = [{"phase": "growth", "command": "python -m evals bench --only growth --scales 1000",
                            "started": "2026-01-01T00:00:00+00:00", "duration_s": 10.0, "machine": {"commit": "abc"}}]  # fmt: skip
    (tmp_path / "elsewhere.json").write_text(json.dumps(source), encoding="utf-8")
    args = ["--only", "growth", "--scales", "1000", "--report", str(report)]
    assert main([*args, "--merge-from", str(tmp_path / "elsewhere.json")]) == 0
    merged = json.loads((report / "benchmarks.json").read_text(encoding="utf-8"))
    assert [g["scale"] for g in merged["growth"]] == [*(g["scale"] for g in rows), 1000]
    assert merged["growth"][:-1] == rows and merged["growth"][-1]["build_cpu_s"] == 1.5
    md = (report / "benchmarks.md").read_text(encoding="utf-8")
    assert "| 1000× |" in md and "--scales 1000" in md
    assert main([*args, "--merge-from", str(tmp_path / "missing.json")]) == 1
    assert (
        main(["--scales", "1000", "--report", str(report), "--merge-from", str(tmp_path / "elsewhere.json")])
        == 2
    )
