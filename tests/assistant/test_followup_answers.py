"""End to end through the real assistant: the follow-up, clarify, calc and premise classes of
tests/assistant/test_followup.py and test_standards.py (new wordings, not suite sentences)."""

from __future__ import annotations

from assistant.engine import Assistant


def test_a_condition_denied_in_a_short_word_after_all_facts_fails_it(bot: Assistant) -> None:
    a = bot.ask_turns(
        [
            "贷款贴息怎么申请",
            "贷款4000万，利息付了160万，在库，走的产融平台，总投资5000万，软件投入500万",
            "假如不是在平台贷的呢",
        ]
    )
    assert a.kind == "answer" and "✗ 不满足：在泰州市产融综合服务平台获得" in a.answer
    assert "40万元" not in a.answer


def test_both_levels_of_one_platform_are_paid_once_the_higher(bot: Assistant) -> None:
    a = bot.ask_turns(
        ["省级产业链协作平台奖多少", "国家级的呢", "同一个平台同年两个级别都评上了，能拿150万吗"]
    )
    assert a.kind == "answer" and a.answer.startswith("**不能拿150万元。**")
    assert "就高不重复" in a.answer and "合计最高 100万元" in a.answer


def test_both_earlier_awards_are_summed(bot: Assistant) -> None:
    a = bot.ask_turns(
        ["国家级工业互联网平台奖多少", "那工业互联网标识解析二级节点呢", "这两个都建成了，加起来最多多少"]
    )
    assert "合计：最高 200万元" in a.answer


def test_a_word_shared_by_award_titles_lists_each_level_with_the_clause(bot: Assistant) -> None:
    a = bot.ask_turns(["平台认定下来能奖多少"])
    assert a.kind == "clarify" and "工业互联网平台" in a.answer and "产业链协作平台" in a.answer
    assert "国家级 最高 100万元" in a.answer and any("支持平台建设" in c.path for c in a.citations)


def test_a_content_free_request_is_asked_back(bot: Assistant) -> None:
    a = bot.ask_turns(["那个奖励我们想报一下"])
    assert a.kind == "clarify"


def test_technology_bought_is_not_an_honour_claimed(bot: Assistant) -> None:
    a = bot.ask_turns(["技改投了900万，车间里部署了工业互联网平台和5G+专网，按政策封顶多少，我们能拿多少"])
    assert a.kind == "answer" and "45万元" in a.answer
    assert "融合发展试点示范" not in a.answer and "**工业互联网平台**" not in a.answer


def test_a_no_cap_premise_is_corrected_not_confirmed(bot: Assistant) -> None:
    a = bot.ask_turns(["基础投入奖补上不封顶的对吧，我们投了2000万，5%就是100万，帮忙出个确认"])
    assert a.kind == "answer" and a.answer.startswith("**不对，有上限")
    assert "最多 50万元" in a.answer


def test_one_platform_won_at_both_levels_is_paid_the_higher_only(bot: Assistant) -> None:
    a = bot.ask_turns(["我们同一个平台先后评上了省级和国家级产业链协作平台，两个奖能叠加吗"])
    assert a.kind == "answer" and "就高不重复" in a.answer and "合计最高 100万元" in a.answer
    assert "150万元" not in a.answer and any("相关原则" in c.path for c in a.citations)


def test_a_department_follow_up_naming_another_award_names_its_departments(bot: Assistant) -> None:
    a = bot.ask_turns(["DCMM认证奖励归哪个部门管", "那贷款贴息呢"])
    assert a.kind == "answer" and "市地方金融监管局" in a.answer and "市财政局" in a.answer


def test_a_first_turn_of_asking_words_only_is_asked_back(bot: Assistant) -> None:
    a = bot.ask_turns(["可以申报不？"])
    assert a.kind == "clarify"
