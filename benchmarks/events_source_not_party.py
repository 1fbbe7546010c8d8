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

from typing import Any

from common import REPO  # noqa: E402  (puts the repository's src on sys.path)
from events_theatre_locates import run_study  # noqa: E402

from sitrep.stages.events import attribution  # noqa: E402

OUT = REPO / "benchmarks" / "results" / "events_source_not_party.json"
SWITCH = "SOURCE_NOT_PARTY"
#: the pre-registered tolerances (docs/benchmarks.md, events67)
TOLERANCE = 0.002


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
    run_study(SWITCH, OUT, attribution, passes)


if __name__ == "__main__":
    main()
