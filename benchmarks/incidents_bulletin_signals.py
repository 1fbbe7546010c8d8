"""Linking intruders that are a bulletin's other items: what the pipeline records for them, what joined
them, and which signal could keep them out (issue 11, branch bulletin1; measurement only).

    python benchmarks/incidents_bulletin_signals.py --db DB [--gold FILE] [--classes FILE] [--json OUT]

Links every analysed report of ``DB`` with the shipped linker (as ``sitrep incidents --rebuild`` does),
matches each *tune* real gold incident of the records gold to the linked incident holding most of its gold
events (evidence overlapping a gold span), and reads every news mention of that incident: ``gold`` (tells the
gold incident) or ``intruder``; for an intruder, the edges that joined it (partner, report probability,
mention score) and, for every mention, the candidate signals:

- ``place_apart``: its place is resolved (a gazetteer id, level 3 or finer) and is *near* or *unknown* (not
  the same and not within) to the consensus resolved fine place of the incident's mentions from other reports
  (what ``clustering.summary`` reads);
- ``name_apart``: its place, resolved or not but not a country or province, has a name that neither equals nor
  contains (nor is contained in) the most named such place of the incident's mentions from other reports,
  and the two are not *same* or *within* when both are resolved (a quarter the gazetteer lacks counts);
- ``day_apart``: it states a day (not only the publication date) other than the day the incident's mentions
  from other reports state most;
- ``multi_place``: its evidence sentence names two or more distinct places finer than a province (the place
  stage's toponyms and the places the events of that sentence carry);
- ``place_run``: an adjacent event sentence of its report (the one before or after) names only places other
  than its own sentence's (one item of a list told sentence by sentence);
- ``list_report``: its report's news mentions carry three or more distinct places finer than a province;
- ``place_missing``: the event has no place finer than a province while its sentence names one;
- ``same_outlet_only``: every edge that holds it in the incident is to another report of its own outlet that
  is not a copy of its text (an outlet's bulletins of one series told on several days).

``--classes`` (a JSON object: event id -> hand class, e.g. ``bulletin``) adds the hand reading of the
intruders, so that each signal's catch is counted per class. The check half is never read.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from common import REPO
from incidents_records_audit import ExportEvent, GoldIncident, in_gold, read_gold

from sitrep.incidents.blocking import places_relation
from sitrep.incidents.clustering import Edge, cluster, sentence_groups, summary
from sitrep.incidents.copies import copy_groups
from sitrep.incidents.features import Scorer
from sitrep.incidents.inputs import DocumentInput
from sitrep.incidents.linker import Group, align, assemble, best_targets, candidates
from sitrep.incidents.mentions import Mention, PlaceKey, mentions
from sitrep.incidents.settings import Settings, load_settings
from sitrep.store import Store

GOLD = REPO / "benchmarks" / "data" / "fakes_incident_records_gold.jsonl"
SIGNALS = ("place_apart", "name_apart", "day_apart", "multi_place", "place_run", "list_report", "place_missing",
           "same_outlet_only")
FINE = 3  #: PLOVER level: district or finer


@dataclass(frozen=True)
class Join:
    """One edge that tied a mention to another member of its incident."""

    partner: str
    partner_row: str
    partner_kind: str
    report: float
    mention: float
    partner_outlet: str = ""
    copy: bool = False  #: the two reports are copies of one text (``copies.copy_groups``)


@dataclass(frozen=True)
class Reading:
    """One news mention of a matched record: what was recorded, what joined it, the signals."""

    gold: str
    event: str
    row: str
    outlet: str
    start: int
    end: int
    kind: str
    category: str
    status: str
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    place: str | None
    place_level: int | None
    place_resolved: bool
    date: str | None
    joins: tuple[Join, ...]
    signals: tuple[str, ...]


@dataclass(frozen=True)
class DocView:
    """What the signals read of one report: its resolved fine places by offset, its news mentions."""

    places: tuple[tuple[int, str], ...]  #: (offset, normalised name) of places finer than a province
    sentences: tuple[tuple[int, int], ...]  #: its event sentences, in order


def norm(name: str) -> str:
    """A place name compared loosely: lower case, no article, letters and digits only."""
    words = "".join(c if c.isalnum() else " " for c in name.lower()).split()
    return " ".join(w for w in words if w not in _ARTICLES)


_ARTICLES = frozenset({"al", "el", "the", "of"})


def finer(level: int | None) -> bool:
    """Finer than a province: a district, city or quarter, or a place the gazetteer gives no level."""
    return level is None or level >= FINE


def doc_view(d: DocumentInput) -> DocView:
    named = [(p.start, norm(p.name)) for p in d.places if finer(p.level)]
    named += [(e.evidence.start, norm(e.place.name)) for e in d.events
              if e.place is not None and e.place.geonames_id is None]
    sents = tuple(sorted({(e.evidence.start, e.evidence.end) for e in d.events}))
    return DocView(tuple(sorted(set(named))), sents)


def places_in(view: DocView, span: tuple[int, int]) -> set[str]:
    return {g for start, g in view.places if span[0] <= start < span[1]}


def fine(p: PlaceKey | None) -> bool:
    return p is not None and p.geonames_id is not None and (p.level or 0) >= FINE


def place_apart(m: Mention, others: Sequence[Mention], settings: Settings) -> bool:
    where = summary(others).place
    if not fine(m.place) or where is None or where.place is None:
        return False
    return places_relation(m.place, where.place, settings) in ("near", "unknown")


def named(m: Mention) -> str | None:
    return norm(m.place.name) if m.place is not None and finer(m.place.level) else None


def name_apart(m: Mention, others: Sequence[Mention], settings: Settings) -> bool:
    own = named(m)
    names = Counter(n for n in (named(x) for x in others) if n)
    if not own or not names:
        return False
    top = min(names, key=lambda n: (-names[n], n))
    if own == top or own in top or top in own:
        return False
    there = next(x.place for x in others if named(x) == top)
    if fine(m.place) and fine(there):
        return places_relation(m.place, there, settings) in ("near", "unknown")
    return True


def day_apart(m: Mention, others: Sequence[Mention]) -> bool:
    day = summary(others).day
    return m.specific and m.days is not None and day is not None and m.days[0] != day


def place_run(m: Mention, view: DocView) -> bool:
    if m.sentence not in view.sentences:
        return False
    i = view.sentences.index(m.sentence)
    own = places_in(view, m.sentence)
    if not own:
        return False
    near = [view.sentences[j] for j in (i - 1, i + 1) if 0 <= j < len(view.sentences)]
    return any(places_in(view, s) and not places_in(view, s) & own for s in near)


def signals(m: Mention, others: Sequence[Mention], report: Sequence[Mention], view: DocView,
            settings: Settings) -> tuple[str, ...]:
    own = places_in(view, m.sentence)
    report_places = {n for n in (named(x) for x in report) if n}
    found = {
        "place_apart": place_apart(m, others, settings),
        "name_apart": name_apart(m, others, settings),
        "day_apart": day_apart(m, others),
        "multi_place": len(own) >= 2,
        "place_run": place_run(m, view),
        "list_report": len(report_places) >= 3,
        "place_missing": named(m) is None and bool(own),
    }
    return tuple(k for k in SIGNALS if found.get(k))


Levels = dict[tuple[str, str], tuple[float, float]]  #: an edge's (report probability, mention score)


def link_with_edges(ms: Sequence[Mention], settings: Settings) -> tuple[list[Group], Levels]:
    """``linker.link``, keeping each edge's two levels."""
    scorer = Scorer(settings)
    news = sorted((m for m in ms if m.role == "news"), key=lambda m: m.id)
    others = {m.id: m for m in ms if m.role != "news"}
    found = candidates(news, (), scorer)
    model = settings.model
    edges: list[Edge] = align(found, model.threshold, model.align_threshold, model.best_threshold,
                              (model.rescue_report, model.rescue_mention))
    kept = {(e.a, e.b) for e in edges}
    levels = {(c.a, c.b): (round(c.report, 3), round(c.mention, 3)) for c in found if (c.a, c.b) in kept}
    groups = assemble(cluster(sentence_groups(news, settings), edges, settings),
                      best_targets(list(others.values()), news, scorer), others)
    return groups, levels


