"""analyze: workers give the same records as one process; a failing document is isolated."""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from sitrep.pipeline import build_pipeline
from sitrep.records import Entity, Sentence
from sitrep.store import Store
from sitrep.workflow import analyze, ingest

TEXTS = [
    "Aid convoy reaches Madaya\n\nThe convoy reached Madaya on Monday, the Red Cross said.",
    "Talks stall in Geneva\n\nDiplomats from Russia and the United States failed to agree on Tuesday.",
    "Strike hits hospital\n\nA hospital in Idlib was hit by an air strike overnight, doctors said.",
    "Truce extended\n\nThe truce was extended by 48 hours, officials in Moscow and Washington announced.",
]


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "c"
    folder.mkdir()
    for i, text in enumerate(TEXTS):
        (folder / f"{i}.txt").write_text(text)
    return folder


def _snapshot(store: Store):
    return (
        [(s.document, s.start, s.end) for s in store.records(Sentence)],
        [(e.document, e.start, e.end, e.label) for e in store.records(Entity)],
    )


@pytest.mark.slow
def test_workflow_two_workers_match_one(tmp_path: Path):
    corpus = _corpus(tmp_path)
    snaps = []
    for workers in (1, 2):
        with Store(tmp_path / f"w{workers}.db") as store:
            ingest(store, [str(corpus)])
            summary = analyze(store, workers=workers, batch_size=1)
            assert summary.analyzed == len(TEXTS) and summary.failed == 0
            snaps.append(_snapshot(store))
            assert analyze(store, workers=workers).analyzed == 0  # nothing left to do
    assert snaps[0] == snaps[1]


class _Boom:
    name, version, reads, writes = "boom", "1", ("document",), ("entities",)

    def __call__(self, analysis):
        if "hospital" in analysis.document.text:
            raise ValueError("stage bug on this document")
        return analysis


@pytest.mark.slow
def test_workflow_failing_document_is_recorded_and_others_continue(tmp_path: Path):
    corpus = _corpus(tmp_path)
    pipeline = build_pipeline(only=["parse"])
    pipeline.stages.append(_Boom())
    with Store(tmp_path / "f.db") as store:
        ingest(store, [str(corpus)])
        summary = analyze(store, pipeline=pipeline)
        assert (summary.analyzed, summary.failed) == (3, 1)
        assert "stage bug on this document" in summary.problems[0].reason
        counts = store.status_counts()
        assert counts["failed"] == 1 and counts["analyzed"] == 3
        assert analyze(store, pipeline=pipeline).analyzed == 0  # not retried until the pipeline changes


class _Slow:
    """Gives the test time to kill a worker while batches are in flight."""

    name, version, reads, writes = "slow", "1", ("document",), ()

    def __call__(self, analysis):
        time.sleep(0.15)
        return analysis


class _Poison:
    """Kills the process that analyzes a document containing the word 'poison' (a native crash)."""

    name, version, reads, writes = "poison", "1", ("document",), ()

    def __call__(self, analysis):
        if "poison" in analysis.document.text:
            os.kill(os.getpid(), signal.SIGKILL)
        return analysis


class _KillOneWorker:
    """A progress callback that kill -9s one worker process after the first document is saved.

    Only a process started after the callback was made can be a worker of the run's pool: a child
    left by another test (still alive or not yet reaped) is never the one killed.
    """

    def __init__(self) -> None:
        self.killed: list[int] = []
        self.before = {p.pid for p in multiprocessing.active_children()}

    def loading(self, description: str) -> None: ...
    def start(self, total, description) -> None: ...
    def finish(self) -> None: ...

    def advance(self, n: int = 1, *, words: int = 0) -> None:
        if not self.killed:
            workers = sorted(p.pid for p in multiprocessing.active_children() if p.pid not in self.before)
            assert workers, "no worker process of the run to kill"
            os.kill(workers[0], signal.SIGKILL)
            self.killed.append(workers[0])


def _many(tmp_path: Path, n: int, poison: int | None = None) -> Path:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(n):
        word = "poison" if i == poison else "truce"
        (folder / f"d{i:02d}.txt").write_text(f"Report {i}\n\nThe {word} held in town number {i}, officials said on Monday.")
    return folder


@pytest.mark.slow
def test_workflow_survives_a_worker_killed_with_sigkill(tmp_path: Path, caplog):
    corpus = _many(tmp_path, 24)
    pipeline = build_pipeline(only=["parse"])
    pipeline.stages.append(_Slow())
    snaps = []
    for workers, progress in ((1, None), (2, _KillOneWorker())):
        with Store(tmp_path / f"k{workers}.db") as store:
            ingest(store, [str(corpus)])
            with caplog.at_level(logging.WARNING, logger="sitrep"):
                summary = analyze(store, workers=workers, batch_size=3, pipeline=pipeline, progress=progress)
            assert (summary.analyzed, summary.failed) == (24, 0)
            snaps.append(_snapshot(store))
    assert progress.killed  # a real worker process was killed with SIGKILL
    assert summary.worker_deaths == 1
    assert snaps[0] == snaps[1]
    assert any("worker process died" in r.getMessage() for r in caplog.records)


