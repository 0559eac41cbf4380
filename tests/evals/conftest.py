"""Crafted cases and answers for the evals tests: the judge and metrics are tested on dicts written by hand."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from evals.judge import judge
from evals.runner import CaseResult
from evals.suite import Case, parse_case

PATH_BASE = "附件 › 一、着力企业能级提升 › （一）推动基础投入"
PATH_PLATFORM = "附件 › 三、加快协同生态营造 › （七）支持平台建设"
PATH_PRINCIPLES = "附件 › 五、附则 › （二）相关原则"
PATH_LOAN = "附件 › 四、加强服务能力保障 › （十一）强化金融保障"


def make_case(
    expect: dict[str, Any], case_id: str = "c1", category: str = "calc", turns: list[str] | None = None
) -> Case:
    return parse_case({"id": case_id, "category": category, "turns": turns or ["问题？"], "expect": expect})


def make_answer(
    text: str = "",
    kind: str = "answer",
    paths: list[str] | None = None,
    quotes: list[str] | None = None,
    tool_calls: list[dict[str, Any]] | None = None,
    elapsed_ms: float = 10.0,
) -> dict[str, Any]:
    paths = paths or []
    quotes = quotes or [""] * len(paths)
    return {
        "kind": kind,
        "answer": text,
        "citations": [
            {"doc": "泰政办发〔2022〕25号", "path": p, "quote": q, "clause_id": f"t:{i}", "doc_id": "t"}
            for i, (p, q) in enumerate(zip(paths, quotes, strict=True))
        ],
        "tool_calls": tool_calls or [],
        "elapsed_ms": elapsed_ms,
        "plan": None,
        "trace": [],
        "planner": "rules",
    }


def make_result(
    case: Case, answer: dict[str, Any] | None, latency_ms: float = 100.0, error: str | None = None
) -> CaseResult:
    return CaseResult(case, answer, judge(case, answer, error), latency_ms, error)


@pytest.fixture
def case_factory() -> Callable[..., Case]:
    return make_case


@pytest.fixture
def answer_factory() -> Callable[..., dict[str, Any]]:
    return make_answer


@pytest.fixture
def result_factory() -> Callable[..., CaseResult]:
    return make_result
