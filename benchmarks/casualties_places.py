"""FA-KES development rows: news agencies resolved as places, and events that say who reports them.

Issue 12: sources are actors of kind ``media`` or ``monitor`` and never places ("SANA" was
geocoded to Sanaa, Yemen), and every reported event says who reports it. Runs the pipeline
on every FA-KES row with an even ``unit_id`` (odd rows are held out and never read) and
counts

- places whose span is a news agency or monitor: a span that overlaps a mention of a KB
  actor of kind media/monitor, or whose text is one of their aliases;
- events with an ``attributed_to``, by status, before and after the casualties stage (which
  fills it from the sentence's source where the events stage left it empty).

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

from common import shared_dir  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.ingest import build_document  # noqa: E402
from sitrep.pipeline import build_pipeline  # noqa: E402
from sitrep.records import Analysis  # noqa: E402

SOURCE_KINDS = ("media", "monitor")


def development_rows(csv_path: Path) -> list[tuple[str, dict[str, str]]]:
    with open(csv_path, encoding="utf-8", errors="replace", newline="") as fh:
        rows = [(f"{csv_path.name}#row{n}", r) for n, r in enumerate(csv.DictReader(fh), start=1)]
    return [(k, r) for k, r in rows if r["unit_id"].isdigit() and int(r["unit_id"]) % 2 == 0]


def attributed(counter: Counter[tuple[str, bool]], status: str) -> str:
    total = counter[(status, True)] + counter[(status, False)]
    return f"{counter[(status, True)]}/{total}" if total else "0/0"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    rows = development_rows(shared_dir() / "corpus" / "fakes" / "FA-KES-Dataset.csv")[: args.limit]
    pipeline = build_pipeline(only=["casualties"])  # and the stages it reads from
    kb = pipeline.resources.kb
    source_ids = {a.id for a in kb.actors.values() if a.kind in SOURCE_KINDS}
    aliases = {al.lstrip("=").lower() for a in kb.actors.values() if a.kind in SOURCE_KINDS for al in [a.name, *a.aliases]}
    stages = {s.name: s for s in pipeline.stages}
    found: Counter[str] = Counter()
    before: Counter[tuple[str, bool]] = Counter()
    after: Counter[tuple[str, bool]] = Counter()
    places = documents = 0
    for key, row in rows:
        published = datetime.datetime.strptime(row["date"], "%m/%d/%Y").date().isoformat()
        doc = build_document(row["article_content"], kind="row", source_path=key, fields={"published": published})
        if doc.status == "skipped":
            continue
        documents += 1
        analysis = Analysis(document=dataclasses.replace(doc, id=key))
        for name in (n for n in stages if n != "casualties"):
            analysis = stages[name](analysis)
        before.update((e.status, e.attributed_to is not None) for e in analysis.events)
        analysis = stages["casualties"](analysis)
        after.update((e.status, e.attributed_to is not None) for e in analysis.events)
        spans = [(m.start, m.end) for m in analysis.mentions if m.actor in source_ids]
        for p in analysis.places:
            places += 1
            if p.text.lower() in aliases or any(s < p.end and p.start < e for s, e in spans):
                found[f"{p.text} -> {p.name}"] += 1
    result = {"documents": documents, "places": places, "agencies_as_places": sum(found.values()),
              "examples": found.most_common(10),
              "attributed_before": {s: attributed(before, s) for s in ("reported", "asserted")},
              "attributed_after": {s: attributed(after, s) for s in ("reported", "asserted")}}
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"{documents} FA-KES development documents, {places} places, "
          f"{sum(found.values())} news agencies / monitors resolved as places")
    for name, n in found.most_common(10):
        print(f"  {n:4}  {name}")
    for status in ("reported", "asserted"):
        print(f"{status} events with a source: {attributed(before, status)} after the events stage, "
              f"{attributed(after, status)} after the casualties stage")
    return 0


if __name__ == "__main__":
    sys.exit(main())
