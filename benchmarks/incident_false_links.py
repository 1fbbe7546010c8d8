"""The linker's out-of-fold false links on the TUNE pairs, counted by class on several axes (issue 11).

Reads the wrong pairs of ``benchmarks/incidents_losses.py --repeats R --pairs-out FILE`` (one line per
wrong tune pair and split; each false link is counted in the split whose fold held its pair out) and
describes every *false link* (a different pair that ends in one incident) on independent axes, each
read at the two reports' best mention pair (``incident_pair_classes.best_pairs``: the pair the shipped
mention model scores highest) or from the two reports themselves:

- ``joined``: a direct edge (the report model), a rescue edge, or a chain through a third report;
- ``outlet``: one outlet or two;
- ``publication gap``: the days between the two reports' publication dates (0, 1, 2, 3+, unknown);
- ``place``: the best pair's place relation (``place_relation``) and the finer of the two levels;
- ``category``: one category, or two categories of one family;
- ``toll``: the two reports' death tolls (``incident_pair_classes.toll_shape``);
- ``background``: whether either report holds a background mention;
- ``lead``: whether the best pair is each report's first event sentence (both, one, neither);
- ``inputs``: every label of ``incident_pair_classes.labels`` that holds (several per pair);
- ``report probability``: the shipped report model's probability band at the best pair.

Each axis is also counted over every tune pair blocking compares, same and different, so that a
class's share among the false links can be read beside its share among the pairs that are right
("one outlet" is a class worth a feature only if it is rarer among the same pairs than among the
false links). Per axis: false links per split (mean and per split), and the compared same and
different pairs in each class.

Only ``"split": "tune"`` pairs are read; the check half is never looked at.

Usage: ``python benchmarks/incident_false_links.py --db DB --losses FILE`` (the database from
``benchmarks/incidents_cost.py``; ``FILE`` from ``incidents_losses.py --repeats 5 --pairs-out``).
Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import REPO
from incident_followups import tune_store
from incident_pair_classes import best_pairs, labels, toll_shape

from sitrep.incidents import evaluate as incident_eval
from sitrep.incidents.blocking import place_relation
from sitrep.incidents.mentions import Mention
from sitrep.incidents.settings import Settings

#: the report probability bands the report-probability axis prints (lower bounds)
BANDS = (0.0, 0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95)


def gap_class(a: Mention, b: Mention) -> str:
    """The publication gap of two reports in days: ``0``, ``1``, ``2``, ``3+`` or ``unknown``."""
    if a.published is None or b.published is None:
        return "unknown"
    gap = abs(a.published - b.published)
    return str(gap) if gap < 3 else "3+"


def place_class(a: Mention, b: Mention, s: Settings) -> str:
    """The best pair's place relation and the finer place level (``same, level 4``)."""
    relation = place_relation(a, b, s)
    levels = [p.level for p in (a.place, b.place) if p is not None and p.level is not None]
    return f"{relation}, level {max(levels)}" if levels else relation


def lead_class(a: Mention, b: Mention) -> str:
    """Whether the best pair's events are their reports' first event sentences."""
    return {2: "both leads", 1: "one lead", 0: "neither lead"}[(a.order == 0) + (b.order == 0)]


def band(p: float) -> str:
    """The lower bound of ``BANDS`` ``p`` falls in."""
    return f">= {max(x for x in BANDS if p >= x)}"


Axis = Callable[[Mention, Mention, float, float, Settings, set[str]], str]

#: axis name -> its class of a pair, from the best pair (a, b), mention score, report probability,
#: the settings and the documents that hold a background mention
AXES: dict[str, Axis] = {
    "outlet": lambda a, b, m, r, s, bg: "one outlet" if a.outlet == b.outlet else "two outlets",
    "publication gap": lambda a, b, m, r, s, bg: gap_class(a, b),
    "place": lambda a, b, m, r, s, bg: place_class(a, b, s),
    "category": lambda a, b, m, r, s, bg: "one category" if a.event.category == b.event.category else "one family",
    "toll": lambda a, b, m, r, s, bg: toll_shape(a, b),
    "background": lambda a, b, m, r, s, bg: f"{(a.document in bg) + (b.document in bg)} of 2 with background",
    "lead": lambda a, b, m, r, s, bg: lead_class(a, b),
    "report probability": lambda a, b, m, r, s, bg: band(r),
}


