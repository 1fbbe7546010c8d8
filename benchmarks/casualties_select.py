"""Pick FA-KES development rows likely to hold the casualty classes tune lacks (issue 12).

The rule was written and committed before any row it picks was read (2026-12-03, late):

1. the order is `fakes_split.py sample 408 --seed 1212` (every development row, even
   `unit_id`; its first 166 rows are the gold set already, a prefix of this order);
2. the split of a row is its position in that order, as for every row of the gold:
   position 1, 3, 5, … (1-based) `tune`, 2, 4, 6, … `check`;
3. a row after position 166 is a candidate when its `article_content` matches at least two
   of the four cue groups below (case-insensitive regular expressions on the raw cell, no
   parse, no sitrep output): several tolls, a war-wide total, a round-up word, a source-only
   sentence right after a sentence;
4. candidates are taken in sample order. This round labels the first N = 9 candidates whose
   position is a `tune` one; the `check` candidates between them are listed (so the rule's
   check share is visible) but not labelled or read.

Run: `python3 benchmarks/casualties_select.py [N]` (prints JSON Lines: document, position,
split, cue groups matched). It prints row references and counts only, never text.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
TOOL = SHARED / "tools" / "fakes_split.py"
GOLD_ROWS = 166

_TOLL = re.compile(r"\b(\d[\d,]*|dozens|scores|hundreds|thousands)\b[^.]{0,40}?\b(killed|dead|died|wounded|injured)\b", re.I)
CUES = {
    "several_tolls": lambda t: len(_TOLL.findall(t)) >= 4,
    "war_total": re.compile(r"(war|conflict|fighting|violence)\s+(has|had|have)\s+(killed|left|claimed)"
                            r"|since\s+(the\s+(start|beginning|outbreak)|march\s+2011|2011)|death toll .{0,30}since",
                            re.I).search,
    "round_up": re.compile(r"\b(elsewhere|separately|meanwhile|in another (attack|strike|incident)|"
                           r"in a separate)\b", re.I).search,
    "source_next_sentence": re.compile(r"\.\s+(according to [^.]{3,60}\.|[^.]{0,40}\b(observatory|monitor|activists|"
                                       r"sources?|ministry|sana)\b[^.]{0,30}\b(said|reported|says)\.)", re.I).search,
}


def main() -> None:
    want = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    import csv
    with open(SHARED / "data" / "corpus" / "fakes" / "FA-KES-Dataset.csv", encoding="utf-8",
              errors="replace", newline="") as f:
        text = {f"FA-KES-Dataset.csv#row{n}": r["article_content"] for n, r in enumerate(csv.DictReader(f), 1)}
    out = subprocess.run([sys.executable, str(TOOL), "sample", "408", "--seed", "1212"],
                         check=True, capture_output=True, text=True).stdout
    taken = 0
    for position, line in enumerate(out.splitlines(), start=1):
        if position <= GOLD_ROWS or not line.strip():
            continue
        document = json.loads(line)["document"]
        hits = [name for name, test in CUES.items() if test(text[document])]
        if len(hits) < 2:
            continue
        split = "tune" if position % 2 == 1 else "check"
        print(json.dumps({"document": document, "position": position, "split": split, "cues": hits}))
        taken += split == "tune"
        if taken >= want:
            break


if __name__ == "__main__":
    main()
