"""What the Gradio server keeps per visitor, bounded: sessions expire, API calls leave nothing behind, and only
the public API routes can be called by name.

Gradio makes a ``SessionState`` for every session hash it sees, and every ``/gradio_api/call/<name>`` request
is a new session hash. Each one snapshots the configuration of every component (~120 KB and ~9 ms of CPU for
this app) and is kept until 10,000 sessions exist, so memory grew by ~140 KB per request under load. Here:

- a session's per-component snapshot (read only by Gradio's deep links, which this app does not use) is made
  on first use instead of on every request;
- a session with no live ``gr.State`` (every API call, a visitor who only browsed) is dropped after
  ``stateless_idle_s`` idle; the chat's state expires after ``SESSION_TTL_S`` (``gr.State(time_to_live=…)``),
  after which its session goes too; and no more than ``capacity`` sessions are kept in any case;
- Gradio's queue bookkeeping for those sessions goes with them;
- the queue's event analytics (for Gradio's monitoring page, which this app does not enable) keep the last
  ``ANALYTICS_EVENTS`` events instead of 10,000 and are no longer summarised after every event: the summary
  builds a pandas DataFrame of all kept events, ~9 ms per request once 10,000 have been kept;
- ``/gradio_api/call/<name>`` answers 404 for every event that is not a public API route (``api_visibility``
  "private" only hides a route from the docs; Gradio still runs it when called by name).

Example:
    >>> app.launch(app_kwargs=server_kwargs(app))          # doctest: +SKIP
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import time
from collections.abc import AsyncIterator, Callable
from copy import copy
from datetime import datetime
from typing import Any

from gradio.state_holder import SessionState, StateHolder

log = logging.getLogger(__name__)

SESSION_TTL_S = 3600  # a conversation untouched for an hour is over
STATELESS_IDLE_S = 10.0  # a session without state (an API call) is kept only while it may still be read
CAPACITY = 2000  # the hard bound, whatever the traffic
SWEEP_EVERY_S = 2.0
ANALYTICS_EVENTS = 100


class LazySessionState(SessionState):
    """A SessionState that snapshots the components' configuration only when something asks for it."""

    def __init__(self, blocks: Any) -> None:  # noqa: D107 - mirrors SessionState.__init__ without the snapshot
        self._blocks = blocks
        self.blocks_config = copy(blocks.default_config)
        self._config_values: dict[int, Any] | None = None
        self.state_data: dict[int, Any] = {}
        self._state_ttl: dict[int, Any] = {}
        self.is_closed = False
        self.STATE_TTL_WHEN_CLOSED = 3600

    @property  # type: ignore[override]
    def config_values(self) -> dict[int, Any]:
        if self._config_values is None:
            self._config_values = {
                k: self.blocks_config.config_for_block(k, [], v)
                for k, v in self.blocks_config.blocks.items()
                if k in self._blocks.blocks
            }
        return self._config_values

    @config_values.setter
    def config_values(self, value: dict[int, Any]) -> None:
        self._config_values = value

    def __setitem__(self, key: int, value: Any) -> None:
        # SessionState.__setitem__ refreshes the snapshot of ``key``; without a snapshot there is nothing to refresh.
        from gradio.components import State

        block = self.blocks_config.blocks.get(key)
        if isinstance(block, State):
            self._state_ttl[key] = (block.time_to_live, datetime.now())
            self.state_data[key] = value
        else:
            self.blocks_config.blocks[key] = value
        if block is not None and self._config_values is not None:
            self._config_values[key] = self.blocks_config.config_for_block(key, [], block)

    # Gradio keeps the snapshot current after every event; until someone asks for it there is nothing to update.
    def _update_config(self, key: int) -> None:
        if self._config_values is not None:
            super()._update_config(key)

    def _update_value_in_config(self, key: int, value: Any) -> None:
        if self._config_values is not None:
            super()._update_value_in_config(key, value)

    @property
    def has_state(self) -> bool:
        """Whether any gr.State of this session holds a value (a conversation, a pending comment…)."""
        return any(v is not None for v in self.state_data.values())


