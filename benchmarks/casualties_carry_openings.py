"""The carry decided by a sentence's opening ahead of the learned carry, measured leave one wave out
on tune (issue 12; branch casualties31, 2026-12-05 night).

For the tune carry candidates of the gold (``scripts/train_casualty_carry.py``'s examples, read with
the scope and background models the repository ships at the time of the run), per wave group:

- how many candidates the openings decide (``openings.decide``: continues → carry, new scene → no
  carry), how many of those the gold agrees with, by decision;
- the nested leave-one-wave-out estimate of the shipped design (openings ahead, the model chosen
  and fitted on the other waves' candidates the openings leave) beside the design it replaces (the
  model chosen and fitted on every candidate) and the old rule, on the same candidates;
- every candidate the openings decide against the gold (article, kind, value, decision), so that
  the disagreements can be read on tune.

The check half is never read. Usage (``OMP_NUM_THREADS=1``, ~1 min): ``python
benchmarks/casualties_carry_openings.py [--gold GOLD --wave 'wave 11:283' ...] [--shared DATA]``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "src"))

import train_casualty_carry as tc  # noqa: E402


def replaced_design(rows: Sequence[tc.Example]) -> dict[str, int]:
    """Nested leave one wave out of the model alone (chosen and fitted on every candidate)."""
    out = {}
    for group in sorted({r.group for r in rows}):
        train = [r for r in rows if r.group != group]
        held = [r for r in rows if r.group == group]
        best, _ = tc.choose(train)
        model, _ = tc.fit(train, best["C"])
        out[group] = sum((model.probability(r.features) >= best["threshold"]) == r.label for r in held)
    return out


def report(rows: Sequence[tc.Example]) -> dict[str, Any]:
    nested = tc.nested_estimate(rows)
    alone = replaced_design(rows)
    per_wave = [{**w, "model_alone_right": alone[w["wave"]]} for w in nested]
    keys = ("candidates", "carry_in_gold", "rule_right", "model_right", "model_alone_right",
            "opening_decided", "opening_right", "opening_carried")
    pooled = {k: sum(w[k] for w in per_wave) for k in keys}
    by_decision = {d: {"decided": sum(r.discourse == d for r in rows),
                       "gold_agrees": sum(r.discourse == d and r.label == (d == tc.CONTINUES) for r in rows)}
                   for d in sorted({r.discourse for r in rows if r.discourse is not None})}
    against = [{"article": r.article, "group": r.group, "decision": r.discourse, "gold_carries": r.label}
               for r in rows if r.discourse is not None and r.opening_carries != r.label]
    return {"per_wave": per_wave, "pooled": pooled, "by_decision": by_decision, "against_gold": against}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=None)
    parser.add_argument("--wave", action="append", default=[], help="NAME:LINE, a wave start after WAVE_STARTS")
    parser.add_argument("--shared", type=Path, default=None)
    args = parser.parse_args()
    from sitrep.datasets import fakes_data_dir

    if args.gold is not None:
        tc.GOLD = args.gold.resolve()
    tc.WAVE_STARTS = tc.WAVE_STARTS + tuple((w.split(":")[0], int(w.split(":")[1])) for w in args.wave)
    rows = tc.examples(fakes_data_dir(args.shared, REPO))
    out = report(rows)
    for w in out["per_wave"]:
        print(json.dumps(w))
    for key in ("pooled", "by_decision", "against_gold"):
        print(json.dumps({key: out[key]}))


if __name__ == "__main__":
    main()
