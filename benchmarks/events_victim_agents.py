"""People nouns derived from open data as possible victims (issue 13, branch events40): leave one wave out.

``events38``'s recipient misses by class found the victim nouns the events lexicon lacks growing
with every fresh wave ("medics", "the victims", "students", "commanders": +6 on waves 13-15). Instead
of adding each wave's nouns by hand, ``arguments.VICTIM_AGENT_NOUNS`` reads the people nouns that
``scripts/build_victim_nouns.py`` derives from the PETRARCH2 agents dictionary and the NGEC and
NewsMTSC texts (never from FA-KES): a victim of such a noun is a generic recipient of the noun's
sector.

The bar (the lead's brief, written here before the first run): the tune half (the 15 waves of
``events_side_missing.WAVES``: the first 24, three small rounds and waves 6-16, wave 16 included;
the first commit said "16 waves", a miscount of the same list) is run with the switch off and on;
for each wave the setting with the most right recipients on the other 14 waves (ties: off) is
scored on the held-out wave. Ships on only when (1) the held-out recipient accuracy beats off, (2) the mean
per-wave gain in right recipients is larger than the standard deviation of the per-wave
differences, (3) the held-out event F1 does not fall, (4) the held-out actor accuracy does not fall,
and (5) the PLOVER GSR dev recipient F1 (all 161 records, as ``sitrep eval events``) with the switch
on does not fall below off. The ``check`` half is not run here.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_victim_agents.py``
(two runs of the tune half and two of the PLOVER dev half). Writes
``benchmarks/results/events_victim_agents.json``.
"""

from __future__ import annotations

from common import REPO  # noqa: E402  (puts the repository's src on sys.path)
from events_recipient_links import tune_runs  # noqa: E402  (the switch runs of the tune half)
from events_side_missing import (  # noqa: E402
    KEYS,
    plover_dev,
    right_recipients,
    switch_study,
    write_study,
)

from sitrep.stages.events import arguments  # noqa: E402

OUT = REPO / "benchmarks" / "results" / "events_victim_agents.json"
SWITCHES = ("VICTIM_AGENT_NOUNS",)


def main() -> None:
    articles, runs = tune_runs(SWITCHES, KEYS, arguments)
    result = switch_study(articles, runs, SWITCHES, right_recipients, "right_recipients_gain", "recipient_accuracy",
                          KEYS, head={"victim_agents": sorted(arguments.victim_agents())})
    lowo = result["leave_one_wave_out"]
    actor_holds = lowo["actor_accuracy"] >= lowo["all_off_same_articles"]["actor_accuracy"]
    plover = plover_dev(arguments, SWITCHES, {"off": (False,), "on": (True,)})
    plover_holds = plover["on"]["recipient_f1"] >= plover["off"]["recipient_f1"]
    result.update(actor_holds=actor_holds, plover_dev=plover, plover_recipient_holds=plover_holds,
                  ships=bool(lowo["passes"] and actor_holds and plover_holds))
    write_study(result, OUT, lambda name, r: f"{name}: recipient {r['recipient_accuracy']} "
                f"(off {r['all_off_same_articles']['recipient_accuracy']}) event F1 {r['event_f1']} "
                f"(off {r['all_off_same_articles']['event_f1']}) actor {r['actor_accuracy']} "
                f"(off {r['all_off_same_articles']['actor_accuracy']}) gains {r['gains']} "
                f"mean {r['mean']} sd {r['sd']} passes {r['passes']}",
                notes=(f"all off: {result['all_off']}", f"actor accuracy held out does not fall: {actor_holds}",
                       f"PLOVER dev recipient F1 does not fall: {plover_holds} {plover}"))


if __name__ == "__main__":
    main()
