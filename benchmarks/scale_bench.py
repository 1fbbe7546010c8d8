"""Scale benchmarks for issue 16: engines side by side, PostgreSQL vs SQLite, a generated corpus
through Dask into PostgreSQL at growing sizes, and the store alone up to 100,000 documents.

Every run starts its own throwaway PostgreSQL server (``tests/pgserver.py``, fsync on: the
durability a user gets) and writes a JSON file of figures. Speeds are documents per second of
the analysis phase (models loaded and Dask workers started before the clock starts), compared
as ratios within one run; the load average is recorded next to every figure (the machine is
shared). The corpus is generated (``scripts/make_corpus.py``): project-written templates.

``engines`` first runs every engine once, untimed, on a small corpus (first-use costs are not
charged to whichever configuration comes first), then ``--repeat`` rounds in alternating order;
its headline ratios are the median over rounds of the ratio within each round (both sides
measured minutes apart), next to the older ratio of per-configuration bests.

    python benchmarks/scale_bench.py engines --n 200 --repeat 3
    python benchmarks/scale_bench.py corpus --sizes 1000,3000,10000
    python benchmarks/scale_bench.py store --sizes 10000,30000,100000
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import resource
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from common import REPO, script_module  # noqa: E402  (puts the repository's src on sys.path)

sys.path.insert(0, str(REPO / "tests"))

from pgserver import PostgresServer  # noqa: E402

from sitrep.ingest import IngestOptions  # noqa: E402
from sitrep.pipeline import build_pipeline  # noqa: E402
from sitrep.records import (  # noqa: E402
    Actor,
    Document,
    Entity,
    Event,
    Evidence,
    Framing,
    Mention,
    Place,
    Quote,
    Sentence,
    TimeExpr,
)
from sitrep.stages.base import Analysis  # noqa: E402
from sitrep.store import Store  # noqa: E402
from sitrep.workflow import analyze, ingest  # noqa: E402

MAPPING = {"text": "text", "title": "title", "publisher": "publisher", "published": "published"}
RESULTS = REPO / "benchmarks" / "results"


def _corpus_module() -> Any:
    return script_module("make_corpus")


def _load() -> float:
    return round(os.getloadavg()[0], 1)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _current_rss_mb() -> float:
    import psutil

    return float(psutil.Process().memory_info().rss) / 2**20


# --- engines and backends side by side ------------------------------------------------------------


def _writer(location: str, pipeline: Any, queue: Any) -> None:
    """One of the concurrent ``sitrep run`` processes: analyze whatever is still pending."""
    with Store(location) as store:
        queue.put(analyze(store, pipeline=pipeline).analyzed)


def _concurrent(location: str, pipeline: Any, writers: int) -> tuple[int, float]:
    """``writers`` processes analyzing one database at once (forked: the models are shared)."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    start = time.perf_counter()
    procs = [ctx.Process(target=_writer, args=(location, pipeline, queue)) for _ in range(writers)]
    for proc in procs:
        proc.start()
    analyzed = sum(queue.get(timeout=3600) for _ in procs)
    for proc in procs:
        proc.join()
    return analyzed, time.perf_counter() - start


def _one_engine(location: str, corpus: Path, pipeline: Any, engine: str) -> dict[str, Any]:
    """``engine``: ``builtin:N`` (N worker processes of one run), ``concurrent:N`` (N separate
    runs into the same database at once) or a Dask address (``local:N``)."""
    with Store(location) as store:
        ingest(store, [str(corpus)], IngestOptions(mapping=MAPPING))
    before = _load()
    kind, _, count = engine.partition(":")
    if kind == "concurrent":  # no connection open in this process while the runs fork
        analyzed, seconds = _concurrent(location, pipeline, int(count))
    else:
        cpu = time.process_time()
        with Store(location) as store:
            summary = analyze(store, pipeline=pipeline, workers=int(count) if kind == "builtin" else 1,
                              dask=None if kind == "builtin" else engine)
        analyzed, seconds = summary.analyzed, summary.seconds
        # this process's CPU over the run (built-in 1 worker: the whole analysis; Dask: the client,
        # which claims, ships and, on SQLite, saves every result while the workers compute)
        client_cpu = round(time.process_time() - cpu, 2)
    with Store(location) as store:
        counts = store.status_counts()
        assert counts["failed"] == 0 and store.count_pending(pipeline.version) == 0, counts
    assert analyzed == counts["analyzed"], f"{engine}: {analyzed} analyses for {counts['analyzed']} documents"
    result = {"docs": analyzed, "seconds": round(seconds, 2),
              "docs_per_s": round(analyzed / seconds, 3), "load": [before, _load()]}
    if kind != "concurrent":
        result["client_cpu_s"] = client_cpu
    return result


