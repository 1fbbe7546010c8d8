"""Analysis on a Dask cluster of 2 worker processes, and sharing one PostgreSQL database between
runs: the same records as the built-in worker, nothing lost or doubled when a worker or the
client is killed with SIGKILL, and every document analyzed exactly once by 4 concurrent runs.

The pipeline here is parse + time (``build_pipeline(only=["time"])``): what is tested is the
engine and the store, not the stages; it keeps each worker's start-up short."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from components import join_or_kill
from conftest import script_module
from store_helpers import stored_records, wait_for_claim_sessions

from sitrep.ingest import IngestOptions
from sitrep.store import Store
from sitrep.workflow import analyze, ingest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
MAPPING = {"text": "text", "title": "title", "publisher": "publisher", "published": "published"}


def _make_corpus(path: Path, n: int, seed: int = 0) -> Path:
    return script_module("make_corpus").write_jsonl(path, n, seed)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def light_pipeline():
    from sitrep.pipeline import build_pipeline

    return build_pipeline(only=["time"])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return _make_corpus(tmp_path_factory.mktemp("corpus") / "c.jsonl", 40)


@pytest.fixture(scope="module")
def reference(corpus: Path, light_pipeline, tmp_path_factory) -> dict[str, list]:
    """The records the built-in single worker gives."""
    with Store(tmp_path_factory.mktemp("ref") / "ref.db") as store:
        ingest(store, [str(corpus)], IngestOptions(mapping=MAPPING))
        summary = analyze(store, pipeline=light_pipeline)
        assert summary.analyzed == 40
        return stored_records(store)


@pytest.fixture(scope="module")
def cluster():
    """A local Dask cluster of 2 worker processes (one thread each), shared by this module's tests."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


def _assert_no_duplicates(store: Store) -> None:
    for table, key in (("sentences", 'document, "index"'), ("times", 'document, start, "end"'),
                       ("entities", 'document, start, "end", label')):
        rows = store.conn.execute(f"SELECT {key}, COUNT(*) AS n FROM {table} GROUP BY {key} HAVING COUNT(*) > 1").fetchall()
        assert rows == [], f"duplicated rows in {table}"


def _fill(location: str, corpus: Path) -> None:
    with Store(location) as store:
        ingest(store, [str(corpus)], IngestOptions(mapping=MAPPING))


def test_dask_two_workers_give_the_records_of_the_builtin_worker(db_location: str, corpus: Path, light_pipeline,
                                                                  reference, cluster):
    """SQLite: results streamed back to the one writer; PostgreSQL: workers write themselves."""
    _fill(db_location, corpus)
    with Store(db_location) as store:
        summary = analyze(store, pipeline=light_pipeline, dask=cluster.scheduler_address, batch_size=4)
        assert (summary.analyzed, summary.failed) == (40, 0)
        assert store.status_counts()["analyzed"] == 40
        assert stored_records(store) == reference
        again = analyze(store, pipeline=light_pipeline, dask=cluster.scheduler_address)
        assert again.analyzed == 0  # nothing left to do
    # the pipeline plugin stopped each worker's statistical profiler (its history grew with run time)
    from distributed import Client

    from sitrep.engines.dask import PROFILER_CALLBACKS

    with Client(cluster.scheduler_address) as client:
        running = client.run(lambda dask_worker: sorted(dask_worker.periodic_callbacks))
    assert len(running) == 2
    assert all(not set(PROFILER_CALLBACKS) & set(names) for names in running.values())


def test_dask_with_a_stage_subset_gives_the_builtin_workers_records(db_location: str, corpus: Path, reference,
                                                                     cluster):
    """``analyze(stages=...)`` (``sitrep analyze --dask ... --stages time``): the workers build the
    subset, its records are the built-in worker's, the stages are recorded, and the same subset
    again has nothing to do."""
    _fill(db_location, corpus)
    with Store(db_location) as store:
        summary = analyze(store, stages=("time",), dask=cluster.scheduler_address, batch_size=4)
        assert (summary.analyzed, summary.failed) == (40, 0)
        assert stored_records(store) == reference
        assert set(store.document_stages().values()) == {("parse", "time")}
        assert analyze(store, stages=("time",), dask=cluster.scheduler_address).analyzed == 0


