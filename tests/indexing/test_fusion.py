"""Weighted reciprocal-rank fusion."""

from __future__ import annotations

import pytest

from indexing.fusion import reciprocal_rank_fusion


@pytest.mark.parametrize(
    ("rankings", "weights", "k", "expected"),
    [
        ({"a": ["x", "y"], "b": ["y", "z"]}, {"a": 1, "b": 1}, 60, ["y", "x", "z"]),
        (
            {"a": ["x", "y"], "b": ["y", "x"]},
            {"a": 1, "b": 0.5},
            10,
            ["x", "y"],
        ),  # the heavier list breaks the tie
        ({"a": ["x", "y"], "b": ["y", "x"]}, {"a": 0.5, "b": 1}, 10, ["y", "x"]),
        ({"a": ["x"], "b": []}, {"a": 1, "b": 1}, 60, ["x"]),
        ({"a": [], "b": []}, {"a": 1, "b": 1}, 60, []),
        ({"a": ["x", "x", "y"]}, {"a": 1}, 60, ["x", "y"]),  # a repeated id counts once, at its best rank
    ],
)
def test_order(rankings: dict, weights: dict, k: int, expected: list[str]) -> None:
    assert [d for d, _, _ in reciprocal_rank_fusion(rankings, weights, k)] == expected


def test_scores_and_sources() -> None:
    fused = reciprocal_rank_fusion({"bm25": ["x", "y"], "dense": ["y"]}, {"bm25": 1.0, "dense": 0.5}, 10)
    scores = {d: s for d, s, _ in fused}
    assert scores["y"] == pytest.approx(1 / 12 + 0.5 / 11)
    assert scores["x"] == pytest.approx(1 / 11)
    assert dict((d, src) for d, _, src in fused)["y"] == {"bm25": 2, "dense": 1}


def test_a_zero_weight_list_only_adds_sources() -> None:
    fused = reciprocal_rank_fusion({"bm25": ["x"], "dense": ["y", "x"]}, {"bm25": 1.0, "dense": 0.0}, 10)
    assert [d for d, _, _ in fused][0] == "x"


def test_k_must_be_positive() -> None:
    with pytest.raises(ValueError):
        reciprocal_rank_fusion({}, {}, 0)
