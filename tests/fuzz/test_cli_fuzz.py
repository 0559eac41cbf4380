"""Every CLI surface under generated and hostile input: no traceback, one output line per input line, and the
exit codes --help documents (0 all answered, 1 some lines had errors, 2 usage)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from assistant.settings import PROJECT_ROOT
from tests.fuzz.conftest import GENERATED, CliRun, check_batch, expected_lines, nasty_inputs

pytestmark = [pytest.mark.fuzz]

# Batches are not shrunk (shrinking a 40-line batch takes minutes); the failing batch is printed whole.
FUZZ = settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), database=None,
                phases=[Phase.explicit, Phase.generate])  # fmt: skip

# Text that reaches the engine: any code point (surrogates included), policy words, amounts and units.
WORDS = [
    "贴息",
    "智能车间",
    "投入",
    "万",
    "亿",
    "元",
    "能拿多少",
    "DCMM",
    "星级",
    "国家级",
    "省级",
    "以上",
    "超过",
    "800",
    "0.5",
]
TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), max_size=3),
    st.lists(st.sampled_from(WORDS), max_size=8).map("".join),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=4)), max_size=6).map("".join),
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)
NASTY = [raw for _, raw in nasty_inputs()]


def _encode(value: Any) -> bytes:
    # ensure_ascii: lone surrogates travel as \\ud800 escapes, as another program would write them
    return json.dumps(value, ensure_ascii=True, allow_nan=True).encode("ascii")


ASK_LINE = st.one_of(
    st.fixed_dictionaries({"turns": st.lists(TEXT, min_size=1, max_size=3)}, optional={"id": JSON}).map(
        _encode
    ),
    JSON.map(_encode),
    st.binary(max_size=30).map(lambda b: b.replace(b"\n", b" ")),
    st.sampled_from(NASTY),
)
SEARCH_LINE = st.one_of(
    st.fixed_dictionaries({"query": TEXT}, optional={"k": st.one_of(st.integers(-3, 10**20), JSON)}).map(
        _encode
    ),
    JSON.map(_encode),
    st.binary(max_size=30).map(lambda b: b.replace(b"\n", b" ")),
    st.sampled_from(NASTY),
)


def _batch(lines: list[bytes]) -> bytes:
    return b"\n".join(lines) + b"\n"


@FUZZ
@given(lines=st.lists(ASK_LINE, min_size=20, max_size=45))
def test_ask_jsonl_answers_every_line(cli: Callable[..., CliRun], lines: list[bytes]) -> None:
    data = _batch(lines)
    GENERATED["ask --jsonl"] += len(lines)
    rows = check_batch(cli(["ask", "--jsonl", "-"], data), data)
    for row in rows:
        assert isinstance(row, dict) and ("error" in row or {"kind", "answer", "citations"} <= set(row))


@FUZZ
@given(lines=st.lists(SEARCH_LINE, min_size=30, max_size=60))
def test_search_jsonl_answers_every_line(cli: Callable[..., CliRun], lines: list[bytes]) -> None:
    data = _batch(lines)
    GENERATED["search --jsonl"] += len(lines)
    rows = check_batch(cli(["search", "--jsonl", "-"], data), data)
    for row in rows:
        assert isinstance(row, list) or "error" in row


@pytest.mark.parametrize("command", ["ask", "search"])
def test_the_whole_corpus_in_one_batch_with_valid_lines_around_it(
    cli: Callable[..., CliRun], command: str
) -> None:
    """An invalid byte, a 100,000-deep nest or a 5,001-digit id spoils only its own line."""
    good = b'{"turns": ["DCMM\xe8\xae\xa4\xe8\xaf\x81\xe5\xa5\x96\xe5\xa4\x9a\xe5\xb0\x91"], "query": "\xe8\xb4\xb4\xe6\x81\xaf"}'
    lines = [good]
    for raw in NASTY:
        lines += [raw.replace(b"\n", b" "), good]
    data = _batch(lines)
    GENERATED[f"{command} corpus"] += len(lines)
    rows = check_batch(cli([command, "--jsonl", "-"], data), data)
    by_line = dict(zip(expected_lines(data), rows, strict=True))
    answered = [by_line[n] for n in range(1, len(lines) + 1, 2)]  # the good lines: 1, 3, 5 …
    assert all("error" not in r if isinstance(r, dict) else r for r in answered), "every valid line answered"


CALC = st.one_of(
    st.fixed_dictionaries(
        {"claims": st.lists(st.fixed_dictionaries({"award": st.sampled_from(
            ["base_investment", "dcmm", "interest_subsidy", "infosec_star", "industrial_internet_platform", "nope"])},
            optional={"investment_yuan": JSON, "total_investment_yuan": JSON, "level": JSON, "star": JSON,
                      "year": JSON, "project": TEXT}), max_size=3)},
        optional={"enterprise": st.dictionaries(st.sampled_from(
            ["local_tax_paid_yuan", "registered_locally", "exclusions", "bogus"]), JSON), "as_of": JSON},
    ).map(_encode),
    JSON.map(_encode),
    st.binary(max_size=40),
    st.sampled_from(NASTY),
)  # fmt: skip


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(data=CALC, as_json=st.booleans())
def test_calc_never_breaks(cli: Callable[..., CliRun], data: bytes, as_json: bool) -> None:
    GENERATED["calc"] += 1
    run = cli(["calc", *(["--json"] if as_json else []), "-"], data)
    assert "Traceback" not in run.stderr and "内部错误" not in run.stderr, run.stderr
    assert run.code in (0, 1), run
    if run.code == 0 and as_json:
        assert "claims" in json.loads(run.stdout)
    if run.code == 1:
        assert run.stderr.startswith("错误：") and run.stdout == ""


ARGS = st.lists(
    st.one_of(
        st.sampled_from(["--json", "--jsonl", "-k", "0", "-1", "3", "--quiet", "--format", "csv", "xml", "--out",
                         "--planner", "llm", "rules", "export", "--bogus", "-", "/nonexistent", "--help", "-h"]),
        TEXT.filter(lambda t: "\x00" not in t),
    ),
    max_size=5,
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(command=st.sampled_from(["ask", "search", "calc", "feedback", "index", "", "nope"]), args=ARGS)
def test_any_command_line_ends_in_a_documented_exit_code(
    cli: Callable[..., CliRun], tmp_path_factory: pytest.TempPathFactory, command: str, args: list[str]
) -> None:
    if command == "index" and any(a not in ("--json", "--quiet", "--bogus", "-h", "--help") for a in args):
        args = [a for a in args if a in ("--json", "--quiet", "--bogus")]  # never --rebuild the shared index
    if "--out" in args:  # never write anywhere but a temp folder
        i = args.index("--out")
        args = args[: i + 1] + [str(tmp_path_factory.mktemp("out") / "f.csv")] + args[i + 2 :]
    GENERATED["argv"] += 1
    run = cli([command, *args] if command else args, b'{"turns": ["\xe8\xb4\xb4\xe6\x81\xaf"]}\n')
    assert run.code in (0, 1, 2), run
    assert "Traceback" not in run.stderr and "内部错误" not in run.stderr, run.stderr


@pytest.mark.parametrize("command", ["ask", "search", "calc", "feedback", "index", "serve"])
def test_exit_codes_are_documented_in_help(cli: Callable[..., CliRun], command: str) -> None:
    run = cli([command, "--help"])
    assert run.code == 0
    assert "退出码：0 全部回答；1 有输入行出错" in run.stdout and "2 命令行用法错误" in run.stdout
    top = cli(["--help"])
    assert top.code == 0 and "退出码" in top.stdout


def test_a_batch_with_errors_exits_1_and_a_clean_one_0(cli: Callable[..., CliRun]) -> None:
    clean = b'{"query": "\xe8\xb4\xb4\xe6\x81\xaf"}\n'
    assert cli(["search", "--jsonl", "-"], clean).code == 0
    assert cli(["search", "--jsonl", "-"], clean + b"\xff\n" + clean).code == 1
    assert cli(["search", "--jsonl", "/nonexistent/q.jsonl"]).code == 2


def test_feedback_export_with_nasty_comments(
    cli: Callable[..., CliRun], index_settings: Any, tmp_path: Path
) -> None:
    from assistant.feedback import FeedbackStore
    from assistant.hygiene import printable

    store = FeedbackStore.open(index_settings)
    texts = [printable(raw.decode("utf-8", "replace"))[:3000] for raw in NASTY[:20]]
    for t in texts:
        row = store.record_answer(-1, t, {"answer": t, "citations": [], "kind": "answer"})
        store.set_comment(row, t)
    GENERATED["feedback"] += len(texts)
    for fmt in ("csv", "jsonl"):
        run = cli(["feedback", "export", "--format", fmt, "--out", str(tmp_path / f"f.{fmt}")])
        assert run.code == 0 and "Traceback" not in run.stderr, run.stderr
        assert (tmp_path / f"f.{fmt}").stat().st_size > 0
    run = cli(["feedback", "export", "--format", "jsonl"])
    assert run.code == 0 and len(run.lines) >= len(texts)


@pytest.mark.integration
def test_a_closed_pipe_is_quiet(tmp_path: Path) -> None:
    """`calc --json | head -1`: the reader goes away; no BrokenPipeError traceback (one real subprocess)."""
    env = {**os.environ, "ZGSZ_DATA_DIR": str(tmp_path / "data")}
    script = (
        f'echo \'{{"claims":[{{"award":"dcmm"}}]}}\' | {sys.executable} -m assistant calc --json | head -1'
    )
    out = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, cwd=PROJECT_ROOT, env=env, timeout=120
    )
    assert out.stdout.strip() == "{"
    assert "Traceback" not in out.stderr and "BrokenPipe" not in out.stderr, out.stderr
