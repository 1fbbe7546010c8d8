"""Inter-coder agreement on the same-incident pair gold (issue 11): a blind second coding.

No gold set of the project had a second coder. This script draws a random sample of the tune pairs
of ``benchmarks/data/fakes_incident_pairs.jsonl`` for a second, blind coding (coder B), and then
scores B against the first coder (A).

``draw`` (``random.Random(SEED).sample`` of ``SIZE`` tune pairs in file order) reads only the ``a``,
``b`` and ``split`` keys of the gold file and the FA-KES metadata (outlet, date, ``unit_id``); it
prints, per sampled pair, the two row references, the wave the pair was drawn in (from its position
in the file and the metadata rules of docs/incident-guide.md section 1), the outlets and the FA-KES
dates: never a label, an incident line, a contested field or a note. ``text ROW...`` prints the
title and text of development rows (even ``unit_id`` only: asserted) for the coder to read.

    python benchmarks/inter_coder_pairs.py draw [--json FILE]
    python benchmarks/inter_coder_pairs.py text ROW [ROW ...]
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import random
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from incident_pairs_figures import GOLD, shared_csv  # noqa: E402

SEED = 2029
SIZE = 60
#: the waves after wave 4, in file order, with their line counts (docs/incident-guide.md, section 1):
#: each was appended as the last lines of the file, so a line's position names its wave
LATER_WAVES: tuple[tuple[str, int], ...] = (
    ("5", 62), ("6", 41), ("7", 40), ("9", 19), ("10", 30), ("11", 100), ("12", 53),
    ("13", 40), ("14", 40), ("15", 1), ("relabel1", 3),
)
#: the two wave-1 pairs whose label relabel 1 (2026-12-06) rewrote (named in the guide, section 1)
RELABELLED = frozenset({(112, 328), (114, 328)})


@dataclass(frozen=True)
class SampledPair:
    """One drawn pair: row numbers, the wave it was labelled in, and metadata only."""

    a: int
    b: int
    wave: str
    outlet_a: str
    outlet_b: str
    date_a: str
    date_b: str


def row_number(ref: str) -> int:
    return int(ref.rsplit("#row", 1)[1])


def all_rows(path: Path) -> dict[int, dict[str, str]]:
    with open(path, encoding="utf-8", errors="replace", newline="") as f:
        return dict(enumerate(csv.DictReader(f), start=1))


def _day(row: dict[str, str]) -> datetime.date:
    return datetime.datetime.strptime(row["date"], "%m/%d/%Y").date()


def early_wave(x: dict[str, str], y: dict[str, str]) -> str:
    """Waves 1-4 by their metadata rules (guide, section 1)."""
    days = abs((_day(x) - _day(y)).days)
    if x["location"] != y["location"]:
        assert days == 0, "a wave-4 pair has one FA-KES date"
        return "4"
    if x["source"] == y["source"]:
        return "3"
    return "1" if days <= 2 else "2"


def pair_refs(gold: Path = GOLD) -> list[tuple[int, int, str]]:
    """(a, b, split) of every gold line, in file order; no other key is read."""
    out = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            out.append((row_number(record["a"]), row_number(record["b"]), record["split"]))
    return out


def waves(refs: Sequence[tuple[int, int, str]], rows: dict[int, dict[str, str]]) -> list[str]:
    """The wave of every gold line, from its position (later waves) or metadata (waves 1-4)."""
    later = sum(n for _, n in LATER_WAVES)
    first = len(refs) - later
    out = [early_wave(rows[a], rows[b]) for a, b, _ in refs[:first]]
    out = [("1-relabelled" if (a, b) in RELABELLED else w) for (a, b, _), w in zip(refs[:first], out, strict=True)]
    for name, count in LATER_WAVES:
        out.extend([name] * count)
    assert len(out) == len(refs)
    return out


def draw(gold: Path = GOLD, csv_path: Path | None = None, seed: int = SEED, size: int = SIZE) -> list[SampledPair]:
    """``size`` tune pairs drawn at random (``random.Random(seed).sample`` in file order)."""
    rows = all_rows(csv_path or shared_csv())
    refs = pair_refs(gold)
    wave_of = waves(refs, rows)
    tune = [i for i, (_, _, split) in enumerate(refs) if split == "tune"]
    picked = sorted(random.Random(seed).sample(tune, size))
    out = []
    for i in picked:
        a, b, _ = refs[i]
        x, y = rows[a], rows[b]
        assert int(x["unit_id"]) % 2 == 0 and int(y["unit_id"]) % 2 == 0, "a tune row with an odd unit_id"
        out.append(SampledPair(a, b, wave_of[i], x["source"], y["source"], x["date"], y["date"]))
    return out


def show_text(numbers: Sequence[int], csv_path: Path | None = None) -> None:
    rows = all_rows(csv_path or shared_csv())
    for n in numbers:
        row = rows[n]
        assert int(row["unit_id"]) % 2 == 0, f"row {n} is held out (odd unit_id)"
        print(f"=== row {n} | {row['source']} | {row['date']} | {row['location']}")
        print(row["article_title"])
        print(row["article_content"])
        print()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p_draw = sub.add_parser("draw", help="the sample: ids, wave, outlets, dates (no label)")
    p_draw.add_argument("--json", type=Path, help="also write the sample here")
    p_text = sub.add_parser("text", help="print the title and text of development rows")
    p_text.add_argument("rows", type=int, nargs="+")
    args = parser.parse_args(argv)
    if args.command == "text":
        show_text(args.rows)
        return
    sample = draw()
    for s in sample:
        print(f"row{s.a}\trow{s.b}\twave {s.wave}\t{s.outlet_a} {s.date_a}\t{s.outlet_b} {s.date_b}")
    if args.json:
        args.json.write_text(json.dumps([asdict(s) for s in sample], indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
