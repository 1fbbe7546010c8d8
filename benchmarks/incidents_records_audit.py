"""Score exported incident records against a hand-judged gold of incidents (issue 11, branch incaudit1).

    python benchmarks/incidents_records_audit.py EXPORT --gold FILE [--split tune|check] [--json OUT]
    python benchmarks/incidents_records_audit.py --db DB [--gold FILE] --halves

``--db`` reads the records from a sitrep database instead of an export file (the same objects
``sitrep export --type document --type event --type incident`` writes); ``--halves`` prints one
JSON object, ``{"tune": SUMMARY, "check": SUMMARY}``, for ``benchmarks/headline.py``.

EXPORT is `sitrep export --format jsonl` (document, event and incident records at least). FILE is
`benchmarks/data/fakes_incident_records_gold.jsonl` (format: docs/incident-records-gold.md). For each
gold incident the *matched* record is the exported incident that holds the most non-historical events
whose evidence overlaps one of the gold's sentence spans (by the gold's documents alone when it gives
no span); ties: the record with more events, then the smaller id. Every field of the matched record
is then right, wrong or missing, as the docs section of branch incaudit1 fixed before any incident
was read. Gold lines with `real: false` (a record built from a sentence that tells no incident) are
counted, not scored field by field.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

GOLD = Path(__file__).resolve().parent / "data" / "fakes_incident_records_gold.jsonl"

CONTESTED_FIELDS = ("casualties", "blame", "occurred", "victims", "place", "date")
RIGHT, WRONG, MISSING = "right", "wrong", "missing"


@dataclass(frozen=True)
class GoldPlace:
    names: tuple[str, ...]
    geonames_id: int | None
    containing: tuple[str, ...]


@dataclass(frozen=True)
class GoldCasualty:
    kind: str
    best: int
    low: int
    high: int


@dataclass(frozen=True)
class GoldIncident:
    id: str
    split: str
    real: bool
    documents: tuple[str, ...]
    spans: dict[str, tuple[tuple[int, int], ...]]
    categories: tuple[str, ...]
    actors: tuple[frozenset[str], ...] | None
    recipients: tuple[frozenset[str], ...] | None
    place: GoldPlace | None
    date: tuple[str, str] | None
    casualties: tuple[GoldCasualty, ...]
    contested: frozenset[str]
    outlets: frozenset[str]
    independent_sources: int


@dataclass(frozen=True)
class ExportEvent:
    id: str
    row: str
    start: int
    end: int
    incident: str | None


@dataclass(frozen=True)
class ExportIncident:
    id: str
    category: str | None
    actors: frozenset[str]
    recipients: frozenset[str]
    place_name: str | None
    place_geonames: int | None
    date: tuple[str, str] | None
    news_events: tuple[str, ...]
    rows: tuple[str, ...]
    outlets: frozenset[str]
    independent_sources: int
    casualties: dict[str, tuple[int | None, int | None, int | None]]
    contested: frozenset[str]


@dataclass
class Export:
    events: dict[str, ExportEvent] = field(default_factory=dict)
    incidents: dict[str, ExportIncident] = field(default_factory=dict)


@dataclass
class SetScore:
    outcome: str
    hits: int
    predicted: int
    slots_hit: int
    slots: int


@dataclass
class Scored:
    """One gold incident against its matched record: an outcome per field and the purity shares."""

    gold: str
    split: str
    real: bool
    matched: str | None
    records_holding: int
    outcomes: dict[str, str] = field(default_factory=dict)
    sets: dict[str, SetScore] = field(default_factory=dict)
    contested: dict[str, str] = field(default_factory=dict)
    false_figures: list[str] = field(default_factory=list)
    purity_documents: float | None = None
    purity_events: float | None = None
    purity_spans: float | None = None
    place_coarser: bool = False


def _row(source_path: str | None, doc_id: str) -> str:
    if source_path and "#row" in source_path:
        return "FA-KES-Dataset.csv#" + source_path.rsplit("#", 1)[1]
    return doc_id


def _slots(value: list[list[str]] | None) -> tuple[frozenset[str], ...] | None:
    return None if value is None else tuple(frozenset(slot) for slot in value)


def _gold_place(value: dict | None) -> GoldPlace | None:
    if value is None:
        return None
    names = (value["name"], *value.get("accepted", []))
    return GoldPlace(tuple(names), value.get("geonames_id"), tuple(value.get("containing", [])))


def read_gold(path: Path) -> list[GoldIncident]:
    """The gold lines; a category under a legacy PLOVER name reads as the events scorer reads it
    (``stages.events.scorer.LEGACY``: DISAPPROVE -> ACCUSE, FIGHT -> ASSAULT …), since the events
    stage, and so an incident, only ever names the current category."""
    from sitrep.stages.events.scorer import LEGACY

    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        g = json.loads(line)
        spans = {row: tuple((int(s), int(e)) for s, e in pairs) for row, pairs in g.get("spans", {}).items()}
        cats = tuple(LEGACY.get(c, c) for c in (g["category"], *g.get("category_accepted", []))) if g.get("category") else ()
        date = (g["date"]["start"], g["date"]["end"]) if g.get("date") else None
        cas = tuple(GoldCasualty(c["kind"], c["best"], c["low"], c["high"]) for c in g.get("casualties", []))
        out.append(GoldIncident(
            g["id"], g["split"], bool(g.get("real", True)), tuple(g["documents"]), spans, tuple(cats),
            _slots(g.get("actors")), _slots(g.get("recipients")), _gold_place(g.get("place")), date, cas,
            frozenset(g.get("contested", [])), frozenset(g.get("outlets", [])), int(g.get("independent_sources", 0))))
    return out


def _incident(rec: dict, rows: dict[str, str]) -> ExportIncident:
    historical = set(rec.get("historical") or [])
    place = rec.get("place") or None
    date = rec.get("date") or None
    cas = {c["kind"]: (c.get("best"), c.get("low"), c.get("high")) for c in rec.get("casualties") or []}
    return ExportIncident(
        rec["id"], rec.get("category"), frozenset(rec.get("actors") or []), frozenset(rec.get("recipients") or []),
        place.get("name") if place else None, place.get("geonames_id") if place else None,
        (date["start"], date["end"]) if date and date.get("start") else None,
        tuple(e for e in rec.get("events") or [] if e not in historical),
        tuple(rows.get(d, d) for d in rec.get("documents") or []), frozenset(rec.get("outlets") or []),
        int(rec.get("independent_sources") or 0), cas, frozenset(c["field"] for c in rec.get("contested") or []))


def read_export(path: Path) -> Export:
    with path.open(encoding="utf-8") as handle:
        return export_of(json.loads(line) for line in handle)


def read_database(db: Path) -> Export:
    """The records of a sitrep database, read as ``sitrep export`` writes them."""
    from sitrep.export import iter_export
    from sitrep.store import Store

    with Store(str(db), readonly=True) as store:
        return export_of(iter_export(store, types=frozenset({"document", "event", "incident"})))


def export_of(records: Iterable[dict]) -> Export:
    rows: dict[str, str] = {}
    raw_events: list[dict] = []
    raw_incidents: list[dict] = []
    for rec in records:
        if rec["type"] == "document":
            rows[rec["id"]] = _row(rec.get("source_path"), rec["id"])
        elif rec["type"] == "event":
            raw_events.append(rec)
        elif rec["type"] == "incident":
            raw_incidents.append(rec)
    export = Export()
    for ev in raw_events:
        evidence = ev.get("evidence") or {}
        export.events[ev["id"]] = ExportEvent(
            ev["id"], rows.get(ev["document"], ev["document"]), int(evidence.get("start", -1)),
            int(evidence.get("end", -1)), ev.get("incident"))
    for inc in raw_incidents:
        export.incidents[inc["id"]] = _incident(inc, rows)
    return export


def in_gold(event: ExportEvent, gold: GoldIncident) -> bool:
    """The event tells the gold incident: its document is a gold document and, when the gold gives
    spans for it, its evidence overlaps one of them."""
    if event.row not in gold.documents:
        return False
    spans = gold.spans.get(event.row)
    if not spans:
        return True
    return any(event.start < end and start < event.end for start, end in spans)


def gold_events(export: Export, gold: GoldIncident) -> dict[str, list[str]]:
    """Incident id -> the ids of its non-historical events that tell the gold incident."""
    held: dict[str, list[str]] = {}
    for inc in export.incidents.values():
        for event_id in inc.news_events:
            event = export.events.get(event_id)
            if event is not None and in_gold(event, gold):
                held.setdefault(inc.id, []).append(event_id)
    return held


def match(export: Export, gold: GoldIncident) -> tuple[ExportIncident | None, int]:
    held = gold_events(export, gold)
    if not held:
        return None, 0
    best = max(held, key=lambda i: (len(held[i]), len(export.incidents[i].news_events), _neg(i)))
    return export.incidents[best], len(held)


def _neg(text: str) -> tuple[int, ...]:
    return tuple(-ord(ch) for ch in text)


def score_set(predicted: frozenset[str], slots: tuple[frozenset[str], ...]) -> SetScore:
    hits = sum(1 for p in predicted if any(p in slot for slot in slots))
    slots_hit = sum(1 for slot in slots if slot & predicted)
    if not slots:
        outcome = RIGHT if not predicted else WRONG
    elif not predicted:
        outcome = MISSING
    else:
        outcome = RIGHT if hits == len(predicted) and slots_hit == len(slots) else WRONG
    return SetScore(outcome, hits, len(predicted), slots_hit, len(slots))


def norm_name(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    for prefix in ("al-", "al ", "el-", "el ", "ar-", "as-", "ad-", "az-"):
        if text.startswith(prefix):
            text = text[len(prefix):]
    return "".join(ch for ch in text if ch.isalnum())


def score_place(inc: ExportIncident, place: GoldPlace | None) -> tuple[str, bool]:
    """(outcome, coarser): coarser when a wrong place is one the gold lists as containing the right one."""
    if place is None:
        return (RIGHT if inc.place_name is None else WRONG), False
    if inc.place_name is None:
        return MISSING, False
    if place.geonames_id is not None and inc.place_geonames == place.geonames_id:
        return RIGHT, False
    name = norm_name(inc.place_name)
    if name in {norm_name(n) for n in place.names}:
        return RIGHT, False
    return WRONG, name in {norm_name(n) for n in place.containing}


def score_date(inc: ExportIncident, date: tuple[str, str] | None) -> str:
    if date is None:
        return RIGHT if inc.date is None else WRONG
    if inc.date is None:
        return MISSING
    day = datetime.timedelta(days=1)
    lo = datetime.date.fromisoformat(date[0]) - day
    hi = datetime.date.fromisoformat(date[1]) + day
    start, end = (datetime.date.fromisoformat(d[:10]) for d in inc.date)
    return RIGHT if lo <= start and end <= hi else WRONG


def score_casualties(inc: ExportIncident, gold: GoldIncident, scored: Scored) -> None:
    kinds = {c.kind for c in gold.casualties}
    for cas in gold.casualties:
        got = inc.casualties.get(cas.kind)
        if got is None or got[0] is None:
            scored.outcomes[f"{cas.kind}.best"] = MISSING
            scored.outcomes[f"{cas.kind}.low_high"] = MISSING
            continue
        best, low, high = got
        scored.outcomes[f"{cas.kind}.best"] = RIGHT if best == cas.best else WRONG
        low = best if low is None else low
        high = best if high is None else high
        scored.outcomes[f"{cas.kind}.low_high"] = RIGHT if (low, high) == (cas.low, cas.high) else WRONG
    scored.false_figures = sorted(k for k, v in inc.casualties.items() if k not in kinds and v[0] is not None)


def score_contested(inc: ExportIncident, gold: GoldIncident, scored: Scored) -> None:
    for name in CONTESTED_FIELDS:
        flagged, truth = name in inc.contested, name in gold.contested
        scored.contested[name] = {(True, True): "right", (False, True): "missed",
                                  (True, False): "false", (False, False): "right_empty"}[(flagged, truth)]
    scored.outcomes["contested"] = RIGHT if inc.contested & set(CONTESTED_FIELDS) == gold.contested else WRONG


def score_purity(export: Export, inc: ExportIncident, gold: GoldIncident, scored: Scored) -> None:
    rows = set(inc.rows)
    scored.purity_documents = sum(1 for r in rows if r in gold.documents) / len(rows) if rows else None
    events = [export.events[e] for e in inc.news_events if e in export.events]
    if events:
        scored.purity_events = sum(1 for e in events if e.row in gold.documents) / len(events)
        scored.purity_spans = sum(1 for e in events if in_gold(e, gold)) / len(events)


def score(export: Export, gold: GoldIncident) -> Scored:
    inc, holding = match(export, gold)
    scored = Scored(gold.id, gold.split, gold.real, inc.id if inc else None, holding)
    if inc is None or not gold.real:
        return scored
    scored.outcomes["category"] = RIGHT if inc.category in gold.categories else (
        MISSING if inc.category is None else WRONG)
    for name, predicted, slots in (("actors", inc.actors, gold.actors), ("recipients", inc.recipients, gold.recipients)):
        scored.sets[name] = score_set(predicted, slots or ())
        scored.outcomes[name] = scored.sets[name].outcome
    scored.outcomes["place"], scored.place_coarser = score_place(inc, gold.place)
    scored.outcomes["date"] = score_date(inc, gold.date)
    score_casualties(inc, gold, scored)
    score_contested(inc, gold, scored)
    scored.outcomes["outlets"] = RIGHT if inc.outlets == gold.outlets else WRONG
    scored.outcomes["independent_sources"] = RIGHT if inc.independent_sources == gold.independent_sources else WRONG
    score_purity(export, inc, gold, scored)
    return scored


@dataclass
class Summary:
    """The figures of one split: per field the count of each outcome, and the set, contested and purity totals."""

    incidents: int
    real: int
    unmatched: int
    split_over: int
    fields: dict[str, dict[str, int]]
    sets: dict[str, dict[str, float]]
    contested: dict[str, dict[str, int]]
    false_figures: int
    purity: dict[str, float | None]
    place_coarser: int
    #: per field, right / scored, ``.`` in a field's name as ``_`` (``killed_best``: the key paths of
    #: ``benchmarks/headline.py``'s rows)
    right_share: dict[str, float]


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 3) if values else None


def _set_totals(scored: list[Scored], name: str) -> dict[str, float]:
    sets = [s.sets[name] for s in scored if name in s.sets]
    hits, pred = sum(x.hits for x in sets), sum(x.predicted for x in sets)
    got, slots = sum(x.slots_hit for x in sets), sum(x.slots for x in sets)
    return {"precision": round(hits / pred, 3) if pred else 0.0, "recall": round(got / slots, 3) if slots else 0.0,
            "ids_predicted": pred, "slots": slots}


def summarise(scored: list[Scored]) -> Summary:
    real = [s for s in scored if s.real]
    matched = [s for s in real if s.matched]
    fields: dict[str, Counter[str]] = {}
    for s in matched:
        for name, outcome in s.outcomes.items():
            fields.setdefault(name, Counter())[outcome] += 1
    contested: dict[str, Counter[str]] = {}
    for s in matched:
        for name, outcome in s.contested.items():
            contested.setdefault(name, Counter())[outcome] += 1
    purity = {
        "documents": _mean([s.purity_documents for s in matched if s.purity_documents is not None]),
        "events": _mean([s.purity_events for s in matched if s.purity_events is not None]),
        "events_by_span": _mean([s.purity_spans for s in matched if s.purity_spans is not None]),
    }
    return Summary(
        len(scored), len(real), len(real) - len(matched), sum(1 for s in real if s.records_holding > 1),
        {k: dict(v) for k, v in sorted(fields.items())}, {n: _set_totals(matched, n) for n in ("actors", "recipients")},
        {k: dict(v) for k, v in contested.items()}, sum(len(s.false_figures) for s in matched), purity,
        sum(1 for s in matched if s.place_coarser),
        {k.replace(".", "_"): round(v[RIGHT] / sum(v.values()), 3) for k, v in sorted(fields.items()) if sum(v.values())})


def render(summary: Summary) -> str:
    lines = [f"gold incidents {summary.incidents} (real {summary.real}; no matched record {summary.unmatched}; "
             f"split over more than one record {summary.split_over})", "field                 right  wrong  missing"]
    for name, counts in summary.fields.items():
        lines.append(f"{name:<21} {counts.get(RIGHT, 0):>5}  {counts.get(WRONG, 0):>5}  {counts.get(MISSING, 0):>7}")
    for name, totals in summary.sets.items():
        lines.append(f"{name} ids: precision {totals['precision']} recall {totals['recall']} "
                     f"({totals['ids_predicted']} ids, {totals['slots']} gold slots)")
    for name, counts in summary.contested.items():
        lines.append(f"contested {name}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    lines.append(f"false figures (a kind the gold has not) {summary.false_figures}; "
                 f"wrong places that contain the right one {summary.place_coarser}")
    lines.append("purity " + ", ".join(f"{k} {v}" for k, v in summary.purity.items()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("export", type=Path, nargs="?")
    ap.add_argument("--db", type=Path, help="a sitrep database instead of an export file")
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--split", choices=("tune", "check"))
    ap.add_argument("--json", type=Path, dest="json_out")
    ap.add_argument("--halves", action="store_true", help="one JSON object on stdout: each half's summary")
    args = ap.parse_args(argv)
    if (args.export is None) == (args.db is None):
        ap.error("give an export file or --db, not both")
    export = read_database(args.db) if args.db is not None else read_export(args.export)
    if args.halves:
        halves = {half: asdict(summarise([score(export, g) for g in read_gold(args.gold) if g.split == half]))
                  for half in ("tune", "check")}
        sys.stdout.write(json.dumps(halves, sort_keys=True) + "\n")
        return 0
    golds = [g for g in read_gold(args.gold) if args.split is None or g.split == args.split]
    scored = [score(export, g) for g in golds]
    summary = summarise(scored)
    sys.stdout.write(render(summary) + "\n")
    if args.json_out:
        args.json_out.write_text(json.dumps({"summary": asdict(summary), "incidents": [asdict(s) for s in scored]},
                                            indent=1, default=sorted) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
