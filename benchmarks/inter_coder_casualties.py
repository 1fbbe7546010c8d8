"""Inter-coder agreement on the FA-KES casualty gold (issue 12): a blind second coding.

Written on 2026-12-06 (closing round, branch agree2). Two steps, in this order, each committed
before the next:

1. ``python benchmarks/inter_coder_casualties.py draw`` picks the sample: 20 articles drawn with
   ``random.Random(2028).sample`` from the ``tune`` rows of
   ``benchmarks/data/fakes_casualties_gold.jsonl`` (in the file's order). It reads only each
   line's ``document``, ``unit_id``, ``outlet`` and ``split`` and prints, per drawn article, the
   document id, its position in the gold file, its wave (from that position: the gold file keeps
   the order in which its rounds and waves were appended, see ``WAVES`` and
   ``docs/coding-guide-casualties.md``) and its outlet, never a label. Every drawn row's
   ``unit_id`` is asserted even (all tune rows are development rows).
2. The second coder (B) codes the drawn articles by the guide alone, blind to the first coder's
   (A's) lines and to sitrep's output, into ``benchmarks/data/fakes_casualties_second_coder.jsonl``.
3. ``python benchmarks/inter_coder_casualties.py score [--json FILE]`` (added after step 2's
   commit) scores B against A, A against B, sitrep against A and sitrep against B.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "benchmarks" / "data" / "fakes_casualties_gold.jsonl"
SEED = 2028
SAMPLE_SIZE = 20

#: (first position, last position, wave name, era) of the gold file's rounds and waves, 1-based
#: positions in the file; from the guide's list of extensions (each appended in that order).
WAVES: tuple[tuple[int, int, str, str], ...] = (
    (1, 90, "round 1 (12-03)", "12-03"),
    (91, 130, "extension 1 (12-03 evening)", "12-03"),
    (131, 166, "extension 2 (12-03 night)", "12-03"),
    (167, 175, "extension 3 (picked, rounds 1-2)", "12-03"),
    (176, 181, "extension 4 (picked, round 3)", "12-03"),
    (182, 189, "extension 5 (picked, round 4)", "12-03"),
    (190, 209, "wave 1", "12-04"),
    (210, 229, "wave 2", "12-04"),
    (230, 235, "wave 3 (picked)", "12-04"),
    (236, 243, "wave 4", "12-04"),
    (244, 251, "wave 5 (picked)", "12-04"),
    (252, 259, "wave 6", "12-04"),
    (260, 267, "wave 7", "12-05/06"),
    (268, 275, "wave 8", "12-05/06"),
    (276, 283, "wave 9", "12-05/06"),
    (284, 293, "wave 11 (picked)", "12-05/06"),
    (294, 298, "wave 12 (picked)", "12-05/06"),
    (299, 302, "wave 13 (picked)", "12-05/06"),
    (303, 312, "wave 14", "12-05/06"),
    (313, 322, "wave 15 (picked)", "12-05/06"),
    (323, 332, "wave 16", "12-05/06"),
    (333, 342, "wave 17", "12-05/06"),
    (343, 352, "wave 18", "12-05/06"),
    (353, 362, "wave 19", "12-05/06"),
    (363, 363, "wave 20", "12-05/06"),
)


@dataclass(frozen=True, slots=True)
class Drawn:
    """One drawn article: references only, never a label."""

    document: str
    unit_id: str
    outlet: str
    position: int
    wave: str
    era: str


def wave_of(position: int) -> tuple[str, str]:
    """The wave name and era of a 1-based position in the gold file."""
    for lo, hi, name, era in WAVES:
        if lo <= position <= hi:
            return name, era
    raise ValueError(f"position {position} lies in no known wave; extend WAVES")


def tune_rows(gold: Path = GOLD) -> list[Drawn]:
    """The gold file's tune rows as references (document, unit_id, outlet, position, wave)."""
    out: list[Drawn] = []
    with gold.open(encoding="utf-8") as fh:
        for position, line in enumerate(fh, 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            if rec.get("split") != "tune":
                continue
            name, era = wave_of(position)
            out.append(Drawn(str(rec["document"]), str(rec["unit_id"]), str(rec["outlet"]), position, name, era))
    return out


def draw(gold: Path = GOLD, *, seed: int = SEED, size: int = SAMPLE_SIZE) -> list[Drawn]:
    """``size`` tune rows drawn with ``random.Random(seed).sample`` over the file's tune rows."""
    rows = tune_rows(gold)
    picked = random.Random(seed).sample(rows, size)
    for row in picked:
        assert int(row.unit_id) % 2 == 0, f"{row.document} has an odd unit_id"
    return picked


def _cmd_draw(args: argparse.Namespace) -> int:
    for row in draw(seed=args.seed, size=args.n):
        print(json.dumps({"document": row.document, "unit_id": row.unit_id, "outlet": row.outlet,
                          "position": row.position, "wave": row.wave, "era": row.era}))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    p_draw = sub.add_parser("draw", help="print the seeded sample (references only)")
    p_draw.add_argument("--seed", type=int, default=SEED)
    p_draw.add_argument("-n", type=int, default=SAMPLE_SIZE)
    p_draw.set_defaults(func=_cmd_draw)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
