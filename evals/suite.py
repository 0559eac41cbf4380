"""Evaluation suites: JSON Lines files of cases, loaded leniently.

A line that is not a valid case is reported with its file and line number and skipped, so one typo does not
stop a 200-case run; the caller shows the problems next to the results.

Example:
    >>> suite = load_suites(["evals/public_cases.jsonl"])
    >>> suite.cases[0].expect.kind
    ('answer',)
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError

log = logging.getLogger(__name__)

KINDS = ("answer", "clarify", "refuse")
EXPECT_KEYS = ("kind", "cite_any", "amounts_yuan", "facts_all", "not_amounts_yuan")
CASE_KEYS = ("id", "category", "turns", "expect", "note")


class SuiteError(AssistantError):
    """A suite file cannot be read at all (missing, not a file, not UTF-8)."""


class BadCase(ValueError):
    """One line of a suite is not a valid case; the message says which field is wrong."""


@dataclass(frozen=True)
class Expect:
    """What a correct answer to the last turn looks like; an empty field is not checked."""

    kind: tuple[str, ...]  # every acceptable kind
    cite_any: tuple[str, ...] = ()
    amounts_yuan: tuple[int, ...] = ()
    facts_all: tuple[str, ...] = ()
    not_amounts_yuan: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"kind": list(self.kind) if len(self.kind) > 1 else self.kind[0]}
        for key in EXPECT_KEYS[1:]:
            if getattr(self, key):
                d[key] = list(getattr(self, key))
        return d


@dataclass(frozen=True)
class Case:
    id: str
    category: str
    turns: tuple[str, ...]
    expect: Expect
    note: str = ""
    source: str = ""  # "file:line", for messages

    @property
    def question(self) -> str:
        """The graded turn."""
        return self.turns[-1]


@dataclass(frozen=True)
class SuiteProblem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Suite:
    cases: list[Case] = field(default_factory=list)
    problems: list[SuiteProblem] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)


def load_suites(paths: Iterable[str | Path]) -> Suite:
    """Load every case of every file; duplicate ids after the first are problems, not cases."""
    suite = Suite()
    seen: dict[str, str] = {}
    for path in paths:
        one = load_suite(path)
        suite.paths.extend(one.paths)
        suite.problems.extend(one.problems)
        for case in one.cases:
            if case.id in seen:
                file, _, line = case.source.rpartition(":")
                suite.problems.append(
                    SuiteProblem(
                        file, int(line), f"duplicate id {case.id!r} (first at {seen[case.id]}); skipped"
                    )
                )
                continue
            seen[case.id] = case.source
            suite.cases.append(case)
    return suite


def load_suite(path: str | Path) -> Suite:
    """Load one JSON Lines file. Raises SuiteError only when the file itself cannot be read."""
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise SuiteError(f"suite file not found: {p}") from None
    except IsADirectoryError:
        raise SuiteError(f"suite path is a folder, not a .jsonl file: {p}") from None
    except UnicodeDecodeError as exc:
        raise SuiteError(f"suite file is not UTF-8: {p} ({exc.reason} at byte {exc.start})") from None
    suite = Suite(paths=[str(p)])
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            suite.cases.append(parse_case(obj, source=f"{p}:{number}"))
        except json.JSONDecodeError as exc:
            suite.problems.append(
                SuiteProblem(str(p), number, f"not valid JSON: {exc.msg} (column {exc.colno})")
            )
        except BadCase as exc:
            suite.problems.append(SuiteProblem(str(p), number, str(exc)))
    for problem in suite.problems:
        log.warning("skipped suite line %s", problem)
    return suite


def parse_case(obj: object, source: str = "") -> Case:
    """One case from its decoded JSON object; raises BadCase naming the bad field."""
    if not isinstance(obj, dict):
        raise BadCase(f"a case must be a JSON object, got {type(obj).__name__}")
    case_id = obj.get("id")
    if not isinstance(case_id, str) or not case_id.strip():
        raise BadCase("missing or empty 'id'")
    where = f"case {case_id!r}"
    extra = sorted(set(obj) - set(CASE_KEYS))
    if extra:
        # Extra top-level fields (tags, sources) do not change grading, so they are tolerated.
        log.info("%s: ignoring unknown fields %s", where, extra)
    category = obj.get("category")
    if not isinstance(category, str) or not category.strip():
        raise BadCase(f"{where}: missing or empty 'category'")
    turns = obj.get("turns")
    if not isinstance(turns, list) or not turns:
        raise BadCase(f"{where}: 'turns' must be a non-empty list of strings")
    if not all(isinstance(t, str) and t.strip() for t in turns):
        raise BadCase(f"{where}: every turn must be a non-empty string")
    note = obj.get("note", "")
    if not isinstance(note, str):
        raise BadCase(f"{where}: 'note' must be a string")
    return Case(case_id, category, tuple(turns), _parse_expect(obj.get("expect"), where), note, source)


def _parse_expect(raw: object, where: str) -> Expect:
    if not isinstance(raw, dict):
        raise BadCase(f"{where}: 'expect' must be an object")
    unknown = sorted(set(raw) - set(EXPECT_KEYS))
    if unknown:
        # A misspelt expectation would silently never be checked: refuse it.
        raise BadCase(f"{where}: unknown expectation {', '.join(unknown)} (known: {', '.join(EXPECT_KEYS)})")
    kind = raw.get("kind")
    kinds = tuple(kind) if isinstance(kind, list) else (kind,)
    if not kinds or any(k not in KINDS for k in kinds):
        raise BadCase(f"{where}: 'kind' must be one of {'/'.join(KINDS)} or a list of them, got {kind!r}")
    return Expect(
        kind=kinds,
        cite_any=_strings(raw, "cite_any", where),
        amounts_yuan=_amounts(raw, "amounts_yuan", where),
        facts_all=_strings(raw, "facts_all", where),
        not_amounts_yuan=_amounts(raw, "not_amounts_yuan", where),
    )


def _strings(raw: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise BadCase(f"{where}: '{key}' must be a list of non-empty strings")
    return tuple(value)


def _amounts(raw: dict[str, Any], key: str, where: str) -> tuple[int, ...]:
    value = raw.get(key, [])
    ok = isinstance(value, list) and all(
        isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value
    )
    if not ok:
        raise BadCase(f"{where}: '{key}' must be a list of whole yuan (non-negative integers), got {value!r}")
    return tuple(value)


def select(cases: Sequence[Case], only: Sequence[str] = ()) -> list[Case]:
    """Cases whose id or category is in ``only`` (all when empty)."""
    if not only:
        return list(cases)
    wanted = set(only)
    return [c for c in cases if c.id in wanted or c.category in wanted]
