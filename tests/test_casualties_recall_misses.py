"""The recall-miss dump (``benchmarks/casualties_recall_misses.py``, branch casualties37): which gold
figures the scorer counts as missed (a multiset of kind and value per article, a figure found at
its own offsets counted first) and the class each gets, on made-up figures and a project-written
text (never taken from a data set)."""

from __future__ import annotations

import sys

from conftest import REPO

from sitrep.records import Casualty, Evidence
from sitrep.stages.casualties.scorer import GoldArticle, GoldFigure

sys.path.insert(0, str(REPO / "benchmarks"))
import casualties_recall_misses as rm  # noqa: E402

TEXT = ("A strike killed 12 people on Monday including five children. Dozens of people fled the town. "
        "The monitor said 30 to 40 were wounded and 7 others were shot.")


def _pred(kind: str, value: int, start: int, end: int) -> Casualty:
    return Casualty(id=f"c{start}", document="d", kind=kind, victims="people", best=value,  # type: ignore[arg-type]
                    start=start, end=end, text=TEXT[start:end], evidence=Evidence(0, len(TEXT), TEXT))


def _gold(kind: str, value: int, words: str) -> GoldFigure:
    start = TEXT.index(words)
    return GoldFigure(kind, value, start, start + len(words))


def test_missed_is_the_scorers_multiset_and_prefers_the_figure_at_its_offsets():
    twelve, children = _gold("killed", 12, "12 people"), _gold("killed", 5, "five children")
    article = GoldArticle("d", (twelve, children), 12)
    found = [_pred("killed", 12, twelve.start or 0, twelve.end or 0)]
    assert rm.missed(article, found) == [children]
    # one predicted 12 elsewhere still matches one gold 12 (the scorer ignores offsets)
    other = _gold("killed", 12, "12 people")
    assert rm.missed(GoldArticle("d", (other,), 12), [_pred("killed", 12, 0, 8)]) == []


def test_classes_by_overlap_and_form():
    wounded = _gold("injured", 30, "30 to 40")
    assert rm.classify(wounded, TEXT, []) == "range"
    assert rm.classify(wounded, TEXT, [_pred("injured", 40, wounded.start or 0, wounded.end or 0)]) == "read, other value"
    assert rm.classify(wounded, TEXT, [_pred("killed", 30, wounded.start or 0, wounded.end or 0)]) == "read, other kind"
    assert rm.classify(_gold("displaced", 12, "Dozens of people"), TEXT, []) == "vague quantity"
    assert rm.classify(_gold("killed", 5, "five children"), TEXT, []) == "word number"
    assert rm.classify(_gold("killed", 7, "7 others"), TEXT, []) == "digits, not read"
