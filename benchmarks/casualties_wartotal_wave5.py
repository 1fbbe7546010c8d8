"""Wave 5 of the casualty gold: a TARGETED draw of FA-KES development rows that state a war-wide or
cumulative figure (issue 12).

Written and committed on 2026-12-04 (night, branch casualties14) before any row it selects was
read. The tune half had no example of the wording of the check half's war totals on events, and
war totals are rare in a random draw, so this wave is picked for the class. Unlike wave 3
(`casualties_wartotal_search.py`), the criterion reads the article text only, never sitrep's
output, so the wave is the same whatever the code of the day does.

The rule:

1. the order is `fakes_split.py sample 408 --seed 20261214` (every development row, even
   `unit_id`, in a seeded random order; a seed not used for the gold before);
2. a row is skipped when its document or its `unit_id` is in the gold as committed before this
   wave (the 243 rows of main at b2cd5de), or when it is one of rows 21-60 of wave 1's draw
   (run through sitrep unlabelled by casualties10);
3. a row is kept when a sentence of its `article_content` has BOTH a casualty count (a number in
   digits or words, or an ACLED vague quantity, within a few words of a casualty word: killed,
   dead, deaths, died, lives, toll, martyrs, wounded, injured, displaced, refugees, fled) AND a
   cumulative cue: a period ("since 2011", "since March", "since the start / beginning / outbreak
   of …", "since the war / conflict / uprising / crisis / revolution …", "so far", "to date",
   "this year", "in / over / during the past / last N days / weeks / months / years", "over the
   course of", "N years of war", "the N-year war") or the war as the killer ("the war / conflict /
   uprising / crisis has killed / claimed / left / displaced", "killed in the war / conflict",
   "death toll of / in the war");
4. the first N = 8 rows kept are the wave; all go to the `tune` half once scored (check
   unchanged). Rows passed over are not read.

Run: `python3 benchmarks/casualties_wartotal_wave5.py [N]` (JSON Lines: document, unit_id, outlet,
position in the seeded order, and how many sentences matched). It prints row references only.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from casualties_fresh import SHARED, fresh_order, reference  # noqa: E402
from common import is_fakes_dev  # noqa: E402

CSV = SHARED / "data" / "corpus" / "fakes" / "FA-KES-Dataset.csv"
SEED = 20261214
GOLD_ROWS_BEFORE = 243
N = 8

_NUMBER = (r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
           r"fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|"
           r"million|dozens?|scores|hundreds|thousands|millions|tens)")
_CASUALTY = (r"(?:kill\w*|dead|deaths?|died|lives|toll|martyr\w*|wound\w*|injur\w*|"
             r"displac\w*|refugees?|fled)")
COUNT = re.compile(rf"\b{_NUMBER}\b(?:\W+\w+){{0,5}}?\W+{_CASUALTY}\b|"
                   rf"\b{_CASUALTY}\b(?:\W+\w+){{0,3}}?\W+{_NUMBER}\b", re.I)
_WAR = r"(?:war|conflict|uprising|crisis|revolution|fighting)"
CUMULATIVE = re.compile(
    r"\bsince (?:(?:early |late |mid-?)?(?:19|20)\d\d|january|february|march|april|may|june|july|"
    r"august|september|october|november|december)\b|"
    rf"\bsince the (?:start|beginning|outbreak|onset) of\b|\bsince the {_WAR}\b|"
    r"\bso far\b|\bto date\b|\bthis year\b|"
    r"\b(?:in|over|during) the (?:past|last) (?:\w+ )?(?:days|weeks|months|years)\b|"
    r"\bover the course of\b|\byears of (?:war|conflict|fighting)\b|"
    rf"\b\w+-year(?:-long)? {_WAR}\b|"
    rf"\bthe {_WAR} (?:has|have|had) (?:\w+ )?(?:killed|claimed|left|displaced)\b|"
    rf"\bkilled (?:in|during) the (?:\w+ )?{_WAR}\b|\bdeath toll (?:of|in) the (?:\w+ )?{_WAR}\b",
    re.I)
SENTENCE = re.compile(r"(?<=[.!?])\s+")


def matching_sentences(text: str) -> int:
    """How many sentences of ``text`` have both a casualty count and a cumulative cue."""
    return sum(1 for s in SENTENCE.split(text) if COUNT.search(s) and CUMULATIVE.search(s))


def contents() -> dict[str, str]:
    """The text of each development row (even ``unit_id``; held-out rows are never read), by the
    gold's document id (its 1-based row number in the whole file)."""
    with open(CSV, encoding="utf-8", errors="replace", newline="") as f:
        return {f"FA-KES-Dataset.csv#row{n}": r["article_content"]
                for n, r in enumerate(csv.DictReader(f), start=1) if is_fakes_dev(r)}


def wave5(n: int = N) -> list[dict]:
    text = contents()
    out = []
    for position, row in fresh_order(SEED, GOLD_ROWS_BEFORE):
        hits = matching_sentences(text[row["document"]])
        if hits:
            out.append({**reference(position, row), "sentences": hits})
        if len(out) == n:
            break
    return out


if __name__ == "__main__":
    for r in wave5(int(sys.argv[1]) if len(sys.argv) > 1 else N):
        print(json.dumps(r))
