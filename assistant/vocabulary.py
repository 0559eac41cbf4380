"""The planner's words, all from data: award aliases, level, star and exclusion words from rules.yaml,
and the policy's own terms from corpus/*/terms.txt.

Matching is the rule book's (tools.rule_vocabulary.find_words): longest word first, no overlaps, full-width and
case folded, and a word mapped to None blocks its span (a platform named after a city is not a city level).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from tools.rule_records import FactSpec
from tools.rule_vocabulary import find_words

# Words standing for a forgotten part of a name ("叫DC什么M的").
_WILDCARD = r"\s*(?:什么|啥|那个|某某|xx+|\*+|…+|\?+|？+)\s*"

# The year's total of all awards asked against a ceiling ("一年各项加起来有没有上限", "全年合计封顶吗", "年度封顶"),
# in words no alias list can hold: read as the principle whose alias is _ANNUAL_CAP_WORD.
_PERIOD = r"(?<![\d〇零])(?:一年|每年|全年|年度|同一年|一个年度|年内)"
_CAP = r"(?:上限|封顶|最多|最高|不超过|限额|顶格|天花板|封顶额)"
_ANNUAL_CAP = re.compile(
    rf"{_PERIOD}[^，。？?！!；;]{{0,14}}?(?:加起来|合计|总共|一共|累计|总额|总计|合起来|加总|各种|各项|所有|全部)"
    rf"[^，。？?！!；;]{{0,10}}?{_CAP}|{_PERIOD}.{{0,2}}?{_CAP}"
    # "总额会被限制吗" / "拿的总数受不受限": the total asked against a limit, no period said
    r"|(?:总额|总数|总量)[^，。？?！!；;]{0,4}?(?:限制|受限|限额|封顶|卡住)"
)
_ANNUAL_CAP_WORD = "年度上限"
# "两份奖励都能拿吗", "能拿双份吗", "两笔都给吗": asking to be paid twice for what was won twice is the
# highest-only principle, though none of its words is said.
_PAID_TWICE = re.compile(
    r"(?:两份|两笔|双份)[^，。？?！!；;]{0,6}?(?:都|全|一起)?(?:能|可以|会)?(?:拿|领|享受|给|发|兑现)"
    r"|(?:能|可以)?(?:拿|领|享受)(?:两份|双份|两笔|两次)"
)
HIGHEST_ONLY_WORD = "就高不重复"


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
    # amount facts with the words that say what a figure is (地方税收 → local tax), in declaration order
    amounts: dict[str, FactSpec] = field(default_factory=dict)

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
            {n: s for n, s in book.models.specs.items() if s.words},
        )

    def find(self, table: str, text: str) -> list[Mention]:
        found = [
            Mention(str(m.value), m.start, m.end, m.word) for m in find_words(text, getattr(self, table))
        ]
        if table == "awards":
            # People half-remember names: "数据管理能力的认证", "叫DC什么M的". A loose match counts where no exact
            # word was found.
            for m in self._loose_awards(text):
                if not any(m.start < f.end and f.start < m.end for f in found):
                    found.append(m)
            found.sort(key=lambda m: m.start)
        elif table == "principles" and (value := self.principles.get(_ANNUAL_CAP_WORD)):
            for hit in _ANNUAL_CAP.finditer(text):
                if not any(hit.start() < f.end and f.start < hit.end() for f in found):
                    found.append(Mention(value, hit.start(), hit.end(), hit.group(0)))
            found.sort(key=lambda m: m.start)
        if table == "principles" and (value := self.principles.get(HIGHEST_ONLY_WORD)):
            for hit in _PAID_TWICE.finditer(text):
                if not any(hit.start() < f.end and f.start < hit.end() for f in found):
                    found.append(Mention(value, hit.start(), hit.end(), hit.group(0)))
            found.sort(key=lambda m: m.start)
        return found

    @cached_property
    def _acronyms(self) -> list[tuple[re.Pattern[str], str, str]]:
        """(pattern, alias, rule id) for each all-Latin alias of 3+ letters, with a wildcard inside it."""
        out = []
        for word, value in self.awards.items():
            if value and len(word) >= 3 and word.isascii() and word.isalpha():
                a = re.escape(word)
                pat = rf"(?<![A-Za-z]){a[0]}[{a}]{{0,{len(word) - 2}}}{_WILDCARD}[{a}]{{0,{len(word) - 2}}}{a[-1]}"
                out.append((re.compile(pat, re.IGNORECASE), word, value))
        return out

    def _loose_awards(self, text: str) -> list[Mention]:
        out: list[Mention] = []
        kept = [i for i, ch in enumerate(text) if ch != "的"]
        if len(kept) < len(text):  # an alias with 的 between its words
            squeezed = "".join(text[i] for i in kept)
            for m in find_words(squeezed, self.awards):
                start, end = kept[m.start], kept[m.end - 1] + 1
                if end - start > m.end - m.start:
                    out.append(Mention(str(m.value), start, end, m.word))
        for pattern, word, value in self._acronyms:
            for hit in pattern.finditer(text):
                letters = re.split(_WILDCARD, hit.group(0))
                w = word.lower()
                if len(letters) == 2 and w.startswith(letters[0].lower()) and w.endswith(letters[1].lower()):
                    out.append(Mention(value, hit.start(), hit.end(), word))
        return out

    def in_scope_hits(self, text: str) -> int:
        """How many of the policy's own words the text uses."""
        hits = sum(len(self.find(t, text)) for t in ("awards", "exclusions", "principles"))
        return hits + sum(1 for t in self.terms if t in text)
