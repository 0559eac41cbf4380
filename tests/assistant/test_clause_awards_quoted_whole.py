"""A clause asked as a whole ("信创服务怎么扶持", "这方面有什么支持") is answered with every sentence of it that states
an award (its rules.yaml quotes), not only the best-matching one: a clause that refers to other documents AND gives
积分 says both. An award named by its own words (not the clause's heading) keeps to its own sentence."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant

REFERRAL = "等相关政策执行奖励。"
POINTS = "新通过省规划布局内重点软件企业、省专精特新软件企业、省级软件企业技术中心，给予积分奖励。"


@pytest.mark.parametrize("question", ["信创服务这块有啥支持", "政策对信创服务怎么扶持"])
def test_the_heading_word_quotes_every_award_of_the_clause(bot: Assistant, question: str) -> None:
    answer = bot.ask_turns([question]).to_dict()
    text = answer["answer"]
    assert REFERRAL in text and POINTS in text, text
    cites = answer["citations"]
    assert len(cites) == 1 and cites[0]["path"].endswith("引导信创服务")
    # one verbatim span holds both award sentences
    assert REFERRAL in cites[0]["quote"] and POINTS in cites[0]["quote"]


@pytest.mark.parametrize("question", ["信息安全方面怎么奖励", "强化信息安全这条有什么支持"])
def test_a_clause_with_two_cash_awards_states_both(bot: Assistant, question: str) -> None:
    text = bot.ask_turns([question]).to_dict()["answer"]
    assert "分别给予15万元、10万元、5万元奖励" in text, text
    assert "给予最高20万元奖励" in text, text


def test_an_award_named_by_its_own_words_keeps_to_its_sentence(bot: Assistant) -> None:
    # DCMM is one of four awards of 促进管理提升: the 两化融合 积分 sentence is not what was asked
    text = bot.ask_turns(["DCMM认证怎么奖励"]).to_dict()["answer"]
    assert "最高30万元奖励" in text
    assert "两化融合管理体系升级版贯标" not in text, text
