"""Feedback in PostgreSQL (``ZGSZ_DATABASE_URL``), so every replica of the app writes to one table.

One connection per thread (web servers answer on a thread pool; a psycopg connection must not be used by
two threads at once), in autocommit: each insert is one statement. A broken connection is reopened once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from assistant.errors import ConfigError
from assistant.feedback import COLUMNS, FeedbackRecord, NewFeedback, Salvage, to_record

log = logging.getLogger(__name__)
T = TypeVar("T")

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id BIGSERIAL PRIMARY KEY,
    created_at TEXT NOT NULL,
    rating SMALLINT NOT NULL CHECK (rating IN (-1, 1)),
    comment TEXT NOT NULL DEFAULT '',
    question TEXT NOT NULL DEFAULT '',
    answer TEXT NOT NULL DEFAULT '',
    citations TEXT NOT NULL DEFAULT '[]',
    planner TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT ''
)
"""
_SCHEMA_LOCK = 7_467_001  # pg_advisory_xact_lock key: replicas starting together create the table once


class PostgresFeedback:
    """The feedback table in a PostgreSQL database shared by every replica."""

    name = "postgresql"
    notice = ""

    def __init__(self, url: str, connect_timeout_s: int = 10) -> None:
        self.url = url
        self.connect_timeout_s = connect_timeout_s
        self._local = threading.local()
        self._all: list[Any] = []
        self._lock = threading.Lock()
        try:
            with self._connection().transaction():
                con = self._connection()
                con.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
                con.execute(SCHEMA)
        except Exception as exc:
            raise ConfigError(
                f"无法连接反馈数据库 ZGSZ_DATABASE_URL（{_redact(url)}）：{type(exc).__name__}: {exc}"
            ) from None

    def _connection(self) -> Any:
        import psycopg

        con = getattr(self._local, "con", None)
        if con is None or con.closed:
            con = psycopg.connect(self.url, autocommit=True, connect_timeout=self.connect_timeout_s)
            self._local.con = con
            with self._lock:
                self._all.append(con)
        return con

    def _run(self, work: Callable[[Any], T]) -> T:
        import psycopg

        try:
            return work(self._connection())
        except psycopg.OperationalError:
            # The server restarted or the connection idled out: one fresh connection, then give up.
            log.warning("feedback database connection lost; reconnecting")
            self._local.con = None
            return work(self._connection())

    def insert(self, row: NewFeedback) -> int:
        def go(con: Any) -> int:
            cur = con.execute(
                "INSERT INTO feedback (created_at, rating, comment, question, answer, citations, planner, kind)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
                row.values(),
            )
            return int(cur.fetchone()[0])

        return self._run(go)

    def update_comment(self, feedback_id: int, comment: str) -> bool:
        def go(con: Any) -> bool:
            cur = con.execute("UPDATE feedback SET comment = %s WHERE id = %s", (comment, feedback_id))
            return bool(cur.rowcount)

        return self._run(go)

    def read_all(self) -> Salvage:
        def go(con: Any) -> list[FeedbackRecord]:
            rows = con.execute(f"SELECT {', '.join(COLUMNS)} FROM feedback ORDER BY id").fetchall()
            return [to_record(r) for r in rows]

        return Salvage(self._run(go))

    def ping(self) -> None:
        self._run(lambda con: con.execute("SELECT 1").fetchone())

    def close(self) -> None:
        with self._lock:
            for con in self._all:
                con.close()
            self._all.clear()


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    head, sep, tail = url.rpartition("@")
    if not sep or ":" not in head.split("//", 1)[-1]:
        return url
    scheme, _, cred = head.partition("//")
    return f"{scheme}//{cred.split(':', 1)[0]}:***@{tail}"
