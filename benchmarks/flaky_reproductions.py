"""Reproductions of the races found by the flaky-test hunt (branch flaky1, ``docs/benchmarks/hardening.md``).

Usage (from the repository root, ``PYTHONPATH=src``)::

    python benchmarks/flaky_reproductions.py claims [N]        # the PostgreSQL claims test body, N times on one server
    python benchmarks/flaky_reproductions.py kill-workers [N]  # kill_workers on a 2-worker pool; default and deaf
                                                               # workers, with the second kill delayed 0.2 s
    python benchmarks/flaky_reproductions.py watch-signal [N]  # N processes: a Watcher pausing, one real SIGALRM whose
                                                               # handler calls stop(); how many hung (5 s each)

Each prints its counts; nothing is asserted (the tests do that). Run it on ``main`` and on the
branch to compare.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def claims(n: int) -> str:
    sys.path.insert(0, str(REPO / "tests"))
    import test_store_backends
    from pgserver import PostgresServer

    failures = 0
    with PostgresServer() as server:
        for i in range(n):
            url = server.create_database(f"r{i}")
            try:
                test_store_backends.test_postgres_claims_are_exclusive_and_die_with_their_process(url)
            except AssertionError:
                failures += 1
                print(f"run {i}: {traceback.format_exc().splitlines()[-3].strip()}", flush=True)
    return f"claims: {failures} failures in {n}"


def _block(seconds: float) -> None:
    time.sleep(seconds)


def _deaf() -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def _kill_once(deaf: bool) -> tuple[int | None, ...] | str:
    from concurrent.futures import ProcessPoolExecutor

    from sitrep.workflow import kill_workers

    ctx = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(2, mp_context=ctx, initializer=_deaf if deaf else None)
    for _ in range(2):
        pool.submit(_block, 600)
    time.sleep(0.5)  # both workers started and ran their initializer (a reproduction, not a test)
    procs = list(pool._processes.values())
    kill_workers(pool)
    done = threading.Thread(target=pool.shutdown, kwargs={"wait": True, "cancel_futures": True})
    done.start()
    done.join(60)
    return "hung" if done.is_alive() else tuple(p.exitcode for p in procs)


def kill_workers_runs(n: int) -> str:
    out = [f"kill-workers, no delay, default workers: {dict(Counter(_kill_once(False) for _ in range(n)))}"]
    from multiprocessing import popen_fork

    real = popen_fork.Popen.kill
    calls: list[int] = []

    def delayed(self: popen_fork.Popen) -> None:  # a test thread descheduled between its two kills
        calls.append(self.pid)
        if len(calls) % 2 == 0:
            time.sleep(0.2)
        real(self)

    popen_fork.Popen.kill = delayed  # type: ignore[method-assign]
    for deaf in (False, True):
        counts = Counter(_kill_once(deaf) for _ in range(n))
        out.append(f"kill-workers, second kill delayed 0.2 s, {'deaf' if deaf else 'default'} workers: {dict(counts)}")
    return "\n".join(out)


def watch_trial() -> None:
    import logging

    from sitrep.store import Store
    from sitrep.watch import Watcher, WatchOptions

    logging.disable(logging.CRITICAL)
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "s.db") as store:
        watcher = Watcher(store, WatchOptions(feeds=[], folders=[], every_minutes=0, analyze=False))
        signal.signal(signal.SIGALRM, lambda signum, frame: watcher.stop())
        signal.setitimer(signal.ITIMER_REAL, random.uniform(0.05, 0.3))
        watcher.run()


def watch_signal(n: int) -> str:
    hung = 0
    for _ in range(n):
        try:
            subprocess.run([sys.executable, __file__, "watch-trial"], timeout=5, check=True, capture_output=True)
        except subprocess.TimeoutExpired:
            hung += 1
    return f"watch-signal: {hung} of {n} hung"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["claims", "kill-workers", "watch-signal", "watch-trial"])
    parser.add_argument("n", type=int, nargs="?", default=None)
    args = parser.parse_args()
    if args.what == "watch-trial":
        watch_trial()
        return
    runs = {"claims": (claims, 100), "kill-workers": (kill_workers_runs, 10), "watch-signal": (watch_signal, 40)}
    function, default = runs[args.what]
    print(function(args.n or default))


if __name__ == "__main__":
    main()
