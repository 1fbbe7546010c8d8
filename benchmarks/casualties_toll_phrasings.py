"""The killed tolls sitrep does not read at all on the **tune** half of the casualty gold, by
phrasing (issue 12; branch casualties47, 2026-12-06 late).

Runs the casualties pipeline on the tune articles (the check half is never read) and lists every
gold ``killed`` figure of scope ``incident`` (not superseded) that **no** predicted figure of any
kind overlaps — the toll is lost before any scope or choice, the "headline figure not extracted"
class of ``casualties_main_misses.py``. Each gets the first phrasing class that applies, from the
gold span and the words of its sentence before it (a measurement of forms; nothing here is read
by the extractor):

* ``increase verb, toll noun``: a toll noun ("toll", "number of dead", "death count") before the
  span in its sentence and a verb of increase or arrival between them ("rose to", "has risen
  to", "reached", "climbed to", "stands at");
* ``increase verb, no toll noun``: such a verb right before the span, no toll noun;
* ``range``: "from N to M", "N to M", "between N and M", "N-M", "N or M" in or around the span;
* ``N-strong``: "-strong" right after the number;
* ``beside a name``: a numbered part of a group beside a named person ("X and nine of his
  comrades");
* ``other``.

Prints one JSON line per miss (wave, document, value, class, whether it is the article's gold
headline toll, whether the article's main-killed is missed), then the counts by class over all
tune and over the random waves. ``--text`` adds the sentence (terminal only; never commit it).
Usage: ``OMP_NUM_THREADS=1 python benchmarks/casualties_toll_phrasings.py [--shared DIR] [--text]``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "benchmarks"))
os.environ.setdefault("OMP_NUM_THREADS", "1")

from casualties_main_misses import overlap, tune_predictions, tune_waves  # noqa: E402
from casualties_recall_misses import sentence_of  # noqa: E402

from sitrep.datasets import FAKES_CSV, fakes_data_dir  # noqa: E402
from sitrep.stages.casualties.scorer import GoldFigure, read_fakes_texts  # noqa: E402

#: the random waves of the tune half (drawn by ``casualties_fresh.py``, scored fresh when drawn)
RANDOM_WAVES = frozenset({"wave 1", "wave 2", "wave 4", "wave 6", "wave 7", "wave 8", "wave 9", "wave 14",
                          "wave 16", "wave 17", "wave 18", "wave 19", "wave 20"})
TOLL_NOUN = re.compile(r"\b(?:toll|death count|body count|number of (?:the )?(?:dead|killed|people killed|deaths|"
                       r"victims|fatalities|casualties))\b", re.I)
INCREASE = re.compile(r"\b(?:ros[ei]|risen|rising|rises|climb(?:ed|s|ing)?|reach(?:ed|es|ing)?|increas(?:ed|es|ing)|"
                      r"jump(?:ed|s)|mount(?:ed|s)|soar(?:ed|s)|surg(?:ed|es)|went up|gone up|hit|stands?|stood)\b"
                      r"(?:\s+\w+){0,2}?\s*(?:to|at)?\s*$", re.I)
RANGE = re.compile(r"\d\s*(?:-|–|to|or)\s*(?:well\s+)?(?:over\s+|more than\s+)?\d|\bbetween\b", re.I)
#: a range's opener right before the span ("from 500 to ...", "between 20 and ..."; not a date's "-2014 ")
RANGE_BEFORE = re.compile(r"(?:\b(?:from|between)|\d\s+(?:to|or))\s*$", re.I)
STRONG = re.compile(r"^\s*-?\s*strong\b", re.I)
BESIDE_NAME = re.compile(r"\b(?:his|her|their)\s+(?:comrades|companions|men|bodyguards|fighters|aides)\b|"
                         r"[A-Z][a-z]+\s+and\s*$", re.I)


def phrasing(f: GoldFigure, text: str) -> str:
    """The first phrasing class that applies to a gold figure's span and its sentence before it."""
    s0, _ = sentence_of(text, f.start, f.end)
    before, span, after = text[s0:f.start], text[f.start:f.end], text[f.end:f.end + 12]
    if INCREASE.search(before[-40:]):
        return "increase verb, toll noun" if TOLL_NOUN.search(before) else "increase verb, no toll noun"
    if RANGE.search(span) or RANGE_BEFORE.search(before[-12:]) or re.match(r"\s*(?:-|–|to|or)\s*\d", after):
        return "range"
    if STRONG.match(after) or span.lower().endswith("strong"):
        return "N-strong"
    if BESIDE_NAME.search(span) or BESIDE_NAME.search(before[-30:]):
        return "beside a name"
    return "other"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=None)
    ap.add_argument("--text", action="store_true", help="print the sentence (terminal only)")
    args = ap.parse_args()
    shared = fakes_data_dir(args.shared, REPO)
    gold, preds = tune_predictions(shared)
    texts = read_fakes_texts(gold, shared / FAKES_CSV)
    counts: dict[str, Counter[str]] = {"tune": Counter(), "random": Counter(), "headline": Counter()}
    for wave, g, p, text in zip(tune_waves(), gold, preds, texts, strict=True):
        for f in g.figures:
            if f.kind != "killed" or f.scope != "incident" or f.superseded:
                continue
            if any(overlap((f.start, f.end), (c.start, c.end)) for c in p.casualties):
                continue
            cls = phrasing(f, text)
            head = f.value == g.main_killed
            row = {"wave": wave, "document": g.document, "value": f.value, "class": cls, "headline": head,
                   "main_missed": g.main_killed != p.main_killed, "start": f.start, "end": f.end}
            if args.text:
                s0, s1 = sentence_of(text, f.start, f.end)
                row["sentence"] = text[s0:s1]
            print(json.dumps(row, ensure_ascii=False))
            counts["tune"][cls] += 1
            counts["random"][cls] += wave in RANDOM_WAVES
            counts["headline"][cls] += head and g.main_killed != p.main_killed
    for name, c in counts.items():
        print(json.dumps({"counts": name, "total": sum(c.values()), **dict(c.most_common())}))


if __name__ == "__main__":
    main()
