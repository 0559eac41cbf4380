"""Pick the sentence(s) of a clause that state what was asked, copied verbatim."""

from __future__ import annotations

import re
from collections.abc import Iterable

_SENTENCE = re.compile(r"[^。；！？]*[。；！？]?")
_NUM = re.compile(r"\d+(?:\.\d+)?")


def sentences(text: str) -> list[str]:
    """Split on 。；！？ keeping the mark; each piece is an exact substring of ``text``."""
    return [s for s in (m.group(0) for m in _SENTENCE.finditer(text)) if s.strip()]


def _bigrams(s: str) -> set[str]:
    s = re.sub(r"[\s，。；、：“”（）《》\"'()]", "", s)
    return {s[i : i + 2] for i in range(len(s) - 1)}


def score_sentence(sentence: str, query: str, terms: Iterable[str] = ()) -> float:
    q = _bigrams(query)
    overlap = len(q & _bigrams(sentence)) / (len(q) or 1)
    term_bonus = sum(1.0 for t in terms if t and t in sentence)
    # A question asking "how many" is answered by a sentence that has a number in it.
    number_bonus = 0.3 if _NUM.search(sentence) else 0.0
    return overlap + term_bonus + number_bonus


def best_sentences(text: str, query: str, terms: Iterable[str] = (), limit: int = 1) -> list[str]:
    """The ``limit`` best sentences in document order; the whole text when it is a single sentence."""
    sents = sentences(text)
    if len(sents) <= 1:
        return [text.strip()] if text.strip() else []
    terms = list(terms)
    ranked = sorted(range(len(sents)), key=lambda i: score_sentence(sents[i], query, terms), reverse=True)
    keep = sorted(ranked[:limit])
    return [sents[i].strip() for i in keep]


def sentence_with(text: str, needle: str) -> str | None:
    """The first sentence of ``text`` that contains ``needle``."""
    return next((s.strip() for s in sentences(text) if needle in s), None)


def best_fragment(sentence: str, query: str, need_digit: bool = False) -> str | None:
    """The comma-separated piece of a sentence that best matches the question (a short spoken answer)."""
    parts = [p.strip() for p in re.split(r"[，；。]", sentence) if p.strip()]
    parts = [
        p for p in parts if not re.fullmatch(r"(?:到|至)?20\d\d年(?:底|末)?", p)
    ]  # a date alone answers nothing
    if need_digit:
        parts = [p for p in parts if _NUM.search(p)]
    if not parts:
        return None
    q = _bigrams(query)
    scored = [(len(q & _bigrams(p)), -len(p), p) for p in parts]
    best = max(scored)
    return best[2] if best[0] > 0 else None
