"""Where an incident record's place is lost (issue 11, branch placerec1).

    python benchmarks/incidents_place_misses.py --db DB [--gold FILE] [--split tune|check] [--json OUT]

For every real gold incident whose matched record's place is not right (``incidents_records_audit``'s
matching and scoring, reused), the first class that holds, in this order:

- ``gold_null``: the gold reads no place, the record names one (the gold's own reading; by the
  record place's level: ``country`` or ``below_country``);
- ``rollup``: a member mention of the record names the right place, the roll-up chose another
  (``coarser``, ``finer`` or ``other`` than the right one, by level);
- ``own_sentence``: the evidence sentence of an event that tells the gold incident names the right
  place, but the event took another (by what it took: ``none``, ``country``, ``containing`` a place
  the gold lists as containing the right one, ``unresolved`` a name the gazetteer lacks, ``other``);
- ``fragment``: another record that holds events telling the gold incident names the right place
  (folding such fragments is branch fold3's task);
- ``other_sentence``: only another sentence of the report names it (``placed``: the places stage
  resolved it there; ``unplaced``: the name is in the text but no resolved place holds it);
- ``not_in_text``: no spelling the gold accepts is in the report (the gold's reading or a spelling).

A name "is in" a text when its words, accents and case folded, occur as whole words. Prints one
line per class and, with ``--json``, every miss with its class. Reads the gold's lines of the split
only.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import incidents_records_audit as audit  # noqa: E402


@dataclass(frozen=True)
class Miss:
    gold: str
    outcome: str
    klass: str
    detail: str
    record: str
    record_place: str | None
    gold_names: tuple[str, ...]


def words(text: str) -> str:
    """The text as space-separated lower-case ASCII words, padded with a space each side."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " " + " ".join("".join(ch if ch.isalnum() else " " for ch in folded).split()) + " "


def names_in(text: str | None, names: tuple[str, ...]) -> bool:
    """Whether one of the names occurs in the text as whole words."""
    if not text:
        return False
    padded = words(text)
    return any(words(n).strip() and words(n) in padded for n in names)


def is_right(place: dict | None, gold: audit.GoldPlace) -> bool:
    """Whether an exported place (an event's or a record's) is the gold's (``score_place``'s reading)."""
    if not place:
        return False
    if gold.geonames_id is not None and place.get("geonames_id") == gold.geonames_id:
        return True
    return audit.norm_name(place["name"]) in {audit.norm_name(n) for n in gold.names}


def taken(place: dict | None, level: int | None, gold: audit.GoldPlace) -> str:
    """What an event that missed the right place took instead (``level``: its place's level)."""
    if not place:
        return "none"
    if level == 1:
        return "country"
    if audit.norm_name(place["name"]) in {audit.norm_name(n) for n in gold.containing}:
        return "containing"
    return "unresolved" if place.get("lat") is None else "other"


def by_level(chosen: dict | None, right: int | None) -> str:
    """The chosen place against the level of a member mention's right one: coarser, finer or other."""
    if not chosen or chosen.get("level") is None or right is None:
        return "other"
    diff = chosen["level"] - right
    return "coarser" if diff < 0 else "finer" if diff > 0 else "other"


@dataclass
class Reports:
    """The database's exported records and what the classes read of them."""

    export: audit.Export
    events: dict[str, dict]
    incidents: dict[str, dict]
    texts: dict[str, str]
    places: dict[str, list[tuple[str, str]]]
    #: (document id, start, end) -> the level of the place resolved there
    levels: dict[tuple[str, int, int], int | None]

    def level(self, event: dict) -> int | None:
        p = event.get("place") or {}
        return self.levels.get((event["document"], p.get("start", -1), p.get("end", -1)))


def read_reports(db: Path) -> Reports:
    from sitrep.export import iter_export
    from sitrep.records import Place
    from sitrep.store import Store

    with Store(str(db), readonly=True) as store:
        records = list(iter_export(store, types=frozenset({"document", "event", "incident"})))
        rows = {r["id"]: audit._row(r.get("source_path"), r["id"]) for r in records if r["type"] == "document"}
        texts = {d.id: d.text for d in store.documents_by_id(list(rows))}
        places: dict[str, list[tuple[str, str]]] = {}
        levels: dict[tuple[str, int, int], int | None] = {}
        for p in store.records_for(Place, list(rows)):
            places.setdefault(rows[p.document], []).append((p.text, p.name))
            levels[(p.document, p.start, p.end)] = p.level
    by_row = {rows[i]: t for i, t in texts.items()}
    return Reports(audit.export_of(records), {r["id"]: r for r in records if r["type"] == "event"},
                   {r["id"]: r for r in records if r["type"] == "incident"}, by_row, places, levels)


def classify(reports: Reports, gold: audit.GoldIncident, record: audit.ExportIncident) -> tuple[str, str]:
    """(class, detail) of one place miss: the module docstring's order."""
    chosen = reports.incidents[record.id].get("place")
    if gold.place is None:
        return "gold_null", "country" if chosen and chosen.get("level") == 1 else "below_country"
    held = audit.gold_events(reports.export, gold)
    members = [reports.events[e] for e in record.news_events]
    right = [e for e in members if is_right(e.get("place"), gold.place)]
    if right:
        return "rollup", by_level(chosen, reports.level(right[0]))
    own = [reports.events[e] for e in held.get(record.id, [])] or members
    told = [e for e in own if names_in(e["evidence"]["text"], gold.place.names)]
    if told:
        return "own_sentence", taken(told[0].get("place"), reports.level(told[0]), gold.place)
    others = [reports.events[e] for i, ids in held.items() if i != record.id for e in ids]
    if any(is_right(e.get("place"), gold.place) for e in others):
        return "fragment", "another record"
    docs = {reports.export.events[e["id"]].row for e in own}
    if any(names_in(t, gold.place.names) or names_in(n, gold.place.names)
           for d in docs for t, n in reports.places.get(d, [])):
        return "other_sentence", "placed"
    if any(names_in(reports.texts.get(d), gold.place.names) for d in docs):
        return "other_sentence", "unplaced"
    return "not_in_text", ""


def misses(reports: Reports, golds: list[audit.GoldIncident]) -> list[Miss]:
    out = []
    for gold in golds:
        record, _ = audit.match(reports.export, gold)
        if not gold.real or record is None:
            continue
        outcome, _ = audit.score_place(record, gold.place)
        if outcome == audit.RIGHT:
            continue
        klass, detail = classify(reports, gold, record)
        out.append(Miss(gold.id, outcome, klass, detail, record.id, record.place_name,
                        gold.place.names if gold.place else ()))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--gold", type=Path, default=audit.GOLD)
    ap.add_argument("--split", choices=("tune", "check"), default="tune")
    ap.add_argument("--json", type=Path, dest="json_out")
    args = ap.parse_args(argv)
    golds = [g for g in audit.read_gold(args.gold) if g.split == args.split]
    found = misses(read_reports(args.db), golds)
    counts = Counter((m.klass, m.detail, m.outcome) for m in found)
    for (klass, detail, outcome), n in sorted(counts.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0])):
        sys.stdout.write(f"{klass:15} {detail:15} {outcome:8} {n}\n")
    sys.stdout.write(f"place misses {len(found)}\n")
    if args.json_out:
        args.json_out.write_text(json.dumps([asdict(m) for m in found], indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
