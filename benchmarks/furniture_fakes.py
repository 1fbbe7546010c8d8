"""Web-page furniture removal on FA-KES development rows (even ``unit_id`` only).

Usage:
    python benchmarks/furniture_fakes.py [--sample 30] [--seed 13] [--json out.json]

Only rows with an even ``unit_id`` are kept (the odd ones are held out: their content is
never looked at, only their id to drop them). They are written to a temporary CSV and
ingested as a user would (``--map text=article_content,title=article_title,publisher=source,
published=date``), three ways: all development rows in one file, and each half alone
(tuning half: ``unit_id % 4 == 0``; check half: ``unit_id % 4 == 2``), since repetition
is learned per file and publisher. Prints how many bodies changed, by kind of removal, and
a seeded sample of removals for reading by hand (row reference, kind, the removed text
cut to 120 characters; printed only: ``--json`` keeps no article text).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from common import shared_dir

from sitrep.ingest import IngestOptions, read_inputs
from sitrep.records import Document

#: measurement probes only (the detector never sees them): markers of furniture a reader finds in
#: these bodies; a body whose stored text still holds one is a (partial) miss
PROBES = ("Print Tweet", "Tags ", "Subscribe", "Related News", "Read more", "Get short URL",
          "Community standards", "Follow us", "Last updated", "Published ", "Posted on")
MAPPING = {"text": "article_content", "title": "article_title", "publisher": "source", "published": "date"}


def dev_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The header and the development rows (even unit_id), each with its row reference."""
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        reader = csv.DictReader(fh)
        header = list(reader.fieldnames or [])
        rows = []
        for n, row in enumerate(reader, start=1):
            if row["unit_id"].isdigit() and int(row["unit_id"]) % 2 == 0:
                row["_ref"] = f"FA-KES-Dataset.csv#row{n}"
                rows.append(row)
    return header, rows


def run(rows: list[dict[str, str]], header: list[str], tmp: Path, name: str) -> list[tuple[str, Document]]:
    """Ingest ``rows`` as one CSV; ``(row reference, document)`` for every document."""
    path = tmp / f"{name}.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    out = []
    for item in read_inputs([str(path)], IngestOptions(mapping=MAPPING)):
        if isinstance(item, Document):
            number = int((item.source_path or "").rsplit("#row", 1)[1])
            out.append((rows[number - 1]["_ref"], item))
    return out


def summary(docs: list[tuple[str, Document]]) -> dict[str, Any]:
    kinds: Counter[str] = Counter()
    chars = 0
    for _, doc in docs:
        for span in doc.removed:
            kinds[span.kind] += 1
            chars += span.end - span.start
    changed = sum(1 for _, d in docs if d.removed)
    total = sum(len(d.raw_text or "") for _, d in docs)
    before = sum(1 for _, d in docs if any(p in (d.raw_text or "") for p in PROBES))
    after = sum(1 for _, d in docs if any(p in d.text for p in PROBES))
    return {
        "documents": len(docs), "changed": changed, "spans": dict(sorted(kinds.items())),
        "removed_chars": chars, "removed_share": round(chars / total, 4) if total else 0.0,
        "probe_bodies_before": before, "probe_bodies_after": after,
    }


def sample(docs: list[tuple[str, Document]], n: int, seed: int) -> list[dict[str, str]]:
    spans = [(ref, d, s) for ref, d in docs for s in d.removed]
    picked = random.Random(seed).sample(spans, min(n, len(spans)))
    return [
        {"row": ref, "kind": s.kind, "removed": (d.raw_text or "")[s.start : s.end][:120]}
        for ref, d, s in sorted(picked, key=lambda x: (int(x[0].rsplit("row", 1)[1]), x[2].start))
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sample", type=int, default=30)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    header, rows = dev_rows(shared_dir() / "corpus" / "fakes" / "FA-KES-Dataset.csv")
    tuning = [r for r in rows if int(r["unit_id"]) % 4 == 0]
    check = [r for r in rows if int(r["unit_id"]) % 4 == 2]
    result: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, part in (("all_dev", rows), ("tuning_half", tuning), ("check_half", check)):
            docs = run(part, header, Path(tmp), name)
            result[name] = summary(docs)
            if name == "check_half":
                result["check_sample"] = sample(docs, args.sample, args.seed)
    for name in ("all_dev", "tuning_half", "check_half"):
        s = result[name]
        print(f"{name:12} {s['changed']:4}/{s['documents']} bodies changed; spans {s['spans']}; "
              f"{s['removed_chars']} characters ({100 * s['removed_share']:.1f} %); "
              f"bodies with a probe marker {s['probe_bodies_before']} -> {s['probe_bodies_after']}")
    print(f"\nsample of {len(result['check_sample'])} removals from the check half (seed {args.seed}):")
    for item in result["check_sample"]:
        print(f"  {item['row']:28} {item['kind']:15} {item['removed']!r}")
    if args.json:  # no article text in the saved file: row references, kinds and lengths only
        for item in result["check_sample"]:
            item["removed"] = f"{len(item['removed'])} characters shown"
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    sys.exit(main())
