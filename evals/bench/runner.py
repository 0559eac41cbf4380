"""Runs every benchmark phase in order and gathers one results dict (written out by evals/bench/report.py).

Build phases use every core (that is how an index is built); latency phases are pinned to one core with one
OpenMP thread, since the latency target is "on one core".
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError
from assistant.settings import PROJECT_ROOT
from evals.bench.cases import load_cases
from evals.bench.machine import cpu_snapshot, describe_machine, load_average, other_cpu
from evals.bench.procs import Measured, child_env, pick_cpu, run_measured, run_worker
from evals.bench.search_bench import quality
from evals.bench.stats import ratio, summarize

log = logging.getLogger(__name__)

CLI_QUESTION = "我们企业2023年智能车间相关投入800万元，用了物联网，能拿多少奖补？"
SEARCH_QUESTION = "贷款贴息最高多少"
K = 5  # top-k of every retrieval measure (evals/bench/search_bench.quality reports recall@1/3/5 and MRR@5)


@dataclass
class BenchOptions:
    scales: list[int] = field(default_factory=lambda: [10, 100])
    quick: bool = False
    corpus_dir: Path = PROJECT_ROOT / "corpus"
    work_dir: Path | None = None  # temp folder for corpora and indexes; removed afterwards unless keep
    keep: bool = False
    profile_path: Path | None = None
    only_growth: bool = False  # run the growth phase alone (its scale 1 built and searched on its own)


class BenchRun:
    def __init__(self, options: BenchOptions, progress: Callable[[str], None] = lambda m: None) -> None:
        self.o = options
        self.say = progress
        self.cpu = pick_cpu()
        self.results: dict[str, Any] = {"notes": []}
        self._search_rows: list[dict[str, Any]] = []
        # Children get this process's environment (PATH, locale) plus the settings each phase needs.
        self.base_env = dict(os.environ)

    def note(self, text: str) -> None:
        self.results["notes"].append(text)
        self.say(f"note: {text}")

    def run(self) -> dict[str, Any]:
        started = time.perf_counter()
        cpu_start = cpu_snapshot()
        work = Path(self.o.work_dir or tempfile.mkdtemp(prefix="zgsz-bench-"))
        work.mkdir(parents=True, exist_ok=True)
        r = self.results
        r["machine"] = describe_machine(PROJECT_ROOT)
        r["started"] = datetime.now(UTC).isoformat(timespec="seconds")
        r["options"] = {"scales": self.o.scales, "quick": self.o.quick, "k": K, "pinned_cpu": self.cpu}
        try:
            if self.o.only_growth:
                self._real_for_growth(work)
                self._growth(work, None)
            else:
                real_data = work / "data"
                self._index_cli(real_data)
                batch = self._embed_sweep(work)
                self._build(work, batch)
                self._search(real_data, work / "stock")
                self._growth(work, batch)
                self._ask(real_data)
                self._cold_starts(real_data)
                self._app(real_data)
                self._load(real_data)
        finally:
            if not self.o.keep:
                shutil.rmtree(work, ignore_errors=True)
        r["load_avg_end"] = load_average()
        r["duration_s"] = round(time.perf_counter() - started, 1)
        r["other_cpu"] = other_cpu(cpu_start, cpu_snapshot(), r["duration_s"])
        return r

    # ---- 1. build ------------------------------------------------------------------------------------------
    def _index_cli(self, data: Path) -> None:
        """`python -m assistant index` as a person runs it: cold (empty data folder), then warm."""
        self.say("index CLI: cold and warm")
        env = child_env(self.base_env, pinned=False, data_dir=data, corpus_dir=self.o.corpus_dir)
        runs: dict[str, Any] = {}
        try:
            for label in ("cold", "warm"):
                m = self._cli(["index"], env, cpu=None)
                runs[label] = {"wall_s": round(m.wall_s, 2), "peak_rss_mib": round(m.max_rss_mib, 1)}
        except AssistantError as exc:  # the later phases build the index on first use instead
            runs["skipped"] = str(exc)
            self.note(f"`python -m assistant index` could not be measured: {exc}")
        self.results["index_cli"] = runs

    def _embed_sweep(self, work: Path) -> int | None:
        if self.o.quick:
            return None
        self.say("embedding throughput by batch size")
        env = child_env(self.base_env, pinned=False)
        out, _ = run_worker(
            "embed", PROJECT_ROOT, env, None, 600, data=work / "embed", corpus=self.o.corpus_dir
        )
        self.results["embed_batches"] = out
        rates = out["chunks_per_s"]
        return int(max(rates, key=lambda b: rates[b]))

    def _build(self, work: Path, batch: int | None) -> None:
        """In-process build of the real corpus (cold, warm, open) and the stock pipeline's build."""
        self.say("build: ours cold/warm/open, and the stock pipeline")
        env = child_env(self.base_env, pinned=False)
        build, m = run_worker(
            "build", PROJECT_ROOT, env, None, 1800, data=work / "data-build", corpus=self.o.corpus_dir,
            batch=batch, stock=work / "stock",
        )  # fmt: skip
        build["peak_rss_mib"] = round(m.max_rss_mib, 1)
        self.results["build"] = build
        self.results["real_doc_ids"] = _real_doc_ids(self.o.corpus_dir)
        self.results["real_place"] = _real_place(self.o.corpus_dir)

    def _real_for_growth(self, work: Path) -> None:
        """The numbers the growth table's 1× row needs (cold build, pinned search), without the other phases."""
        self.say("growth 1x: cold build and search of the real corpus")
        env = child_env(self.base_env, pinned=False)
        build, m = run_worker(
            "build", PROJECT_ROOT, env, None, 1800, data=work / "data-1x", corpus=self.o.corpus_dir
        )
        build["peak_rss_mib"] = round(m.max_rss_mib, 1)
        self.results["build"] = build
        self.results["real_doc_ids"] = _real_doc_ids(self.o.corpus_dir)
        self.results["real_place"] = _real_place(self.o.corpus_dir)
        search, _ = run_worker(
            "search", PROJECT_ROOT, child_env(self.base_env, pinned=True), self.cpu, 1800, data=work / "data-1x",
            corpus=self.o.corpus_dir, real_doc=self.results["real_doc_ids"], k=K, suites="public,gold",
            place=self.results["real_place"],
        )  # fmt: skip
        self._search_rows = search["rows"]

    def _growth(self, work: Path, batch: int | None) -> None:
        """Scale 1 is the real corpus (numbers from the build and search phases); larger scales add distractors."""
        from evals.bench.synthetic import write_synthetic_corpus

        rows = [_growth_row(1, self.results["build"], self._search_rows, K)]
        env = child_env(self.base_env, pinned=False)
        pinned = child_env(self.base_env, pinned=True)
        for scale in sorted(s for s in set(self.o.scales) if s > 1):
            self.say(f"growth {scale}x: writing the synthetic corpus")
            corpus = work / f"corpus-{scale}x"
            data = work / f"data-{scale}x"
            made = write_synthetic_corpus(self.o.corpus_dir, corpus, scale)
            self.say(f"growth {scale}x: cold build of {made.total_clauses} clauses")
            build, built = run_worker(
                "build", PROJECT_ROOT, env, None, 4 * 3600, data=data, corpus=corpus, batch=batch
            )
            build["peak_rss_mib"] = round(built.max_rss_mib, 1)
            self.say(f"growth {scale}x: search (pinned)")
            search, searched = run_worker(
                "search", PROJECT_ROOT, pinned, self.cpu, 1800, data=data, corpus=corpus,
                real_doc=list(made.real_doc_ids), k=K, suites="public,gold", place=self.results["real_place"],
            )  # fmt: skip
            rows.append(_growth_row(scale, build, search["rows"], K))
            rows[-1]["search_peak_rss_mib"] = round(searched.max_rss_mib, 1)
            if not self.o.keep:
                shutil.rmtree(data, ignore_errors=True)
                shutil.rmtree(corpus, ignore_errors=True)
        self.results["growth"] = rows

    # ---- 2. warm latency and the stock pipeline --------------------------------------------------------------
    def _search(self, data: Path, stock: Path) -> None:
        self.say("warm search latency, ours and the stock pipeline (pinned)")
        env = child_env(self.base_env, pinned=True)
        out, m = run_worker(
            "search", PROJECT_ROOT, env, self.cpu, 1800, data=data, corpus=self.o.corpus_dir, stock=stock,
            real_doc=self.results["real_doc_ids"], k=K, suites="public,gold", place=self.results["real_place"],
        )  # fmt: skip
        rows = self._search_rows = out["rows"]
        self.results["search"] = {
            "ours_ms": summarize([x["ours_ms"] for x in rows]),
            "stock_ms": summarize([x["stock_ms"] for x in rows]),
            "by_suite": {
                s: {
                    "ours_ms": summarize([x["ours_ms"] for x in rows if x["suite"] == s]),
                    "stock_ms": summarize([x["stock_ms"] for x in rows if x["suite"] == s]),
                }
                for s in ("public", "gold")
            },
            "peak_rss_mib": round(m.max_rss_mib, 1),
        }
        self.results["side_by_side"] = _side_by_side(rows, K, self.results)

    def _ask(self, data: Path) -> None:
        self.say("warm ask latency, default rules planner (pinned), and the profile")
        env = child_env(self.base_env, pinned=True)
        profile = self.o.profile_path or (data / "profile_ask.txt")
        out, m = run_worker(
            "ask", PROJECT_ROOT, env, self.cpu, 1800, data=data, corpus=self.o.corpus_dir, profile=profile,
            suites="public,gold",
        )  # fmt: skip
        rows = out["rows"]
        turns = [(x["suite"], t) for x in rows for t in x["turn_ms"]]
        self.results["ask"] = {
            "turn_ms": summarize([t for _, t in turns]),
            "by_suite": {s: summarize([t for su, t in turns if su == s]) for s in ("public", "gold")},
            "by_category": {
                cat: summarize([t for x in rows if x["category"] == cat for t in x["turn_ms"]])
                for cat in sorted({x["category"] for x in rows})
            },
            "conversation_ms": summarize([sum(x["turn_ms"]) for x in rows if "error" not in x]),
            "cases": len(rows),
            "engine_load_s": round(out["load_s"], 3),
            "peak_rss_mib": round(m.max_rss_mib, 1),
            "errors": {x["id"]: x["error"] for x in rows if "error" in x},
        }
        if self.results["ask"]["errors"]:
            self.note(
                f"{len(self.results['ask']['errors'])} of {len(rows)} cases raised an exception inside the engine; "
                "their turns are not in the latency numbers (see ask.errors in benchmarks.json)"
            )
        self.results["profile"] = out["profile"]

    # ---- cold starts and memory ---------------------------------------------------------------------------
    def _cold_starts(self, data: Path) -> None:
        self.say("CLI cold start to first answer (pinned)")
        env = child_env(self.base_env, pinned=True, data_dir=data, corpus_dir=self.o.corpus_dir)
        reps = 1 if self.o.quick else 3
        out: dict[str, Any] = {}
        for name, argv in (
            ("ask", ["ask", "--json", CLI_QUESTION]),
            ("search", ["search", "--json", SEARCH_QUESTION]),
        ):
            try:
                runs = [self._cli(argv, env, cpu=self.cpu) for _ in range(reps)]
            except AssistantError as exc:
                self.note(f"cold start of `{argv[0]}` could not be measured: {exc}")
                continue
            firsts = [x.first_line_s for x in runs if x.first_line_s is not None]
            out[name] = {
                "argv": ["python", "-m", "assistant", *argv],
                "runs": reps,
                "first_answer_s": round(min(firsts), 3) if firsts else None,
                "first_answer_s_all": [round(f, 3) for f in firsts],
                "exit_s": round(min(x.wall_s for x in runs), 3),
                "peak_rss_mib": round(max(x.max_rss_mib for x in runs), 1),
            }
            try:
                out[name]["elapsed_ms_reported"] = json.loads(runs[0].stdout.splitlines()[0]).get(
                    "elapsed_ms"
                )
            except (ValueError, IndexError, AttributeError):
                pass
        self.results["cold_start"] = out

    def _app(self, data: Path) -> None:
        if not (PROJECT_ROOT / "assistant" / "commands" / "serve.py").exists():
            self.results["app"] = {"skipped": "`python -m assistant serve` is not in this checkout yet"}
            self.note("app cold start and RSS skipped: the serve command is not in this checkout")
            return
        from evals.bench.app_start import measure_app

        self.say("app cold start to first answer, warm API latency and peak RSS (pinned)")
        env = child_env(self.base_env, pinned=True, data_dir=data, corpus_dir=self.o.corpus_dir)
        convs = [c.turns for c in load_cases(["public"])]
        try:
            self.results["app"] = measure_app(PROJECT_ROOT, env, self.cpu, CLI_QUESTION, convs)
        except Exception as exc:  # report what went wrong and keep the other numbers
            self.results["app"] = {"skipped": f"the app could not be measured: {type(exc).__name__}: {exc}"}
            self.note(self.results["app"]["skipped"])

    def _load(self, data: Path) -> None:
        """The app under closed-loop load (10 and 50 users), then the opt-in soak test (evals/bench/app_load.py)."""
        from evals.bench.app_load import measure_load, run_soak

        env = child_env(self.base_env, pinned=False, data_dir=data, corpus_dir=self.o.corpus_dir)
        duration = 10.0 if self.o.quick else 60.0
        try:
            self.results["load"] = measure_load(PROJECT_ROOT, env, (10, 50), duration, progress=self.say)
        except Exception as exc:  # report what went wrong and keep the other numbers
            self.results["load"] = {"skipped": f"the app could not be loaded: {type(exc).__name__}: {exc}"}
            self.note(self.results["load"]["skipped"])
            return
        if not self.o.quick:
            self.say("soak test (RUN_SOAK=1 pytest -m soak)")
            self.results["load"]["soak"] = run_soak(PROJECT_ROOT, env)

    def _cli(self, argv: list[str], env: dict[str, str], cpu: int | None) -> Measured:
        m = run_measured([sys.executable, "-m", "assistant", *argv], env, PROJECT_ROOT, cpu=cpu, timeout=900)
        if m.returncode != 0:
            tail = "\n".join(m.stderr.strip().splitlines()[-10:])
            raise AssistantError(f"python -m assistant {' '.join(argv)} failed ({m.returncode}):\n{tail}")
        return m


