"""The embedded feedback store: one SQLite file (WAL) in the data folder, safe against its own damage.

A file that SQLite cannot use (garbage header, truncated, malformed pages) is renamed to
``feedback.sqlite3.damaged-<UTC time>`` and a fresh file takes its place, so ratings keep being stored
and the assistant keeps answering. Reading salvages: the damaged files are read row by row (after
repairing a destroyed header when possible), and every readable row is exported with a count of the
ones that could not be read. Each call opens its own connection: web servers run handlers on worker
threads, and a connection must not cross threads.
"""

from __future__ import annotations

import fcntl
import logging
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.feedback import COLUMNS, FeedbackRecord, NewFeedback, Salvage, to_record

log = logging.getLogger(__name__)

SCHEMA = """
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
_SELECT = f"SELECT {', '.join(COLUMNS)} FROM feedback"
DAMAGED_MARK = ".damaged-"
_PAGE_SIZES = (4096, 1024, 2048, 8192, 16384, 32768, 65536, 512)
_MAX_MISSES = 1000  # ids probed past the last readable one when the damage hides how many rows there were


class SqliteFeedback:
    """The feedback table in one SQLite file; created on first use, set aside and replaced when damaged."""

    name = "sqlite"

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.notice = ""
        try:
            self._initialise()
        except sqlite3.DatabaseError as exc:
            self._replace_damaged(exc)

    def _initialise(self) -> None:
        with self._connect() as con:
            con.execute("PRAGMA journal_mode=WAL")
            con.execute(SCHEMA)
            problem = con.execute("PRAGMA quick_check(1)").fetchone()[0]
        if problem != "ok":
            raise sqlite3.DatabaseError(f"quick_check: {problem}")

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        con = sqlite3.connect(self.path, timeout=10)
        try:
            with con:  # commits, or rolls back on error
                yield con
        finally:
            con.close()

    def _replace_damaged(self, exc: BaseException) -> None:
        """Move the damaged file (with its WAL) aside and start a fresh one that continues its ids."""
        with _file_lock(self.path):
            try:  # another worker may have replaced it already
                self._initialise()
                return
            except sqlite3.DatabaseError:
                pass
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
            aside = self.path.with_name(f"{self.path.name}{DAMAGED_MARK}{stamp}")
            for suffix in ("", "-wal", "-shm"):
                src = Path(f"{self.path}{suffix}")
                if src.exists():
                    src.rename(f"{aside}{suffix}")
            last_id = salvage_file(aside).last_id
            self._initialise()
            if last_id:
                with self._connect() as con:
                    con.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('feedback', ?)", (last_id,))
        self.notice = (
            f"反馈数据库已损坏（{exc}），已移到 {aside.name} 并新建了空的反馈库；"
            "问答不受影响，`python -m assistant feedback export` 会从损坏文件中抢救能读出的评价。"
        )
        log.warning("feedback store %s was damaged (%s); moved aside to %s", self.path, exc, aside)

    def _write(self, sql: str, args: tuple[Any, ...]) -> sqlite3.Cursor:
        try:
            with self._connect() as con:
                return con.execute(sql, args)
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.IntegrityError | sqlite3.OperationalError) and not _is_damage(exc):
                raise
            self._replace_damaged(exc)
            with self._connect() as con:
                return con.execute(sql, args)

    def insert(self, row: NewFeedback) -> int:
        cur = self._write(
            "INSERT INTO feedback (created_at, rating, comment, question, answer, citations, planner, kind)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            row.values(),
        )
        return int(cur.lastrowid or 0)

    def update_comment(self, feedback_id: int, comment: str) -> bool:
        cur = self._write("UPDATE feedback SET comment = ? WHERE id = ?", (comment, feedback_id))
        return cur.rowcount > 0

    def read_all(self) -> Salvage:
        try:
            with self._connect() as con:
                live = [to_record(r) for r in con.execute(_SELECT + " ORDER BY id")]
        except (sqlite3.DatabaseError, ValueError, TypeError) as exc:
            self._replace_damaged(exc)
            live = []
        records: dict[int, FeedbackRecord] = {}
        unreadable: int | None = 0
        sources = []
        for aside in self.damaged_files():
            found = salvage_file(aside)
            sources.append(aside.name)
            records.update((r.id, r) for r in found.records)
            unreadable = (
                None if unreadable is None or found.unreadable is None else unreadable + found.unreadable
            )
        records.update((r.id, r) for r in live)
        return Salvage(sorted(records.values(), key=lambda r: r.id), unreadable, tuple(sources))

    def damaged_files(self) -> list[Path]:
        return sorted(
            p
            for p in self.path.parent.glob(f"{self.path.name}{DAMAGED_MARK}*")
            if not p.name.endswith(("-wal", "-shm"))
        )

    def ping(self) -> None:
        with self._connect() as con:
            con.execute("SELECT 1 FROM feedback LIMIT 1").fetchall()

    def close(self) -> None:
        """Nothing held open between calls."""


@dataclass(frozen=True)
class FileSalvage:
    """What one (damaged) file gave up, and the highest id it had handed out."""

    records: list[FeedbackRecord]
    unreadable: int | None
    last_id: int


def salvage_file(path: Path) -> FileSalvage:
    """Every row SQLite can still read from a damaged file (read from a copy, the file itself untouched)."""
    with tempfile.TemporaryDirectory(prefix="zgsz-salvage-") as tmp:
        copy = Path(tmp) / "copy.sqlite3"
        shutil.copyfile(path, copy)
        if Path(f"{path}-wal").exists():
            shutil.copyfile(f"{path}-wal", f"{copy}-wal")
        con = _open_readable(copy)
        if con is None:
            return FileSalvage([], None, 0)
        try:
            return _read_rows(con)
        finally:
            con.close()


def _schema_readable(path: Path) -> sqlite3.Connection | None:
    """A connection to ``path`` if SQLite can read its schema, else None."""
    con = sqlite3.connect(path)
    try:
        con.execute("SELECT name FROM sqlite_master").fetchall()
        return con
    except sqlite3.DatabaseError:
        con.close()
        return None


def _open_readable(copy: Path) -> sqlite3.Connection | None:
    """A connection that can read the schema, repairing a destroyed 100-byte header if needed."""
    if (con := _schema_readable(copy)) is not None:
        return con
    data = copy.read_bytes()
    for page_size in _PAGE_SIZES:
        if len(data) < 2 * page_size or len(data) % page_size:
            continue
        copy.write_bytes(_fresh_header(page_size, len(data) // page_size) + data[100:])
        if (con := _schema_readable(copy)) is not None:
            return con
    return None


def _fresh_header(page_size: int, pages: int) -> bytes:
    """The 100-byte header of an empty database with this page size, claiming ``pages`` pages."""
    with tempfile.TemporaryDirectory(prefix="zgsz-header-") as tmp:
        con = sqlite3.connect(Path(tmp) / "h.sqlite3")
        con.execute(f"PRAGMA page_size={page_size}")
        con.execute("CREATE TABLE t (a)")
        con.commit()
        con.close()
        header = bytearray((Path(tmp) / "h.sqlite3").read_bytes()[:100])
    header[28:32] = pages.to_bytes(4, "big")
    return bytes(header)


def _read_rows(con: sqlite3.Connection) -> FileSalvage:
    last_id = _last_id(con)
    try:
        records = [to_record(r) for r in con.execute(_SELECT + " ORDER BY id")]
        if last_id is not None:
            return FileSalvage(records, max(0, last_id - len(records)), last_id)
        return FileSalvage(records, 0, max((r.id for r in records), default=0))
    except (sqlite3.DatabaseError, ValueError, TypeError):
        pass
    # The table cannot be scanned: read it one id at a time, so one bad page loses only its own rows.
    records = []
    failed = 0
    misses = 0
    row_id = 0
    while (last_id is not None and row_id < last_id) or (last_id is None and misses < _MAX_MISSES):
        row_id += 1
        try:
            row = con.execute(_SELECT + " WHERE id = ?", (row_id,)).fetchone()
            if row is None:
                misses += 1
                continue
            records.append(to_record(row))
            misses = 0
        except (sqlite3.DatabaseError, ValueError, TypeError):
            failed += 1
    if last_id is None:
        return FileSalvage(records, None if failed else 0, max((r.id for r in records), default=0))
    return FileSalvage(records, last_id - len(records), last_id)


def _last_id(con: sqlite3.Connection) -> int | None:
    """The highest id ever given (AUTOINCREMENT keeps it in sqlite_sequence, its own page)."""
    for sql in ("SELECT seq FROM sqlite_sequence WHERE name = 'feedback'", "SELECT max(id) FROM feedback"):
        try:
            row = con.execute(sql).fetchone()
            if row and row[0] is not None:
                return int(row[0])
        except (sqlite3.DatabaseError, ValueError, TypeError):
            continue
    return None


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc).lower()
    return any(w in text for w in ("malformed", "not a database", "corrupt", "disk image", "no such table"))


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """Serialise the set-aside between worker processes sharing the data folder."""
    with open(f"{path}.lock", "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