def classes(best: tuple[Mention, Mention, float, float], s: Settings, bg: set[str]) -> dict[str, str]:
    """Every axis's class of one report pair (its best mention pair and scores)."""
    a, b, m, r = best
    return {name: axis(a, b, m, r, s, bg) for name, axis in AXES.items()}


def tally(false_links: list[dict[str, Any]], compared: dict[frozenset[str], dict[str, str]],
          gold: dict[frozenset[str], bool], splits: int, axis: str) -> dict[str, Any]:
    """One axis: false links per split by class, beside the compared same and different pairs."""
    names = sorted({r["axes"][axis] for r in false_links if r["axes"]} | {c[axis] for c in compared.values()})
    out = {}
    for name in names:
        counts = [sum(1 for r in false_links if r["split"] == i and r["axes"] and r["axes"][axis] == name)
                  for i in range(splits)]
        out[name] = {"false links per split": round(statistics.mean(counts), 1), "splits": counts,
                     "compared same": sum(1 for k, c in compared.items() if gold[k] and c[axis] == name),
                     "compared different": sum(1 for k, c in compared.items() if not gold[k] and c[axis] == name)}
    return dict(sorted(out.items(), key=lambda x: -x[1]["false links per split"]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--losses", required=True, help="incidents_losses.py --repeats R --pairs-out FILE")
    ap.add_argument("--pairs", default=str(REPO / "benchmarks" / "data" / "fakes_incident_pairs.jsonl"))
    ap.add_argument("--rows-out", default=None, help="one JSON line per false link and split, with its classes")
    args = ap.parse_args()
    fit, docs, sources, gold, settings = tune_store(args.db, args.pairs)
    found = fit.corpus(docs, settings)
    news = sorted(found.news, key=lambda m: m.id)
    bg = {m.document for m in found.others.values() if m.role == "background"}
    best = best_pairs(news, set(gold), settings)
    refs = incident_eval.references(docs, sources)
    wrong = [json.loads(line) for line in Path(args.losses).read_text(encoding="utf-8").splitlines() if line]
    splits = max(r["split"] for r in wrong) + 1
    false_links = [r for r in wrong if r["error"] == "false link"]
    for r in false_links:
        k = frozenset((refs[r["a"]], refs[r["b"]]))
        r["joined"] = str(r["cause"])
        r["axes"] = classes(best[k], settings, bg) if k in best else {}
        r["inputs"] = labels(*best[k][:3], settings) if k in best else []
    compared = {k: classes(v, settings, bg) for k, v in best.items()}
    out: dict[str, Any] = {"splits": splits, "false links per split": round(len(false_links) / splits, 1),
                           "compared tune pairs": {"same": sum(1 for k in compared if gold[k]),
                                                   "different": sum(1 for k in compared if not gold[k])}}
    out["joined"] = {j: round(sum(1 for r in false_links if r["joined"] == j) / splits, 1)
                     for j in sorted({r["joined"] for r in false_links})}
    for axis in AXES:
        out[axis] = tally(false_links, compared, gold, splits, axis)
    out["inputs (labels, several per pair)"] = {
        lab: round(sum(lab in r["inputs"] for r in false_links) / splits, 1)
        for lab in sorted({x for r in false_links for x in r["inputs"]})}
    out["pairs"] = dict(Counter(f"{r['a'].split('#')[-1]}/{r['b'].split('#')[-1]} {r['joined']}"
                                for r in false_links).most_common())
    print(json.dumps(out, indent=1))
    if args.rows_out:
        Path(args.rows_out).write_text("".join(json.dumps(r) + "\n" for r in false_links), encoding="utf-8")


if __name__ == "__main__":
    main()
