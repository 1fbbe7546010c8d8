"""How often ingest's text date (``sitrep.ingest.textdate``) fires and moves the creation time on FA-KES.

Reads the development rows only (even ``unit_id``; ``incidents_cost.development_csv`` blanks the
others before anything reads them) and, for each, the text date ingest reads from the row's
``article_content`` with its ``date`` column as metadata date. Prints how many rows state a date,
how many disagree with the column by 1, 2, 5, 30 and 365+ days, how many change their creation
time at threshold ``--days`` (and at 0: "the text's date whenever it gives one"), and where the
rule differs from ``incidents33``'s diagnostic rule (``incident_pairs_figures.text_date``).
``--sample N --seed S`` prints N rows (row, column date, text date, the text's first 200
characters) whose creation time moves, to be read.

    python benchmarks/text_dates_ingest.py [--days 5] [--differ] [--sample 10 --seed 35 --exclude ROWS] [--json]
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import incidents_cost as cost  # noqa: E402
from incident_pairs_figures import text_date as diagnostic_date  # noqa: E402

from sitrep.dates import creation_time  # noqa: E402
from sitrep.ingest.dates import normalize_date  # noqa: E402
from sitrep.ingest.textdate import text_date  # noqa: E402

BANDS = (1, 2, 5, 30, 365)


def rows() -> list[tuple[int, dict[str, str]]]:
    with tempfile.TemporaryDirectory() as tmp:
        path = cost.development_csv(Path(tmp))
        with path.open(encoding="utf-8", newline="") as fh:
            return [(n, row) for n, row in enumerate(csv.DictReader(fh), start=1) if row["article_content"].strip()]


def measure(days: int) -> dict[str, object]:
    counts: dict[str, object] = {"rows": 0, "fires": 0, "differs_from_incidents33": 0}
    bands = dict.fromkeys(BANDS, 0)
    moved: list[tuple[int, str | None, str, str]] = []
    moved_always = 0
    differ: list[tuple[int, str | None, str | None]] = []
    for n, row in rows():
        counts["rows"] = int(counts["rows"]) + 1  # type: ignore[call-overload]
        published = normalize_date(row["date"])
        stated = text_date(row["article_content"], published=published)
        old = diagnostic_date(row)
        if (old.isoformat() if old else None) != stated:
            differ.append((n, old.isoformat() if old else None, stated))
        if stated is None:
            continue
        counts["fires"] = int(counts["fires"]) + 1  # type: ignore[call-overload]
        if published:
            gap = abs((datetime.date.fromisoformat(stated) - datetime.date.fromisoformat(published[:10])).days)
            for band in BANDS:
                bands[band] += gap >= band
        if creation_time(published, stated, days) != published:
            moved.append((n, published, stated, row["article_content"][:200]))
        moved_always += creation_time(published, stated, 0) != published
    counts["differs_from_incidents33"] = len(differ)
    return {**counts, "disagree_by": {f">={b}": v for b, v in bands.items()}, "moved": len(moved),
            "moved_always": moved_always, "moved_rows": moved, "differ_rows": differ}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=int, default=5)
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--seed", type=int, default=35)
    parser.add_argument("--exclude", default="", help="comma-separated rows left out of the sample (rows read before)")
    parser.add_argument("--differ", action="store_true", help="list the rows where the rule differs from incidents33's")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    found = measure(args.days)
    moved = found.pop("moved_rows")
    differ = found.pop("differ_rows")
    print(json.dumps(found, indent=None if args.json else 2))
    if args.differ:
        for n, old, new in differ:  # type: ignore[attr-defined]
            print(f"row {n}: incidents33 {old}  ingest {new}")
    if args.sample:
        skip = {int(x) for x in args.exclude.split(",") if x.strip()}
        pool = [m for m in moved if m[0] not in skip]  # type: ignore[attr-defined]
        for n, published, stated, head in random.Random(args.seed).sample(pool, min(args.sample, len(pool))):
            print(f"\nrow {n}: column {published}  text {stated}\n  {head!r}")


if __name__ == "__main__":
    main()
