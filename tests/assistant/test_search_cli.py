"""`python -m assistant search` and `index` as a user (or an evaluator) runs them: subprocesses on a built index."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def env(policy_index) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The session's built index, so each command only opens it."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ZGSZ_")}
    return {**clean, "ZGSZ_DATA_DIR": str(policy_index.settings.data_dir), "PYTHONPATH": str(PROJECT_ROOT)}


def _run(env: dict[str, str], *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=PROJECT_ROOT,
        timeout=300,
    )


def test_search_json(env: dict[str, str]) -> None:
    out = _run(env, "search", "--json", "-k", "3", "贴息能贴多少？")
    assert out.returncode == 0, out.stderr
    hits = json.loads(out.stdout)
    assert len(hits) == 3
    assert {"path", "doc", "text", "score"} <= set(hits[0])
    assert "强化金融保障" in hits[0]["path"] and hits[0]["doc"] == "泰政办发〔2022〕25号"


def test_search_text_and_bad_queries(env: dict[str, str]) -> None:
    out = _run(env, "search", "-k", "1", "5G全连接工厂怎么奖？")
    assert out.returncode == 0 and "（四）支持标杆引领" in out.stdout
    # a query that is no query is bad input (1); a command line without one, or -k 0, is a usage error (2)
    for args, code in ((["search", "   "], 1), (["search"], 2), (["search", "-k", "0", "贴息"], 2)):
        bad = _run(env, *args)
        assert bad.returncode == code, args
        assert bad.stderr.startswith("错误：") and "Traceback" not in bad.stderr


def test_search_jsonl_answers_every_line_in_order(env: dict[str, str], tmp_path: Path) -> None:
    lines = [
        json.dumps({"query": "贴息能贴多少？"}, ensure_ascii=False),
        "this is not json",
        json.dumps({"query": "5G全连接工厂怎么奖？", "k": 2}, ensure_ascii=False),
        json.dumps({"question": "wrong key"}),
        "",
        json.dumps({"query": "   "}),
        json.dumps({"query": "😀😀"}),
        json.dumps({"query": "贴息", "k": 0}),
    ]
    out = _run(env, "search", "--jsonl", "-", stdin="\n".join(lines) + "\n")
    assert out.returncode == 1, out.stderr  # 1: some lines had errors
    rows = [json.loads(r) for r in out.stdout.splitlines()]
    assert len(rows) == 7, "one output line per non-blank input line"
    assert "强化金融保障" in rows[0][0]["path"] and len(rows[0]) == 5
    assert rows[1]["line"] == 2 and "JSON" in rows[1]["error"]
    assert len(rows[2]) == 2 and "支持标杆引领" in rows[2][0]["path"]
    assert rows[3]["line"] == 4 and "query" in rows[3]["error"]
    assert rows[4]["line"] == 6 and "查询为空" in rows[4]["error"]
    assert isinstance(rows[5], list)
    assert rows[6]["line"] == 8 and "k" in rows[6]["error"]

    file = tmp_path / "queries.jsonl"
    file.write_text(lines[0] + "\n", encoding="utf-8")
    from_file = _run(env, "search", "--jsonl", str(file))
    assert from_file.returncode == 0 and json.loads(from_file.stdout) == rows[0]
    missing = _run(env, "search", "--jsonl", str(tmp_path / "nope.jsonl"))
    assert missing.returncode == 2 and "nope.jsonl" in missing.stderr


def test_index_command(env: dict[str, str]) -> None:
    out = _run(env, "index", "--json", "--quiet")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["embedded"] == 0 and report["chunks"] == report["unchanged"] > 0
