"""Where a Dask run's time goes, per worker and for the client (issue 16: Dask 2 workers vs 1).

Runs ``sitrep analyze --dask local:N`` on a generated corpus (``scripts/make_corpus.py``,
project-written templates) into a fresh SQLite database per run, several engines in alternating
order, and records, inside the timed window (from the first claim to the last saved result):

- per worker: batches, documents, the task thread's CPU per document (``time.thread_time``
  around each batch: load from other processes and a second worker sharing the caches shows
  here, not idle time), its wall time busy, the idle time at the head (before its first batch),
  between batches (``gaps``) and at the tail (after its last batch until the run ended), the
  worker process's CPU outside the task thread (event loop: receiving batches, sending
  results, heartbeats), its migrations between cores and involuntary context switches;
- the client process's CPU by thread (main thread: claims, documents sent, SQLite saves;
  the event-loop thread: scheduler, nannies, client comms);
- a digest of the stored records of each run (every analysis table; timestamps left out), so
  runs of different engines can be compared for identical records.

On a two-core machine, 2 / 1 ≈ 2 · w1 / (w2 + c + idle/N), with w the task CPU per document,
c the client's and the workers' non-task CPU per document and idle the summed idle time: the
printed fields give each term. The batch function is wrapped in this process (the wrapper
travels to the workers by value); nothing in sitrep is changed.

    python benchmarks/dask_timeline.py --n 160 --rounds 3 --engines local:1,local:2
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from common import script_module  # noqa: E402  (puts the repository's src on sys.path)

import sitrep.engines.dask as engine  # noqa: E402
from sitrep.ingest import IngestOptions  # noqa: E402
from sitrep.pipeline import build_pipeline  # noqa: E402
from sitrep.store import Store  # noqa: E402
from sitrep.workflow import analyze, ingest  # noqa: E402

MAPPING = {"text": "text", "title": "title", "publisher": "publisher", "published": "published"}
_RUN_BATCH = engine.run_batch
#: client-side marks of the run in progress (set by the wrapped ``_Run`` methods)
STATE: dict[str, Any] = {}


def timed_batch(payload: Any, version: str) -> Any:
    """``run_batch`` on the worker, with its wall span and the task thread's CPU recorded."""
    import time

    import sitrep.engines.dask as worker_engine

    start, cpu = time.time(), time.thread_time()
    out = _RUN_BATCH(payload, version)
    log = worker_engine.__dict__.setdefault("_TIMELINE", [])
    log.append((start, time.time(), time.thread_time() - cpu, len(payload)))
    return out


def worker_marks() -> dict[str, Any]:
    """On a worker: its batch log, process CPU and scheduler counters so far."""
    import resource
    from pathlib import Path

    import sitrep.engines.dask as worker_engine

    usage = resource.getrusage(resource.RUSAGE_SELF)
    sched: dict[str, float] = {}
    try:
        lines = Path("/proc/self/sched").read_text().splitlines()
    except OSError:  # not Linux
        lines = []
    for line in lines:
        key = line.split(":")[0].strip()
        if key in ("se.nr_migrations", "nr_involuntary_switches"):
            sched[key] = float(line.split(":")[1])
    return {"log": list(worker_engine.__dict__.get("_TIMELINE", [])), "cpu": usage.ru_utime + usage.ru_stime,
            "sched": sched}


