"""The incident layer for the API and the pages: filtered keyset pages of incidents, an
incident with each report's version of it, located incidents for the map.

Filters mean what they mean in ``sitrep incidents`` (``sitrep.incidents.query``): the store
narrows by what it indexes, then :func:`sitrep.incidents.query.matches` decides, so a place
name matches the same way (accent-folded, in the place's name or province) in the CLI, the
API and the pages. No SQL here, no HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..incidents.query import IncidentFilter, matches
from ..incidents.records import Incident
from ..records import Event
from ..store import Store
from ..store.explore import MAX_LIMIT, tone
from ..store.explore_incidents import IncidentQuery, incident_key
from .views import event_out

#: how many stored incidents a page reads at a time while a Python-side filter (place) drops some
BATCH = 200
#: how many stored incidents one request reads at most while looking for a page's worth
MAX_SCAN = 50_000


@dataclass(slots=True, kw_only=True)
class IncidentSelection:
    """The incident filters of a request: the CLI's (``IncidentFilter``) and a bounding box."""

    filter: IncidentFilter = field(default_factory=IncidentFilter)
    bbox: tuple[float, float, float, float] | None = None

    def store_query(self, *, located: bool = False) -> IncidentQuery:
        f = self.filter
        return IncidentQuery(since=f.since, until=f.until, category=f.category.upper() if f.category else None,
                             actor=f.actor, status=f.status, contested=f.contested, min_sources=f.min_sources,
                             bbox=self.bbox, located=located)


def incident_page(store: Store, sel: IncidentSelection, *, after: tuple[str, str] | None = None,
                  limit: int = 50, located: bool = False) -> tuple[list[Incident], tuple[str, str] | None]:
    """Up to ``limit`` incidents passing ``sel``, newest first, after the key ``after``; and the
    key to continue from (None when the list is exhausted). A page may stop short of
    ``limit`` with a key when :data:`MAX_SCAN` stored incidents were read without filling it
    (a rare place name): the next page goes on from there."""
    q = sel.store_query(located=located)
    found: list[Incident] = []
    scanned = 0
    key = after
    while scanned < MAX_SCAN:
        # the store gives at most MAX_LIMIT a call; a place filter reads ahead, since it drops some
        batch_size = BATCH if sel.filter.place else min(limit - len(found), MAX_LIMIT)
        batch = store.incident_page(q, after=key, limit=batch_size)
        scanned += len(batch)
        for incident in batch:
            key = incident_key(incident)
            if matches(incident, sel.filter):
                found.append(incident)
                if len(found) == limit:
                    return found, key
        if len(batch) < batch_size:
            return found, None
    return found, key


def incident_out(incident: Incident) -> dict[str, Any]:
    """An incident as the API gives it: the export contract plus its first day and tone."""
    day = incident.date.start if incident.date else None
    return {**incident.to_export(), "day": day, "tone": tone(incident.category)}


def incident_feature(incident: Incident) -> dict[str, Any]:
    """A located incident as a GeoJSON point feature (what the map draws and links). A place
    without a point is drawn at the place it lies in (``IncidentPlace.within``), and its name
    says so ("Tokhar (in Manbij)")."""
    place = incident.place
    point = place.point() if place is not None else None
    assert place is not None and point is not None
    lat, lon, own = point
    name = place.name if own or place.within is None else f"{place.name} (in {place.within.name})"
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {"id": incident.id, "kind": "incident", "category": incident.category,
                           "status": _status_word(incident), "place": name,
                           "day": incident.date.start if incident.date else None,
                           "outlet": f"{len(incident.outlets)} outlets, {incident.independent_sources} independent",
                           "tone": tone(incident.category), "trigger": incident.mode or incident.category.lower()}}


def _status_word(incident: Incident) -> str:
    s = incident.status
    if s.denied and (s.asserted or s.reported):
        return "disputed"
    return "denied" if s.denied else ("asserted" if s.asserted else "reported")


@dataclass(slots=True)
class Version:
    """One report's version of an incident: the event as that report tells it."""

    event: Event
    role: str
    outlet: str
    day: str
    evidence: tuple[str, str, str]  #: the evidence sentence split around the trigger word
    contested: list[str] = field(default_factory=list)  #: contested values this report gives
    tie: float | None = None  #: how strongly the linker tied this report to the others (``Incident.links``)
    tie_to: str | None = None  #: the outlet of the report it is tied to best


def evidence_parts(event: Event) -> tuple[str, str, str]:
    """The evidence sentence as (before, trigger, after); the trigger is found in the sentence
    itself, as written, else ignoring case; not found: the whole sentence, nothing marked."""
    text = event.evidence.text
    at = text.find(event.trigger) if event.trigger else -1
    if at < 0 and event.trigger:
        at = text.lower().find(event.trigger.lower())
    if at < 0:
        return text, "", ""
    end = at + len(event.trigger)
    return text[:at], text[at:end], text[end:]


_ROLE_ORDER = {"news": 0, "denial": 1, "background": 2}


def incident_versions(store: Store, incident: Incident) -> list[Version]:
    """Every report's version: news mentions first, then denials, then background mentions;
    by day and outlet within each."""
    members = store.incident_members(incidents=[incident.id])
    events = store.events_by_id([m[0] for m in members])
    gives: dict[str, list[str]] = {}
    for c in incident.contested:
        for v in c.versions:
            for doc in v.documents:
                gives.setdefault(doc, []).append(f"{c.field}: {v.value}")
    links = {x.document: x for x in incident.links}
    outlets = {document: events[e][1] for e, _, document, _ in members if e in events}
    out: list[Version] = []
    for event_id, _, document, role in members:
        if event_id not in events:
            continue
        event, outlet, day = events[event_id]
        tie = links.get(document) if role != "background" else None
        out.append(Version(event, role, outlet, day, evidence_parts(event), gives.get(document, []),
                           tie.strength if tie else None, outlets.get(tie.to) if tie and tie.to else None))
    out.sort(key=lambda v: (_ROLE_ORDER.get(v.role, 3), v.day or "9999", v.outlet, v.event.id))
    return out


def version_out(v: Version) -> dict[str, Any]:
    return {"role": v.role, "event": event_out(v.event, v.outlet, v.day), "contested_values": v.contested,
            "tie": v.tie}


def incident_detail_out(store: Store, incident: Incident) -> dict[str, Any]:
    return {**incident_out(incident), "versions": [version_out(v) for v in incident_versions(store, incident)]}
