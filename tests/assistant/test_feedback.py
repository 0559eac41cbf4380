"""The feedback store: ratings and comments in SQLite (WAL), exported as CSV or JSONL."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import threading

import pytest

from assistant.errors import BadFeedback
from assistant.feedback import FILE_NAME, MAX_COMMENT_CHARS, FeedbackStore
from assistant.settings import Settings

ANSWER = {
    "kind": "answer",
    "answer": "按不超过实际投入的5%给予奖补，单个企业最高奖补50万元。",
    "citations": [
        {
            "doc": "泰政办发〔2022〕25号",
            "path": "附件 › 一、着力企业能级提升 › （一）推动基础投入",
            "quote": "单个企业最高奖补50万元",
        }
    ],
    "planner": "rules",
}


@pytest.fixture
def store(settings: Settings) -> FeedbackStore:
    return FeedbackStore.open(settings)


def test_store_lives_in_the_data_folder_in_wal_mode(settings: Settings, store: FeedbackStore) -> None:
    assert store.path == settings.data_dir / FILE_NAME
    with sqlite3.connect(store.path) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_record_keeps_question_answer_citations_planner_and_time(store: FeedbackStore) -> None:
    row_id = store.record_answer(-1, "投入300万能拿多少？", ANSWER, comment="  没说要审定  ")
    (rec,) = store.all()
    assert rec.id == row_id
    assert (rec.rating, rec.comment, rec.question) == (-1, "没说要审定", "投入300万能拿多少？")
    assert rec.answer == ANSWER["answer"]
    assert rec.citations == ANSWER["citations"]
    assert (rec.planner, rec.kind) == ("rules", "answer")
    assert rec.created_at.startswith("20") and rec.created_at.endswith("+00:00")


def test_comment_added_later_lands_on_the_same_row(store: FeedbackStore) -> None:
    first = store.record(1, question="q1", answer="a1")
    second = store.record(-1, question="q2", answer="a2")
    store.set_comment(second, "引用的条款不对")
    by_id = {r.id: r for r in store.all()}
    assert by_id[first].comment == ""
    assert by_id[second].comment == "引用的条款不对"


def test_long_comment_is_cut(store: FeedbackStore) -> None:
    store.record(-1, question="q", answer="a", comment="长" * (MAX_COMMENT_CHARS + 50))
    assert len(store.all()[0].comment) == MAX_COMMENT_CHARS


@pytest.mark.parametrize("rating", [0, 2, -2, "1", None])
def test_rating_other_than_plus_or_minus_one_is_refused(store: FeedbackStore, rating: object) -> None:
    with pytest.raises(BadFeedback, match="评价只能是"):
        store.record(rating, question="q", answer="a")  # type: ignore[arg-type]
    assert store.all() == []


def test_comment_on_a_missing_row_is_refused(store: FeedbackStore) -> None:
    with pytest.raises(BadFeedback, match="没有编号为 42"):
        store.set_comment(42, "x")


def test_jsonl_export_round_trips(store: FeedbackStore) -> None:
    store.record_answer(1, "q1", ANSWER)
    store.record_answer(-1, "q2", ANSWER, comment="第二条")
    out = io.StringIO()
    assert store.export(out, "jsonl") == 2
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["question"] for r in rows] == ["q1", "q2"]
    assert rows[1]["comment"] == "第二条"
    assert rows[0]["citations"][0]["path"].endswith("（一）推动基础投入")


def test_csv_export_has_a_header_and_neutralises_spreadsheet_formulas(store: FeedbackStore) -> None:
    store.record_answer(-1, '=HYPERLINK("http://x")', ANSWER, comment="+1 好")
    out = io.StringIO()
    assert store.export(out, "csv") == 1
    header, row = list(csv.reader(io.StringIO(out.getvalue())))
    assert header == [
        "id",
        "created_at",
        "rating",
        "comment",
        "question",
        "answer",
        "citations",
        "planner",
        "kind",
    ]
    rec = dict(zip(header, row, strict=True))
    assert rec["question"].startswith("'=")
    assert rec["comment"] == "'+1 好"
    assert rec["rating"] == "-1"  # numbers are left alone
    assert json.loads(rec["citations"]) == ANSWER["citations"]


def test_unknown_export_format_is_refused(store: FeedbackStore) -> None:
    with pytest.raises(BadFeedback, match="csv 或 jsonl"):
        store.export(io.StringIO(), "xml")  # type: ignore[arg-type]


def test_ratings_from_several_threads_all_land(store: FeedbackStore) -> None:
    def rate(n: int) -> None:
        for i in range(10):
            store.record(1 if i % 2 else -1, question=f"q{n}-{i}", answer="a")

    threads = [threading.Thread(target=rate, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(store.all()) == 40
