"""Damage to any file of a built index (keyword index, Chroma's SQLite and HNSW segment files, the state file)
never takes the service down: the index opens, rebuilds what it must, and answers exactly as an undamaged one —
and an index damaged while the service runs keeps answering from memory."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.settings import Settings
from indexing.index import PolicyIndex

QUERIES = ["贴息", "智能车间投入800万能拿多少", "DCMM认证", "工业互联网平台国家级奖励", "有效期", "责任部门"]


def _settings(data: Path) -> Settings:
    return Settings(data_dir=data, _env_file=None)  # type: ignore[call-arg]


def _ranks(index: PolicyIndex) -> list[list[str]]:
    return [[h.chunk.chunk_id for h in index.search(q, 5)] for q in QUERIES]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list[list[str]]]]:
    data = tmp_path_factory.mktemp("corruption") / "data"
    index = PolicyIndex.open(_settings(data), progress=False)
    try:
        yield data, _ranks(index)
    finally:
        index.close()


def _files(data: Path) -> list[str]:
    return sorted(str(p.relative_to(data)) for p in (data / "index").rglob("*") if p.is_file())


def _damage(path: Path, mode: str) -> None:
    if mode == "garbage":
        path.write_bytes(b"\x00not what it should be\xff" * 40)
    elif mode == "truncated":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    else:
        path.write_bytes(b"")


# Chroma's SQLite file holds the vectors: damaging it means embedding everything again (tens of seconds on a
# shared CPU), which test_index_lifecycle covers for garbage; here it is damaged the other two ways, as slow tests.
SLOW = {"index/chroma/chroma.sqlite3"}


def _cases() -> list[object]:
    names = ["state.json", "manifest.json", "bm25/chunk_ids.json", "bm25/params.index.json", "bm25/vocab.index.json",
             "bm25/data.csc.index.npy", "bm25/indices.csc.index.npy", "bm25/indptr.csc.index.npy",
             "chroma/*/data_level0.bin", "chroma/*/header.bin", "chroma/*/length.bin", "chroma/*/link_lists.bin",
             "chroma/chroma.sqlite3"]  # fmt: skip
    out: list[object] = []
    for name in names:
        for mode in ("garbage", "truncated", "empty"):
            rel = f"index/{name}"
            if rel in SLOW and mode == "garbage":
                continue
            marks = [pytest.mark.slow] if rel in SLOW else []
            out.append(pytest.param(rel, mode, marks=marks, id=f"{name}-{mode}"))
    return out


def test_every_index_file_is_covered(base: tuple[Path, list[list[str]]]) -> None:
    data, _ = base
    covered = {str(p) for p in _cases_paths(data)}
    assert set(_files(data)) <= covered, set(_files(data)) - covered


def _cases_paths(data: Path) -> list[Path]:
    out = []
    for case in _cases():
        rel = case.values[0]  # type: ignore[attr-defined]
        out += [p.relative_to(data) for p in data.glob(rel)]
    return out


@pytest.mark.parametrize(("rel", "mode"), _cases())
def test_a_damaged_file_never_stops_the_answers(
    base: tuple[Path, list[list[str]]], tmp_path: Path, rel: str, mode: str
) -> None:
    src, clean = base
    data = tmp_path / "data"
    shutil.copytree(src, data)
    (path,) = data.glob(rel)
    _damage(path, mode)
    index = PolicyIndex.open(_settings(data), progress=False)
    try:
        assert _ranks(index) == clean, index.report.reason
    finally:
        index.close()
    again = PolicyIndex.open(_settings(data), progress=False)
    try:
        assert _ranks(again) == clean
    finally:
        again.close()


def test_an_index_damaged_while_serving_keeps_answering(
    base: tuple[Path, list[list[str]]], tmp_path: Path
) -> None:
    src, clean = base
    data = tmp_path / "data"
    shutil.copytree(src, data)
    index = PolicyIndex.open(_settings(data), progress=False)
    try:
        for path in (data / "index").rglob("*"):
            if path.is_file():
                _damage(path, "garbage")
        assert _ranks(index) == clean
    finally:
        index.close()
    reopened = PolicyIndex.open(_settings(data), progress=False)  # and the next start rebuilds
    try:
        assert _ranks(reopened) == clean and reopened.report.reason.startswith(("rebuilt", "first build"))
    finally:
        reopened.close()
