"""A damaged feedback database never takes the assistant down: it is set aside, a fresh store takes its
place, and an export salvages every readable row and counts the ones it could not read."""

from __future__ import annotations

import io
import json
import os
import random
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.feedback import FILE_NAME, FeedbackStore
from assistant.feedback_sqlite import salvage_file
from assistant.settings import PROJECT_ROOT, Settings

ROWS = 30


def _filled(settings: Settings, rows: int = ROWS) -> Path:
    """A feedback file with ``rows`` long rows (several pages), checkpointed so the WAL is empty."""
    store = FeedbackStore.open(settings)
    for i in range(rows):
        store.record(1 if i % 2 else -1, question=f"问题{i:02d}" + "智改数转" * 60, answer="答" * 300)
    path = settings.data_dir / FILE_NAME
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return path


def _garbage_header(data: bytearray) -> bytearray:
    data[:100] = random.Random(1).randbytes(100)
    return data


def _truncated(data: bytearray) -> bytearray:
    return data[: len(data) // 2]


def _garbage_in_row_pages(data: bytearray) -> bytearray:
    start = 4 * 4096 + 300  # inside a leaf page of the table, past page 1's schema
    data[start : start + 2500] = random.Random(2).randbytes(2500)
    return data


DAMAGE: dict[str, Callable[[bytearray], bytearray]] = {
    "garbage header": _garbage_header,
    "truncated file": _truncated,
    "garbage inside row pages": _garbage_in_row_pages,
}


def _damage(path: Path, how: Callable[[bytearray], bytearray]) -> None:
    path.write_bytes(bytes(how(bytearray(path.read_bytes()))))


@pytest.mark.parametrize("how", DAMAGE.values(), ids=DAMAGE.keys())
def test_damaged_file_is_set_aside_and_a_fresh_store_keeps_recording(
    settings: Settings, how: Callable[[bytearray], bytearray]
) -> None:
    path = _filled(settings)
    _damage(path, how)
    store = FeedbackStore.open(settings)
    assert "已损坏" in store.notice and ".damaged-" in store.notice
    aside = list(settings.data_dir.glob(f"{FILE_NAME}.damaged-*"))
    assert len(aside) == 1
    new_id = store.record(1, question="损坏之后", answer="照常记录")
    assert new_id > ROWS or how is _truncated  # ids continue past the damaged file's when it says how far
    assert store.all()[-1].question == "损坏之后"


@pytest.mark.parametrize(
    ("how", "least_salvaged"),
    [(_garbage_header, ROWS), (_truncated, 5), (_garbage_in_row_pages, ROWS - 4)],
    ids=DAMAGE.keys(),
)
def test_export_salvages_every_readable_row_and_counts_the_rest(
    settings: Settings, how: Callable[[bytearray], bytearray], least_salvaged: int
) -> None:
    path = _filled(settings)
    _damage(path, how)
    store = FeedbackStore.open(settings)
    store.record(-1, question="新的", answer="a")
    out = io.StringIO()
    report = store.export_report(out, "jsonl")
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert report.written == len(rows)
    old = [r for r in rows if r["question"].startswith("问题")]
    assert len(old) >= least_salvaged
    assert report.unreadable == ROWS - len(old)  # nothing silently missing: read + unreadable = all
    assert len({r["id"] for r in rows}) == len(rows)
    assert all(r["answer"] == "答" * 300 for r in old)  # salvaged rows are whole, not garbage
    assert "已导出" in report.summary() and (report.unreadable == 0 or "无法读取" in report.summary())


def test_salvage_reads_from_a_copy_and_leaves_the_damaged_file_as_it_was(settings: Settings) -> None:
    path = _filled(settings)
    _damage(path, _garbage_in_row_pages)
    before = path.read_bytes()
    found = salvage_file(path)
    assert path.read_bytes() == before
    assert found.last_id == ROWS and len(found.records) + (found.unreadable or 0) == ROWS


def test_damage_while_running_is_caught_on_the_next_write(settings: Settings) -> None:
    path = _filled(settings, rows=3)
    store = FeedbackStore.open(settings)
    assert store.notice == ""
    path.write_bytes(os.urandom(4096 * 2))  # replaced under the running app
    new_id = store.record(1, question="仍然可以评价", answer="a")
    assert new_id >= 1 and "已损坏" in store.notice
    assert store.all()[-1].question == "仍然可以评价"


def test_export_command_reports_unreadable_rows_and_exits_1(settings: Settings, tmp_path: Path) -> None:
    path = _filled(settings)
    _damage(path, _garbage_in_row_pages)
    out = tmp_path / "fb.csv"
    env = {**os.environ, "ZGSZ_DATA_DIR": str(settings.data_dir)}
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "feedback", "export", "--out", str(out)],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert "Traceback" not in result.stderr
    assert result.returncode == 1, result.stderr
    assert "已损坏" in result.stderr and "条因文件损坏无法读取" in result.stderr
    assert out.read_text(encoding="utf-8-sig").count("问题") >= ROWS - 4


@pytest.mark.integration
@pytest.mark.slow
def test_app_starts_and_chat_answers_with_a_damaged_feedback_file(settings: Settings) -> None:
    from fastapi.testclient import TestClient

    from api.app import create_app

    path = _filled(settings, rows=5)
    _damage(path, _garbage_header)
    with TestClient(create_app(settings, mount_ui=False)) as client:
        health = client.get("/healthz").json()
        assert health["feedback"]["status"] == "ok" and "已损坏" in health["feedback"]["notice"]
        answer = client.post("/v1/ask", json={"turns": ["DCMM认证奖多少"]})
        assert answer.status_code == 200 and answer.json()["kind"] == "answer"
        rated = client.post("/v1/feedback", json={"rating": 1, "question": "q", "answer": answer.json()})
        assert rated.status_code == 200
