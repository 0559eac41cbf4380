"""Every Gradio handler and public API route under generated and hostile input: an answer, or a clear gr.Error,
never another exception; over HTTP, no 5xx and no traceback in the server's output."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import gradio as gr
import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.settings import Settings
from evals.bench.loadgen import gradio_result
from tests.fuzz.conftest import GENERATED, nasty_inputs
from tests.fuzz.test_cli_fuzz import JSON, TEXT

pytestmark = [pytest.mark.fuzz]

MANY = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), database=None)
SOME = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None)
ANY = st.one_of(TEXT, JSON, JSON.map(lambda v: json.dumps(v, ensure_ascii=True)))
NASTY = [raw.decode("utf-8", "surrogateescape") for _, raw in nasty_inputs()]


@pytest.fixture(scope="module")
def parts(fuzz_bot: Any, index_settings: Settings) -> SimpleNamespace:
    from assistant.feedback import FeedbackStore
    from ui.chat_session import ChatController
    from ui.eligibility_form import EligibilityForm
    from ui.policy_browser import PolicyBrowser

    browser = PolicyBrowser(list(fuzz_bot.context.documents))
    store = FeedbackStore.open(index_settings)
    chat = ChatController(fuzz_bot, store, browser.clause_text, index_settings.max_input_chars)
    return SimpleNamespace(
        chat=chat, form=EligibilityForm(fuzz_bot.context.book, index_settings), browser=browser
    )


def _route(fn: Any, value: Any) -> Any:
    """Call an API handler as Gradio does: a result, or gr.Error with a message (anything else fails the test)."""
    try:
        return fn(value)
    except gr.Error as exc:
        assert str(exc.message).strip() and "Traceback" not in str(exc.message)
        return None


@MANY
@given(message=st.one_of(ANY, st.lists(TEXT, max_size=60).map(lambda t: json.dumps(t, ensure_ascii=True))))
def test_api_ask_routes(parts: SimpleNamespace, message: Any) -> None:
    GENERATED["gradio /ask, /ask_json"] += 1
    answer = _route(parts.chat.api_ask, message)
    assert answer is None or {"kind", "answer", "citations"} <= set(answer)
    text = _route(parts.chat.api_ask_json, message)
    assert text is None or "kind" in json.loads(text)
    if answer is not None:
        json.dumps(answer, ensure_ascii=False).encode("utf-8")  # writable: no lone surrogate left


@MANY
@given(request=st.one_of(ANY, st.sampled_from(NASTY)))
def test_api_calc_route(parts: SimpleNamespace, request: Any) -> None:
    GENERATED["gradio /calc"] += 1
    result = _route(parts.form.api_calc, request)
    assert result is None or "claims" in result


@SOME
@given(
    text=st.one_of(ANY, st.sampled_from(NASTY)), helpdesk=st.one_of(st.booleans(), JSON), evt=JSON, liked=JSON
)
def test_chat_events_with_anything(
    parts: SimpleNamespace, text: Any, helpdesk: Any, evt: Any, liked: Any
) -> None:
    """The UI's private events, as a raw client could call them through the queue: nothing raises."""
    GENERATED["gradio chat events"] += 1
    chat = parts.chat
    _, messages, session = chat.start(text, None, helpdesk)
    messages, session = chat.answer(session, helpdesk)
    assert isinstance(messages, list)
    chat.redraw(session, helpdesk)
    session, *_ = chat.like(SimpleNamespace(index=evt, liked=liked), session)
    session, *_ = chat.like(SimpleNamespace(index=0, liked=True), session)
    session, *_ = chat.comment(text, session)
    chat.example(SimpleNamespace(value=evt), session, helpdesk)


@SOME
@given(query=st.one_of(TEXT, st.sampled_from(NASTY)), focus=st.one_of(st.none(), TEXT))
def test_policy_browser_renders_anything(parts: SimpleNamespace, query: str, focus: str | None) -> None:
    GENERATED["gradio policy browser"] += 1
    html = parts.browser.render(query, focus)
    assert isinstance(html, str) and "<script" not in html.lower()


@SOME
@given(values=st.lists(ANY, max_size=40))
def test_calc_form_run_with_anything(parts: SimpleNamespace, values: list[Any]) -> None:
    GENERATED["gradio calc form"] += 1
    out = parts.form.on_run(*values)
    assert isinstance(out, tuple) and len(out) == 5


# ---- over HTTP: the public routes with the whole corpus --------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def app_url(fuzz_bot: Any, index_settings: Settings) -> Iterator[str]:
    from ui.app import build_app, launch

    settings = index_settings.model_copy(update={"port": _free_port()})
    app = build_app(settings, fuzz_bot)
    launch(app, settings, prevent_thread_lock=True, quiet=True)
    try:
        yield f"http://127.0.0.1:{settings.port}"
    finally:
        app.close(verbose=False)


def _call(client: httpx.Client, route: str, value: Any) -> tuple[str, str]:
    r = client.post(f"/gradio_api/call/{route}", json={"data": [value]})
    assert r.status_code < 500, r.text
    if r.status_code != 200:
        return "refused", r.text
    event, data = gradio_result(client, f"/gradio_api/call/{route}/{r.json()['event_id']}")
    if event not in ("complete", "error"):
        raise AssertionError(f"{route}: no result for {value!r:.80}")
    return event, data


@pytest.mark.integration
@pytest.mark.parametrize("route", ["ask", "ask_json", "calc"])
def test_public_routes_over_http_with_the_corpus(
    app_url: str, route: str, capfd: pytest.CaptureFixture[str]
) -> None:
    plain = '{"claims": [{"award": "dcmm"}]}' if route == "calc" else "贴息"
    values: list[Any] = [*NASTY, None, 12, 1e308, [], {"a": 1}, ["贴息"] * 60, plain]
    with httpx.Client(base_url=app_url, timeout=60) as client:
        outcomes = [_call(client, route, v if not isinstance(v, str) else v.encode("utf-8", "surrogateescape")
                          .decode("utf-8", "replace")) for v in values]  # fmt: skip
    GENERATED[f"http /{route}"] += len(values)
    assert outcomes[-1][0] == "complete", outcomes[-1]  # a plain request is answered
    assert any(kind == "error" for kind, _ in outcomes)
    err = capfd.readouterr().err
    assert "Traceback" not in err, err[-2000:]
