"""`python -m evals run` through a running app (--url), exit codes, and messages for bad input."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from evals.cli import _rate, main

CASES = [
    {"id": "mt-provincial", "category": "multi-turn", "turns": ["国家级平台奖多少？", "省级呢？"],
     "expect": {"kind": "answer", "cite_any": ["支持平台建设"], "amounts_yuan": [500000]}},
    {"id": "needs-three", "category": "lookup", "turns": ["a", "b", "c"],
     "expect": {"kind": "answer", "facts_all": ["共3轮"]}},
    {"id": "wants-refusal", "category": "out-of-scope", "turns": ["人才购房补贴？"], "expect": {"kind": "refuse"}},
]  # fmt: skip


def _suite(tmp_path: Path, extra_lines: list[str] = ()) -> Path:  # type: ignore[assignment]
    path = tmp_path / "suite.jsonl"
    lines = [json.dumps(c, ensure_ascii=False) for c in CASES] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def app_url() -> Iterator[str]:
    """A minimal Gradio app with the /ask contract (JSON list of turns in, answer dict out).

    It stands in for ui/ so that this test checks the evals side of the contract on its own: the gradio_client
    call, turns sent as one JSON string, the dict coming back.
    """
    import gradio as gr

    def ask(turns_json: str) -> dict:
        turns = json.loads(turns_json)
        return {
            "kind": "answer",
            "answer": f"共{len(turns)}轮。省级工业互联网平台最高50万元。",
            "citations": [
                {
                    "doc": "d",
                    "path": "附件 › 三、加快协同生态营造 › （七）支持平台建设",
                    "quote": "省级最高50万元",
                }
            ],
            "tool_calls": [],
            "elapsed_ms": 3.0,
        }

    with gr.Blocks(analytics_enabled=False) as demo:
        box, out = gr.Textbox(), gr.JSON()
        box.submit(ask, box, out, api_name="ask")
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        demo.close()


@pytest.mark.integration
def test_run_against_an_app_url(tmp_path: Path, app_url: str, capsys) -> None:
    suite = _suite(tmp_path, ["{broken"])
    code = main(["run", str(suite), "--url", app_url, "--report", str(tmp_path / "out"), "--quiet"])
    assert code == 0
    captured = capsys.readouterr()
    assert f"skipped {suite}:4: not valid JSON" in captured.err
    assert "pass rate" in captured.out and "66.7% (2/3)" in captured.out
    data = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert [c["passed"] for c in data["cases"]] == [True, True, False]
    assert data["meta"]["backend"] == app_url and data["meta"]["problems"] == [
        f"{suite}:4: not valid JSON: Expecting property name enclosed in double quotes (column 2)"
    ]
    assert (tmp_path / "out" / "report.html").stat().st_size > 1000
    # the gate: 66.7% passes 0.6 and fails 70%
    assert main(["run", str(suite), "--url", app_url, "--quiet", "--min-pass-rate", "0.6"]) == 0
    assert main(["run", str(suite), "--url", app_url, "--quiet", "--min-pass-rate", "70%"]) == 1
    assert "below the minimum 70.0%" in capsys.readouterr().err
    assert main(["run", str(suite), "--url", app_url, "--quiet", "--json", "--only", "needs-three"]) == 0
    assert json.loads(capsys.readouterr().out)["metrics"]["cases"] == 1


def test_unreachable_url_is_a_message(tmp_path: Path, capsys) -> None:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens here now
    assert main(["run", str(_suite(tmp_path)), "--url", f"http://127.0.0.1:{port}/", "--quiet"]) == 1
    assert "cannot reach the app" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.jsonl"], "suite file not found"),
        (["EMPTY"], "no cases to run"),
        (["SUITE", "--only", "nope"], "no cases to run"),
    ],
)
def test_run_bad_input_is_a_message(tmp_path: Path, capsys, args: list[str], message: str) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n{}\n", encoding="utf-8")
    suite = _suite(tmp_path)
    argv = ["run"] + [
        str(tmp_path / a)
        if a == "missing.jsonl"
        else str(empty)
        if a == "EMPTY"
        else str(suite)
        if a == "SUITE"
        else a
        for a in args
    ]
    assert main(argv + ["--url", "http://127.0.0.1:9/"]) == 1
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "value"), [("0.8", 0.8), ("80", 0.8), ("80%", 0.8), ("1", 1.0), ("0", 0.0), ("1%", 0.01)]
)
def test_min_pass_rate_forms(text: str, value: float) -> None:
    assert _rate(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["abc", "-5", "150"])
def test_min_pass_rate_rejects(text: str) -> None:
    with pytest.raises(Exception, match="pass rate"):
        _rate(text)


def test_bench_is_dispatched_with_its_arguments(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["bench", "--help"])
    assert exit_info.value.code == 0
    assert "--scales" in capsys.readouterr().out


def test_no_command_prints_help(capsys) -> None:
    assert main([]) == 2
    assert "run" in capsys.readouterr().out
