"""In wordings of our own: the plan's and the attachment's 期限/年限 asked together are the validity answer (both
periods, the attachment's clause cited), and a verb's direction (认定下来, 批下来) is no subject, so an honour
question without a named award is asked back instead of refused."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant


@pytest.mark.parametrize(
    "question", ["三年行动计划跟附件政策的年限各是多久", "若干政策和行动计划的期限怎么定的"]
)
def test_both_periods_asked_as_term_are_validity(bot: Assistant, question: str) -> None:
    a = bot.ask_turns([question])
    assert a.kind == "answer" and any("validity" in t for t in a.trace if t.startswith("意图")), a.trace
    assert any("实施期限" in c.path for c in a.citations)
    assert "三年行动计划的期限" in a.answer


@pytest.mark.parametrize("question", ["你好，我们的认定批下来了，能奖多少", "称号评下来了，可以给多少钱"])
def test_a_verb_direction_is_not_a_subject(bot: Assistant, question: str) -> None:
    a = bot.ask_turns([question])
    assert a.kind == "clarify", a.trace