def test_dask_local_cluster_from_the_command_line(tmp_path: Path):
    """``sitrep run --dask local:2``: starts its own cluster of 2 worker processes, and stops it."""
    corpus = _make_corpus(tmp_path / "c.jsonl", 6)
    db = tmp_path / "cli.db"
    done = subprocess.run(
        [sys.executable, "-m", "sitrep", "run", str(corpus), "--db", str(db), "--dask", "local:2", "--quiet",
         "--map", "text=text,title=title,publisher=publisher,published=published"],
        capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    with Store(db, readonly=True) as store:
        assert store.status_counts()["analyzed"] == 6


def test_dask_worker_killed_mid_run_loses_and_doubles_nothing(pg_url: str, corpus: Path, light_pipeline,
                                                               reference, cluster):
    from distributed import Client

    _fill(pg_url, corpus)
    with Client(cluster) as client:
        pids = list(client.run(os.getpid).values())
    result: dict[str, object] = {}

    def run() -> None:
        with Store(pg_url) as store:
            result["summary"] = analyze(store, pipeline=light_pipeline, dask=cluster.scheduler_address, batch_size=2)

    thread = threading.Thread(target=run)
    thread.start()
    killed_with_pending = None
    with Store(pg_url, readonly=True) as watch:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and thread.is_alive():
            done = watch.status_counts()["analyzed"]
            if done >= 2:
                killed_with_pending = 40 - done
                os.kill(pids[0], signal.SIGKILL)
                break
            time.sleep(0.05)
    thread.join(600)
    assert not thread.is_alive(), "the run still goes on 600 s after one of its workers was killed"
    assert killed_with_pending, "the worker was not killed while documents were still pending"
    with Store(pg_url) as store:
        assert store.status_counts()["analyzed"] == 40
        _assert_no_duplicates(store)
        assert stored_records(store) == reference
    # The cluster is the module's: the next test (whatever the order) gets both workers back.
    with Client(cluster) as client:
        client.wait_for_workers(2, timeout=300)


CLIENT = textwrap.dedent("""
    import sys
    from sitrep.pipeline import build_pipeline
    from sitrep.store import Store
    from sitrep.workflow import analyze
    with Store(sys.argv[1]) as store:
        analyze(store, pipeline=build_pipeline(only=["time"]), dask="local:2", batch_size=2)
""")


def test_dask_client_killed_mid_run_next_run_completes_without_duplicates(pg_url: str, corpus: Path,
                                                                          light_pipeline, reference, cluster):
    _fill(pg_url, corpus)
    proc = subprocess.Popen([sys.executable, "-c", CLIENT, pg_url], start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    killed_with_pending = None
    try:
        with Store(pg_url, readonly=True) as watch:
            deadline = time.monotonic() + 400
            while time.monotonic() < deadline and proc.poll() is None:
                done = watch.status_counts()["analyzed"]
                if done >= 2:
                    killed_with_pending = 40 - done
                    break
                time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the client and its local cluster's workers, at once
        proc.wait(60)
    assert killed_with_pending, "the client was not killed while documents were still pending"
    wait_for_claim_sessions(pg_url, 0)  # the server has ended the dead client's session, and its claims
    with Store(pg_url) as store:
        left = store.count_pending(light_pipeline.version)
        assert 0 < left < 40
        summary = analyze(store, pipeline=light_pipeline, dask=cluster.scheduler_address)
        assert summary.analyzed <= left  # the killed run's last writes may still land: never more than was left
        assert store.status_counts()["analyzed"] == 40
        _assert_no_duplicates(store)
        assert stored_records(store) == reference


def _concurrent_run(url: str, corpus: str, pipeline, queue, ingested) -> None:
    with Store(url) as store:
        ingest(store, [corpus], IngestOptions(mapping=MAPPING))
        # every run starts analyzing only once all have ingested: on a loaded machine the first
        # run could otherwise analyze the whole corpus while the others are still ingesting
        ingested.wait(timeout=300)
        summary = analyze(store, pipeline=pipeline, batch_size=2)
        queue.put(summary.analyzed)


def test_four_concurrent_runs_into_postgresql_analyze_each_document_exactly_once(pg_url: str, corpus: Path,
                                                                                  light_pipeline, reference):
    """4 processes ingest the same corpus and analyze at once: the analyzed counts add up to the
    corpus (no document analyzed by two runs), every record once, equal to one run's."""
    with Store(pg_url):
        pass
    ctx = multiprocessing.get_context("fork")  # the children inherit the loaded pipeline
    queue, ingested = ctx.Queue(), ctx.Barrier(4)
    procs = [ctx.Process(target=_concurrent_run, args=(pg_url, str(corpus), light_pipeline, queue, ingested))
             for _ in range(4)]
    for p in procs:
        p.start()
    assert join_or_kill(procs, 600) == [0, 0, 0, 0]
    counts = [queue.get(timeout=5) for _ in procs]
    assert sum(counts) == 40, counts
    assert sum(1 for c in counts if c) >= 2, f"the work was not shared: {counts}"
    with Store(pg_url) as store:
        assert store.status_counts() | {"documents": 40, "analyzed": 40} == store.status_counts()
        _assert_no_duplicates(store)
        assert stored_records(store) == reference
