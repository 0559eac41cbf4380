"""The question acts' examples are data: enough of them, well formed, not copied from the evaluation suites."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.nlu.examples import PLACEHOLDERS, load_examples, mask
from assistant.settings import PROJECT_ROOT


def test_every_act_has_at_least_forty_examples() -> None:
    ex = load_examples()
    counts = {act: ex.labels.count(act) for act in ex.acts}
    assert len(counts) >= 10
    assert min(counts.values()) >= 40, counts


def test_no_example_is_a_question_of_an_evaluation_suite() -> None:
    ex = load_examples()
    ph = set(PLACEHOLDERS.values())
    plain = {t for t in ex.texts if not (set(t) & ph)}
    asked = set()
    for suite in (PROJECT_ROOT / "evals").glob("*.jsonl"):
        for line in suite.read_text(encoding="utf-8").splitlines():
            if line.strip():
                asked.update(json.loads(line)["turns"])
    assert not plain & asked


def test_masking_replaces_the_rule_books_words_and_amounts(vocab) -> None:  # type: ignore[no-untyped-def]
    masked = mask("国家级工业互联网平台投入800万能拿多少", vocab)
    assert masked == f"{PLACEHOLDERS['level']}{PLACEHOLDERS['award']}投入{PLACEHOLDERS['amount']}能拿多少"
    assert mask("省五星级工业信息安全防护企业", vocab).count(PLACEHOLDERS["star"]) == 1
    assert mask("这个政策还有效吗", vocab) == "这个政策还有效吗"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("acts: []\n", "expected a mapping 'acts'"),
        ("acts:\n  amount:\n    examples: [多少钱]\n", "at least 10"),
    ],
)
def test_a_malformed_examples_file_is_named(tmp_path: Path, content: str, problem: str) -> None:
    bad = tmp_path / "acts.yaml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=problem):
        load_examples(bad)
