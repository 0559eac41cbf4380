"""Searching the built index: hits, the retriever, corpus accessors, and bad queries."""

from __future__ import annotations

import pytest

from assistant.errors import BadQuery
from indexing.retriever import PolicyRetriever

DOC = "taixing-2022-25"


@pytest.mark.parametrize(
    ("query", "heading"),
    [
        ("贴息能贴多少？", "（十一）强化金融保障"),
        ("5G全连接工厂怎么奖？", "（四）支持标杆引领"),
        ("DCMM认证奖励", "（二）促进管理提升"),
        ("省五星级工业信息安全防护企业奖多少", "（三）强化信息安全"),
        ("工业互联网标识解析二级节点", "（七）支持平台建设"),
        ("首台（套）重大装备", "（六）鼓励应用开发"),
        ("严重失信的企业能享受吗", "（一）适用范围"),
        ("政策有效期多久", "（四）实施期限"),
        ("规上企业智数画像全覆盖", "1.画像诊断服务行动"),
        ("数字化研发设计工具普及率", "（三）主要目标"),
    ],
)
def test_the_clause_asked_about_is_in_the_top_three(policy_index, query: str, heading: str) -> None:  # type: ignore[no-untyped-def]
    paths = [h.chunk.path_str for h in policy_index.search(query, 3)]
    assert any(heading in p for p in paths), paths


def test_hits(policy_index) -> None:  # type: ignore[no-untyped-def]
    hits = policy_index.search("智能车间投入300万以上怎么奖补", k=4)
    assert [h.rank for h in hits] == [1, 2, 3, 4]
    assert all(a.score >= b.score for a, b in zip(hits, hits[1:], strict=False) if "alias" not in b.sources)
    d = hits[0].to_dict()
    assert {"path", "doc", "text", "score", "clause_id", "chunk_id", "sources"} <= set(d)
    assert d["doc"] == "泰政办发〔2022〕25号" and d["doc_id"] == DOC
    assert d["text"] in policy_index.clause(d["clause_id"]).text
    assert set(hits[0].sources) <= {"bm25", "dense", "alias"}
    assert len(policy_index.search("智能车间")) == policy_index.settings.top_k


def test_k_larger_than_the_corpus(policy_index) -> None:  # type: ignore[no-untyped-def]
    hits = policy_index.search("奖励", k=100)
    assert len(hits) == len({h.chunk.chunk_id for h in hits}) <= len(policy_index.chunks)


def test_retriever(policy_index) -> None:  # type: ignore[no-untyped-def]
    retriever = policy_index.as_retriever(k=3)
    assert isinstance(retriever, PolicyRetriever)
    docs = retriever.invoke("贷款贴息")
    assert len(docs) == 3
    meta = docs[0].metadata
    assert {"path", "doc", "clause_id", "score"} <= set(meta)
    assert "强化金融保障" in meta["path"] and docs[0].page_content


def test_corpus_accessors(policy_index) -> None:  # type: ignore[no-untyped-def]
    assert [d.meta.doc_id for d in policy_index.documents] == [DOC]
    clause = policy_index.clauses[0]
    assert policy_index.clause(clause.clause_id) == clause
    assert policy_index.clause("nope") is None
    assert policy_index.meta(DOC).number == "泰政办发〔2022〕25号"
    assert policy_index.meta("nope") is None
    assert policy_index.problems == []
    assert policy_index.report.chunks == len(policy_index.chunks)


@pytest.mark.parametrize("query", ["", "   ", "\n\t", "\x00\x07", "\u200b"])
def test_empty_queries_are_a_clear_error(policy_index, query: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(BadQuery, match="查询为空"):
        policy_index.search(query)


@pytest.mark.parametrize("k", [0, -1])
def test_bad_k(policy_index, k: int) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(BadQuery, match="k"):
        policy_index.search("贴息", k)


@pytest.mark.parametrize(
    "query",
    [
        "贴息" * 25_000,  # 50,000 characters: cut to max_query_chars
        "😀😀🎉🚀",
        "What is the interest subsidy?",
        "asdkjh qwe 123 zzz",
        "贴\x00息\x1b能贴多少",
        "孤立代理\ud800字符",
        "？？？！！！",
        "<script>alert(1)</script>",
    ],
)
def test_odd_queries_give_results_or_nothing_never_a_crash(policy_index, query: str) -> None:  # type: ignore[no-untyped-def]
    hits = policy_index.search(query)
    assert isinstance(hits, list) and len(hits) <= policy_index.settings.top_k


def test_control_characters_do_not_change_the_answer(policy_index) -> None:  # type: ignore[no-untyped-def]
    clean = [h.chunk.chunk_id for h in policy_index.search("贴息 能贴多少")]
    dirty = [h.chunk.chunk_id for h in policy_index.search("贴息\x00能贴多少\x07")]
    assert clean == dirty


def test_dense_ranking_is_chroma_s_own(policy_index) -> None:  # type: ignore[no-untyped-def]
    """Searches use vectors loaded once from Chroma; the ranking must be the one Chroma's query gives."""
    for query in ("贴息能贴多少？", "5G全连接工厂怎么奖？", "严重失信的企业能享受吗"):
        vector = policy_index._store.embed_query(query)
        mine = policy_index._matrix.search(vector, 10)
        chroma = policy_index._store.search(vector, 10)
        assert [i for i, _ in mine] == [i for i, _ in chroma]
        assert [s for _, s in mine] == pytest.approx([s for _, s in chroma], abs=1e-4)
