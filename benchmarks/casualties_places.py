"""News agencies and casualty monitors resolved as places on FA-KES (development rows).

Issue 12: sources are actors of kind ``media`` or ``monitor`` and never places ("SANA" was
geocoded to Sanaa, Yemen). Runs the pipeline (actors, place) on every FA-KES row with an
even ``unit_id`` and counts the places whose span is a news agency or monitor: a span that
overlaps a mention of a KB actor of kind media/monitor, or whose text is one of their
aliases. Odd rows are held out and never read.

    .venv/bin/python benchmarks/casualties_places.py [--limit N] [--json]
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import datetime
import json
import sys
from collections import Counter
from pathlib import Path

from sitrep.datasets import shared_data_dir
from sitrep.ingest import build_document
from sitrep.kb import load_kb
from sitrep.pipeline import build_pipeline

SOURCE_KINDS = ("media", "monitor")


def development_rows(csv_path: Path) -> list[tuple[str, dict[str, str]]]:
    with open(csv_path, encoding="utf-8", errors="replace", newline="") as fh:
        rows = [(f"{csv_path.name}#row{n}", r) for n, r in enumerate(csv.DictReader(fh), start=1)]
    return [(k, r) for k, r in rows if r["unit_id"].isdigit() and int(r["unit_id"]) % 2 == 0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    csv_path = shared_data_dir() / "corpus" / "fakes" / "FA-KES-Dataset.csv"
    rows = development_rows(csv_path)[: args.limit]
    kb = load_kb()
    source_ids = {a.id for a in kb.actors.values() if a.kind in SOURCE_KINDS}
    aliases = {al.lstrip("=").lower() for a in kb.actors.values() if a.kind in SOURCE_KINDS for al in [a.name, *a.aliases]}
    docs = []
    for key, row in rows:
        published = datetime.datetime.strptime(row["date"], "%m/%d/%Y").date().isoformat()
        doc = build_document(row["article_content"], kind="row", source_path=key, fields={"published": published})
        if doc.status != "skipped":
            docs.append(dataclasses.replace(doc, id=key))
    pipeline = build_pipeline(only=["actors", "place"])
    found: Counter[str] = Counter()
    places = 0
    for analysis in pipeline.analyze(docs):
        spans = [(m.start, m.end) for m in analysis.mentions if m.actor in source_ids]
        for p in analysis.places:
            places += 1
            if p.text.lower() in aliases or any(s < p.end and p.start < e for s, e in spans):
                found[f"{p.text} -> {p.name}"] += 1
    result = {"documents": len(docs), "places": places, "agencies_as_places": sum(found.values()),
              "examples": found.most_common(10)}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{len(docs)} FA-KES development documents, {places} places, "
              f"{sum(found.values())} news agencies / monitors resolved as places")
        for name, n in found.most_common(10):
            print(f"  {n:4}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
