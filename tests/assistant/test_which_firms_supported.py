""" "支持哪些类型的企业去做X": the kinds of enterprise supported are asked, so the answer is the clause whose sentence
names them after its verb (支持龙头骨干、专精特新企业…), quoted, not a target sentence sharing only X's words."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant


@pytest.mark.parametrize(
    ("question", "clauses", "firms"),
    [
        ("标杆示范这块重点扶持什么样的企业", ("标杆企业打造行动", "加快示范创建"), "专精特新"),
        ("建示范工厂，政策鼓励哪类企业带头", ("标杆企业打造行动", "加快示范创建"), "专精特新"),
        ("平台建设主要支持哪些企业", ("支持平台建设",), "龙头骨干企业"),
    ],
)
def test_the_clause_naming_the_supported_firms_answers(
    bot: Assistant, question: str, clauses: tuple[str, ...], firms: str
) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert answer["citations"][0]["path"].endswith(clauses), answer["citations"][0]["path"]
    assert firms in answer["answer"].split("\n")[0], answer["answer"][:120]
