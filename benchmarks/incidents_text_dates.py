"""A diagnostic of issue 11: the FA-KES development rows analysed with some rows' dates read from their texts.

FA-KES's ``date`` column (sitrep's ``published``) is days to years off the article's own date in
some rows, and the linker never links two reports whose dates lie beyond its window. This script
builds a database as ``incidents_cost.py`` does (held-out rows blanked, never read) except that,
for every row of the pairs in ``--pairs``, the ``date`` column is replaced by the date the text
itself gives near its start (``incident_pairs_figures.text_date``) when it gives one. The
database then answers: what would the unchanged linker and contested reading do on those pairs
if the corpus's dates were the texts' own? Nothing here is shipped or fitted; the figures are a
diagnostic beside the real ones.

With ``--all-rows --min-days N`` (instead of ``--pairs``) the rule is applied to **every**
development row: a row takes its text's date when the text gives one and it lies at least ``N``
days from the FA-KES ``date`` column (the ingest change "prefer a date the text states at its top
when they disagree", measured before anyone builds it). ``--count`` prints how often the rule
fires and disagrees (by 1, 2, 5, 30, 365 days) on the development rows, without building a
database.

    python benchmarks/incidents_text_dates.py --db NEW.db --pairs FILE [--workers 2]
    python benchmarks/incidents_text_dates.py --db NEW.db --all-rows --min-days 5 [--workers 2]
    python benchmarks/incidents_text_dates.py --count
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import incidents_cost as cost  # noqa: E402
from incident_pairs_figures import text_date  # noqa: E402

from sitrep.ingest import IngestOptions  # noqa: E402
from sitrep.ingest.tabular import parse_mapping  # noqa: E402
from sitrep.store import Store  # noqa: E402
from sitrep.workflow import analyze, ingest  # noqa: E402


def rows_of(pairs: Path) -> set[int]:
    out: set[int] = set()
    for line in pairs.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            out.update(int(record[side].rsplit("#row", 1)[1]) for side in ("a", "b"))
    return out


def _column_day(value: str) -> datetime.date | None:
    try:
        return datetime.datetime.strptime(value, "%m/%d/%Y").date()
    except ValueError:
        return None


def disagreement(row: dict[str, str]) -> int | None:
    """Days between the text's date and the ``date`` column; None when the rule does not fire."""
    day, column = text_date(row), _column_day(row.get("date", ""))
    if day is None or column is None:
        return None
    return abs((day - column).days)


def redate(path: Path, rows: set[int] | None, min_days: int = 0) -> list[tuple[int, str, str]]:
    """Rewrite the blanked development CSV in place with text dates.

    ``rows`` lists the 1-based rows that may move (None: every development row); a row moves only
    when its text gives a date at least ``min_days`` days from its ``date`` column (0: whenever the
    text gives a date, as the pair diagnostic does).
    """
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        columns = list(reader.fieldnames or [])
        table = list(reader)
    moved = []
    for number, row in enumerate(table, start=1):
        if (rows is not None and number not in rows) or not row.get("unit_id"):
            continue
        day = text_date(row)
        if day is not None and min_days > 0 and (disagreement(row) or 0) < min_days:
            continue
        if day is not None:
            new = f"{day.month}/{day.day}/{day.year}"
            if new != row["date"]:
                moved.append((number, row["date"], new))
            row["date"] = new
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns)
        writer.writeheader()
        writer.writerows(table)
    return moved


def count(path: Path) -> dict[str, int]:
    """How often the rule fires on the development rows, and how often it disagrees by N+ days."""
    with path.open(encoding="utf-8", newline="") as fh:
        table = [row for row in csv.DictReader(fh) if row.get("unit_id")]
    gaps = [disagreement(row) for row in table]
    fired = [g for g in gaps if g is not None]
    out = {"development_rows": len(table), "fires": len(fired)}
    for n in (1, 2, 5, 30, 365):
        out[f"apart_{n}_plus_days"] = sum(g >= n for g in fired)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", help="database to create (must not exist)")
    ap.add_argument("--pairs", type=Path, help="gold pairs whose rows take their text dates")
    ap.add_argument("--all-rows", action="store_true", help="every development row may take its text's date")
    ap.add_argument("--min-days", type=int, default=0, help="move a row only when the dates lie this far apart")
    ap.add_argument("--count", action="store_true", help="print how often the rule fires and disagrees")
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    if args.count:
        with tempfile.TemporaryDirectory() as tmp:
            print(json.dumps(count(cost.development_csv(Path(tmp)))))
        return
    if not args.db or bool(args.pairs) == args.all_rows:
        ap.error("give --db and exactly one of --pairs, --all-rows (or --count)")
    if Path(args.db).exists():
        raise SystemExit(f"{args.db} exists; give a new path")
    with tempfile.TemporaryDirectory() as tmp, Store(args.db) as store:
        path = cost.development_csv(Path(tmp))
        moved = redate(path, None if args.all_rows else rows_of(args.pairs), args.min_days)
        ingest(store, [str(path)], IngestOptions(mapping=parse_mapping(cost.MAPPING)))
        summary = analyze(store, workers=args.workers, incidents=True)
    print(json.dumps({"redated": [{"row": n, "from": a, "to": b} for n, a, b in moved],
                      "analyzed": summary.analyzed,
                      "incidents": summary.incidents.incidents if summary.incidents else None}))


if __name__ == "__main__":
    main()
