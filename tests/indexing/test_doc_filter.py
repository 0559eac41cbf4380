"""Search with a document filter: both sides (BM25 and dense, and the Chroma ``where``) keep only those documents."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.errors import BadQuery
from tools.policy_search import make_policy_search_tool

TAIXING, YUNXI = "taixing-2022-25", "yunxi-2023-8"
QUESTIONS = ["省级智能制造示范车间奖励多少", "贷款贴息最高多少", "上云企业奖励", "政策有效期"]


@pytest.mark.slow
@pytest.mark.parametrize("question", QUESTIONS)
def test_unfiltered_search_sees_both_documents_and_a_filter_keeps_one(
    two_doc_index: Any, question: str
) -> None:
    both = {h.chunk.doc_id for h in two_doc_index.search(question, k=10)}
    assert both == {TAIXING, YUNXI}
    for doc in (TAIXING, YUNXI):
        hits = two_doc_index.search(question, k=10, doc_ids=[doc])
        assert hits and {h.chunk.doc_id for h in hits} == {doc}
        assert [h.rank for h in hits] == list(range(1, len(hits) + 1))


@pytest.mark.slow
def test_the_filtered_side_finds_the_clause_that_states_the_amount(two_doc_index: Any) -> None:
    top = two_doc_index.search("示范车间奖励多少", k=3, doc_ids=[YUNXI])
    assert "（三）加快示范创建" in top[0].chunk.path
    assert "40万元" in top[0].chunk.text


@pytest.mark.slow
def test_a_filter_of_every_document_equals_no_filter(two_doc_index: Any) -> None:
    question = "智能车间投入奖补"
    plain = [h.chunk.chunk_id for h in two_doc_index.search(question, k=8)]
    every = [h.chunk.chunk_id for h in two_doc_index.search(question, k=8, doc_ids=[TAIXING, YUNXI])]
    assert plain == every


@pytest.mark.slow
def test_a_single_id_string_is_one_document_not_its_characters(two_doc_index: Any) -> None:
    hits = two_doc_index.search("贴息", k=3, doc_ids=YUNXI)
    assert {h.chunk.doc_id for h in hits} == {YUNXI}


@pytest.mark.slow
def test_an_unknown_document_is_a_clear_error(two_doc_index: Any) -> None:
    with pytest.raises(BadQuery, match="suzhou-2024.*可选.*taixing-2022-25"):
        two_doc_index.search("贴息", k=3, doc_ids=["suzhou-2024"])


@pytest.mark.slow
def test_the_stores_where_filter_agrees_with_the_in_memory_mask(two_doc_index: Any) -> None:
    store = two_doc_index._store
    vector = store.embed_query("贷款贴息")
    ids = [cid for cid, _ in store.search(vector, 5, doc_ids=[YUNXI])]
    assert ids and all(cid.startswith(f"{YUNXI}:") for cid in ids)
    mask = two_doc_index._doc_mask([YUNXI])
    assert ids == [cid for cid, _ in two_doc_index._matrix.search(vector, 5, mask)]


@pytest.mark.slow
def test_the_langchain_tool_takes_an_optional_document(two_doc_index: Any) -> None:
    tool = make_policy_search_tool(two_doc_index)
    assert YUNXI in tool.description and TAIXING in tool.description
    hits = tool.invoke({"query": "贷款贴息最高多少", "k": 3, "doc": YUNXI})
    assert {h["doc_id"] for h in hits} == {YUNXI}
    assert hits[0]["doc"] == "云政发〔2023〕8号"
    assert {h["doc_id"] for h in tool.invoke({"query": "省级示范车间奖励", "k": 10})} == {TAIXING, YUNXI}
