"""Why the frozen record check (``benchmarks/data/frozen/record_model.json``) drops PLOVER GSR
events (branch record1, issue 13): on PLOVER GSR dev, **tune part only**, every event's recorded
features, the frozen model's probability, and for the dropped ones the features that pushed them
down (weight times value, most negative first). Nothing of the check part is read.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_record_diagnosis.py``.
Writes ``benchmarks/results/events_record_diagnosis.json``.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from common import REPO, plover_tune_gold  # noqa: E402  (puts the repository's src on sys.path)

import sitrep.stages.events.record_model as record_model  # noqa: E402
from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402

FROZEN = REPO / "benchmarks" / "data" / "frozen" / "record_model.json"
OUT = REPO / "benchmarks" / "results" / "events_record_diagnosis.json"


def recorded_plover_tune() -> list[tuple[str, str, dict[str, float]]]:
    """(record id, event id, features) of every event sitrep finds in the PLOVER dev tune part."""
    records, golds = plover_tune_gold()
    record_model.USE, record_model.RECORD = True, []
    record_model._LOADED[record_model.MODEL_FILE] = None  # every event kept, its features recorded
    try:
        run_documents(build_for(get_task("events")), golds)
        return list(record_model.RECORD)
    finally:
        record_model.USE, record_model.RECORD = False, None
        record_model._LOADED.clear()


def main() -> None:
    model = record_model.RecordModel.load(FROZEN)
    if model is None:
        raise SystemExit(f"no frozen model at {FROZEN}")
    rows = recorded_plover_tune()
    dropped = [(d, f) for d, _, f in rows if not model.keeps(f)]
    pushes: Counter[str] = Counter()
    present: Counter[str] = Counter()
    for _, f in dropped:
        for k in f:
            present[k] += 1
            pushes[k] += model.weights.get(k, 0.0)
    kept_present = Counter(k for _, _, f in rows if model.keeps(f) for k in f)
    docs_with_event = {d for d, _, _ in rows}
    docs_dropped_all = docs_with_event - {d for d, _, f in rows if model.keeps(f)}
    result: dict[str, Any] = {
        "events": len(rows), "dropped": len(dropped), "records_with_an_event": len(docs_with_event),
        "records_left_with_none": len(docs_dropped_all),
        "dropped_in_scope_repeats": sum(record_model.in_scope("repeats", f) for _, f in dropped),
        "dropped_in_scope_after_lead": sum(record_model.in_scope("after_lead", f) for _, f in dropped),
        "dropped_feature_share": {k: round(n / max(1, len(dropped)), 3) for k, n in present.most_common(25)},
        "kept_feature_share": {k: round(kept_present[k] / max(1, len(rows) - len(dropped)), 3)
                               for k, _ in present.most_common(25)},
        "summed_weight_over_dropped": {k: round(v, 2) for k, v in sorted(pushes.items(), key=lambda kv: kv[1])[:20]},
        "intercept": model.intercept, "threshold": model.threshold,
    }
    print(json.dumps(result, indent=1))
    OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
