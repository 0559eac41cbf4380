"""`python -m assistant ask`: the CLI contract evaluators and scripts depend on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.engine import Assistant
from assistant.settings import PROJECT_ROOT

pytestmark = pytest.mark.integration


def _run(args: list[str], data_dir: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ZGSZ_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "assistant", "ask", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env=env,
        timeout=300,
    )


def test_turns_of_one_conversation_as_json(bot: Assistant, engine_data_dir: Path) -> None:
    out = _run(
        ["--json", "我们刚被评为国家级工业互联网平台，奖金有多少？", "如果当时只评上省级，能拿多少？"],
        engine_data_dir,
    )
    assert out.returncode == 0, out.stderr
    first, second = (json.loads(line) for line in out.stdout.splitlines())
    assert "100万元" in first["answer"] and "50万元" in second["answer"]
    for d in (first, second):
        assert d["kind"] == "answer" and d["citations"] and isinstance(d["elapsed_ms"], float)


def test_jsonl_answers_every_line_in_order(bot: Assistant, engine_data_dir: Path) -> None:
    lines = "\n".join(
        [
            json.dumps({"turns": ["DCMM认证奖多少？"]}, ensure_ascii=False),
            "this is not json",
            json.dumps({"question": "no turns"}),
            json.dumps({"turns": ["你好", "泰兴的人才购房补贴怎么申请？"]}, ensure_ascii=False),
        ]
    )
    out = _run(["--jsonl", "-"], engine_data_dir, stdin=lines)
    assert out.returncode == 1, out.stderr  # 1: some lines had errors (documented in --help)
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(rows) == 4
    assert "30万元" in rows[0]["answer"]
    assert rows[1]["line"] == 2 and "JSON" in rows[1]["error"]
    assert rows[2]["line"] == 3 and "turns" in rows[2]["error"]
    assert rows[3]["kind"] == "refuse"


def test_text_output_and_a_missing_message(bot: Assistant, engine_data_dir: Path) -> None:
    out = _run(["5G全连接工厂怎么奖？"], engine_data_dir)
    assert out.returncode == 0 and "一事一议" in out.stdout and "引用" in out.stdout
    empty = _run([], engine_data_dir)
    assert empty.returncode == 2 and "请给出问题" in empty.stderr and "Traceback" not in empty.stderr


def test_unreadable_jsonl_file(bot: Assistant, engine_data_dir: Path, tmp_path: Path) -> None:
    out = _run(["--jsonl", str(tmp_path / "missing.jsonl")], engine_data_dir)
    assert out.returncode == 2 and "无法读取" in out.stderr and "Traceback" not in out.stderr
