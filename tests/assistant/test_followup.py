"""Follow-ups read against the dialogue so far (assistant/followup.py), and the claims they lead to: fast tables
over the real rule book and vocabulary, no index. The wordings are new, not taken from evals/."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from assistant.claims import build_request
from assistant.conversation import ConversationState
from assistant.facts import extract_facts
from assistant.followup import both_earlier, denied_conditions, shared_word_award

TODAY = date(2026, 11, 27)
_LOAN = {"award": "interest_subsidy", "in_project_library": True, "loan_via_platform": True}


def _denied(vocab: Any, book: Any, text: str, claims: list[dict[str, Any]]) -> dict[str, bool]:
    state = ConversationState(claims=claims)
    return denied_conditions(text, extract_facts(text, vocab), state, book, vocab)


# (follow-up, the condition it denies); a part of a word that states the condition, under a negation
DENIALS = [
    ("假如不是在平台上贷的呢", "loan_via_platform"),
    ("万一贷款没走产融呢", "loan_via_platform"),
    ("要是最后没入选呢", "in_project_library"),
    ("如果没通过服务平台放款呢", "loan_via_platform"),
    # the negation after the word, though the word itself states the fact
    ("要是产融平台没走呢", "loan_via_platform"),
    ("假设项目库没进去的话", "in_project_library"),
]


@pytest.mark.parametrize(("text", "fact"), DENIALS)
def test_a_condition_denied_in_a_short_word_is_false(vocab, rule_book, text: str, fact: str) -> None:  # type: ignore[no-untyped-def]
    assert _denied(vocab, rule_book, text, [dict(_LOAN)]) == {fact: False}


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        ("平台用的是产融那个", [dict(_LOAN)]),  # stated, not denied
        ("要是没走平台呢", []),  # nothing in play to deny
        (
            "要是没走平台呢",
            [{"award": "industrial_internet_platform", "level": "national"}],
        ),  # no such condition
        ("没走平台的话，二级节点能拿多少", [dict(_LOAN)]),  # names an award of its own
    ],
)
def test_no_denial_without_a_negated_condition_in_play(
    vocab, rule_book, text: str, claims: list[Any]
) -> None:  # type: ignore[no-untyped-def]
    assert _denied(vocab, rule_book, text, claims) == {}


_FIRST = [{"award": "infosec_star", "level": "provincial", "star": 4}]
_SECOND = [{"award": "lighthouse_factory"}]


@pytest.mark.parametrize("text", ["这俩都拿了，一共多少", "都有的话合计多少", "两项同时评上，加起来呢"])
def test_both_takes_the_last_two_calculations_together(vocab, text: str) -> None:  # type: ignore[no-untyped-def]
    state = ConversationState(claims=_SECOND, past_claims=[_FIRST, _SECOND])
    assert both_earlier(text, extract_facts(text, vocab), state) == _FIRST + _SECOND


@pytest.mark.parametrize(
    ("text", "past"),
    [
        ("这俩都拿了，一共多少", [_SECOND]),  # only one calculation so far
        ("那再来一个四星级呢", [_FIRST, _SECOND]),  # no "both"
        ("两个都有，再加上DCMM认证呢", [_FIRST, _SECOND]),  # names an award of its own
    ],
)
def test_both_needs_two_earlier_calculations_and_the_word(vocab, text: str, past: list[Any]) -> None:  # type: ignore[no-untyped-def]
    state = ConversationState(claims=past[-1], past_claims=past)
    assert both_earlier(text, extract_facts(text, vocab), state) == []


def test_state_keeps_earlier_claims_once_each() -> None:
    state = ConversationState()
    for claims in (_FIRST, _FIRST, _SECOND):
        state.set_claims(claims)
    assert state.past_claims == [_FIRST, _SECOND] and state.claims == _SECOND


@pytest.mark.parametrize(
    "text", ["同一个平台当年两个级别都评上了，加起来能有150万吗", "俩级别都拿到的话能叠加吗"]
)
def test_both_levels_of_one_matter_become_two_claims_of_one_project(vocab, rule_book, text: str) -> None:  # type: ignore[no-untyped-def]
    first = [{"award": "industry_chain_platform", "level": "provincial"}]
    second = [{"award": "industry_chain_platform", "level": "national"}]
    state = ConversationState(claims=second, past_claims=[first, second])
    request, _ = build_request(extract_facts(text, vocab), state, rule_book, TODAY, text)
    assert [(c["award"], c["level"], c.get("project")) for c in request["claims"]] == [
        ("industry_chain_platform", "provincial", "同一项目"),
        ("industry_chain_platform", "national", "同一项目"),
    ]


@pytest.mark.parametrize(
    "text", ["平台认定下来能奖多少", "我们的平台被评上了给多少钱", "评上平台了，奖励怎么算"]
)
def test_a_word_the_platform_titles_share_names_both(vocab, rule_book, text: str) -> None:  # type: ignore[no-untyped-def]
    m = shared_word_award(text, rule_book, vocab)
    assert m is not None and {m.rule_id, *m.alternatives} == {
        "industrial_internet_platform",
        "industry_chain_platform",
    }


@pytest.mark.parametrize("text", ["贷款是走的产融平台", "能拿多少钱", "示范是什么意思"])
def test_no_shared_award_word_in_other_words(vocab, rule_book, text: str) -> None:  # type: ignore[no-untyped-def]
    assert shared_word_award(text, rule_book, vocab) is None


# (message, the claims): what an investment bought or used is not an honour won, next to a figure to compute from
BOUGHT = [
    ("投了800万做改造，车间里用上了国家级工业互联网平台的服务，能补多少", ["base_investment"]),
    ("上了套MES加5G+专网，总共投了420万，能拿多少", ["base_investment"]),
    (
        "车间部署了工业互联网平台，投入500万，另外还评上了省四星级上云企业，一共多少",
        ["base_investment", "cloud_enterprise"],
    ),
    (
        "投入800万，另外评上了国家级工业互联网平台，一共多少",
        ["base_investment", "industrial_internet_platform"],
    ),
    # built with its level named: the honour; built with none named (its level said apart), a description
    ("投入1500万，建设了省级产业链协作平台，能拿多少", ["base_investment", "industry_chain_platform"]),
    ("搭建了产业链协作平台又花了700万做改造，能拿多少", ["base_investment"]),
]


@pytest.mark.parametrize(("text", "awards"), BOUGHT)
def test_an_award_word_governed_by_a_buying_verb_is_a_description(
    vocab, rule_book, text: str, awards: list[str]
) -> None:  # type: ignore[no-untyped-def]
    request, _ = build_request(extract_facts(text, vocab), ConversationState(), rule_book, TODAY, text)
    assert [c["award"] for c in request["claims"]] == awards
