"""Records passed between the indexing stages and out to the assistant. Defined once, here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

PATH_SEP = " › "


@dataclass(frozen=True)
class DocMeta:
    """A policy document's metadata, from its folder's meta.yaml (the contract is in README, 政策文件夹).

    ``number`` is "" when the document has none; ``valid_from``/``valid_until`` are None when the text states no
    period; ``rules_file`` is the award rules' path when the document has rules (only then can it be computed
    on); ``aliases`` are other names of the place or the document, for routing a question to it.
    """

    doc_id: str
    title: str
    short_title: str
    number: str
    issuer: str
    published: date
    valid_from: date | None
    valid_until: date | None
    contact_department: str
    folder: Path
    place: str = ""
    rules_file: Path | None = None
    aliases: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()  # example questions the greeting and the UI offer
    not_covered: tuple[
        str, ...
    ] = ()  # regexes of policies often confused with this one that the corpus lacks
    plan_period: str = ""  # the action plan's own years ("2022—2024年"), when the document has a plan

    @property
    def label(self) -> str:
        """How a citation names the document: its number, or its short title when it has no number."""
        return self.number or self.short_title


@dataclass(frozen=True)
class Clause:
    """A node of the document's heading tree that has text of its own (normally a leaf)."""

    clause_id: str
    doc_id: str
    path: tuple[str, ...]
    text: str
    order: int

    @property
    def path_str(self) -> str:
        return PATH_SEP.join(self.path)

    @property
    def title(self) -> str:
        return self.path[-1] if self.path else ""


@dataclass(frozen=True)
class PolicyDocument:
    meta: DocMeta
    clauses: tuple[Clause, ...]


@dataclass(frozen=True)
class Chunk:
    """What is indexed: a clause, or one sentence-aligned part of a long clause, with its heading path."""

    chunk_id: str
    clause_id: str
    doc_id: str
    path: tuple[str, ...]
    text: str
    part: int = 0
    parts: int = 1

    @property
    def path_str(self) -> str:
        return PATH_SEP.join(self.path)

    @property
    def indexed_text(self) -> str:
        """The heading path is indexed with the text, so a question naming a heading finds its clause."""
        return f"{self.path_str}\n{self.text}"


@dataclass
class Hit:
    """One search result after fusion."""

    chunk: Chunk
    score: float
    rank: int
    doc: DocMeta
    sources: dict[str, int] = field(default_factory=dict)  # retriever name → 1-based rank there

    def to_dict(self) -> dict[str, object]:
        return {
            "rank": self.rank,
            "score": round(self.score, 6),
            "path": self.chunk.path_str,
            "doc": self.doc.label,
            "doc_id": self.chunk.doc_id,
            "doc_title": self.doc.title,
            "clause_id": self.chunk.clause_id,
            "chunk_id": self.chunk.chunk_id,
            "text": self.chunk.text,
            "sources": dict(self.sources),
        }
