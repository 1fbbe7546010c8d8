"""A place of the document's theatre locates an event, it does not make its state the recipient
(issue 13, branch events63): the switch ``territory.THEATRE_LOCATES`` measured leave one wave out.

``benchmarks/events_state_parties.py`` counts, on the FA-KES tune half, the predicted state parties
the coder does not give, by source; the largest class a general reading can address is a state given
as the recipient because one of the event's argument phrases names a place inside it
(``territory.place_recipients``: a town "in the north-east of Syria" → Syria) in a
report about that state's war. With the switch on, the state the document's places lie in (its
theatre), when the document names at least ``THEATRE_MIN_PLACES`` distinct places of it, is no
territory recipient.

The tune half is run with the switch off and on (``events_recipient_links.tune_runs``); the study is
``events_side_missing.switch_study`` (leave one wave out over ``events_side_missing.WAVES``; the
count is right actors + right recipients on matched events). PLOVER GSR dev, tune part
(``scorer.plover_split``), is scored off and on. The ``check`` half is not run here.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_theatre_locates.py``.
Writes ``benchmarks/results/events_theatre_locates.json``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import REPO, plover_tune_gold  # noqa: E402  (puts the repository's src on sys.path)
from events_recipient_links import score_subset, tune_runs  # noqa: E402
from events_side_missing import (  # noqa: E402
    PLOVER_KEYS,
    right_actors,
    right_recipients,
    switch_study,
)

from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.stages.events import territory  # noqa: E402
from sitrep.stages.events.scorer import score as score_events  # noqa: E402

OUT = REPO / "benchmarks" / "results" / "events_theatre_locates.json"
SWITCHES = ("THEATRE_LOCATES",)
KEYS = ("event_f1", "matched", "actor_accuracy", "recipient_accuracy", "recipient_f1", "place_accuracy",
        "status_accuracy")


def right_parties(scored: dict[str, Any]) -> int:
    """Right actors + right recipients of a scored subset (on its matched events)."""
    return right_actors(scored) + right_recipients(scored)


def plover_tune(switch: str = SWITCHES[0], module: Any = territory) -> dict[str, dict[str, Any]]:
    """PLOVER GSR dev, tune part: ``PLOVER_KEYS`` with ``module.<switch>`` off and on (restored after)."""
    records, golds = plover_tune_gold()
    saved = getattr(module, switch)
    out = {}
    try:
        for label, on in (("off", False), ("on", True)):
            setattr(module, switch, on)
            scored = score_events(records, run_documents(build_for(get_task("events")), golds).analyses)
            out[label] = {k: scored[k] for k in PLOVER_KEYS}
            print("PLOVER dev tune", label, out[label], flush=True)
    finally:
        setattr(module, switch, saved)
    return out


def passes(result: dict[str, Any]) -> bool:
    """The pre-registered bar (``docs/benchmarks.md``, events63; events64 the same): mean per-wave gain > sd; event F1,
    place and status on all tune not lower by more than 0.002; PLOVER tune actor and recipient F1 not
    lower."""
    lowo = result["leave_one_wave_out"]
    off, on = result["all_off"], result["on_all_tune"]
    plover = result["plover_tune"]
    return (lowo["mean"] > lowo["sd"]
            and all(on[k] >= off[k] - 0.002 for k in ("event_f1", "place_accuracy", "status_accuracy"))
            and all(plover["on"][k] >= plover["off"][k] for k in ("actor_f1", "recipient_f1")))


def run_study(switch: str, out: Path, module: Any = territory,
              bar: Callable[[dict[str, Any]], bool] = passes) -> None:
    """``module.<switch>`` on the tune half leave one wave out, on all tune and on PLOVER tune,
    against ``bar``; written to ``out`` (events63's study; other switch studies run it too)."""
    switches = (switch,)
    articles, runs = tune_runs(switches, KEYS, module=module)
    result = switch_study(articles, runs, switches, right_parties, "right_parties_gain", "actor_accuracy", KEYS)
    result["on_all_tune"] = {k: score_subset(articles, runs[(True,)], list(range(len(articles))))[k] for k in KEYS}
    result["plover_tune"] = plover_tune(switch, module)
    result["bar_passes"] = bar(result)
    alone = result[f"{switch} alone"]
    print("per-wave gains", alone["gains"], "mean", alone["mean"], "sd", alone["sd"])
    print("all tune off", result["all_off"], "\non", result["on_all_tune"], "\nbar passes", result["bar_passes"])
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    run_study(SWITCHES[0], OUT)


if __name__ == "__main__":
    main()
