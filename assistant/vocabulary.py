"""The planner's words, all from data: award aliases, level, star and exclusion words from rules.yaml,
and the policy's own terms from corpus/*/terms.txt.

Matching is the rule book's (tools.rule_vocabulary.find_words): longest word first, no overlaps, full-width and
case folded, and a word mapped to None blocks its span (a platform named after a city is not a city level).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from tools.rule_records import FactSpec
from tools.rule_vocabulary import find_words


@dataclass(frozen=True)
class Mention:
    value: str  # rule id, level, exclusion id … what the word means
    start: int
    end: int
    word: str


@dataclass
class Vocabulary:
    awards: dict[str, str | None] = field(default_factory=dict)
    levels: dict[str, str | None] = field(default_factory=dict)
    stars: dict[str, int] = field(default_factory=dict)
    exclusions: dict[str, str] = field(default_factory=dict)
    principles: dict[str, str] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)
    ambiguous: dict[str, tuple[str, ...]] = field(default_factory=dict)  # a word naming several awards
    terms: set[str] = field(default_factory=set)
    flags: dict[str, FactSpec] = field(default_factory=dict)  # yes/no facts with the words that state them

    @classmethod
    def from_rulebook(cls, book: Any, terms: set[str]) -> Vocabulary:
        v = book.vocabulary
        # A clause heading (促进管理提升) names every award of its clause and says too little to claim any; another
        # word naming two or three awards (智能制造示范) is claimed with the others kept as alternatives (facts.py).
        headings = {re.sub(r"^（[一二三四五六七八九十]+）", "", r.clause[-1]) for r in book.rules}
        ambiguous = {w: tuple(ids) for w, ids in v.aliases.items() if 1 < len(ids) <= 3 and w not in headings}
        awards = {w: (ids[0] if len(ids) == 1 or w in ambiguous else None) for w, ids in v.aliases.items()}
        principles = {w: ids[0] for w, ids in v.principle_words.items() if ids}
        return cls(
            awards,
            dict(v.level_words),
            dict(v.star_words),
            dict(v.exclusion_words),
            principles,
            dict(v.field_words),
            ambiguous,
            terms,
            {n: s for n, s in book.models.specs.items() if s.type == "bool" and (s.says or s.denies)},
        )

    def find(self, table: str, text: str) -> list[Mention]:
        return [Mention(str(m.value), m.start, m.end, m.word) for m in find_words(text, getattr(self, table))]

    def in_scope_hits(self, text: str) -> int:
        """How many of the policy's own words the text uses."""
        hits = sum(len(self.find(t, text)) for t in ("awards", "exclusions", "principles"))
        return hits + sum(1 for t in self.terms if t in text)
