"""The words people use for awards, levels, star ratings, fields, exclusions and principles.

Built from every corpus/*/rules.yaml by ``tools.rulebook.RuleBook``, so a planner learns a new award from the YAML
alone. Matching folds full-width characters and case (NFKC + lower), and takes the longest word first without
overlaps, so 省五星级 gives 省 → provincial and 五星级 → 5, and 工业APP matches 工业app.

Example:
    >>> vocab = RuleBook.load(corpus_dir).vocabulary          # doctest: +SKIP
    >>> vocab.match_rules("我们获评了省级工业互联网平台")       # doctest: +SKIP
    ['industrial_internet_platform']
    >>> vocab.match_level("我们获评了省级工业互联网平台")       # doctest: +SKIP
    'provincial'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Generic, TypeVar

from common.text import fold_word

V = TypeVar("V")


@dataclass(frozen=True)
class VocabMatch(Generic[V]):
    """A word found in a text, the value it stands for, and where (offsets in the folded text)."""

    word: str
    value: V
    start: int
    end: int


@lru_cache(maxsize=64)
def _longest_first(words: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(word, folded word), longest first. Tables are fixed once the rule book is loaded, so the folding and the
    sort are done once per table instead of on every question."""
    pairs = ((w, fold_word(w)) for w in sorted(words, key=lambda w: (-len(fold_word(w)), w)))
    return tuple((w, k) for w, k in pairs if k)


def find_words(text: str, table: dict[str, V | None]) -> list[VocabMatch[V]]:
    """Every word of ``table`` in ``text``, longest first, without overlaps, in text order.

    A word mapped to None blocks its span (a platform named after a city is not a city level).
    """
    folded = fold_word(text)
    taken = [False] * len(folded)
    found: list[VocabMatch[V]] = []
    blocked: list[tuple[int, int]] = []
    for word, key in _longest_first(tuple(table)):
        start = folded.find(key)
        while start != -1:
            end = start + len(key)
            if not any(taken[start:end]):
                for i in range(start, end):
                    taken[i] = True
                value = table[word]
                if value is None:
                    blocked.append((start, end))
                else:
                    found.append(VocabMatch(word, value, start, end))
            start = folded.find(key, start + 1)
    return sorted(found, key=lambda m: m.start)


def _unique(values: list[V]) -> list[V]:
    out: list[V] = []
    for v in values:
        if v not in out:
            out.append(v)
    return out


@dataclass(frozen=True)
class Vocabulary:
    """Words → ids, from the rule book. Tables are plain dicts so a planner can also use them directly."""

    aliases: dict[str, tuple[str, ...]]  # word → rule ids (an alias may name several rules)
    level_words: dict[str, str | None]  # word → a level id of vocabulary.levels (None: a blocking phrase)
    star_words: dict[str, int]  # word → 5 / 4 / 3
    field_words: dict[str, str]  # word → smart_manufacturing / other
    exclusion_words: dict[str, str]  # word → exclusion id
    principle_words: dict[str, tuple[str, ...]]  # word → principle ids
    level_names: dict[str, str] = field(default_factory=dict)  # national → 国家级
    star_names: dict[int, str] = field(default_factory=dict)  # 5 → 五星级
    field_names: dict[str, str] = field(default_factory=dict)  # smart_manufacturing → 智能制造领域

    # Single-valued views (word → one value), the shape a regex matcher wants. Words naming several rules
    # (a clause heading such as 促进管理提升) and blocking phrases are left out of them.
    @property
    def awards(self) -> dict[str, str]:
        return {w: ids[0] for w, ids in self.aliases.items() if len(ids) == 1}

    @property
    def levels(self) -> dict[str, str]:
        return {w: v for w, v in self.level_words.items() if v is not None}

    @property
    def stars(self) -> dict[str, int]:
        return dict(self.star_words)

    @property
    def exclusions(self) -> dict[str, str]:
        return dict(self.exclusion_words)

    def match_rules(self, text: str) -> list[str]:
        """Rule ids named in ``text``, in the order they appear (an alias naming several rules gives all)."""
        return _unique([rid for m in find_words(text, self.aliases) for rid in m.value])  # type: ignore[arg-type]

    def match_levels(self, text: str) -> list[str]:
        return _unique([m.value for m in find_words(text, self.level_words)])

    def match_level(self, text: str) -> str | None:
        found = self.match_levels(text)
        return found[0] if found else None

    def match_star(self, text: str) -> int | None:
        found = find_words(text, self.star_words)  # type: ignore[arg-type]
        return found[0].value if found else None

    def match_field(self, text: str) -> str | None:
        found = find_words(text, self.field_words)  # type: ignore[arg-type]
        return found[0].value if found else None

    def match_exclusions(self, text: str) -> list[str]:
        return _unique([m.value for m in find_words(text, self.exclusion_words)])  # type: ignore[arg-type]

    def match_principles(self, text: str) -> list[str]:
        return _unique([p for m in find_words(text, self.principle_words) for p in m.value])  # type: ignore[arg-type]

    # Exact lookups: an id or one whole word → the id, or None when it is neither.
    def level_id(self, value: str) -> str | None:
        return _exact(value, self.level_names, self.level_words)

    def field_id(self, value: str) -> str | None:
        return _exact(value, self.field_names, self.field_words)

    def exclusion_id(self, value: str, ids: set[str]) -> str | None:
        return value if value in ids else _exact(value, {}, self.exclusion_words)

    def star_value(self, value: int | str) -> int | None:
        if isinstance(value, int):
            return value if value in self.star_names else None
        s = fold_word(value.strip())
        if s.isdigit():
            return int(s) if int(s) in self.star_names else None
        words = {fold_word(w): v for w, v in self.star_words.items()}
        return words.get(s) or words.get(s.removeprefix("省"))


def _exact(value: str, ids: Mapping[str, str], words: Mapping[str, str | None]) -> str | None:
    s = fold_word(value.strip())
    if s in ids:
        return s
    for word, v in words.items():
        if fold_word(word) == s:
            return v
    return None
