"""The tune same-incident pairs the linker leaves apart, out of fold, by where they are lost and
which report-model inputs pull them down (issue 11, incidents56).

Reads the wrong pairs of ``benchmarks/incidents_losses.py --repeats R --pairs-out FILE`` (one line
per wrong tune pair and split; each miss counted by the split whose fold held its pair out) and
keeps the *lost same* pairs. Each is counted by stage: ``blocked:<constraint>`` (never compared:
the hard constraint of ``blocking.compatible`` its mention pairs fail alone), ``below`` (compared,
report probability under the threshold), ``unaligned`` or ``split`` (the clustering kept them
apart). For the pairs lost ``below``, it gives each report-level input's contribution to the report
model's log-odds (shipped weight times value, ``features.REPORT_LEVEL``, from the fit's own feature
rows) beside its mean over the tune same pairs blocking compares that the linker linked in every
split: the inputs whose contribution falls most short are the ones that pull the lost pairs down.
Per split, each lost pair is tallied under its largest shortfall (``pulled_by``). The mean over the
compared *different* pairs is printed too, so a shortfall can be read against the pairs it should
keep out. The weights are the shipped model's (in sample); the classes are out of fold.

Only ``"split": "tune"`` pairs are read; the check half is never looked at.

Usage: ``python benchmarks/incident_missed_links.py --db DB --losses FILE`` (the database from
``benchmarks/incidents_cost.py``; ``FILE`` from ``incidents_losses.py --repeats 5 --pairs-out``).
Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import incidents_losses as losses_module
from common import REPO

from sitrep.incidents import evaluate as incident_eval
from sitrep.incidents.features import FEATURES, REPORT_LEVEL


class Miss(NamedTuple):
    """One lost same pair in one split (a line of the losses file)."""

    split: int
    key: frozenset[str]
    cause: str


def read_misses(path: Path) -> list[Miss]:
    """The lost same pairs of a losses file, by split (report references as written)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["error"] == "lost same":
            out.append(Miss(int(row["split"]), frozenset((row["a"], row["b"])), str(row["cause"])))
    return out


def contributions(rows: Sequence[Sequence[float]], weights: dict[str, float]) -> dict[str, float]:
    """Each report-level input's contribution to the report log-odds of one pair (its first row:
    report-level values are the same in every row of a pair's bag)."""
    first = rows[0]
    return {n: weights.get(n, 0.0) * float(first[FEATURES.index(n)]) for n in REPORT_LEVEL}


def shortfalls(lost: dict[str, float], linked: dict[str, float]) -> dict[str, float]:
    """Per input, how far a lost pair's contribution stays under the linked same pairs' mean
    (positive: it pulls the pair down more than it does the pairs the linker keeps)."""
    return {n: round(linked[n] - lost[n], 3) for n in lost}


def mean_of(values: list[dict[str, float]]) -> dict[str, float]:
    """The mean of each input over a list of contribution tables (0 for an empty list)."""
    names = values[0].keys() if values else REPORT_LEVEL
    return {n: round(statistics.mean(v[n] for v in values), 3) if values else 0.0 for n in names}


def tally(misses: list[Miss], splits: int) -> dict[str, dict[str, object]]:
    """Lost same pairs per split by stage (cause)."""
    count: dict[str, Counter[int]] = defaultdict(Counter)
    for m in misses:
        count[m.cause][m.split] += 1
    return {c: {"per_split": [v[i] for i in range(splits)], "mean": round(sum(v.values()) / splits, 1)}
            for c, v in sorted(count.items())}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--losses", required=True)
    ap.add_argument("--pairs", default=str(REPO / "benchmarks" / "data" / "fakes_incident_pairs.jsonl"))
    args = ap.parse_args()
    setup = losses_module.fold_setup(Path(args.db), Path(args.pairs),
                                     REPO / "src" / "sitrep" / "incidents" / "data" / "linker.json")
    refs = {v: k for k, v in incident_eval.references(setup.docs, setup.sources).items()}
    by_ref = {frozenset(refs.get(d, d) for d in k): k for k in setup.keys}
    misses = read_misses(Path(args.losses))
    splits = max((m.split for m in misses), default=0) + 1
    table = {k: contributions(rows, setup.model.weights)
             for k, (rows, _) in zip(setup.keys, setup.data, strict=True) if len(rows)}
    lost_keys = {by_ref[m.key] for m in misses}
    linked_same = [table[k] for k in table if setup.gold[k] and k not in lost_keys]
    different = [table[k] for k in table if not setup.gold[k]]
    linked_mean = mean_of(linked_same)
    pulled: dict[str, Counter[int]] = defaultdict(Counter)
    per_pair = {}
    for m in misses:
        k = by_ref[m.key]
        if m.cause != "below" or k not in table:
            continue
        short = shortfalls(table[k], linked_mean)
        top = max(short, key=lambda n: short[n])
        pulled[top][m.split] += 1
        per_pair[" / ".join(sorted(m.key))] = {n: v for n, v in sorted(short.items(), key=lambda x: -x[1])[:4]}
    lost_mean = mean_of([table[by_ref[m.key]] for m in misses if m.cause == "below" and by_ref[m.key] in table])
    print(json.dumps({
        "splits": splits, "lost_same_by_stage": tally(misses, splits),
        "compared_same_linked": len(linked_same), "compared_different": len(different),
        "contribution_mean": {n: {"lost_below": lost_mean[n], "linked_same": linked_mean[n],
                                  "different": mean_of(different)[n]} for n in REPORT_LEVEL},
        "pulled_by": {n: {"per_split": [v[i] for i in range(splits)], "mean": round(sum(v.values()) / splits, 1)}
                      for n, v in sorted(pulled.items())},
        "largest_shortfalls_per_pair": per_pair}, indent=1))


if __name__ == "__main__":
    main()