def event_of(m: Mention, rows: dict[str, str]) -> ExportEvent:
    return ExportEvent(m.id, rows[m.document], m.sentence[0], m.sentence[1], None)


def matched(groups: list[Group], gold: GoldIncident, rows: dict[str, str]) -> Group | None:
    held = [(sum(1 for m in g.news if in_gold(event_of(m, rows), gold)), len(g.news), -i, g)
            for i, g in enumerate(groups)]
    best = max(held, key=lambda x: x[:3], default=None)
    return best[3] if best is not None and best[0] > 0 else None


def joins_of(m: Mention, group: Group, gold: GoldIncident, ctx: Context) -> tuple[Join, ...]:
    out = []
    for x in group.news:
        key = (m.id, x.id) if m.id < x.id else (x.id, m.id)
        if key in ctx.levels:
            report, score = ctx.levels[key]
            kind = "gold" if in_gold(event_of(x, ctx.rows), gold) else "intruder"
            copy = ctx.copies.get(m.document, m.document) == ctx.copies.get(x.document, x.document)
            out.append(Join(x.id, ctx.rows[x.document], kind, report, score, x.outlet, copy))
    return tuple(out)


def same_outlet_only(m: Mention, joins: Sequence[Join]) -> bool:
    """Every edge that holds it in its incident is to another report of its own outlet, not a copy of its text."""
    return bool(joins) and all(j.partner_outlet == m.outlet and not j.copy for j in joins)


