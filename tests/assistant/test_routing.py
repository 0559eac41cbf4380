"""Routing a turn to a document: explicit choice, names in the turn, history, default, only one, search, tie."""

from __future__ import annotations

import pytest

from assistant.errors import BadQuery
from assistant.routing import DocProfile, Router

TAIXING = DocProfile.of("tx", "泰兴市", "泰政办发〔2022〕25号", number="泰政办发〔2022〕25号", has_rules=True)
YUNXI = DocProfile.of("yx", "云溪县", "云政发〔2024〕3号", number="云政发〔2024〕3号", aliases=["云溪"])
PROVINCE = DocProfile.of("js", "江苏省", "苏政办发〔2022〕1号", number="苏政办发〔2022〕1号")
SHADOWS = ["泰州市级", "泰州市产融综合服务平台"]


def router(default: str | None = None) -> Router:
    return Router([TAIXING, YUNXI, PROVINCE], default, shadows=SHADOWS)


@pytest.mark.parametrize(
    ("text", "kind", "docs"),
    [
        ("云溪的贴息上限是多少？", "named", ("yx",)),
        ("云溪县智能车间补多少", "named", ("yx",)),
        ("泰兴市智能车间补多少", "named", ("tx",)),
        ("泰政办发〔2022〕25号什么时候到期", "named", ("tx",)),
        ("江苏有什么智改数转政策", "named", ("js",)),
        ("泰兴和云溪的省级示范车间奖励有什么不同？", "compare", ("tx", "yx")),
        ("云溪跟泰兴比，贴息谁高", "compare", ("yx", "tx")),
    ],
)
def test_a_named_place_number_or_alias_decides(text: str, kind: str, docs: tuple[str, ...]) -> None:
    route = router().route(text)
    assert (route.kind, route.doc_ids) == (kind, docs)
    assert route.reason


def test_a_place_inside_a_policy_term_names_no_document() -> None:
    # 泰州市级 is an award level of the 泰兴 policy, not a reference to a 泰州 document.
    taizhou = DocProfile.of("tz", "泰州市", "泰政发〔2022〕1号")
    r = Router([TAIXING, taizhou], shadows=SHADOWS)
    assert r.named_in("获评泰州市级示范车间奖多少") == {}
    assert r.named_in("贷款在泰州市产融综合服务平台获得") == {}
    assert list(r.named_in("泰州的政策怎么规定")) == ["tz"]


def test_explicit_choice_beats_names_and_unknown_ids_are_named() -> None:
    assert router().route("云溪的贴息上限", explicit="tx").doc_ids == ("tx",)
    assert router().route("云溪的贴息上限", explicit="all").doc_ids == ("yx",)
    with pytest.raises(BadQuery, match="nope.*tx"):
        router().route("问题", explicit="nope")
    with pytest.raises(BadQuery, match="ZGSZ_DEFAULT_DOC"):
        Router([TAIXING], "nope")


def test_history_then_default_then_search() -> None:
    assert router().route("那上限呢？", previous="yx").kind == "history"
    assert router("tx").route("贴息上限多少").doc_ids == ("tx",)
    assert router("tx").route("贴息上限多少", previous="yx").doc_ids == ("yx",)
    route = router().route("贴息上限多少", scores=lambda q: {"tx": 0.5, "yx": 0.9, "js": 0.1})
    assert (route.kind, route.doc_ids) == ("search", ("yx",))


def test_a_tie_asks_which_and_has_no_single_document() -> None:
    route = router().route("贴息上限多少", scores=lambda q: {"tx": 0.9, "yx": 0.89, "js": 0.1})
    assert route.kind == "tie" and set(route.doc_ids) == {"tx", "yx"} and route.doc_id is None
    assert router().route("贴息上限多少").kind == "tie"  # nothing to rank by


def test_a_single_document_corpus_needs_no_signal() -> None:
    assert Router([TAIXING]).route("贴息上限多少").kind == "only"


def test_place_without_suffix_is_a_name() -> None:
    assert "泰兴" in TAIXING.names and "云溪" in YUNXI.names and "江苏" in PROVINCE.names
    with pytest.raises(BadQuery):
        Router([])
