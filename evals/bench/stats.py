"""Latency summaries: nearest-rank percentiles over a list of milliseconds."""

from __future__ import annotations

import math
from collections.abc import Sequence


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100): a value that was actually measured, never an interpolation.

    Example:
        >>> percentile([1, 2, 3, 4], 50), percentile([1, 2, 3, 4], 99)
        (2, 4)
    """
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def summarize(values: Sequence[float]) -> dict[str, float]:
    """n, mean, p50, p95, p99 and max, rounded to 0.01 ms."""
    if not values:
        return {"n": 0, "mean": math.nan, "p50": math.nan, "p95": math.nan, "p99": math.nan, "max": math.nan}
    return {
        "n": len(values),
        "mean": round(sum(values) / len(values), 2),
        "p50": round(percentile(values, 50), 2),
        "p95": round(percentile(values, 95), 2),
        "p99": round(percentile(values, 99), 2),
        "max": round(max(values), 2),
    }


def ratio(a: float, b: float) -> float:
    """a / b, or nan when b is 0 or either is missing."""
    if b in (0, None) or a is None or math.isnan(a) or math.isnan(b):
        return math.nan
    return round(a / b, 3)
