"""What the two reports of a lost TUNE same pair carry, for the "dates apart" and "place missing" classes (issue 11).

``benchmarks/incident_pair_classes.py`` classes the linker's out-of-fold errors by what the pair inputs
show at the two reports' best mention pair. This script takes the tune same pairs it loses whose
primary class is ``dates apart`` or ``place missing`` and reads, for each of the two reports:

- dates: the best mention's day as the linker has it (``Mention.days``, ``specific``), the event
  date the time stage resolved for it (value, precision, the words), the report's publication day;
  the shape of the words (``relative``: "yesterday", a weekday, "last night"; ``absolute``: a
  number and a month; ``none``); whether some *other* news mention of the same report states a day
  that matches the other report's day (``own date elsewhere``): what a report-level event day would
  give the mention;
- places: which side has no place; the report's main place (``mentions.main_place``, its most named
  place below country level) and whether it names the headline or dateline; how the other side's
  place relates to it (``blocking.place_relation``: same, within — another level of one area —,
  near, far); the levels of the two.

Beside the lost pairs, the same readings over every compared tune pair (same and different)
whose best pair shows the class: how often a report-level day or place would move a pair, and on
which side of the gold. Only ``"split": "tune"`` pairs are read; the check half is never looked at.

Usage: ``python benchmarks/incident_followups.py --db DB --losses FILE`` (``FILE`` from
``incidents_losses.py --repeats 5 --pairs-out``); prints JSON.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any, NamedTuple

from common import REPO, script_module
from incident_pair_classes import best_pairs, labels, primary

from sitrep.incidents import evaluate as incident_eval
from sitrep.incidents.blocking import day_gap, narrow_days, place_relation
from sitrep.incidents.inputs import DocumentInput
from sitrep.incidents.mentions import Mention, PlaceKey, main_place
from sitrep.incidents.settings import Settings, load_settings
from sitrep.store import Store

_RELATIVE = re.compile(r"\b(yesterday|today|tonight|last night|overnight|monday|tuesday|wednesday|thursday|"
                       r"friday|saturday|sunday|earlier|ago|this morning|this week)\b", re.IGNORECASE)
_MONTH = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE)


def date_words(m: Mention) -> str:
    """``relative``, ``absolute`` or ``none``: the shape of the words that date the mention."""
    text = (m.event.date.text if m.event.date else None) or ""
    if not text:
        return "none"
    if _MONTH.search(text) or re.search(r"\d{4}-\d{2}", text):
        return "absolute"
    return "relative" if _RELATIVE.search(text) else "other"


def report_day(own: list[Mention], other: Mention, s: Settings) -> str:
    """Whether another news mention of ``own``'s report states a day, and how it meets ``other``."""
    stated = [m for m in own if m.specific and m.days is not None]
    if not stated:
        return "report states no day"
    if any(m.event.category == other.event.category and day_gap(m, other, s) == 0 for m in stated):
        return "a mention of the same category states a matching day"
    if any(day_gap(m, other, s) == 0 for m in stated):
        return "a mention states a matching day"
    return "its stated days all differ"


def key_of(p: Any) -> PlaceKey:
    return PlaceKey(p.name, p.geonames_id, p.lat, p.lon, p.country, p.admin1, p.level)


def place_reading(missing: Mention, other: Mention, item: DocumentInput, s: Settings) -> dict[str, Any]:
    """How the report of ``missing`` (no place) can place it against ``other``."""
    main = main_place(item.places)
    out: dict[str, Any] = {"other has place": other.place is not None}
    if main is None:
        out["main place"] = "none"
        return out
    stand = dataclasses.replace(missing, place=key_of(main))
    out["main place"] = "present"
    out["main level"] = main.level
    out["other level"] = other.place.level if other.place else None
    out["relation to other"] = place_relation(stand, other, s) if other.place else "other none"
    title = item.document.title or ""
    out["in headline"] = bool(main.text and main.text.lower() in title.lower()) or main.name.lower() in title.lower()
    out["in dateline"] = bool(item.document.dateline and main.name.lower() in item.document.dateline.lower())
    return out


def reading(a: Mention, b: Mention, by_doc: dict[str, list[Mention]], items: dict[str, DocumentInput],
            s: Settings) -> dict[str, Any]:
    later, earlier = (a, b) if (a.published or 0) >= (b.published or 0) else (b, a)
    out: dict[str, Any] = {"publication gap": abs((a.published or 0) - (b.published or 0)),
                           "day gap": day_gap(a, b, s)}
    for name, m, o in (("later", later, earlier), ("earlier", earlier, later)):
        out[name] = {"stated": m.specific, "date words": date_words(m),
                     "event date": (m.event.date.value, m.event.date.precision) if m.event.date else None,
                     "day minus publication": (narrow_days(m, s)[1] - m.published)  # type: ignore[index]
                     if narrow_days(m, s) is not None and m.published is not None else None,
                     "report day": report_day([x for x in by_doc[m.document] if x.id != m.id], o, s),
                     "has place": m.place is not None, "place level": m.place.level if m.place else None}
        if m.place is None:
            out[name]["place"] = place_reading(m, o, items[m.document], s)
    return out


