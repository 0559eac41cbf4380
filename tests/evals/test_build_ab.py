"""build_ab: two cold builds of one corpus compared (vectors, top 5), and its section of the bench report."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from assistant.settings import PROJECT_ROOT
from evals.bench.build_ab import compare, render
from indexing.loader import load_corpus


def _row(scale: int, identical: bool, same: int) -> dict[str, Any]:
    side = {
        "chunks": 418, "texts_embedded": 418, "wall_s": 100.0, "cpu_s": 90.0, "embed_cpu_s": 85.0,
        "rest_cpu_s": 5.0, "chunks_per_s": 4.18,
    }  # fmt: skip
    new = {
        **side,
        "texts_embedded": 394,
        "wall_s": 80.0,
        "cpu_s": 75.0,
        "embed_cpu_s": 72.0,
        "rest_cpu_s": 3.0,
    }
    q = {"recall@1": 0.8, "recall@3": 0.9, "recall@5": 0.95, "mrr@5": 0.85}
    mode = {"questions": 216, "same_top5_in_order": same, "mean_top5_overlap": same / 216, "old": q, "new": q}
    return {
        "scale": scale, "old": side, "new": new, "wall_speedup": 1.25, "cpu_speedup": 1.2,
        "rankings": {"vectors_identical": identical, "vectors_max_abs_diff": 0.0 if identical else 0.01,
                     "as written": mode, "routed": mode},
    }  # fmt: skip


def test_the_report_section_shows_both_builds_and_whether_they_agree() -> None:
    md = "\n".join(
        render({"base": "aaa", "head": "bbb", "rows": [_row(10, True, 216), _row(100, False, 200)]})
    )
    assert "`aaa`" in md and "`bbb`" in md
    assert "418 → 394" in md and "(1.25×)" in md and "(1.20×)" in md
    tens, hundreds = (line for line in md.splitlines() if line.startswith(("| 10×", "| 100×")))
    assert "| yes |" in tens and "216/216 / 216/216" in tens
    assert "no (max diff 0.01)" in hundreds and "200/216" in hundreds
    assert render({}) == [] and render({"rows": []}) == []
    bare = "\n".join(
        render(
            {"base": "a", "head": "b", "no_embed": True, "rows": [{**_row(10, True, 0), "rankings": None}]}
        )
    )
    assert "without the model" in bare and "| — | — |" in bare and "recall" not in bare


def test_builds_apart_and_at_once_are_told_apart_with_the_load_around_them() -> None:
    apart = {
        **_row(100, True, 216),
        "mode": "apart",
        "started": "2026-11-30T05:41:07+00:00",
        "load_avg_start": [0.31, 0.5, 0.6],
        "load_avg_end": [1.97, 1.2, 0.9],
    }
    apart["new"] = {**apart["new"], "load_avg_start": [1.42, 1.0, 0.8]}
    together = {**_row(100, True, 216), "mode": "together", "load_avg_start": [2.5, 2.0, 1.5]}
    md = "\n".join(
        render({"base": "a", "head": "b", "nice": 0, "cores_usable": 2, "rows": [together, apart]})
    )
    at_once, alone = (line for line in md.splitlines() if line.startswith("| 100×"))
    assert "| at once | 2.50 |" in at_once
    assert (
        "| apart (05:41 UTC) | 0.31 → 1.42 → 1.97 |" in alone
    )  # before the base build, between the two, after
    assert "(nice 0, 2 cores)" in md
    assert "100× (apart), routed: recall" in md and "100× (at once), routed: recall" in md


def test_an_unknown_mode_is_refused_with_the_choices(capsys: pytest.CaptureFixture[str]) -> None:
    from evals.bench.build_ab import main

    with pytest.raises(SystemExit):
        main(["--base", "HEAD", "--modes", "apart,sideways"])
    err = capsys.readouterr().err
    assert "sideways" in err and "together, apart" in err


@pytest.mark.slow
@pytest.mark.integration
def test_two_cold_builds_of_the_same_code_agree(tmp_path: Path) -> None:
    corpus = PROJECT_ROOT / "corpus"
    builds = []
    for name in ("one", "two"):
        out = subprocess.run(
            [sys.executable, "-m", "evals.bench.build_ab", "--child", str(corpus), str(tmp_path / name)],
            cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        assert out.returncode == 0, out.stderr[-2000:]
        builds.append(json.loads(out.stdout.strip().splitlines()[-1]))
    for b in builds:
        assert b["chunks"] == b["texts_embedded"] > 0 and 0 < b["embed_cpu_s"] <= b["cpu_s"]
    doc_ids = [d.meta.doc_id for d in load_corpus(corpus).documents]
    got = compare(corpus, tmp_path / "one", tmp_path / "two", doc_ids)
    assert got["opened_as"] == ["up to date", "up to date"] and got["vectors_identical"]
    for mode in ("as written", "routed"):
        assert got[mode]["questions"] > 100 and got[mode]["same_top5_in_order"] == got[mode]["questions"]
        assert got[mode]["old"] == got[mode]["new"]
