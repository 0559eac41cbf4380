"""Where the derived index lives (data/index/) and how its vector side is brought up to date.

data/index/state.json      fingerprint of what the index was built from
data/index/manifest.json   chunk id → content hash of what the vector store holds
data/index/bm25/           the keyword index
data/index/chroma/         the embedded vector store (unless ZGSZ_CHROMA_HOST points at a server)
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tqdm import tqdm

from common.errors import IndexNotBuilt
from common.paths import corpus_files
from indexing.embeddings import NamedEmbeddings, make_embeddings
from indexing.manifest import Manifest, write_json_atomic
from indexing.tokenizer import STOPWORDS_FILE
from indexing.types import Chunk
from indexing.vector_store import ChunkVectorStore, wipe_embedded_store

if TYPE_CHECKING:
    from indexing.config import IndexSettings

log = logging.getLogger(__name__)

INDEX_VERSION = 1  # bump when tokenisation, chunking or the on-disk layout changes


def sync_vectors(
    settings: IndexSettings, embeddings: NamedEmbeddings, chunks: list[Chunk], progress: bool
) -> tuple[ChunkVectorStore, dict[str, int]]:
    """Bring the vector store in line with ``chunks``, embedding only what the manifest says changed. A store
    that cannot be read or fails its self-check is emptied and filled again, once."""
    manifest_file = manifest_path(settings)
    for attempt in (1, 2):
        store = connect_store(settings, embeddings)
        try:
            manifest = Manifest.load(manifest_file, embeddings.name)
            plan = manifest.plan(chunks, store.ids())
            store.delete(plan.to_delete)
            with tqdm(
                total=len(plan.to_embed),
                desc="嵌入条款片段",
                unit="片段",
                file=sys.stderr,
                disable=not progress or not plan.to_embed,
            ) as bar:
                store.add(plan.to_embed, on_batch=bar.update, batch=settings.embed_batch_size)
            Manifest.for_chunks(chunks, embeddings.name).save(manifest_file)
            store.verify({c.chunk_id for c in chunks})
            return store, {
                "embedded": len(plan.to_embed),
                "deleted": len(plan.to_delete),
                "unchanged": plan.unchanged,
            }
        except IndexNotBuilt as exc:
            if attempt == 2:
                raise
            log.warning("向量库不可用（%s），清空后重新嵌入", exc)
            _empty_store(settings, store)
    raise AssertionError("unreachable")


def connect_store(settings: IndexSettings, embeddings: NamedEmbeddings) -> ChunkVectorStore:
    """Open the vector store; an embedded store that cannot even be opened is deleted and created again."""
    try:
        return ChunkVectorStore(settings, embeddings)
    except IndexNotBuilt as exc:
        log.warning("%s；删除后重新建立", exc)
        wipe_embedded_store(settings)
        manifest_path(settings).unlink(missing_ok=True)
        return ChunkVectorStore(settings, embeddings)


def _empty_store(settings: IndexSettings, store: ChunkVectorStore) -> None:
    manifest_path(settings).unlink(missing_ok=True)
    if store.mode == "server":
        store.reset()
    store.close()
    if store.mode == "embedded":
        wipe_embedded_store(settings)


def wipe_index(settings: IndexSettings) -> None:
    """Forget everything derived (``index --rebuild``)."""
    if settings.chroma_host:
        store = connect_store(settings, make_embeddings(settings))
        store.reset()
        store.close()
    else:
        wipe_embedded_store(settings)
    shutil.rmtree(bm25_dir(settings), ignore_errors=True)
    manifest_path(settings).unlink(missing_ok=True)
    state_path(settings).unlink(missing_ok=True)


def fingerprint(settings: IndexSettings, embedder: str) -> str:
    """Hash of everything the index is derived from: corpus files, stopwords, and the settings that matter."""
    h = hashlib.sha256()
    where = f"{settings.chroma_host}:{settings.chroma_port}" if settings.chroma_host else "embedded"
    h.update(f"{INDEX_VERSION}|{embedder}|{settings.chunk_chars}|{settings.collection}|{where}".encode())
    for path in [STOPWORDS_FILE, *corpus_files(settings.corpus_dir)]:
        h.update(str(path.relative_to(path.parents[1])).encode() + b"\0")
        try:
            h.update(path.read_bytes() + b"\0")
        except OSError as exc:  # the loader reports the unreadable file; here it only has to count as changed
            h.update(repr(exc).encode())
    return h.hexdigest()


def write_state(settings: IndexSettings, fingerprint_: str, chunks: int, built_at: float) -> None:
    write_json_atomic(
        state_path(settings),
        {"version": INDEX_VERSION, "fingerprint": fingerprint_, "chunks": chunks, "built_at": built_at},
    )


def read_state(settings: IndexSettings) -> dict[str, object] | None:
    try:
        state = json.loads(state_path(settings).read_text(encoding="utf-8"))
        return state if isinstance(state, dict) else None
    except (OSError, ValueError):
        return None


def state_path(settings: IndexSettings) -> Path:
    return settings.index_dir / "state.json"


def manifest_path(settings: IndexSettings) -> Path:
    return settings.index_dir / "manifest.json"


def bm25_dir(settings: IndexSettings) -> Path:
    return settings.index_dir / "bm25"
