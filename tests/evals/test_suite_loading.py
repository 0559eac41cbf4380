"""Loading suites: bad lines are reported with file and line number and skipped; the rest still load."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.suite import SuiteError, load_suite, load_suites, parse_case, select

GOOD = {
    "id": "ok-1",
    "category": "calc",
    "turns": ["投入800万能补多少？"],
    "expect": {"kind": "answer", "amounts_yuan": [400000]},
}


def _line(**changes: object) -> str:
    case = json.loads(json.dumps(GOOD))
    for key, value in changes.items():
        if key.startswith("expect_"):
            case["expect"][key.removeprefix("expect_")] = value
        elif value is None:
            case.pop(key, None)
        else:
            case[key] = value
    return json.dumps(case, ensure_ascii=False)


BAD_LINES = [
    ("{not json", "not valid JSON"),
    ("[1, 2]", "must be a JSON object"),
    (_line(id=None), "missing or empty 'id'"),
    (_line(id=""), "missing or empty 'id'"),
    (_line(id=7), "missing or empty 'id'"),
    (_line(category=None), "'category'"),
    (_line(turns=[]), "'turns' must be a non-empty list"),
    (_line(turns="一句话"), "'turns' must be a non-empty list"),
    (_line(turns=["好的", ""]), "every turn must be a non-empty string"),
    (_line(turns=["好的", 3]), "every turn must be a non-empty string"),
    (_line(expect=None), "'expect' must be an object"),
    (_line(expect_kind="answers"), "'kind' must be one of"),
    (_line(expect_kind=["answer", "maybe"]), "'kind' must be one of"),
    (_line(expect_kind=[]), "'kind' must be one of"),
    (_line(expect_amount_yuan=[1]), "unknown expectation amount_yuan"),
    (_line(expect_amounts_yuan=["40万"]), "whole yuan"),
    (_line(expect_amounts_yuan=[-1]), "whole yuan"),
    (_line(expect_amounts_yuan=[True]), "whole yuan"),
    (_line(expect_amounts_yuan=400000), "whole yuan"),
    (_line(expect_not_amounts_yuan=[1.5]), "whole yuan"),
    (_line(expect_cite_any="推动基础投入"), "'cite_any' must be a list"),
    (_line(expect_facts_all=[""]), "'facts_all' must be a list"),
    (_line(note=["x"]), "'note' must be a string"),
]


@pytest.mark.parametrize(("bad", "message"), BAD_LINES)
def test_bad_line_is_reported_with_file_and_line_and_skipped(tmp_path: Path, bad: str, message: str) -> None:
    path = tmp_path / "suite.jsonl"
    good2 = _line(id="ok-2")
    path.write_text("\n".join([_line(), bad, "", good2]) + "\n", encoding="utf-8")
    suite = load_suite(path)
    assert [c.id for c in suite.cases] == ["ok-1", "ok-2"]
    assert len(suite.problems) == 1
    problem = suite.problems[0]
    assert (problem.path, problem.line) == (str(path), 2)
    assert message in problem.message
    assert str(problem).startswith(f"{path}:2: ")
    assert suite.cases[1].source == f"{path}:4"


def test_kind_list_and_defaults() -> None:
    case = parse_case(
        {"id": "x", "category": "clarify", "turns": ["a", "b"], "expect": {"kind": ["clarify", "answer"]}}
    )
    assert case.expect.kind == ("clarify", "answer")
    assert case.expect.amounts_yuan == () and case.expect.cite_any == ()
    assert case.question == "b"
    assert case.expect.to_dict() == {"kind": ["clarify", "answer"]}


def test_unknown_top_level_fields_are_tolerated() -> None:
    case = parse_case({**GOOD, "tags": ["boundary"], "source": "附件(一)"})
    assert case.id == "ok-1"


def test_duplicate_ids_across_files_keep_the_first(tmp_path: Path) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text(_line() + "\n", encoding="utf-8")
    b.write_text(_line(category="lookup") + "\n" + _line(id="ok-3") + "\n", encoding="utf-8")
    suite = load_suites([a, b])
    assert [(c.id, c.category) for c in suite.cases] == [("ok-1", "calc"), ("ok-3", "calc")]
    assert len(suite.problems) == 1
    assert suite.problems[0].line == 1 and "duplicate id 'ok-1'" in suite.problems[0].message
    assert f"{a}:1" in suite.problems[0].message


@pytest.mark.parametrize("content", [b"\xef\xbb\xbf" + _line().encode(), _line().encode() + b"\r\n"])
def test_bom_and_crlf(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "s.jsonl"
    path.write_bytes(content)
    suite = load_suite(path)
    assert [c.id for c in suite.cases] == ["ok-1"] and not suite.problems


def test_unreadable_files_raise_suite_error(tmp_path: Path) -> None:
    with pytest.raises(SuiteError, match="not found"):
        load_suite(tmp_path / "missing.jsonl")
    with pytest.raises(SuiteError, match="folder"):
        load_suite(tmp_path)
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes("投入".encode("gb18030"))
    with pytest.raises(SuiteError, match="not UTF-8"):
        load_suite(latin)


def test_public_suite_loads_cleanly(public_cases_path: Path) -> None:
    suite = load_suites([public_cases_path])
    assert len(suite.cases) == 35 and not suite.problems
    assert {c.category for c in suite.cases} >= {"calc", "lookup", "clarify", "out-of-scope", "multi-turn"}


def test_every_suite_in_evals_loads_without_problems() -> None:
    paths = sorted(Path("evals").glob("*.jsonl"))
    suite = load_suites(paths)
    assert not suite.problems, [str(p) for p in suite.problems]


def test_select_by_id_or_category(public_cases_path: Path) -> None:
    cases = load_suites([public_cases_path]).cases
    picked = select(cases, ["calc", "pub-lookup-lean"])
    assert {c.category for c in picked} == {"calc", "lookup"}
    assert [c.id for c in picked if c.category == "lookup"] == ["pub-lookup-lean"]
    assert select(cases, []) == cases
