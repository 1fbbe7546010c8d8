"""PLOVER GSR dev half: the events scorer, hybrid (shipped) vs lexicon-only, one run.

Both variants run through the evaluation runner as ``sitrep eval events`` does (ingest,
then ``build_pipeline(only=["events"])``); the lexicon-only one with the option
``{"events": {"use_model": False}}``. Everything before the events stage is the same
deterministic code on the same texts, so the difference is the learned model alone.
Metrics as in ``sitrep eval events`` (see ``sitrep.stages.events.scorer``); also prints
the confusion pairs (gold → sitrep) for the misses. Writes ``benchmarks/results/plover_dev.json``.

Usage: ``SITREP_SHARED=/path/to/shared python benchmarks/plover_dev.py``.
"""

from __future__ import annotations

import json
from collections import Counter

from common import REPO, shared_dir  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.evaluation.runner import GoldText  # noqa: E402
from sitrep.stages.events.scorer import align, gold_category, read_gold, score  # noqa: E402

OUT = REPO / "benchmarks" / "results" / "plover_dev.json"


def main() -> None:
    records = read_gold(shared_dir() / "events" / "plover_gsr_dev.jsonl")
    golds = [GoldText(str(r.get("id", i)), r["text"]) for i, r in enumerate(records)]
    task = get_task("events")
    result = {}
    for variant, options in (("hybrid", {}), ("lexicon_only", {"events": {"use_model": False}})):
        run = run_documents(build_for(task, options=options), golds)
        done = run.analyses
        result[variant] = score(records, done)
        if variant == "hybrid":
            misses = Counter()
            for rec, a in zip(records, done, strict=True):
                ev = align(a.events, rec.get("eventText", ""))
                pred = ev.category if ev else "NONE"
                if pred != gold_category(rec):
                    misses[f"{gold_category(rec)}->{pred}"] += 1
            result["hybrid_misses"] = dict(misses.most_common())
    keys = ["category_accuracy", "category_macro_f1", "actor_f1", "recipient_f1", "n"]
    print("variant".ljust(14) + "".join(k.rjust(20) for k in keys))
    for variant in ("hybrid", "lexicon_only"):
        print(variant.ljust(14) + "".join(str(result[variant][k]).rjust(20) for k in keys))
    print("misses (gold->sitrep):", result["hybrid_misses"])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
