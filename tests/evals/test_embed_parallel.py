"""embed_parallel: the four ways of using the cores embed the same passages to the same vectors."""

from __future__ import annotations

import pytest

from evals.bench import embed_parallel
from indexing import e5_onnx


@pytest.mark.slow  # five model loads (three sessions here, one in each worker)
@pytest.mark.skipif(e5_onnx.unavailable() is not None, reason=str(e5_onnx.unavailable()))
def test_every_way_gives_the_one_thread_vectors(capsys: pytest.CaptureFixture[str]) -> None:
    rows = embed_parallel.run(copies=1, rounds=1, cores=2, limit=5)
    assert [r["way"] for r in rows] == ["1 thread", "threads", "intra-op", "processes"]
    assert all(r["texts"] == 5 and r["wall_s"] > 0 for r in rows)
    assert all(r["max_abs_diff"] == 0.0 for r in rows)  # a text's vector never depends on how it was run
    assert rows[-1]["cpu_s"] > 0  # the workers' CPU is counted, not only the waiting parent's
    assert capsys.readouterr().out.count("round 1") == 4
