"""Lookups across clauses: a term several clauses use is answered by each of them, cited; a money question whose
subject words point at one clause is a lookup of that clause, not a question of which award is meant.

Fast part: the real corpus's clauses and jieba (no index); the engine part: the real Assistant."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant
from assistant.lookup_rank import WordWeights, clause_text
from assistant.settings import Settings
from assistant.term_lookup import asked_term, listed_term, subject_clause, term_clauses
from indexing.loader import load_corpus
from indexing.tokenizer import PolicyTokenizer
from indexing.types import Clause


@pytest.fixture(scope="module")
def clauses() -> list[Clause]:
    return list(load_corpus(Settings(_env_file=None).corpus_dir).clauses)  # type: ignore[call-arg]


@pytest.fixture(scope="module")
def weights(clauses: list[Clause]) -> WordWeights:
    return WordWeights([clause_text(c) for c in clauses], PolicyTokenizer().tokenize)


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("哪几项补贴属于一事一议", "一事一议"),
        ("哪些奖补采取一事一议方式给予支持？", "一事一议"),
        ("按积分奖励的都有哪些", "积分"),
        ("哪些项目是按积分给的呢", "积分"),
        ("灯塔工厂奖多少", ""),
    ],
)
def test_the_asked_term_is_read_from_the_question(question: str, term: str) -> None:
    assert asked_term(question) == term


def test_every_clause_using_the_term_is_listed(clauses: list[Clause]) -> None:
    term, found = listed_term("哪几项补贴属于一事一议", clauses)
    assert term == "一事一议"
    titles = [c.title for c in found]
    assert len(titles) == 2 and any("标杆" in t for t in titles) and any("园区" in t for t in titles)


def test_the_rules_on_the_policy_itself_are_not_listed(clauses: list[Clause]) -> None:
    found = term_clauses("积分", clauses)
    assert len(found) >= 3
    assert not any("附则" in part for c in found for part in c.path)


def test_a_term_one_clause_uses_is_not_a_list(clauses: list[Clause]) -> None:
    assert listed_term("哪些奖励是DCMM的", clauses) == ("", [])


@pytest.mark.parametrize(
    ("question", "title_word"),
    [
        ("园区评上什么荣誉能拿奖励", "园区"),
        ("园区得了哪些荣誉政府会给补贴", "园区"),
    ],
)
def test_subject_words_point_at_one_clause(
    question: str, title_word: str, clauses: list[Clause], weights: WordWeights
) -> None:
    found = subject_clause(question, clauses, weights)
    assert found is not None and title_word in found.title


@pytest.mark.parametrize("question", ["我想申请补贴", "有什么奖励可以拿"])
def test_no_subject_words_point_nowhere(question: str, clauses: list[Clause], weights: WordWeights) -> None:
    assert subject_clause(question, clauses, weights) is None


# ── the real Assistant ──
@pytest.mark.parametrize("question", ["哪几项补贴属于一事一议", "一事一议的奖励都有哪些"])
def test_a_shared_term_is_answered_by_each_clause_cited(bot: Assistant, question: str) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert answer["kind"] == "answer", answer["answer"]
    paths = " ".join(c["path"] for c in answer["citations"])
    assert "标杆" in paths and "园区" in paths
    assert "灯塔工厂" in answer["answer"] and "智慧园区" in answer["answer"]


@pytest.mark.parametrize("question", ["园区评上什么荣誉能拿奖励", "园区得了哪些荣誉政府会给补贴"])
def test_a_money_question_about_one_clause_is_looked_up(bot: Assistant, question: str) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert answer["kind"] == "answer", answer["answer"]
    assert "园区" in answer["citations"][0]["path"]
    assert "先导区" in answer["answer"]
