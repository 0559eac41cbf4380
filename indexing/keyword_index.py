"""The keyword side: a bm25s index over the chunks' jieba tokens, saved under data/index/bm25/.

Example:
    >>> idx = KeywordIndex.build(["a/0", "b/0"], [["贴息", "金融"], ["信息安全"]])
    >>> idx.search(["贴息"], k=5)[0][0]
    'a/0'
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Sequence
from pathlib import Path

import bm25s
import numpy as np

from common.errors import IndexNotBuilt

log = logging.getLogger(__name__)
logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build at DEBUG

IDS_FILE = "chunk_ids.json"


class KeywordIndex:
    """BM25 (Lucene variant) over pre-tokenised chunks; every score is computed in memory."""

    def __init__(self, bm25: bm25s.BM25, ids: list[str]) -> None:
        self._bm25 = bm25
        self.ids = ids
        self._vocab: dict[str, int] = dict(bm25.vocab_dict)

    @classmethod
    def build(
        cls, ids: Sequence[str], tokens: Sequence[Sequence[str]], k1: float = 1.2, b: float = 0.75
    ) -> KeywordIndex:
        if len(ids) != len(tokens):
            raise ValueError(f"{len(ids)} ids but {len(tokens)} token lists")
        bm25 = bm25s.BM25(k1=k1, b=b, method="lucene")
        # bm25s wants at least one token per document; a chunk with none gets an empty-string token.
        bm25.index([list(t) or [""] for t in tokens], show_progress=False)
        return cls(bm25, list(ids))

    def search(
        self, tokens: Sequence[str], k: int, allowed: np.ndarray | None = None
    ) -> list[tuple[str, float]]:
        """Up to ``k`` (chunk id, BM25 score) pairs with a positive score, best first; ``allowed`` (a boolean
        mask over ``ids``) keeps only those chunks. Scores (IDF) stay those of the whole index."""
        token_ids = [self._vocab[t] for t in dict.fromkeys(tokens) if t and t in self._vocab]
        if not token_ids or k <= 0:
            return []
        scores = self._bm25.get_scores_from_ids(token_ids)
        keep = scores > 0 if allowed is None else (scores > 0) & allowed
        positive = np.flatnonzero(keep)
        best = positive[np.argsort(-scores[positive], kind="stable")][:k]
        return [(self.ids[i], float(scores[i])) for i in best]

    def save(self, folder: Path) -> None:
        """Write to a sibling temporary folder, then swap it in."""
        tmp = folder.with_name(folder.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        self._bm25.save(str(tmp), show_progress=False)
        (tmp / IDS_FILE).write_text(json.dumps(self.ids, ensure_ascii=False), encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        tmp.rename(folder)

    @classmethod
    def load(cls, folder: Path) -> KeywordIndex:
        """Load a saved index; anything missing or unreadable raises IndexNotBuilt."""
        try:
            ids = json.loads((folder / IDS_FILE).read_text(encoding="utf-8"))
            bm25 = bm25s.BM25.load(str(folder), mmap=False, show_progress=False)
            num_docs = int(bm25.scores["num_docs"])
        except FileNotFoundError as exc:
            raise IndexNotBuilt(f"关键词索引缺少文件 {Path(exc.filename or folder).name}") from None
        except Exception as exc:  # numpy and json raise many kinds of errors on a damaged file
            raise IndexNotBuilt(f"关键词索引 {folder} 已损坏（{exc.__class__.__name__}: {exc}）") from None
        if not isinstance(ids, list) or len(ids) != num_docs:
            raise IndexNotBuilt(f"关键词索引 {folder} 与其条目清单不一致")
        return cls(bm25, [str(i) for i in ids])
