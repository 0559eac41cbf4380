"""The content-hash manifest of the vector store: chunk id → sha256(embedder name + indexed text).

It decides what a refresh must embed (new or changed chunks, and any the store lost) and what it must delete
(chunks no longer in the corpus); everything else keeps its vector.

Example:
    >>> m = Manifest(embedder="e", entries={})
    >>> plan = m.plan([], stored_ids={"old/0"})
    >>> plan.to_delete
    ['old/0']
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from indexing.types import Chunk

log = logging.getLogger(__name__)


def chunk_hash(chunk: Chunk, embedder: str) -> str:
    return hashlib.sha256(f"{embedder}\0{chunk.indexed_text}".encode()).hexdigest()


@dataclass(frozen=True)
class RefreshPlan:
    to_embed: list[Chunk]
    to_delete: list[str]
    unchanged: int


@dataclass
class Manifest:
    embedder: str
    entries: dict[str, str] = field(default_factory=dict)

    def plan(self, chunks: Sequence[Chunk], stored_ids: Iterable[str]) -> RefreshPlan:
        """Compare the chunks wanted with what the manifest says was embedded and what the store holds."""
        stored = set(stored_ids)
        wanted = {c.chunk_id for c in chunks}
        to_embed = [
            c
            for c in chunks
            if c.chunk_id not in stored or self.entries.get(c.chunk_id) != chunk_hash(c, self.embedder)
        ]
        to_delete = sorted(stored - wanted)
        return RefreshPlan(to_embed=to_embed, to_delete=to_delete, unchanged=len(chunks) - len(to_embed))

    @classmethod
    def for_chunks(cls, chunks: Iterable[Chunk], embedder: str) -> Manifest:
        return cls(embedder=embedder, entries={c.chunk_id: chunk_hash(c, embedder) for c in chunks})

    @classmethod
    def load(cls, path: Path, embedder: str) -> Manifest:
        """The saved manifest, or an empty one when it is missing, unreadable or made by another embedder."""
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if raw.get("embedder") == embedder and isinstance(raw.get("entries"), dict):
                return cls(embedder=embedder, entries={str(k): str(v) for k, v in raw["entries"].items()})
            log.info(
                "%s was made by embedder %r; every chunk will be embedded again", path, raw.get("embedder")
            )
        except FileNotFoundError:
            pass
        except (OSError, ValueError, AttributeError) as exc:
            log.warning("%s is unreadable (%s); every chunk will be embedded again", path, exc)
        return cls(embedder=embedder)

    def save(self, path: Path) -> None:
        write_json_atomic(path, {"embedder": self.embedder, "entries": self.entries})


def write_json_atomic(path: Path, data: object) -> None:
    """Write to a temporary file and rename it, so a crash never leaves half a file behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)
