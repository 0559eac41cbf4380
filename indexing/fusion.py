"""Weighted reciprocal-rank fusion: score(d) = Σ_r weight_r / (k + rank_r(d)), ranks 1-based.

RRF needs no score calibration between BM25 and cosine similarity, only ranks; ``k`` damps the advantage of
the very first places (60 is the value of Cormack et al., 2009).

Example:
    >>> fused = reciprocal_rank_fusion({"bm25": ["a", "b"], "dense": ["b", "c"]}, {"bm25": 1.0, "dense": 1.0}, k=60)
    >>> [(doc, round(score, 4), ranks) for doc, score, ranks in fused]
    [('b', 0.0325, {'bm25': 2, 'dense': 1}), ('a', 0.0164, {'bm25': 1}), ('c', 0.0161, {'dense': 2})]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def reciprocal_rank_fusion(
    rankings: Mapping[str, Sequence[str]], weights: Mapping[str, float], k: int
) -> list[tuple[str, float, dict[str, int]]]:
    """Fuse ranked id lists; returns (id, score, {ranking name: rank}) best first, ties broken by best rank."""
    if k < 1:
        raise ValueError(f"rrf k must be at least 1, got {k}")
    scores: dict[str, float] = {}
    ranks: dict[str, dict[str, int]] = {}
    for name, ids in rankings.items():
        weight = weights.get(name, 1.0)
        for rank, doc_id in enumerate(ids, start=1):
            if doc_id in ranks and name in ranks[doc_id]:
                continue  # a list that repeats an id counts it once, at its best rank
            scores[doc_id] = scores.get(doc_id, 0.0) + weight / (k + rank)
            ranks.setdefault(doc_id, {})[name] = rank
    return sorted(
        ((d, s, ranks[d]) for d, s in scores.items()),
        key=lambda item: (-item[1], min(item[2].values()), item[0]),
    )
