"""A target question is answered by the clause holding its rare subject word ("工业机器人"), not by one that only
shares the target wording around it ("到2024年"). New wordings, not suite sentences."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant


@pytest.mark.parametrize("question", ["到2024年要装多少台工业机器人", "到2024年要用上多少台工业机器人"])
def test_the_target_clause_holds_the_subject_word(bot: Assistant, question: str) -> None:
    a = bot.ask_turns([question])
    assert a.kind == "answer" and "360台" in a.answer
    assert "主要目标" in str(a.citations[0]) and "工业APP" not in a.answer.splitlines()[0]
