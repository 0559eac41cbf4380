"""A principle of 附则 asked in general words, no award named ("一件事够上两个奖，两个都给吗"): the 就高不重复
clause quoted as the answer, not the list of awards asked back. The words are the rule book's principle
aliases (corpus rules.yaml), so the vocabulary says which principle a message names."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant
from assistant.vocabulary import Vocabulary

PAID_ONCE = [
    "一件事情够上两个奖，是不是两个都给？",
    "同一事项满足本政策好几条，奖励怎么算",
    "要是同一件事在市里别的政策也有奖，两个都拿行不行",
]


@pytest.mark.parametrize("question", PAID_ONCE)
def test_the_highest_only_clause_answers(bot: Assistant, question: str) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert answer["kind"] == "answer", answer["answer"][:120]
    assert answer["citations"] and "相关原则" in answer["citations"][0]["path"]
    assert "就高不重复" in answer["answer"]


@pytest.mark.parametrize("question", PAID_ONCE)
def test_the_words_name_the_principle(vocab: Vocabulary, question: str) -> None:
    assert "highest_only" in {m.value for m in vocab.find("principles", question)}


def test_listing_the_awards_is_not_the_principle(vocab: Vocabulary) -> None:
    # "几个奖" counts the awards; it does not ask whether two are paid
    assert not vocab.find("principles", "这个政策一共有几个奖励项目")
