"""The fused hybrid search as a LangChain ``BaseRetriever``: each Document is one chunk, with its heading path,
document and score in the metadata.

Example:
    >>> docs = PolicyIndex.open(settings).as_retriever(k=3).invoke("贴息能贴多少？")  # doctest: +SKIP
    >>> docs[0].metadata["path"]  # doctest: +SKIP
    '附件 › 四、加强服务能力保障 › （十一）强化金融保障'
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from indexing.types import Hit


def hit_to_document(hit: Hit) -> Document:
    return Document(
        page_content=hit.chunk.text,
        id=hit.chunk.chunk_id,
        metadata={
            "path": hit.chunk.path_str,
            "doc": hit.doc.label,
            "doc_id": hit.chunk.doc_id,
            "doc_title": hit.doc.title,
            "clause_id": hit.chunk.clause_id,
            "chunk_id": hit.chunk.chunk_id,
            "score": hit.score,
            "rank": hit.rank,
            "sources": dict(hit.sources),
        },
    )


class PolicyRetriever(BaseRetriever):
    """Hybrid (jieba BM25 + dense) retriever over a :class:`indexing.index.PolicyIndex`."""

    index: Any  # PolicyIndex; typed loosely so pydantic does not need to validate it
    k: int | None = None

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        return [hit_to_document(h) for h in self.index.search(query, k=self.k)]
