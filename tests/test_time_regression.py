"""Pin the time stage's TempEval-3 scores on a fixed subset of TE3 platinum.

Subset: every other file of ``te3_platinum`` in sorted order (10 documents,
84 gold TIMEX3). Measured on 2026-11-21: strict F1 0.838, relaxed F1 0.946,
value F1 0.850, type accuracy 0.975. The floors sit about three gold
expressions below those figures, so a real regression fails while a harmless
one-expression wobble does not. (The full benchmark: benchmarks/time_bench.py.)
"""

from __future__ import annotations

import pytest
from conftest import SHARED, needs_shared

pytestmark = [needs_shared, pytest.mark.shared, pytest.mark.slow]

FLOORS = {"strict_f1": 0.80, "relaxed_f1": 0.92, "value_f1": 0.82, "type_accuracy": 0.94}


def test_time_regression_te3_platinum_subset(nlp):
    from sitrep.evaluation import build_for, get_task, run_documents
    from sitrep.evaluation.tasks import time_texts
    from sitrep.stages.time.scorer import predictions, score
    from sitrep.stages.time.timeml import read_folder

    docs = read_folder(SHARED / "time" / "te3_platinum")[::2]
    assert len(docs) == 10
    run = run_documents(build_for(get_task("time")), time_texts(docs))
    metrics = score(docs, [predictions(a.times) for a in run.analyses]).metrics()
    assert metrics["n_gold"] == 84
    for key, floor in FLOORS.items():
        assert metrics[key] >= floor, f"{key} fell to {metrics[key]} (floor {floor})"
