"""Corpus → clauses → chunks → hybrid (jieba BM25 + dense Chroma) index, and the fused retriever over it."""
