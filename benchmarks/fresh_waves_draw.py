"""The draw of the fresh events waves 30-37 for the prospective confirmation (issue 13, ``pro1``).

The development pool of FA-KES rows (even ``unit_id``) that no events gold holds and that are not in the
check half of another gold file (``tests/test_gold_events.py``'s rule from wave 25 on) is nearly spent:
69 rows on 2026-12-07. This script orders all 402 development rows by ``fakes_split.py sample 402
--seed 1245``, drops the rows already in ``benchmarks/data/fakes_events_gold.jsonl`` and the other gold
files' check rows, and deals the first 64 of the rest, in the printed order, into eight waves of eight
(waves 30-37; the five rows left stay undrawn). It prints row references, ``unit_id`` endings, outlets
and dates only, never a text or a label. Written and committed with its output before any drawn row
was read (docs/benchmarks.md, "Prospective confirmation").

Usage: ``python benchmarks/fresh_waves_draw.py [--check]`` (needs ``../shared``; ``--check`` exits 1
if the committed draw file differs from a fresh draw).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

from common import REPO, shared_dir  # noqa: E402

GOLD = REPO / "benchmarks" / "data" / "fakes_events_gold.jsonl"
OTHER = REPO / "benchmarks" / "data"
OUT = REPO / "benchmarks" / "data" / "fresh_waves.json"
SEED = 1245
FIRST_WAVE = 30
WAVES = 8
SIZE = 8


def other_check_rows() -> set[str]:
    """The check-half rows of the casualty gold and of the incident pairs (as the gold test reads them)."""
    rows: set[str] = set()
    for line in (OTHER / "fakes_casualties_gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip() and (r := json.loads(line))["split"] == "check":
            rows.add(r["document"])
    for line in (OTHER / "fakes_incident_pairs.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip() and (p := json.loads(line))["split"] == "check":
            rows.update((p["a"], p["b"]))
    return rows


def draw() -> dict:
    split_tool = str(shared_dir().parent / "tools" / "fakes_split.py")
    out = subprocess.run([sys.executable, split_tool, "sample", "402", "--seed", str(SEED)],
                         capture_output=True, text=True, check=True).stdout
    order = [json.loads(line) for line in out.splitlines() if line.strip()]
    coded = {json.loads(line)["document"] for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()}
    other = other_check_rows()
    free = [r for r in order if r["document"] not in coded and r["document"] not in other]
    skipped_other = [int(r["document"].rsplit("row", 1)[1]) for r in order
                     if r["document"] in other and r["document"] not in coded]
    taken = free[: WAVES * SIZE]
    assert len(taken) == WAVES * SIZE, len(free)
    assert all(int(r["unit_id"]) % 2 == 0 for r in taken)
    waves = {str(FIRST_WAVE + k): [{"document": r["document"], "outlet": r["outlet"], "date": r["date"]}
                                    for r in taken[k * SIZE:(k + 1) * SIZE]] for k in range(WAVES)}
    return {"seed": SEED, "sample": 402, "free_rows": len(free), "left_undrawn": len(free) - len(taken),
            "skipped_other_check": skipped_other, "waves": waves}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed draw file")
    args = parser.parse_args()
    result = draw()
    text = json.dumps(result, indent=1) + "\n"
    if args.check:
        sys.exit(0 if OUT.read_text(encoding="utf-8") == text else 1)
    OUT.write_text(text, encoding="utf-8")
    for wave, rows in result["waves"].items():
        print(wave, " ".join(r["document"].rsplit("#", 1)[1] + f"({r['outlet']})" for r in rows))


if __name__ == "__main__":
    main()
