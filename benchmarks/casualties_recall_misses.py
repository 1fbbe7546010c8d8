"""The gold figures sitrep does not extract on the **tune** half of the casualty gold, by class
(issue 12; branch casualties37, 2026-12-06 early).

Runs the casualties pipeline on the tune articles (the check half is never read) and lists every
gold figure the figure scorer counts as missed (its ``(kind, value)`` is not among the article's
predicted figures, as ``scorer._add_figures`` counts them, multiset per article). Each miss gets a
class from what overlaps it and from the form of its gold span — the first that applies:

* ``read, other value``: a predicted figure of the same kind overlaps it with another value
  (a range read as one end, "at least" read off, a word number misread);
* ``read, other kind``: a predicted figure overlaps it with another kind (killed / injured / …);
* ``vague quantity``: the span carries dozens / scores / hundreds / tens / several / a few;
* ``range``: the span carries "to", "-", "between … and", "or";
* ``word number``: no digit in the span ("five", "a family of five", "a child");
* ``hard wrap``: a line break inside the span or the sentence around it;
* ``in a quote``: a quotation mark opens before the span in its sentence and is not closed;
* ``digits, not read``: the rest (a numeral sitrep does not take as a figure — the verb or noun
  that carries it, a victim word it does not know; these are read by hand with ``--text``).

Prints one JSON line per miss (wave, document, kind, value, scope, class, offsets), then the counts
by class, by kind and by wave. ``--text`` adds the gold span and its sentence (terminal only;
never commit it). Usage: ``OMP_NUM_THREADS=1 python benchmarks/casualties_recall_misses.py
[--shared DIR] [--text]``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "benchmarks"))
os.environ.setdefault("OMP_NUM_THREADS", "1")

from casualties_main_misses import overlap, tune_waves  # noqa: E402
from train_casualty_carry import GOLD  # noqa: E402

from sitrep.datasets import FAKES_CSV, fakes_data_dir  # noqa: E402
from sitrep.evaluation.runner import GoldText, run_documents  # noqa: E402
from sitrep.pipeline import build_pipeline  # noqa: E402
from sitrep.records import Casualty  # noqa: E402
from sitrep.stages.casualties.scorer import (  # noqa: E402
    GoldArticle,
    GoldFigure,
    predictions,
    read_fakes_texts,
    read_gold,
)

VAGUE = re.compile(r"\b(dozens?|scores?|hundreds|thousands|tens|several|a few|many|numerous)\b", re.I)
RANGE = re.compile(r"\d\s*(?:-|–|to|or)\s*\d|\bbetween\b.*\band\b|\b(?:to|or)\b", re.I)
QUOTES = "\"“”"


def missed(g: GoldArticle, found: list[Casualty]) -> list[GoldFigure]:
    """The gold figures left over after the scorer's multiset match of ``(kind, value)``; among
    figures of one key, those with an overlapping predicted figure of that key count as found first."""
    left: Counter[tuple[str, int]] = Counter((str(c.kind), c.best) for c in found)
    figures = sorted(g.figures, key=lambda f: not any(
        c.kind == f.kind and c.best == f.value and overlap((c.start, c.end), (f.start or 0, f.end or 0))
        for c in found))
    out = []
    for f in figures:
        if left[(f.kind, f.value)] > 0:
            left[(f.kind, f.value)] -= 1
        else:
            out.append(f)
    return out


def sentence_of(text: str, start: int, end: int) -> tuple[int, int]:
    """A rough sentence around ``start:end`` (for the class tests and for reading)."""
    a = max(text.rfind(". ", 0, start), text.rfind("\n\n", 0, start))
    b_candidates = [i for i in (text.find(". ", end), text.find("\n\n", end)) if i >= 0]
    return (a + 1 if a >= 0 else 0, min(b_candidates) + 1 if b_candidates else len(text))


def classify(f: GoldFigure, text: str, found: list[Casualty]) -> str:
    span = (f.start or 0, f.end or 0)
    over = [c for c in found if overlap((c.start, c.end), span)]
    if any(c.kind == f.kind for c in over):
        return "read, other value"
    if over:
        return "read, other kind"
    words = text[span[0]:span[1]]
    if VAGUE.search(words):
        return "vague quantity"
    if RANGE.search(words):
        return "range"
    if not re.search(r"\d", words):
        return "word number"
    s, e = sentence_of(text, *span)
    if "\n" in text[s:e].strip():
        return "hard wrap"
    before = text[s:span[0]]
    if sum(before.count(q) for q in QUOTES) % 2 == 1:
        return "in a quote"
    return "digits, not read"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None)
    parser.add_argument("--text", action="store_true", help="print each figure's span and sentence (terminal only)")
    args = parser.parse_args()
    shared = fakes_data_dir(args.shared, REPO)
    gold = read_gold(GOLD, split="tune")
    texts = read_fakes_texts(gold, shared / FAKES_CSV)
    run = run_documents(build_pipeline(only=["casualties"]),
                        [GoldText(g.document, t, g.published) for g, t in zip(gold, texts, strict=True)])
    preds = predictions(run.analyses)
    by_class: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    by_wave: Counter[str] = Counter()
    by_scope: Counter[str] = Counter()
    total = 0
    for g, wave, text, pred in zip(gold, tune_waves(), texts, preds, strict=True):
        total += len(g.figures)
        for f in missed(g, pred.casualties):
            why = classify(f, text, pred.casualties)
            by_class[why] += 1
            by_kind[f.kind] += 1
            by_wave[wave] += 1
            by_scope[f.scope] += 1
            row: dict[str, Any] = {"wave": wave, "document": g.document, "kind": f.kind, "value": f.value,
                                   "scope": f.scope, "class": why, "figure": [f.start, f.end]}
            if args.text:
                s, e = sentence_of(text, f.start or 0, f.end or 0)
                row["span"] = text[f.start or 0:f.end or 0]
                row["sentence"] = " ".join(text[s:e].split())
                row["overlapping"] = [[c.kind, c.best, c.start, c.end] for c in pred.casualties
                                      if overlap((c.start, c.end), (f.start or 0, f.end or 0))]
            print(json.dumps(row, ensure_ascii=False))
    print(json.dumps({"tune_articles": len(gold), "gold_figures": total, "missed": sum(by_class.values()),
                      "by_class": dict(by_class.most_common()), "by_kind": dict(by_kind.most_common()),
                      "by_scope": dict(by_scope.most_common()), "by_wave": dict(sorted(by_wave.items()))}))


if __name__ == "__main__":
    main()
