"""Which way of putting the cores to work embeds a build's passages fastest (onnx runtime, indexing/e5_onnx.py).

    python -m evals.bench.embed_parallel --copies 2 --rounds 2

The real corpus's distinct chunk texts (``--copies`` times over) are embedded in batches of 32, as a build
does, four ways, taking turns within each round so that a change in machine load hits each alike:

* ``1 thread``: one text at a time;
* ``threads``: the texts of a batch side by side on one thread each, one onnxruntime session (the build's way);
* ``intra-op``: one text at a time, onnxruntime splitting each operator over the threads;
* ``processes``: the batch split between worker processes, each with its own model.

Wall and CPU seconds are printed (CPU of every thread, and of the workers, counted inside them), with the
1-minute load average at the start and whether the vectors equal the one-thread ones.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import numpy as np

BATCH = 32
_worker: Any = None


def _worker_init() -> None:
    global _worker
    from indexing.e5_onnx import OnnxE5

    _worker = OnnxE5(threads=1)


def _worker_embed(texts: list[str]) -> tuple[np.ndarray, float]:
    c = time.process_time()
    out = _worker.passages(texts)
    return out, time.process_time() - c


def corpus_texts(copies: int) -> list[str]:
    from common.paths import PROJECT_ROOT
    from indexing.chunker import chunk_clauses
    from indexing.loader import load_corpus

    chunks = chunk_clauses(load_corpus(PROJECT_ROOT / "corpus").clauses, 400)
    return list(dict.fromkeys(c.indexed_text for c in chunks)) * copies


def run(copies: int, rounds: int, cores: int, limit: int | None = None) -> list[dict[str, Any]]:
    import multiprocessing as mp

    import onnxruntime as ort

    from indexing.e5_onnx import OnnxE5, build_encoder

    texts = corpus_texts(copies)[:limit]
    batches = [texts[i : i + BATCH] for i in range(0, len(texts), BATCH)]
    one, side_by_side, intra = OnnxE5(threads=1), OnnxE5(threads=cores), OnnxE5(threads=1)
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = cores
    opts.inter_op_num_threads = 1
    opts.log_severity_level = 3
    opts.add_session_config_entry(
        "session.intra_op.allow_spinning", "0"
    )  # spinning only adds CPU when shared
    intra._session = ort.InferenceSession(
        build_encoder(intra.model).SerializeToString(), opts, providers=["CPUExecutionProvider"]
    )
    pool = ProcessPoolExecutor(cores, mp_context=mp.get_context("forkserver"), initializer=_worker_init)
    list(pool.map(_worker_embed, [texts[:1]] * cores))  # the workers' models load before timing

    def processes() -> tuple[np.ndarray, float]:
        out, cpu = [], 0.0
        for b in batches:
            parts = [b[k::cores] for k in range(cores)]
            got = list(pool.map(_worker_embed, parts))
            cpu += sum(c for _, c in got)
            merged = np.empty((len(b), one.dim), np.float32)
            for k, (vecs, _) in enumerate(got):
                merged[k::cores] = vecs
            out.append(merged)
        return np.concatenate(out), cpu

    def in_process(enc: OnnxE5) -> Callable[[], tuple[np.ndarray, float]]:
        return lambda: (np.concatenate([enc.passages(b) for b in batches]), 0.0)

    ways = {
        "1 thread": in_process(one),
        "threads": in_process(side_by_side),
        "intra-op": in_process(intra),
        "processes": processes,
    }
    rows: list[dict[str, Any]] = []
    try:
        for r in range(rounds):
            ref = None
            for name, fn in ways.items():
                load = os.getloadavg()[0]
                t, c = time.perf_counter(), time.process_time()
                vecs, child_cpu = fn()
                wall, cpu = time.perf_counter() - t, time.process_time() - c + child_cpu
                ref = vecs if ref is None else ref
                rows.append(
                    {
                        "round": r + 1,
                        "way": name,
                        "texts": len(texts),
                        "wall_s": round(wall, 2),
                        "cpu_s": round(cpu, 2),
                        "load_avg": round(load, 2),
                        "max_abs_diff": float(np.abs(vecs - ref).max()),
                    }
                )
                print(_line(rows[-1]), flush=True)
    finally:
        pool.shutdown()
    return rows


def _line(r: dict[str, Any]) -> str:
    return (
        f"round {r['round']}  {r['way']:10s} {r['texts']} texts  wall {r['wall_s']:7.2f} s  "
        f"CPU {r['cpu_s']:7.2f} s  load {r['load_avg']:.2f}  max diff to 1 thread {r['max_abs_diff']:.2g}"
    )


def main(argv: list[str] | None = None) -> int:
    from indexing import e5_onnx

    p = argparse.ArgumentParser(
        prog="python -m evals.bench.embed_parallel", description=__doc__.split("\n\n")[0]
    )
    p.add_argument(
        "--copies", type=int, default=2, help="how many times over the corpus's texts are embedded"
    )
    p.add_argument("--rounds", type=int, default=2, help="each way is timed once a round")
    p.add_argument("--limit", type=int, help="embed only the first N texts (a quick check)")
    p.add_argument("--cores", type=int, default=e5_onnx._cores(), help="threads or processes to use")
    args = p.parse_args(argv)
    reason = e5_onnx.unavailable()
    if reason is not None:
        p.error(f"the onnx runtime cannot run here: {reason}")
    run(args.copies, args.rounds, args.cores, args.limit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
