"""Who the policy covers, who it excludes and where it says so are the scope clause's own sentences and heading
(rules.yaml names the clause), not text kept in code. Wordings written for this file."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant
from assistant.quotes import sentence_with
from common.markdown import cited_as


def _clause(bot: Assistant, principle: str):  # type: ignore[no-untyped-def]
    doc_id = bot.context.documents[0].meta.doc_id
    clause = bot.planner_for(doc_id).ctx.book_clause(principle)
    assert clause is not None
    return clause


@pytest.mark.parametrize("question", ["律师事务所这种机构可以申请吗", "外资独资的公司能享受这个政策吗"])
def test_who_may_apply_is_the_clause_s_sentence_and_its_exceptions(bot: Assistant, question: str) -> None:
    clause = _clause(bot, "scope")
    covered = sentence_with(clause.text, "独立法人")
    excluded = sentence_with(clause.text, "除外")
    assert covered and excluded
    first = bot.ask_turns([question]).answer.split("\n", 1)[0]
    assert first.startswith("本政策适用于" + covered.removesuffix("。")), first
    # every excluded kind of body, in the clause's words (without its leading 但 and trailing 除外)
    assert excluded.removeprefix("但").removesuffix("。").removesuffix("除外") in first, first


@pytest.mark.parametrize(
    "question",
    ["我们是外省总部在本地设的分公司，没有独立法人资格，可以申请吗", "分公司不是独立法人，奖补能拿吗"],
)
def test_a_failed_scope_condition_cites_the_clause_by_its_heading(bot: Assistant, question: str) -> None:
    clause = _clause(bot, "scope")
    answer = bot.ask_turns([question]).answer
    assert answer.startswith(f"**不能。** 不符合{cited_as(clause.path)}："), answer[:120]


@pytest.mark.parametrize(
    "question", ["企业前年出了较大安全事故，智改数转奖励还能申报吗", "我们上了严重失信名单，这个奖补还给不给"]
)
def test_an_exclusion_cites_the_exclusions_clause_by_its_heading(bot: Assistant, question: str) -> None:
    clause = _clause(bot, "exclusions")
    answer = bot.ask_turns([question]).answer
    assert answer.startswith(f"**不能享受。** 根据{cited_as(clause.path)}，"), answer[:120]
