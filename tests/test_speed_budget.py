"""The speed budget's CPU attribution (``benchmarks/speed_budget.py``, issue 16): every second
goes to exactly one owner, a stage is not charged for what it pulls from upstream, and the
garbage collector's passes go to ``gc``."""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

import speed_budget  # noqa: E402


def _spin(seconds: float) -> None:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def _source(n: int):
    for i in range(n):
        _spin(0.01)
        yield i


def _stage(upstream):
    for item in upstream:
        _spin(0.03)
        yield item


def test_each_owner_is_charged_its_own_time_only():
    clock = speed_budget.Clock()
    upstream = speed_budget.Owned(clock, "upstream", _source(5))
    downstream = speed_budget.Owned(clock, "downstream", _stage(upstream))
    start = time.process_time()
    clock.last = start
    assert list(downstream) == [0, 1, 2, 3, 4]
    clock.switch("other")
    total = clock.last - start  # the clock's own last reading: the time up to the final switch
    seconds = clock.seconds
    assert abs(sum(seconds.values()) - total) < 1e-6  # nothing lost, nothing counted twice
    assert 0.05 <= seconds["upstream"] < 0.1
    assert 0.15 <= seconds["downstream"] < 0.25  # its own 5 x 0.03 s, not the upstream's 5 x 0.01 s


def test_garbage_collection_is_charged_to_gc():
    clock = speed_budget.Clock()
    before = list(gc.callbacks)
    try:
        speed_budget.instrument_gc(clock)
        clock.switch("stage")
        garbage = []
        for _ in range(200):  # reference cycles: only the collector frees them
            node: list[object] = []
            node.append(node)
            garbage.append(node)
        del garbage, node
        gc.collect()
        clock.switch("other")
    finally:
        gc.callbacks[:] = before
    assert clock.seconds["gc"] > 0
    assert clock.owner == "other"  # the owner before the pass is restored after it
