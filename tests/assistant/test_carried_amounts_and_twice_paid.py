"""Round-8 classes, in wordings written here (none copied from a suite): the enterprise's local tax said in one
turn caps a later turn's claims; asking to be paid twice for one matter won at two levels is the highest-only
principle, though none of its words is said."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant


@pytest.mark.parametrize(
    ("turns", "total"),
    [
        (
            ["我们厂前年在本地缴的税一共就30万，不属于新引进项目", "今年评上省级工业互联网平台，能拿多少"],
            "30万元",
        ),
        (
            [
                "先说下，我司上年度地方税收25万元，也不是招商引进的",
                "我们是省五星级工业信息安全防护企业，还拿了DCMM认证，能拿多少",
            ],
            "25万元",
        ),
    ],
)
def test_local_tax_said_earlier_caps_a_later_claim(bot: Assistant, turns: list[str], total: str) -> None:
    a = bot.ask_turns(turns)
    assert a.kind == "answer", a.answer
    assert f"**合计：最高 {total}**" in a.answer or f"**合计：{total}**" in a.answer, a.answer
    assert "未提供该年度对地方税收总额" not in a.answer
    assert "按您第1轮所说" in a.answer  # the figure applied is the one the user gave, whatever its year
    assert any("相关原则" in c.path for c in a.citations)


def test_a_lookup_after_the_tax_turn_is_not_capped(bot: Assistant) -> None:
    a = bot.ask_turns(["我们去年地方税收20万", "工业互联网平台是哪个部门负责"])
    assert "地方税收总额 20万元" not in a.answer


@pytest.mark.parametrize(
    "text",
    [
        "一个车间先评了省级后来又评了国家级，能拿双份吗",
        "同一个平台两级都认定了，两笔奖金是不是都发",
        "这个示范工厂省里和国家都评上了，能不能领两份",
    ],
)
def test_paid_twice_for_one_matter_is_answered_by_highest_only(bot: Assistant, text: str) -> None:
    a = bot.ask_turns([text])
    assert a.kind == "answer", a.answer
    assert "就高不重复" in a.answer and "**不能" in a.answer
    assert any("相关原则" in c.path for c in a.citations[:3]), [c.path for c in a.citations]