def _real_doc_ids(corpus_dir: Path) -> list[str]:
    from indexing.loader import load_corpus

    return [d.meta.doc_id for d in load_corpus(corpus_dir).documents]


def _quality(rows: list[dict[str, Any]], key: str, suite: str) -> dict[str, Any]:
    """Recall@1/3/5, MRR@5 and the missed case ids of the ranks stored under ``key`` (``suite`` "all": both)."""
    ranks = {x["id"]: x[key] for x in rows if key in x and suite in ("all", x["suite"])}
    if not ranks:
        return {"n": 0, "recall@1": None, "recall@3": None, "recall@5": None, "mrr": None, "misses": []}
    q = quality(suite, ranks)
    return {
        "n": q.cases,
        "recall@1": round(q.recall_at_1, 4),
        "recall@3": round(q.recall_at_3, 4),
        "recall@5": round(q.recall_at_5, 4),
        "mrr": round(q.mrr_at_5, 4),
        "misses": q.misses,
    }


def _real_place(corpus_dir: Path) -> str:
    """The real document's place (泰兴市 from 泰兴市人民政府办公室), for the questions that name it."""
    from indexing.loader import load_corpus

    docs = load_corpus(corpus_dir).documents
    return docs[0].meta.issuer.split("人民政府")[0] if docs else ""


