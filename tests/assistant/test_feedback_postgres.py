"""Feedback in a real PostgreSQL (started for the session): the same store contract as SQLite, shared by
several writers at once, as replicas share it."""

from __future__ import annotations

import io
import json
import threading

import pytest

from assistant.errors import BadFeedback, ConfigError
from assistant.feedback import FeedbackStore
from assistant.feedback_postgres import PostgresFeedback, _redact
from assistant.settings import Settings

pytestmark = pytest.mark.integration


@pytest.fixture
def store(postgres_url: str) -> FeedbackStore:
    store = FeedbackStore(PostgresFeedback(postgres_url))
    store.backend._run(lambda con: con.execute("TRUNCATE feedback RESTART IDENTITY"))  # type: ignore[attr-defined]
    return store


def test_settings_choose_postgres(postgres_url: str, tmp_path: object) -> None:
    settings = Settings(data_dir=tmp_path, database_url=postgres_url, _env_file=None)  # type: ignore[call-arg]
    store = FeedbackStore.open(settings)
    assert store.backend.name == "postgresql" and store.path is None
    store.ping()


def test_record_comment_and_export_round_trip(store: FeedbackStore) -> None:
    cited = [{"doc": "文号", "path": "附件 › 一", "quote": "最高50万元"}]
    row = store.record(-1, question="投入300万？\ud800", answer="最高15万元", citations=cited, kind="answer")
    store.set_comment(row, "  =HYPERLINK(1)  ")
    with pytest.raises(BadFeedback):
        store.set_comment(row + 999, "x")
    out = io.StringIO()
    assert store.export_report(out, "jsonl").written == 1
    rec = json.loads(out.getvalue())
    assert (rec["rating"], rec["comment"], rec["citations"]) == (-1, "=HYPERLINK(1)", cited)
    assert rec["question"].startswith("投入300万？")  # the lone surrogate did not lose the row


def test_concurrent_writers_lose_nothing(store: FeedbackStore, postgres_url: str) -> None:
    stores = [FeedbackStore(PostgresFeedback(postgres_url)) for _ in range(3)]  # as three replicas

    def write(s: FeedbackStore, n: int) -> None:
        for i in range(40):
            s.record(1, question=f"{n}-{i}", answer="a")

    threads = [threading.Thread(target=write, args=(s, n)) for n, s in enumerate(stores * 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    questions = [r.question for r in store.all()]
    assert len(questions) == 240 and len(set(questions)) == 240


def test_unreachable_database_is_a_config_error_without_the_password() -> None:
    with pytest.raises(ConfigError) as err:
        PostgresFeedback("postgresql://zgsz:secret@127.0.0.1:1/x", connect_timeout_s=2)
    assert "secret" not in str(err.value) and "ZGSZ_DATABASE_URL" in str(err.value)
    assert _redact("postgresql://u:p@h:5432/d") == "postgresql://u:***@h:5432/d"
