"""A part of the attachment named by its heading, quoted or not, with its place before it ("第四部分“…”", "第一部分…
下面"): its items listed, never refused as off-topic, and the part's own ordinal or name picks none of its items."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant
from assistant.topics import asks_list


@pytest.mark.parametrize(
    ("question", "part", "items"),
    [
        (
            "附件第四部分“加强服务能力保障”都包括哪些条",
            "四、加强服务能力保障",
            ["（十）强化诊断保障", "（十一）强化金融保障", "（十二）强化活动保障"],
        ),
        (
            "第一部分着力企业能级提升下面有几条",
            "一、着力企业能级提升",
            ["（一）推动基础投入", "（二）促进管理提升", "（三）强化信息安全"],
        ),
        (
            "“强化示范标杆引领”这一部分底下包括哪几项内容",
            "二、强化示范标杆引领",
            ["（四）支持标杆引领", "（五）加快示范创建", "（六）鼓励应用开发"],
        ),
    ],
)
def test_a_part_named_by_its_heading_lists_all_its_items(
    bot: Assistant, question: str, part: str, items: list[str]
) -> None:
    answer = bot.ask_turns([question]).to_dict()
    assert answer["kind"] == "answer", answer["answer"][:120]
    text = answer["answer"]
    assert text.startswith(f"“{part}”共{len(items)}项"), text[:80]
    assert all(i in text for i in items), text


def test_an_ordinal_after_the_part_still_picks_one_item(bot: Assistant) -> None:
    text = bot.ask_turns(["加快协同生态营造的第二项是什么"]).to_dict()["answer"]
    assert "加强园区创新" in text and "引导信创服务" not in text, text[:200]


@pytest.mark.parametrize("question", ["下面有几项", "都包括哪些条", "这部分包括哪些内容"])
def test_asking_for_items_is_recognised(question: str) -> None:
    assert asks_list(question)


def test_a_count_of_awards_is_not_asking_for_items() -> None:
    assert not asks_list("DCMM认证奖多少")
