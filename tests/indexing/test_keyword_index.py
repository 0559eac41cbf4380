"""The bm25s keyword index: scoring, persistence, damaged files."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import IndexNotBuilt
from indexing.keyword_index import KeywordIndex

IDS = ["loan/0", "infosec/0", "empty/0"]
TOKENS = [["贴息", "贷款", "利息", "贴息"], ["信息安全", "防护", "星级"], []]


def test_search_ranks_and_drops_non_matches() -> None:
    idx = KeywordIndex.build(IDS, TOKENS)
    assert [i for i, _ in idx.search(["贴息"], 5)] == ["loan/0"]
    both = idx.search(["防护", "贷款"], 5)
    assert {i for i, _ in both} == {"loan/0", "infosec/0"}
    assert both[0][1] >= both[1][1] > 0
    assert [i for i, _ in idx.search(["防护", "贷款"], 1)] == [both[0][0]]
    assert idx.search(["不存在的词"], 5) == []
    assert idx.search([], 5) == []
    assert idx.search(["贴息"], 0) == []


def test_round_trip(tmp_path: Path) -> None:
    idx = KeywordIndex.build(IDS, TOKENS)
    idx.save(tmp_path / "bm25")
    again = KeywordIndex.load(tmp_path / "bm25")
    assert again.ids == IDS
    assert again.search(["星级", "贴息"], 3) == idx.search(["星级", "贴息"], 3)
    idx.save(tmp_path / "bm25")  # saving over an existing index replaces it
    assert KeywordIndex.load(tmp_path / "bm25").ids == IDS


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (lambda d: (d / "chunk_ids.json").unlink(), "缺少"),
        (lambda d: (d / "params.index.json").write_text("{oops", encoding="utf-8"), "损坏"),
        (lambda d: (d / "data.csc.index.npy").write_bytes(b"\x00garbage"), "损坏"),
        (lambda d: (d / "chunk_ids.json").write_text('["only-one"]', encoding="utf-8"), "不一致"),
    ],
    ids=["ids-missing", "params-garbage", "scores-garbage", "ids-mismatch"],
)
def test_damaged_files_raise_index_not_built(tmp_path: Path, damage, words: str) -> None:  # type: ignore[no-untyped-def]
    KeywordIndex.build(IDS, TOKENS).save(tmp_path / "bm25")
    damage(tmp_path / "bm25")
    with pytest.raises(IndexNotBuilt, match=words):
        KeywordIndex.load(tmp_path / "bm25")


def test_ids_and_tokens_must_align() -> None:
    with pytest.raises(ValueError):
        KeywordIndex.build(["a"], [])