def reading(m: Mention, group: Group, gold: GoldIncident, ctx: Context) -> Reading:
    others = [x for x in group.news if x.document != m.document]
    report = ctx.by_doc.get(m.document, [])
    e = m.event
    kind = "gold" if in_gold(event_of(m, ctx.rows), gold) else "intruder"
    joins = joins_of(m, group, gold, ctx)
    found = signals(m, others, report, ctx.views[m.document], ctx.settings)
    if same_outlet_only(m, joins):
        found += ("same_outlet_only",)
    return Reading(gold.id, m.id, ctx.rows[m.document], m.outlet, m.sentence[0], m.sentence[1], kind,
                   e.category, e.status, tuple(e.actors), tuple(e.recipients),
                   m.place.name if m.place else None, m.place.level if m.place else None,
                   bool(m.place and m.place.geonames_id is not None), e.date.value if e.date else None,
                   joins, found)


@dataclass(frozen=True)
class Context:
    """Everything a reading needs besides the mention and its incident."""

    rows: dict[str, str]
    views: dict[str, DocView]
    by_doc: dict[str, list[Mention]]
    levels: Levels
    settings: Settings
    copies: dict[str, str]  #: document id -> its copy group


def readings(groups: list[Group], gold: list[GoldIncident], ctx: Context) -> list[Reading]:
    out = []
    for g in gold:
        group = matched(groups, g, ctx.rows)
        if group is not None:
            out.extend(reading(m, group, g, ctx) for m in group.news)
    return out


@dataclass(frozen=True)
class HandClass:
    """The hand reading of one intruder (``--classes``): its class and, for a bulletin's item, what sets it
    apart from the incident (``place``, ``day``, ``both``, ``roundup``, ``incident``) and whether the events
    stage's place is the place its sentence tells (``right``, ``wrong``, ``coarse``, ``missing``)."""

    kind: str
    apart: str | None = None
    event_place: str | None = None


def read_classes(path: Path | None) -> dict[str, HandClass]:
    if path is None:
        return {}
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {k: HandClass(v["class"], v.get("apart"), v.get("event_place")) for k, v in raw.items()}


