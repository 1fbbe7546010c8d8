"""Wave 15 of the casualty gold: a TARGETED draw of FA-KES development rows that state a war-wide or
campaign total (issue 12).

Written and committed on 2026-12-05 (last round, branch casualties33) before any row it selects was
read. The check half puts 4 war totals on events and the tune half none any more (`casualties32`), so
the tune half holds too few war-total sentences to learn the class; this wave is picked for it. As
for wave 5 (`casualties_wartotal_wave5.py`) the criterion reads the article text only, never
sitrep's output.

The rule:

1. the order is `fakes_split.py sample 408 --seed 20261234` (every development row, even `unit_id`,
   in a seeded random order; a seed not used for the gold before);
2. a row is skipped when its document or its `unit_id` is in the gold as committed before this wave
   (the 312 rows of main at e18acf9), or already kept;
3. a row is kept when a sentence of its `article_content` has BOTH a casualty count (wave 5's
   `COUNT`) AND a cumulative cue: wave 5's `CUMULATIVE`, or "since <...> began / started / erupted"
   within a few words, or "death toll" / "toll" with a war word (war, conflict, uprising, crisis,
   revolution) in the same sentence;
4. FIRST PASS: rows not seen before are taken in order (rows 21-60 of wave 1's draw, run through
   sitrep unlabelled by casualties10, and the 8 rows of casualties26's unmerged wave 10 are NOT
   fresh: sitrep's output on them was read); SECOND PASS, only if the first gives fewer than N:
   those seen rows, in order, flagged ``"seen": true`` (scored with the wave but left out of its
   fresh estimate);
5. the first N = 12 rows kept are the wave; every figure is labelled by
   `docs/coding-guide-casualties.md` and committed before sitrep runs on them; all go to `tune`
   (check unchanged). Rows passed over are not read.

Run: `python3 benchmarks/casualties_wartotal_wave15.py [N]` (JSON Lines: document, unit_id, outlet,
position in the seeded order, sentences matched, seen). It prints row references only, never text.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from casualties_fresh import PASSED_OVER, draw, reference, unlabelled_order  # noqa: E402
from casualties_wartotal_wave5 import COUNT, CUMULATIVE, SENTENCE, contents  # noqa: E402

SEED = 20261234
GOLD_ROWS_BEFORE = 312
N = 12

_WAR = r"(?:war|conflict|uprising|crisis|revolution)"
EXTRA = re.compile(r"\bsince\b(?:\W+\w+){1,4}?\W+(?:began|started|erupted)\b|"
                   rf"\btoll\b.*\b{_WAR}\b|\b{_WAR}\b.*\btoll\b", re.I)


def matching_sentences(text: str) -> int:
    """How many sentences of ``text`` have both a casualty count and a cumulative cue."""
    return sum(1 for s in SENTENCE.split(text)
               if COUNT.search(s) and (CUMULATIVE.search(s) or EXTRA.search(s)))


def seen_documents() -> set[str]:
    """Rows whose sitrep output was read unlabelled: rows 21-60 of wave 1's draw and wave 10."""
    return {r["document"] for r in draw(60)[20:]} | set(PASSED_OVER[14])


def wave15(n: int = N) -> list[dict]:
    text = contents()
    seen = seen_documents()
    order = unlabelled_order(SEED, GOLD_ROWS_BEFORE)
    out: list[dict] = []
    units: set[str] = set()
    for second in (False, True):
        for position, row in order:
            if len(out) == n:
                return out
            if (row["document"] in seen) != second or str(row["unit_id"]) in units:
                continue
            hits = matching_sentences(text[row["document"]])
            if hits:
                out.append({**reference(position, row), "sentences": hits, "seen": second})
                units.add(str(row["unit_id"]))
    return out


if __name__ == "__main__":
    for r in wave15(int(sys.argv[1]) if len(sys.argv) > 1 else N):
        print(json.dumps(r))
