"""A message naming the policy document itself is about the policy, even in words its clauses never use.

"窗口有人问若干政策是否仍在执行" names the document by its short name and asks of the document, not of a clause:
the relevance check must count that name like an award's. The names come from meta.yaml (the number, the title,
the short title and its parts, the aliases), never the place alone: naming the place does not make a question
about its policy ("某县哪家火锅好吃"). A pointing word before 文件/文号 ("这文件还管用吗", "该文号") names the
document in hand too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from indexing.types import DocMeta

# "这文件", "该文号", "这份文件", "本文件": the document the conversation is about
_POINTED = re.compile(r"(?:这|该|此|本)(?:个|份|一份|一个)?(?:文件|文号|红头文件)")
_SUFFIX = re.compile(r"(自治州|自治县|地区|新区|市|县|区|省|州|盟|旗)$")
# the document a notice issues ("关于印发X（年份）的通知" → X): its own title
_ISSUED = re.compile(r"印发(.+?)(?:（|\(|的通知)")
# a short title joining two documents ("X计划及若干政策") names each of them
_JOIN = re.compile(r"及|和|与")
_MIN_NAME = 4  # shorter pieces ("政策") are words of any policy, not this one's name
# the Chinese words a name ends with (not a number or a bracketed year)
_HANZI_TAIL = re.compile(r"[\u4e00-\u9fff]+$")


def _places(meta: DocMeta) -> set[str]:
    places = {meta.place} if meta.place else set()
    if meta.place and len(short := _SUFFIX.sub("", meta.place)) >= 2:
        places.add(short)
    return places


def _unplaced(name: str, places: set[str]) -> str:
    for place in sorted(places, key=len, reverse=True):
        if name.startswith(place):
            return name[len(place) :]
    return name


def _tails(name: str) -> set[str]:
    """A name and its shorter forms people use: "智改数转三年行动计划" is also "三年行动计划", "行动计划"."""
    run = _HANZI_TAIL.search(name)
    tail = run.group(0) if run else ""
    return {name} | {tail[i:] for i in range(len(tail) - _MIN_NAME + 1)}


def document_names(metas: Iterable[DocMeta]) -> tuple[str, ...]:
    """Every name of the corpus's documents a question may use, the place left out, longest first."""
    names: set[str] = set()
    for meta in metas:
        places = _places(meta)
        names.update(n for n in (meta.number, meta.title) if n)
        short = [meta.short_title, *meta.aliases]
        if m := _ISSUED.search(meta.title):
            short.append(m.group(1))
        for name in filter(None, short):
            if name in places:
                continue
            name = _unplaced(name, places)
            names.add(name)
            for part in _JOIN.split(name):
                names.update(_tails(_unplaced(part, places)))
    return tuple(sorted((n for n in names if len(n) >= _MIN_NAME), key=lambda n: (-len(n), n)))


def document_mentions(text: str, names: tuple[str, ...]) -> int:
    """How many times ``text`` names a document of the corpus (its names, or 这/该 + 文件/文号)."""
    taken = [False] * len(text)
    hits = 0
    for name in names:
        for m in re.finditer(re.escape(name), text):
            if not any(taken[m.start() : m.end()]):
                taken[m.start() : m.end()] = [True] * (m.end() - m.start())
                hits += 1
    return hits + len(_POINTED.findall(text))
