"""The report's source is no party of the event it reports (issue 13, branch events67): the switch
``attribution.SOURCE_NOT_PARTY`` measured leave one wave out.

``benchmarks/events_source_parties.py`` counts, on the FA-KES tune half, the predicted actors and
recipients that are only the source of the attribution covering their event, by outcome and
component. With the switch on, such a party is dropped from the event's actors and recipients after
the context carry, barred for the learned doer (``ranker.barred``) and vetoed as the learned
recipient's choice (its candidates and model unchanged: no refit).

The tune half is run with the switch off and on (``events_recipient_links.tune_runs``); the study is
``events_side_missing.switch_study`` (leave one wave out over ``events_side_missing.WAVES``; the
count is right actors + right recipients on matched events; the bar reads the switch's own per-wave
gain). PLOVER GSR dev, tune part (``scorer.plover_split``), is scored off and on. The ``check`` half
is not run here.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_source_not_party.py``.
Writes ``benchmarks/results/events_source_not_party.json``.
"""

from __future__ import annotations

import json
from typing import Any

from common import REPO, shared_dir  # noqa: E402  (puts the repository's src on sys.path)
from events_recipient_links import score_subset, tune_runs  # noqa: E402
from events_side_missing import PLOVER_KEYS, switch_study  # noqa: E402
from events_theatre_locates import KEYS, right_parties  # noqa: E402

from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.evaluation.runner import GoldText  # noqa: E402
from sitrep.stages.events import attribution  # noqa: E402
from sitrep.stages.events.scorer import plover_split, read_gold  # noqa: E402
from sitrep.stages.events.scorer import score as score_events  # noqa: E402

OUT = REPO / "benchmarks" / "results" / "events_source_not_party.json"
SWITCH = "SOURCE_NOT_PARTY"
#: the pre-registered tolerances (docs/benchmarks.md, events67)
TOLERANCE = 0.002


def plover_tune() -> dict[str, dict[str, Any]]:
    """PLOVER GSR dev, tune part: ``PLOVER_KEYS`` with the switch off and on (restored after)."""
    records = [r for i, r in enumerate(read_gold(shared_dir() / "events" / "plover_gsr_dev.jsonl"))
               if plover_split(i) == "tune"]
    golds = [GoldText(str(r.get("id", i)), r["text"]) for i, r in enumerate(records)]
    saved = getattr(attribution, SWITCH)
    out = {}
    try:
        for label, on in (("off", False), ("on", True)):
            setattr(attribution, SWITCH, on)
            scored = score_events(records, run_documents(build_for(get_task("events")), golds).analyses)
            out[label] = {k: scored[k] for k in PLOVER_KEYS}
            print("PLOVER dev tune", label, out[label], flush=True)
    finally:
        setattr(attribution, SWITCH, saved)
    return out


def passes(result: dict[str, Any]) -> bool:
    """The pre-registered bar (docs/benchmarks.md, events67): the switch's per-wave gain in right
    actors + right recipients has mean > sd; event F1, place and status on all tune not lower by more
    than 0.002; PLOVER tune actor and recipient F1 not lower by more than 0.002."""
    alone = result[f"{SWITCH} alone"]
    off, on = result["all_off"], result["on_all_tune"]
    plover = result["plover_tune"]
    return (alone["mean"] > alone["sd"]
            and all(on[k] >= off[k] - TOLERANCE for k in ("event_f1", "place_accuracy", "status_accuracy"))
            and all(plover["on"][k] >= plover["off"][k] - TOLERANCE for k in ("actor_f1", "recipient_f1")))


def main() -> None:
    switches = (SWITCH,)
    articles, runs = tune_runs(switches, KEYS, module=attribution)
    result = switch_study(articles, runs, switches, right_parties, "right_parties_gain", "actor_accuracy", KEYS)
    result["on_all_tune"] = {k: score_subset(articles, runs[(True,)], list(range(len(articles))))[k] for k in KEYS}
    result["plover_tune"] = plover_tune()
    result["bar_passes"] = passes(result)
    alone = result[f"{SWITCH} alone"]
    print("per-wave gains", alone["gains"], "mean", alone["mean"], "sd", alone["sd"])
    print("all tune off", result["all_off"], "\non", result["on_all_tune"], "\nbar passes", result["bar_passes"])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
