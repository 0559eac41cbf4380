"""Wherever an answer rests on the term clause first, the term is stated in full: start, end, whether it has
ended (against today) and whom to ask, from meta; a project dated after the end (relative to today) is said to
lie outside the term; the plan's years asked about what follows them get both spans, the plan's title cited."""

from __future__ import annotations

import pytest

from assistant.doc_answers import cn_date
from assistant.engine import Assistant


def _term_path(bot: Assistant) -> str:
    clause = bot.context.book_clause("validity")
    assert clause is not None
    return clause.path_str


@pytest.mark.parametrize("question", ["附则里关于期限的条款怎么写的", "实施期限那一条原文是什么"])
def test_an_answer_citing_the_term_first_states_it_in_full(bot: Assistant, question: str) -> None:
    answer = bot.ask_turns([question]).to_dict()
    meta = bot.context.meta()
    assert answer["citations"][0]["path"] == _term_path(bot), answer["citations"]
    text = answer["answer"]
    assert meta.valid_from and meta.valid_until
    assert cn_date(meta.valid_from) in text and cn_date(meta.valid_until) in text, text[:200]
    assert "到期" in text and meta.contact_department in text, text[:200]


@pytest.mark.parametrize(
    "question",
    [
        "领导让我问问这个数字化转型奖补是不是已经失效了我们去年底刚验收的项目能不能报",
        "喂您好我想咨询下咱们那个智改数转的奖补现在是不是到期了啊我们厂去年年底才把产线弄好想去申请一下",
        "麻烦问下那个智改数转奖励过期没有我们公司去年12月完成的改造还想着申报",
    ],
)
def test_a_project_after_the_end_is_outside_the_term(bot: Assistant, question: str) -> None:
    answer = bot.ask_turns([question]).to_dict()
    meta = bot.context.meta()
    assert answer["plan"]["intent"] == "validity", answer["plan"]
    assert answer["citations"][0]["path"] == _term_path(bot)
    lead = answer["answer"].split("\n\n")[0]
    assert meta.valid_until and cn_date(meta.valid_until) in lead, lead
    assert "不在本政策实施期限内" in lead and meta.contact_department in lead, lead


def test_a_project_early_in_the_last_year_is_not_said_to_be_outside(bot: Assistant) -> None:
    # the conftest's today lies in the year after the end; "去年初" is then before the end month
    answer = bot.ask_turns(["我们去年初完成的项目，奖补过期了没有还能报吗"]).to_dict()
    assert answer["plan"]["intent"] == "validity"
    assert "不在本政策实施期限内" not in answer["answer"], answer["answer"][:200]


@pytest.mark.parametrize(
    "question", ["三年计划到期以后，后面还按这个执行吗", "行动计划2024年就结束了，之后这些任务还执行不"]
)
def test_after_the_plans_years_both_spans_are_given(bot: Assistant, question: str) -> None:
    answer = bot.ask_turns([question]).to_dict()
    meta = bot.context.meta()
    assert answer["plan"]["intent"] == "validity", answer["plan"]
    text = answer["answer"]
    assert meta.plan_period in text and meta.valid_until and cn_date(meta.valid_until) in text, text[:200]
    assert meta.contact_department in text
    paths = [c["path"] for c in answer["citations"]]
    assert paths[0] == _term_path(bot)
    # the plan's own part: its first line is its title, with the years
    plan = next(c for c in bot.context.index.clauses if len(c.path) == 1 and "—" in c.text.splitlines()[0])
    assert plan.path_str in paths, paths
    quote = next(c["quote"] for c in answer["citations"] if c["path"] == plan.path_str)
    assert meta.plan_period.rstrip("年") in quote, quote