def tally(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts of each reading over ``rows`` (side by side keys flattened)."""
    counts: Counter[str] = Counter()
    for r in rows:
        for side in ("later", "earlier"):
            x = r[side]
            counts[f"{side}: stated {x['stated']}, words {x['date words']}"] += 1
            counts[f"{side}: {x['report day']}"] += 1
            if "place" in x:
                p = x["place"]
                counts[f"{side} has no place: main place {p['main place']}"] += 1
                if p["main place"] == "present":
                    counts[f"{side} has no place: main place vs other: {p['relation to other']}"] += 1
                    counts[f"{side} has no place: main place in headline {p['in headline']}"] += 1
    return dict(sorted(counts.items()))


class Lost(NamedTuple):
    """The tune pairs lost out of fold, read from a database and a losses file."""

    docs: list[DocumentInput]
    settings: Settings
    news: list[Mention]
    #: the best mention pair of each labelled report pair
    best: dict[frozenset[str], Any]
    #: how many splits lost each same pair
    lost: Counter[frozenset[str]]
    splits: int
    #: the tune gold: whether each labelled report pair is one incident
    gold: dict[frozenset[str], bool]


def tune_store(db: str, pairs: str) -> tuple[Any, Any, Any, dict[frozenset[str], bool], Any]:
    """The fit script's module, the analysed reports of ``db`` with their sources, the tune gold of
    ``pairs`` (whether each labelled report pair is one incident) and the shipped settings."""
    fit = script_module("fit_incident_linker")
    with Store(db, readonly=True) as store:
        docs = fit.load_inputs(store, store.analyzed_versions())
        sources = store.document_sources()
    _, gold = fit.tune_gold(Path(pairs), docs, sources)
    return fit, docs, sources, gold, load_settings()


def lost_pairs(doc: str | None) -> Lost:
    """Parse ``--db``, ``--losses`` and ``--pairs`` and read the same pairs lost out of fold."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--losses", required=True)
    ap.add_argument("--pairs", default=str(REPO / "benchmarks" / "data" / "fakes_incident_pairs.jsonl"))
    args = ap.parse_args()
    fit, docs, sources, gold, settings = tune_store(args.db, args.pairs)
    news = sorted((m for m in fit.corpus(docs, settings).news), key=lambda m: m.id)
    best = best_pairs(news, set(gold), settings)
    refs = incident_eval.references(docs, sources)
    wrong = [json.loads(line) for line in Path(args.losses).read_text(encoding="utf-8").splitlines() if line]
    lost: Counter[frozenset[str]] = Counter()
    for r in wrong:
        if r["error"] == "lost same":
            lost[frozenset((refs[r["a"]], refs[r["b"]]))] += 1
    return Lost(docs, settings, news, best, lost, max(r["split"] for r in wrong) + 1, gold)


def main() -> None:
    docs, settings, news, best, lost, splits, gold = lost_pairs(__doc__)
    by_doc: dict[str, list[Mention]] = {}
    for m in news:
        by_doc.setdefault(m.document, []).append(m)
    items = {d.document.id: d for d in docs}
    out: dict[str, Any] = {"splits": splits}
    for cls in ("dates apart", "place missing"):
        pairs = [k for k in lost if k in best and primary(labels(*best[k][:3], settings)) == cls]
        rows = []
        for k in sorted(pairs, key=sorted):
            r = reading(best[k][0], best[k][1], by_doc, items, settings)
            r["lost in splits"] = lost[k]
            rows.append(r)
        compared = {side: [reading(*best[k][:2], by_doc, items, settings) for k in best
                           if gold[k] == same and primary(labels(*best[k][:3], settings)) == cls]
                    for side, same in (("same", True), ("different", False))}
        out[cls] = {"lost pairs": len(rows), "lost per split": round(sum(lost[k] for k in pairs) / splits, 1),
                    "lost": tally(rows), "rows": rows,
                    "compared tune pairs with this primary class": {
                        side: {"pairs": len(v), **tally(v)} for side, v in compared.items()}}
    print(json.dumps(out, indent=1, default=str))


if __name__ == "__main__":
    main()
