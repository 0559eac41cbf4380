"""Chroma's HTTP mode against a real `chroma run` server that the test starts on 127.0.0.1 and stops."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.errors import ConfigError
from assistant.settings import PROJECT_ROOT, Settings
from evals.bench.services import free_port, stop, wait_listening
from indexing.index import PolicyIndex

pytestmark = pytest.mark.integration
CHROMA = Path(sys.executable).with_name("chroma")


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    if not CHROMA.exists():
        pytest.skip(f"{CHROMA} not installed")
    path = tmp_path_factory.mktemp("chroma-server")
    log = path.parent / "chroma-server.log"
    port = free_port()
    # The server logs every request: into a file, since an unread pipe fills up and stalls the server.
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(CHROMA), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_listening(port, proc, log)
        yield port, path
    finally:
        stop(proc, timeout=10)


def test_index_and_search_through_the_server(chroma_server: tuple[int, Path], tmp_path: Path) -> None:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    port, server_path = chroma_server
    corpus = tmp_path / "corpus"
    shutil.copytree(PROJECT_ROOT / "corpus" / "taixing-2022-25", corpus / "taixing-2022-25")
    settings = Settings(
        corpus_dir=corpus,
        data_dir=tmp_path / "data",
        chroma_host="127.0.0.1",
        chroma_port=port,
        _env_file=None,  # type: ignore[call-arg]
    )
    report = PolicyIndex.build(settings, progress=False)
    assert report.embedded == report.chunks > 0 and report.store.startswith("server http://127.0.0.1:")
    assert not (tmp_path / "data" / "index" / "chroma").exists(), (
        "vectors live on the server, not on local disk"
    )

    client = chromadb.HttpClient(
        host="127.0.0.1", port=port, settings=ChromaSettings(anonymized_telemetry=False)
    )
    collection = client.get_collection(settings.collection)
    assert collection.count() == report.chunks
    assert collection.configuration["hnsw"]["space"] == "cosine"

    index = PolicyIndex.open(settings, progress=False)
    try:
        assert index.report.reason == "up to date"
        hit = index.search("贴息能贴多少？", 1)[0]
        assert "强化金融保障" in hit.chunk.path_str and "dense" in hit.sources
    finally:
        index.close()

    # the server lost the collection: the next open notices and fills it again
    client.delete_collection(settings.collection)
    index = PolicyIndex.open(settings, progress=False)
    try:
        assert index.report.reason.startswith("rebuilt") and index.report.embedded == report.chunks
    finally:
        index.close()
    assert any(server_path.iterdir()), "the server persisted to its own --path"


def test_an_unreachable_server_is_a_clear_config_error(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, chroma_host="127.0.0.1", chroma_port=free_port(), _env_file=None)  # type: ignore[call-arg]
    with pytest.raises(ConfigError, match="chroma run"):
        PolicyIndex.open(settings, progress=False)
