"""Texts the assistant says about its corpus come from meta.yaml and the clauses, not from code: the example offered
for an empty message, and the clause named when the implementing departments are asked about."""

from __future__ import annotations

import pytest

from assistant.conversation import ConversationState
from assistant.engine import Assistant
from common.markdown import cited_as


@pytest.mark.parametrize("message", ["   ", "\u200b\t"])
def test_an_empty_message_offers_the_corpus_s_first_example(bot: Assistant, message: str) -> None:
    examples = [e for d in bot.context.documents for e in d.meta.examples]
    assert examples
    answer = bot.respond(message, ConversationState())
    assert answer.kind == "clarify"
    assert f"“{examples[0]}”" in answer.answer


@pytest.mark.parametrize("question", ["这个政策归哪个部门管", "找谁咨询"])
def test_who_implements_names_the_implementation_clause_by_its_heading(bot: Assistant, question: str) -> None:
    doc_id = bot.context.documents[0].meta.doc_id
    clause = bot.planner_for(doc_id).ctx.book_clause("implementation")
    assert clause is not None
    first = bot.ask_turns([question]).answer.split("\n", 1)[0]
    assert f"按{cited_as(clause.path)}，" in first, first
