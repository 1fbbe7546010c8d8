"""Inter-coder agreement on the FA-KES events gold (issue 13, branch ``agree1``).

A blind second coding (coder B) of a seeded random sample of the gold's **tune** articles, scored
with sitrep's own article scorer (``sitrep.stages.events.article_scorer``).

* ``draw`` — the sample: 12 articles at random (seed 2027) from the tune rows of
  ``benchmarks/data/fakes_events_gold.jsonl``. Prints ids only (document, unit id, wave, era,
  outlet), never a label: the draw reads no field of a gold line but its ids, split and outlet.
  It is committed, with its output, before any article of the sample is read.

Usage: ``python benchmarks/inter_coder_events.py draw``.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "benchmarks" / "data" / "fakes_events_gold.jsonl"
SECOND = REPO / "benchmarks" / "data" / "fakes_events_second_coder.jsonl"
SEED = 2027
SAMPLE_SIZE = 12

#: the tune half's waves in the gold file's order (as ``WAVES`` of ``events_side_missing.py``, a test
#: holds the two equal): the first sample's tune articles, the two night-4 rounds, wave 5, waves 6-28
WAVE_SIZES = (24, 4, 4, 6) + (8,) * 23
WAVE_NAMES = ("first 24 (seed 2026)", "events10 (seed 1204)", "events11 (seed 1204)",
              "wave 5 (seed 1217)") + tuple(f"wave {n}" for n in range(6, 29))
#: the guide's eras, by the day a wave was coded (fixed with the draw, before any article was read):
#: 12-03/04 (first sample to wave 7), 12-05 (waves 8-13, the report-date ruling came at the end of
#: it and was applied back to every wave), 12-06 (waves 14-28, most of the worked judgement calls)
ERAS = ("12-03/04",) * 6 + ("12-05",) * 6 + ("12-06",) * 15


@dataclass(frozen=True, slots=True)
class Drawn:
    document: str
    unit_id: str
    outlet: str
    wave: str
    era: str


def tune_ids(path: Path = GOLD) -> list[tuple[str, str, str]]:
    """(document, unit id, outlet) of the gold's tune articles, in file order; no label is read."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            if rec["split"] == "tune":
                out.append((str(rec["document"]), str(rec["unit_id"]), str(rec["outlet"])))
    return out


def wave_index(n_articles: int) -> list[int]:
    if sum(WAVE_SIZES) != n_articles:
        raise SystemExit(f"the tune half has {n_articles} articles, WAVE_SIZES counts {sum(WAVE_SIZES)}")
    return [w for w, size in enumerate(WAVE_SIZES) for _ in range(size)]


def draw(path: Path = GOLD, seed: int = SEED, size: int = SAMPLE_SIZE) -> list[Drawn]:
    """The seeded sample of tune articles, in drawn order."""
    ids = tune_ids(path)
    waves = wave_index(len(ids))
    picked = random.Random(seed).sample(range(len(ids)), size)
    out = []
    for i in picked:
        document, unit_id, outlet = ids[i]
        assert int(unit_id) % 2 == 0, f"{document} is a held-out row"
        out.append(Drawn(document, unit_id, outlet, WAVE_NAMES[waves[i]], ERAS[waves[i]]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("draw", help="print the seeded sample (ids only)")
    args = parser.parse_args()
    if args.command == "draw":
        for d in draw():
            print(f"{d.document}\t{d.unit_id}\t{d.wave}\t{d.era}\t{d.outlet}")


if __name__ == "__main__":
    main()
