"""The "from" range switch (``numbers.FROM_RANGES``) leaving one wave out on the **tune** half of
the casualty gold (issue 12; branch casualties34, 2026-12-06 night).

The class: the tune main-killed misses whose headline figure is not extracted (3 of 11 on the 249
tune articles: a hedged "could be over 50", "The death toll reached 330 overnight ... told" with no
commas, and a range opened by "from" whose upper end carries a bound, "killed from 500 to well
over 1000 people"). Only the range form is general (the issue asks for ranges: low / high with the
conservative best), so the switch reads a range opened by "from", with a bound or approximator
allowed at its upper end, and ties it to the casualty verb "from" hangs on.

The switch has no fitted part: each wave's decisions are the same whether the wave is held out or
not, so leaving one wave out the per-wave difference (switch on minus off, same models) is the
out-of-fold effect, and its spread is the spread across the waves (``train_casualty_carry``'s
groups of the tune rows).

**The bar, written and committed before the run.** The switch ships on only if all hold:
1. the mean per-wave gain in tune articles whose main-killed is right is > 0 **and** larger than its
   sd across the waves;
2. no wave loses a main-killed article, a matched figure (kind + value) or a right attribution;
3. the pooled tune figure F1 (mentions) does not fall.
Else it ships off (``FROM_RANGES = False``). The check half is never read here.

Usage: ``OMP_NUM_THREADS=1 python benchmarks/casualties_from_ranges.py [--shared DIR]``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "benchmarks"))
os.environ.setdefault("OMP_NUM_THREADS", "1")

from casualties_main_misses import tune_predictions, tune_waves  # noqa: E402

from sitrep.datasets import fakes_data_dir  # noqa: E402
from sitrep.stages.casualties import numbers  # noqa: E402
from sitrep.stages.casualties.scorer import GoldArticle, Predicted, score  # noqa: E402


def counts(gold: list[GoldArticle], preds: list[Predicted]) -> dict[str, int]:
    """Main-killed articles right, figures matched (kind + value), attributions right."""
    m = score(gold, preds)
    return {"main_killed": sum(g.main_killed == p.main_killed for g, p in zip(gold, preds, strict=True)),
            "figures": round(m["figure_recall"] * m["gold_figures"]),
            "attribution": round(m["attribution_accuracy"] * m["attributed_matched"])}


def by_wave(gold: list[GoldArticle], preds: list[Predicted], waves: list[str]) -> dict[str, dict[str, int]]:
    groups: dict[str, list[int]] = defaultdict(list)
    for i, w in enumerate(waves):
        groups[w].append(i)
    return {w: counts([gold[i] for i in idx], [preds[i] for i in idx]) for w, idx in sorted(groups.items())}


def verdict(off: dict[str, dict[str, int]], on: dict[str, dict[str, int]], f1_off: float, f1_on: float) -> dict:
    """The bar of the module docstring on the per-wave counts."""
    gains = [on[w]["main_killed"] - off[w]["main_killed"] for w in off]
    mean, sd = statistics.mean(gains), statistics.pstdev(gains)
    losses = {w: {k: on[w][k] - off[w][k] for k in off[w] if on[w][k] < off[w][k]} for w in off}
    losses = {w: v for w, v in losses.items() if v}
    passed = mean > 0 and mean > sd and not losses and f1_on >= f1_off
    return {"mean_gain": round(mean, 4), "sd": round(sd, 4), "waves": len(gains), "losses": losses,
            "figure_f1": [f1_off, f1_on], "passed": passed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None)
    args = parser.parse_args()
    shared = fakes_data_dir(args.shared, REPO)
    waves = tune_waves()
    runs = {}
    for state in (False, True):
        numbers.FROM_RANGES = state
        gold, preds = tune_predictions(shared)
        runs[state] = (by_wave(gold, preds, waves), score(gold, preds)["figure_f1"], preds)
    numbers.FROM_RANGES = False
    off, on = runs[False][0], runs[True][0]
    for w in off:
        print(json.dumps({"wave": w, "off": off[w], "on": on[w]}))
    moved = [(g.document, a.main_killed, b.main_killed) for g, a, b in zip(gold, runs[False][2], runs[True][2], strict=True)
             if a.main_killed != b.main_killed]
    print(json.dumps({"main_killed_moved": moved}))
    print(json.dumps(verdict(off, on, runs[False][1], runs[True][1])))


if __name__ == "__main__":
    main()
