"""Find the clause a question names by its heading ("画像诊断服务行动", "组织领导", "基本原则第一条").

People often name the part of the document they mean; a heading match is more certain than a search hit, and it
also finds headings that have no text of their own (基本原则 → its three items).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexing.types import Clause

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)")
_ORDINAL = re.compile(r"第([一二三四五六七八九十\d])(?:条|项|个|点|部分|方面)")
# The words between a part's name and the ordinal that picks one of its items ("附则里的第二条").
_BEFORE_ORDINAL = re.compile(r"(?:的|里|中|里面|当中|部分)*$")
# A question asking for a part's items ("关于示范标杆的有哪几条") may name the part by a shorter share of its title.
_ASKS_LIST = re.compile(
    r"哪几[条项个点]|哪些[条项]|有几[条项]|几[条项]分别|分别是哪|几部分|几个部分"
    # "附则讲了哪几块 / 包括哪些方面": the part's items asked in other words
    r"|哪几块|几块|哪几个?方面|哪些方面|哪些内容|包括哪些|包含哪些|分为哪|分成哪|由哪几"
)
_COUNT = re.compile(r"(?<![第几])([一二三四五六七八九十\d])(?:大|项|个|条|类)")
_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


@dataclass(frozen=True)
class HeadingMatch:
    path: tuple[str, ...]
    clauses: tuple[Clause, ...]  # the node's own clause and its descendants', in document order
    matched: str
    exact: bool = False  # the whole heading (without its numbering) is in the question
    by_position: bool = False  # picked by an ordinal after a part's name ("附则第二条"): the ordinal is spent


def ordinals(question: str) -> list[int]:
    """The positions a question asks for ("第三项和第八项" → [3, 8])."""
    return [int(g) if g.isdigit() else _CN[g] for g in _ORDINAL.findall(question)]


def asks_list(question: str) -> bool:
    """Whether the question asks for a part's items ("包括哪几条", "下面有几项")."""
    return bool(_ASKS_LIST.search(question))


def stated_count(question: str) -> int | None:
    """How many items the question says a part has ("三大工程" → 3, "九项行动" → 9), if it says so."""
    m = _COUNT.search(question)
    if m is None:
        return None
    return int(m.group(1)) if m.group(1).isdigit() else _CN.get(m.group(1))


def core_title(heading: str) -> str:
    return _NUMBERING.sub("", heading).strip()


def _common_run(a: str, b: str) -> str:
    """Longest common substring (short strings: a plain dynamic programme is fine)."""
    best = ""
    prev = [0] * (len(b) + 1)
    for i in range(1, len(a) + 1):
        cur = [0] * (len(b) + 1)
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                cur[j] = prev[j - 1] + 1
                if cur[j] > len(best):
                    best = a[i - cur[j] : i]
        prev = cur
    return best


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


class HeadingIndex:
    """The heading tree's nodes, built once per corpus; ``match`` is called for every question."""

    def __init__(self, clauses: list[Clause]) -> None:
        nodes: dict[tuple[str, ...], list[Clause]] = {}
        for c in clauses:
            for depth in range(2, len(c.path) + 1):  # the top level (通知/三年行动计划/附件) says too little
                nodes.setdefault(c.path[:depth], []).append(c)
        self._nodes = nodes
        # A part with a short name (附则) or a whole document part (附件) is named only with an ordinal after it.
        parts: dict[tuple[str, ...], list[Clause]] = {}
        for c in clauses:
            for depth in range(1, len(c.path) + 1):
                parts.setdefault(c.path[:depth], []).append(c)
        self._parts = parts
        # A whole document part (附件) is also named by the title line its own text opens with ("…的若干政策").
        self._part_titles: dict[tuple[str, ...], str] = {
            c.path: c.text.strip().splitlines()[0].strip()
            for c in clauses
            if len(c.path) == 1 and c.text.strip()
        }
        self._cores = [(path, core) for path in nodes if len(core := core_title(path[-1])) >= 4]

    def match(self, question: str) -> HeadingMatch | None:
        if (m := _ORDINAL.search(question)) and (by_position := self._by_position(question, m)):
            return by_position
        if _ASKS_LIST.search(question) and (short := self._short_part(question)):
            return short
        best: tuple[int, int, tuple[str, ...], str] | None = None
        share = 0.5 if _ASKS_LIST.search(question) else 0.6
        for path, core in self._cores:
            run = core if core in question else _common_run(question, core)
            if len(run) >= 4 and len(run) >= share * len(core):
                key = (len(run), len(path), path, run)
                best = key if best is None or key[:2] > best[:2] else best
        if best is None:
            return None
        path = best[2]
        members = self._nodes[path]
        # "强化示范标杆引领的第二项" picks an item; in "第二部分强化示范标杆引领" the ordinal is the part's own place
        after = question.find(best[3]) + len(best[3]) if best[3] in question else 0
        if (m := _ORDINAL.search(question, after)) and len(members) > 1:
            n = int(m.group(1)) if m.group(1).isdigit() else _CN[m.group(1)]
            children = sorted(
                {c.path[: len(path) + 1] for c in members if len(c.path) > len(path)},
                key=lambda p: min(c.order for c in members if c.path[: len(p)] == p),
            )
            if 1 <= n <= len(children):
                child = children[n - 1]
                return HeadingMatch(
                    child, tuple(c for c in members if c.path[: len(child)] == child), best[3], True
                )
        exact = core_title(path[-1]) in question
        return HeadingMatch(path, tuple(sorted(members, key=lambda c: c.order)), best[3], exact)

    def _short_part(self, question: str) -> HeadingMatch | None:
        """A part with a short name asked for its items ("附则有几条"): named by its whole name."""
        named = [p for p in self._nodes if 2 <= len(core := core_title(p[-1])) < 4 and core in question]
        if not named:
            return None
        path = max(named, key=lambda p: (len(core_title(p[-1])), len(p)))
        members = tuple(sorted(self._nodes[path], key=lambda c: c.order))
        return HeadingMatch(path, members, core_title(path[-1]), True)

    def _by_position(self, question: str, m: re.Match[str]) -> HeadingMatch | None:
        """The n-th item of a part named right before the ordinal ("附则第二条", "附件第四部分"), whatever the length
        of the part's name; the part named nearest the ordinal (the innermost) wins."""
        before = _BEFORE_ORDINAL.sub("", question[: m.start()])
        named = [
            p
            for p in self._parts
            if ((core := core_title(p[-1])) and len(core) >= 2 and before.endswith(core))
            or _common_suffix(before, self._part_titles.get(p, "")) >= 4
        ]
        if not named:
            return None
        path = max(named, key=lambda p: (len(core_title(p[-1])), len(p)))
        members = self._parts[path]
        children = sorted(
            {c.path[: len(path) + 1] for c in members if len(c.path) > len(path)},
            key=lambda p: min(c.order for c in members if c.path[: len(p)] == p),
        )
        n = int(m.group(1)) if m.group(1).isdigit() else _CN[m.group(1)]
        if not 1 <= n <= len(children):
            return None
        child = children[n - 1]
        return HeadingMatch(
            child,
            tuple(sorted((c for c in members if c.path[: len(child)] == child), key=lambda c: c.order)),
            core_title(path[-1]),
            True,
            by_position=True,
        )


def match_heading(question: str, clauses: list[Clause]) -> HeadingMatch | None:
    """One-off matching; the engine keeps a HeadingIndex instead of rebuilding the tree per question."""
    return HeadingIndex(clauses).match(question)
