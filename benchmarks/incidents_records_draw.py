"""Draw the incidents of the hand-judged incident-record gold (issue 11, branch incaudit1).

    python benchmarks/incidents_records_draw.py EXPORT [--n 40] [--skip 0] [--pairs FILE] [--single]

EXPORT is `sitrep export --format jsonl` of a database built over the FA-KES development
reports. The rule, fixed before any incident was read:

* pool: the exported incidents with two or more `documents`, sorted by `id`;
* draw: `random.Random(2026_12_07).sample(pool, len(pool))`, the first `n` after `skip`
  (a later draw of 20 more takes `--skip 40 --n 20`: the same order, continued);
* split: the halves (`split` of `benchmarks/data/fakes_incident_pairs.jsonl`) of the incident's
  documents' FA-KES rows, over the rows that are in a labelled pair; all `check` -> check,
  all `tune` -> tune; both halves, or no row in any pair -> by the draw position's parity
  (even position -> tune, odd -> check; positions count from 0).

With `--single` (branch incaudit4) the pool is instead the exported incidents with exactly one
document, sorted by `id`, shuffled with their own seed, `random.Random(SINGLE_SEED)`
(`SINGLE_SEED = 2026_12_07_4`); the split is decided by the same rule (the one row's half in the
pairs gold, else the draw position's parity). Without `--single` the draw is unchanged.

Prints one JSON line per drawn incident: position, incident id, rows, split, how the split was
decided. Reads only the export's ids and source paths, never an incident's content.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

SEED = 2026_12_07
SINGLE_SEED = 2026_12_07_4
PAIRS = Path(__file__).resolve().parent / "data" / "fakes_incident_pairs.jsonl"


@dataclass(frozen=True)
class Drawn:
    position: int
    incident: str
    rows: list[str]
    split: str
    rule: str


def _row(source_path: str) -> str:
    return "FA-KES-Dataset.csv#" + source_path.rsplit("#", 1)[1]


def row_halves(pairs: Path) -> dict[str, set[str]]:
    halves: dict[str, set[str]] = {}
    for line in pairs.read_text(encoding="utf-8").splitlines():
        if line.strip():
            pair = json.loads(line)
            for key in ("a", "b"):
                halves.setdefault(pair[key], set()).add(pair["split"])
    return halves


def split_of(rows: list[str], position: int, halves: dict[str, set[str]]) -> tuple[str, str]:
    seen: set[str] = set()
    for row in rows:
        seen |= halves.get(row, set())
    if seen == {"check"}:
        return "check", "pairs: check"
    if seen == {"tune"}:
        return "tune", "pairs: tune"
    parity = "tune" if position % 2 == 0 else "check"
    return parity, "parity: " + ("both halves" if seen else "in no pair")


def in_pool(documents: list[str], single: bool) -> bool:
    """The multi-report pool (two or more documents) or, with `single`, the one-report pool."""
    return len(documents) == 1 if single else len(documents) >= 2


def draw(export: Path, n: int, skip: int, pairs: Path, *, single: bool = False) -> list[Drawn]:
    docs: dict[str, str] = {}
    pool: list[tuple[str, list[str]]] = []
    for line in export.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec["type"] == "document":
            docs[rec["id"]] = rec["source_path"]
        elif rec["type"] == "incident" and in_pool(rec["documents"], single):
            pool.append((rec["id"], rec["documents"]))
    pool.sort()
    order = random.Random(SINGLE_SEED if single else SEED).sample(pool, len(pool))
    halves = row_halves(pairs)
    out = []
    for position in range(skip, min(skip + n, len(order))):
        incident, documents = order[position]
        rows = sorted({_row(docs[d]) for d in documents}, key=lambda r: int(r.rsplit("row", 1)[1]))
        split, rule = split_of(rows, position, halves)
        out.append(Drawn(position, incident, rows, split, rule))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("export", type=Path)
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--skip", type=int, default=0)
    ap.add_argument("--pairs", type=Path, default=PAIRS)
    ap.add_argument("--single", action="store_true", help="draw from the records with exactly one report")
    args = ap.parse_args(argv)
    for drawn in draw(args.export, args.n, args.skip, args.pairs, single=args.single):
        sys.stdout.write(json.dumps(asdict(drawn)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
