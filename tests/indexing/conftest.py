"""Fixtures of the indexing tests: a corpus of two documents (the real one and the fictional 云溪县 one)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from assistant.settings import PROJECT_ROOT, Settings

FIXTURE_DOC = PROJECT_ROOT / "tests" / "fixtures" / "corpus" / "yunxi-2023-8"


@pytest.fixture(scope="session")
def two_doc_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    corpus = tmp_path_factory.mktemp("two-docs") / "corpus"
    shutil.copytree(PROJECT_ROOT / "corpus", corpus)
    shutil.copytree(FIXTURE_DOC, corpus / FIXTURE_DOC.name)
    return Settings(data_dir=corpus.parent / "data", corpus_dir=corpus, _env_file=None)  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def two_doc_index(two_doc_settings: Settings) -> Iterator[object]:
    from indexing.index import PolicyIndex

    index = PolicyIndex.open(two_doc_settings, progress=False)
    yield index
    index.close()
