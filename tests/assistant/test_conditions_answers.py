"""Conditions answers state the rule's figures in 万元 outside the quote; a named award's clause answers first;
the annual cap and the attachment's end are answered from 附则, not asked back."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant
from tools.amounts import find_amounts, format_wan


def _summary(text: str) -> str:
    """The answer without its verbatim quotes: what the assistant itself says."""
    return "\n".join(ln for ln in text.splitlines() if not ln.startswith(">"))


def test_every_threshold_of_every_rule_is_stated_in_wan_yuan(bot: Assistant) -> None:
    planner = bot.rules_planner
    for rule in planner.ctx.book.rules:
        figures = [c.at_least_yuan for c in rule.conditions if c.at_least_yuan is not None]
        if rule.amount.threshold is not None:
            figures.append(rule.amount.threshold.yuan)
        if not figures:
            continue
        answer = bot.ask_turns([f"{rule.aliases[0]}有哪些条件"])
        stated = {a.yuan for a in find_amounts(_summary(answer.answer))}
        assert set(figures) <= stated, (rule.id, _summary(answer.answer))


@pytest.mark.parametrize(
    ("question", "heading", "figures"),
    [
        ("智能化改造投入奖补起点是多少，按几个点给", "推动基础投入", [3_000_000, 500_000]),
        ("贴息要满足什么要求？贷款要多少？", "强化金融保障", [30_000_000, 20_000_000, 4_000_000, 1_000_000]),
        ("二级节点是立项就给钱，还是建成才给？", "支持平台建设", [1_000_000]),
    ],
)
def test_a_threshold_question_gets_the_conditions_and_the_standard(
    bot: Assistant, question: str, heading: str, figures: list[int]
) -> None:
    answer = bot.ask_turns([question])
    assert answer.kind == "answer", answer.answer
    assert heading in answer.citations[0].path
    assert {a.yuan for a in find_amounts(_summary(answer.answer))} >= set(figures), answer.answer
    assert "奖补标准" in answer.answer


def test_the_standard_line_names_each_tier(bot: Assistant) -> None:
    text = bot.ask_turns(["工业信息安全防护企业评星有什么条件"]).answer
    assert f"五星级{format_wan(150_000)}" in text and f"三星级{format_wan(50_000)}" in text


@pytest.mark.parametrize("question", ["每年最多能拿多少补贴，有没有封顶", "我们一年总共能拿的奖补有上限吗"])
def test_the_annual_cap_is_answered_from_its_principle(bot: Assistant, question: str) -> None:
    answer = bot.ask_turns([question])
    assert answer.kind == "answer"
    assert "相关原则" in answer.citations[0].path
    assert "税收" in answer.answer


@pytest.mark.parametrize(
    "question", ["行动计划到2024年，那附件的若干政策也是那时候截止吗", "这些奖补政策能用到哪一年"]
)
def test_the_attachments_end_cites_its_period(bot: Assistant, question: str) -> None:
    answer = bot.ask_turns([question])
    assert "实施期限" in answer.citations[0].path
    assert "2025" in answer.answer


def test_a_lookup_naming_an_award_cites_its_clause_unless_another_covers_more(bot: Assistant) -> None:
    assert "支持平台建设" in bot.ask_turns(["二级节点解析项目在文件里怎么说的"]).citations[0].path
    assert "管理体系导入行动" in bot.ask_turns(["两化融合管理体系和市长质量奖有啥关系"]).citations[0].path


def test_a_sum_of_two_ceilings_is_their_total(bot: Assistant) -> None:
    answer = bot.ask_turns(["我们牵头建的产业链协作平台评上国家级了，还建成了二级节点，一共多少"])
    assert 2_000_000 in {a.yuan for a in find_amounts(answer.answer)}, answer.answer


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("省里把示范车间换了名字，我们评的新牌子还算吗", "参照变更前对应的政策标准执行"),
        ("奖补资金由哪个部门安排", "市财政局负责统筹安排资金"),
    ],
)
def test_a_principle_named_is_answered_by_its_own_sentence(
    bot: Assistant, question: str, sentence: str
) -> None:
    answer = bot.ask_turns([question])
    assert sentence in answer.answer.split("\n")[0], answer.answer


def test_two_awards_for_one_matter_are_not_both_paid(bot: Assistant) -> None:
    answer = bot.ask_turns(["同一个项目既评上了省级示范车间又拿了基础投入奖补，能都拿吗"])
    assert answer.answer.startswith("**不能都拿。**") and answer.kind == "answer"


def test_a_department_question_that_also_asks_the_amount_gets_both(bot: Assistant) -> None:
    answer = bot.ask_turns(["网络安全分类分级重点企业奖多少，谁负责"])
    assert "市工信局" in answer.answer and 200_000 in {a.yuan for a in find_amounts(answer.answer)}


def test_qualifying_facts_asked_now_after_the_end_do_not_get_a_plain_yes(bot: Assistant) -> None:
    answer = bot.ask_turns(["我们2024年投了500万智能车间用了AI，现在申请来得及吗"])
    assert not answer.answer.startswith("**能。**") and "到期" in answer.answer.split("\n")[0]


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("我们的工业互联网标杆案例是泰州市级的，有现金吗", "**没有现金奖励。**"),
        ("我们是省五星级上云企业有没有钱拿", "**本政策没有写明现金金额。**"),
        ("我们的工业APP是省级认定的有钱吗", "**能。**"),
    ],
)
def test_cash_asked_of_an_award_that_pays_none_is_answered_first(
    bot: Assistant, question: str, lead: str
) -> None:
    assert bot.ask_turns([question]).answer.startswith(lead)


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("听说DCMM认证奖励是固定给30万，是吗？", "**不完全对：这是上限"),
        ("我们获评省级质量标杆，是不是肯定能拿30万？", "**不一定：这是上限"),
        ("首台套重大装备其他领域的也给50万吗？", "**不对。**"),
        ("基础投入奖补超过300万才有是吗？", "**不对：原文是“当年相关投入300万元以上”"),
        ("听说通过DCMM认证能奖30万，是真的吗？", "**是的。**"),
    ],
)
def test_a_claim_is_checked_for_ceiling_field_and_boundary(bot: Assistant, question: str, lead: str) -> None:
    assert bot.ask_turns([question]).answer.startswith(lead)


# Round 4 answer shapes (own wordings).
def test_the_investment_that_reaches_the_cap_is_computed(bot: Assistant) -> None:
    a = bot.ask_turns(["基础投入的补贴怎么算", "投入多少就能拿到最高了"])
    assert "1000万元" in a.answer and "50万元 ÷ 5%" in a.answer, a.trace


def test_the_conditions_answer_states_where_the_cap_is_reached(bot: Assistant) -> None:
    a = bot.ask_turns(["贷款贴息有哪些门槛"])
    assert "贷款总额达到 1亿元" in a.answer


def test_a_who_asks_of_nothing_after_validity_names_the_contact_and_implementation(bot: Assistant) -> None:
    a = bot.ask_turns(["这政策到期了没", "那我该去问哪个部门"])
    assert "市工信局" in a.answer and a.citations[0].path.endswith("实施过程"), a.trace


def test_a_corrected_claim_quotes_the_clause_condition(bot: Assistant) -> None:
    a = bot.ask_turns(["工业APP拿了泰州市级认定也能奖2万，没错吧"])
    first = a.answer.split("\n")[0]
    assert first.startswith("**不对。**") and "省级以上" in first and "2万元" in first, a.trace


def test_plan_and_attachment_periods_are_both_stated(bot: Assistant) -> None:
    a = bot.ask_turns(["行动计划和若干政策的结束时间一样吗"])
    assert "2022—2024年" in a.answer and "2025年4月6日" in a.answer, a.trace


def test_a_month_after_the_end_leads_the_answer(bot: Assistant) -> None:
    a = bot.ask_turns(["2025年10月上的设备，能不能按泰政办发2022年25号申请"])
    assert a.answer.startswith("**不在本政策实施期限内。**") and "市工信局" in a.answer, a.trace


@pytest.mark.parametrize(
    "question", ["哪类企业可以申报这些奖补，有注册地要求吗", "什么单位能享受智改数转奖补"]
)
def test_who_may_apply_is_answered_by_the_scope(bot: Assistant, question: str) -> None:
    a = bot.ask_turns([question])
    assert a.citations[0].path.endswith("适用范围") and "独立法人" in a.answer, a.trace
