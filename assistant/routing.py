"""Which policy document a turn is about.

The corpus holds several documents (a county's, a city's, successive rounds). Each turn is routed before it is
planned, from the strongest signal down:

1. an explicit choice (``ask --doc``, the ``doc`` field of a JSONL line or an API call, the UI selector);
2. a place, alias, document number or title named in this turn (two or more named: a comparison);
3. the document an earlier turn of the conversation was routed to;
4. the ``ZGSZ_DEFAULT_DOC`` setting;
5. the only document of the corpus;
6. the document whose clauses match the question best, or a question back when two tie.

Every decision carries the reason shown in the answer's trace.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from assistant.errors import BadQuery
from indexing.types import DocMeta

RouteKind = Literal["explicit", "named", "compare", "history", "default", "only", "search", "tie"]

# A place name is also said without its administrative suffix: 云溪县 → 云溪, 云州市 → 云州, 江苏省 → 江苏.
_SUFFIX = re.compile(r"(自治州|自治县|地区|新区|市|县|区|省|州|盟|旗)$")
# How close two documents' best scores must be for the search step to call it a tie and ask.
TIE_MARGIN = 0.05


@dataclass(frozen=True)
class DocProfile:
    """What identifies a document in a question: its place and other names, from meta.yaml."""

    doc_id: str
    place: str
    label: str  # how answers name the document: its number or short title
    names: tuple[str, ...]  # every string that, found in a question, names this document
    has_rules: bool = False

    @classmethod
    def of(
        cls,
        doc_id: str,
        place: str,
        label: str,
        *,
        number: str = "",
        title: str = "",
        aliases: Iterable[str] = (),
        has_rules: bool = False,
    ) -> DocProfile:
        names = {doc_id, *aliases}
        for name in (place, number):
            if name:
                names.add(name)
        if place and len(short := _SUFFIX.sub("", place)) >= 2:
            names.add(short)
        if title and len(title) >= 6:
            names.add(title)
        return cls(doc_id, place, label, tuple(sorted(n for n in names if n)), has_rules)


@dataclass(frozen=True)
class Route:
    """The routing decision of one turn."""

    kind: RouteKind
    doc_ids: tuple[str, ...]  # one document, or several for a comparison or a tie
    reason: str
    named: tuple[str, ...] = field(default=())  # the names found in the turn

    @property
    def doc_id(self) -> str | None:
        """The document to answer from, or None when the turn must ask which one (a tie)."""
        return self.doc_ids[0] if self.doc_ids and self.kind not in ("tie", "compare") else None


class Router:
    """Routes turns over the documents of one corpus.

    Example:
        >>> r = Router([DocProfile.of("a", "甲市", "甲文"), DocProfile.of("b", "乙县", "乙文")])
        >>> r.route("乙县的贴息上限是多少？").doc_ids
        ('b',)
    """

    def __init__(
        self, profiles: Sequence[DocProfile], default_doc: str | None = None, shadows: Iterable[str] = ()
    ) -> None:
        """``shadows`` are the corpus's own terms that hold a place name without naming a document
        (云州市级 is an award level, 云州市产融综合服务平台 a platform): they take their span first."""
        if not profiles:
            raise BadQuery("语料库里没有任何政策文件（corpus is empty）：请先在 corpus/ 下加入一个政策文件夹")
        self.profiles = {p.doc_id: p for p in profiles}
        if default_doc is not None and default_doc not in self.profiles:
            raise BadQuery(self._unknown(default_doc, "ZGSZ_DEFAULT_DOC"))
        self.default_doc = default_doc
        # Longest names first, so 云溪县 is matched before 云溪 and a name inside a longer one is not counted.
        names: list[tuple[str, str | None]] = [(n, p.doc_id) for p in profiles for n in p.names]
        all_names = {n for n, _ in names}
        names += [(s, None) for s in set(shadows) if s not in all_names and any(n in s for n in all_names)]
        self._names = sorted(names, key=lambda x: (-len(x[0]), x[0]))

    def _unknown(self, doc: str, where: str) -> str:
        known = "、".join(self.profiles)
        return f"{where} 指定的文件“{doc}”不在语料库中（unknown document）；可选：{known}"

    def check(self, doc: str | None, where: str = "doc") -> str | None:
        """An explicit document choice, validated; "all" or empty means no choice."""
        if doc is None or doc in ("", "all", "全部"):
            return None
        if doc not in self.profiles:
            raise BadQuery(self._unknown(doc, where))
        return doc

    def named_in(self, text: str) -> dict[str, list[str]]:
        """Documents named in ``text``, each with the names that named it, in order of first mention."""
        found: dict[str, list[str]] = {}
        taken = [False] * len(text)
        first: dict[str, int] = {}
        for name, doc_id in self._names:
            for m in re.finditer(re.escape(name), text):
                if any(taken[m.start() : m.end()]):
                    continue
                taken[m.start() : m.end()] = [True] * (m.end() - m.start())
                if doc_id is None:
                    continue
                found.setdefault(doc_id, []).append(name)
                first[doc_id] = min(first.get(doc_id, m.start()), m.start())
        return {d: found[d] for d in sorted(found, key=first.__getitem__)}

    def route(
        self,
        text: str,
        *,
        explicit: str | None = None,
        previous: str | None = None,
        scores: Callable[[str], dict[str, float]] | None = None,
    ) -> Route:
        """Decide which document(s) ``text`` is about; ``scores`` ranks documents by search when nothing else does."""
        if chosen := self.check(explicit):
            return Route("explicit", (chosen,), f"指定了文件 {chosen}")
        named = self.named_in(text)
        if len(named) >= 2:
            all_words = tuple(w for ws in named.values() for w in ws)
            reason = f"问题点名了{len(named)}份文件（{'、'.join(all_words)}）"
            return Route("compare", tuple(named), reason, all_words)
        if named:
            ((doc_id, words),) = named.items()
            return Route("named", (doc_id,), f"问题点名了“{words[0]}”", tuple(words))
        if previous in self.profiles:
            return Route("history", (previous,), f"沿用上一轮的文件 {previous}")
        if self.default_doc:
            return Route("default", (self.default_doc,), f"默认文件 {self.default_doc}（ZGSZ_DEFAULT_DOC）")
        if len(self.profiles) == 1:
            (only,) = self.profiles
            return Route("only", (only,), "语料库只有这一份文件")
        ranked = sorted((scores(text) if scores else {}).items(), key=lambda x: (-x[1], x[0]))
        if not ranked:
            return Route("tie", tuple(sorted(self.profiles)), "问题没有点名文件，检索也分不出是哪一份")
        if len(ranked) >= 2 and ranked[0][1] - ranked[1][1] <= TIE_MARGIN * max(ranked[0][1], 1e-9):
            tied = tuple(d for d, s in ranked if ranked[0][1] - s <= TIE_MARGIN * max(ranked[0][1], 1e-9))
            return Route("tie", tied, f"问题没有点名文件，{len(tied)}份文件同样相关")
        best = ranked[0][0]
        return Route("search", (best,), f"问题没有点名文件，按检索最相关的是 {best}")


def profile_of(meta: DocMeta, has_rules: bool) -> DocProfile:
    """A document's routing profile from its metadata."""
    return DocProfile.of(
        meta.doc_id,
        meta.place,
        meta.label,
        number=meta.number,
        title=meta.title,
        aliases=meta.aliases,
        has_rules=has_rules,
    )
