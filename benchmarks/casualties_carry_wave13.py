"""Wave 13 of the casualty gold: a TARGETED draw of FA-KES development rows holding the two forms the
learned source carry decides at p ~ 0.5 (issue 12).

Written and committed on 2026-12-05 (evening, branch casualties30) before any row it selects was
read. The carry model (`stages/casualties/carry.py`, fitted by `scripts/train_casualty_carry.py`)
decides its two written probes at p 0.507 (a death figure in a sentence opening on "And" right
after a sentence crediting a source with a figure: wants the carry) and 0.489 ("In Daraa, 4 more
people were killed ..." after a sourced figure sentence: another place and day, wants none); the
tune gold holds 2 candidates of the first form and none of the second (`casualties29`). This wave
is picked for the two forms. As for waves 5, 11 and 12 the criterion reads the article text
only, never sitrep's output.

The rule (second version, committed before any row was read; the first version, commit 2e63671,
selected NO row: see below):

1. the order is `fakes_split.py sample 408 --seed 20261230` (every development row, even
   `unit_id`, in a seeded random order; a seed not used for the gold before);
2. a row is skipped when its document or its `unit_id` is in the gold as committed before this
   wave (the 283 rows of main at 405cf35), one of the 15 rows of waves 11 and 12
   (`benchmarks/data/pending/`), or already kept. Unlike the fresh waves, rows 21-60 of wave 1's
   draw (run through sitrep unlabelled by casualties10) and `casualties26`'s unmerged wave 10 are
   NOT skipped: they are in neither the gold nor pending, and this wave is a tune wave picked for
   a class, not a fresh estimate (its "fresh" figure is reported per row with that caveat);
3. the article text is split into sentences (wave 11's splitter; FA-KES contents have no blank
   lines, so an article is one paragraph); a SOURCED FIGURE SENTENCE is a sentence with a death
   count (wave 12's `counts`: values, years, dates, units and partitives left out) and a source
   cue (`said`, `says`, `reported`, `reports`, `told`, `according to`, `added`, `stated`,
   `announced`, `documented`); a later sentence of the article with a death count is
   - form AND when it opens on "And" or "But";
   - form PLACE when it opens on "In" + a capitalised word ("In Daraa", "In eastern" is not);
   and the row is kept when such a sentence comes after a sourced figure sentence (at any
   distance);
4. the first form a row shows names it; at most ``PER_FORM`` = 4 rows of each form, the wave ends
   at N = 8 rows or the end of the order. The kept rows are labelled by
   `docs/coding-guide-casualties.md` (every figure of the article) and committed before sitrep
   runs on them; all go to `tune` (check unchanged). Rows passed over are not read.

The first version (2e63671) asked for the two sentences to be ADJACENT (the probes' form), with
"In <Place>," closed by a comma, and skipped rows 21-60 of wave 1's draw and wave 10: it kept no
row of the 61 it read. Counted over its sentence pairs (counts only, no text read): 80 sourced
figure sentences, 17 followed by a figure sentence, 0 of them opening on "And"/"But", 0 on
"In <Capitalised>". Over all 108 unlabelled development rows, 1 figure sentence opens on
"And"/"But" and 3 on "In <Capitalised>" anywhere in the article, so the probes' adjacent forms
are absent from what is left of FA-KES's development rows; the second version keeps those 4.

Run: `python3 benchmarks/casualties_carry_wave13.py [N]` (JSON Lines: document, unit_id, outlet,
position in the seeded order, form). It prints row references only, never text.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from casualties_fresh import GOLD, select, unlabelled_order  # noqa: E402
from casualties_multi_wave11 import SENTENCE  # noqa: E402
from casualties_multi_wave12 import counts  # noqa: E402
from casualties_wartotal_wave5 import contents  # noqa: E402

SEED = 20261230
GOLD_ROWS_BEFORE = 283
N = 8
PER_FORM = 4
PENDING = Path(__file__).resolve().parent / "data" / "pending" / "fakes_casualties_waves_11_12.jsonl"
#: waves 11 and 12 (casualties27), pending at this wave's start
WAVES_11_12 = ("FA-KES-Dataset.csv#row68", "FA-KES-Dataset.csv#row425", "FA-KES-Dataset.csv#row195",
               "FA-KES-Dataset.csv#row722", "FA-KES-Dataset.csv#row347", "FA-KES-Dataset.csv#row32",
               "FA-KES-Dataset.csv#row180", "FA-KES-Dataset.csv#row406", "FA-KES-Dataset.csv#row772",
               "FA-KES-Dataset.csv#row372", "FA-KES-Dataset.csv#row429", "FA-KES-Dataset.csv#row687",
               "FA-KES-Dataset.csv#row785", "FA-KES-Dataset.csv#row650", "FA-KES-Dataset.csv#row795")

_CUE = re.compile(r"\b(?:said|says|reported|reports|told|according to|added|stated|announced|documented)\b",
                  re.I)
_AND = re.compile(r"^(?:And|But)\b")
_PLACE = re.compile(r"^In\s+[A-Z]")
_PARAGRAPH = re.compile(r"\n\s*\n")


def sentences(text: str) -> list[list[str]]:
    """The sentences of each paragraph of ``text``."""
    return [[s.strip() for s in SENTENCE.split(p.strip()) if s.strip()] for p in _PARAGRAPH.split(text)]


def form(text: str) -> str | None:
    """``"and"`` or ``"place"`` for the first figure sentence of ``text`` that opens on the form
    after a sourced figure sentence of its paragraph, else None."""
    for paragraph in sentences(text):
        sourced = False
        for sentence in paragraph:
            has_count = bool(counts(sentence))
            if sourced and has_count:
                if _AND.match(sentence):
                    return "and"
                if _PLACE.match(sentence):
                    return "place"
            sourced = sourced or (has_count and bool(_CUE.search(sentence)))
    return None


def wave13(n: int = N) -> list[dict]:
    text = contents()
    seen_units: set[str] = set()
    # the unit ids of waves 11-12: from the pending file, or from the gold once they have landed there
    for path in (PENDING, GOLD):
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                row = json.loads(line) if line.strip() else {}
                if row.get("document") in WAVES_11_12:
                    seen_units.add(str(row["unit_id"]))
    return select(unlabelled_order(SEED, GOLD_ROWS_BEFORE), lambda row: form(text[row["document"]]), "form", n,
                  seen_documents=WAVES_11_12, seen_units=seen_units, per_value=PER_FORM)


if __name__ == "__main__":
    for r in wave13(int(sys.argv[1]) if len(sys.argv) > 1 else N):
        print(json.dumps(r))
