"""The grounding check for free-text answers: every amount must come from the calculator or a cited quote."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tools.amounts import find_amounts


@dataclass(frozen=True)
class GroundingReport:
    ok: bool
    ungrounded: list[int]
    allowed: set[int]


def _numbers_in(obj: Any, out: set[int]) -> None:
    """Every integer (and every amount written in text) anywhere inside a tool output."""
    if isinstance(obj, bool):
        return
    if isinstance(obj, int):
        out.add(obj)
    elif isinstance(obj, str):
        out.update(m.yuan for m in find_amounts(obj))
    elif isinstance(obj, dict):
        for v in obj.values():
            _numbers_in(v, out)
    elif isinstance(obj, list | tuple):
        for v in obj:
            _numbers_in(v, out)


def allowed_amounts(calculator_outputs: Iterable[Any], quotes: Iterable[str]) -> set[int]:
    allowed: set[int] = set()
    for output in calculator_outputs:
        _numbers_in(output, allowed)
    for quote in quotes:
        allowed.update(m.yuan for m in find_amounts(quote))
    return allowed


def check_grounding(text: str, calculator_outputs: Iterable[Any], quotes: Iterable[str]) -> GroundingReport:
    allowed = allowed_amounts(calculator_outputs, quotes)
    stated = [m.yuan for m in find_amounts(text)]
    ungrounded = sorted({y for y in stated if y not in allowed})
    return GroundingReport(not ungrounded, ungrounded, allowed)
