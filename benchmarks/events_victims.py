"""Victims the events stage did not read (issue 13, branch events32): readings chosen leave one wave out.

The largest class of recipient misses on the tune half (``benchmarks/events_recipient_misses.py``,
after "other trigger", an event recognition miss) is **victims not read**: the coder's recipient is
the unaffiliated people the act harmed, and ``arguments.victims`` gives none. Five readings of
``sitrep.stages.events.arguments``, each behind a named switch, read them from the parse:

* ``VICTIM_OWN_WORDS`` (new) — a victim noun's affiliation comes from its own words, not from the
  prepositional phrases and appositions hung on it ("15 civilians including four children in
  Syria's province of Idlib", "four people in Qardaha, the heartland of Syria" are unaffiliated);
* ``VICTIM_OF_OBJECT`` (new) — a harmed object that is a noun of something people had names them
  through its "of" complement ("claimed the lives of 18 civilians");
* ``RESULT_OBJECTS``, ``CLAUSAL_CAUSE``, ``SHARED_PASSIVE_SUBJECT`` (``events17``, off since 38 tune
  articles: "each fix sits in one article"; chosen again here on 86).

Every combination (32) is run over the FA-KES ``tune`` articles. Validation: leave one wave out
(``events_side_missing.WAVES``): for each wave the combination with the best recipient accuracy
on the other waves (ties: fewer switches on) is scored on the held-out wave; the held-out counts
are summed. The per-wave paired difference (chosen minus all off, in right recipients) gives the
spread. Ships only when the held-out recipient accuracy beats all off, event F1 does not fall and
the mean per-wave gain is larger than the standard deviation of the per-wave differences (the
bar of ``events_side_missing.py``). The same bar is printed for each switch alone and for the five
as one family switch. The ``check`` half is not run here.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_victims.py
[--switches …]`` (32 runs of the tune half, about 6 minutes). Writes
``benchmarks/results/events_victims.json``.
"""

from __future__ import annotations

import argparse

from common import REPO  # noqa: E402  (puts the repository's src on sys.path)
from events_recipient_links import tune_runs  # noqa: E402  (the switch runs of the tune half)
from events_side_missing import KEYS, right_recipients, switch_study, write_study  # noqa: E402

OUT = REPO / "benchmarks" / "results" / "events_victims.json"
SWITCHES = ("VICTIM_OWN_WORDS", "VICTIM_OF_OBJECT", "RESULT_OBJECTS", "CLAUSAL_CAUSE", "SHARED_PASSIVE_SUBJECT")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--switches", nargs="+", choices=SWITCHES, default=list(SWITCHES))
    switches = tuple(parser.parse_args().switches)
    articles, runs = tune_runs(switches, KEYS)
    result = switch_study(articles, runs, switches, right_recipients, "right_recipients_gain", "recipient_accuracy",
                          KEYS, with_base=False, extra={"all five as one switch": lambda train: (True,) * len(switches)})
    write_study(result, OUT, lambda name, r: f"{name}: recipient {r['recipient_accuracy']} event F1 "
                f"{r['event_f1']} gains {r['gains']} mean {r['mean']} sd {r['sd']} passes {r['passes']}",
                notes=(f"all off: {result['all_off']}",))


if __name__ == "__main__":
    main()
