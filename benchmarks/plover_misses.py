"""PLOVER GSR dev, tune half only: the records whose actors or recipients sitrep gets wrong.

Prints, for each tune-half record (0-based even position, ``plover_split``) where the aligned
event's actors or recipients do not match the gold ones one to one, the gold parties, sitrep's
parties and the text, for error study. It refuses the check half: that half is for reporting.

Usage: ``SITREP_SHARED=/path/to/shared python benchmarks/plover_misses.py``.
"""

from __future__ import annotations

from collections import Counter

from common import shared_dir  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.evaluation.runner import GoldText  # noqa: E402
from sitrep.stages.events.scorer import (  # noqa: E402
    align,
    gold_parties,
    match_parties,
    plover_split,
    read_gold,
)


def main() -> None:
    records = [r for i, r in enumerate(read_gold(shared_dir() / "events" / "plover_gsr_dev.jsonl"))
               if plover_split(i) == "tune"]
    golds = [GoldText(str(r.get("id", i)), r["text"]) for i, r in enumerate(records)]
    run = run_documents(build_for(get_task("events")), golds)
    tally: Counter[str] = Counter()
    for rec, analysis in zip(records, run.analyses, strict=True):
        ev = align(analysis.events, rec.get("eventText", ""))
        actors = {a.id: a for a in analysis.actors}
        for role, pred, gold in (("actor", ev.actors if ev else [], gold_parties(rec.get("source"))),
                                 ("recipient", ev.recipients if ev else [], gold_parties(rec.get("target")))):
            tp, npred, ngold = match_parties(pred, gold, rec["text"], actors, analysis.mentions, analysis.places)
            if tp == npred == ngold:
                continue
            kind = "no-event" if ev is None else "missing" if not npred else "extra" if not ngold else "wrong"
            tally[f"{role}:{kind}"] += 1
            names = [f"{actors[a].name}[{actors[a].country}]" if a in actors else a for a in pred]
            print(f"{role}:{kind} {rec.get('event')} trig={ev.trigger if ev else None!r} "
                  f"G={[(g.get('actorText'), g.get('code')) for g in gold]} S={names}\n    {rec['text'][:400]!r}")
    print(tally.most_common())


if __name__ == "__main__":
    main()
