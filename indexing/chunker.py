"""Clauses → chunks: a clause is one chunk; a clause longer than the window is split on sentence boundaries.

No chunk crosses a clause boundary, and every part repeats the clause's heading path (``Chunk.indexed_text``).
Chunk ids are ``<clause_id>/<part>``: stable while the clause's text and the window stay the same.

Example:
    >>> from indexing.types import Clause
    >>> c = Clause("d:1", "d", ("附件", "（一）甲"), "第一句。" * 30, 0)
    >>> [len(ch.text) for ch in chunk_clause(c, max_chars=50)]
    [48, 48, 24]
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from indexing.types import Chunk, Clause

# A sentence ends after 。 or ；（full- or half-width ; too, and ！？ for completeness). Closing quotes and
# brackets right after the mark stay with their sentence.
_SENTENCE_END = re.compile(r"(?<=[。；;！？!?])[”’）)」』]*")
_CLAUSE_END = re.compile(r"(?<=[，,、：:])")


def chunk_clause(clause: Clause, max_chars: int) -> list[Chunk]:
    """Split one clause into chunks of at most ``max_chars`` characters of text (the path is not counted)."""
    if max_chars < 1:
        raise ValueError(f"max_chars must be positive, got {max_chars}")
    pieces = _pack(_sentences(clause.text, max_chars), max_chars)
    return [
        Chunk(
            chunk_id=f"{clause.clause_id}/{i}",
            clause_id=clause.clause_id,
            doc_id=clause.doc_id,
            path=clause.path,
            text=piece,
            part=i,
            parts=len(pieces),
        )
        for i, piece in enumerate(pieces)
    ]


def chunk_clauses(clauses: Iterable[Clause], max_chars: int) -> list[Chunk]:
    """All chunks of all clauses, in clause order."""
    return [chunk for clause in clauses for chunk in chunk_clause(clause, max_chars)]


def _sentences(text: str, max_chars: int) -> list[str]:
    """Sentences (paragraph breaks kept as their own boundaries); a sentence that is still too long is cut
    at commas, and only as a last resort every ``max_chars`` characters."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        for sentence in _split_keep(paragraph, _SENTENCE_END):
            if len(sentence) <= max_chars:
                out.append(sentence)
                continue
            for phrase in _pack(_split_keep(sentence, _CLAUSE_END), max_chars):
                out.extend(phrase[i : i + max_chars] for i in range(0, len(phrase), max_chars))
        if out:
            out[-1] += "\n"  # remember the paragraph break; _pack strips it at chunk edges
    return out


def _split_keep(text: str, boundary: re.Pattern[str]) -> list[str]:
    """Split after each boundary match, keeping the delimiter with the text before it."""
    parts, start = [], 0
    for m in boundary.finditer(text):
        if m.end() > start:
            parts.append(text[start : m.end()])
            start = m.end()
    if start < len(text):
        parts.append(text[start:])
    return [p for p in parts if p.strip()]


def _pack(units: list[str], max_chars: int) -> list[str]:
    """Greedily join consecutive units while the result stays within ``max_chars``."""
    chunks: list[str] = []
    current = ""
    for unit in units:
        if current and len((current + unit).strip()) > max_chars:
            chunks.append(current.strip())
            current = ""
        current += unit
    if current.strip():
        chunks.append(current.strip())
    return chunks
