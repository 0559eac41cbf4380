"""`python -m assistant feedback export`: the command a maintainer runs to read what people said."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.feedback import FeedbackStore
from assistant.settings import Settings


@pytest.fixture
def filled(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> FeedbackStore:
    monkeypatch.setenv("ZGSZ_DATA_DIR", str(settings.data_dir))
    store = FeedbackStore.open(settings)
    store.record(1, question="DCMM认证奖多少？", answer="最高30万元", planner="rules", kind="answer")
    store.record(-1, question="贴息怎么算？", answer="……", comment="没讲条件", planner="rules", kind="answer")
    return store


def test_export_jsonl_to_stdout(filled: FeedbackStore, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["feedback", "export", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["rating"], r["comment"]) for r in rows] == [(1, ""), (-1, "没讲条件")]


def test_export_csv_to_a_file_opens_in_excel(filled: FeedbackStore, tmp_path: Path) -> None:
    out = tmp_path / "out" / "feedback.csv"
    assert main(["feedback", "export", "--out", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM, so Excel reads UTF-8
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert [r["question"] for r in rows] == ["DCMM认证奖多少？", "贴息怎么算？"]


def test_export_with_no_feedback_yet_writes_just_the_header(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ZGSZ_DATA_DIR", str(settings.data_dir))
    assert main(["feedback", "export"]) == 0
    assert capsys.readouterr().out.strip().startswith("id,created_at,rating")


def test_bad_format_is_a_usage_error(filled: FeedbackStore, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["feedback", "export", "--format", "xml"]) == 2
    assert "invalid choice" in capsys.readouterr().err