def engines(args: argparse.Namespace) -> dict[str, Any]:
    """Built-in worker vs Dask 1 and 2 workers (SQLite), and PostgreSQL vs SQLite, interleaved."""
    tmp = Path(tempfile.mkdtemp(prefix="sitrep-scale-"))
    corpus = _corpus_module().write_jsonl(tmp / "corpus.jsonl", args.n, args.seed)
    only = args.stages.split(",") if args.stages else None
    pipeline = build_pipeline(only=only)
    configs = [("builtin:1", "sqlite"), ("builtin:1", "postgresql"), ("builtin:2", "sqlite"),
               ("builtin:2", "postgresql"), ("local:1", "sqlite"), ("local:2", "sqlite"), ("local:2", "postgresql"),
               ("concurrent:2", "postgresql")]
    if args.configs:  # a subset, e.g. "builtin:1/sqlite,local:1/sqlite,local:2/sqlite"
        wanted = [tuple(c.split("/")) for c in args.configs.split(",")]
        configs = [c for c in configs if c in wanted]
    runs: dict[str, list[dict[str, Any]]] = {f"{e} {b}": [] for e, b in configs}
    with PostgresServer(fast=False) as server:
        if args.warmup:  # one untimed run of every engine: first-use costs (page cache, imports,
            # the first fork or cluster start) are not charged to whichever configuration runs first
            warm = _corpus_module().write_jsonl(tmp / "warm.jsonl", min(args.n, 32), args.seed + 1)
            first_backend = {engine: backend for engine, backend in reversed(configs)}
            for i, (engine, backend) in enumerate(first_backend.items()):
                location = (server.create_database(f"warm{i}") if backend == "postgresql"
                            else str(tmp / f"warm{i}.db"))
                _one_engine(location, warm, pipeline, engine)
        for r in range(args.repeat):
            order = configs if r % 2 == 0 else list(reversed(configs))
            for i, (engine, backend) in enumerate(order):
                location = (server.create_database(f"e{r}_{i}") if backend == "postgresql"
                            else str(tmp / f"e{r}_{i}.db"))
                # a fresh pipeline for every timed run: the built-in engine analyzes in this
                # process (and its workers fork from it), so a pipeline kept across rounds would
                # answer repeated inputs from the sentiment model's prediction cache (the same
                # documents every round), while each Dask run starts new worker processes
                fresh = build_pipeline(only=only)
                fresh.warm_up()
                result = _one_engine(location, corpus, fresh, engine)
                runs[f"{engine} {backend}"].append(result)
                print(f"{engine:8} {backend:10} {result}", file=sys.stderr, flush=True)
    best = {k: max(r["docs_per_s"] for r in v) for k, v in runs.items()}
    pairs = {
        "built-in 2 workers / 1 worker (sqlite)": ("builtin:2 sqlite", "builtin:1 sqlite"),
        "built-in 2 workers / 1 worker (postgresql)": ("builtin:2 postgresql", "builtin:1 postgresql"),
        "dask 2 workers / dask 1 worker (sqlite)": ("local:2 sqlite", "local:1 sqlite"),
        "dask 1 worker / built-in single worker (sqlite)": ("local:1 sqlite", "builtin:1 sqlite"),
        "postgresql / sqlite (built-in 1 worker)": ("builtin:1 postgresql", "builtin:1 sqlite"),
        "postgresql / sqlite (built-in 2 workers)": ("builtin:2 postgresql", "builtin:2 sqlite"),
        "postgresql / sqlite (dask 2 workers)": ("local:2 postgresql", "local:2 sqlite"),
        "2 concurrent runs / 1 run (postgresql)": ("concurrent:2 postgresql", "builtin:1 postgresql"),
    }
    pairs = {name: (a, b) for name, (a, b) in pairs.items() if a in runs and b in runs}
    ratios = {name: best[a] / best[b] for name, (a, b) in pairs.items()}
    # the same ratios within each round (the same minutes of load)
    per_round = [{name: runs[a][r]["docs_per_s"] / runs[b][r]["docs_per_s"] for name, (a, b) in pairs.items()}
                 for r in range(args.repeat)]
    # the headline: the median over rounds of the ratio within a round (both sides measured in
    # the same minutes, in alternating order); the ratio of per-configuration bests pairs
    # numbers from different rounds and favours whichever side had the luckiest round
    median = {name: statistics.median(r[name] for r in per_round) for name in pairs}
    return {"n": args.n, "stages": args.stages or "all", "warmup": args.warmup, "runs": runs,
            "best_docs_per_s": best,
            "ratios_median_of_rounds": {k: round(v, 3) for k, v in median.items()},
            "ratios": {k: round(v, 3) for k, v in ratios.items()},
            "per_round": [{k: round(v, 3) for k, v in r.items()} for r in per_round]}


