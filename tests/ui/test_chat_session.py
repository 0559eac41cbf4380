"""chat_session.py's pure parts: the API's one-string input, cutting long input."""

from __future__ import annotations

import pytest

from assistant.errors import AssistantError
from ui.chat_session import ChatSession, ChatTurn, cut_input, parse_api_input


@pytest.mark.parametrize(
    ("raw", "turns"),
    [
        ("贴息需要什么条件？", ["贴息需要什么条件？"]),
        ('["五星级奖多少？", "那四星级呢？"]', ["五星级奖多少？", "那四星级呢？"]),
        ('  ["一轮"]  ', ["一轮"]),
        ("[不是JSON", ["[不是JSON"]),  # looks like a list but is not: a plain message
        ("", [""]),
        ("[]", ["[]"]),  # an empty list is no conversation: treated as text, the engine asks for a question
    ],
)
def test_api_input_is_a_json_list_or_one_message(raw: str, turns: list[str]) -> None:
    assert parse_api_input(raw) == turns


@pytest.mark.parametrize("raw", ['["ok", 3]', '[{"turns": []}]'])
def test_a_json_list_of_non_strings_is_refused_clearly(raw: str) -> None:
    with pytest.raises(AssistantError, match="每一项都应是一条用户消息"):
        parse_api_input(raw)


def test_long_input_is_cut_with_a_notice() -> None:
    text, notice = cut_input("字" * 2005, 2000)
    assert len(text) == 2000
    assert "2005 字" in notice and "前 2000 字" in notice
    assert cut_input("短", 2000) == ("短", "")


def test_messages_map_back_to_their_turn() -> None:
    answer = {
        "kind": "answer",
        "answer": "a",
        "citations": [{"path": "p", "quote": "q"}, {"path": "p2", "quote": "q2"}],
    }
    session = ChatSession(turns=[ChatTurn("q1", answer=answer), ChatTurn("q2", error="坏了")])
    messages, owners = session.messages(False, lambda cid: None)
    assert [m["role"] for m in messages] == [
        "user",
        "assistant",
        "assistant",
        "assistant",
        "user",
        "assistant",
    ]
    assert owners == [0, 0, 0, 0, 1, 1]
    assert session.turn_at(3, lambda cid: None).question == "q1"
    assert session.turn_at(5, lambda cid: None).question == "q2"
    assert session.turn_at(99, lambda cid: None) is None
