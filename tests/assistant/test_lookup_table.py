"""Lookup questions in enterprises' and hotline staff's words, one or more per clause of the plan and of the
attachment: the answer's first citation is the clause that answers (cases/lookup_table.tsv)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.engine import Assistant

TABLE = Path(__file__).parent / "cases" / "lookup_table.tsv"
ROWS = [
    tuple(line.split("\t"))
    for line in TABLE.read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]
# Open, and why: a plan action asked about by the name of an award ("计划支持建设哪个…平台" wants the plan's named
# platform).
KNOWN_OPEN = {
    "计划支持建设哪个产业链协作平台？",
}


def test_the_table_is_wide_enough() -> None:
    assert len(ROWS) >= 80 and all(len(r) == 2 and r[1] for r in ROWS)
    assert KNOWN_OPEN <= {q for q, _ in ROWS}


@pytest.mark.parametrize(
    ("question", "keywords"),
    [
        pytest.param(*r, marks=pytest.mark.xfail(reason="known open", strict=False))
        if r[0] in KNOWN_OPEN
        else r
        for r in ROWS
    ],
)
def test_the_first_citation_is_the_clause_that_answers(bot: Assistant, question: str, keywords: str) -> None:
    answer = bot.ask_turns([question]).to_dict()
    paths = [c["path"] for c in answer["citations"]]
    assert paths, f"{question}: no citation ({answer['kind']})"
    assert any(k in paths[0] for k in keywords.split("|")), f"{question}: cites {paths[:3]}"


def test_citations_name_distinct_clauses(bot: Assistant) -> None:
    # Two sentences far apart in one clause are still one citation: the first three name three clauses or fewer
    # citations, never the same clause twice.
    for question, _ in ROWS:
        paths = [c["path"] for c in bot.ask_turns([question]).to_dict()["citations"]]
        assert len(paths) == len(set(paths)), f"{question}: {paths}"


@pytest.mark.parametrize(
    ("question", "rule_words"),
    [
        ("工业APP这块政府怎么扶持？", "给予最高2万元奖励"),
        ("精益管理做得好，政策上怎么支持？", "最高奖补8万元"),
        ("评上智慧园区的园区，政策里怎么支持？", "一事一议"),
        ("首台套重大装备政策怎么扶持？", "首台（套）重大装备给予最高50万元奖励"),
        ("标识解析二级节点这块有什么政策？", "二级节点解析项目的企业给予最高100万元奖励"),
    ],
)
def test_a_named_award_is_answered_with_its_own_sentence_first(
    bot: Assistant, question: str, rule_words: str
) -> None:
    # Not the clause's general sentence ("鼓励企业…", "支持园区…"): the award's rule leads, and is cited.
    answer = bot.ask_turns([question]).to_dict()
    assert rule_words in answer["answer"].split("\n")[0], answer["answer"]
    assert any(rule_words in c["quote"] for c in answer["citations"])