def threads_cpu() -> dict[str, tuple[str, float]]:
    """CPU seconds of each thread of this process (Linux), by thread id."""
    out: dict[str, tuple[str, float]] = {}
    tick = os.sysconf("SC_CLK_TCK")
    try:
        tids = os.listdir("/proc/self/task")
    except OSError:
        return out
    for tid in tids:
        try:
            stat = Path(f"/proc/self/task/{tid}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        out[tid] = (stat[stat.index("(") + 1:stat.rindex(")")], (int(fields[11]) + int(fields[12])) / tick)
    return out


def _install() -> None:
    init, collect = engine._Run.__init__, engine._Run.collect

    def wrapped_init(self: Any, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        STATE.update(workers0=self.client.run(worker_marks), t0=time.time(), cpu0=time.process_time(),
                     threads0=threads_cpu())

    def wrapped_collect(self: Any) -> None:
        collect(self)
        STATE.update(t1=time.time(), cpu1=time.process_time(), threads1=threads_cpu(),
                     workers1=self.client.run(worker_marks))

    engine.run_batch = timed_batch  # type: ignore[assignment]
    engine._Run.__init__ = wrapped_init  # type: ignore[method-assign]
    engine._Run.collect = wrapped_collect  # type: ignore[method-assign]


def records_digest(location: str) -> str:
    """sha256 over every stored row (sorted; documents by id, status and pipeline version only,
    without timestamps; sources without their temporary folder; full-text index internals left
    out: they follow insertion order)."""
    digest = hashlib.sha256()
    with Store(location) as store:
        tables = [r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for table in tables:
            if table.startswith("sqlite") or "migration" in table or "_fts" in table:
                continue  # SQLite's own, the migrations' timestamps, full-text index internals (rowid order)
            if table == "documents":
                rows = store.conn.execute("SELECT id, status, pipeline_version FROM documents").fetchall()
            elif table == "document_sources":  # the source path names this run's temporary folder
                rows = [(Path(r["source"]).name, r["document"]) for r in store.conn.execute(f'SELECT * FROM "{table}"')]
            else:
                rows = store.conn.execute(f'SELECT * FROM "{table}"').fetchall()
            digest.update(table.encode())
            for row in sorted(repr(tuple(r)) for r in rows):
                digest.update(row.encode())
    return digest.hexdigest()[:16]


def report(name: str, analyzed: int, load: float, digest: str) -> dict[str, Any]:
    t0, t1 = STATE["t0"], STATE["t1"]
    workers = {}
    for address, marks in STATE["workers1"].items():
        before = STATE["workers0"][address]
        log = sorted(marks["log"][len(before["log"]):])
        docs = sum(entry[3] for entry in log)
        busy = sum(end - start for start, end, _, _ in log)
        task_cpu = sum(entry[2] for entry in log)
        gaps = [log[i + 1][0] - log[i][1] for i in range(len(log) - 1)]
        workers[address.rsplit(":", 1)[-1]] = {
            "batches": len(log), "docs": docs, "sizes": [entry[3] for entry in log],
            "task_cpu_ms_per_doc": round(1000 * task_cpu / docs, 1) if docs else None,
            "busy_s": round(busy, 2), "other_cpu_s": round(marks["cpu"] - before["cpu"] - task_cpu, 2),
            "head_s": round(log[0][0] - t0, 3) if log else None, "gaps_s": round(sum(gaps), 3),
            "tail_s": round(t1 - log[-1][1], 3) if log else None,
            "sched": {k: marks["sched"][k] - before["sched"].get(k, 0.0) for k in marks["sched"]},
        }
    threads = {}
    for tid, (thread, cpu) in STATE["threads1"].items():
        used = cpu - STATE["threads0"].get(tid, (thread, 0.0))[1]
        if used > 0.005:
            threads[f"{thread}:{tid}"] = round(used, 2)
    idle = sum((w["head_s"] or 0) + w["gaps_s"] + (w["tail_s"] or 0) for w in workers.values())
    return {"engine": name, "docs": analyzed, "seconds": round(t1 - t0, 2), "docs_per_s": round(analyzed / (t1 - t0), 3),
            "client_cpu_s": round(STATE["cpu1"] - STATE["cpu0"], 2), "client_threads_cpu_s": threads,
            "workers_idle_s": round(idle, 3), "load": [load, round(os.getloadavg()[0], 1)], "records": digest,
            "workers": workers}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=160, help="generated documents")
    parser.add_argument("--engines", default="local:1,local:2", help="Dask addresses, run in this order, then reversed")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="also write the runs here (one JSON object per line)")
    args = parser.parse_args()
    _install()
    make_corpus = script_module("make_corpus")
    tmp = Path(tempfile.mkdtemp(prefix="sitrep-timeline-"))
    corpus = make_corpus.write_jsonl(tmp / "corpus.jsonl", args.n, args.seed)
    pipeline = build_pipeline()
    pipeline.warm_up()
    runs = []
    for r in range(args.rounds):
        order = args.engines.split(",")
        for k, address in enumerate(order if r % 2 == 0 else list(reversed(order))):
            location = str(tmp / f"r{r}_{k}.db")
            with Store(location) as store:
                ingest(store, [str(corpus)], IngestOptions(mapping=MAPPING))
            load = round(os.getloadavg()[0], 1)
            with Store(location) as store:
                summary = analyze(store, pipeline=pipeline, dask=address, batch_size=args.batch_size)
            runs.append(report(address, summary.analyzed, load, records_digest(location)))
            print(json.dumps(runs[-1]), flush=True)
    if args.json:
        args.json.write_text("".join(json.dumps(run) + "\n" for run in runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
