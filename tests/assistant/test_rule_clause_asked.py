"""Questions whose asking words resemble another kind (own wordings, round 8): the document's part named
(附件的哪一条) is no subject; a 附则 rule named (改名的品牌, 新增品牌, 科技创新积分) is answered from its own
clause; 怎么认定 / 按星级怎么奖 asks the named award's conditions; 到哪一年 asks the plan's period."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant


def _ask(bot: Assistant, question: str) -> tuple[list[str], str]:
    answer = bot.ask_turns([question]).to_dict()
    return [c["path"] for c in answer["citations"]], answer["answer"]


@pytest.mark.parametrize("question", ["贴息政策在附件的哪一条里", "附件的哪一条写了贷款贴息"])
def test_the_attachment_named_is_no_subject(bot: Assistant, question: str) -> None:
    paths, _ = _ask(bot, question)
    assert paths and "强化金融保障" in paths[0], (question, paths)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("品牌创建的名称改了以后还按原来的标准执行吗", "变更前"),
        ("新加的品牌创建项目按什么标准给", "同类别"),
        ("科技创新积分这类奖补事项是谁来汇总", "市科技局"),
    ],
)
def test_a_rule_of_the_annex_is_answered_from_its_clause(bot: Assistant, question: str, said: str) -> None:
    paths, text = _ask(bot, question)
    assert paths and "实施过程" in paths[0], (question, paths)
    assert said in text, text


@pytest.mark.parametrize(
    ("question", "heading", "said"),
    [
        ("精益管理成效怎么认定，最高奖多少", "促进管理提升", "审定"),
        ("DCMM认证奖励怎么认定的，给多少", "促进管理提升", "条件"),
        ("星级工业信息安全防护企业按星级怎么奖", "强化信息安全", "15万"),
    ],
)
def test_how_recognised_or_paid_by_tier_is_the_award_s_conditions(
    bot: Assistant, question: str, heading: str, said: str
) -> None:
    paths, text = _ask(bot, question)
    assert paths and heading in paths[0], (question, paths)
    assert said in text, text


@pytest.mark.parametrize("question", ["三年计划到哪一年为止", "行动计划的目标要在哪一年实现"])
def test_the_year_a_plan_reaches_is_its_period(bot: Assistant, question: str) -> None:
    paths, text = _ask(bot, question)
    assert "2024" in text and any("行动计划" in p for p in paths), (paths, text)
