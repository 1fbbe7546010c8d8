"""Vague counts and words for large numbers ("two dozen people", "scores of bodies", "dozens of dead
fighters"): the two readings of ``sitrep.stages.casualties.vague`` behind ``vague.VAGUE_COUNTS``
(removed by branch prune3 after failing its bar; its code last exists at ``cdd3c16e55``),
measured leaving one wave out on the **tune** half of the casualty gold (issue 12; branch
casualties38, 2026-12-06 morning).

``benchmarks/casualties_recall_misses.py`` (casualties37) counted 19 tune gold figures of the class
"a vague quantity or a word for a large number" that sitrep does not extract. The number reader
already gives the guide's ACLED values to a vague word alone; what it misses here is (a) a number
times a vague unit ("two dozen" read as 2 and 12: now 24, vague) and (b) the counted noun of a
vague partitive, which the parse hangs under the vague word so that its own state word or its
being a casualty noun is never read. Both readings are fixed forms (no fitted part, nothing
tuned), so leaving one wave out the per-wave difference on minus off is the out-of-fold effect.
Main's model files in both runs.

**The bar (the lead's for rare classes, written and committed before the run).** The switch ships
on only if all hold, leaving one wave out over the casualty waves of the tune half (the groups of
``scripts/train_casualty_carry.py``):
1. the summed per-wave gain in figure F1 (mentions, the scorer's multiset of kind and value) is
   > 0, with right figures up and false figures (predicted minus right) not up, summed;
2. no wave loses: per wave, right figures do not fall, false figures do not rise, main-killed
   right does not fall, war totals on an event do not rise;
3. pooled over the tune half: main-killed right, war totals on events and attribution are not
   worse — ``attribution_strict`` not lower, and no matched figure whose source is right off has
   a wrong one on;
4. every written probe (``tests/test_casualties_*``) passes with the switch on (``--probes``).
Else it ships off. The check half is never read here.

**Reading (a) alone (branch casualties41, 2026-12-06 morning; issue 12).** ``--switch
UNIT_MULTIPLES`` measures the first reading alone — a number times a vague unit, one count
("two dozen" -> 24) — without the partitive reading and the headline guard (``VAGUE_COUNTS``
keeps its meaning: both readings and the guard). Its bar, written and committed before its one
run, is the lead's rare-class bar above, unchanged, with "the switch" read as ``UNIT_MULTIPLES``:
leaving one wave out over every casualty wave of the tune half, wave 18 included (the 19 groups
of ``train_casualty_carry.WAVE_STARTS``: "early", "picked", waves 1-9 and 11-18),
1. summed per-wave figure-F1 gain > 0, right figures up, false figures not up (summed);
2. no wave loses (right, false, main-killed, war totals on an event);
3. pooled tune main-killed, war totals on events and ``attribution_strict`` not worse, no matched
   source right off and wrong on;
4. every ``tests/test_casualties_*`` probe passes with ``UNIT_MULTIPLES`` on
   (``--switch UNIT_MULTIPLES --probes``).
All four, or it ships off. If it passes, it is switched on, the three casualty models are refitted
(``scripts/train_casualty_{scope,background,carry}.py``) and (1)-(3) are re-run with the refitted
models (the switch's off side then reads the refitted models too). The check half is never read here.

Usage: ``OMP_NUM_THREADS=1 python benchmarks/casualties_vague_counts.py [--switch NAME] [--shared DIR]
[--text]`` (``--switch`` ``UNIT_MULTIPLES``, the only switch left; ``--text`` prints each
figure the switch adds or removes with its sentence, for the terminal only) and ``... --probes``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# casualties_main_misses, imported first, puts src and scripts on sys.path and sets OMP_NUM_THREADS=1
from casualties_main_misses import switch_study_main, tune_predictions  # noqa: E402
from casualties_part_of_total import rare_class_lowo  # noqa: E402

from sitrep.stages.casualties import vague  # noqa: E402
from sitrep.stages.casualties.scorer import GoldArticle, Predicted  # noqa: E402

#: the switch measured (``--switch``): ``UNIT_MULTIPLES`` (a number times a vague unit); prune3
#: removed ``VAGUE_COUNTS`` (it failed its bar)
SWITCHES = ("UNIT_MULTIPLES",)
SWITCH = SWITCHES[0]


def run(shared: Path, on: bool) -> tuple[list[GoldArticle], list[Predicted]]:
    """The tune predictions with ``SWITCH`` on or off."""
    saved = {name: getattr(vague, name) for name in SWITCHES}
    for name in SWITCHES:
        setattr(vague, name, on and name == SWITCH)
    try:
        return tune_predictions(shared)
    finally:
        for name, value in saved.items():
            setattr(vague, name, value)


def lowo(shared: Path, text: bool) -> None:
    rare_class_lowo(shared, text, run, {"switch": SWITCH})


def main() -> None:
    global SWITCH
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--switch", choices=SWITCHES, default=SWITCHES[0])
    known, rest = pre.parse_known_args()
    SWITCH = known.switch
    sys.argv = [sys.argv[0], *rest]
    switch_study_main(__doc__, lowo, vague, SWITCH, study=False)


if __name__ == "__main__":
    main()
