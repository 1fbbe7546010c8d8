"""Gold incident dates read against the metadata date instead of the text's own (issue 11, branch incaudit5b).

    python benchmarks/incidents_records_dateline.py EXPORT --gold FILE [--split tune] [--days 5] [--json OUT]

`docs/incident-guide.md` (§2, dates and places) says to judge by the article text, not by the FA-KES `date`
column, which is sometimes days or months off; sitrep keeps the date the text states at its top as the
document's `text_date` (docs/ingest.md) beside the metadata `published`. This lists the gold lines (real, dated)
with a document whose two dates lie `--days` or more apart and whose gold `date.start` lies nearer the metadata
date than the text's: candidates for a day resolved against the column ("on Friday" counted back from the wrong
report day). A candidate is a question for a judge, not an error by itself (a text may date an incident days
before its own dateline). EXPORT is `sitrep export --format jsonl` (its document records are enough).
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from incidents_records_audit import GOLD, _row


@dataclass(frozen=True)
class Candidate:
    """One gold line's date nearer a document's metadata date than to the date its text states."""

    id: str
    document: str
    published: str
    text_date: str
    gold_start: str


def document_dates(export: Path) -> dict[str, tuple[str, str]]:
    """FA-KES row (or document id) -> (published day, text_date) for documents with both."""
    out = {}
    with export.open(encoding="utf-8") as handle:
        for line in handle:
            rec = json.loads(line)
            if rec.get("type") == "document" and rec.get("published") and rec.get("text_date"):
                out[_row(rec.get("source_path"), rec["id"])] = (rec["published"][:10], rec["text_date"][:10])
    return out


def candidates(gold_lines: list[dict], dates: dict[str, tuple[str, str]], days: int) -> list[Candidate]:
    out = []
    for g in gold_lines:
        if not g.get("real", True) or not g.get("date"):
            continue
        start = datetime.date.fromisoformat(g["date"]["start"])
        for row in g.get("documents", []):
            if row not in dates:
                continue
            published, text = (datetime.date.fromisoformat(d) for d in dates[row])
            if abs((published - text).days) >= days and abs((start - published).days) < abs((start - text).days):
                out.append(Candidate(g["id"], row, published.isoformat(), text.isoformat(), start.isoformat()))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("export", type=Path)
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--split", choices=("tune", "check"))
    ap.add_argument("--days", type=int, default=5, help="least gap between the two document dates")
    ap.add_argument("--json", type=Path, dest="json_out")
    args = ap.parse_args(argv)
    lines = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = [g for g in lines if args.split is None or g["split"] == args.split]
    found = candidates(lines, document_dates(args.export), args.days)
    for c in found:
        sys.stdout.write(f"{c.id} {c.document}: published {c.published}, text {c.text_date}, gold {c.gold_start}\n")
    sys.stdout.write(f"{len(found)} candidates in {len(lines)} gold lines\n")
    if args.json_out:
        args.json_out.write_text(json.dumps([asdict(c) for c in found], indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
