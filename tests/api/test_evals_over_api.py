"""`python -m evals run --url` against the plain API: the public suite passes exactly as it does in process."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from assistant.engine import Assistant
from evals.cli import main
from evals.runner import ApiBackend, http_backend, run_cases
from evals.suite import load_suites
from tests.api.conftest import KEY

pytestmark = [pytest.mark.integration, pytest.mark.slow]


class _SameEngine:
    name = "in-process"

    def __init__(self, bot: Assistant) -> None:
        self.bot = bot

    def ask(self, turns: Sequence[str]) -> dict[str, Any]:
        return self.bot.ask_turns(list(turns)).to_dict()


def test_public_suite_passes_the_same_cases_over_the_api(
    live_server: Any, api_bot: Assistant, public_cases_path: Path
) -> None:
    cases = load_suites([public_cases_path]).cases
    backend = http_backend(live_server.url + "/", api_key=KEY)
    assert isinstance(backend, ApiBackend)
    over_api = {r.case.id: r.passed for r in run_cases(cases, backend)}
    in_process = {r.case.id: r.passed for r in run_cases(cases, _SameEngine(api_bot))}
    assert over_api == in_process
    assert sum(over_api.values()) / len(over_api) >= 0.8


def test_evals_cli_reports_through_the_api(live_server: Any, public_cases_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "report"
    code = main(
        ["run", str(public_cases_path), "--url", live_server.url, "--api-key", KEY, "--limit", "5",
         "--quiet", "--report", str(out)]
    )  # fmt: skip
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert code == 0 and data["meta"]["backend"] == f"{live_server.url}/v1/ask"
    assert len(data["cases"]) == 5 and not any(c.get("error") for c in data["cases"])


def test_wrong_key_is_each_cases_error_not_a_crash(
    live_server: Any, public_cases_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report"
    code = main(
        ["run", str(public_cases_path), "--url", live_server.url, "--api-key", "bad", "--limit", "2",
         "--quiet", "--report", str(out)]
    )  # fmt: skip
    cases = json.loads((out / "report.json").read_text(encoding="utf-8"))["cases"]
    assert code == 0 and len(cases) == 2
    assert all("HTTP 401" in c["error"] and not c["passed"] for c in cases)
