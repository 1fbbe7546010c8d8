"""The generic victims of an event never take a doer's state (issue 13, branch events64): the switch
``territory.VICTIMS_NOT_DOERS`` measured leave one wave out, and the generic victims whose state is
a doer's counted on the FA-KES tune half (``--count``).

``benchmarks/events_state_parties.py`` (events63) counted 19 recipients whose country is a doer's.
``--count`` lists, on the tune half only, every predicted generic recipient (``<ISO3>_<SECTOR>``
with no mention in the event's sentence: the victim reader's people) whose state is the state of
one of the event's predicted actors, with the coder's recipients and the sentence.

The study: the tune half is run with the switch off and on (``events_recipient_links.tune_runs``);
``events_side_missing.switch_study`` (leave one wave out over ``events_side_missing.WAVES``; the
count is right actors + right recipients on matched events). PLOVER GSR dev, tune part
(``scorer.plover_split``), is scored off and on. The ``check`` half is not run here.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_victims_not_doers.py
[--count]``. Writes ``benchmarks/results/events_victims_not_doers.json``.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from common import REPO, shared_dir  # noqa: E402  (puts the repository's src on sys.path)
from events_recipient_links import score_subset, tune_runs  # noqa: E402
from events_side_missing import (  # noqa: E402
    PLOVER_KEYS,
    right_actors,
    right_recipients,
    switch_study,
)

from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.evaluation.runner import GoldText  # noqa: E402
from sitrep.stages.events import territory  # noqa: E402
from sitrep.stages.events.scorer import plover_split, read_gold  # noqa: E402
from sitrep.stages.events.scorer import score as score_events  # noqa: E402

OUT = REPO / "benchmarks" / "results" / "events_victims_not_doers.json"
SWITCHES = ("VICTIMS_NOT_DOERS",)
KEYS = ("event_f1", "matched", "actor_accuracy", "recipient_accuracy", "recipient_f1", "place_accuracy",
        "status_accuracy")


def right_parties(scored: dict[str, Any]) -> int:
    """Right actors + right recipients of a scored subset (on its matched events)."""
    return right_actors(scored) + right_recipients(scored)


def plover_tune() -> dict[str, dict[str, Any]]:
    """PLOVER GSR dev, tune part: ``PLOVER_KEYS`` with the switch off and on (restored after)."""
    records = [r for i, r in enumerate(read_gold(shared_dir() / "events" / "plover_gsr_dev.jsonl"))
               if plover_split(i) == "tune"]
    golds = [GoldText(str(r.get("id", i)), r["text"]) for i, r in enumerate(records)]
    saved = territory.VICTIMS_NOT_DOERS
    out = {}
    try:
        for label, on in (("off", False), ("on", True)):
            territory.VICTIMS_NOT_DOERS = on
            scored = score_events(records, run_documents(build_for(get_task("events")), golds).analyses)
            out[label] = {k: scored[k] for k in PLOVER_KEYS}
            print("PLOVER dev tune", label, out[label], flush=True)
    finally:
        territory.VICTIMS_NOT_DOERS = saved
    return out


def passes(result: dict[str, Any]) -> bool:
    """The pre-registered bar (``docs/benchmarks.md``, events64): mean per-wave gain > sd; event F1,
    place and status on all tune not lower by more than 0.002; PLOVER tune actor and recipient F1 not
    lower."""
    lowo = result["leave_one_wave_out"]
    off, on = result["all_off"], result["on_all_tune"]
    plover = result["plover_tune"]
    return (lowo["mean"] > lowo["sd"]
            and all(on[k] >= off[k] - 0.002 for k in ("event_f1", "place_accuracy", "status_accuracy"))
            and all(plover["on"][k] >= plover["off"][k] for k in ("actor_f1", "recipient_f1")))


def count() -> None:
    """Print every generic recipient of a tune event whose state is one of the event's doers'."""
    from events_actor_misses import tune_matches
    from events_state_parties import _mentions_in

    from sitrep.stages.events.article_scorer import _pairs

    n = 0
    for m in tune_matches():
        doers = {c for a in m.predicted.actors if (actor := m.actors.get(a)) and (c := actor.country)}
        for r in m.predicted.recipients:
            actor = m.actors.get(r)
            if actor is None or actor.country not in doers or _mentions_in(m, r) or not r.startswith(f"{actor.country}_"):
                continue
            n += 1
            right = bool(_pairs([r], m.gold.recipients, m.actors, m.spans))
            print(f"{m.document} {m.text[m.gold.trigger[0]:m.gold.trigger[1]]!r} P={actor.name} right={right} "
                  f"G={[e.text for e in m.gold.recipients]}\n    {m.text[m.gold.sentence[0]:m.gold.sentence[1]][:240]!r}")
    print("generic recipients of a doer's state:", n)


def main() -> None:
    if "--count" in sys.argv:
        count()
        return
    articles, runs = tune_runs(SWITCHES, KEYS, module=territory)
    result = switch_study(articles, runs, SWITCHES, right_parties, "right_parties_gain", "actor_accuracy", KEYS)
    result["on_all_tune"] = {k: score_subset(articles, runs[(True,)], list(range(len(articles))))[k] for k in KEYS}
    result["plover_tune"] = plover_tune()
    result["bar_passes"] = passes(result)
    alone = result["VICTIMS_NOT_DOERS alone"]
    print("per-wave gains", alone["gains"], "mean", alone["mean"], "sd", alone["sd"])
    print("all tune off", result["all_off"], "\non", result["on_all_tune"], "\nbar passes", result["bar_passes"])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