class BoundedStateHolder(StateHolder):
    """Gradio's StateHolder with lazy sessions and :meth:`sweep`, which drops idle and stateless sessions."""

    def __init__(self, stateless_idle_s: float = STATELESS_IDLE_S, capacity: int = CAPACITY) -> None:
        super().__init__()
        self.stateless_idle_s = stateless_idle_s
        self.bound = capacity

    def set_blocks(self, blocks: Any) -> None:
        super().set_blocks(blocks)
        self.capacity = min(self.capacity, self.bound)

    def __getitem__(self, session_id: str) -> SessionState:
        if session_id not in self.session_data:
            self.session_data[session_id] = LazySessionState(self.blocks)
        self.update(session_id)
        self.time_last_used[session_id] = datetime.now()
        return self.session_data[session_id]

    def sweep(self, queue: Any = None, now: datetime | None = None) -> int:
        """Drop every session that has no live state and has been idle ``stateless_idle_s``, unless it still has
        events in ``queue``; returns how many were dropped. Runs on the server's event loop."""
        now = now or datetime.now()
        pending = getattr(queue, "pending_event_ids_session", {}) if queue is not None else {}
        dropped = []
        with self.lock:
            for sid, session in list(self.session_data.items()):
                if pending.get(sid):
                    continue
                last = self.time_last_used.get(sid)
                idle = (now - last).total_seconds() if last else float("inf")
                has_state = getattr(session, "has_state", True)
                if not has_state and idle > self.stateless_idle_s:
                    dropped.append(sid)
            for sid in dropped:
                self.session_data.pop(sid, None)
                self.time_last_used.pop(sid, None)
        if queue is not None:
            _forget_queue_sessions(queue, set(self.session_data))
        return len(dropped)


def _forget_queue_sessions(queue: Any, alive: set[str]) -> None:
    """Gradio keeps an (emptied) set of event ids and a message queue per session hash forever; drop those of
    sessions that are gone and have nothing pending."""
    event_ids = getattr(queue, "pending_event_ids_session", None)
    messages = getattr(queue, "pending_messages_per_session", None)
    if event_ids is not None:
        for sid in [s for s, ids in list(event_ids.items()) if not ids and s not in alive]:
            event_ids.pop(sid, None)
    if messages is not None:
        for sid in [s for s in list(messages.keys()) if s not in alive and not (event_ids or {}).get(s)]:
            with contextlib.suppress(KeyError):
                if messages[sid].empty():
                    del messages[sid]


def quiet_queue_analytics(blocks: Any) -> None:
    """Bound and stop summarising the queue's per-event analytics (call after ``blocks.queue()``)."""
    queue = getattr(blocks, "_queue", None)
    if queue is None:
        return
    queue.ANALYTICS_MAX_EVENTS = ANALYTICS_EVENTS
    # Gradio's own spelling. The summary is recomputed every this many events; only /monitoring reads it.
    queue.ANAYLTICS_CACHE_FREQUENCY = 10**12


def sweeper_lifespan(every_s: float = SWEEP_EVERY_S, **holder_options: Any) -> Callable[[Any], Any]:
    """A FastAPI lifespan that installs :class:`BoundedStateHolder` and sweeps it every ``every_s`` seconds."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Any) -> AsyncIterator[None]:
        holder = BoundedStateHolder(**holder_options)
        holder.set_blocks(app.get_blocks())
        app.state_holder = holder

        async def loop() -> None:
            while True:
                await asyncio.sleep(every_s)
                try:
                    started = time.perf_counter()
                    dropped = holder.sweep(getattr(app.get_blocks(), "_queue", None))
                    if dropped:
                        log.debug(
                            "dropped %d idle sessions in %.1f ms",
                            dropped,
                            (time.perf_counter() - started) * 1000,
                        )
                except Exception:  # the sweeper must never stop the server
                    log.exception("session sweep failed")

        task = asyncio.create_task(loop())
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    return lifespan


_CALL = re.compile(r"/gradio_api/call/(?:v2/)?(?P<name>[^/]+)")


class PublicRoutesOnly:
    """ASGI middleware: ``/gradio_api/call/<name>`` answers 404 unless ``name`` is a public API route."""

    def __init__(self, app: Any, public: Callable[[], set[str]]) -> None:
        self.app = app
        self.public = public

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope.get("type") == "http":
            m = _CALL.search(scope.get("path", ""))
            if m and m["name"] not in self.public():
                body = json.dumps(
                    {"detail": f"没有名为 {m['name'][:40]} 的公开接口（公开接口见 /gradio_api/info）"}
                )
                await send({"type": "http.response.start", "status": 404,
                            "headers": [(b"content-type", b"application/json; charset=utf-8")]})  # fmt: skip
                await send({"type": "http.response.body", "body": body.encode("utf-8")})
                return
        await self.app(scope, receive, send)


def public_api_names(blocks: Any) -> set[str]:
    """The api_name of every event that is a public API route."""
    return {
        str(fn.api_name)
        for fn in blocks.fns.values()
        if getattr(fn, "api_visibility", "public") == "public" and fn.fn is not None
    }


def server_kwargs(blocks: Any, **holder_options: Any) -> dict[str, Any]:
    """``app_kwargs`` for ``Blocks.launch`` (or ``gr.mount_gradio_app``): the sweeper and the route guard."""
    from starlette.middleware import Middleware

    names: set[str] = set()

    def public() -> set[str]:
        if not names:  # computed on first request: every route is registered by then
            names.update(public_api_names(blocks))
        return names

    return {
        "lifespan": sweeper_lifespan(**holder_options),
        "middleware": [Middleware(PublicRoutesOnly, public=public)],  # type: ignore[arg-type]
    }
