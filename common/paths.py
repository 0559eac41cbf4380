"""Where things are: the project root and the policy folders under corpus/, discovered in one place.

A document folder is a visible folder of the corpus directory that holds a ``meta.yaml``. Every reader of the
corpus (loader, tokenizer terms, rules, aliases, the index fingerprint) asks :func:`document_folders`, so they
agree on what a document is.

Example:
    >>> [p.name for p in document_folders(PROJECT_ROOT / "corpus")]  # doctest: +SKIP
    ['yunxi-2023-8']
"""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

META_FILE = "meta.yaml"
TEXT_FILE = "policy.md"
RULES_FILE = "rules.yaml"
TERMS_FILE = "terms.txt"


def candidate_folders(corpus_dir: Path | str) -> list[Path]:
    """Every visible folder of ``corpus_dir`` in name order, document or not (the loader names the ones that
    look like a document but lack their meta.yaml)."""
    root = Path(corpus_dir)
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


def document_folders(corpus_dir: Path | str) -> list[Path]:
    """The folders under ``corpus_dir`` that hold a document (have a meta.yaml), in name order."""
    return [p for p in candidate_folders(corpus_dir) if (p / META_FILE).is_file()]


def corpus_files(corpus_dir: Path | str) -> list[Path]:
    """Every visible file of every document folder: what the index is derived from."""
    return [
        p
        for folder in document_folders(corpus_dir)
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.name.startswith(".")
    ]
