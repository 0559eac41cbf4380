"""The words that state or deny a yes/no fact come from rules.yaml, with the document's own place filled in:
a fictional county's rule book is read by the same code, and a new fact's words reach the calculator's request."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from assistant.claims import build_request
from assistant.conversation import ConversationState
from assistant.facts import extract_facts
from assistant.settings import PROJECT_ROOT
from assistant.vocabulary import Vocabulary
from tools.rulebook import RuleBook

DOC = PROJECT_ROOT / "corpus" / "taixing-2022-25"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def yunxi(tmp_path_factory: pytest.TempPathFactory) -> tuple[RuleBook, Vocabulary]:
    """This rule book moved to the fictional 云溪县, with one more fact (绿色工厂) the DCMM award tests."""
    corpus = tmp_path_factory.mktemp("yunxi") / "corpus"
    shutil.copytree(DOC, corpus / DOC.name)
    _edit(corpus / DOC.name / "meta.yaml", "place: 泰兴市", "place: 云溪县")
    _edit(corpus / DOC.name / "meta.yaml", "aliases: [泰兴,", "aliases: [云溪,")
    rules = corpus / DOC.name / "rules.yaml"
    _edit(
        rules,
        "facts:\n",
        "facts:\n  green_certified: {scope: claim, type: bool, label: 是否通过绿色工厂认定, "
        "question: 是否已通过绿色工厂认定？, says: [绿色工厂, 绿色认证]}\n",
    )
    _edit(
        rules,
        "    amount: {kind: ceiling, yuan: 300000}\n\n  - id: infosec_star",
        "    conditions:\n      - {fact: green_certified, text: 通过绿色工厂认定}\n"
        "    amount: {kind: ceiling, yuan: 300000}\n\n  - id: infosec_star",
    )
    book = RuleBook.load(corpus)
    return book, Vocabulary.from_rulebook(book, set())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我们是在云溪注册的企业", True),
        ("注册在云溪县，纳税也在这里", True),
        ("我们不在云溪，注册在靖江", False),
        ("公司注册在外地", False),
        ("我们在泰兴注册的", False),  # another place named before 注册 is not the rule book's place
    ],
)
def test_registered_locally_words_name_the_documents_place(
    yunxi: tuple[RuleBook, Vocabulary], text: str, expected: bool | None
) -> None:
    assert extract_facts(text, yunxi[1]).flag("registered_locally") is expected


def test_a_denied_scope_fact_is_reported_with_its_label(yunxi: tuple[RuleBook, Vocabulary]) -> None:
    facts = extract_facts("我们是分公司，注册在靖江", yunxi[1])
    assert facts.out_of_scope == ["在云溪县内注册", "具有独立法人资格"]


def test_a_new_facts_words_reach_the_calculators_request(yunxi: tuple[RuleBook, Vocabulary]) -> None:
    book, vocab = yunxi
    yes = extract_facts("我们通过了DCMM认证，也是绿色工厂，能拿多少", vocab)
    assert yes.claim_flags == {"green_certified": True} and yes.has_claim_facts
    request, _ = build_request(yes, ConversationState(), book, date(2024, 6, 1))
    assert [c["award"] for c in request["claims"]] == ["dcmm"]
    assert request["claims"][0]["green_certified"] is True
    no = extract_facts("DCMM认证通过了，但还没有绿色认证", vocab)
    assert no.flag("green_certified") is False
