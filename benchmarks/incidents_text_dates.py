"""A diagnostic of issue 11: the FA-KES development rows analysed with some rows' dates read from their texts.

FA-KES's ``date`` column (sitrep's ``published``) is days to years off the article's own date in
some rows, and the linker never links two reports whose dates lie beyond its window. This script
builds a database as ``incidents_cost.py`` does (held-out rows blanked, never read) except that,
for every row of the pairs in ``--pairs``, the ``date`` column is replaced by the date the text
itself gives near its start (``incident_pairs_figures.text_date``) when it gives one. The
database then answers: what would the unchanged linker and contested reading do on those pairs
if the corpus's dates were the texts' own? Nothing here is shipped or fitted; the figures are a
diagnostic beside the real ones.

    python benchmarks/incidents_text_dates.py --db NEW.db --pairs FILE [--workers 2]
"""

from __future__ import annotations

import argparse
import csv
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


def redate(path: Path, rows: set[int]) -> list[tuple[int, str, str]]:
    """Rewrite the blanked development CSV in place with the listed rows' text dates."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        columns = list(reader.fieldnames or [])
        table = list(reader)
    moved = []
    for number, row in enumerate(table, start=1):
        if number not in rows or not row.get("unit_id"):
            continue
        day = text_date(row)
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="database to create (must not exist)")
    ap.add_argument("--pairs", type=Path, required=True, help="gold pairs whose rows take their text dates")
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    if Path(args.db).exists():
        raise SystemExit(f"{args.db} exists; give a new path")
    with tempfile.TemporaryDirectory() as tmp, Store(args.db) as store:
        path = cost.development_csv(Path(tmp))
        moved = redate(path, rows_of(args.pairs))
        ingest(store, [str(path)], IngestOptions(mapping=parse_mapping(cost.MAPPING)))
        summary = analyze(store, workers=args.workers, incidents=True)
    print(json.dumps({"redated": [{"row": n, "from": a, "to": b} for n, a, b in moved],
                      "analyzed": summary.analyzed,
                      "incidents": summary.incidents.incidents if summary.incidents else None}))


if __name__ == "__main__":
    main()