def key_of(r: Reading, classes: dict[str, HandClass]) -> str:
    if r.kind == "gold":
        return "gold"
    hand = classes.get(r.event)
    return "intruder:" + (hand.kind if hand else "unclassed")


def table(found: Sequence[Reading], classes: dict[str, HandClass]) -> dict[str, dict[str, int]]:
    """Per signal, how many mentions of each kind (intruders per hand class) it catches, and the totals;
    then, for a bulletin's items, the catch by what sets them apart and by the events stage's place."""
    totals = Counter(key_of(r, classes) for r in found)
    out: dict[str, dict[str, int]] = {"all": dict(sorted(totals.items()))}
    for s in SIGNALS:
        out[s] = dict(sorted(Counter(key_of(r, classes) for r in found if s in r.signals).items()))
    items = [(r, classes[r.event]) for r in found if r.kind == "intruder" and r.event in classes
             and classes[r.event].kind == "bulletin"]
    out["bulletin by apart"] = dict(sorted(Counter(str(h.apart) for _, h in items).items()))
    out["bulletin by event place"] = dict(sorted(Counter(str(h.event_place) for _, h in items).items()))
    for s in SIGNALS:
        out[f"bulletin caught by {s}, by apart"] = dict(sorted(Counter(str(h.apart) for r, h in items
                                                                      if s in r.signals).items()))
    out["name_apart or day_apart"] = dict(sorted(Counter(
        key_of(r, classes) for r in found if {"name_apart", "day_apart"} & set(r.signals)).items()))
    out["any signal"] = dict(sorted(Counter(key_of(r, classes) for r in found if r.signals).items()))
    return out


def join_levels(found: Sequence[Reading], classes: dict[str, HandClass]) -> dict[str, dict[str, float]]:
    """Per kind, the median of each mention's strongest join (report probability, mention score)."""
    out: dict[str, dict[str, float]] = {}
    for kind in sorted({key_of(r, classes) for r in found}):
        tops = [max(r.joins, key=lambda j: j.report * j.mention) for r in found
                if key_of(r, classes) == kind and r.joins]
        if tops:
            out[kind] = {"n": len(tops), "report": _median([j.report for j in tops]),
                         "mention": _median([j.mention for j in tops]),
                         "to an intruder": sum(1 for j in tops if j.partner_kind == "intruder")}
    return out


def _median(xs: list[float]) -> float:
    ys = sorted(xs)
    mid = len(ys) // 2
    return ys[mid] if len(ys) % 2 else round((ys[mid - 1] + ys[mid]) / 2, 3)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--classes", type=Path)
    ap.add_argument("--json", type=Path, dest="json_out")
    args = ap.parse_args()
    from sitrep.incidents.update import load_inputs
    settings = load_settings()
    with Store(Path(args.db), readonly=True) as store:
        docs = load_inputs(store, store.analyzed_versions())
    rows = {d.document.id: "FA-KES-Dataset.csv#" + (d.document.source_path or "").rsplit("#", 1)[-1]
            if "#row" in (d.document.source_path or "") else d.document.id for d in docs}
    ms = mentions(docs, settings)
    by_doc: dict[str, list[Mention]] = {}
    for m in ms:
        if m.role == "news":
            by_doc.setdefault(m.document, []).append(m)
    groups, levels = link_with_edges(ms, settings)
    copies = copy_groups([d.document for d in docs], settings)
    ctx = Context(rows, {d.document.id: doc_view(d) for d in docs}, by_doc, levels, settings, copies)
    gold = [g for g in read_gold(args.gold) if g.split == "tune" and g.real]
    found = readings(groups, gold, ctx)
    classes = read_classes(args.classes)
    result = {"tune_incidents": len(gold), "table": table(found, classes), "joins": join_levels(found, classes)}
    print(json.dumps(result, indent=1))
    if args.json_out:
        args.json_out.write_text(json.dumps({**result, "readings": [asdict(r) for r in found]}, indent=1) + "\n",
                                 encoding="utf-8")


if __name__ == "__main__":
    main()
