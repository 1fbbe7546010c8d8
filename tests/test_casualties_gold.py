"""``sitrep eval casualties`` on the hand-labelled FA-KES set: regression floors.

The floors sit a little below the figures measured on 2026-12-03 (docs/benchmarks.md, issue
12), tune and check separately: the rules were written on the tune half only, and the check
half is never used to change them. A drop below a floor is a regression to look into, not a
target to tune to. Needs the shared data (the gold stores offsets; the articles are read from
the FA-KES CSV at run time).
"""

from __future__ import annotations

import pytest
from conftest import REPO, needs_shared

pytestmark = [needs_shared, pytest.mark.slow]

GOLD = REPO / "benchmarks" / "data" / "fakes_casualties_gold.jsonl"

#: (metric, floor) per half; measured values in docs/benchmarks.md
FLOORS = {
    # tune figure F1 and attribution 0.95 / 0.92 -> 0.945 / 0.91 (2026-12-05, last, casualties33): targeted wave
    # 15's 10 rows of war-wide totals (main's code before any change: figure F1 0.915, attribution 0.846 on them)
    # took main's unchanged code to 0.9499 / 0.918 on the 239 tune articles; the floors follow the grown gold.
    # Tune attribution 0.91 -> 0.90 (2026-12-06, midday, casualties43): random wave 19, scored fresh on main's
    # unchanged code (attribution 0.756 of its 45 matched sourced figures), took it to 0.9085 on 279 tune articles
    "tune": {"figure_f1": 0.945, "main_killed_accuracy": 0.85, "attribution_accuracy": 0.90, "scope_accuracy": 0.93},
    "check": {"figure_f1": 0.92, "main_killed_accuracy": 0.70, "attribution_accuracy": 0.78, "scope_accuracy": 0.85},
}


@pytest.fixture(scope="module")
def metrics():
    from sitrep.eval import run_eval

    return run_eval("casualties", GOLD)


@pytest.mark.parametrize("split", ["tune", "check"])
def test_floors(metrics, split):
    for name, floor in FLOORS[split].items():
        assert metrics[f"{split}_{name}"] >= floor, (split, name, metrics[f"{split}_{name}"])


#: the most war-wide totals the tune half may put on an event: 0 until wave 5 (2026-12-04, night),
#: a draw aimed at war-wide figures, brought one campaign-total sentence ("since strikes began")
#: whose 2 figures main's code puts on an event; the issue's target stays 0 (docs/benchmarks.md,
#: issue 12, the headline table). Like the floors, a ceiling against regressions, not a target.
#: 2 -> 4 (2026-12-06, morning, casualties40): random wave 18, scored fresh on main's unchanged code, brought 3
#: (a statement's toll of several attacks in an article with no lead toll; a town's running count below the
#: lead toll, killed and wounded) beside wave 17's one ("another 150" wounded); the ceiling follows the grown gold.
TUNE_WAR_TOTALS_CEILING = 4


def test_war_totals_on_incidents_in_the_tune_half_do_not_grow(metrics):
    assert metrics["tune_war_totals_on_incidents"] <= TUNE_WAR_TOTALS_CEILING