def _growth_row(scale: int, build: dict[str, Any], rows: list[dict[str, Any]], k: int) -> dict[str, Any]:
    lat = summarize([x["ours_ms"] for x in rows])
    row: dict[str, Any] = {
        "scale": scale,
        "documents": build["documents"],
        "clauses": build["clauses"],
        "chunks": build["chunks"],
        "build_s": round(build["cold_s"], 2),
        "build_ms_per_chunk": round(build["cold_s"] / max(build["chunks"], 1) * 1000, 1),
        "chunks_per_s": round(build["embedded"] / build["cold_s"], 2) if build["cold_s"] else None,
        "warm_build_s": round(build["warm_s"], 3),
        "build_cpu_s": round(build["cold_cpu_s"], 1) if "cold_cpu_s" in build else None,
        "build_peak_rss_mib": build.get("peak_rss_mib"),
        "index_mib": round(build["index_bytes"] / 2**20, 2),
        "search_p50_ms": lat["p50"],
        "search_p95_ms": lat["p95"],
        "queries": len(rows),
    }
    routed_ms = [x["routed_ms"] for x in rows if "routed_ms" in x]
    if routed_ms:
        routed_lat = summarize(routed_ms)
        row["routed_p50_ms"], row["routed_p95_ms"] = routed_lat["p50"], routed_lat["p95"]
    for suite in ("public", "gold"):
        plain, named = _quality(rows, "rank_path", suite), _quality(rows, "rank_named", suite)
        routed = _quality(rows, "rank_routed", suite)
        row[f"recall@{k}_{suite}"] = plain[f"recall@{k}"]
        row[f"mrr_{suite}"] = plain["mrr"]
        row[f"recall@{k}_named_{suite}"] = named[f"recall@{k}"]
        row[f"mrr_named_{suite}"] = named["mrr"]
        row[f"recall@{k}_routed_{suite}"] = routed[f"recall@{k}"]
        row[f"mrr_routed_{suite}"] = routed["mrr"]
        row[f"misses_{suite}"] = plain["misses"]
        row[f"misses_routed_{suite}"] = routed["misses"]
    return row


