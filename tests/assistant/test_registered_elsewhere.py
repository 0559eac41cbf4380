"""Registration in another place named without 在 or a 市/区 suffix ("我们公司是南京注册的", "在扬州注册的") denies
registration in the policy's place; the denial carries to the next turn, which answers 不能 from 适用范围. A place the
policy covers, or no place at all, denies nothing. New wordings, not suite sentences."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant
from assistant.facts import extract_facts


@pytest.mark.parametrize(
    ("text", "registered"),
    [
        ("我们公司是南京注册的", False),
        ("厂子是在扬州注册的", False),
        ("我们是泰兴注册的企业", True),
        ("我们在泰兴市注册", True),
        ("我们刚注册完公司", None),
    ],
)
def test_a_place_before_registration_decides_it(vocab, text: str, registered: bool | None) -> None:  # type: ignore[no-untyped-def]
    facts = extract_facts(text, vocab)
    assert facts.enterprise_flags.get("registered_locally") is registered


@pytest.mark.parametrize(
    "turns",
    [
        ["我们公司是南京注册的", "基础投入奖补我们能不能拿"],
        ["厂子是在扬州注册的", "那精益管理奖补我们能报吗"],
    ],
)
def test_registration_elsewhere_carries_to_the_next_question(bot: Assistant, turns: list[str]) -> None:
    a = bot.ask_turns(turns)
    assert a.answer.startswith("**不能。**") and "不在泰兴市内注册" in a.answer
    assert any("适用范围" in str(c) for c in a.citations)
