"""PNG plots of the benchmark results (matplotlib, Agg backend; English labels, so no CJK font is needed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

GROWTH_PNG = "growth.png"
SIDE_PNG = "side_by_side.png"
LATENCY_PNG = "latency.png"


def write_plots(results: dict[str, Any], out_dir: Path) -> list[str]:
    """Write every plot the results allow; return the file names written."""
    written = []
    for name, draw in ((GROWTH_PNG, _growth), (SIDE_PNG, _side_by_side), (LATENCY_PNG, _latency)):
        fig = draw(results)
        if fig is None:
            continue
        fig.savefig(out_dir / name, dpi=110, bbox_inches="tight")
        plt.close(fig)
        written.append(name)
    return written


def _growth(results: dict[str, Any]) -> Any:
    rows = results.get("growth") or []
    if not rows:
        return None
    k = results["options"]["k"]
    chunks = [r["chunks"] for r in rows]
    fig, (lat, rec, build) = plt.subplots(1, 3, figsize=(14, 4))
    lat.plot(chunks, [r["search_p50_ms"] for r in rows], "o-", label="p50")
    lat.plot(chunks, [r["search_p95_ms"] for r in rows], "s-", label="p95")
    lat.set(xscale="log", xlabel="chunks in index", ylabel="ms", title="Warm search latency (1 core)")
    lat.legend()
    for suite, marker in (("public", "o"), ("gold", "s")):
        rec.plot(chunks, [r[f"recall@{k}_{suite}"] for r in rows], marker + "-", label=f"{suite} suite")
        named = [r.get(f"recall@{k}_named_{suite}") for r in rows]
        if all(v is not None for v in named):
            rec.plot(chunks, named, marker + "--", alpha=0.6, label=f"{suite}, place named")
    rec.set(xscale="log", xlabel="chunks in index", ylabel=f"recall@{k}", ylim=(0, 1.02))
    rec.set_title(f"Real clause in top {k} among distractors")
    rec.legend()
    build.plot(chunks, [r["build_ms_per_chunk"] for r in rows], "o-")
    build.set(
        xscale="log", xlabel="chunks in index", ylabel="ms per chunk", title="Cold build time per chunk"
    )
    for ax in (lat, rec, build):
        ax.grid(alpha=0.3)
        for r, x in zip(rows, chunks, strict=True):
            ax.annotate(f"{r['scale']}×", (x, ax.get_ylim()[0]), textcoords="offset points", xytext=(0, 3),
                        ha="center", fontsize=8, color="gray")  # fmt: skip
    fig.tight_layout()
    return fig


def _side_by_side(results: dict[str, Any]) -> Any:
    sbs = (results.get("side_by_side") or {}).get("all")
    if not sbs:
        return None
    k = results["options"]["k"]
    fig, (quality, speed) = plt.subplots(1, 2, figsize=(10, 4))
    metrics = [f"recall@{k}", "recall@1", "mrr"]
    xs = range(len(metrics))
    width = 0.38
    quality.bar(
        [x - width / 2 for x in xs], [sbs["ours"][m] for m in metrics], width, label="ours (hybrid, clauses)"
    )
    quality.bar(
        [x + width / 2 for x in xs], [sbs["stock"][m] for m in metrics], width, label="stock LangChain"
    )
    quality.set_xticks(list(xs), metrics)
    quality.set(ylim=(0, 1.05), title=f"Retrieval, {sbs['questions']} questions")
    quality.legend(loc="lower right")
    lat = ["p50_ms", "p95_ms"]
    xs = range(len(lat))
    speed.bar([x - width / 2 for x in xs], [sbs["ours"][m] for m in lat], width, label="ours")
    speed.bar([x + width / 2 for x in xs], [sbs["stock"][m] for m in lat], width, label="stock")
    speed.set_xticks(list(xs), ["p50", "p95"])
    speed.set(ylabel="ms", title="Warm search latency (1 core)")
    speed.legend()
    fig.tight_layout()
    return fig


def _latency(results: dict[str, Any]) -> Any:
    series = []
    for label, summary in (
        ("search (ours)", (results.get("search") or {}).get("ours_ms")),
        ("search (stock)", (results.get("search") or {}).get("stock_ms")),
        ("ask, per turn", (results.get("ask") or {}).get("turn_ms")),
    ):
        if summary and summary.get("n"):
            series.append((label, summary))
    if not series:
        return None
    fig, ax = plt.subplots(figsize=(8, 4))
    xs = range(len(series))
    for offset, q in ((-0.25, "p50"), (0, "p95"), (0.25, "p99")):
        ax.bar([x + offset for x in xs], [s[q] for _, s in series], 0.25, label=q)
    ax.set_xticks(list(xs), [label for label, _ in series])
    ax.set(ylabel="ms", title="Warm latency on one core, public + gold suites")
    ax.legend()
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    return fig
