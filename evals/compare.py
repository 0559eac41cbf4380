"""Compare two runs: which cases broke, which were fixed, and how every metric moved.

Example:
    >>> diff = compare(load_report(Path("out/before")), load_report(Path("out/after")))  # doctest: +SKIP
    >>> [c["id"] for c in diff["regressions"]]  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from evals.metrics import flat

# Metrics where a smaller number is better; every other metric is better when larger.
_LOWER_IS_BETTER = ("latency_ms.", "errors", "unwanted")
# Counts that describe the suite rather than the assistant: shown only when they changed.
_SIZES = ("cases", "checks", "citations", "answers")


def compare(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    """Regressions (passed → failed), fixes (failed → passed), added/removed case ids, and metric deltas."""
    a = {c["id"]: c for c in before["cases"]}
    b = {c["id"]: c for c in after["cases"]}
    common = [i for i in b if i in a]
    regressions = [_row(b[i]) for i in common if a[i]["passed"] and not b[i]["passed"]]
    fixes = [_row(b[i]) for i in common if not a[i]["passed"] and b[i]["passed"]]
    fa, fb = flat(before["metrics"]), flat(after["metrics"])
    deltas = []
    for name in sorted(set(fa) | set(fb)):
        x, y = fa.get(name), fb.get(name)
        if x == y:
            continue
        delta = None if x is None or y is None else round(y - x, 4)
        deltas.append(
            {"metric": name, "before": x, "after": y, "delta": delta, "better": _better(name, delta)}
        )
    return {
        "regressions": regressions,
        "fixes": fixes,
        "added": [i for i in b if i not in a],
        "removed": [i for i in a if i not in b],
        "still_failing": sum(1 for i in common if not a[i]["passed"] and not b[i]["passed"]),
        "metrics": deltas,
    }


def _row(case: Mapping[str, Any]) -> dict[str, Any]:
    reasons = [f"{k['expectation']}: {k['reason']}" for k in case.get("checks", []) if not k["passed"]]
    return {"id": case["id"], "category": case.get("category", ""), "reasons": reasons}


def _better(name: str, delta: float | None) -> bool | None:
    leaf = name.rsplit(".", 1)[-1]
    if delta is None or delta == 0 or leaf in _SIZES or leaf == "passed":
        return None
    lower = name.startswith(_LOWER_IS_BETTER) or leaf in _LOWER_IS_BETTER
    return delta < 0 if lower else delta > 0


def format_comparison(diff: Mapping[str, Any], before_name: str = "A", after_name: str = "B") -> str:
    """The comparison as terminal text."""
    lines = [f"comparing {before_name} → {after_name}"]
    lines.append(f"\nregressions ({len(diff['regressions'])}):")
    lines += [f"  - {r['id']} [{r['category']}] {'; '.join(r['reasons'])}" for r in diff["regressions"]] or [
        "  none"
    ]
    lines.append(f"fixes ({len(diff['fixes'])}):")
    lines += [f"  + {r['id']} [{r['category']}]" for r in diff["fixes"]] or ["  none"]
    if diff["added"] or diff["removed"]:
        lines.append(f"cases added: {len(diff['added'])}, removed: {len(diff['removed'])}")
        lines += [f"  added {i}" for i in diff["added"][:20]] + [
            f"  removed {i}" for i in diff["removed"][:20]
        ]
    lines.append(f"still failing in both: {diff['still_failing']}")
    lines.append("\nmetric changes:")
    marks = {True: "better", False: "worse", None: ""}
    for d in diff["metrics"]:
        delta = "n/a" if d["delta"] is None else f"{d['delta']:+g}"
        lines.append(
            f"  {d['metric']:<40} {d['before']!s:>10} → {d['after']!s:<10} {delta:>9} {marks[d['better']]}"
        )
    if not diff["metrics"]:
        lines.append("  none")
    return "\n".join(lines)
