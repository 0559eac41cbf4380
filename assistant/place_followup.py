"""A follow-up naming only another place or a higher level of government ("江苏省的呢", "那苏州的呢", "国家层面的呢")
after a question about this document: it asks for that place's or level's own policy, which the corpus does not
hold. Refused by name, not carried over to this document. The corpus's own places come from its metadata
(``Coverage.names``); a level with 级 ("国家级的呢") is the level of a title this policy rewards, so not this.
"""

from __future__ import annotations

import re

from assistant.conversation import ConversationState
from assistant.scope import Coverage, ScopeVerdict

# The words of a short follow-up other than the place itself: "那…的呢", "换成…呢", "…那边的政策怎么样".
_FILLER = re.compile(
    r"那么|那要是|要是|如果是|如果|换成|换到|那边|那里|这边|的话|的|呢|吗|呀|啊|政策|文件|规定|规定的|标准|"
    r"怎么样|咋样|如何|有没有|有吗|是什么|又|也|还|那|[，。？?！!、\s]"
)
# A higher level of government named as the one that rules ("国家层面", "中央的", "省里的政策"), not a title's level.
_LEVEL = re.compile(r"^(?:国家|中央|国务院|部里|省里|省政府|省)(?:层面|层级)?$")
_PLACE_SUFFIX = "省市区县州"


def _place(rest: str) -> str:
    """The remaining words when they are one place name (jieba's ns tag, or a word ending as a place does)."""
    import jieba.posseg  # only for short follow-ups left with one word

    words = [w for w in jieba.posseg.lcut(rest) if w.word.strip()]
    if len(words) == 1 and (words[0].flag == "ns" or (len(rest) >= 3 and rest[-1] in _PLACE_SUFFIX)):
        return rest
    return ""


def _covered(place: str, coverage: Coverage) -> bool:
    stem = place.rstrip(_PLACE_SUFFIX) or place
    return any(stem in n or n in place for n in coverage.names)


def other_place_followup(
    text: str, scope: ScopeVerdict, state: ConversationState, coverage: Coverage
) -> ScopeVerdict:
    """The scope verdict for a follow-up that names only another place or level; the verdict unchanged otherwise."""
    if scope.kind != "ok" or not state.history or len(text) > 16:
        return scope
    rest = _FILLER.sub("", text)
    if not rest or "级" in rest:
        return scope
    if _LEVEL.match(rest):
        return ScopeVerdict(
            "other_document",
            f"追问的是“{rest}”一级自己的政策，语料库中没有这一级的文件，本助手只解答{coverage.label}",
        )
    if (place := _place(rest)) and not _covered(place, coverage):
        return ScopeVerdict(
            "other_place",
            f"追问的是{place}的政策，语料库中没有这个地方的文件，本助手只解答{coverage.label}",
        )
    return scope
