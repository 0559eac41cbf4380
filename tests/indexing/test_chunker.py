"""Clauses → chunks: one clause per chunk path, long clauses split on sentence ends, never across clauses."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from assistant.settings import PROJECT_ROOT, Settings
from indexing.chunker import chunk_clause, chunk_clauses
from indexing.loader import load_corpus
from indexing.types import Clause

CLAUSES = load_corpus(PROJECT_ROOT / "corpus").clauses
DEFAULT_WINDOW = Settings(_env_file=None).chunk_chars  # type: ignore[call-arg]


def _joined(text: str) -> str:
    return text.replace("\n", "")


@pytest.mark.parametrize("window", [DEFAULT_WINDOW, 200, 80])
def test_every_clause_lands_in_exactly_one_chunk_path(window: int) -> None:
    chunks = chunk_clauses(CLAUSES, window)
    by_clause: dict[str, list] = {}
    for ch in chunks:
        by_clause.setdefault(ch.clause_id, []).append(ch)
    assert set(by_clause) == {c.clause_id for c in CLAUSES}
    for clause in CLAUSES:
        parts = by_clause[clause.clause_id]
        assert {p.path for p in parts} == {clause.path}, (
            "a chunk carries its own clause's path, and only that"
        )
        assert [p.part for p in parts] == list(range(len(parts)))
        assert all(p.parts == len(parts) for p in parts)
        assert "".join(_joined(p.text) for p in parts) == _joined(clause.text), "nothing lost, nothing added"
    # distinct clauses never share a path, so a path names one clause
    paths = Counter(c.path for c in CLAUSES)
    assert max(paths.values()) == 1


@pytest.mark.parametrize("window", [200, 120, 80])
def test_long_clauses_split_on_sentence_ends(window: int) -> None:
    long_ones = [c for c in CLAUSES if len(c.text) > window]
    assert long_ones, "the corpus has clauses longer than the window"
    for clause in long_ones:
        parts = chunk_clause(clause, window)
        assert len(parts) > 1
        for p in parts:
            assert len(p.text) <= window
            assert p.indexed_text.startswith(clause.path_str + "\n"), "the path is repeated on every part"
        # a cut falls after 。 or ； (closing brackets stay with their sentence) unless one sentence is too long
        for p in parts[:-1]:
            if not re.search(r"[。；][”）]*$", p.text):
                sentences = re.split(r"(?<=[。；])", clause.text)
                assert max(len(s) for s in sentences) > window


def test_the_default_window_splits_only_the_longest_clauses() -> None:
    chunks = chunk_clauses(CLAUSES, DEFAULT_WINDOW)
    split = {c.path[-1] for c in chunks if c.parts > 1}
    assert split == {c.path[-1] for c in CLAUSES if len(c.text) > DEFAULT_WINDOW}


def test_a_sentence_longer_than_the_window_is_cut_at_commas_then_hard() -> None:
    text = "甲" * 30 + "，" + "乙" * 30 + "，" + "丙" * 100 + "。"
    parts = chunk_clause(Clause("d:x", "d", ("A",), text, 0), 40)
    assert "".join(p.text for p in parts) == text
    assert all(len(p.text) <= 40 for p in parts)
    assert parts[0].text == "甲" * 30 + "，"


def test_paragraph_breaks_are_boundaries_and_kept_inside_a_chunk() -> None:
    parts = chunk_clause(Clause("d:x", "d", ("A",), "第一段没有句号\n第二段。", 0), 400)
    assert [p.text for p in parts] == ["第一段没有句号\n第二段。"]


def test_ids_are_stable_and_unique() -> None:
    first = chunk_clauses(CLAUSES, 120)
    again = chunk_clauses(load_corpus(PROJECT_ROOT / "corpus").clauses, 120)
    assert [c.chunk_id for c in first] == [c.chunk_id for c in again]
    assert len({c.chunk_id for c in first}) == len(first)
    assert all(c.chunk_id == f"{c.clause_id}/{c.part}" for c in first)


def test_window_must_be_positive() -> None:
    with pytest.raises(ValueError):
        chunk_clause(CLAUSES[0], 0)
