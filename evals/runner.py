"""Run cases against the assistant, in this process or through a running app's API, and judge each answer.

Every case is one fresh conversation: all its turns are sent in order and the last answer is judged. A case
that raises is recorded with its error and the run goes on, so one broken case cannot hide the other 199.

Example:
    >>> backend = InProcessBackend(load_settings(planner="rules"))  # doctest: +SKIP
    >>> results = run_cases(load_suites(["evals/public_cases.jsonl"]).cases, backend)  # doctest: +SKIP
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from assistant.errors import AssistantError
from assistant.settings import Settings
from evals.judge import Verdict, judge
from evals.suite import Case

log = logging.getLogger(__name__)


class Backend(Protocol):
    """Answers one conversation: the turns in order, returning the last answer as ``Answer.to_dict()``."""

    name: str

    def ask(self, turns: Sequence[str]) -> dict[str, Any]: ...


class InProcessBackend:
    """The engine in this process: ``Assistant.from_settings(settings).ask_turns(turns)``."""

    def __init__(self, settings: Settings) -> None:
        self.name = f"in-process ({settings.planner} planner)"
        self.planner = settings.planner
        try:
            # The engine is heavy to import; only the in-process run needs it.
            from assistant.engine import Assistant

            self._bot = Assistant.from_settings(settings)
        except ModuleNotFoundError as exc:
            # A part of the project that is not in this checkout yet (index, calculator): say which one.
            if not (exc.name or "").startswith(("assistant", "indexing", "tools", "ui")):
                raise
            raise AssistantError(
                f"the in-process engine cannot load: module {exc.name} is missing from this checkout; "
                "run against an app with --url"
            ) from None

    def ask(self, turns: Sequence[str]) -> dict[str, Any]:
        return self._bot.ask_turns(list(turns)).to_dict()


class HttpBackend:
    """A running app: its Gradio API endpoint ``/ask`` takes the turns as a JSON list and returns the answer dict."""

    def __init__(self, url: str, timeout_s: float = 120.0) -> None:
        # gradio_client starts a telemetry thread unless this variable says no, whatever its argument says;
        # nothing here may reach beyond the app under test.
        os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
        os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
        from gradio_client import Client

        self.name = url
        self.planner = "app"
        try:
            self._client = Client(
                url, verbose=False, download_files=False, analytics_enabled=False,
                httpx_kwargs={"timeout": timeout_s},
            )  # fmt: skip
        except Exception as exc:  # connection refused, not a Gradio app, no /ask …
            raise AssistantError(f"cannot reach the app at {url}: {type(exc).__name__}: {exc}") from None

    def ask(self, turns: Sequence[str]) -> dict[str, Any]:
        result = self._client.predict(json.dumps(list(turns), ensure_ascii=False), api_name="/ask")
        if isinstance(result, str):  # a JSON component may hand the dict back as text
            result = json.loads(result)
        if not isinstance(result, dict):
            raise AssistantError(f"/ask returned {type(result).__name__}, expected the answer object")
        return result

    def close(self) -> None:
        self._client.close()


class ApiBackend:
    """A running service's plain JSON API: ``POST {url}/v1/ask`` with ``{"turns": [...]}``."""

    def __init__(self, url: str, api_key: str | None = None, timeout_s: float = 120.0) -> None:
        import httpx

        base = url.rstrip("/").removesuffix("/v1")
        self.name = f"{base}/v1/ask"
        self.planner = "app"
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(base_url=base, headers=headers, timeout=timeout_s)

    def ask(self, turns: Sequence[str]) -> dict[str, Any]:
        resp = self._client.post("/v1/ask", json={"turns": list(turns)})
        if resp.status_code != 200:
            try:
                message = resp.json()["error"]["message"]
            except (ValueError, KeyError, TypeError):
                message = resp.text[:300]
            raise AssistantError(f"/v1/ask answered HTTP {resp.status_code}: {message}")
        result = resp.json()
        if not isinstance(result, dict):
            raise AssistantError(f"/v1/ask returned {type(result).__name__}, expected the answer object")
        return result

    def close(self) -> None:
        self._client.close()


def http_backend(url: str, api: str = "auto", api_key: str | None = None) -> ApiBackend | HttpBackend:
    """The plain API when the service has one (``api="auto"`` looks for /v1/ask in its OpenAPI document),
    otherwise the Gradio API."""
    if api == "auto":
        import httpx

        base = url.rstrip("/").removesuffix("/v1")
        try:
            paths = httpx.get(f"{base}/openapi.json", timeout=30).json().get("paths", {})
        except (httpx.HTTPError, ValueError, AttributeError):
            paths = {}
        api = "plain" if "/v1/ask" in paths else "gradio"
    if api == "plain":
        return ApiBackend(url, api_key)
    return HttpBackend(url)


@dataclass
class CaseResult:
    case: Case
    answer: dict[str, Any] | None
    verdict: Verdict
    latency_ms: float  # wall clock of the whole conversation, as a user waits for it
    error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return self.verdict.passed


def run_case(case: Case, backend: Backend) -> CaseResult:
    started = time.perf_counter()
    answer: dict[str, Any] | None = None
    error: str | None = None
    try:
        answer = backend.ask(case.turns)
    except AssistantError as exc:
        error = f"{type(exc).__name__}: {exc}"
    except Exception as exc:  # an engine bug must show up as this case's failure, not end the run
        log.exception("case %s raised", case.id)
        error = f"{type(exc).__name__}: {exc}"
    latency_ms = (time.perf_counter() - started) * 1000
    return CaseResult(case, answer, judge(case, answer, error), round(latency_ms, 2), error)


def run_cases(
    cases: Sequence[Case],
    backend: Backend,
    progress: Callable[[int, int, CaseResult], None] | None = None,
) -> list[CaseResult]:
    """Run and judge every case in order; ``progress(done, total, result)`` is called after each."""
    results: list[CaseResult] = []
    for i, case in enumerate(cases, start=1):
        result = run_case(case, backend)
        results.append(result)
        if progress:
            progress(i, len(cases), result)
    return results
