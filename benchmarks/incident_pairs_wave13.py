"""Wave 13 of the FA-KES incident pairs (issue 11): a random draw by the check half's own design.

Why: every wave after the first three was drawn where the linker is hard (close texts, pairs it
linked, shared tolls, pairs without a date), so the tune half's figures may not estimate what a user
meets. The check half was drawn by the first design only: *every* pair of development rows of other
outlets with the same ``location`` column and FA-KES dates at most 2 days apart (``fakes_split.py
pairs``), a census read from the metadata alone. That census is exhausted: all 265 of its pairs are
labelled (132 tune, 133 check), so no new pair can come from it. Wave 13 takes the design's next
ring on each of its two axes, reading nothing but the metadata, and samples it at random:

- the **date** axis: same ``location``, FA-KES dates **4 to ``FAR`` (7) days** apart (wave 2 took
  exactly 3 days);
- the **place** axis: **another** ``location``, FA-KES dates **1 to 2 days** apart (wave 4 took the
  same day).

A pair is in the pool when it is in one of the two rings, its rows are development rows (even
``unit_id``) of other outlets whose texts are not identical, it is in no wave of
``benchmarks/data/fakes_incident_pairs.jsonl``, and neither row is in a check-half pair (the wave is
tune only; ``docs/incident-guide.md``, section 1). The draw is ``random.Random(SEED).sample`` of
``SIZE`` (40) pairs of the pool in row order, printed by row numbers. No text is read to draw (only
the identity test above), and no analysis: the rule and the seed were committed before any row of
the pool was read.

    python benchmarks/incident_pairs_wave13.py [--gold FILE] [--csv FILE] [--sizes]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from incident_pairs_figures import (  # noqa: E402
    GOLD,
    Row,
    _day,
    development_rows,
    labelled,
    shared_csv,
    unlabelled_pairs,
)

SEED = 43
SIZE = 40
#: the date ring: same location, this many days apart at most (and more than wave 2's 3)
FAR = 7
#: the place ring: another location, at most this many days apart (and not the same day, wave 4)
NEAR = 2


def ring(x: Row, y: Row) -> str | None:
    """``"date"`` or ``"place"`` when a pair of rows is in one of the wave's two rings, else None."""
    days = abs((_day(x) - _day(y)).days)
    if x["location"] == y["location"]:
        return "date" if 3 < days <= FAR else None
    return "place" if 0 < days <= NEAR else None


def pool(rows: Mapping[int, Row], gold: set[tuple[int, int]], check: set[int]) -> list[tuple[int, int, str]]:
    """The pairs wave 13 may draw, in row order, with their ring."""
    out = []
    for n, x, m, y in unlabelled_pairs(rows, gold, check):
        which = ring(x, y)
        if which:
            out.append((n, m, which))
    return out


def draw(candidates: list[tuple[int, int, str]], seed: int = SEED, size: int = SIZE) -> list[tuple[int, int, str]]:
    """``size`` pairs of the pool at random, printed in row order."""
    if len(candidates) <= size:
        return list(candidates)
    return sorted(random.Random(seed).sample(candidates, size))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--csv", type=Path, default=None)
    parser.add_argument("--sizes", action="store_true", help="print the pool's sizes by ring, not the draw")
    args = parser.parse_args(argv)
    rows = development_rows(args.csv or shared_csv())
    records = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold, check = labelled(records)
    candidates = pool(rows, gold, check)
    if args.sizes:
        print(json.dumps(Counter(p[2] for p in candidates)))
        return
    for a, b, which in draw(candidates):
        print(json.dumps({"a": f"FA-KES-Dataset.csv#row{a}", "b": f"FA-KES-Dataset.csv#row{b}", "ring": which}))
    print(f"# pool {len(candidates)} pairs; drawn {min(SIZE, len(candidates))} (seed {SEED})", file=sys.stderr)


if __name__ == "__main__":
    main()
