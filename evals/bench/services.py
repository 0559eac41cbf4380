"""Real servers for integration tests and load benchmarks: a `chroma run` server and a PostgreSQL cluster (Debian's package).

Each starts on a free 127.0.0.1 port in a temporary folder and is stopped by its fixture. CI runs as root and
PostgreSQL refuses to run as root, so the cluster then belongs to the ``postgres`` user (``runuser``).
The Makefile's ``services`` target installs Debian's postgresql when it is missing.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

CHROMA = Path(sys.executable).with_name("chroma")


class ServiceUnavailable(RuntimeError):
    """The binaries of a service are not on this machine (the reason says how to get them)."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_listening(port: int, proc: subprocess.Popen[bytes] | None, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}: {_tail(log)}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listened on 127.0.0.1:{port} within {timeout}s: {_tail(log)}")


def stop(proc: subprocess.Popen[bytes], timeout: float = 10) -> None:
    """Ask a server to stop; kill it if it has not within ``timeout`` seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-2000:] if log.exists() else ""


@contextmanager
def chroma_server() -> Iterator[str]:
    """``chroma run`` on a free port; yields ``host:port``."""
    if not CHROMA.exists():
        raise ServiceUnavailable(f"{CHROMA} is missing: pip install chromadb")
    path = Path(tempfile.mkdtemp(prefix="zgsz-chroma-"))
    log = path / "server.log"
    port = free_port()
    # The server logs every request: into a file, since an unread pipe fills up and stalls the server.
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(CHROMA), "run", "--path", str(path / "db"), "--host", "127.0.0.1", "--port", str(port)],
            stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        wait_listening(port, proc, log)
        yield f"127.0.0.1:{port}"
    finally:
        stop(proc, timeout=10)
        shutil.rmtree(path, ignore_errors=True)


def postgres_bin(name: str) -> Path:
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))[::-1]), None
    )
    if not found:
        raise ServiceUnavailable(
            f"PostgreSQL's {name} is not installed: apt-get install -y postgresql (make services does it as root)"
        )
    return Path(found)


@dataclass
class Postgres:
    url: str
    port: int


@contextmanager
def postgres_server() -> Iterator[Postgres]:
    """A throw-away cluster (initdb, trust auth, fsync off) on a free port; yields its URL."""
    initdb, pg_ctl = postgres_bin("initdb"), postgres_bin("pg_ctl")
    base = Path(tempfile.mkdtemp(prefix="zgsz-pg-"))
    data, log = base / "data", base / "server.log"
    as_user: list[str] = []
    if os.geteuid() == 0:
        runuser = shutil.which("runuser")
        if runuser is None:
            raise ServiceUnavailable("running as root without runuser: cannot start PostgreSQL as postgres")
        try:
            shutil.chown(base, "postgres", "postgres")
        except (LookupError, OSError) as exc:
            raise ServiceUnavailable(f"no postgres user to run PostgreSQL as ({exc})") from None
        as_user = [runuser, "-u", "postgres", "--"]
    port = free_port()
    try:
        subprocess.run(
            [*as_user, str(initdb), "-D", str(data), "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        options = f"-F -p {port} -k {base} -c listen_addresses=127.0.0.1 -c max_connections=200"
        subprocess.run(
            [*as_user, str(pg_ctl), "-D", str(data), "-l", str(log), "-o", options, "-w", "start"],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
    except subprocess.CalledProcessError as exc:
        shutil.rmtree(base, ignore_errors=True)
        raise RuntimeError(
            f"PostgreSQL did not start: {exc.stderr.decode(errors='replace')} {_tail(log)}"
        ) from None
    try:
        yield Postgres(f"postgresql://postgres@127.0.0.1:{port}/postgres", port)
    finally:
        subprocess.run(
            [*as_user, str(pg_ctl), "-D", str(data), "-m", "fast", "-w", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(base, ignore_errors=True)
