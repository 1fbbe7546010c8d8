"""What incident linking adds to ``sitrep run`` on FA-KES: both timed in one run.

Writes the FA-KES development rows (even ``unit_id``) to a temporary CSV in which every
held-out row is blank (so row numbers, and the ``#rowN`` references, stay those of the
original file; the blank rows are skipped by ingest, never read), then runs what
``sitrep run`` runs: ingest, analyze, and the incremental incident update. Prints the
seconds of analysis and of linking and their ratio, and keeps the database (``--db``)
for ``sitrep eval incidents``.

Usage: ``python benchmarks/incidents_cost.py --db /tmp/fakes.db [--workers 2]``.
"""

from __future__ import annotations

import argparse
import csv
import json
import tempfile
import time
from pathlib import Path

from common import shared_dir

from sitrep.ingest import IngestOptions
from sitrep.ingest.tabular import parse_mapping
from sitrep.store import Store
from sitrep.workflow import analyze, ingest

MAPPING = "text=article_content,title=article_title,publisher=source,published=date"


def development_csv(folder: Path) -> Path:
    """FA-KES with every held-out row blanked; same file name, same row numbers."""
    source = shared_dir() / "corpus" / "fakes" / "FA-KES-Dataset.csv"
    target = folder / source.name
    with source.open(encoding="utf-8", errors="replace", newline="") as fh:
        reader = csv.DictReader(fh)
        columns = list(reader.fieldnames or [])
        rows = list(reader)
    with target.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            even = row["unit_id"].isdigit() and int(row["unit_id"]) % 2 == 0
            writer.writerow(row if even else {c: "" for c in columns})
    return target


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="database to create (must not exist)")
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    if Path(args.db).exists():
        raise SystemExit(f"{args.db} exists; give a new path")
    with tempfile.TemporaryDirectory() as tmp, Store(args.db) as store:
        path = development_csv(Path(tmp))
        started = time.perf_counter()
        ing = ingest(store, [str(path)], IngestOptions(mapping=parse_mapping(MAPPING)))
        ingest_s = time.perf_counter() - started
        summary = analyze(store, workers=args.workers, incidents=True)
    inc = summary.incidents
    assert inc is not None
    figures = {
        "documents": ing.added, "analyzed": summary.analyzed, "ingest_s": round(ingest_s, 1),
        "analyze_s": round(summary.seconds, 1), "link_s": round(inc.seconds, 1),
        "link_share_of_run": round(inc.seconds / (ingest_s + summary.seconds + inc.seconds), 3),
        "incidents": inc.incidents, "workers": args.workers,
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
