"""Hand-built analysed reports for the incident tests (our own words, no model needed).

``report(...)`` writes one short article and the records the stages would give it:
one event per sentence, with its trigger, category, status, actors, place and date,
and the place entities. Offsets are computed from the text, so every record points
where it should.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sitrep.incidents.inputs import DocumentInput, loose_figures
from sitrep.records import (
    Actor,
    Analysis,
    Document,
    Entity,
    Event,
    EventDate,
    EventPlace,
    Evidence,
    Place,
)

if TYPE_CHECKING:  # pragma: no cover
    from sitrep.store import Store

ACTORS = {
    "SYR_AF": Actor("SYR_AF", "Syrian Air Force", "military", "SYR", "MIL"),
    "RUS_AF": Actor("RUS_AF", "Russian Aerospace Forces", "military", "RUS", "MIL"),
    "REBELS": Actor("REBELS", "Northern rebels", "armed_group", None, "REB"),
    "CIVILIANS": Actor("CIVILIANS", "civilians", "other", None, "CVL"),
    "MONITOR": Actor("MONITOR", "The Monitor", "ngo", None, "NGO"),
    "AGENCY": Actor("AGENCY", "State agency", "media", "SYR", "MED"),
    # an umbrella term ("terrorists", "gunmen"): the generic armed-group actor of a sector, and a
    # named armed group (invented)
    "REB": Actor("REB", "rebels", "armed_group", None, "REB"),
    "UAF": Actor("UAF", "armed groups", "armed_group", None, "UAF"),
    "FALCONS": Actor("FALCONS", "Falcons of the Valley", "armed_group", None, "REB"),
    "HEZBOLLAH": Actor("HEZBOLLAH", "Hezbollah", "armed_group", "LBN", "REB"),  # a state's side (sides.yaml)
}

#: invented places of an invented province, a few kilometres apart (and one far away)
PLACES = {
    "Qarat Amal": (1001, 35.10, 38.10, 5),
    "Tel Wardeh": (1002, 35.12, 38.14, 5),
    "Marj Hilal": (1003, 35.60, 39.40, 4),
    "Nahr Province": (1000, 35.3, 38.5, 2),
    "Nahrland": (999, 35.0, 38.0, 1),  # the invented country they lie in
}


@dataclass
class Figure:
    kind: str
    best: int | None
    low: int | None = None
    high: int | None = None
    attributed_to: str | None = None
    source_text: str | None = None
    victims: str = "people"
    approximate: bool = False
    scope: str = "incident"
    subset_of: str | None = None
    superseded: bool = False
    text: str | None = None  #: the figure's words ("around twenty", "dozens"), when a test needs them
    event: str | None = None  #: the event it belongs to (None: a figure of a sentence with no event)
    evidence: Evidence | None = None  #: its sentence (set by ``report`` for a line with no event)


@dataclass
class Line:
    """One sentence of a report and the event in it (``trigger`` must be in ``text``)."""

    text: str
    trigger: str | None = None
    category: str = "ASSAULT"
    status: str = "asserted"
    mode: str | None = None
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    place: str | None = None
    day: str | None = None  #: a stated day (ISO), else the publication date stands in
    figures: list[Figure] = field(default_factory=list)
    more: list[Line] = field(default_factory=list)  #: other events of the same sentence
    source: str | None = None  #: who the sentence quotes (``Event.attributed_to``)


def _event(doc_id: str, start: int, sent: str, line: Line, published: str | None) -> Event:
    t0 = start + sent.index(line.trigger or "")
    t1 = t0 + len(line.trigger or "")
    place = None
    if line.place in PLACES:
        gid, lat, lon, _ = PLACES[line.place]
        place = EventPlace(line.place, lat, lon, "XX", gid, line.place)
    elif line.place:  # a name the gazetteer lacks: kept as written, no point, no id
        place = EventPlace(line.place, text=line.place)
    if line.day:
        date = EventDate(line.day, "day", line.day)
    elif published:
        date = EventDate(published, "document", None)
    else:
        date = None
    key = f"{doc_id}:{t0}:{t1}:{line.category}"
    event = Event(
        id="ev_" + hashlib.sha1(key.encode()).hexdigest()[:16], document=doc_id, category=line.category,
        status=line.status, evidence=Evidence(start, start + len(sent), sent), trigger=line.trigger or "",
        mode=line.mode, actors=list(line.actors), recipients=list(line.recipients), place=place, date=date,
        attributed_to=line.source,
    )
    return event


def report(doc_id: str, outlet: str, published: str | None, lines: list[Line], *,
           title: str | None = None) -> DocumentInput:
    """One analysed report: ``lines`` joined by spaces, one or more events per line."""
    text = " ".join(line.text for line in lines)
    events, places, entities = [], [], []
    start = 0
    figures: dict[str, list[Figure]] = {}
    loose: list[Figure] = []
    for line in lines:
        if not line.trigger:  # a sentence with no event: its figures are the report's loose ones
            loose += [dataclasses.replace(f, evidence=Evidence(start, start + len(line.text), line.text))
                      for f in line.figures]
        for item in [line, *line.more]:
            if item.trigger:
                ev = _event(doc_id, start, line.text, item, published)
                events.append(ev)
                if item.figures:
                    figures[ev.id] = item.figures
        for name, (gid, lat, lon, level) in PLACES.items():
            at = line.text.find(name)
            if at >= 0:
                s, e = start + at, start + at + len(name)
                places.append(Place(doc_id, s, e, name, line.text, name, lat, lon, "XX", "Nahr", gid, level))
                entities.append(Entity(doc_id, s, e, name, "GPE", line.text))
        start += len(line.text) + 1
    document = Document(id=doc_id, sha256=doc_id, text=text, title=title, publisher=outlet,
                        published=published, status="analyzed")
    ids = {a for e in events for a in (*e.actors, *e.recipients)}
    return DocumentInput(document, events, places, entities, (), [ACTORS[i] for i in sorted(ids) if i in ACTORS],
                         figures, loose_figures=loose_figures(loose))


def store_report(store: Store, item: DocumentInput) -> None:
    """Store one analysed report as ``sitrep run`` would: its document, then its analysis."""
    doc = item.document
    doc.status = "ingested"
    store.add_document(doc)
    store.save_analysis(Analysis(document=doc, events=list(item.events), places=list(item.places),
                                 entities=list(item.entities), actors=list(item.actors)), "v1")


def incident_state(store: Store) -> tuple[dict[str, dict[str, Any]], list[tuple[str, str, str, str]]]:
    """The stored incidents (by id) and their members: what an incremental run and a rebuild
    must agree on."""
    return {i.id: i.to_dict() for i in store.incidents()}, store.incident_members()


def held_parties(items: list[DocumentInput], settings: Any, doc: str = "a") -> tuple[list[str], list[str]]:
    """The actors and recipients (sorted) of the incident built from ``items`` that holds report ``doc``."""
    from sitrep.incidents.build import build_incidents

    held = next(i for i in build_incidents(items, settings).incidents if doc in i.documents)
    return sorted(held.actors), sorted(held.recipients)


def stepwise_equals_rebuild(store: Store, reports: list[DocumentInput], settings: Any) -> list[Any]:
    """Store the reports one by one, updating the incidents after each (no later update may rebuild
    them all), then rebuild from scratch: the two must agree. Returns the stored incidents."""
    from sitrep.incidents.update import update_incidents

    for n, item in enumerate(reports):
        store_report(store, item)
        summary = update_incidents(store, settings=settings)
        assert n == 0 or not summary.rebuilt
    stepwise = incident_state(store)
    update_incidents(store, settings=settings, rebuild_all=True)
    assert incident_state(store) == stepwise
    return list(store.incidents())


def switch_moves_version(switch: Any) -> bool:
    """Whether turning a linker switch (a fixture's ``switch(on)``) changes ``linker_version``: the
    stored incidents' version, so that the next update rebuilds them. Leaves the switch off."""
    from sitrep.incidents.settings import load_settings
    from sitrep.incidents.update import linker_version

    settings = load_settings()
    switch(True)
    on = linker_version(settings)
    switch(False)
    return linker_version(settings) != on


def rival_tolls_reports() -> list[DocumentInput]:
    """Five project-written reports: two outlets' reports of one market strike with rival named
    tolls (``a``, ``b``), two of a shelling that agree (``c``, ``d``), and a strike weeks later
    in another town (``e``)."""
    market = "Warplanes struck the crowded vegetable market of Qarat Amal on Monday"
    return [
        report("a", "A", "2030-05-07", [Line(market + ", the monitor said.", "struck", place="Qarat Amal",
                                             day="2030-05-06", actors=["SYR_AF"],
                                             figures=[Figure("killed", 12, attributed_to="MONITOR")])]),
        report("b", "B", "2030-05-07", [Line(market + ", the agency said.", "struck", status="reported",
                                             place="Qarat Amal", day="2030-05-06",
                                             figures=[Figure("killed", 30, attributed_to="AGENCY")])]),
        report("c", "C", "2030-05-09", [Line("Rebels shelled the main square of Tel Wardeh on Wednesday.", "shelled",
                                             place="Tel Wardeh", day="2030-05-08", actors=["REBELS"])]),
        report("d", "D", "2030-05-09", [Line("Rebels shelled the main square of Tel Wardeh on Wednesday, "
                                             "witnesses said.", "shelled", place="Tel Wardeh", day="2030-05-08",
                                             actors=["REBELS"])]),
        report("e", "E", "2030-06-20", [Line("Jets bombed a village outside Marj Hilal.", "bombed",
                                             place="Marj Hilal", actors=["SYR_AF"])]),
    ]
