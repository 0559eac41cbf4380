"""👍/👎 and comments on answers, kept in SQLite (WAL) in the data folder, exported as CSV or JSONL.

The web app records a rating as soon as a thumb is clicked and adds the optional comment to that
row later, so a person who never writes a comment still leaves a rating. Each call opens its own
connection: Gradio runs handlers on worker threads, and a connection must not cross threads.

Example:
    >>> import tempfile, pathlib
    >>> store = FeedbackStore(pathlib.Path(tempfile.mkdtemp()) / "feedback.sqlite3")
    >>> row_id = store.record(-1, question="贴息多少？", answer="最高100万元", comment="没说条件")
    >>> store.all()[0].comment
    '没说条件'
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, Literal

from assistant.errors import BadFeedback
from assistant.settings import Settings

FILE_NAME = "feedback.sqlite3"
MAX_COMMENT_CHARS = 2000
ExportFormat = Literal["csv", "jsonl"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("csv", "jsonl")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    rating INTEGER NOT NULL CHECK (rating IN (-1, 1)),
    comment TEXT NOT NULL DEFAULT '',
    question TEXT NOT NULL DEFAULT '',
    answer TEXT NOT NULL DEFAULT '',
    citations TEXT NOT NULL DEFAULT '[]',
    planner TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT ''
)
"""
_COLUMNS = ("id", "created_at", "rating", "comment", "question", "answer", "citations", "planner", "kind")


@dataclass(frozen=True)
class FeedbackRecord:
    """One rating of one answer. ``citations`` is the answer's citation list as given."""

    id: int
    created_at: str  # ISO 8601, UTC
    rating: int  # +1 👍, -1 👎
    comment: str
    question: str
    answer: str
    citations: list[dict[str, Any]]
    planner: str
    kind: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class FeedbackStore:
    """The feedback table in one SQLite file; created on first use."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as con:
            con.execute("PRAGMA journal_mode=WAL")
            con.execute(_SCHEMA)

    @classmethod
    def open(cls, settings: Settings) -> FeedbackStore:
        return cls(settings.data_dir / FILE_NAME)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        con = sqlite3.connect(self.path, timeout=10)
        try:
            with con:  # commits, or rolls back on error
                yield con
        finally:
            con.close()

    def record(
        self,
        rating: int,
        *,
        question: str,
        answer: str,
        citations: list[dict[str, Any]] | None = None,
        planner: str = "",
        kind: str = "",
        comment: str = "",
    ) -> int:
        """Store a rating and return its row id (to attach a comment to it later)."""
        if rating not in (-1, 1):
            raise BadFeedback(f"评价只能是 +1（👍）或 -1（👎），收到 {rating!r}")
        row = (
            datetime.now(UTC).isoformat(timespec="seconds"),
            rating,
            _clean_comment(comment),
            question,
            answer,
            json.dumps(citations or [], ensure_ascii=False),
            planner,
            kind,
        )
        with self._connect() as con:
            cur = con.execute(
                "INSERT INTO feedback (created_at, rating, comment, question, answer, citations, planner, kind)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
            return int(cur.lastrowid or 0)

    def record_answer(self, rating: int, question: str, answer: dict[str, Any], comment: str = "") -> int:
        """Store a rating of an answer given as ``Answer.to_dict()``."""
        return self.record(
            rating,
            question=question,
            answer=str(answer.get("answer", "")),
            citations=list(answer.get("citations") or []),
            planner=str(answer.get("planner", "")),
            kind=str(answer.get("kind", "")),
            comment=comment,
        )

    def set_comment(self, feedback_id: int, comment: str) -> None:
        with self._connect() as con:
            cur = con.execute(
                "UPDATE feedback SET comment = ? WHERE id = ?", (_clean_comment(comment), feedback_id)
            )
        if cur.rowcount == 0:
            raise BadFeedback(f"没有编号为 {feedback_id} 的评价")

    def all(self) -> list[FeedbackRecord]:
        with self._connect() as con:
            rows = con.execute(f"SELECT {', '.join(_COLUMNS)} FROM feedback ORDER BY id").fetchall()
        return [_to_record(row) for row in rows]

    def export(self, out: IO[str], fmt: ExportFormat = "csv") -> int:
        """Write every record to ``out``; returns how many were written."""
        if fmt not in EXPORT_FORMATS:
            raise BadFeedback(f"导出格式只能是 {' 或 '.join(EXPORT_FORMATS)}，收到 {fmt!r}")
        records = self.all()
        if fmt == "jsonl":
            for rec in records:
                out.write(json.dumps(rec.to_dict(), ensure_ascii=False) + "\n")
        else:
            writer = csv.writer(out)
            writer.writerow(_COLUMNS)
            for rec in records:
                d = rec.to_dict()
                d["citations"] = json.dumps(rec.citations, ensure_ascii=False)
                writer.writerow([_csv_cell(d[c]) for c in _COLUMNS])
        return len(records)


def _clean_comment(comment: str) -> str:
    return (comment or "").strip()[:MAX_COMMENT_CHARS]


def _to_record(row: tuple[Any, ...]) -> FeedbackRecord:
    d = dict(zip(_COLUMNS, row, strict=True))
    try:
        d["citations"] = json.loads(d["citations"] or "[]")
    except json.JSONDecodeError:
        d["citations"] = []
    return FeedbackRecord(**d)


def _csv_cell(value: Any) -> Any:
    """A comment typed as "=HYPERLINK(...)" must stay text when the CSV is opened in a spreadsheet."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
