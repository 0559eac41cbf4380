"""A place named as the one that gives an award ("那某市对X奖多少", "某省给X补多少", "某区奖X多少钱"): that place's
own policy, which no document of the corpus holds when the place is not one of the corpus's (``Coverage.names``).
Refused by name, whether or not the award is one this policy also names. A level word after the place ("某市级X")
is the level of a title this policy may reward, and the corpus's own places stay in scope.
"""

from __future__ import annotations

import re

from assistant.scope import Coverage, ScopeVerdict, place_tokens

_PLACE_SUFFIX = "省市区县"
# what may stand between the place and the verb of giving: its government, its own level of administration
_BODY = re.compile(r"^(?:政府|本级|那边|这边|方面|里|上)?")
# the place gives: 对/给 (an award follows) or 奖/补 itself
_GIVES = re.compile(r"^(?:对|给|奖励?|补贴?|奖补)(?!级)")
# ... and the message asks how much or how (not "给某市的企业" or "对某市的项目")
_ASKS = re.compile(r"多少|几万|怎么(?:奖|补|给)|如何(?:奖|补|给)|标准|有没有|有无|奖不奖|补不补|给不给")
_NOT_GIVER = re.compile(r"^(?:对|给)(?:接|口|的)")


def _covered(place: str, coverage: Coverage) -> bool:
    stem = place.rstrip(_PLACE_SUFFIX) or place
    return any(stem in n or n in stem for n in coverage.names)


def place_as_giver(text: str, coverage: Coverage) -> str:
    """The place (not the corpus's) that the message asks about as giving an award; else ""."""
    if not coverage.names or not _ASKS.search(text):
        return ""
    for start, end, word in place_tokens(text):  # jieba only for messages asking an amount
        # jieba may cut "某市" as "某" + "市": the suffix belongs to the place
        if word[-1] not in _PLACE_SUFFIX and text[end : end + 1] in tuple(_PLACE_SUFFIX):
            word, end = word + text[end], end + 1
        if word[-1] not in _PLACE_SUFFIX or len(word) < 2 or _covered(word, coverage):
            continue
        body = _BODY.match(text[end:])
        rest = text[end + (body.end() if body else 0) :]
        if _GIVES.match(rest) and not _NOT_GIVER.match(rest):
            return text[start:end]
    return ""


def giver_place_scope(text: str, scope: ScopeVerdict, coverage: Coverage) -> ScopeVerdict:
    """The verdict for a message asking what another place gives; the verdict unchanged otherwise."""
    if scope.kind != "ok" or not (place := place_as_giver(text, coverage)):
        return scope
    return ScopeVerdict(
        "other_place",
        f"问的是{place}自己给的奖补，语料库中没有{place}的文件，本助手只解答{coverage.label}",
    )
