"""A fresh, seeded RANDOM batch of FA-KES development rows for the casualty gold (issue 12).

Written and committed on 2026-12-04 (night 4, branch casualties9) before any row it draws was
read. Four rounds of rows picked for classes made the tune half near-perfect while check did not
move; this batch is not picked for anything, so sitrep's score on it (measured before any code
change) is an honest out-of-sample estimate. The rule:

1. the order is `fakes_split.py sample 408 --seed 20261204` (every development row, even
   `unit_id`, in a seeded random order; a seed not used for the gold before);
2. a row is skipped when its document or its `unit_id` (FA-KES prints a few articles twice)
   is already in `benchmarks/data/fakes_casualties_gold.jsonl` *as committed before this
   batch*, i.e. the 189 rows of main at 9663afc (the batch's own rows are therefore excluded
   by position, not by the file's current content: the first N rows left are the batch);
3. the first N = 20 rows left are the batch; all of them go to the `tune` half once scored
   (the check half is unchanged).

Run: `python3 benchmarks/casualties_fresh.py [N]` (prints JSON Lines: document, unit_id, outlet,
position in the seeded order). It prints row references only, never text.

Wave 2 (2026-12-04, midday, branch casualties11): `python3 benchmarks/casualties_fresh.py --wave 2`
prints the rows 61-80 of the same draw (`draw(80)[60:]`). Rows 1-20 are wave 1 (in the gold);
rows 21-60 were run through sitrep unlabelled by casualties10 (a no-regression comparison whose
changed outputs were read), so they are not out-of-sample any more and are passed over. The rule
was fixed before any wave-2 row was read; all 20 go to `tune`.

Wave 4 (2026-12-04, evening, branch casualties13): `python3 benchmarks/casualties_fresh.py --wave 4`
prints the first 8 rows of a NEW seeded order, `fakes_split.py sample 408 --seed 20261213` (a seed
not used for the gold before), after skipping every document and `unit_id` of the gold as committed
before the wave (all 235 rows of main at b3686d9) and the rows 21-60 of wave 1's draw (run through
sitrep unlabelled by casualties10, their changed outputs read). The rule was written and committed
before any wave-4 row was read; all 8 go to `tune` once scored (check unchanged).

Wave 6 (2026-12-04, late, branch casualties15): `python3 benchmarks/casualties_fresh.py --wave 6`
prints the CANDIDATES of a new seeded order, `fakes_split.py sample 408 --seed 20261215` (a seed not
used for the gold before), after skipping every document and `unit_id` of the gold as committed
before the wave (all 251 rows of main at 7e929af) and rows 21-60 of wave 1's draw; the first
20 rows (`FRESH_WAVES`) are printed in order. The criterion, written down and committed before any
row was read: the labeller reads the candidates in that order and keeps a row when its article
text reports at least one casualty figure as `docs/coding-guide-casualties.md` defines one (a
number counting people killed, injured, missing, abducted, arrested or displaced, of any scope:
incident, background or war total); a row with no such figure (an empty, non-English or
figure-free text) is passed over and listed in the wave's docs. The first 8 rows kept are wave 6;
the rows after the eighth kept are not read. Every figure of the 8 is labelled by the guide and
committed before sitrep runs on them; all 8 go to `tune` once scored (check unchanged).

Wave 7 (2026-12-05, dawn, branch casualties19): `python3 benchmarks/casualties_fresh.py --wave 7`
prints the CANDIDATES of a new seeded order, `fakes_split.py sample 408 --seed 20261219` (a seed not
used for the gold before), after skipping every document and `unit_id` of the gold as committed
before the wave (all 259 rows of main at 8e93f2e) and rows 21-60 of wave 1's draw. The criterion,
written down and committed before any row was read: the labeller reads the candidates in order
and keeps a row when its article text reports at least one KILLED figure by the guide (a number
of people killed, of any scope); a row without one is passed over and listed in the wave's docs.
The first 8 rows kept are wave 7; the rows after the eighth kept are not read. Every figure of
the 8 (every kind) is labelled by the guide and committed before sitrep runs on them; all 8 go to
`tune` once scored (check unchanged).

Waves 8 (2026-12-05, morning, branch casualties21) and 9 (midday, branch casualties22) repeat wave
7's rule and criterion, each written down and committed before any of its rows was read, with a new
seed and the whole gold as committed at the wave's start skipped: `--wave 8` (seed 20261220, 267 rows
before it) and `--wave 9` (seed 20261221, 275 rows before it); see ``FRESH_WAVES``.

Wave 14 (2026-12-05, late, branch casualties32) repeats wave 7's rule and criterion with N = 10,
written down and committed before any of its rows was read: `--wave 14` prints the candidates of
`fakes_split.py sample 408 --seed 20261233` (a seed not used before), skipping every document and
`unit_id` of the 302 gold rows of main at 405a8ae, rows 21-60 of wave 1's draw, and the 8 rows of
wave 10 (labelled and scored on branch casualties26, never merged: sitrep's output on them was
read, so they are not fresh). The labeller reads the candidates in order and keeps a row when its
text reports at least one KILLED figure by the guide (any scope); the first 10 kept are wave 14,
the rows after the tenth kept are not read. Every figure of the 10 is labelled and committed before
sitrep runs on them; all 10 go to `tune` once scored (check unchanged).

Wave 16 (2026-12-06, night, branch casualties34) repeats wave 14's rule and criterion with N = 10,
written down and committed before any of its rows was read: `--wave 16` prints the candidates of
`fakes_split.py sample 408 --seed 20261236` (a seed not used before), skipping every document and
`unit_id` of the 322 gold rows of main at b4fe5c4, rows 21-60 of wave 1's draw, and the 8 rows of
wave 10 (as wave 14). The labeller reads the candidates in order and keeps a row when its text
reports at least one KILLED figure by the guide (any scope); the first 10 kept are wave 16, the rows
after the tenth kept are not read (if fewer than 10 candidates qualify, the wave is what there is).
Every figure of the kept rows is labelled and committed before sitrep runs on them; all go to
`tune` once scored (check unchanged), as every random wave before it.

Wave 17 (2026-12-06, early, branch casualties36) repeats wave 16's rule and criterion with N = 10,
written down and committed before any of its rows was read: `--wave 17` prints the candidates of
`fakes_split.py sample 408 --seed 20261237` (a seed not used before), skipping every document and
`unit_id` of the 332 gold rows of main at ebbf204, rows 21-60 of wave 1's draw, and the 8 rows of
wave 10 (as waves 14 and 16). The labeller reads the candidates in order and keeps a row when its
text reports at least one KILLED figure by the guide (any scope); the first 10 kept are wave 17, the
rows after the tenth kept are not read (if fewer than 10 candidates qualify, the wave is what there
is). Every figure of the kept rows is labelled and committed before sitrep runs on them; all go to
`tune` once scored (check unchanged), as every random wave before it.

Wave 18 (2026-12-06, morning, branch casualties40) repeats wave 17's rule and criterion with N = 10,
written down and committed before any of its rows was read: `--wave 18` prints the candidates of
`fakes_split.py sample 408 --seed 20261240` (a seed not used before), skipping every document and
`unit_id` of the 342 gold rows of main at e08cc54, rows 21-60 of wave 1's draw, and the 8 rows of
wave 10 (as waves 14, 16 and 17). The labeller reads the candidates in order and keeps a row when
its text reports at least one KILLED figure by the guide (any scope); the first 10 kept are wave 18,
the rows after the tenth kept are not read (if fewer than 10 candidates qualify, the wave is what
there is). Every figure of the kept rows is labelled and committed before sitrep runs on them; all
go to `tune` once scored (check unchanged), as every random wave before it.

Wave 19 (2026-12-06, midday, branch casualties43) repeats wave 18's rule and criterion with N = 10,
written down and committed before any of its rows was read: `--wave 19` prints the candidates of
`fakes_split.py sample 408 --seed 20261243` (a seed not used before), skipping every document and
`unit_id` of the 352 gold rows of main at 365f586, rows 21-60 of wave 1's draw, and the 8 rows of
wave 10 (as waves 14, 16, 17 and 18). The labeller reads the candidates in order and keeps a row
when its text reports at least one KILLED figure by the guide (any scope); the first 10 kept are
wave 19, the rows after the tenth kept are not read (if fewer than 10 candidates qualify, the wave
is what there is). Every figure of the kept rows is labelled and committed before sitrep runs on
them; all go to `tune` once scored (check unchanged), as every random wave before it.

Wave 20 (2026-12-06, afternoon, branch casualties45) repeats wave 19's rule and criterion with N = 10,
written down and committed before any of its rows was read: `--wave 20` prints the candidates of
`fakes_split.py sample 408 --seed 20261245` (a seed not used before), skipping every document and
`unit_id` of the 362 gold rows of main at 9a29afd, rows 21-60 of wave 1's draw, and the 8 rows of
wave 10 (as waves 14, 16, 17, 18 and 19). The labeller reads the candidates in order and keeps a row
when its text reports at least one KILLED figure by the guide (any scope); the first 10 kept are
wave 20, the rows after the tenth kept are not read (if fewer than 10 candidates qualify, the wave
is what there is). Every figure of the kept rows is labelled and committed before sitrep runs on
them; all go to `tune` once scored (check unchanged), as every random wave before it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SITREP_SHARED", str(REPO.parent / "shared")))
TOOL = SHARED / "tools" / "fakes_split.py"
GOLD = REPO / "benchmarks" / "data" / "fakes_casualties_gold.jsonl"
SEED = 20261204
ALL_ROWS = 408
# the gold rows committed before this batch (main at 9663afc): the first 189 lines of the file
GOLD_ROWS_BEFORE = 189


def unlabelled_order(seed: int, gold_rows_before: int) -> list[tuple[int, dict]]:
    """``(position, row)`` of every development row in ``fakes_split.py sample``'s order for
    ``seed``, without the rows whose document or ``unit_id`` is in the first ``gold_rows_before``
    lines of the gold (the gold as committed before the draw); positions count every row."""
    with open(GOLD, encoding="utf-8") as f:
        before = [json.loads(line) for line in f if line.strip()][:gold_rows_before]
    documents = {a["document"] for a in before}
    units = {a["unit_id"] for a in before}
    out = subprocess.run([sys.executable, str(TOOL), "sample", str(ALL_ROWS), "--seed", str(seed)],
                         check=True, capture_output=True, text=True).stdout.split("\n")
    rows = []
    for position, line in enumerate((ln for ln in out if ln.strip()), start=1):
        row = json.loads(line)
        if row["document"] not in documents and str(row["unit_id"]) not in units:
            rows.append((position, row))
    return rows


def reference(position: int, row: dict) -> dict:
    """A drawn row as the waves print it: its reference only, never its text."""
    return {"document": row["document"], "unit_id": str(row["unit_id"]), "outlet": row.get("outlet"),
            "position": position}


def select(order: list[tuple[int, dict]], judge: Callable[[dict], object], key: str, n: int,
           seen_documents: Iterable[str] = (), seen_units: Iterable[str] = (),
           per_value: int | None = None) -> list[dict]:
    """The first ``n`` rows of ``order`` that ``judge`` keeps (a truthy value, printed under
    ``key``), each document and ``unit_id`` once (FA-KES prints a few articles twice), skipping
    those in ``seen_documents``/``seen_units``; with ``per_value``, at most that many rows of each
    value. The targeted waves' common draw loop."""
    documents, units = set(seen_documents), set(seen_units)
    taken: dict[object, int] = {}
    out: list[dict] = []
    for position, row in order:
        if row["document"] in documents or str(row["unit_id"]) in units:
            continue
        value = judge(row)
        if value and (per_value is None or taken.get(value, 0) < per_value):
            taken[value] = taken.get(value, 0) + 1
            out.append({**reference(position, row), key: value})
            documents.add(row["document"])
            units.add(str(row["unit_id"]))
        if len(out) == n:
            break
    return out


