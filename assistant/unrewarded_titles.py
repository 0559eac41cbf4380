"""An honour or qualification asked for its award that the rule book does not reward at all ("专精特新小巨人企业认定
奖励多少", "高新技术企业认定奖多少钱"): a kind refusal naming it, not the which-award list, which cannot hold it.

A concrete title is told from a vague question ("评上了个奖能拿多少") by its own name: a phrase of several characters
before 认定/称号/资质 or a prize's 奖. The caller asks only when no award alias was found in the message; the policy
may still use the word elsewhere (a kind of enterprise it supports), which does not make it an award.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from assistant import composer
from assistant.composer import Composed
from assistant.facts import Facts
from assistant.scope import Coverage

# a title's name holds no verb or asking word ("平台认定下来能奖多少", "怎么认定" name no title)
_NAME_CHAR = r"(?:(?![能可会要给拿领得有多少来了的个是就还再也都怎如何后])[\u4e00-\u9fff])"
_TITLE = re.compile(
    rf"(?P<title>{_NAME_CHAR}{{2,14}})(?:认定|称号|资质|荣誉)"
    # a prize is a title only as what was won ("获得了市长质量奖"), not "平台奖多少"
    rf"|(?:获得了?|获评|荣获|拿到|评上了?|得了)(?P<prize>{_NAME_CHAR}{{2,10}}奖)(?![补励金项状])"
)
# Words before a title that are not part of it: the place or body, the verb of winning, asking words.
_LEAD = re.compile(
    r"^.*(?:对|给|被|拿到|得到|荣获|拿了?|获得了?|获评|评上了?|评为|认定为|通过了?|取得了?|申请了?|的|了|个|是|和|还有|到|过)"
)
# What is left must name something: not a level, a pronoun or a generic word alone.
# The document's own level words (its city's "X市级") come from the rule book's vocabulary.
_GENERIC_WORDS = (
    r"国家级?|省级?|市级?|部级|这个|那个|这项|那项|哪个|哪些|什么|各类|各种|有关|相关|上述|"
    r"企业|单位|公司|荣誉|奖项|资格|资质|获|大|一等|二等|三等|优秀|这些|那些|我们|我们的|公司的"
)


@lru_cache(maxsize=8)
def _generic(level_words: tuple[str, ...]) -> re.Pattern[str]:
    levels = "|".join(rf"{re.escape(w)}级?" for w in sorted(level_words, key=len, reverse=True))
    return re.compile(rf"^(?:{levels + '|' if levels else ''}{_GENERIC_WORDS})+$")


_MIN_TITLE = 4


def unrewarded_title(text: str, level_words: Iterable[str] = ()) -> str:
    """The title named in ``text`` (called when no award of the rule book is named), or ""."""
    generic = _generic(tuple(level_words))
    for m in _TITLE.finditer(text):
        phrase = m.group("title") or m.group("prize")
        title = _LEAD.sub("", phrase)
        stem = title.rstrip("奖")
        if len(stem) >= _MIN_TITLE - 1 and len(title) >= _MIN_TITLE and not generic.fullmatch(stem):
            return stem + "奖" if m.group("prize") else title
    return ""


def unrewarded_refusal(
    text: str, facts: Facts, coverage: Coverage, level_words: Iterable[str] = ()
) -> Composed | None:
    """A kind refusal for a title the rule book does not reward, asked for its award; None otherwise."""
    if facts.awards or not (title := unrewarded_title(text, level_words)):
        return None
    return composer.refuse(
        f"本政策的奖补事项中没有“{title}”，文件对它没有规定奖励",
        injection=False,
        coverage=coverage,
    )
