"""War totals still attached to an event, by form, and two switches for the commonest forms, measured
leaving one wave out on the **tune** half of the casualty gold (issue 12; branch casualties43,
2026-12-06 midday).

On the 279 tune articles (random wave 19 included) main's stage attaches 4 gold war totals to an
event (``casualties_wartotal_causes.py --causes``), in 3 articles, of three forms:

* a count coordinated with a running count whose predicate is a state the verb leaves (the
  elliptical "... and another N wounded" after "had left M dead"), or with a running count that is
  itself missed: 2 (random waves 17 and 18);
* a running count in the perfect whose period is written in the sentence before, smaller than
  the lead's toll: 1 (wave 18);
* a plain-past period total of plural attacks in an article with no lead toll: 1 (wave 18; left
  out: one article, no reading that would not also take many incident tolls told of plural
  strikes).

``running_context.COORDINATED_STATE`` pairs the elliptical count with the state's figure (it then
takes that figure's scope, as coordinated counts already do); ``running_context.PERIOD_BEFORE``
makes a perfect count after a sentence that runs a war-wide period (no figure of its own) a war
total. Both are fixed readings (nothing fitted), so the per-wave difference on minus off is
out of fold for every wave. Main's model files in every run.

**The bar (the lead's rare-class bar of the earlier casualty rounds; written and committed
before the run).** Three runs: each switch alone, then the two together. A switch ships on only
if, with it alone on:
1. leaving one wave out over the tune waves (``scripts/train_casualty_carry.py``'s groups), the
   summed reduction of war totals attached to an event (per wave, off minus on) is > 0;
2. no wave loses a main-killed article, loses figure F1 (fewer right figures or more false
   ones) or gains a war total on an event;
3. the pooled tune main-killed accuracy does not fall, nor the pooled figure F1 (mentions) or
   the strict attribution accuracy;
4. every written probe test of the casualty tests passes with it on (``--probes``).
The two ship on together only if each passes alone and the pair passes 1-4 as well. The mean
per-wave reduction and its sd are printed beside the sums (with 3-4 figures over 20 waves the
mean cannot clear its sd; the rare-class bar above is the one the lead set for this class).
Else the switch ships off. The check half is never read here.

Usage: ``OMP_NUM_THREADS=1 python benchmarks/casualties_running_context.py [--shared DIR]
--switch COORDINATED_STATE|PERIOD_BEFORE|both [--text]`` and ``... --switch ... --probes``
(``--text`` prints the sentence of each moved figure: terminal only, never commit it).
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections import defaultdict
from pathlib import Path
from typing import Any

# casualties_main_misses, imported first, puts src and scripts on sys.path and sets OMP_NUM_THREADS=1
from casualties_main_misses import REPO, tune_predictions, tune_waves  # noqa: E402
from casualties_part_of_total import figure_key, per_wave, print_changes  # noqa: E402

from sitrep.datasets import fakes_data_dir  # noqa: E402
from sitrep.stages.casualties import running_context  # noqa: E402
from sitrep.stages.casualties.scorer import GoldArticle, Predicted, score  # noqa: E402

SWITCHES = ("COORDINATED_STATE", "PERIOD_BEFORE")
POOLED = ("main_killed_accuracy", "figure_f1", "attribution_strict", "attribution_accuracy", "scope_accuracy",
          "victims_accuracy", "war_totals_on_incidents")


def switches(which: str) -> tuple[str, ...]:
    return SWITCHES if which == "both" else (which,)


def run(shared: Path, names: tuple[str, ...]) -> tuple[list[GoldArticle], list[Predicted]]:
    """One tune run with the named switches on and the others off (whatever ships)."""
    saved = {n: getattr(running_context, n) for n in SWITCHES}
    for n in SWITCHES:
        setattr(running_context, n, n in names)
    try:
        return tune_predictions(shared)
    finally:
        for n, v in saved.items():
            setattr(running_context, n, v)


def lowo(shared: Path, which: str, text: bool) -> dict[str, Any]:
    gold, off = run(shared, ())
    _, on = run(shared, switches(which))
    idx: dict[str, list[int]] = defaultdict(list)
    for i, w in enumerate(tune_waves()):
        idx[w].append(i)
    drops: list[int] = []
    losses: dict[str, Any] = {}
    for w in sorted(idx):
        a, b = per_wave(gold, off, idx[w]), per_wave(gold, on, idx[w])
        drops.append(a["war_on_event"] - b["war_on_event"])
        if b["main_killed"] < a["main_killed"] or b["right"] < a["right"] or b["false"] > a["false"] \
                or b["war_on_event"] > a["war_on_event"]:
            losses[w] = {"off": a, "on": b}
        print(json.dumps({"wave": w, "articles": len(idx[w]), "off": a, "on": b}))
    print_changes(gold, tune_waves(), off, on, text, key=lambda c: (*figure_key(c), c.event is not None))
    m_off, m_on = score(gold, off), score(gold, on)
    pooled_ok = all(m_on[k] >= m_off[k] for k in ("main_killed_accuracy", "figure_f1", "attribution_strict"))
    passed = sum(drops) > 0 and not losses and pooled_ok
    summary = {"switch": which, "waves": len(drops), "pooled_off_on": {k: [m_off[k], m_on[k]] for k in POOLED},
               "summed_war_on_event_drop": sum(drops),
               "per_wave_drop_mean_sd": [round(statistics.mean(drops), 4), round(statistics.stdev(drops), 4)],
               "waves_gaining": sum(d > 0 for d in drops), "losses": losses,
               "moved_main_killed": [(g.document, a.main_killed, b.main_killed)
                                     for g, a, b in zip(gold, off, on, strict=True) if a.main_killed != b.main_killed],
               "passed_1_to_3": passed}
    print(json.dumps(summary))
    return summary


def probes(which: str) -> int:
    """The casualty probe tests in this process with the switches on (bar item 4)."""
    import pytest

    for n in SWITCHES:
        setattr(running_context, n, n in switches(which))
    tests = sorted(str(p) for p in (REPO / "tests").glob("test_casualties_*.py"))
    return int(pytest.main(["-q", "-p", "no:cacheprovider", *tests]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None)
    parser.add_argument("--switch", choices=(*SWITCHES, "both"), required=True)
    parser.add_argument("--text", action="store_true")
    parser.add_argument("--probes", action="store_true")
    args = parser.parse_args()
    if args.probes:
        raise SystemExit(probes(args.switch))
    lowo(fakes_data_dir(args.shared, REPO), args.switch, args.text)


if __name__ == "__main__":
    main()
