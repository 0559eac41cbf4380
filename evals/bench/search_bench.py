"""Search benchmark: retrieval quality on the suites' cited cases, index build times, search latency, memory.

    python -m evals.bench.search_bench                      # public, gold, holdout suites; table on stdout
    python -m evals.bench.search_bench --json out/search_bench.json

Quality: for every single-turn case with ``expect.cite_any``, the rank of the first of the top 5 hits whose
heading path contains one of the keywords; recall@1/3/5 and MRR@5 (0 when none of the 5 matches).
Speed: cold build (fresh data folder: jieba dictionary, model load, every chunk embedded), warm build (nothing
changed), open of a built index, search latency p50/p95 for questions not seen before and for repeated ones
(the query-vector cache), and the process's peak RSS. Run it on an otherwise idle machine; numbers from a
shared CPU are noisy.
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from assistant.settings import PROJECT_ROOT, Settings

DEFAULT_CASES = [
    p
    for p in (PROJECT_ROOT / "evals" / f"{n}_cases.jsonl" for n in ("public", "gold", "holdout"))
    if p.is_file()
]
WARMUP = ["智能化改造", "数字化转型奖励", "工业互联网", "信息安全", "示范工厂"]


@dataclass
class Quality:
    suite: str
    cases: int
    recall_at_1: float
    recall_at_3: float
    recall_at_5: float
    mrr_at_5: float
    misses: list[str] = field(default_factory=list)


def cited_cases(path: Path) -> list[dict[str, Any]]:
    """Single-turn cases that name the clause they must cite."""
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [c for c in cases if len(c.get("turns", [])) == 1 and c.get("expect", {}).get("cite_any")]


def first_match(paths: list[str], keywords: list[str]) -> int | None:
    """1-based rank of the first path containing any keyword."""
    return next((i for i, p in enumerate(paths, 1) if any(k in p for k in keywords)), None)


def quality(suite: str, ranks: dict[str, int | None]) -> Quality:
    n = len(ranks) or 1

    def at(k: int) -> float:
        return sum(1 for r in ranks.values() if r is not None and r <= k) / n

    return Quality(
        suite=suite,
        cases=len(ranks),
        recall_at_1=at(1),
        recall_at_3=at(3),
        recall_at_5=at(5),
        mrr_at_5=sum(1 / r for r in ranks.values() if r) / n,
        misses=sorted(cid for cid, r in ranks.items() if r is None),
    )


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def run(case_files: list[Path], settings: Settings) -> dict[str, Any]:
    from indexing.index import PolicyIndex

    t = time.perf_counter()
    cold = PolicyIndex.build(settings, progress=False)
    cold_s = time.perf_counter() - t
    t = time.perf_counter()
    warm = PolicyIndex.build(settings, progress=False)
    warm_s = time.perf_counter() - t
    t = time.perf_counter()
    index = PolicyIndex.open(settings, progress=False)
    open_s = time.perf_counter() - t

    for q in WARMUP:
        index.search(q)
    results: list[Quality] = []
    first_ms: list[float] = []
    repeat_ms: list[float] = []
    seen: set[str] = set()
    for path in case_files:
        ranks: dict[str, int | None] = {}
        for case in cited_cases(path):
            q = case["turns"][0]
            t = time.perf_counter()
            hits = index.search(q, 5)
            if q not in seen:
                first_ms.append((time.perf_counter() - t) * 1000)
                seen.add(q)
                t = time.perf_counter()  # the same question again at once: the query-vector cache answers
                index.search(q, 5)
                repeat_ms.append((time.perf_counter() - t) * 1000)
            ranks[case["id"]] = first_match([h.chunk.path_str for h in hits], case["expect"]["cite_any"])
        results.append(quality(path.stem, ranks))
    index.close()
    return {
        "settings": {
            "embedder": settings.embedder,
            "bm25_weight": settings.bm25_weight,
            "dense_weight": settings.dense_weight,
            "rrf_k": settings.rrf_k,
            "chunk_chars": settings.chunk_chars,
            "store": cold.store,
        },
        "corpus": {"documents": cold.documents, "clauses": cold.clauses, "chunks": cold.chunks},
        "quality": [asdict(r) for r in results],
        "build": {
            "cold_s": cold_s,
            "cold_embedded": cold.embedded,
            "warm_s": warm_s,
            "warm_embedded": warm.embedded,
            "open_s": open_s,
        },
        "latency_ms": {
            "queries": len(first_ms),
            "new_p50": statistics.median(first_ms) if first_ms else 0.0,
            "new_p95": percentile(first_ms, 0.95) if first_ms else 0.0,
            "repeat_p50": statistics.median(repeat_ms) if repeat_ms else 0.0,
            "repeat_p95": percentile(repeat_ms, 0.95) if repeat_ms else 0.0,
        },
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def render(result: dict[str, Any]) -> str:
    s = result["settings"]
    lines = [
        f"search bench — embedder {s['embedder']}, weights bm25 {s['bm25_weight']} / dense {s['dense_weight']}, "
        f"rrf k {s['rrf_k']}, chunk {s['chunk_chars']} chars; {result['corpus']['chunks']} chunks",
        "",
        f"{'suite':<16}{'cases':>6}{'R@1':>8}{'R@3':>8}{'R@5':>8}{'MRR@5':>8}  misses (no keyword in top 5)",
    ]
    for q in result["quality"]:
        lines.append(
            f"{q['suite']:<16}{q['cases']:>6}{q['recall_at_1']:>8.3f}{q['recall_at_3']:>8.3f}"
            f"{q['recall_at_5']:>8.3f}{q['mrr_at_5']:>8.3f}  {', '.join(q['misses']) or '-'}"
        )
    b, lat = result["build"], result["latency_ms"]
    lines += [
        "",
        f"cold build      {b['cold_s']:8.2f} s   ({b['cold_embedded']} chunks embedded)",
        f"warm build      {b['warm_s']:8.3f} s   ({b['warm_embedded']} embedded; nothing changed)",
        f"open (built)    {b['open_s']:8.3f} s",
        f"search, new     p50 {lat['new_p50']:6.1f} ms   p95 {lat['new_p95']:6.1f} ms   ({lat['queries']} questions)",
        f"search, repeat  p50 {lat['repeat_p50']:6.1f} ms   p95 {lat['repeat_p95']:6.1f} ms",
        f"peak RSS        {result['peak_rss_mb']:8.0f} MB",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m evals.bench.search_bench", description=__doc__.split("\n\n")[0]
    )
    p.add_argument(
        "--cases",
        type=Path,
        nargs="+",
        default=DEFAULT_CASES,
        help="JSONL suites (default: public, gold, holdout)",
    )
    p.add_argument("--json", type=Path, metavar="FILE", help="also write the results as JSON")
    p.add_argument(
        "--data-dir", type=Path, help="index folder (default: a fresh temporary folder, for a cold build)"
    )
    p.add_argument("--corpus", type=Path, help="corpus folder (default: the project's corpus/)")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    missing = [str(f) for f in args.cases if not f.is_file()]
    if missing:
        print(f"no such case file: {', '.join(missing)}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="search-bench-") as tmp:
        overrides: dict[str, Any] = {"data_dir": args.data_dir or Path(tmp)}
        if args.corpus:
            overrides["corpus_dir"] = args.corpus
        from assistant.settings import load_settings

        result = run(args.cases, load_settings(**overrides))
    print(render(result))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
