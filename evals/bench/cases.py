"""The questions every benchmark asks: the cases of the public and gold suites, and the hit rules.

Latency runs ask every case (all turns). Retrieval runs use the single-turn cases that name the clause they
need (``expect.cite_any``): a follow-up such as “那四星级呢？” is not a search query on its own.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.settings import PROJECT_ROOT

SUITES = {
    "public": PROJECT_ROOT / "evals" / "public_cases.jsonl",
    "gold": PROJECT_ROOT / "evals" / "gold_cases.jsonl",
}


@dataclass(frozen=True)
class BenchCase:
    id: str
    suite: str
    category: str
    turns: tuple[str, ...]
    cite_any: tuple[str, ...]

    @property
    def is_search_case(self) -> bool:
        return len(self.turns) == 1 and bool(self.cite_any)

    @property
    def query(self) -> str:
        return self.turns[-1]


def load_cases(suites: Iterable[str] = ("public", "gold")) -> list[BenchCase]:
    """Cases of the named suites in file order; a line that is not a case object is skipped."""
    cases: list[BenchCase] = []
    for suite in suites:
        for line in SUITES[suite].read_text(encoding="utf-8").splitlines():
            try:
                raw = json.loads(line)
            except json.JSONDecodeError:
                continue
            if not isinstance(raw, dict) or not raw.get("turns"):
                continue
            expect = raw.get("expect") or {}
            cases.append(
                BenchCase(
                    id=str(raw.get("id", f"{suite}-{len(cases)}")),
                    suite=suite,
                    category=str(raw.get("category", "")),
                    turns=tuple(str(t) for t in raw["turns"]),
                    cite_any=tuple(str(k) for k in expect.get("cite_any") or ()),
                )
            )
    return cases
