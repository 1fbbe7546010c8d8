"""Wave 14 of the FA-KES incident pairs (issue 11): follow-up candidates, 1-7 days apart.

Why: the tune half holds very few reports of one incident on *later* days (the ``dates apart``
class of ``incident_pair_classes.py``: 3 same pairs; ``incidents46``, ``incidents47``), so the
linker, fitted on the tune pairs, has seen almost no multi-day follow-up, and tune recall of pairs
1-2 days apart (0.744) is far below that of same-day pairs (1.000). Wave 14 samples the thin
stratum from the metadata and a fixed keyword reading of the leads, before any row is read:

- two development rows (even ``unit_id``) of **other outlets**, texts not identical, in no pair
  of ``benchmarks/data/fakes_incident_pairs.jsonl``, neither row in a check-half pair (the wave
  is tune only; ``docs/incident-guide.md``, section 1);
- FA-KES dates **1 to ``FAR`` (7) days** apart;
- a **shared place or its area**: the same ``location`` column, or a ``location`` value of the
  development rows (the FA-KES governorate and city names) named in both texts (title and text,
  whole words, any case), as wave 9;
- a **shared category family**: both leads (the title and the first ``LEAD`` characters of the
  text) name a word of one of the violent families of ``FAMILIES`` (air attack, ground fire,
  bombing, chemical attack, fighting, killing) — a finer cut than the linker's single
  ``violence`` family, which nearly every FA-KES report shares;
- the pair itself is in no wave of the gold file.

The draw takes **every** pool pair with a *fresh* report (a row in no pair of the gold file), then
``random.Random(SEED).sample`` of the other pool pairs (in row order) up to ``SIZE`` (40) in all,
printed in row order. No text is read by a person to draw, and no analysis: the rule and the
seed were committed before any row of the pool was read.

Revision (before any row was read): the first form of the rule (committed in ``b479e15``) required
a fresh report in every pair; only 35 development rows outside the check half are in no labelled
pair, and that pool held **4** pairs (its sizes and row numbers were printed, no text). The
revised rule keeps those 4 and fills the wave from the pairs not yet labelled.

    python benchmarks/incident_pairs_wave14.py [--gold FILE] [--csv FILE] [--sizes]
"""

from __future__ import annotations

import argparse
import json
import random
import re
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
    places,
    shared_csv,
    unlabelled_pairs,
)

SEED = 48
SIZE = 40
#: the most FA-KES dates of a pair may lie apart (and at least one day)
FAR = 7
#: characters of the text read, after the title, as the lead
LEAD = 600
#: the violent families a lead may name (word stems, whole-word starts, any case)
FAMILIES: dict[str, tuple[str, ...]] = {
    "air": ("air strike", "airstrike", "air raid", "raid", "warplane", "jet", "barrel bomb", "helicopter",
            "bombard"),
    "ground fire": ("shell", "mortar", "rocket", "missile", "artillery"),
    "bombing": ("car bomb", "suicide", "explosion", "blast", "explosive", "bomb"),
    "chemical": ("chemical", "chlorine", "sarin", "toxic gas", "poison gas"),
    "fighting": ("clash", "fighting", "battle", "offensive", "assault", "ambush", "recaptur", "captur",
                 "seiz"),
    "killing": ("massacre", "execut", "behead", "killed", "dead"),
}
_FAMILY = {name: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")", re.IGNORECASE)
           for name, words in FAMILIES.items()}


def families(row: Row) -> set[str]:
    """The violent families the row's lead names."""
    lead = row["article_title"] + " " + row["article_content"][:LEAD]
    return {name for name, pattern in _FAMILY.items() if pattern.search(lead)}


def pool(rows: Mapping[int, Row], gold: set[tuple[int, int]], check: set[int]) -> list[tuple[int, int]]:
    """The pairs wave 14 may draw, in row order (module docstring)."""
    names = sorted({row["location"] for row in rows.values() if row["location"].strip()})
    named = {n: places(row, names) for n, row in rows.items()}
    family = {n: families(row) for n, row in rows.items()}
    out = []
    for n, x, m, y in unlabelled_pairs(rows, gold, check):
        if not 1 <= abs((_day(x) - _day(y)).days) <= FAR:
            continue
        if not (x["location"] == y["location"] or named[n] & named[m]):
            continue
        if family[n] & family[m]:
            out.append((n, m))
    return out


def draw(candidates: list[tuple[int, int]], gold: set[tuple[int, int]], seed: int = SEED,
         size: int = SIZE) -> list[tuple[int, int]]:
    """Every pool pair with a report in no labelled pair, then the others at random up to ``size``,
    printed in row order."""
    seen = {doc for pair in gold for doc in pair}
    fresh = [p for p in candidates if p[0] not in seen or p[1] not in seen]
    rest = [p for p in candidates if p not in fresh]
    room = max(0, size - len(fresh))
    return sorted(fresh + (rest if len(rest) <= room else random.Random(seed).sample(rest, room)))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--csv", type=Path, default=None)
    parser.add_argument("--sizes", action="store_true", help="print the pool's size by day gap, not the draw")
    args = parser.parse_args(argv)
    rows = development_rows(args.csv or shared_csv())
    records = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold, check = labelled(records)
    candidates = pool(rows, gold, check)
    if args.sizes:
        print(json.dumps(Counter(abs((_day(rows[a]) - _day(rows[b])).days) for a, b in candidates)))
        return
    for a, b in draw(candidates, gold):
        print(json.dumps({"a": f"FA-KES-Dataset.csv#row{a}", "b": f"FA-KES-Dataset.csv#row{b}"}))
    print(f"# pool {len(candidates)} pairs; drawn {min(SIZE, len(candidates))} (seed {SEED})", file=sys.stderr)


if __name__ == "__main__":
    main()
