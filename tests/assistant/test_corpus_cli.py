"""`python -m assistant corpus add` and `search --doc` as a person runs them (subprocesses, real index)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT

pytestmark = pytest.mark.integration

SOURCE = PROJECT_ROOT / "tests" / "fixtures" / "import" / "yunxi.txt"


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        capture_output=True, text=True, env=env, cwd=PROJECT_ROOT, timeout=600,
    )  # fmt: skip


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("corpus-cli")
    shutil.copytree(PROJECT_ROOT / "corpus", root / "corpus")
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ZGSZ_")}
    return {
        **clean, "ZGSZ_DATA_DIR": str(root / "data"), "ZGSZ_CORPUS_DIR": str(root / "corpus"),
        "PYTHONPATH": str(PROJECT_ROOT),
    }  # fmt: skip


def test_add_imports_checks_and_refreshes_the_index_incrementally(env: dict[str, str]) -> None:
    first = _run(env, "index", "--json", "--quiet")
    assert first.returncode == 0, first.stderr
    real_chunks = json.loads(first.stdout)["chunks"]

    out = _run(env, "corpus", "add", str(SOURCE), "--id", "yunxi-2023-8", "--place", "云溪县")
    assert out.returncode == 0, out.stderr
    assert "请核对" in out.stdout and "云政发〔2023〕8号" in out.stdout
    assert "2 份文件" in out.stdout
    new = int(out.stdout.split("新嵌入 ")[1].split("，")[0])
    unchanged = int(out.stdout.split("未变 ")[1].split("，")[0])
    assert unchanged == real_chunks and new > 0  # only the new document was embedded
    assert (Path(env["ZGSZ_CORPUS_DIR"]) / "yunxi-2023-8" / "meta.yaml").is_file()

    search = _run(env, "search", "--json", "-k", "3", "--doc", "yunxi-2023-8", "贷款贴息最高多少")
    assert search.returncode == 0, search.stderr
    hits = json.loads(search.stdout)
    assert {h["doc_id"] for h in hits} == {"yunxi-2023-8"}
    assert "（五）实施贷款贴息" in hits[0]["path"]

    lines = '{"query": "贴息", "doc": "yunxi-2023-8"}\n{"query": "贴息", "doc": "nowhere"}\n'
    batch = subprocess.run(
        [sys.executable, "-m", "assistant", "search", "--jsonl", "-", "-k", "2"],
        input=lines, capture_output=True, text=True, env=env, cwd=PROJECT_ROOT, timeout=600,
    )  # fmt: skip
    good, bad = (json.loads(x) for x in batch.stdout.splitlines())
    assert {h["doc_id"] for h in good} == {"yunxi-2023-8"}
    assert bad["line"] == 2 and "nowhere" in bad["error"]


def test_add_refuses_an_existing_folder_and_a_missing_file(env: dict[str, str]) -> None:
    again = _run(env, "corpus", "add", str(SOURCE), "--id", "taixing-2022-25", "--no-index")
    assert again.returncode == 1 and "已存在" in again.stderr and "Traceback" not in again.stderr
    missing = _run(env, "corpus", "add", "/nowhere/x.docx", "--no-index")
    assert missing.returncode == 1 and "不存在" in missing.stderr
