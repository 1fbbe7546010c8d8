"""Wave 11 of the casualty gold: a TARGETED draw of FA-KES development rows whose lead reports more
than one death toll — two attacks, or a round-up of the day's tolls (issue 12).

Written and committed on 2026-12-05 (evening, branch casualties27) before any row it selects was
read. The main-killed misses of tune are mostly another incident's larger toll (round-ups and
multi-incident leads) and an earlier day's attack; a random draw holds few such articles, so the
headline-toll choice has few hard cases to learn from (`casualties25`: 5 of 109 multi-candidate
tune articles). This wave is picked for the class. As for wave 5, the criterion reads the article
text only, never sitrep's output, so the wave is the same whatever the code of the day does.

The rule:

1. the order is `fakes_split.py sample 408 --seed 20261227` (every development row, even
   `unit_id`, in a seeded random order; a seed not used for the gold before);
2. a row is skipped when its document or its `unit_id` is in the gold as committed before this
   wave (the 283 rows of main at 4ee355a), when it is one of rows 21-60 of wave 1's draw (run
   through sitrep unlabelled by casualties10), when it is one of the 8 rows of `casualties26`'s
   random wave 10 (labelled on that branch, not merged: ``WAVE_10_UNMERGED``), or when its
   document or `unit_id` was already kept by this wave (FA-KES prints a few articles twice);
3. the LEAD is the first 4 sentences of `article_content` (split after ". ", "! ", "? "); a
   DEATH COUNT is a number (digits, number words, or an ACLED vague quantity) at most 5 words
   before a death word (killed, kills, killing, dead, deaths, died, lives, martyrs, bodies,
   toll) or at most 3 words after one; a count right after a subset marker ("including",
   "among them", "among whom", "of them", "of whom") is not counted;
4. a row is kept when its lead has death counts of at least TWO different values (the number
   as written, lower-cased, commas dropped);
5. the first N = 10 rows kept are the wave; all go to the `tune` half once labelled and scored
   (check unchanged). Rows passed over are not read.

Run: `python3 benchmarks/casualties_multi_wave11.py [N]` (JSON Lines: document, unit_id, outlet,
position in the seeded order, and the number of distinct death-count values in the lead). It
prints row references only, never text.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from casualties_fresh import fresh_order, select  # noqa: E402
from casualties_wartotal_wave5 import contents  # noqa: E402

SEED = 20261227
GOLD_ROWS_BEFORE = 283
N = 10
LEAD_SENTENCES = 4
#: casualties26's random wave 10 (seed 20261222), labelled on that branch and not merged
WAVE_10_UNMERGED = tuple(f"FA-KES-Dataset.csv#row{n}" for n in (486, 527, 553, 672, 161, 349, 487, 705))

_NUMBER = (r"\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
           r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
           r"seventy|eighty|ninety|hundred|thousand|dozens?|scores|hundreds|thousands|tens")
_DEATH = r"kill(?:ed|s|ing)?|dead|deaths?|died|lives|martyrs?|bodies|toll"
_SUBSET = re.compile(r"(?:including|among them|among whom|of them|of whom)\W*$", re.I)
BEFORE = re.compile(rf"\b({_NUMBER})\b(?=(?:\W+\w+){{0,5}}?\W+(?:{_DEATH})\b)", re.I)
AFTER = re.compile(rf"\b(?:{_DEATH})\b(?:\W+\w+){{0,3}}?\W+({_NUMBER})\b", re.I)
SENTENCE = re.compile(r"(?<=[.!?])\s+")


def lead(text: str) -> str:
    """The first ``LEAD_SENTENCES`` sentences of ``text``."""
    return " ".join(SENTENCE.split(text.strip())[:LEAD_SENTENCES])


def death_count_values(text: str) -> set[str]:
    """The distinct values (as written, lower-cased, commas dropped) of the death counts of
    ``text``, leaving out a count right after a subset marker."""
    values = set()
    for pattern in (BEFORE, AFTER):
        for m in pattern.finditer(text):
            if _SUBSET.search(text[:m.start(1)]):
                continue
            values.add(m.group(1).lower().replace(",", "").rstrip("."))
    return values


def qualifies(text: str) -> int:
    """The number of distinct death-count values of the lead when there are two or more, else 0."""
    n = len(death_count_values(lead(text)))
    return n if n >= 2 else 0


def wave11(n: int = N) -> list[dict]:
    text = contents()
    return select(fresh_order(SEED, GOLD_ROWS_BEFORE), lambda row: qualifies(text[row["document"]]), "values", n,
                  seen_documents=WAVE_10_UNMERGED)


if __name__ == "__main__":
    for r in wave11(int(sys.argv[1]) if len(sys.argv) > 1 else N):
        print(json.dumps(r))
