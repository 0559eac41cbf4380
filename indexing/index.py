"""The derived index (data/index/) and hybrid search over it; the one entry point of the indexing package.

``PolicyIndex.open(settings)`` loads the corpus, and when corpus/ (or a setting the index depends on) changed
since the last build — a hash of the files, cheap — refreshes the index: BM25 is rebuilt (milliseconds), and
only chunks whose text changed are embedded again (content-hash manifest). A missing or damaged index is
logged with the reason and rebuilt. After that everything a search needs is in memory.

Example:
    >>> index = PolicyIndex.open(Settings())  # doctest: +SKIP
    >>> [h.chunk.path_str for h in index.search("贴息能贴多少？", k=1)]  # doctest: +SKIP
    ['附件 › 四、加强服务能力保障 › （十一）强化金融保障']
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Collection
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

import numpy as np

import indexing.index_files as files
from common.errors import BadQuery, CorpusError, IndexNotBuilt
from indexing.aliases import AliasRouter, clause_aliases
from indexing.chunker import chunk_clauses
from indexing.embeddings import make_embeddings
from indexing.fusion import reciprocal_rank_fusion
from indexing.keyword_index import KeywordIndex
from indexing.loader import CorpusLoad, load_corpus
from indexing.query import clean_query
from indexing.tokenizer import PolicyTokenizer, load_user_words
from indexing.types import Chunk, Clause, DocMeta, Hit, PolicyDocument
from indexing.vector_store import ChunkVectorStore, DenseMatrix

if TYPE_CHECKING:
    from indexing.config import IndexSettings
    from indexing.retriever import PolicyRetriever

log = logging.getLogger(__name__)

CANDIDATES = 30  # how deep each side's list goes into the fusion
_QUERY_CACHE = 256
PIN_EVERY = 3  # at most one alias-named clause pinned per three hits


@dataclass
class BuildReport:
    """What opening or building the index did."""

    reason: str  # "up to date", "first build", "corpus changed", "forced", "rebuilt: <what was wrong>"
    documents: int
    clauses: int
    chunks: int
    embedded: int = 0
    deleted: int = 0
    unchanged: int = 0
    seconds: float = 0.0
    store: str = ""
    problems: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    def summary(self) -> str:
        lines = [
            f"索引：{self.reason}；{self.documents} 份文件，{self.clauses} 个条款，{self.chunks} 个片段",
            f"向量：新嵌入 {self.embedded}，未变 {self.unchanged}，删除 {self.deleted}（{self.store}）",
            f"用时 {self.seconds:.2f} 秒",
        ]
        lines += [f"问题：{p}" for p in self.problems]
        return "\n".join(lines)


class PolicyIndex:
    """Clauses, chunks, the BM25 index and the vector store of one corpus, ready to search."""

    def __init__(
        self,
        settings: IndexSettings,
        corpus: CorpusLoad,
        chunks: list[Chunk],
        tokenizer: PolicyTokenizer,
        keyword: KeywordIndex,
        store: ChunkVectorStore,
        report: BuildReport,
    ) -> None:
        ids = [c.chunk_id for c in chunks]
        self._matrix = DenseMatrix(ids, store.vectors(ids))  # one fetch now, no I/O per query
        self.settings = settings
        self.corpus = corpus
        self.chunks = chunks
        self.tokenizer = tokenizer
        self.report = report
        self._keyword = keyword
        self._store = store
        self._by_chunk = {c.chunk_id: c for c in chunks}
        self._chunk_docs = np.array([c.doc_id for c in chunks])  # for document filters, in index order
        self._meta = {d.meta.doc_id: d.meta for d in corpus.documents}
        self._query_vectors: OrderedDict[str, list[float]] = OrderedDict()  # the UI searches from two threads
        self._cache_lock = threading.Lock()
        self._first_chunk: dict[str, str] = {}
        for c in chunks:
            self._first_chunk.setdefault(c.clause_id, c.chunk_id)
        folders = {d.meta.folder.name: d.meta.doc_id for d in corpus.documents}
        self._router = AliasRouter(
            clause_aliases(settings.corpus_dir, folders),
            {(c.doc_id, c.path): c.clause_id for c in corpus.clauses},
        )

    # ---- lifecycle -------------------------------------------------------------------------------------------
    @classmethod
    def open(cls, settings: IndexSettings, progress: bool = True) -> PolicyIndex:
        """Open the index, building or refreshing it first when needed."""
        return cls._open(settings, progress=progress, force=False)

    @classmethod
    def build(cls, settings: IndexSettings, progress: bool = True, rebuild: bool = False) -> BuildReport:
        """Build or refresh the index now (``rebuild`` starts from nothing) and report what was done."""
        if rebuild:
            files.wipe_index(settings)
        index = cls._open(settings, progress=progress, force=True)
        index.close()
        return index.report

    @classmethod
    def _open(cls, settings: IndexSettings, progress: bool, force: bool) -> PolicyIndex:
        started = time.perf_counter()
        corpus = load_corpus(settings.corpus_dir)
        if not corpus.documents:
            raise CorpusError(f"{settings.corpus_dir} 中没有可用的政策文件：" + "；".join(corpus.problems))
        chunks = chunk_clauses(corpus.clauses, settings.chunk_chars)
        embeddings = make_embeddings(settings)
        tokenizer = PolicyTokenizer(
            load_user_words(settings.corpus_dir), cache_dir=settings.data_dir / "cache"
        )
        fingerprint = files.fingerprint(settings, embeddings.name)
        state = files.read_state(settings)
        ids = [c.chunk_id for c in chunks]

        def report(reason: str, embedded: int = 0, deleted: int = 0, unchanged: int = 0) -> BuildReport:
            return BuildReport(
                reason=reason,
                documents=len(corpus.documents),
                clauses=len(corpus.clauses),
                chunks=len(chunks),
                embedded=embedded,
                deleted=deleted,
                unchanged=unchanged,
                problems=list(corpus.problems),
                seconds=time.perf_counter() - started,
            )

        if state is None:
            reason = "rebuilt: 索引状态文件损坏" if files.state_path(settings).exists() else "first build"
        elif state.get("fingerprint") != fingerprint:
            reason = "corpus changed"
            log.info("corpus/ 或索引设置自上次建索引后有变化，正在增量刷新索引")
        elif force:
            reason = "forced"
        else:
            try:
                keyword = KeywordIndex.load(files.bm25_dir(settings))
                if keyword.ids != ids:
                    raise IndexNotBuilt("关键词索引与语料不一致")
                store = files.connect_store(settings, embeddings)
                try:
                    store.verify(set(ids))
                    rep = report("up to date", unchanged=len(chunks))
                    rep.store = f"{store.mode} {store.where}"
                    return cls(settings, corpus, chunks, tokenizer, keyword, store, rep)
                except IndexNotBuilt:
                    store.close()
                    raise
            except IndexNotBuilt as exc:
                reason = f"rebuilt: {exc}"
        if reason.startswith("rebuilt"):
            log.warning(
                "索引不可用（%s），正在从 corpus/ 重建；不需要手动操作", reason.removeprefix("rebuilt: ")
            )

        keyword = KeywordIndex.build(ids, tokenizer.tokenize_all(c.indexed_text for c in chunks))
        keyword.save(files.bm25_dir(settings))
        store, counts = files.sync_vectors(settings, embeddings, chunks, progress)
        files.write_state(settings, fingerprint, len(chunks), time.time())
        rep = report(reason, **counts)
        rep.store = f"{store.mode} {store.where}"
        log.info("index ready: %s", rep.summary().replace("\n", "; "))
        return cls(settings, corpus, chunks, tokenizer, keyword, store, rep)

    def close(self) -> None:
        self._store.close()

    # ---- search ----------------------------------------------------------------------------------------------
    def search(self, query: str, k: int | None = None, doc_ids: Collection[str] | None = None) -> list[Hit]:
        """The ``k`` best chunks for ``query`` (default settings.top_k), fused from BM25 and dense rankings.

        ``doc_ids`` restricts both sides to those documents (None: every document).
        Raises BadQuery for an empty or whitespace-only query, a non-positive ``k`` or an unknown document id.
        """
        k = self.settings.top_k if k is None else k
        if not isinstance(k, int) or k < 1:
            raise BadQuery(f"k 必须是正整数（got {k!r}）")
        text = clean_query(query, self.settings.max_query_chars)
        if isinstance(doc_ids, str):  # a lone id, not its characters
            doc_ids = [doc_ids]
        allowed = self._doc_mask(doc_ids)
        pool = len(self.chunks) if allowed is None else int(allowed.sum())
        depth = min(pool, max(CANDIDATES, k))
        rankings: dict[str, list[str]] = {}
        if self.settings.bm25_weight > 0:
            tokens = self.tokenizer.tokenize(text)
            rankings["bm25"] = [cid for cid, _ in self._keyword.search(tokens, depth, allowed)]
        if self.settings.dense_weight > 0:
            rankings["dense"] = self._dense(text, depth, allowed)
        fused = reciprocal_rank_fusion(
            rankings,
            {"bm25": self.settings.bm25_weight, "dense": self.settings.dense_weight},
            self.settings.rrf_k,
        )
        hits = []
        pinned = self._pin_named_clauses(text, fused, k, None if doc_ids is None else set(doc_ids))
        for rank, (cid, score, sources) in enumerate(pinned, start=1):
            chunk = self._by_chunk[cid]
            hits.append(
                Hit(chunk=chunk, score=score, rank=rank, doc=self._meta[chunk.doc_id], sources=sources)
            )
        return hits

    def _doc_mask(self, doc_ids: Collection[str] | None) -> np.ndarray | None:
        """A boolean mask over the chunks (the order both sides index them in) for ``doc_ids``."""
        if doc_ids is None:
            return None
        unknown = sorted(set(doc_ids) - set(self._meta))
        if unknown:
            raise BadQuery(f"没有这份政策文件：{'、'.join(unknown)}（可选：{'、'.join(sorted(self._meta))}）")
        return np.isin(self._chunk_docs, sorted(set(doc_ids)))

    def _pin_named_clauses(
        self, text: str, fused: list[tuple[str, float, dict[str, int]]], k: int, docs: set[str] | None = None
    ) -> list[tuple[str, float, dict[str, int]]]:
        """The top ``k`` of ``fused``, where a clause the question names by a rules.yaml alias but that did not
        make the top takes one of the last slots (one per three; none when k < 3, to leave short lists alone)."""
        top = fused[:k]
        slots = k // PIN_EVERY
        if not slots or not len(self._router):
            return top
        present = {self._by_chunk[cid].clause_id for cid, _, _ in top}
        by_id = {cid: (score, sources) for cid, score, sources in fused}
        pins: list[tuple[str, float, dict[str, int]]] = []
        for rank, clause_id in enumerate(self._router.route(text), start=1):
            if docs is not None and self._by_chunk[self._first_chunk[clause_id]].doc_id not in docs:
                continue
            if clause_id not in present and len(pins) < slots:
                cid = self._first_chunk[clause_id]
                score, sources = by_id.get(cid, (0.0, {}))
                pins.append((cid, score, {**sources, "alias": rank}))
        return top[: k - len(pins)] + pins if pins else top

    def _dense(self, text: str, depth: int, allowed: np.ndarray | None = None) -> list[str]:
        try:
            with self._cache_lock:
                vector = self._query_vectors.get(text)
            if vector is None:
                vector = self._store.embed_query(text)
                with self._cache_lock:
                    self._query_vectors[text] = vector
                    if len(self._query_vectors) > _QUERY_CACHE:
                        self._query_vectors.popitem(last=False)
            return [cid for cid, _ in self._matrix.search(vector, depth, allowed)]
        except Exception as exc:  # an embedder failure must not take keyword search down with it
            log.warning("向量检索失败，本次只用关键词检索（%s: %s）", exc.__class__.__name__, exc)
            return []

    def as_retriever(self, k: int | None = None) -> PolicyRetriever:
        from indexing.retriever import PolicyRetriever

        return PolicyRetriever(index=self, k=k)

    # ---- corpus access ---------------------------------------------------------------------------------------
    @property
    def documents(self) -> list[PolicyDocument]:
        return list(self.corpus.documents)

    @property
    def clauses(self) -> list[Clause]:
        return self.corpus.clauses

    @property
    def problems(self) -> list[str]:
        return list(self.corpus.problems)

    def clause(self, clause_id: str) -> Clause | None:
        return self.corpus.clause(clause_id)

    def chunk(self, chunk_id: str) -> Chunk | None:
        return self._by_chunk.get(chunk_id)

    def meta(self, doc_id: str) -> DocMeta | None:
        return self._meta.get(doc_id)
