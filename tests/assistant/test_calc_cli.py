"""`python -m assistant calc` as a user runs it: file or stdin in, table or JSON out, clear errors, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT

pytestmark = pytest.mark.integration

REQUEST = {
    "enterprise": {"local_tax_paid_yuan": "40万", "newly_introduced": False},
    "claims": [{"award": "dcmm", "year": 2024}, {"award": "quality_benchmark", "year": 2024}],
    "as_of": "2024-06-01",
}


def _calc(tmp_path: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ZGSZ_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run(
        [sys.executable, "-m", "assistant", "calc", *args],
        input=stdin, capture_output=True, text=True, cwd=PROJECT_ROOT, env=env, timeout=60,
    )  # fmt: skip


def test_file_to_table(tmp_path: Path) -> None:
    path = tmp_path / "req.json"
    path.write_text(json.dumps(REQUEST, ensure_ascii=False), encoding="utf-8")
    run = _calc(tmp_path, str(path))
    assert run.returncode == 0, run.stderr
    for text in (
        "DCMM认证奖励",
        "最高 30万元",
        "合计：最高 40万元（已按地方税收核减）",
        "附件 › 五、附则 › （二）相关原则",
    ):
        assert text in run.stdout


def test_stdin_to_json(tmp_path: Path) -> None:
    run = _calc(tmp_path, "--json", "-", stdin=json.dumps(REQUEST))
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert (out["total_yuan"], out["total_before_tax_cap_yuan"]) == (400_000, 600_000)


def test_help_shows_schema_and_example(tmp_path: Path) -> None:
    run = _calc(tmp_path, "--help")
    assert run.returncode == 0
    for text in (
        "investment_yuan",
        "local_tax_paid_yuan",
        "base_investment=基础投入奖补",
        "示例",
        '"award": "infosec_star"',
    ):
        assert text in run.stdout


@pytest.mark.parametrize(
    ("stdin", "expected"),
    [
        ('{"claims": [\n  {"award": "dcmm",}\n]}', "第 2 行第 20 列"),
        ('{"claims": [{"award": "base_investment", "investment_yuan": -300}]}', "claims[0].investment_yuan"),
        ('{"claims": [{"award": "base_investment", "investment_yuan": "很多"}]}', "无法识别的金额"),
        ('{"claims": [{"award": "golden"}]}', "可选：base_investment"),
        ('{"claims": [{"award": "infosec_star", "star": "六星"}]}', "claims[0].star"),
        ("[1, 2]", "JSON 对象"),
        ("", "是空的"),
    ],
)
def test_bad_input_is_one_clear_line(tmp_path: Path, stdin: str, expected: str) -> None:
    run = _calc(tmp_path, stdin=stdin)
    assert run.returncode == 1
    assert expected in run.stderr
    assert "Traceback" not in run.stderr and run.stdout == ""


def test_missing_file(tmp_path: Path) -> None:
    run = _calc(tmp_path, str(tmp_path / "nope.json"))
    assert (
        run.returncode == 2
        and "无法读取" in run.stderr
        and "nope.json" in run.stderr
        and "Traceback" not in run.stderr
    )


def test_help_example_result_is_what_the_engine_says() -> None:
    from assistant.commands.calc import EXAMPLE, EXAMPLE_RESULT
    from tools.award_calculator import calculate
    from tools.rulebook import RuleBook

    result = calculate(EXAMPLE, RuleBook.load(PROJECT_ROOT / "corpus"))
    assert [c.amount_text for c in result.claims] == ["最高 40万元", "最高 50万元", "15万元"]
    assert f"合计 {result.total_text}。" in EXAMPLE_RESULT.replace("\n", "")
