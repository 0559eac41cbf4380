"""A title or qualification the rule book does not reward, asked for its award, is refused by name; a vague
question about "an award" is still asked which one (assistant/unrewarded_titles.py)."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant
from assistant.unrewarded_titles import unrewarded_title


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("公司去年拿到瞪羚企业称号，这边奖励给多少", "瞪羚企业"),
        ("请问获评省长质量奖的企业奖多少钱", "省长质量奖"),
        ("通过技术先进型服务企业认定后能补贴多少", "技术先进型服务企业"),
    ],
)
def test_a_title_the_rules_do_not_reward_is_refused_by_name(bot: Assistant, text: str, title: str) -> None:
    assert unrewarded_title(text) == title
    a = bot.ask_turns([text])
    assert a.kind == "refuse" and f"“{title}”" in a.answer
    assert "请问是哪一项" not in a.answer


@pytest.mark.parametrize("text", ["评上了一个奖，能奖多少", "我们拿到省级认定了，有钱吗", "这个称号有奖励吗"])
def test_no_concrete_title_is_not_taken_for_one(text: str) -> None:
    assert unrewarded_title(text) == ""


def test_a_rewarded_title_is_still_worked_out(bot: Assistant) -> None:
    a = bot.ask_turns(["获评省级智能制造示范车间称号奖多少"])
    assert a.kind != "refuse" and "30万元" in a.answer


@pytest.mark.parametrize("text", ["示范工厂评下来可以奖多少", "车间认定以后能奖多少"])
def test_asking_words_before_a_prize_are_no_title(text: str) -> None:
    assert unrewarded_title(text) == ""


def test_the_documents_own_level_words_name_no_title() -> None:
    # a level of the document's own city is a level, not a title; which words those are comes from its rule book
    assert unrewarded_title("我们拿到云川市级认定了，有钱吗") == "云川市级"
    assert unrewarded_title("我们拿到云川市级认定了，有钱吗", ["云川市级", "云川市", "市级"]) == ""


def test_a_level_of_this_policys_rule_book_is_asked_back_not_refused(bot: Assistant) -> None:
    book = bot.context.for_doc("taixing-2022-25").book
    assert book is not None
    level = next(w for w in book.vocabulary.level_words if w.endswith("市级") and len(w) > 2)
    a = bot.ask_turns([f"我们拿到{level}认定了，有钱吗"])
    assert "本政策的奖补事项中没有" not in a.answer, a.trace
