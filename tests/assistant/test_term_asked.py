"""A term word about the policy (过期/到期/失效, or filing late: 补报) with no figure decides the validity when the act is thin; the
enterprise's own loan falling due does not; the plan's years followed by "still carried out?" ask the term."""

from __future__ import annotations

import pytest

from assistant.facts import extract_facts
from assistant.term_asked import after_plan_asked, expiry_asked
from assistant.vocabulary import Vocabulary


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("那个奖补是不是失效了我们刚弄完的项目想报", True),
        ("政策到期没有啊", True),
        ("贷款到期了以后贴息怎么办", False),
        ("投入800万的项目政策过期了还能拿多少", False),  # an amount of its own: a calculation
        ("机器人补贴能拿多少", False),
        ("前年底就完工的改造项目，现在补报还来得及吗", True),  # filing late asks the term
        ("22年做的示范车间现在补申报可以不", True),
        ("补报材料要交哪些", False),  # materials sent again: no question of the term
    ],
)
def test_expiry_asked(vocab: Vocabulary, text: str, asked: bool) -> None:
    assert expiry_asked(text, extract_facts(text, vocab)) is asked


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("三年计划到期以后，后面还按这个执行吗", True),
        ("行动计划只到2024年，此后这些任务是否继续执行", True),
        ("行动计划的三大工程是什么", False),
        ("行动计划到哪一年结束", False),
    ],
)
def test_after_plan_asked(vocab: Vocabulary, text: str, asked: bool) -> None:
    assert after_plan_asked(text, extract_facts(text, vocab)) is asked
