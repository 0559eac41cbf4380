"""👍/👎 and comments on answers, exported as CSV or JSONL, in whichever store the settings name.

The web app records a rating as soon as a thumb is clicked and adds the optional comment to that
row later, so a person who never writes a comment still leaves a rating. The rows live in a
:class:`FeedbackBackend`: SQLite (WAL) in the data folder by default (``feedback_sqlite.py``), or
PostgreSQL when ``ZGSZ_DATABASE_URL`` is set, so that replicas share one table (``feedback_postgres.py``).

Feedback must never take the assistant down: a damaged SQLite file is set aside and a fresh one opened
(``store.notice`` says so), and an export salvages every readable row and counts the ones it could not read.

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
import logging
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, Literal, Protocol

from assistant.errors import BadFeedback
from assistant.settings import Settings

log = logging.getLogger(__name__)

FILE_NAME = "feedback.sqlite3"
MAX_COMMENT_CHARS = 2000
ExportFormat = Literal["csv", "jsonl"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("csv", "jsonl")
COLUMNS = ("id", "created_at", "rating", "comment", "question", "answer", "citations", "planner", "kind")
_COLUMNS = COLUMNS  # the old private name


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


@dataclass(frozen=True)
class NewFeedback:
    """A row to insert: everything but the id, which the store assigns."""

    created_at: str
    rating: int
    comment: str
    question: str
    answer: str
    citations: str  # JSON text
    planner: str
    kind: str

    def values(self) -> tuple[Any, ...]:
        return (
            self.created_at,
            self.rating,
            self.comment,
            self.question,
            self.answer,
            self.citations,
            self.planner,
            self.kind,
        )


@dataclass(frozen=True)
class Salvage:
    """What a read of the whole table found: the rows it could read and how many it could not.

    ``unreadable`` is None when the damage hides even how many rows there were."""

    records: list[FeedbackRecord]
    unreadable: int | None = 0
    sources: tuple[str, ...] = ()  # set-aside files the rows were recovered from, besides the live store


class FeedbackBackend(Protocol):
    """Where the rows live. A new backend is a new module implementing these five methods."""

    name: str
    notice: str  # set when the store had to be set aside and replaced; empty otherwise

    def insert(self, row: NewFeedback) -> int: ...

    def update_comment(self, feedback_id: int, comment: str) -> bool: ...

    def read_all(self) -> Salvage: ...

    def ping(self) -> None: ...

    def close(self) -> None: ...


class FeedbackStore:
    """Ratings and comments, validated here, stored by a backend (a SQLite path, or the one the settings name)."""

    def __init__(self, where: Path | str | FeedbackBackend) -> None:
        if isinstance(where, (str, Path)):
            from assistant.feedback_sqlite import SqliteFeedback

            self.backend: FeedbackBackend = SqliteFeedback(Path(where))
        else:
            self.backend = where

    @classmethod
    def open(cls, settings: Settings) -> FeedbackStore:
        if settings.database_url:
            from assistant.feedback_postgres import PostgresFeedback

            return cls(PostgresFeedback(settings.database_url))
        return cls(settings.data_dir / FILE_NAME)

    @property
    def path(self) -> Path | None:
        return getattr(self.backend, "path", None)

    @property
    def notice(self) -> str:
        """A message for the operator when the store was damaged and replaced (empty when all is well)."""
        return self.backend.notice

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
        if rating not in (-1, 1) or isinstance(rating, bool):
            raise BadFeedback(f"评价只能是 +1（👍）或 -1（👎），收到 {rating!r}")
        row = NewFeedback(
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
            rating=rating,
            comment=_clean_comment(comment),
            question=_text(question),
            answer=_text(answer),
            citations=json.dumps(citations or [], ensure_ascii=False),
            planner=_text(planner),
            kind=_text(kind),
        )
        return self.backend.insert(row)

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
        if not self.backend.update_comment(feedback_id, _clean_comment(comment)):
            raise BadFeedback(f"没有编号为 {feedback_id} 的评价")

    def all(self) -> list[FeedbackRecord]:
        """Every readable row, oldest first."""
        return self.backend.read_all().records

    def salvage(self) -> Salvage:
        return self.backend.read_all()

    def export(self, out: IO[str], fmt: ExportFormat = "csv") -> int:
        """Write every readable record to ``out``; returns how many were written."""
        return self.export_report(out, fmt).written

    def export_report(self, out: IO[str], fmt: ExportFormat = "csv") -> ExportReport:
        """Write every readable record to ``out`` and say how many were written and how many were lost."""
        if fmt not in EXPORT_FORMATS:
            raise BadFeedback(f"导出格式只能是 {' 或 '.join(EXPORT_FORMATS)}，收到 {fmt!r}")
        found = self.backend.read_all()
        write_records(out, found.records, fmt)
        return ExportReport(len(found.records), found.unreadable, found.sources)

    def ping(self) -> None:
        self.backend.ping()

    def close(self) -> None:
        self.backend.close()


@dataclass(frozen=True)
class ExportReport:
    written: int
    unreadable: int | None = 0
    sources: tuple[str, ...] = ()

    def summary(self) -> str:
        """One line for the person who exported: what was written, and what could not be read."""
        text = f"已导出 {self.written} 条评价"
        if self.sources:
            text += f"（含从损坏文件中抢救的记录：{', '.join(self.sources)}）"
        if self.unreadable is None:
            text += "；损坏文件中另有无法读取的记录，数量无法确定"
        elif self.unreadable:
            text += f"；{self.unreadable} 条因文件损坏无法读取"
        return text


def write_records(out: IO[str], records: list[FeedbackRecord], fmt: ExportFormat) -> None:
    if fmt == "jsonl":
        for rec in records:
            out.write(json.dumps(rec.to_dict(), ensure_ascii=False) + "\n")
        return
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for rec in records:
        d = rec.to_dict()
        d["citations"] = json.dumps(rec.citations, ensure_ascii=False)
        writer.writerow([_csv_cell(d[c]) for c in COLUMNS])


def to_record(row: tuple[Any, ...] | list[Any]) -> FeedbackRecord:
    """A stored row as a record; a damaged cell becomes an empty value rather than losing the row."""
    d = dict(zip(COLUMNS, row, strict=True))
    try:
        citations = json.loads(d["citations"] or "[]")
    except (TypeError, ValueError):
        citations = []
    d["citations"] = citations if isinstance(citations, list) else []
    for name in ("created_at", "comment", "question", "answer", "planner", "kind"):
        d[name] = _text(d[name])
    d["id"] = int(d["id"])
    d["rating"] = int(d["rating"]) if d["rating"] in (-1, 1) else 0
    return FeedbackRecord(**d)


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if value is None:
        return ""
    # A lone surrogate cannot be encoded into any store: keep the rest of the text.
    return str(value).encode("utf-8", errors="replace").decode("utf-8")


def _clean_comment(comment: str) -> str:
    return _text(comment).strip()[:MAX_COMMENT_CHARS]


def _csv_cell(value: Any) -> Any:
    """A comment typed as "=HYPERLINK(...)" must stay text when the CSV is opened in a spreadsheet."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
