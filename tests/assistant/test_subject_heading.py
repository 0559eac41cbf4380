"""A subject word carried by a clause's own heading outranks a general heading that only shares the asking words
(保障措施) and the plan's action on the same subject: the clause stating what is given answers."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant


@pytest.mark.parametrize(
    ("question", "heading"),
    [
        ("诊断这方面有什么保障措施", "（十）强化诊断保障"),
        ("活动这块政策有哪些保障措施", "（十二）强化活动保障"),
    ],
)
def test_the_subject_in_a_heading_outranks_the_section_named_by_the_asking_words(
    bot: Assistant, question: str, heading: str
) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert answer["kind"] == "answer", answer["answer"][:120]
    assert answer["citations"][0]["path"].endswith(heading), answer["citations"]


@pytest.mark.parametrize(
    "question",
    [
        "保障措施有哪些",  # no subject besides the section's own name
        "组织领导方面有哪些保障措施",  # the section's own item carries the subject
        "人才方面有什么保障措施",  # no heading carries the subject
    ],
)
def test_the_section_named_still_answers_when_no_other_heading_carries_the_subject(
    bot: Assistant, question: str
) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert "三、保障措施" in answer["citations"][0]["path"], answer["citations"]


@pytest.mark.parametrize(
    ("question", "amounts"),
    [
        ("企业信息安全这方面政策怎么支持", ["15万元", "20万元"]),
        ("网络安全方面有什么鼓励措施", ["20万元"]),
    ],
)
def test_how_a_subject_is_supported_is_answered_by_the_heading_stating_what_is_given(
    bot: Assistant, question: str, amounts: list[str]
) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert answer["citations"][0]["path"].endswith("（三）强化信息安全"), answer["citations"]
    assert all(a in answer["answer"] for a in amounts), answer["answer"]
