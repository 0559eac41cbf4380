"""A corpus of two policies: each question answered from the document it is about, with that document's citation.

The second document (tests/fixtures/corpus/yunxi-2023-8) is a fictional county's, written by the team, with
amounts that differ from 泰兴's and no rules.yaml: it is answered from its text, never computed.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from assistant.engine import Assistant
from assistant.errors import BadQuery
from assistant.settings import PROJECT_ROOT, Settings
from tests.assistant.conftest import TODAY

TAIXING = "taixing-2022-25"
YUNXI = "yunxi-2023-8"
FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "corpus" / YUNXI


@pytest.fixture(scope="module")
def two_docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = tmp_path_factory.mktemp("corpus2")
    shutil.copytree(PROJECT_ROOT / "corpus" / TAIXING, corpus / TAIXING)
    shutil.copytree(FIXTURE, corpus / YUNXI)
    return corpus


@pytest.fixture(scope="module")
def bot2(two_docs: Path, tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("multi") / "data", corpus_dir=two_docs, _env_file=None
    )  # type: ignore[call-arg]
    return Assistant.from_settings(settings, today=lambda: TODAY)


def test_ask_cli_takes_a_document_and_jsonl_lines_their_own(
    bot2: Assistant, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from assistant.cli import main

    monkeypatch.setenv("ZGSZ_DATA_DIR", str(bot2.settings.data_dir))
    monkeypatch.setenv("ZGSZ_CORPUS_DIR", str(bot2.settings.corpus_dir))
    assert main(["ask", "--json", "--doc", YUNXI, "贷款贴息最高多少？"]) == 0
    assert {c["doc_id"] for c in json.loads(capsys.readouterr().out)["citations"]} == {YUNXI}

    lines = tmp_path / "cases.jsonl"
    rows = [{"turns": ["贷款贴息最高多少？"], "doc": d} for d in (TAIXING, YUNXI, "nope")] + [
        {"turns": ["x"], "doc": 3}
    ]
    lines.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    assert main(["ask", "--jsonl", str(lines)]) == 1  # some lines had errors
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [{c["doc_id"] for c in o["citations"]} for o in out[:2]] == [{TAIXING}, {YUNXI}]
    assert "nope" in out[2]["error"] and out[3]["error"]

    assert main(["ask", "--doc", "nope", "问题"]) != 0
    assert "nope" in capsys.readouterr().err


def cited_docs(answer) -> set[str]:  # type: ignore[no-untyped-def]
    return {c.doc_id for c in answer.citations}


def test_an_amount_is_quoted_from_the_named_document(bot2: Assistant) -> None:
    a = bot2.ask_turns(["云溪县智能车间项目最高能补助多少？"])
    assert a.kind == "answer" and cited_docs(a) == {YUNXI}
    assert "80万元" in a.answer and "8%" in a.answer
    assert a.citations[0].quote in a.answer and "支持智能车间建设" in a.citations[0].path
    assert a.plan is not None and a.plan.doc_ids == [YUNXI]
    assert a.trace[0].startswith(f"文件：{YUNXI}")


def test_a_lookup_in_the_other_document_carries_its_own_validity(bot2: Assistant) -> None:
    a = bot2.ask_turns(["云溪的贷款贴息怎么规定的？"])
    assert cited_docs(a) == {YUNXI} and "150万元" in a.answer
    assert "2026年6月30日" in a.answer  # its own period, not 泰兴's 2025
    assert "2025年4月6日" not in a.answer


def test_figures_for_a_document_without_rules_are_not_computed(bot2: Assistant) -> None:
    a = bot2.ask_turns(["云溪县智能车间投入600万能拿多少？"])
    assert cited_docs(a) == {YUNXI} and "不替它计算" in a.answer
    assert "48万元" not in a.answer  # 600万×8% would be 48万: never worked out without rules
    assert not [c for c in a.tool_calls if c.name == "award_calculator"]


def test_a_comparison_answers_each_side_from_its_own_text(bot2: Assistant) -> None:
    a = bot2.ask_turns(["泰兴和云溪的省级智能制造示范车间奖励有什么不同？"])
    assert a.kind == "answer" and cited_docs(a) == {TAIXING, YUNXI}
    assert "| 文件 |" in a.answer and "40万元" in a.answer
    for c in a.citations:
        assert c.quote in a.answer


def test_taixing_questions_keep_their_answers_when_named_or_by_default(
    bot2: Assistant, bot: Assistant
) -> None:
    question = "泰兴智能车间2023年相关投入800万，能拿多少奖补？"
    single = bot.ask_turns([question])
    named = bot2.ask_turns([question])
    assert (named.kind, named.answer) == (single.kind, single.answer)
    assert cited_docs(named) == {TAIXING}


def test_follow_up_stays_with_the_document_of_the_earlier_turn(bot2: Assistant) -> None:
    a = bot2.ask_turns(["云溪县上云企业有奖励吗？", "那贷款贴息呢？"])
    assert cited_docs(a) == {YUNXI} and "history" not in a.answer
    assert "沿用上一轮" in a.trace[0]


def test_explicit_document_choice_and_unknown_ids(bot2: Assistant) -> None:
    a = bot2.ask_turns(["贷款贴息最高多少？"], doc=YUNXI)
    assert cited_docs(a) == {YUNXI}
    with pytest.raises(BadQuery, match="nope"):
        bot2.ask_turns(["贷款贴息最高多少？"], doc="nope")


def test_a_place_no_document_covers_is_still_refused(bot2: Assistant) -> None:
    a = bot2.ask_turns(["苏州的智能车间奖补标准是多少？"], doc=TAIXING)
    assert a.kind == "refuse"


def test_a_follow_up_about_a_place_no_document_covers_is_refused_by_name(bot2: Assistant) -> None:
    a = bot2.ask_turns(["云溪县上云企业有奖励吗？", "那浙江省的政策呢？"])
    assert a.kind == "refuse" and "浙江" in a.answer
    assert "云政发〔2023〕8号" in a.answer  # the refusal says what the corpus does cover