def _side_by_side(rows: list[dict[str, Any]], k: int, results: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for suite in ("public", "gold", "all"):
        lat = [x for x in rows if suite in ("all", x["suite"])]
        systems = {}
        for name, rank_key, ms_key in (("ours", "rank_path", "ours_ms"), ("stock", "stock_rank", "stock_ms")):
            q = _quality(rows, rank_key, suite)
            ms = summarize([x[ms_key] for x in lat])
            systems[name] = {
                f"recall@{k}": q[f"recall@{k}"], "recall@1": q["recall@1"], "mrr": q["mrr"],
                "p50_ms": ms["p50"], "p95_ms": ms["p95"], "misses": q["misses"], "questions": q["n"],
            }  # fmt: skip
        systems["ours"][f"recall@{k}_text_rule"] = _quality(rows, "rank_text", suite)[f"recall@{k}"]
        ours, stock = systems["ours"], systems["stock"]
        out[suite] = {
            "questions": ours["questions"],
            "ours": ours,
            "stock": stock,
            "stock_over_ours": {
                key: ratio(stock[key], ours[key])
                for key in (f"recall@{k}", "recall@1", "mrr", "p50_ms", "p95_ms")
            },
        }
    build = results.get("build", {})
    if "stock" in build:
        out["build"] = {
            "ours_s": round(build["cold_s"], 2),
            "stock_s": round(build["stock"]["cold_s"], 2),
            "ours_chunks": build["chunks"],
            "stock_chunks": build["stock"]["chunks"],
            "ours_index_mib": round(build["index_bytes"] / 2**20, 2),
            "stock_index_mib": round(build["stock"]["index_bytes"] / 2**20, 2),
        }
    return out