# --- a generated corpus through Dask into PostgreSQL --------------------------------------------------


class _MemoryWatch:
    """Samples every Dask worker's resident memory every few seconds while the run goes on."""

    def __init__(self, client: Any, every: float = 3.0) -> None:
        self.client, self.every = client, every
        self.samples: list[dict[str, float]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        while not self._stop.wait(self.every):
            try:
                self.samples.append({k: round(v, 1) for k, v in self.client.run(_current_rss_mb).items()})
            except Exception:  # a worker restarting: skip this sample
                continue

    def __enter__(self) -> _MemoryWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def corpus(args: argparse.Namespace) -> dict[str, Any]:
    from distributed import Client, LocalCluster

    tmp = Path(tempfile.mkdtemp(prefix="sitrep-scale-"))
    make = _corpus_module()
    only = args.stages.split(",") if args.stages else None
    pipeline = build_pipeline(only=only)
    out: dict[str, Any] = {"stages": args.stages or "all", "workers": args.workers, "sizes": {}}
    with PostgresServer(fast=False) as server:
        for n in [int(s) for s in args.sizes.split(",")]:
            path = make.write_jsonl(tmp / f"c{n}.jsonl", n, args.seed)
            url = server.create_database(f"c{n}")
            with Store(url) as store:
                t0 = time.perf_counter()
                ingest(store, [str(path)], IngestOptions(mapping=MAPPING))
                ingest_s = time.perf_counter() - t0
            with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                              dashboard_address=None) as cluster, Client(cluster) as client, _MemoryWatch(client) as mem:
                load = _load()
                with Store(url) as store:
                    summary = analyze(store, pipeline=pipeline, dask=cluster.scheduler_address,
                                      batch_size=args.batch_size)
                    counts = store.status_counts()
                peaks = client.run(_peak_rss_mb)
            rss = [max(s.values()) for s in mem.samples] or [0.0]
            third = max(1, len(rss) // 3)
            row = {"ingest_s": round(ingest_s, 1), "analyze_s": round(summary.seconds, 1),
                   "docs_per_s": round(summary.docs_per_second, 3),
                   "ms_per_doc": round(1000 * summary.seconds / max(1, summary.analyzed), 1),
                   "analyzed": counts["analyzed"], "failed": counts["failed"],
                   "worker_peak_rss_mb": {k: round(v) for k, v in peaks.items()},
                   "worker_rss_mb_first_third_max": max(rss[:third]), "worker_rss_mb_last_third_max": max(rss[-third:]),
                   "load": [load, _load()]}
            out["sizes"][n] = row
            print(n, row, file=sys.stderr, flush=True)
    return out


# --- the store alone ------------------------------------------------------------------------------------


def synthetic_analyses(n: int, seed: int = 0) -> Iterator[Analysis]:
    """Analyses with the record counts of a ~400-word report (generated, no pipeline): 15 sentences,
    25 entities, 20 mentions, 8 times, 6 places, 5 events, 3 quotes, 4 framings, 6 actors of a pool of 500."""
    rng = random.Random(seed)
    pool = [Actor(f"A{i:03d}", f"Actor {i}", "state" if i % 3 else "armed_group", aliases=[f"Alias {i}"])
            for i in range(500)]
    for i in range(n):
        text = f"Report {i}. " + "Shelling hit the town on Monday, officials said. " * 50
        doc = Document(id=f"{i:016x}", sha256=f"{i:064x}", text=text, published="2017-03-04",
                       publisher=f"Outlet {i % 40}", source_path=f"gen#row{i}")
        d = doc.id
        sents = [Sentence(d, k, k * 50, k * 50 + 48, "Shelling hit the town on Monday, officials said.") for k in range(15)]
        actors = rng.sample(pool, 6)
        yield Analysis(
            document=doc, sentences=sents,
            entities=[Entity(d, k * 30, k * 30 + 6, "Aleppo", "GPE", "s") for k in range(25)],
            mentions=[Mention(d, actors[k % 6].id, k * 30, k * 30 + 5, "Syria", "s", "kb") for k in range(20)],
            times=[TimeExpr(d, k * 40, k * 40 + 6, "Monday", "s", "DATE", "2017-02-27", "day") for k in range(8)],
            places=[Place(d, k * 60, k * 60 + 6, "Aleppo", "s", "Aleppo", 36.2, 37.16, "SY", "Aleppo", 170063, 4)
                    for k in range(6)],
            events=[Event(f"{d}:e{k}", d, "ASSAULT", "asserted", Evidence(k * 70, k * 70 + 8, "Shelling"), "shell",
                          actors=[actors[0].id], recipients=[actors[1].id], confidence=0.8) for k in range(5)],
            quotes=[Quote(f"{d}:q{k}", d, "We will respond.", "direct", k * 90, k * 90 + 16, "s") for k in range(3)],
            framings=[Framing(d, a.id) for a in actors[:4]],
            actors=actors,
        )


def _time_store(location: str, n: int) -> dict[str, Any]:
    with Store(location) as store:
        t0 = time.perf_counter()
        marks = {}
        for k, analysis in enumerate(synthetic_analyses(n), 1):
            store.add_document(dataclasses.replace(analysis.document))
            store.save_analysis(analysis, "bench")
            if k in (n // 10, n // 2, n):
                marks[k] = round(time.perf_counter() - t0, 1)
        seconds = time.perf_counter() - t0
        assert store.status_counts()["analyzed"] == n
        t1 = time.perf_counter()
        pending = store.count_pending("other")
        query_s = time.perf_counter() - t1
    return {"seconds": round(seconds, 1), "docs_per_s": round(n / seconds, 1), "ms_per_doc": round(1000 * seconds / n, 3),
            "elapsed_at": marks, "count_pending_s": round(query_s, 3), "pending_check": pending,
            "peak_rss_mb": round(_peak_rss_mb()), "load": _load()}


def store_bench(args: argparse.Namespace) -> dict[str, Any]:
    tmp = Path(tempfile.mkdtemp(prefix="sitrep-scale-"))
    out: dict[str, Any] = {"sizes": {}}
    backends = args.backends.split(",")
    with PostgresServer(fast=False) as server:
        for n in [int(s) for s in args.sizes.split(",")]:
            row = {}
            for backend in backends:
                location = server.create_database(f"s{n}") if backend == "postgresql" else str(tmp / f"s{n}.db")
                row[backend] = _time_store(location, n)
                print(n, backend, row[backend], file=sys.stderr, flush=True)
            out["sizes"][n] = row
    return out


COMMANDS: dict[str, Callable[[argparse.Namespace], dict[str, Any]]] = {
    "engines": engines, "corpus": corpus, "store": store_bench,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=sorted(COMMANDS))
    parser.add_argument("--n", type=int, default=200, help="engines: documents")
    parser.add_argument("--repeat", type=int, default=3, help="engines: rounds (alternating order)")
    parser.add_argument("--no-warmup", dest="warmup", action="store_false",
                        help="engines: skip the untimed warm-up run of every engine")
    parser.add_argument("--sizes", default="1000,3000,10000", help="corpus/store: comma-separated sizes")
    parser.add_argument("--stages", default="", help="only these stages (and what they read); default all")
    parser.add_argument("--configs", default="", help="engines: only these engine/backend pairs "
                        "(e.g. builtin:1/sqlite,local:1/sqlite,local:2/sqlite); default all eight")
    parser.add_argument("--workers", type=int, default=2, help="corpus: Dask workers")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--backends", default="sqlite,postgresql", help="store: backends")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="write the figures here (default benchmarks/results/scale_<what>.json)")
    args = parser.parse_args()
    started = time.time()
    result = COMMANDS[args.what](args)
    result |= {"command": " ".join(sys.argv), "cpus": os.cpu_count(), "wall_s": round(time.time() - started),
               "date": time.strftime("%Y-%m-%d")}
    target = args.json or RESULTS / f"scale_{args.what}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
