"""A section's items asked for by their count ("九项行动列一下") or by the level between the section and its items
("三大工程分别是什么"): the item headings listed, each group with its own items (own wordings, round 7)."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant


@pytest.mark.parametrize("question", ["九项行动列一下", "重点工作里九项行动都有哪些", "那九项行动是哪九项"])
def test_the_counted_items_are_listed(bot: Assistant, question: str) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert answer["answer"].startswith("“二、重点工作”共9项"), answer["answer"][:80]
    for title in ("画像诊断服务行动", "园区智慧转型行动"):
        assert title in answer["answer"]


@pytest.mark.parametrize("question", ["重点工作的三大工程分别是什么", "三大工程分别包括哪些行动"])
def test_the_level_named_by_its_count_is_listed_with_its_items(bot: Assistant, question: str) -> None:
    answer = bot.ask_turns([question]).to_dict()
    text = answer["answer"]
    assert "共3项" in text, text[:120]
    lines = [line for line in text.splitlines() if line.startswith("- **")]
    assert [line.split("**")[1] for line in lines] == [
        "（一）精准服务对接工程",
        "（二）分类推进实施工程",
        "（三）协同创新提升工程",
    ]
    assert "园区智慧转型行动" in lines[2]
    assert answer["citations"] and "三大工程" in answer["citations"][0]["quote"]


@pytest.mark.parametrize(
    ("question", "part", "items"),
    [
        ("若干政策第二部分包括哪几条", "二、强化示范标杆引领", ["（四）支持标杆引领", "（六）鼓励应用开发"]),
        ("若干政策的第五部分有几条", "五、附则", ["（一）适用范围", "（四）实施期限"]),
    ],
)
def test_a_part_named_by_its_title_line_and_position_lists_all_its_items(
    bot: Assistant, question: str, part: str, items: list[str]
) -> None:
    # "若干政策" is the attachment's title line, not a heading; the ordinal picks the part, not one of its items
    text = bot.ask_turns([question]).to_dict()["answer"]
    assert text.startswith(f"“{part}”共"), text[:80]
    assert all(i in text for i in items), text
