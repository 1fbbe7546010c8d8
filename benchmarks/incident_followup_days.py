"""The TUNE same pairs published 1–7 days apart that the linker loses out of fold, read side by side (issue 11).

For each lost tune same pair (``incidents_losses.py --repeats 5 --pairs-out``) whose two reports are
published 1–7 days apart, the two reports' best mention pair (``incident_pair_classes.best_pairs``: the
pair the shipped mention model scores highest) is read as the linker sees it:

- each side's event: category, date value and precision and how it was read (``read``: ``absolute`` —
  the text's own calendar date, ``relative`` — "yesterday", a weekday against the report's date,
  ``document`` — no date in the text, the report's date stands in), its days as the linker has them
  (``Mention.days``) against its report's day, place (name, level), the report's death toll;
- the pair: publication gap, ``blocking.day_gap``, ``place_relation``, the report probability and the
  best mention score under the shipped model, and each model input's part of the score (weight × value,
  the non-zero ones): which inputs pull the pair apart;
- a ``class``: the first that holds of ``date: the later event dated only by its report`` (the later
  report's event has precision ``document``: the linker places it on its report's day or the one before,
  although a report's date is only an upper bound of its event's), ``date: a relative day`` (a day the
  text gives against its report's date, apart from the other), ``date: stated days differ``, ``category``,
  ``place``, ``text`` (every dated and placed input agrees; the words decide).

Beside the lost pairs, the classes over every compared tune pair published 1–7 days apart (same and
different), so that a class's odds of one incident can be read. Only ``"split": "tune"`` pairs are read.

Usage: ``python benchmarks/incident_followup_days.py --db DB --losses FILE``; prints JSON.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from incident_followups import date_words, lost_pairs

from sitrep.incidents.blocking import day_gap, place_relation
from sitrep.incidents.features import (
    FEATURES,
    MENTION_FEATURES,
    REPORT_LEVEL,
    pair_features,
)
from sitrep.incidents.mentions import Mention
from sitrep.incidents.settings import Settings

#: publication gaps (days) of the stratum read here
MIN_GAP, MAX_GAP = 1, 7


def how_read(m: Mention) -> str:
    """``document`` (the report's date stands in), ``relative`` or ``absolute`` (the text's own date)."""
    if m.event.date is None or m.event.date.precision == "document":
        return "document"
    return "relative" if date_words(m) == "relative" else "absolute"


def side(m: Mention) -> dict[str, Any]:
    return {"document": m.document, "category": m.event.category, "status": m.event.status,
            "date": m.event.date.value if m.event.date else None,
            "precision": m.event.date.precision if m.event.date else None, "read": how_read(m),
            "days": m.days, "days minus published": None if m.days is None or m.published is None
            else (m.days[0] - m.published, m.days[1] - m.published),
            "place": m.place.name if m.place else None, "level": m.place.level if m.place else None,
            "toll": m.toll, "order": m.order}


def pair_class(a: Mention, b: Mention, s: Settings) -> str:
    """The first class (module docstring) that holds of the pair."""
    later, earlier = (a, b) if (a.published or 0) >= (b.published or 0) else (b, a)
    gap = day_gap(a, b, s)
    if gap is not None and gap > 0:
        if how_read(later) == "document":
            return "date: the later event dated only by its report"
        if "relative" in (how_read(a), how_read(b)):
            return "date: a relative day"
        return "date: stated days differ"
    if a.event.category != b.event.category:
        return "category"
    if place_relation(a, b, s) in ("unknown", "within"):
        return "place"
    return "text"


def parts(a: Mention, b: Mention, s: Settings) -> dict[str, dict[str, float]]:
    """Each weighed input's part of the two scores (weight × value), the non-zero ones."""
    values = dict(zip(FEATURES, pair_features(a, b, s), strict=True))
    w = s.model.weights
    mention = {n: round(w.get(n, 0.0) * values[n], 2) for n in MENTION_FEATURES if w.get(n, 0.0) * values[n]}
    report = {n: round(w.get(n, 0.0) * values[n], 2) for n in REPORT_LEVEL if w.get(n, 0.0) * values[n]}
    return {"mention": {"bias": s.model.mention_bias, **mention}, "report": {"bias": s.model.bias, **report}}


def main() -> None:
    docs, settings, news, best, lost, splits, gold = lost_pairs(__doc__)

    def in_stratum(k: frozenset[str]) -> bool:
        a, b = best[k][:2]
        return a.published is not None and b.published is not None \
            and MIN_GAP <= abs(a.published - b.published) <= MAX_GAP

    rows = []
    for k in sorted((k for k in lost if k in best and in_stratum(k)), key=sorted):
        a, b, score, report = best[k]
        later, earlier = (a, b) if (a.published or 0) >= (b.published or 0) else (b, a)
        rows.append({"pair": sorted(k), "lost in splits": lost[k], "class": pair_class(a, b, settings),
                     "publication gap": abs((a.published or 0) - (b.published or 0)),
                     "day gap": day_gap(a, b, settings), "place relation": place_relation(a, b, settings),
                     "report probability": round(report, 3), "best mention": round(score, 3),
                     "earlier": side(earlier), "later": side(later), "parts": parts(earlier, later, settings)})
    unblocked = sorted(k for k in lost if k not in best)
    compared: dict[str, Counter[str]] = {"same": Counter(), "different": Counter()}
    for k in best:
        if in_stratum(k):
            compared["same" if gold[k] else "different"][pair_class(*best[k][:2], settings)] += 1
    out = {"splits": splits, "lost pairs 1-7 days": len(rows),
           "lost per split": round(sum(r["lost in splits"] for r in rows) / splits, 1),
           "by class (pairs)": dict(Counter(r["class"] for r in rows)),
           "lost but never compared (blocked)": [sorted(k) for k in unblocked],
           "compared tune pairs 1-7 days apart by class": {n: dict(c) for n, c in compared.items()},
           "rows": rows}
    print(json.dumps(out, indent=1, default=str))


if __name__ == "__main__":
    main()
