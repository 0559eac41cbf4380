"""The policy's awards asked for as a whole are listed from the rule book, clause by clause; a question that names
its own subject besides the asking words is not the catalogue."""

from __future__ import annotations

import re

import pytest

from assistant.engine import Assistant


@pytest.mark.parametrize(
    "question",
    ["这份文件一共有哪几项补贴？", "政策里头都有什么奖励啊", "本政策有几个奖，分别是什么"],
)
def test_the_catalogue_lists_every_award_of_the_rule_book_by_clause(bot: Assistant, question: str) -> None:
    answer = bot.ask_turns([question])
    rules = [r for r in bot.context.book.rules if r.doc_id == bot.context.meta().doc_id]
    assert answer.kind == "answer", answer.answer
    assert f"共列 {len(rules)} 项" in answer.answer
    for rule in rules:
        assert re.sub(r"（[^（）]*）$", "", rule.title) in answer.answer, rule.title
    clauses = {r.clause for r in rules}
    cited = [tuple(c.path.split(" › ")) for c in answer.citations]
    assert len(cited) == len(set(cited)) == len(clauses)
    assert "50万元" in answer.answer and "积分" in answer.answer  # standards stated, not only titles


@pytest.mark.parametrize(
    ("question", "not_catalogue"),
    [("软件企业有哪些奖励", "共列"), ("智能车间改造有什么补贴", "共列"), ("贷款贴息有哪些条件", "共列")],
)
def test_a_question_with_its_own_subject_is_not_the_catalogue(
    bot: Assistant, question: str, not_catalogue: str
) -> None:
    assert not_catalogue not in bot.ask_turns([question]).answer
