"""FA-KES hand-coded events, tune half: the category family of attack words read from the parse
(issue 13, event F1), chosen leave one wave out.

The largest classes of ``events_f1_misses.py`` are the coded sentences where sitrep's category
is not the coder's (missed: "another category in the sentence", "category wrong on the coder's
word"; false: "another category in a coded sentence", "category wrong on a missed gold word"), and
their largest pair is ASSAULT against COERCE: raids, takings, sieges. Two readings of
``sitrep.stages.events.seizure`` (named switches, off by default) target it:

* ``RAID_UNLESS_POLICE`` — a raid is an attack unless its doer is police or intelligence (the
  guide's one exception); a raid with no doer named is ASSAULT (``raided`` asked for an armed doer);
* ``SEIZE_ANY_OBJECT`` — a word of taking whose object is read but is neither a place nor a person
  of the lists ("capturing nearby grain silos", "capturing it") is COERCE 'seize'.

The tune half runs under every on/off combination. For each wave of ``events_side_missing.WAVES``
the combination with the most right events on the other waves (``2 × matched − predicted``: a
matched event counts, a false one costs; ties: fewer switches) is scored on the held-out wave.
The switches ship on only when the held-out event F1 beats all off and the mean per-wave gain is
larger than the standard deviation of the per-wave differences (``WaveChoice.passes``). The
``check`` half is not run here.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_category_family.py``.
Writes ``benchmarks/results/events_category_family.json``.
"""

from __future__ import annotations

from typing import Any

from common import REPO  # noqa: E402  (puts the repository's src on sys.path)
from events_recipient_links import tune_runs  # noqa: E402
from events_side_missing import switch_study, write_study  # noqa: E402

import sitrep.stages.events.seizure as seizure  # noqa: E402

OUT = REPO / "benchmarks" / "results" / "events_category_family.json"
SWITCHES = ("RAID_UNLESS_POLICE", "SEIZE_ANY_OBJECT")
KEYS = ("event_f1", "event_precision", "event_recall", "matched", "predicted_events", "actor_accuracy",
        "recipient_accuracy", "place_accuracy", "status_accuracy")


def right_events(scored: dict[str, Any]) -> int:
    """Right events of a scored subset: twice its matched events less its predicted ones."""
    return int(2 * scored["matched"] - scored["predicted_events"])


def main() -> None:
    articles, runs = tune_runs(SWITCHES, KEYS, module=seizure)
    result = switch_study(articles, runs, SWITCHES, right_events, "right_events_gain", "event_f1", KEYS, head={
        "objective": "right events (2 x matched - predicted) on the tune half, leave one wave out; ships only "
                     "when the held-out event F1 beats all off and the mean per-wave gain exceeds the sd"})
    write_study(result, OUT, lambda name, r: f"{name}: event F1 {r['event_f1']} (all off "
                f"{r['all_off_same_articles']['event_f1']}) gains {r['gains']} mean {r['mean']} sd {r['sd']} "
                f"passes {r['passes']}")


if __name__ == "__main__":
    main()
