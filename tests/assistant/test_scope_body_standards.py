"""A place or a higher level asked about for its own standards or policy, with no department or document word: the
corpus holds no paper of that body, so it is refused; a level before a title this policy rewards, or a place that
says where the enterprise is, is not such a question. Wordings written for this file."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant
from assistant.scope import Coverage, judge_scope

COVERED = Coverage(names=("泰兴", "泰兴市"))


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("浙江省数字化转型的奖励标准是什么", "浙江省"),
        ("安徽省智改数转的补贴标准有多高", "安徽省"),
        ("泰州市区的智能化改造政策是怎么补的", "泰州市区"),
        ("宁波那边对数字化改造怎么扶持", "宁波那边"),
        ("泰州市对智改数转给多少", "泰州市"),
    ],
)
def test_a_body_asked_about_for_its_own_standards_is_refused(text: str, named: str) -> None:
    verdict = judge_scope(text, 1, COVERED)
    assert verdict.kind == "other_document", verdict
    assert named in verdict.reason


@pytest.mark.parametrize(
    ("text", "names_award"),
    [
        # a level before a title this policy rewards
        ("江苏省级智能制造示范车间奖励标准是多少", True),
        ("泰州市级的工业互联网平台怎么补", True),
        # the title's award named after the place: the message is about this policy's reward for it
        ("江苏省五星级上云企业给多少", True),
        # the place says where the enterprise is, not who pays
        ("泰州市区的企业搞智能化改造能补多少", False),
        # the corpus's own place
        ("泰兴市的智改数转奖补标准是多少", False),
    ],
)
def test_a_title_level_an_enterprise_s_place_or_the_own_place_is_not_a_body(
    text: str, names_award: bool
) -> None:
    assert judge_scope(text, 1, COVERED, names_award=names_award).kind == "ok", text


@pytest.mark.parametrize("text", ["湖北省对企业上云的奖补标准是多少", "泰州市区那边智能化改造怎么奖"])
def test_the_refusal_names_the_documents_the_corpus_holds(bot: Assistant, text: str) -> None:
    a = bot.ask_turns([text])
    assert a.kind == "refuse", a.answer
    titles = [d.meta.short_title or d.meta.title for d in bot.context.documents]
    assert titles and all(t in a.answer for t in titles), a.answer


@pytest.mark.parametrize(
    "text", ["获评省级智能制造示范车间的奖励标准是多少", "泰州市级工业互联网平台能补多少"]
)
def test_a_title_level_is_still_answered(bot: Assistant, text: str) -> None:
    assert bot.ask_turns([text]).kind != "refuse", text
