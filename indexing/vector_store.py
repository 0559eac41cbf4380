"""Chunk vectors in Chroma: an embedded PersistentClient under data/index/chroma, or a ``chroma run`` server
when ZGSZ_CHROMA_HOST is set. Cosine space, telemetry off. Texts are embedded through langchain-chroma's
``Chroma`` VectorStore with our ``Embeddings``. Searches run on a :class:`DenseMatrix` of the same vectors,
loaded once when the index opens.

Example:
    >>> store = ChunkVectorStore(settings, make_embeddings(settings))  # doctest: +SKIP
    >>> store.add(chunks); store.search(store.embed_query("贴息"), k=3)  # doctest: +SKIP
    [('yunxi-2023-8:07c2e54c71/0', 0.87), ...]
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from common.errors import ConfigError, IndexNotBuilt
from indexing.embeddings import NamedEmbeddings
from indexing.types import Chunk

if TYPE_CHECKING:
    from indexing.config import IndexSettings

log = logging.getLogger(__name__)

SPACE = "cosine"
WRITE_BATCH = 1024  # chunks per Chroma write (see ChunkVectorStore.add)


def _must_propagate(exc: BaseException) -> bool:
    # Rust panics inside chromadb arrive as pyo3's PanicException, a BaseException: treat them as errors.
    return isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit)


class ChunkVectorStore:
    """One Chroma collection holding one vector per chunk, keyed by chunk id."""

    def __init__(self, settings: IndexSettings, embeddings: NamedEmbeddings) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from langchain_chroma import Chroma

        self.embeddings = embeddings
        self.persist_dir: Path | None = None if settings.chroma_host else chroma_dir(settings)
        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        try:
            if settings.chroma_host:
                self.where = f"http://{settings.chroma_host}:{settings.chroma_port}"
                self._client: Any = chromadb.HttpClient(
                    host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
                )
            else:
                assert self.persist_dir is not None
                self.where = str(self.persist_dir)
                self.persist_dir.mkdir(parents=True, exist_ok=True)
                self._client = chromadb.PersistentClient(path=str(self.persist_dir), settings=chroma_settings)
            self._store = Chroma(
                collection_name=settings.collection,
                embedding_function=embeddings,  # type: ignore[arg-type]
                client=self._client,
                collection_metadata={"embedder": embeddings.name},
                collection_configuration=cast(Any, {"hnsw": {"space": SPACE}}),
            )
        except BaseException as exc:
            if _must_propagate(exc):
                raise
            if settings.chroma_host:
                raise ConfigError(
                    f"无法连接 Chroma 服务器 {settings.chroma_host}:{settings.chroma_port}"
                    f"（{exc.__class__.__name__}: {exc}）。请先运行 `chroma run --host {settings.chroma_host} "
                    f"--port {settings.chroma_port}`，或清空 ZGSZ_CHROMA_HOST 改用内嵌存储"
                ) from None
            raise IndexNotBuilt(
                f"向量库 {self.persist_dir} 无法打开（{exc.__class__.__name__}: {exc}）"
            ) from None
        self._count: int | None = None
        if not self._matches_embedder():
            log.warning(
                "vector collection %s was made by another embedder or space; emptying it", settings.collection
            )
            self.reset()

    @property
    def mode(self) -> str:
        return "embedded" if self.persist_dir is not None else "server"

    @property
    def _collection(self) -> Any:
        return self._store._collection

    def _matches_embedder(self) -> bool:
        meta = self._collection.metadata or {}
        hnsw = (self._collection.configuration or {}).get("hnsw") or {}
        return meta.get("embedder") == self.embeddings.name and hnsw.get("space", SPACE) == SPACE

    def ids(self) -> set[str]:
        return set(self._collection.get(include=[])["ids"])

    def count(self) -> int:
        if self._count is None:
            self._count = int(self._collection.count())
        return self._count

    def add(
        self, chunks: Sequence[Chunk], on_batch: Callable[[int], None] | None = None, batch: int = 16
    ) -> int:
        """Embed and upsert ``chunks`` (their ``indexed_text``), ``batch`` distinct texts at a time; returns how
        many chunks were stored.

        A text is embedded once however many chunks carry it (near-identical documents repeat whole clauses):
        the engine embeds each text on its own, so a shared vector is the one each chunk would have got.
        Vectors are written to Chroma ``WRITE_BATCH`` chunks at a time: each write costs a transaction and an
        HNSW update, and at 38 chunks a write those took 20 s for 4,201 chunks against 6 s at 1,024.
        """
        by_text: dict[str, list[Chunk]] = {}
        for c in chunks:
            by_text.setdefault(c.indexed_text, []).append(c)
        texts = list(by_text)
        parts = [texts[i : i + batch] for i in range(0, len(texts), batch)]
        pending: list[tuple[Chunk, list[float]]] = []
        write_batch = self._write_batch()
        # The next batch is embedded while this one is written: a Chroma write keeps one core busy for a second
        # or more, and the embedder would otherwise wait on it with the other core idle. One batch ahead at most.
        with ThreadPoolExecutor(1, thread_name_prefix="embed-ahead") as ahead:
            future = ahead.submit(self.embeddings.embed_documents, parts[0]) if parts else None
            for k, part in enumerate(parts):
                assert future is not None
                vectors = future.result()
                future = (
                    ahead.submit(self.embeddings.embed_documents, parts[k + 1])
                    if k + 1 < len(parts)
                    else None
                )
                rows = [(c, v) for t, v in zip(part, vectors, strict=True) for c in by_text[t]]
                pending.extend(rows)
                if len(pending) >= write_batch:
                    self._upsert(pending)
                    pending = []
                if on_batch:
                    on_batch(len(rows))
        self._upsert(pending)
        self._count = None
        return len(chunks)

    def _write_batch(self) -> int:
        try:
            return min(WRITE_BATCH, int(self._client.get_max_batch_size()))
        except Exception:  # an older server without the call: the default stays well under its limits
            return WRITE_BATCH

    def _upsert(self, rows: Sequence[tuple[Chunk, list[float]]]) -> None:
        # One text shared by many chunks (a clause every county copied: 1,000 chunks at the 1000× bench) turns one
        # embedding batch into more rows than Chroma takes in one call (5,461 embedded), so writes are sliced.
        size = self._write_batch()
        for i in range(0, len(rows), size):
            part = rows[i : i + size]
            self._collection.upsert(
                ids=[c.chunk_id for c, _ in part],
                embeddings=[v for _, v in part],
                documents=[c.indexed_text for c, _ in part],
                metadatas=[
                    {"doc_id": c.doc_id, "clause_id": c.clause_id, "path": c.path_str, "part": c.part}
                    for c, _ in part
                ],
            )

    def delete(self, ids: Sequence[str]) -> None:
        if ids:
            self._store.delete(ids=list(ids))
            self._count = None

    def embed_query(self, text: str) -> list[float]:
        return self.embeddings.embed_query(text)

    def search(
        self, vector: Sequence[float], k: int, doc_ids: Sequence[str] | None = None
    ) -> list[tuple[str, float]]:
        """The ``k`` nearest chunk ids with their cosine similarity (1 − cosine distance), best first; with
        ``doc_ids``, only chunks of those documents (a Chroma ``where`` on the chunk's doc_id)."""
        n = min(k, self.count())
        if n <= 0:
            return []
        where: dict[str, Any] | None = None
        if doc_ids is not None:
            where = {"doc_id": {"$in": list(doc_ids)}}
        res = self._collection.query(
            query_embeddings=[list(vector)], n_results=n, where=where, include=["distances"]
        )
        return [(cid, 1.0 - float(d)) for cid, d in zip(res["ids"][0], res["distances"][0], strict=True)]

    def vectors(self, ids: Sequence[str], batch: int = 2000) -> np.ndarray:
        """The stored vectors of ``ids``, in that order, fetched in a few calls (not one per chunk)."""
        by_id: dict[str, Any] = {}
        try:
            for i in range(0, len(ids), batch):
                got = self._collection.get(ids=list(ids[i : i + batch]), include=["embeddings"])
                by_id.update(zip(got["ids"], got["embeddings"], strict=True))
        except BaseException as exc:
            if _must_propagate(exc):
                raise
            raise IndexNotBuilt(f"向量库无法读取（{exc.__class__.__name__}: {exc}）") from None
        missing = [i for i in ids if i not in by_id]
        if missing:
            raise IndexNotBuilt(f"向量库缺少 {len(missing)} 个片段的向量")
        return np.asarray([by_id[i] for i in ids], dtype=np.float32).reshape(len(ids), -1)

    def verify(self, expected_ids: set[str]) -> None:
        """Raise IndexNotBuilt unless the collection holds exactly ``expected_ids`` and finds a stored vector
        as its own nearest neighbour (a cheap probe that catches damaged HNSW files)."""
        try:
            stored = self.ids()
            if stored != expected_ids:
                raise IndexNotBuilt(
                    f"向量库与索引清单不一致（{len(stored)} 条向量，清单 {len(expected_ids)} 条）"
                )
            if not stored:
                return
            probe_id = min(stored)
            got = self._collection.get(ids=[probe_id], include=["embeddings"])
            vector = got["embeddings"][0]
            top = self.search(vector, 1)
            if not top or (top[0][0] != probe_id and top[0][1] < 0.999):  # a duplicate text may tie
                raise IndexNotBuilt("向量库检索自检失败（a stored vector is not its own nearest neighbour）")
        except IndexNotBuilt:
            raise
        except BaseException as exc:
            if _must_propagate(exc):
                raise
            raise IndexNotBuilt(f"向量库无法读取（{exc.__class__.__name__}: {exc}）") from None

    def reset(self) -> None:
        """Empty the collection (drop and recreate it)."""
        self._store.reset_collection()
        self._count = None

    def close(self) -> None:
        try:
            self._client.close()
        except Exception:  # closing is best effort; a dead server has nothing left to release
            log.debug("closing the Chroma client failed", exc_info=True)


class DenseMatrix:
    """Exact cosine search over the store's vectors, loaded once: a query costs one matrix-vector product and
    no I/O (the store's own query reads its SQLite files and, in server mode, makes an HTTP call). The ranking
    is the store's: tests compare the two."""

    def __init__(self, ids: Sequence[str], vectors: np.ndarray) -> None:
        if len(ids) != len(vectors):
            raise ValueError(f"{len(ids)} ids but {len(vectors)} vectors")
        norms = np.linalg.norm(vectors, axis=1, keepdims=True) if len(vectors) else np.ones((0, 1))
        self.ids = list(ids)
        self._unit = (vectors / np.maximum(norms, 1e-12)).astype(np.float32)

    def search(
        self, vector: Sequence[float], k: int, allowed: np.ndarray | None = None
    ) -> list[tuple[str, float]]:
        """The ``k`` nearest ids with their cosine similarity, best first; ``allowed`` (a boolean mask over
        ``ids``) keeps only those rows, as the store's ``where`` filter does."""
        if k <= 0 or not self.ids:
            return []
        q = np.asarray(vector, dtype=np.float32)
        scores = self._unit @ (q / max(float(np.linalg.norm(q)), 1e-12))
        if allowed is not None:
            scores = np.where(allowed, scores, -np.inf)
            k = min(k, int(allowed.sum()))
            if k <= 0:
                return []
        k = min(k, len(self.ids))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self.ids[i], float(scores[i])) for i in top]


def chroma_dir(settings: IndexSettings) -> Path:
    return settings.index_dir / "chroma"


def wipe_embedded_store(settings: IndexSettings) -> None:
    """Delete the embedded store's folder, first releasing chromadb's cached system for that path."""
    path = chroma_dir(settings)
    try:
        from chromadb.api.shared_system_client import SharedSystemClient

        system = SharedSystemClient._identifier_to_system.pop(str(path), None)
        SharedSystemClient._identifier_to_refcount.pop(str(path), None)
        if system is not None:
            system.stop()
    except Exception:  # chromadb internals moved: deleting the folder is still the fix
        log.debug("could not release chromadb's cached system for %s", path, exc_info=True)
    shutil.rmtree(path, ignore_errors=True)
