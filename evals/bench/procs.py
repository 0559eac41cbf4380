"""Child processes, timed and measured: wall time, time to first output line, and peak RSS.

Peak RSS of a process that exits comes from ``os.wait4`` (the kernel's ru_maxrss of exactly that child); of a
server that keeps running, from VmHWM in /proc/<pid>/status.
"""

from __future__ import annotations

import os
import resource
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import AssistantError


@dataclass
class Measured:
    argv: list[str]
    returncode: int
    wall_s: float
    first_line_s: float | None
    max_rss_mib: float
    stdout: str
    stderr: str


def child_env(base: Mapping[str, str], pinned: bool, **zgsz: object) -> dict[str, str]:
    """The environment of a child: ``base`` plus ZGSZ_* settings; one OpenMP thread when pinned to one core."""
    env = dict(base)
    env.update({f"ZGSZ_{k.upper()}": str(v) for k, v in zgsz.items()})
    env["PYTHONUNBUFFERED"] = "1"
    if pinned:
        env["OMP_NUM_THREADS"] = "1"
    return env


def _affinity(cpu: int | None):  # type: ignore[no-untyped-def]
    if cpu is None:
        return None
    return lambda: os.sched_setaffinity(0, {cpu})


def run_measured(
    argv: Sequence[str], env: Mapping[str, str], cwd: Path, cpu: int | None = None, timeout: float = 900
) -> Measured:
    """Run ``argv`` to completion; ``cpu`` pins it (before Python starts) to that core."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        list(argv),
        cwd=cwd,
        env=dict(env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        preexec_fn=_affinity(cpu),  # noqa: PLW1509 - only sets the CPU affinity
    )
    first: list[float] = []
    out: list[bytes] = []
    err: list[bytes] = []

    def read_out() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            if not first:
                first.append(time.perf_counter() - started)
            out.append(line)

    def read_err() -> None:
        assert proc.stderr is not None
        err.append(proc.stderr.read())

    readers = [threading.Thread(target=read_out, daemon=True), threading.Thread(target=read_err, daemon=True)]
    for r in readers:
        r.start()
    status, rusage = _wait(proc, timeout)
    wall = time.perf_counter() - started
    for r in readers:
        r.join(timeout=10)
    return Measured(
        argv=list(argv),
        returncode=os.waitstatus_to_exitcode(status),
        wall_s=wall,
        first_line_s=first[0] if first else None,
        max_rss_mib=rusage.ru_maxrss / 1024,
        stdout=b"".join(out).decode("utf-8", "replace"),
        stderr=b"".join(err).decode("utf-8", "replace"),
    )


def _wait(proc: subprocess.Popen[bytes], timeout: float) -> tuple[int, resource.struct_rusage]:
    deadline = time.monotonic() + timeout
    while True:
        pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait for it again
            return status, rusage
        if time.monotonic() > deadline:
            proc.kill()
            _, status, rusage = os.wait4(proc.pid, 0)
            proc.returncode = -9
            raise AssistantError(f"{' '.join(proc.args)} ran longer than {timeout:.0f} s and was stopped")  # type: ignore[arg-type]
        time.sleep(0.002)


def run_worker(
    phase: str, cwd: Path, env: Mapping[str, str], cpu: int | None, timeout: float, **options: object
) -> tuple[dict, Measured]:  # type: ignore[type-arg]
    """Run one ``evals.bench.worker`` phase; return its JSON result and how the process itself measured."""
    import json
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
        out = Path(tmp.name)
    argv = [sys.executable, "-m", "evals.bench.worker", phase, "--out", str(out)]
    for key, value in options.items():
        flag = "--" + key.replace("_", "-")
        for v in value if isinstance(value, list | tuple) else [value]:
            if v is None or v is False:
                continue
            argv += [flag] if v is True else [flag, str(v)]
    try:
        measured = run_measured(argv, env, cwd, cpu=cpu, timeout=timeout)
        if measured.returncode != 0:
            tail = "\n".join(measured.stderr.strip().splitlines()[-15:])
            raise AssistantError(f"benchmark phase {phase!r} failed (exit {measured.returncode}):\n{tail}")
        return json.loads(out.read_text(encoding="utf-8")), measured
    finally:
        out.unlink(missing_ok=True)


def proc_status_mib(pid: int, field: str) -> float | None:
    """A kB field of /proc/<pid>/status (VmRSS, VmHWM …) in MiB, or None when it cannot be read."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return None


def vm_hwm_mib(pid: int) -> float | None:
    """Peak resident set of a running process."""
    return proc_status_mib(pid, "VmHWM")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def pick_cpu() -> int | None:
    """The core to pin latency runs to: the last one this process may use (None where affinity is unknown)."""
    try:
        return max(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return None
