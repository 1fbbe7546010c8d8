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

import sys

from common import REPO  # noqa: E402  (puts the repository's src on sys.path)
from events_theatre_locates import run_study  # noqa: E402

OUT = REPO / "benchmarks" / "results" / "events_victims_not_doers.json"
SWITCH = "VICTIMS_NOT_DOERS"


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
    run_study(SWITCH, OUT)


if __name__ == "__main__":
    main()