def draw(n: int = 20) -> list[dict]:
    return [reference(position, row) for position, row in unlabelled_order(SEED, GOLD_ROWS_BEFORE)[:n]]


def fresh_order(seed: int, gold_rows_before: int) -> list[tuple[int, dict]]:
    """``unlabelled_order`` less rows 21-60 of wave 1's draw (run through sitrep unlabelled by
    casualties10): the order every later wave draws from."""
    seen = {r["document"] for r in draw(60)[20:]}
    return [(position, row) for position, row in unlabelled_order(seed, gold_rows_before)
            if row["document"] not in seen]


WAVES = {1: (0, 20), 2: (60, 80)}
#: the fresh waves, each a seeded order outside the gold as committed before it and outside rows
#: 21-60 of wave 1's draw: wave -> (seed, gold rows before it, rows printed). Wave 4 (gold of main
#: at b3686d9) is its first 8 rows; waves 6 (main at 7e929af), 7 (main at 8e93f2e), 8 (267
#: rows, 2026-12-05 morning) and 9 (275 rows, 2026-12-05 midday) print candidates, of which the labeller keeps the first 8 that meet the wave's criterion (docstring).
FRESH_WAVES: dict[int, tuple[int, int, int]] = {
    4: (20261213, 235, 8),
    6: (20261215, 251, 20),
    7: (20261219, 259, 20),
    8: (20261220, 267, 20),
    9: (20261221, 275, 20),
    14: (20261233, 302, 30),
    16: (20261236, 322, 40),
    17: (20261237, 332, 40),
    18: (20261240, 342, 40),
    19: (20261243, 352, 40),
    20: (20261245, 362, 40),
}
#: rows read but never merged into the gold, skipped by the waves drawn after them: wave 10
#: (branch casualties26; labelled and scored, sitrep's output read)
PASSED_OVER: dict[int, tuple[str, ...]] = {
    14: tuple(f"FA-KES-Dataset.csv#row{n}" for n in (486, 527, 553, 672, 161, 349, 487, 705)),
    16: tuple(f"FA-KES-Dataset.csv#row{n}" for n in (486, 527, 553, 672, 161, 349, 487, 705)),
    17: tuple(f"FA-KES-Dataset.csv#row{n}" for n in (486, 527, 553, 672, 161, 349, 487, 705)),
    18: tuple(f"FA-KES-Dataset.csv#row{n}" for n in (486, 527, 553, 672, 161, 349, 487, 705)),
    19: tuple(f"FA-KES-Dataset.csv#row{n}" for n in (486, 527, 553, 672, 161, 349, 487, 705)),
    20: tuple(f"FA-KES-Dataset.csv#row{n}" for n in (486, 527, 553, 672, 161, 349, 487, 705)),
}


def fresh_wave(number: int) -> list[dict]:
    """The rows a fresh wave prints, in order (``FRESH_WAVES``)."""
    seed, rows_before, n = FRESH_WAVES[number]
    skip = set(PASSED_OVER.get(number, ()))
    return [reference(*r) for r in fresh_order(seed, rows_before) if r[1]["document"] not in skip][:n]


def wave(number: int) -> list[dict]:
    """The rows of one labelled wave: positions [first, last) of the draw (see the docstring)."""
    if number in FRESH_WAVES:
        return fresh_wave(number)
    first, last = WAVES[number]
    return draw(last)[first:]


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--wave":
        rows = wave(int(sys.argv[2]))
    else:
        rows = draw(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
    for r in rows:
        print(json.dumps(r))
