"""The planner's words, all from data: award aliases, level, star and exclusion words from rules.yaml,
and the policy's own terms from corpus/*/terms.txt.

Matching is the rule book's (tools.rule_vocabulary.find_words): longest word first, no overlaps, full-width and
case folded, and a word mapped to None blocks its span (泰州市产融综合服务平台 is not a 泰州 level).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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
    terms: set[str] = field(default_factory=set)

    @classmethod
    def from_rulebook(cls, book: Any, terms: set[str]) -> Vocabulary:
        v = book.vocabulary
        # A word naming several rules (a clause heading such as 促进管理提升) says too little to claim any of them.
        awards = {w: (ids[0] if len(ids) == 1 else None) for w, ids in v.aliases.items()}
        principles = {w: ids[0] for w, ids in v.principle_words.items() if ids}
        return cls(
            awards,
            dict(v.level_words),
            dict(v.star_words),
            dict(v.exclusion_words),
            principles,
            dict(v.field_words),
            terms,
        )

    def find(self, table: str, text: str) -> list[Mention]:
        return [Mention(str(m.value), m.start, m.end, m.word) for m in find_words(text, getattr(self, table))]

    def in_scope_hits(self, text: str) -> int:
        """How many of the policy's own words the text uses."""
        hits = sum(len(self.find(t, text)) for t in ("awards", "exclusions", "principles"))
        return hits + sum(1 for t in self.terms if t in text)
