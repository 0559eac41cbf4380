"""No answer marks a condition as met (✓) that the user did not state: every ✓ line of every answer over all the
evaluation suites is checked against the words of the user's own turns."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.engine import Assistant
from assistant.settings import PROJECT_ROOT
from evals.suite import load_suites
from tools.amounts import find_amounts

# What a user says when a yes/no condition holds (an oracle written here, independent of assistant/facts.py).
_EVIDENCE = {
    "advanced_tech": r"大数据|人工智能|AI|云计算|物联网|区块链|工业互联网|5G|先进技术",
    "in_project_library": r"库",
    "loan_via_platform": r"产融",
}


# What a user says to state every condition not named (independent of rules.yaml's words for it).
_ALL_OTHERS = r"(其他|其它|其余|别的|剩下).{0,4}(满足|符合|具备|没问题|达标|齐全)|条件.{0,3}(都|均|全).{0,2}(满足|符合|具备|没问题|达标)"
_BY_WORD = "（您说其他条件都满足）"
_OTHER_FIELD = r"(不是|不属于|不算|算不上|不在|并非|非)\S{0,2}智能制造|(是|属于|做)[^，。智]{2,8}(领域|行业)"


def by_users_word(mark: str, said: str) -> bool | None:
    """A ✓ that rests only on "其他条件都满足": supported exactly when the user said so; None for other marks."""
    if not mark.endswith(_BY_WORD):
        return None
    return bool(re.search(_ALL_OTHERS, said))


@pytest.mark.parametrize(
    ("mark", "said", "ok"),
    [
        ("列入市智改数转项目库" + _BY_WORD, "贷款5000万，其他条件都满足，能贴多少", True),
        ("列入市智改数转项目库" + _BY_WORD, "贷款5000万，别的都没问题", True),
        ("列入市智改数转项目库" + _BY_WORD, "条件都符合，能贴多少", True),
        ("列入市智改数转项目库" + _BY_WORD, "贷款5000万，能贴多少", False),  # never said: unstated ✓
        ("列入市智改数转项目库" + _BY_WORD, "其他条件还不清楚", False),
        ("列入市智改数转项目库", "其他条件都满足", None),  # a plain ✓ is judged by the condition's own words
    ],
)
def test_a_mark_by_the_users_word_needs_those_words(mark: str, said: str, ok: bool | None) -> None:
    assert by_users_word(mark, said) is ok


def _stated(turns: list[str]) -> set[int]:
    amounts = [a.yuan for t in turns for a in find_amounts(t)]
    derived = {a - b for a in amounts for b in amounts if a > b}  # 贷款 minus its 土建 part
    doubled = {2 * a for a in amounts} if any("翻" in t or "两倍" in t for t in turns) else set()
    return set(amounts) | derived | doubled


@pytest.mark.slow
def test_every_checkmark_rests_on_what_the_user_said(bot: Assistant) -> None:
    book = bot.context.book
    vocab = bot.context.vocab
    condition_fact = {c.text: c.fact for r in book.rules for c in r.conditions if c.at_least_yuan is None}
    names = {
        **book.vocabulary.level_names,
        **book.vocabulary.field_names,
        **{str(k): v for k, v in book.vocabulary.star_names.items()},
    }
    words_for: dict[str, set[str]] = {}
    for table in (vocab.levels, vocab.stars, vocab.fields):
        for word, key in table.items():
            if key is not None:
                words_for.setdefault(names.get(str(key), str(key)), set()).add(word)
    suite = load_suites(sorted(Path(PROJECT_ROOT / "evals").glob("*.jsonl")))
    unsupported = []
    for case in suite.cases:
        answer = bot.ask_turns(case.turns)
        said = "".join(case.turns)
        for line in answer.answer.splitlines():
            m = re.search(r"✓ (.+)", line)
            if not m:
                continue
            mark = m.group(1)
            if kind := re.match(r"(级别|星级|领域)：(.+)", mark):
                words = words_for.get(kind.group(2), {kind.group(2)})
                # "不是智能制造领域" states the other field
                ok = any(w in said for w in words) or (
                    kind.group(2) != "智能制造领域" and bool(re.search(_OTHER_FIELD, said))
                )
            elif (word := by_users_word(mark, said)) is not None:
                ok = word
            elif mark in condition_fact:
                ok = bool(re.search(_EVIDENCE.get(condition_fact[mark], "(?!)"), said))
            elif "达到门槛" in mark:
                ok = find_amounts(mark)[0].yuan in _stated(case.turns)
            else:
                ok = False
            if not ok:
                unsupported.append(f"{case.id}: ✓ {mark}")
    assert not unsupported, unsupported