@pytest.mark.slow
def test_workflow_document_that_kills_its_worker_every_time_is_failed_not_lost(tmp_path: Path):
    corpus = _many(tmp_path, 9, poison=4)
    pipeline = build_pipeline(only=["parse"])
    pipeline.stages.append(_Poison())
    with Store(tmp_path / "p.db") as store:
        ingest(store, [str(corpus)])
        summary = analyze(store, workers=2, batch_size=3, pipeline=pipeline)
        assert (summary.analyzed, summary.failed) == (8, 1)
        [problem] = summary.problems
        assert "died" in problem.reason
        [failed] = store.documents(status="failed")
        assert "poison" in failed.text


def test_workflow_start_method_per_platform(monkeypatch):
    from sitrep import workflow

    monkeypatch.setattr(workflow.sys, "platform", "linux")
    assert workflow.start_method() == "fork"
    for platform in ("darwin", "win32"):
        monkeypatch.setattr(workflow.sys, "platform", platform)
        assert workflow.start_method() == "spawn"


@pytest.mark.slow
def test_workflow_failed_batch_is_logged_and_retried_one_by_one(tmp_path: Path, caplog):
    corpus = _corpus(tmp_path)
    pipeline = build_pipeline(only=["parse"])
    pipeline.stages.append(_Boom())
    with Store(tmp_path / "l.db") as store, caplog.at_level(logging.DEBUG, logger="sitrep"):
        ingest(store, [str(corpus)])
        analyze(store, pipeline=pipeline, batch_size=4)
    messages = [r.getMessage() for r in caplog.records]
    assert any("batch of 4 documents failed (ValueError: stage bug on this document" in m for m in messages)
    assert any("Traceback" in m and "stage bug" in m for m in messages)  # the traceback, at DEBUG


@pytest.mark.slow
def test_workflow_spawned_workers_build_their_pipeline_and_match_one(tmp_path: Path, monkeypatch):
    """The start method used off Linux: workers get a description, not the parent's objects."""
    from sitrep import workflow

    corpus = _corpus(tmp_path)
    pipeline = build_pipeline(only=["parse"])
    snaps = []
    for workers in (1, 2):
        if workers == 2:
            monkeypatch.setattr(workflow, "start_method", lambda: "spawn")
        with Store(tmp_path / f"s{workers}.db") as store:
            ingest(store, [str(corpus)])
            summary = analyze(store, workers=workers, batch_size=1, pipeline=pipeline)
            assert (summary.analyzed, summary.failed) == (len(TEXTS), 0)
            snaps.append(_snapshot(store))
    assert snaps[0] == snaps[1]


def _block_forever(seconds: float) -> None:
    time.sleep(seconds)


def _deaf_to_sigterm(started) -> None:  # type: ignore[no-untyped-def]
    """Pool initializer: ignore SIGTERM, then say so (the worker's pid on ``started``)."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    started.put(os.getpid())


def test_workflow_kill_workers_stops_every_process_of_a_pool():
    """``kill_workers`` kills (SIGKILL) every worker of the pool.

    Once the first worker dies, the pool's manager thread also stops the others, with SIGTERM:
    if this thread is descheduled between its two kills (a loaded machine), the second worker
    could die of that SIGTERM instead (exit code -15), and a ``kill_workers`` that killed only
    one worker would pass. The workers ignore SIGTERM, so only ``kill_workers`` can end them:
    the exit codes are -9 whatever the timing, and a worker it missed keeps the pool's shutdown
    waiting (the test fails on the deadline).
    """
    from concurrent.futures import ProcessPoolExecutor

    from sitrep.workflow import kill_workers

    ctx = multiprocessing.get_context("fork")
    started = ctx.Queue()
    pool = ProcessPoolExecutor(2, mp_context=ctx, initializer=_deaf_to_sigterm, initargs=(started,))
    futures = [pool.submit(_block_forever, 600) for _ in range(2)]
    pids = {started.get(timeout=60) for _ in range(2)}  # both workers run, deaf to SIGTERM
    procs = list(pool._processes.values())
    assert {p.pid for p in procs} == pids and all(p.is_alive() for p in procs)
    kill_workers(pool)
    # The pool's own manager thread reaps the killed workers (it sees them die and joins them);
    # joining them here as well races with it for the same exit status, so the test waits for the
    # pool's shutdown instead, in a thread with a deadline: before the fix it could spin for ever.
    done = threading.Thread(target=pool.shutdown, kwargs={"wait": True, "cancel_futures": True})
    done.start()
    done.join(60)
    missed = done.is_alive()
    if missed:  # no worker left behind for the next tests
        for proc in procs:
            proc.kill()
        done.join(60)
    assert not missed, "the pool's shutdown still waited 60 s after kill_workers: a worker was not killed"
    assert [p.exitcode for p in procs] == [-signal.SIGKILL, -signal.SIGKILL]
    assert [f.done() for f in futures] == [True, True]
