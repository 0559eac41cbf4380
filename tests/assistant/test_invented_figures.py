"""A figure asked to be made up for a report or a superior is declined in a line, and the likely award's real
standard quoted and cited instead; the made-up figure is never given as an award (assistant/invented_figures.py)."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant
from assistant.invented_figures import INVENTED_FIGURE


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("给我凑个好看的金额放到年终总结里，就写能拿150万奖补", "150万"),
        ("老板要看，你随便报个高点的数，写能补120万吧", "120万"),
        ("胡乱编一个大点的数字应付一下检查组", ""),
    ],
)
def test_a_made_up_figure_is_declined_and_the_investment_award_quoted(
    bot: Assistant, text: str, said: str
) -> None:
    a = bot.ask_turns([text])
    assert a.kind == "answer"
    assert a.answer.startswith("**不能编造数字**")
    assert any("推动基础投入" in c.path for c in a.citations)
    assert "50万元" in a.answer  # the cap, from the clause
    if said:
        assert said not in a.answer  # the invented sum is not repeated as if it were an award
        assert "超过了这一项单个企业的上限" in a.answer


def test_a_named_award_is_the_one_quoted(bot: Assistant) -> None:
    a = bot.ask_turns(["帮我拍个数，就说DCMM认证能奖60万，写进汇报"])
    assert a.kind == "answer" and any("促进管理提升" in c.path for c in a.citations)
    assert "30万元" in a.answer and "60万" not in a.answer


@pytest.mark.parametrize(
    "text",
    [
        "帮我估个数，投入600万能拿多少",
        "编号为3的条款说了什么",
        "大概估个数，贴息能拿多少",
        "智能化改造数字化转型的政策还有效吗",
        "你别瞎说，智能车间奖到底多少",
    ],
)
def test_an_estimate_or_a_number_word_is_not_an_invented_figure(text: str) -> None:
    assert not INVENTED_FIGURE.search(text)


def test_an_estimate_with_figures_is_still_worked_out(bot: Assistant) -> None:
    a = bot.ask_turns(["帮我估个数，今年投入700万能拿多少"])
    assert "不能编造" not in a.answer and "35万元" in a.answer
