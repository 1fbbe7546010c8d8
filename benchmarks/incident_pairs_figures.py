"""Wave 9 of the FA-KES incident pairs (issue 11): close pairs whose texts both state a death toll.

The rule, fixed and committed before any pair it draws was read (``docs/incident-guide.md``,
section 1, "Wave 9"). A pair of FA-KES development rows (even ``unit_id``; odd rows are skipped
before their text is looked at) is in the pool when

- the two rows are of **other outlets** (``source``) and their texts are not identical;
- their FA-KES dates are at most ``DAYS`` (3) days apart;
- they share a place: the same ``location`` column, or a ``location`` value of the development
  rows (the governorate names FA-KES uses) named in both texts (title and text, whole words, any
  case);
- **both texts state a death toll**: a number (digits or a number word) followed within five
  words by *killed*, *dead*, *died*, *deaths* or *killing*, or *killed* / *killing* / *death
  toll (rose|reached|climbed) to* followed by a number (``DEATH``);
- the pair is in no earlier wave of ``benchmarks/data/fakes_incident_pairs.jsonl`` and neither
  row is in a pair of the check half (the wave goes to the tune half only; guide, section 1).

The wave is ``random.Random(SEED).sample`` of the pool, at most ``SIZE`` pairs (the whole pool
when it is smaller), printed in that order, which is also the order in which they are read.

    python benchmarks/incident_pairs_figures.py [--gold FILE] [--csv FILE]
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import os
import random
import re
import sys
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "benchmarks" / "data" / "fakes_incident_pairs.jsonl"
#: the most FA-KES dates of a pair may lie apart
DAYS = 3
#: the seed of the draw, and its size
SEED = 32
SIZE = 30
_NUMBER = (r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
           r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
           r"eighty|ninety|hundred|hundreds)")
#: a death toll stated in a text
DEATH = re.compile(
    rf"\b{_NUMBER}\b(?:[\s-]+[\w'-]+){{0,4}}?[\s-]+(?:killed|dead|died|deaths|killing)\b"
    rf"|\b(?:killed|killing|death toll (?:rose |reached |climbed )?to)\s+"
    rf"(?:at least |more than |nearly |around |some |about )?{_NUMBER}\b",
    re.IGNORECASE,
)
Row = dict[str, str]


def shared_csv() -> Path:
    root = Path(os.environ.get("SITREP_SHARED", REPO.parent / "shared"))
    return root / "data" / "corpus" / "fakes" / "FA-KES-Dataset.csv"


def development_rows(path: Path) -> dict[int, Row]:
    """1-based CSV row number -> row, for the rows with an even ``unit_id`` only."""
    out: dict[int, Row] = {}
    with open(path, encoding="utf-8", errors="replace", newline="") as f:
        for number, row in enumerate(csv.DictReader(f), start=1):
            unit = row.get("unit_id", "")
            if unit.isdigit() and int(unit) % 2 == 0:
                out[number] = row
    return out


def _row_number(ref: str) -> int:
    return int(ref.rsplit("#row", 1)[1])


def labelled(records: Iterable[dict[str, str]]) -> tuple[set[tuple[int, int]], set[int]]:
    """The pairs the gold already holds, and the rows of its check half."""
    pairs: set[tuple[int, int]] = set()
    check: set[int] = set()
    for record in records:
        a, b = _row_number(record["a"]), _row_number(record["b"])
        pairs.add((min(a, b), max(a, b)))
        if record["split"] == "check":
            check.update((a, b))
    return pairs, check


def _text(row: Row) -> str:
    return row["article_title"] + " " + row["article_content"]


def states_toll(row: Row) -> bool:
    return DEATH.search(_text(row)) is not None


def places(row: Row, names: Iterable[str]) -> set[str]:
    text = _text(row)
    return {name for name in names if re.search(r"\b" + re.escape(name) + r"\b", text, re.IGNORECASE)}


def _day(row: Row) -> datetime.date:
    return datetime.datetime.strptime(row["date"], "%m/%d/%Y").date()


def pool(rows: dict[int, Row], gold: set[tuple[int, int]], check: set[int]) -> list[tuple[int, int]]:
    """Every pair of the rule (module docstring), ordered by row numbers."""
    names = sorted({row["location"] for row in rows.values() if row["location"].strip()})
    named = {n: places(row, names) for n, row in rows.items()}
    toll = {n: states_toll(row) for n, row in rows.items()}
    out = []
    for (n, x), (m, y) in combinations(sorted(rows.items()), 2):
        if (n, m) in gold or n in check or m in check or not (toll[n] and toll[m]):
            continue
        if x["source"] == y["source"] or x["article_content"] == y["article_content"]:
            continue
        if abs((_day(x) - _day(y)).days) > DAYS:
            continue
        if x["location"] == y["location"] or named[n] & named[m]:
            out.append((n, m))
    return out


def draw(candidates: list[tuple[int, int]], seed: int = SEED, size: int = SIZE) -> list[tuple[int, int]]:
    return random.Random(seed).sample(candidates, min(size, len(candidates)))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--csv", type=Path, default=None)
    args = parser.parse_args(argv)
    rows = development_rows(args.csv or shared_csv())
    records = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold, check = labelled(records)
    candidates = pool(rows, gold, check)
    for a, b in draw(candidates):
        print(json.dumps({"a": f"FA-KES-Dataset.csv#row{a}", "b": f"FA-KES-Dataset.csv#row{b}",
                          "days": abs((_day(rows[a]) - _day(rows[b])).days)}))
    print(f"# pool {len(candidates)} pairs, drawn {min(SIZE, len(candidates))} (seed {SEED})",
          file=__import__("sys").stderr)


if __name__ == "__main__":
    main()
