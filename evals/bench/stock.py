"""The stock LangChain tutorial pipeline the benchmark compares against, with the same embedder as ours.

Load each document's policy.md as one text, split it with RecursiveCharacterTextSplitter(chunk_size=500,
chunk_overlap=50), put the pieces in a langchain-chroma ``Chroma`` store with default settings, and answer a
query with ``similarity_search(query, k)``: dense retrieval only, no jieba, no BM25, no heading structure.

Example:
    >>> stock = StockPipeline.build(PROJECT_ROOT / "corpus", Path("/tmp/stock"), make_embeddings(settings))  # doctest: +SKIP
    >>> [d.page_content[:10] for d in stock.search("贴息能贴多少？", 2)]  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings

CHUNK_SIZE = 500
CHUNK_OVERLAP = 50
COLLECTION = "stock_tutorial"


class StockPipeline:
    def __init__(self, store: Any, chunks: int) -> None:
        self.store = store
        self.chunks = chunks

    @classmethod
    def build(cls, corpus_dir: Path, persist_dir: Path, embeddings: Embeddings) -> StockPipeline:
        from langchain_chroma import Chroma
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        docs = [
            Document(page_content=path.read_text(encoding="utf-8"), metadata={"source": str(path)})
            for path in sorted(Path(corpus_dir).glob("*/policy.md"))
        ]
        splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP)
        pieces = splitter.split_documents(docs)
        store = Chroma.from_documents(
            pieces,
            embeddings,
            collection_name=COLLECTION,
            persist_directory=str(persist_dir),
            client_settings=_chroma_settings(),
        )
        return cls(store, len(pieces))

    @classmethod
    def open(cls, persist_dir: Path, embeddings: Embeddings) -> StockPipeline:
        from langchain_chroma import Chroma

        store = Chroma(
            collection_name=COLLECTION,
            embedding_function=embeddings,
            persist_directory=str(persist_dir),
            client_settings=_chroma_settings(),
        )
        return cls(store, store._collection.count())

    def search(self, query: str, k: int = 5) -> list[Document]:
        return self.store.similarity_search(query, k=k)


def _chroma_settings() -> Any:
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, is_persistent=True)
