"""The plan's years asked in any wording: its span read from the plan's title line, the plan part cited, the
attachment's own term kept beside it."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant


@pytest.mark.parametrize(
    "question", ["行动计划覆盖的是哪几年呀", "三年行动计划起讫年份", "这三年计划指哪三年"]
)
def test_the_plan_span_is_read_from_its_title(bot: Assistant, question: str) -> None:
    answer = bot.ask_turns([question]).to_dict()
    plan = next(c for c in bot.context.index.clauses if len(c.path) == 1 and "—" in c.text.splitlines()[0])
    span = plan.text.splitlines()[0].rsplit("（", 1)[-1].rstrip("）")
    assert span.split("—")[0] in answer["answer"] and span.split("—")[1].rstrip("年") in answer["answer"]
    assert plan.path[0] in [c["path"] for c in answer["citations"]], answer["citations"]
    assert "有效期" in answer["answer"], answer["answer"][:200]
