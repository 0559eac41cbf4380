"""What the server keeps per visitor is bounded, and only public API routes can be called by name."""

from __future__ import annotations

from datetime import datetime, timedelta
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from gradio.state_holder import SessionState

from evals.bench.loadgen import gradio_call
from tests.ui.conftest import RunningApp
from ui.chat_session import ChatSession
from ui.sessions import BoundedStateHolder, LazySessionState, public_api_names

pytestmark = [pytest.mark.integration]

PRIVATE = [
    "like",
    "render",
    "answer",
    "start",
    "comment",
    "open_clause",
    "new_conversation",
    "on_run",
    "false",
]


@pytest.mark.parametrize("name", PRIVATE)
def test_private_events_cannot_be_called_by_name(running_app: RunningApp, name: str) -> None:
    for path in (f"gradio_api/call/{name}", f"gradio_api/call/v2/{name}", f"gradio_api/call/{name}/"):
        r = httpx.post(running_app.url + path, json={"data": [None, None]}, timeout=10)
        assert r.status_code == 404, (path, r.text)
        assert "公开接口" in r.json()["detail"]


def test_public_routes_are_exactly_the_documented_api(running_app: RunningApp) -> None:
    assert public_api_names(running_app.app) == {"ask", "ask_json", "calc"}
    info = httpx.get(running_app.url + "gradio_api/info", timeout=10).json()
    assert set(info["named_endpoints"]) == {"/ask", "/ask_json", "/calc"} and not info["unnamed_endpoints"]
    assert gradio_call(running_app.url, "calc")('{"claims":[{"award":"dcmm"}]}')[0]["claims"]


def _holder(running_app: RunningApp) -> BoundedStateHolder:
    holder = running_app.app.server_app.state_holder
    assert isinstance(holder, BoundedStateHolder), "launch() must install the bounded state holder"
    return holder


def test_api_calls_leave_no_session_behind(running_app: RunningApp) -> None:
    call = gradio_call(running_app.url, "ask_json")
    holder = _holder(running_app)
    queue = running_app.app._queue
    before = set(holder.session_data)
    for q in ["DCMM认证奖多少", "贴息条件", "这个政策现在还有效吗？"] * 5:
        assert '"kind"' in call(q)[0]
    made = set(holder.session_data) - before
    assert len(made) == 15, "every /call/ request is a session of its own in Gradio"
    holder.sweep(queue, now=datetime.now() + timedelta(seconds=holder.stateless_idle_s + 1))
    assert not (made & set(holder.session_data))
    assert not (made & set(queue.pending_event_ids_session))
    assert not (made & set(queue.pending_messages_per_session))


def _state_id(app: Any) -> int:
    from gradio.components import State

    return next(k for k, b in app.blocks.items() if isinstance(b, State))


def test_a_conversation_is_kept_until_its_state_expires(running_app: RunningApp) -> None:
    holder = BoundedStateHolder(stateless_idle_s=5)
    holder.set_blocks(running_app.app)
    try:
        state = _state_id(running_app.app)
        holder["chat"][state] = ChatSession()
        _ = holder["browsing"][state]  # read only: Gradio fills in the default (None)
        later = datetime.now() + timedelta(seconds=60)
        assert holder.sweep(now=later) == 1
        assert "chat" in holder.session_data and "browsing" not in holder.session_data
        # Gradio's own expiry (gr.State time_to_live) removes the value; then the session goes too.
        holder.session_data["chat"]._state_ttl[state] = (1, datetime.now() - timedelta(seconds=5))
        holder.delete_all_expired_state()
        assert holder.sweep(now=later) == 1 and not holder.session_data
        assert holder.capacity <= 2000
    finally:
        holder.set_blocks(running_app.app)  # set_blocks points the Blocks at this holder: give it back
        running_app.app.server_app.state_holder.set_blocks(running_app.app)


def test_lazy_session_state_matches_gradios(running_app: RunningApp) -> None:
    """Guards the subclass against a Gradio upgrade: same attributes, same snapshot when asked for."""
    app = running_app.app
    lazy, eager = LazySessionState(app), SessionState(app)
    assert set(vars(eager)) - {"config_values"} <= set(vars(lazy))
    assert lazy._config_values is None
    assert lazy.config_values.keys() == eager.config_values.keys()
    assert list(lazy.components) == list(eager.components)


@pytest.mark.parametrize(
    "evt",
    [
        SimpleNamespace(index=None, liked=True),
        SimpleNamespace(index="0", liked=True),
        SimpleNamespace(index=[], liked=None),
        SimpleNamespace(index=[10**9, 0], liked="Like"),
        SimpleNamespace(index=True, liked=[1]),
        SimpleNamespace(),
    ],
)
def test_like_without_a_conversation_does_nothing(running_app: RunningApp, evt: Any) -> None:
    from ui.chat_session import ChatController

    chat = ChatController(running_app.bot, None, lambda _: None, 100)  # type: ignore[arg-type]
    for session in (None, "not a session", ChatSession()):
        out_session, box, note = chat.like(evt, session)  # type: ignore[arg-type]
        assert isinstance(out_session, ChatSession) and not out_session.turns
