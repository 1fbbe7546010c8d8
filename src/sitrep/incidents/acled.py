"""ACLED-style rows, one per incident (``sitrep export --format acled``).

ACLED codes one row per event with its fatalities and sources; sitrep's incident is
that row: ``fatalities`` is the incident's conservative killed figure (ACLED's
practice: the lowest credible report), ``source`` the outlets that report it, then the
sources their figures are attributed to,
``location`` the place's name and ``latitude``/``longitude`` its point or, for a place the
gazetteer could not resolve, the point of the place it lies in (``IncidentPlace.within``) with
a ``geo_precision`` one step coarser (``geo_precision``),
``notes`` the evidence sentence of its first news mention and, when reports
disagree, ``contested: field (version / version)``. The event type follows the
per-event mapping (``stages.events.acled.acled_event_type``). Pure function.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..records import Actor, Event
from ..stages.events.acled import acled_event_type
from .records import Incident, IncidentPlace

#: casualty kinds that count as fatalities
FATAL_KINDS = ("killed", "dead", "fatalities")


@dataclass(frozen=True, slots=True)
class IncidentAcledRow:
    event_id_cnty: str
    event_date: str | None
    event_type: str
    actor1: str | None
    actor2: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    fatalities: int | None
    source: str
    source_scale: int
    notes: str


def _precision(level: int | None) -> int:
    """ACLED's code for a place of this level: 1 a town or finer, 2 a district or province, 3 coarser."""
    return 1 if (level or 0) >= 4 else 2 if (level or 0) >= 2 else 3


def geo_precision(place: IncidentPlace | None) -> int | None:
    """ACLED's ``geo_precision`` of the incident's place. A place without a point placed at the
    point of the place it lies in (``IncidentPlace.within``) is one step less precise than that
    place: "part of / near" a town is 2, part of a district, province or country 3 (ACLED's
    convention for a location it cannot pin)."""
    if place is None:
        return None
    if place.lat is None and place.point() is not None:
        return min(3, _precision(place.within.level if place.within else None) + 1)
    return _precision(place.level)


def _names(ids: list[str], actors: Mapping[str, Actor]) -> str | None:
    return "; ".join(actors[i].name if i in actors else i for i in ids) or None


def _sources(incident: Incident, actors: Mapping[str, Actor]) -> str:
    """The outlets, then who their figures are attributed to (a monitor, an agency), as
    ACLED's ``source`` column names both the outlet and the source it cites."""
    cited = {s for c in incident.casualties for s in c.sources} - set(incident.outlets)
    names = [actors[s].name if s in actors else s for s in sorted(cited)]
    return "; ".join([*incident.outlets, *(n for n in names if n not in incident.outlets)])


def _contested_note(incident: Incident) -> str:
    parts = []
    for c in incident.contested:
        versions = " / ".join(f"{v.value} ({', '.join(v.outlets)})" for v in c.versions)
        parts.append(f"{c.field}: {versions}")
    return ("; contested: " + "; ".join(parts)) if parts else ""


def incident_rows(incidents: Iterable[Incident], events: Iterable[Event],
                  actors: Iterable[Actor] = ()) -> list[IncidentAcledRow]:
    """One row per incident reported as news (background-only never founds one)."""
    by_id = {e.id: e for e in events}
    names = {a.id: a for a in actors}
    rows = []
    for inc in incidents:
        evidence = next((by_id[e].evidence.text.strip() for e in inc.events
                         if e in by_id and e not in inc.historical), "")
        killed = [c.best for c in inc.casualties if c.kind in FATAL_KINDS]
        place = inc.place
        point = place.point() if place else None
        rows.append(IncidentAcledRow(
            event_id_cnty=inc.id,
            event_date=inc.date.start if inc.date else None,
            event_type=acled_event_type(inc.category, inc.mode),
            actor1=_names(inc.actors[:2], names),
            actor2=_names(inc.recipients[:2], names),
            location=place.name if place else None,
            latitude=point[0] if point else None,
            longitude=point[1] if point else None,
            geo_precision=geo_precision(place),
            fatalities=min(killed) if killed else None,
            source=_sources(inc, names),
            source_scale=inc.independent_sources,
            notes=f"{inc.category}{':' + inc.mode if inc.mode else ''}: {evidence}{_contested_note(inc)}",
        ))
    return rows
