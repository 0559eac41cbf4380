"""A lookup whose subject word is carried by a clause's own heading is answered by that clause, not by a general
heading that only shares the asking words.

"政策对金融方面有什么保障措施" names the plan's section 保障措施 word for word, but asks about 金融: the attachment's
（十一）强化金融保障 carries 金融 in its heading and shares 保障 with the section's name, while none of the section's
own items is about 金融. Likewise "对企业网络安全这块怎么支持": the plan's 网络强基 action and the attachment's
强化信息安全 both use 网络安全 in their text; the heading carrying the rarer subject word (安全), which also states
what is given, answers how the policy supports it (that half is ``lookup_rank.lead_by_words``).
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.lookup_rank import ASKING, PAIR, WordWeights
from assistant.topics import HeadingMatch, core_title
from indexing.types import Clause


def _run(a: str, b: str) -> int:
    return max((n for i in range(len(a)) for n in range(2, len(a) - i + 1) if a[i : i + n] in b), default=0)


def subject_words(question: str, weights: WordWeights, drop: str = "") -> list[str]:
    """The question's subject words the corpus uses (two characters or more), without ``drop`` (a heading it
    names) and without the words asking what the policy gives."""
    rest = ASKING.sub(" ", question.replace(drop, " ") if drop else question)
    return [
        t
        for t in weights.question_tokens(rest)
        if not t.startswith(PAIR) and len(t) >= 2 and weights.weight(t)
    ]


def over_general_heading(
    question: str, heading: HeadingMatch | None, clauses: Sequence[Clause], weights: WordWeights
) -> Clause | None:
    """The clause to answer instead of the section a question names whole, when the question's subject word is
    in that clause's heading and in none of the section's headings, and the clause's heading shares part of the
    section's name (保障措施 → 强化金融保障). None when the section itself covers the subject."""
    if heading is None or not heading.exact or heading.by_position or len(heading.clauses) < 2:
        return None
    words = subject_words(question, weights, heading.matched)
    if not words:
        return None
    depth = len(heading.path)
    inside = {core_title(p) for c in heading.clauses for p in c.path[depth:]}
    if any(w in t for w in words for t in inside):
        return None
    outside = [
        c
        for c in clauses
        if c.path[:depth] != heading.path
        and any(w in core_title(c.title) for w in words)
        and _run(core_title(c.title), heading.matched) >= 2
    ]
    return outside[0] if len(outside) == 1 else None
