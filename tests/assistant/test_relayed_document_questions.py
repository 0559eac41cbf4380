"""A hotline or window agent relaying whether the document still applies ("柜台有人问该文件现在是否仍然施行，我们
咋回才合适"): the document's own names (its short name, its title's words, 这/该 + 文件/文号) keep the message in
scope, the relaying words (怎么答复, 咋回, 答复口径) never take it out, and the term is the answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.document_names import document_mentions, document_names
from assistant.engine import Assistant
from indexing.loader import load_corpus

RELAYED = [
    "柜台上有群众问该文件现在是否仍然施行，我们咋回才合适",
    "有企业来窗口问三年行动计划还作不作数，怎么答复",
    "来电人问这份文件是否依旧执行，答复口径是什么",
]


@pytest.mark.parametrize("question", RELAYED)
def test_the_term_answers_a_relayed_question(bot: Assistant, question: str) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert answer["kind"] == "answer", answer["answer"][:120]
    assert answer["plan"]["intent"] == "validity"
    assert answer["citations"] and "实施期限" in answer["citations"][0]["path"]


@pytest.mark.parametrize(
    "question", ["有人问明天天气怎么样，咋回", "来电问哪家饭店好吃，我这边怎么答复比较好"]
)
def test_relaying_words_do_not_bring_another_subject_in(bot: Assistant, question: str) -> None:
    assert bot.ask_turns([question]).kind == "refuse"


def test_the_documents_names_are_read_from_its_metadata_without_the_place() -> None:
    metas = [d.meta for d in load_corpus(Path(__file__).parents[2] / "corpus").documents]
    names = document_names(metas)
    (meta,) = metas
    assert meta.number in names and "三年行动计划" in names
    assert all(n not in (meta.place, meta.place.rstrip("市")) for n in names)
    assert document_mentions(f"{meta.place}哪家饭店好吃", names) == 0
    assert document_mentions("这文件还管不管用", names) == 1
    assert document_mentions("该文号下的政策", names) == 1
