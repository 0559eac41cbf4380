"""The planner's words, all from data: award aliases, level, star and exclusion words from rules.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Mention:
    value: str  # rule id, level, exclusion id … what the word means
    start: int
    end: int
    word: str


@dataclass
class Vocabulary:
    """Phrase → meaning tables, matched longest-first so 智能制造示范车间 wins over 示范车间."""

    awards: dict[str, str] = field(default_factory=dict)
    levels: dict[str, str] = field(default_factory=dict)
    stars: dict[str, int] = field(default_factory=dict)
    exclusions: dict[str, str] = field(default_factory=dict)
    terms: set[str] = field(default_factory=set)
    _patterns: dict[str, re.Pattern[str]] = field(default_factory=dict, repr=False)

    def _pattern(self, table: str) -> re.Pattern[str] | None:
        if table not in self._patterns:
            words = sorted(getattr(self, table), key=len, reverse=True)
            self._patterns[table] = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE) if words else None  # type: ignore[assignment]
        return self._patterns[table]

    def find(self, table: str, text: str) -> list[Mention]:
        pattern = self._pattern(table)
        if pattern is None:
            return []
        lookup = {k.lower(): v for k, v in getattr(self, table).items()}
        return [Mention(str(lookup[m.group(0).lower()]), m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)]

    def in_scope_hits(self, text: str) -> int:
        """How many of the policy's own words the text uses (any table)."""
        hits = sum(len(self.find(t, text)) for t in ("awards", "exclusions"))
        return hits + sum(1 for t in self.terms if t in text)
