"""ACLED-style rows from sitrep events (the lead's CLI writes them as CSV).

One row per event whose status is ``asserted`` or ``reported``: hypothetical, future,
negated and historical events never reach the ACLED table. The PLOVER category/mode is
mapped to ACLED's event types: remote violence for aerial, drone, artillery, explosive and
unconventional assaults; violence against civilians for abductions, torture, sexual
violence and targeted killings; other assaults are battles; PROTEST riot → Riots, other
PROTEST → Protests; every other category is a strategic development. ``fatalities`` is the
event's most conservative killed figure (blank when the report gives none), ``source`` the
outlet followed by the attributed sources, ``notes`` the evidence sentence. Pure function.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ...records import Actor, Document, Event, Place

EXPORTED_STATUSES = ("asserted", "reported")
REMOTE = {"aerial", "drone", "heavy-weapons", "explosives", "suicide-attack", "unconventional"}
AGAINST_CIVILIANS = {"abduct", "torture", "sexual", "targeted", "beat"}


@dataclass(frozen=True, slots=True)
class AcledRow:
    event_date: str | None
    event_type: str
    actor1: str | None
    actor2: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    #: the event's killed toll as ACLED reads it: the most conservative incident figure of the
    #: event (not superseded, not a part of another); None when the report gives no number
    fatalities: int | None
    source: str | None
    notes: str


def acled_event_type(category: str, mode: str | None) -> str:
    if category == "ASSAULT":
        if mode in REMOTE:
            return "Explosions/Remote violence"
        if mode in AGAINST_CIVILIANS:
            return "Violence against civilians"
        return "Battles"
    if category == "PROTEST":
        return "Riots" if mode == "riot" else "Protests"
    return "Strategic developments"


def fatalities(ev: Event) -> int | None:
    """The most conservative killed figure of an event (ACLED: the lowest reported toll)."""
    tolls = [c.best for c in ev.casualties
             if c.kind == "killed" and c.scope == "incident" and not c.superseded and c.subset_of is None]
    return min(tolls) if tolls else None


def sources(ev: Event, outlet: str | None, actors: dict[str, Actor]) -> str | None:
    """The outlet and, after it, who the event and its figures are attributed to, each once."""
    said = [ev.attributed_to, *(c.attributed_to for c in ev.casualties)]
    names = [outlet] + [actors[a].name if a in actors else a for a in said if a]
    out = list(dict.fromkeys(n for n in names if n))
    return "; ".join(out) if out else None


def _names(ids: list[str], actors: dict[str, Actor]) -> str | None:
    if not ids:
        return None
    return "; ".join(actors[i].name if i in actors else i for i in ids)


def acled_rows(events: Iterable[Event], documents: Iterable[Document], places: Iterable[Place],
               actors: Iterable[Actor] = (), *, speaking_days: bool = False) -> list[AcledRow]:
    """ACLED-style rows for the asserted and reported events, in input order.

    ``documents`` give the source (publisher, else document id); ``places`` complete an
    event place that lacks coordinates (same document, same name); ``actors`` (optional)
    give actor names (ids are used when absent). With ``speaking_days`` (the incident layer's
    ``Settings.rollup_speaking_days``) an event dated only by its source's speaking day
    (``EventDate.told``) has no ``event_date``: that day is the statement's, not the act's."""
    docs = {d.id: d for d in documents}
    coords: dict[tuple[str, str], Place] = {}
    for p in places:
        if p.lat is not None:
            coords.setdefault((p.document, p.name), p)
    names = {a.id: a for a in actors}
    rows = []
    for ev in events:
        if ev.status not in EXPORTED_STATUSES:
            continue
        doc = docs.get(ev.document)
        lat = ev.place.lat if ev.place else None
        lon = ev.place.lon if ev.place else None
        if ev.place is not None and lat is None:
            known = coords.get((ev.document, ev.place.name))
            if known is not None:
                lat, lon = known.lat, known.lon
        note = f"{ev.category}{':' + ev.mode if ev.mode else ''} ({ev.status}"
        note += f", according to {names[ev.attributed_to].name if ev.attributed_to in names else ev.attributed_to})" \
            if ev.attributed_to else ")"
        rows.append(AcledRow(
            event_date=ev.date.value if ev.date and not (speaking_days and ev.date.told) else None,
            event_type=acled_event_type(ev.category, ev.mode),
            actor1=_names(ev.actors, names),
            actor2=_names(ev.recipients, names),
            location=ev.place.name if ev.place else None,
            latitude=lat,
            longitude=lon,
            fatalities=fatalities(ev),
            source=sources(ev, (doc.publisher or doc.id) if doc else ev.document, names),
            notes=f"{note}: {ev.evidence.text.strip()}",
        ))
    return rows
