"""A follow-up naming only another place or a higher level of government: that place's own policy, not in the
corpus, refused; a title's level ("国家级的呢") and the corpus's own place stay with this document."""

from __future__ import annotations

from assistant.engine import Assistant


def test_another_province_after_a_policy_question_is_refused(bot: Assistant) -> None:
    a = bot.ask_turns(["智改数转有哪些扶持政策", "那广东省那边的呢"])
    assert a.kind == "refuse" and "广东省" in a.answer


def test_another_city_in_a_short_follow_up_is_refused(bot: Assistant) -> None:
    a = bot.ask_turns(["基础投入奖补的条件是什么", "换成成都市呢"])
    assert a.kind == "refuse" and "成都市" in a.answer


def test_a_higher_level_of_government_is_refused(bot: Assistant) -> None:
    a = bot.ask_turns(["这个政策什么时候到期", "中央层面的呢"])
    assert a.kind == "refuse"


def test_a_titles_level_stays_a_follow_up_of_the_award(bot: Assistant) -> None:
    a = bot.ask_turns(["省级智能制造示范工厂奖多少", "那国家级的呢"])
    assert a.kind != "refuse"


def test_the_corpus_own_place_is_not_refused(bot: Assistant) -> None:
    a = bot.ask_turns(["智改数转有哪些扶持政策", "泰兴的呢"])
    assert a.kind != "refuse"
