"""A private copy of the shipped policy folder, for tests that edit its data and watch the calculator follow."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT

SHIPPED_DOC = PROJECT_ROOT / "corpus" / "taixing-2022-25"

Edit = Callable[[str, str, str], Path]


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    shutil.copytree(SHIPPED_DOC, tmp_path / "corpus" / SHIPPED_DOC.name)
    return tmp_path / "corpus"


@pytest.fixture
def edit_doc(corpus_copy: Path) -> Edit:
    """edit_doc(file name, old, new) replaces the first occurrence; an old text that is gone fails the test, so an
    edit cannot silently miss when the shipped data moves."""

    def edit(name: str, old: str, new: str) -> Path:
        path = corpus_copy / SHIPPED_DOC.name / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{name}: {old!r} not found"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return path

    return edit
