"""Waves 9 and 10 of the FA-KES incident pairs (issue 11): close pairs whose texts both state a death toll.

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

**Wave 10** (``--wave 10``, fixed after wave 9 was labelled — 0 same of 19 — and before any of its
own pairs was read): the same rule with the dates read **from the texts**, since the FA-KES
``date`` column is often days or weeks off the article's own date: both rows carry a date in the
first 300 characters of their text (``text_date``: "April 29 2017", "19 Apr 2017", "07.04.2017",
the earliest match), and those dates are at most ``TEXT_DAYS`` (1) day apart; the FA-KES dates
are not compared. The other conditions are wave 9's, and the pairs of wave 9 count as labelled.

    python benchmarks/incident_pairs_figures.py [--wave 9|10] [--gold FILE] [--csv FILE]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import re
import sys
from collections.abc import Collection, Iterable, Iterator, Mapping
from itertools import combinations
from pathlib import Path

from common import fakes_dev_rows_numbered

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "benchmarks" / "data" / "fakes_incident_pairs.jsonl"
#: the most FA-KES dates of a pair may lie apart
DAYS = 3
#: the seed of the draw, and its size
SEED = 32
SIZE = 30
#: wave 10: the most the texts' own dates may lie apart
TEXT_DAYS = 1
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
#: a date written in a text: month day year, day month year, dd.mm.yyyy or dd-mm-yyyy
TEXT_DATE = (
    re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}}),?\s+(?P<y>20[01]\d)\b", re.IGNORECASE),
    re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH}),?\s+(?P<y>20[01]\d)\b", re.IGNORECASE),
    re.compile(r"\b(?P<d>\d{2})[.-](?P<mm>\d{2})[.-](?P<y>20[01]\d)\b"),
)
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
    return fakes_dev_rows_numbered(path)


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


def text_date(row: Row) -> datetime.date | None:
    """The earliest date written in the first 300 characters of the text, if any parses."""
    head = row["article_content"][:300]
    found: list[tuple[int, datetime.date]] = []
    for pattern in TEXT_DATE:
        match = pattern.search(head)
        if match is None:
            continue
        groups = match.groupdict()
        month = int(groups["mm"]) if groups.get("mm") else _MONTHS.index(groups["m"][:3].lower()) + 1
        try:
            found.append((match.start(), datetime.date(int(groups["y"]), month, int(groups["d"]))))
        except ValueError:
            continue
    return min(found)[1] if found else None


def _day(row: Row) -> datetime.date:
    return datetime.datetime.strptime(row["date"], "%m/%d/%Y").date()


def _close(x: Row, y: Row, wave: int) -> bool:
    if wave == 9:
        return abs((_day(x) - _day(y)).days) <= DAYS
    dx, dy = text_date(x), text_date(y)
    return dx is not None and dy is not None and abs((dx - dy).days) <= TEXT_DAYS


def unlabelled_pairs(rows: Mapping[int, Row], gold: Collection[tuple[int, int]],
                     check: Collection[int]) -> Iterator[tuple[int, Row, int, Row]]:
    """Every pair of development rows (by row numbers) that a wave may draw: not labelled yet, no
    check-half document, other outlets, texts not identical. Waves 9-12 filter these further."""
    for (n, x), (m, y) in combinations(sorted(rows.items()), 2):
        if (n, m) in gold or n in check or m in check:
            continue
        if x["source"] == y["source"] or x["article_content"] == y["article_content"]:
            continue
        yield n, x, m, y


def pool(rows: dict[int, Row], gold: set[tuple[int, int]], check: set[int], wave: int = 9) -> list[tuple[int, int]]:
    """Every pair of the wave's rule (module docstring), ordered by row numbers."""
    names = sorted({row["location"] for row in rows.values() if row["location"].strip()})
    named = {n: places(row, names) for n, row in rows.items()}
    toll = {n: states_toll(row) for n, row in rows.items()}
    out = []
    for n, x, m, y in unlabelled_pairs(rows, gold, check):
        if not (toll[n] and toll[m] and _close(x, y, wave)):
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
    parser.add_argument("--wave", type=int, choices=(9, 10), default=9)
    args = parser.parse_args(argv)
    rows = development_rows(args.csv or shared_csv())
    records = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold, check = labelled(records)
    if args.wave == 10:  # wave 9's pairs are in the gold file by then; its own pairs are labelled
        gold |= set(pool(rows, gold, check, 9))
    candidates = pool(rows, gold, check, args.wave)
    for a, b in draw(candidates):
        print(json.dumps({"a": f"FA-KES-Dataset.csv#row{a}", "b": f"FA-KES-Dataset.csv#row{b}"}))
    print(f"# pool {len(candidates)} pairs, drawn {min(SIZE, len(candidates))} (seed {SEED})",
          file=sys.stderr)


if __name__ == "__main__":
    main()
