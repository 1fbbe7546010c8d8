"""Wave 12 of the casualty gold: wave 11's targeted draw with a sharper text criterion (issue 12).

Written and committed on 2026-12-05 (evening, branch casualties27) after wave 11 was labelled and
scored and before any row this rule selects was read. Wave 11's criterion
(`casualties_multi_wave11.py`) compares the numbers as written, so a year or a day of the month
next to a death word ("April 30 2017 At least 14 civilians were killed"), "ten" beside "10" and a
partitive breakdown count as a second toll: of its 10 rows one has a second incident in the lead
whose toll is larger than the headline's. This rule reads the same order with the misreadings
removed:

1. the order is wave 11's (`fakes_split.py sample 408 --seed 20261227`, skipping the 283 gold rows
   of main at 4ee355a, rows 21-60 of wave 1's draw and `casualties26`'s unmerged wave 10), less
   wave 11's 10 rows and any document or `unit_id` already kept by this wave;
2. the lead and the death counts are wave 11's, except that a count is its VALUE (digits, number
   words and ACLED's vague quantities as numbers: "ten" = 10, "dozens" = 12, "scores" = 20,
   "hundreds" = 100, "thousands" = 1000), and these are not counts: a four-digit year
   (1900-2099), a number next to a month name, a number followed by a unit ("km", "miles",
   "mm", "year", "years", "-year"), a count right after a subset marker (wave 11's) or right
   before "of those", "of them", "of whom", "of the";
3. a row is kept when its lead has death counts of at least TWO different values in at least TWO
   different sentences of the lead;
4. the first N = 5 rows kept are the wave; all go to `tune` once labelled and scored (check
   unchanged). Rows passed over are not read.

Run: `python3 benchmarks/casualties_multi_wave12.py [N]` (JSON Lines: references only, never text).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from casualties_fresh import fresh_order, select  # noqa: E402
from casualties_multi_wave11 import (  # noqa: E402
    _SUBSET,
    AFTER,
    BEFORE,
    GOLD_ROWS_BEFORE,
    SEED,
    SENTENCE,
    WAVE_10_UNMERGED,
    lead,
    wave11,
)
from casualties_wartotal_wave5 import contents  # noqa: E402

N = 5
WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
         "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
         "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
         "dozen": 12, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000, "tens": 10}
_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
          r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)")
_MONTH_BEFORE = re.compile(rf"\b{_MONTH}\W*$", re.I)
_MONTH_AFTER = re.compile(rf"^\W*{_MONTH}\b", re.I)
_UNIT_AFTER = re.compile(r"^(?:\s*(?:km|kilomet\w*|miles?|mm|years?)\b|-year)", re.I)
_PARTITIVE_AFTER = re.compile(r"^\s+of (?:those|them|whom|the)\b", re.I)


def value(word: str) -> int | None:
    w = word.lower().replace(",", "").rstrip(".")
    if w in WORDS:
        return WORDS[w]
    try:
        return int(float(w))
    except ValueError:
        return None


def counts(sentence: str) -> set[int]:
    """The death-count values of one sentence (wave 11's patterns, the misreadings left out)."""
    out = set()
    for pattern in (BEFORE, AFTER):
        for m in pattern.finditer(sentence):
            before, after = sentence[:m.start(1)], sentence[m.end(1):]
            v = value(m.group(1))
            if v is None or _SUBSET.search(before) or _PARTITIVE_AFTER.search(after):
                continue
            if (1900 <= v <= 2099 and m.group(1).isdigit()) or _MONTH_BEFORE.search(before) \
                    or _MONTH_AFTER.search(after) or _UNIT_AFTER.search(after):
                continue
            out.add(v)
    return out


def qualifies(text: str) -> int:
    """The number of distinct death-count values of the lead when at least two values are told in
    at least two different sentences, else 0."""
    by_sentence = [counts(s) for s in SENTENCE.split(lead(text))]
    values = set().union(*by_sentence) if by_sentence else set()
    sentences = sum(1 for c in by_sentence if c)
    return len(values) if len(values) >= 2 and sentences >= 2 else 0


def wave12(n: int = N) -> list[dict]:
    text = contents()
    return select(fresh_order(SEED, GOLD_ROWS_BEFORE), lambda row: qualifies(text[row["document"]]), "values", n,
                  seen_documents=set(WAVE_10_UNMERGED) | {r["document"] for r in wave11()})


if __name__ == "__main__":
    for r in wave12(int(sys.argv[1]) if len(sys.argv) > 1 else N):
        print(json.dumps(r))
