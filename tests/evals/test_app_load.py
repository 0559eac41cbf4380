"""The load section of the bench report: targets judged from the numbers, a table row per run, the RSS plot."""

from __future__ import annotations

from pathlib import Path

from evals.bench.app_load import _meets, plot_rss, render_section


def _run(users: int, p95: float, errors: int, rss: list[float]) -> dict:
    samples = [[float(i), mib] for i, mib in enumerate(rss)]
    row = {
        "users": users, "requests": 100 * users, "errors": errors, "requests_per_s": 80.0, "duration_s": len(rss),
        "latency_ms": {"p50": p95 / 2, "p95": p95, "p99": p95 * 1.2, "max": p95 * 2, "mean": p95 / 2, "n": 1},
        "rss_mib": samples, "rss_start_mib": rss[0], "rss_end_mib": rss[-1],
        "rss_last_30s": {"window_s": 30, "min_mib": min(rss[-31:]), "max_mib": max(rss[-31:]),
                         "spread_pct": round((max(rss[-31:]) - min(rss[-31:])) / min(rss[-31:]) * 100, 2)},
    }  # fmt: skip
    row["meets_targets"] = _meets(row)
    return row


def test_targets_are_judged_from_the_numbers() -> None:
    flat = [400.0] * 30 + [420.0] * 31
    growing = [400.0 + 5 * i for i in range(61)]
    assert all(_run(10, 300, 0, flat)["meets_targets"].values())
    slow = _run(50, 1700, 0, flat)["meets_targets"]
    assert not slow["p95_le_1s"] and slow["no_errors"] and slow["rss_flat_10pct"]
    leaky = _run(50, 500, 2, growing)["meets_targets"]
    assert not leaky["rss_flat_10pct"] and not leaky["no_errors"]


def test_section_and_plot(tmp_path: Path) -> None:
    load = {"route": "/gradio_api/call/ask_json", "duration_s": 60, "questions": 35,
            "runs": [_run(10, 300, 0, [400.0] * 61), _run(50, 1700, 0, [400.0] * 61)]}  # fmt: skip
    md = "\n".join(render_section(load))
    assert "## 6. The app under load" in md and "| 10 | 1000 | 0 |" in md and "p95_le_1s missed" in md
    assert "all met" in md
    assert plot_rss(load, tmp_path / "rss.png") and (tmp_path / "rss.png").stat().st_size > 5000
    assert "Not measured" in "\n".join(render_section({"skipped": "no app"}))
