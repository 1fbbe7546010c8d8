"""Run a set of tests many times, optionally shuffled and under CPU load, and count failures per test.

Usage::

    OMP_NUM_THREADS=1 PYTHONPATH=src python scripts/stress_tests.py --runs 20 --load 2 [--shuffle SEED] NODEID...

``--load K`` starts K busy loops (one CPU each, ``while True: pass``) for the whole stress run and
stops them after (by their process ids); ``--shuffle SEED`` runs the node ids in a new random order
each run (seeded: the orders can be replayed). Each run is one ``pytest`` process with its own
JUnit XML report; the script prints one line per run (passed, failed, errors, skipped, seconds,
load average) and a table of every test that failed or errored at least once, with the first line
of each distinct message. Exit 1 if any run had a failure or an error.

Used for the flaky-test hunt in ``docs/benchmarks/hardening.md`` (branch flaky1).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path

BUSY = "while True: pass"


def _results(report: Path) -> list[tuple[str, str, str]]:
    """``(node id, outcome, message)`` of each test case in a JUnit XML report."""
    out = []
    for case in ET.parse(report).getroot().iter("testcase"):
        name = f"{case.get('classname', '')}::{case.get('name', '')}"
        outcome, message = "passed", ""
        for kind in ("failure", "error", "skipped"):
            found = case.find(kind)
            if found is not None:
                outcome, message = kind, (found.get("message") or "").splitlines()[0][:160] if found.get("message") else ""
                break
        out.append((name, outcome, message))
    return out


def _one_run(nodeids: list[str], report: Path, extra: list[str]) -> tuple[int, float]:
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={report}",
                           *extra, *nodeids], capture_output=True, text=True, check=False)
    return done.returncode, time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("nodeids", nargs="+")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--load", type=int, default=0, help="busy loops to start for the whole stress run")
    parser.add_argument("--shuffle", type=int, default=None, help="seed: a new random test order each run")
    parser.add_argument("--pytest-arg", action="append", default=[], help="passed on to pytest (repeatable)")
    args = parser.parse_args()
    busy = [subprocess.Popen([sys.executable, "-c", BUSY]) for _ in range(args.load)]
    failures: dict[str, Counter[str]] = defaultdict(Counter)
    totals: Counter[str] = Counter()
    rng = random.Random(args.shuffle)
    try:
        with tempfile.TemporaryDirectory(prefix="sitrep-stress-") as folder:
            for run in range(args.runs):
                order = list(args.nodeids)
                if args.shuffle is not None:
                    rng.shuffle(order)
                report = Path(folder) / f"run{run}.xml"
                code, seconds = _one_run(order, report, args.pytest_arg)
                results = _results(report) if report.exists() else [("<pytest>", "error", f"exit {code}, no report")]
                counts = Counter(outcome for _, outcome, _ in results)
                totals.update(counts)
                for name, outcome, message in results:
                    if outcome in ("failure", "error"):
                        failures[name][f"{outcome}: {message}"] += 1
                print(f"run {run + 1}/{args.runs}: {counts['passed']} passed, {counts['failure']} failed, "
                      f"{counts['error']} errors, {counts['skipped']} skipped in {seconds:.1f} s; "
                      f"load {os.getloadavg()[0]:.1f}", flush=True)
    finally:
        for proc in busy:
            proc.kill()
            proc.wait()
    print(f"total: {totals['passed']} passed, {totals['failure']} failed, {totals['error']} errors, "
          f"{totals['skipped']} skipped over {args.runs} runs")
    for name, messages in sorted(failures.items()):
        for message, n in messages.most_common():
            print(f"  {n}x {name}: {message}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
