"""Lookups across clauses: which clauses use a term ("哪些事项是一事一议的"), and which one clause a question's
subject words point at when the question also asks about money ("园区拿了哪些荣誉可以奖励").

A term several clauses share is answered by every clause using it, each quoted: the best hit alone would hide the
others. A question about money whose subject words clearly belong to one clause is a lookup of that clause, not a
question of which award is meant.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.lookup_rank import _ASKING, _PAIR, MARGIN, WordWeights, clause_text
from assistant.quotes import sentences
from indexing.types import Clause

# "哪些事项是一事一议的 / 哪几项奖励属于积分奖励 / 哪些补贴采取一事一议方式": the term after the copula.
_ASKS_TERM = re.compile(
    r"(?:哪些|哪几项|哪几个|哪几种|哪几类|哪一些)(?:事项|奖励|奖补|补贴|补助|项目|支持|荣誉|内容|情形|情况)?"
    r"(?:是|属于|采取|采用|实行|适用|按照?|走)(?:按照?|采取|采用|用)?(?P<term>[^，。？?！!、]{2,14})"
)
# "按积分奖励的有哪些 / 一事一议的都有哪些": the term before the question.
_TERM_FIRST = re.compile(
    r"(?:^|[，,])(?:按照?|采取|采用|属于)?(?P<term>[^，。？?！!、]{2,10}?)(?:方式|办法)?(?:给予?)?(?:奖励|支持|奖补)?的?"
    r"(?:事项|奖励|奖补|项目)?(?:都|一共|总共)?有哪些"
)
# Words around the term that say how it is asked, not what it is.
_TRIM = re.compile(r"(?:的?方式|的?办法)?(?:给予?|来给|来)?(?:奖励|支持|奖补|补贴)?(?:的|呢|吗|啊)*$")
# A clause's sentence that gives something.
_GIVES = re.compile(r"给予|奖励|奖补|补贴|补助|支持")
# Enough clauses to be worth listing; more than this is a word too common to be a term.
MAX_LISTED = 8
# How much of the question's subject one clause must hold, in rare-word weight, to be the clause asked about.
_SUBJECT_FLOOR = 3.0
_ASKS_WHICH = re.compile(r"哪些|哪几|哪类|哪种|什么")
_MONEY = re.compile(r"补贴|奖励|奖补|补助|奖金|给钱|有钱|一事一议|可以|能|拿|给|获得|得到|哪些|什么")


def asked_term(question: str) -> str:
    """The term a "which items are <term>" question names ("" when it names none)."""
    m = _ASKS_TERM.search(question) or _TERM_FIRST.search(question)
    if not m:
        return ""
    return _TRIM.sub("", m.group("term")).strip()


def term_clauses(term: str, clauses: Sequence[Clause]) -> list[Clause]:
    """The clauses (document order) with a sentence using ``term`` and giving something; the rules on the policy
    itself (its 附则) are left out: they name a term only to say who handles it."""
    if len(term) < 2:
        return []
    return [
        c
        for c in clauses
        if not any("附则" in part for part in c.path)
        and any(term in s and _GIVES.search(s) for s in sentences(c.text))
    ]


def listed_term(question: str, clauses: Sequence[Clause]) -> tuple[str, list[Clause]]:
    """(term, the clauses using it) when a question asks which items use a term several clauses use."""
    term = asked_term(question)
    found = term_clauses(term, clauses)
    return (term, found) if 2 <= len(found) <= MAX_LISTED else ("", [])


def subject_clause(question: str, clauses: Sequence[Clause], weights: WordWeights) -> Clause | None:
    """For a question asking which things (哪些/什么), the one clause holding clearly more of its subject words (the
    words left once those asking for money or what the policy gives are taken out) than any other, its heading
    naming one of them; None when no clause stands out."""
    if not _ASKS_WHICH.search(question):
        return None  # "拿了个省级的荣誉，能奖多少": how much, for an award not named, is asked which award
    subject = _MONEY.sub(" ", _ASKING.sub(" ", question))
    words = [t for t in weights.question_tokens(subject) if not t.startswith(_PAIR) and weights.weight(t)]
    if len(words) < 2:
        return None
    plain = " ".join(words)
    covers = sorted(((weights.cover(plain, clause_text(c)), i) for i, c in enumerate(clauses)), reverse=True)
    if not covers or covers[0][0] < _SUBJECT_FLOOR:
        return None
    if len(covers) > 1 and covers[0][0] < covers[1][0] + MARGIN:
        return None
    best = clauses[covers[0][1]]
    # the clause's own heading names the subject ("园区" of 加强园区创新): the words are its theme, not a passing mention
    return best if any(w in best.title for w in words) else None
