"""Follow-ups read against the dialogue so far, where this turn's own words say too little.

- A condition denied in a shortened word ("要是没走平台呢" after a 贴息 calculation): a yes/no condition of the
  claims in play is False when a negation governs a part of one of the words that state it.
- "两个都有，加起来多少" / "同一年两个都评上了": the claims of the last two calculations, taken together (the
  calculator then sums different awards, or keeps the higher of one matter's two, 就高不重复).
- An award named only by the word its names share ("平台评上了奖多少"): every award of the one clause whose
  names end (or begin) with it, to be listed level by level and asked which.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.conversation import ConversationState
from assistant.facts import _NEG, AwardMention, Facts

# "两个都有 / 这两项 / 俩都评上了 / 两个加起来": both of what the earlier turns named.
_BOTH = re.compile(
    r"(?:两个|两项|两样|两者|二者|俩|这两|那两)[^，。？?]{0,3}(?:都|一起|同时|加|合|一共|总共|合计)"
    r"|(?:都有|都评上|都拿|都获评|都是)(?:了)?[^，。？?]{0,2}(?:加起来|一共|总共|合计|能拿|最多|呢)"
)
# "平台没走 / 库没进去 / 平台上没贷": a negation after the condition's word, governing a verb of taking part.
_NEG_AFTER = r"(?:没有?|未|不是?)(?:走|用|通过|进|入|在|贷|上|办)"
_LITERAL = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9]+$")


def _parts(word: str) -> set[str]:
    """A word's beginnings and endings of two characters or more (产融综合服务平台 → 产融, 平台, 服务平台 …)."""
    return {word[:i] for i in range(2, len(word) + 1)} | {word[i:] for i in range(len(word) - 1)}


def _other_words(vocab: Any, fact: str) -> tuple[str, ...]:
    """The literal words that state (or deny) the yes/no facts other than this one."""
    return tuple(
        w
        for name, spec in vocab.flags.items()
        if name != fact
        for w in (*spec.says, *spec.denies)
        if _LITERAL.match(w)
    )


def denied_conditions(
    text: str, facts: Facts, state: ConversationState, book: Any, vocab: Any
) -> dict[str, bool]:
    """Conditions of the claims in play that this turn denies in a shortened word, when it names no award and the
    fact extractor found no value for them."""
    if facts.awards or not state.claims:
        return {}
    out: dict[str, bool] = {}
    for claim in state.claims:
        for cond in book.rule(claim["award"]).conditions or ():
            spec = vocab.flags.get(cond.fact)
            if spec is None or cond.fact in out or facts.claim_flags.get(cond.fact) is False:
                continue
            words = sorted(
                {p for w in spec.says if _LITERAL.match(w) for p in _parts(w)}, key=len, reverse=True
            )
            # "要是产融平台没走呢": the negation after the word, with the verb it negates, overrides a plain mention
            after = any(re.search(rf"{re.escape(w)}[^，。；,;？?]{{0,3}}{_NEG_AFTER}", text) for w in words)
            # "不是新引进项目": a negation whose gap holds another fact's word governs that fact, not this one
            others = _other_words(vocab, cond.fact)
            before = cond.fact not in facts.claim_flags and any(
                not any(o in m.group(1) for o in others)
                for w in words
                for m in re.finditer(rf"{_NEG}([^，。；,;？?]{{0,4}}){re.escape(w)}", text)
            )
            if after or before:
                out[cond.fact] = False
    return out


def both_earlier(text: str, facts: Facts, state: ConversationState) -> list[dict[str, Any]]:
    """The claims of the last two calculations together, when this turn names no award and says "both"."""
    if facts.awards or len(state.past_claims) < 2 or not _BOTH.search(text):
        return []
    last, before = state.past_claims[-1], state.past_claims[-2]
    claims = [dict(c) for c in before if c not in last] + [dict(c) for c in last]
    for c in claims:
        if sum(1 for o in claims if o["award"] == c["award"]) > 1:
            # one award at two levels (省级, then 国家级) is one matter won twice: 就高不重复
            c.setdefault("project", "同一项目")
    return claims


def refers_to_both(text: str, facts: Facts, state: ConversationState) -> bool:
    return bool(both_earlier(text, facts, state))


def shared_word_award(text: str, book: Any, vocab: Any) -> AwardMention | None:
    """An award named only by the word its titles share, all in one clause ("平台" → 工业互联网平台 and 产业链协作平台
    of （七）支持平台建设), outside any word of a yes/no fact (产融平台 is where a loan was taken)."""
    by_word: dict[str, set[str]] = {}
    for rule in book.rules:
        title = re.sub(r"（[^）]*）", "", rule.title)
        if _LITERAL.match(title) and len(title) >= 4:
            for p in _parts(title) - {title}:
                by_word.setdefault(p, set()).add(rule.id)
    taken = [
        (m.start(), m.end())
        for spec in vocab.flags.values()
        for w in spec.says
        if _LITERAL.match(w)
        for m in re.finditer(re.escape(w), text)
    ]
    for word in sorted(by_word, key=len, reverse=True):
        ids = sorted(by_word[word])
        if len(ids) < 2 or len({tuple(book.rule(r).clause) for r in ids}) != 1 or word in vocab.awards:
            continue
        for m in re.finditer(re.escape(word), text):
            if not any(a <= m.start() < b for a, b in taken):
                return AwardMention(ids[0], word, m.start(), alternatives=tuple(ids[1:]))
    return None
