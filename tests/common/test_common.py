"""The bottom layer: one folding, one heading parser, one corpus discovery — and the layers above it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from common.markdown import read_outline
from common.paths import PROJECT_ROOT, corpus_files, document_folders
from common.text import fold, fold_alnum, fold_word
from tools.rules_reader import clause_texts


def test_folding_forms() -> None:
    assert fold("３００万元（ＤＣＭＭ）") == "300万元(DCMM)"
    assert fold_word("工业ＡＰＰ") == "工业app"
    assert fold_alnum("３００万，ＤＣＭＭ？") == "300万，DCMM？"  # Chinese punctuation stays


def test_headings_nest_by_level_and_the_rules_reader_reads_the_same_tree() -> None:
    text = "前言\n# 附件\n正文一\n### 跳级\n正文二\n## 二级\n正文三\n# 第二部分 #\n正文四\n"
    outline = read_outline(text)
    assert outline.preamble == ["前言"]
    assert [s.path for s in outline.sections] == [
        ("附件",), ("附件", "跳级"), ("附件", "二级"), ("第二部分",),
    ]  # fmt: skip
    assert clause_texts(text) == {s.path: s.text for s in outline.sections}


def test_document_folders_are_the_visible_ones_with_metadata(tmp_path: Path) -> None:
    for name, meta in (("b-doc", True), ("a-doc", True), ("no-meta", False), (".hidden", True)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "policy.md").write_text("# x\ny\n", encoding="utf-8")
        if meta:
            (tmp_path / name / "meta.yaml").write_text("id: x\n", encoding="utf-8")
    (tmp_path / "a-doc" / ".swp").write_text("", encoding="utf-8")
    assert [p.name for p in document_folders(tmp_path)] == ["a-doc", "b-doc"]
    assert [f"{p.parent.name}/{p.name}" for p in corpus_files(tmp_path)] == [
        "a-doc/meta.yaml", "a-doc/policy.md", "b-doc/meta.yaml", "b-doc/policy.md",
    ]  # fmt: skip
    assert document_folders(tmp_path / "nowhere") == []


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("common", ("assistant", "ui", "indexing", "tools", "evals")),
        ("indexing", ("assistant", "ui", "tools", "evals")),
        ("tools", ("assistant", "ui", "evals")),
    ],
)
def test_lower_layers_import_nothing_from_the_layers_above(package: str, forbidden: tuple[str, ...]) -> None:
    found = [
        f"{path.relative_to(PROJECT_ROOT)}: {name}"
        for path in sorted((PROJECT_ROOT / package).rglob("*.py"))
        for name in _imports(path)
        if name.split(".")[0] in forbidden
    ]
    assert found == []
