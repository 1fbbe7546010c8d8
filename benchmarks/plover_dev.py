"""PLOVER GSR dev half: the events scorer, hybrid (shipped) vs lexicon-only, one run.

Both variants run on the same parsed and actor-resolved analyses (full pipeline up to
the events stage), so the difference is the learned category model alone. Metrics as in
``sitrep eval events`` (see ``sitrep.stages.events.scorer``); also prints the confusion
pairs (gold → sitrep) for the misses. Writes ``benchmarks/results/plover_dev.json``.

Usage: ``SITREP_SHARED=/path/to/shared python benchmarks/plover_dev.py``.
"""

from __future__ import annotations

import json
from collections import Counter

from common import REPO, shared_dir  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.nlp import load_nlp  # noqa: E402
from sitrep.pipeline import _resolve  # noqa: E402
from sitrep.records import Document  # noqa: E402
from sitrep.stages import STAGES  # noqa: E402
from sitrep.stages.base import Analysis, pipe  # noqa: E402
from sitrep.stages.events import EventStage  # noqa: E402
from sitrep.stages.events.scorer import align, gold_category, read_gold, score  # noqa: E402

OUT = REPO / "benchmarks" / "results" / "plover_dev.json"


def main() -> None:
    records = read_gold(shared_dir() / "events" / "plover_gsr_dev.jsonl")
    nlp = load_nlp()
    analyses = [Analysis(document=Document(id=str(i), sha256=str(i), text=r["text"]))
                for i, r in enumerate(records)]
    for name, path in STAGES:
        if name == "events":
            break
        analyses = list(pipe(_resolve(path)(nlp), analyses))
    result = {}
    for variant, stage in (("hybrid", EventStage(nlp)), ("lexicon_only", EventStage(nlp, use_model=False))):
        done = [stage(a) for a in analyses]
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
