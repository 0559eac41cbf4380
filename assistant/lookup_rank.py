"""Which of the near-tied search hits a lookup answers from: the one holding more of the question's own words.

Fused search scores are ranks, not judgements: a clause first in BM25 and tenth in the dense ranking can score
within a hair of one that is third in both. Between such hits the question's own content words decide, each
weighted by how rare it is among the clauses (a word every clause has, like the names of the departments in
charge, says nothing about which clause is meant; "工作专班" or "实施方案" says a lot).

Example:
    >>> w = WordWeights(["工作专班 实施方案", "乡镇 街道", "乡镇 街道 考核"], str.split)
    >>> w.cover("乡镇 街道 实施方案", "乡镇 街道 考核") < w.cover("乡镇 街道 实施方案", "工作专班 实施方案")
    True
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from assistant.quotes import sentences
from assistant.topics import core_title, ordinals
from indexing.types import Clause

# Hits scored at least this share of the first are a tie of ranks (first in one ranking, fifth in the other).
NEAR_TIE = 0.85
# How many of the first hits may take the lead on words.
TIE_DEPTH = 5
# Words that ask what the policy gives (or how much), not about what: "工业APP政府怎么支持" is about 工业APP, and a plan sentence
# that happens to say 支持 or 政策 does not hold more of the subject than the clause stating the award.
_ASKING = re.compile(
    r"政策|支持|扶持|奖励|奖补|补贴|补助|资助|好处|优惠|待遇|鼓励|说法|规定|文件|政府|方面|怎么|什么|"
    r"金额|多少|标准|比例|额度|上限|最高|钱|"
    # "贴息是若干政策里哪一条规定的 / 园区这块": words naming the document or a part of it, not the subject
    r"若干|附件|原文|哪一?[条款项]|条款|这一?块|相关|有关|"
    # "贴息怎么计算的，有没有封顶": how an award is worked out or capped asks its standard, not a subject; 计算
    # would otherwise find the clause listing 云计算 among technologies
    r"(?<!云)计算|核算|测算|怎么算|咋算|如何算|算法|封顶|顶格|到顶|利率|百分之几|几个点"
)
ASKING = _ASKING
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_PAIR = "\u00b7"  # marks a character pair apart from a two-character word
PAIR = _PAIR
# "怎么支持 / 有什么保障措施 / 有哪些扶持": asked what the policy gives for a subject.
_SUPPORT_ASKED = re.compile(r"支持|扶持|保障|措施|帮扶|优惠|鼓励|激励")
# How much more of the question another clause must hold to lead over the clause stating the named award: about
# one word that few clauses use.
MARGIN = 1.5
_AMOUNT = re.compile(r"\d+(?:\.\d+)?\s*万")


class WordWeights:
    """Inverse document frequency of each token over a set of texts (the corpus's clauses)."""

    def __init__(self, texts: Iterable[str], tokenize: Callable[[str], list[str]]) -> None:
        self._tokenize = tokenize
        self._tokens: dict[str, frozenset[str]] = {}
        df: Counter[str] = Counter()
        n = 0
        for text in texts:
            tokens = self._tokens[text] = self.tokens(text)
            df.update(tokens)
            n += 1
        self._idf = {t: math.log((n + 1) / (d + 0.5)) for t, d in df.items()}
        self._unseen = math.log(n + 1) if n else 0.0

    def tokens(self, text: str) -> frozenset[str]:
        """The text's words and, marked apart, its pairs of adjacent Chinese characters: a pair catches a phrase
        the words split differently ("入库培育" and "在库培育" share 库培)."""
        found = self._tokens.get(text)  # the corpus's texts are cut once; a question each time, and not kept
        if found is None:
            pairs = {f"{_PAIR}{run[i : i + 2]}" for run in _HAN.findall(text) for i in range(len(run) - 1)}
            # a lone character is as often noise as a word; its pairs count it where it matters
            found = frozenset(w for w in self._tokenize(text) if len(w) > 1) | pairs
        return found

    def question_tokens(self, question: str) -> frozenset[str]:
        """The question's tokens; one the corpus never uses stands for its two-character parts it does use
        (jieba cuts "专班设几级" into 专班设, but 专班 is the corpus's word)."""
        out: set[str] = set()
        for t in self.tokens(question):
            parts = [] if t in self._idf or t.startswith(_PAIR) else [t[i : i + 2] for i in range(len(t) - 1)]
            out.update([p for p in parts if p in self._idf] or [t])
        return frozenset(out)

    def weight(self, token: str) -> float | None:
        """A token's weight; None when the corpus never uses it."""
        return self._idf.get(token)

    def cover(self, question: str, text: str) -> float:
        """The summed weight of the question's tokens that ``text`` holds."""
        have = self.tokens(text)
        return sum(self._idf.get(t, self._unseen) for t in self.question_tokens(question) if t in have)


def clause_text(clause: Clause) -> str:
    """What a question may name of a clause: its own heading and its text."""
    return f"{clause.title}\n{clause.text}"


def states_amount(clause: Clause) -> bool:
    return bool(_AMOUNT.search(clause.text))


def lead_by_words(
    question: str,
    clauses: list[Clause],
    hits: Sequence[dict[str, Any]],
    weights: WordWeights,
    asks_money: bool = False,
) -> list[Clause]:
    """``clauses`` (search order) with the near-tied hit that holds the most of the question's words first;
    the order is kept when the first already holds as much as any ("政府用哪些方式支持在库企业" is answered by the
    clause naming 在库培育企业 and the ways, not by one sharing only 方式). A question about money keeps a first hit
    that states an amount ahead of any that states none: the rule, not the plan's sentence on the same subject."""
    scores: dict[str, float] = {}
    for h in hits:
        scores.setdefault(h["clause_id"], h["score"])
    top = scores.get(clauses[0].clause_id) if clauses else None
    if not top:
        return clauses
    tied = [c for c in clauses[:TIE_DEPTH] if scores.get(c.clause_id, 0.0) >= NEAR_TIE * top]
    if asks_money and states_amount(clauses[0]):
        tied = [c for c in tied if states_amount(c)]
    # the subject decides, not the words asking what the policy gives ("园区这块政策有什么奖励": 园区, not 政策/奖励)
    subject = _ASKING.sub(" ", question) if _HAN.search(_ASKING.sub(" ", question)) else question
    if (lead := _heading_carries_subject(question, subject, clauses[0], tied, weights)) is not None:
        return [lead] + [c for c in clauses if c is not lead]
    cover = {c.clause_id: weights.cover(subject, clause_text(c)) for c in tied}
    best = max(tied, key=lambda c: cover[c.clause_id])
    if cover[best.clause_id] <= cover[clauses[0].clause_id]:
        return clauses
    return [best] + [c for c in clauses if c is not best]


def _heading_carries_subject(
    question: str, subject: str, first: Clause, tied: Sequence[Clause], weights: WordWeights
) -> Clause | None:
    """Among near-tied hits, the one to lead over ``first`` for a question asking how the policy supports a
    subject ("对企业网络安全这块怎么支持"): its heading holds more of the subject than ``first``'s heading does
    (安全 of 强化信息安全 is rarer than 网络 of 网络强基服务行动), and it states an amount where ``first`` states none
    (what is given, not the plan's action on the same subject)."""
    if not _SUPPORT_ASKED.search(question) or states_amount(first):
        return None
    own = weights.cover(subject, core_title(first.title))
    better = [
        (cover, c)
        for c in tied
        if c is not first
        and states_amount(c)
        and (cover := weights.cover(subject, core_title(c.title))) > own
    ]
    return max(better, key=lambda x: x[0])[1] if better else None


# "主要支持哪些类型的企业去搞X": the kinds of enterprise a clause supports, asked; answered where a sentence names
# them after its verb (支持龙头骨干企业、专精特新企业…), not by a target sharing only X's words.
WHICH_FIRMS = re.compile(
    r"(?:支持|扶持|鼓励|培育|帮|帮扶)[^，。？?]{0,4}(?:哪些|哪类|哪种|哪几类|什么|啥)(?:类型|类|种|样)?的?(?:企业|公司)"
)
_NAMES_FIRMS = re.compile(r"(?:支持|鼓励|引导|培育)[^，。；]{2,16}企业")


def firms_named_first(clauses: list[Clause]) -> list[Clause]:
    """``clauses`` with the first of the near hits whose sentence names the enterprises it supports moved first."""
    named = next((c for c in clauses[:TIE_DEPTH] if firms_sentence(c)), None)
    return [named] + [c for c in clauses if c is not named] if named else clauses


def firms_sentence(clause: Clause) -> str:
    """The clause's first sentence naming, after its verb, the enterprises it supports ("" when none does)."""
    return next((s.strip() for s in sentences(clause.text) if _NAMES_FIRMS.search(s)), "")


def stating_clause_first(
    question: str, clauses: list[Clause], own: list[Clause], weights: WordWeights, named: Sequence[str] = ()
) -> list[Clause]:
    """A question naming an award is answered by the clause that states the award (``own``), ahead of a general
    sentence of the plan on the same subject, unless a hit holds more of the question's subject words than it does
    ("两化融合管理体系和市长质量奖有啥关系" is answered where both are named; "信息安全星级高的企业上市有什么优待" where
    上市 is). The words naming the award (``named``) and those asking what the policy gives (支持, 政策, 奖励) are
    not counted: the plan often repeats an award's name more literally than the clause stating it does."""
    pool = clauses[:TIE_DEPTH]
    if not pool:
        return own or clauses
    for word in sorted(named, key=len, reverse=True):
        question = question.replace(word, " ")
    question = _ASKING.sub(" ", question)
    cover = [weights.cover(question, clause_text(c)) for c in pool]
    best = max(cover)
    first = [c for c in own if weights.cover(question, clause_text(c)) >= best - MARGIN]
    first = first or [pool[cover.index(best)]]
    return first + [c for c in clauses if c not in first]


def pick_items(question: str, items: list[Clause], weights: WordWeights) -> list[Clause]:
    """The items of a section a question picks: by position ("第五项") and by theme ("跟园区有关的那一项": the items
    whose titles alone hold the most of the question's words); none when it picks neither."""
    picked = [items[n - 1] for n in dict.fromkeys(ordinals(question)) if 1 <= n <= len(items)]
    covers = [weights.cover(question, c.title) for c in items]
    if covers and max(covers) >= min(covers) + MARGIN:
        picked += [c for c, v in zip(items, covers, strict=True) if v == max(covers) and c not in picked]
    return sorted(picked, key=items.index)


def innermost(clauses: list[Clause]) -> list[Clause]:
    """The clauses that open no section of their own among ``clauses`` (a section's items, not its intro)."""
    return [
        c
        for c in clauses
        if not any(len(o.path) > len(c.path) and o.path[: len(c.path)] == c.path for o in clauses)
    ]


# "政策里有哪些跟5G相关的支持": every clause that gives something for the subject, not the best one only.
ALL_RELATED = re.compile(
    r"哪些[^，。？?]{0,8}(?:相关|有关|涉及)|(?:相关|有关)的?[^，。？?]{0,4}(?:都)?有哪些|"
    r"涉及[^，。？?]{0,8}的?(?:都有|有哪些)"
)
_GIVES = re.compile(r"给予|奖励|奖补|补贴|补助|一事一议")


def giving_clauses(
    question: str, clauses: Sequence[Clause], weights: WordWeights
) -> tuple[str, list[Clause]]:
    """(the subject word, the clauses with a sentence giving something for it), for a question asking for all
    the support related to one subject; the subject is the question's rarest word the corpus uses."""
    subject = _ASKING.sub(" ", question)
    known = {
        t: w for t in weights.question_tokens(subject) if not t.startswith(_PAIR) and (w := weights.weight(t))
    }
    if not known:
        return "", []
    token = max(known, key=lambda t: known[t])
    said = re.search(re.escape(token), question, re.IGNORECASE)  # the tokenizer lower-cases "5G"
    word = said.group() if said else token
    found = [
        c
        for c in clauses
        if any(word.lower() in s.lower() and _GIVES.search(s) for s in re.split(r"(?<=[。；])", c.text))
    ]
    return word, found
