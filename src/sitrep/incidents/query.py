"""Selecting stored incidents: the filters behind ``sitrep incidents``.

``IncidentFilter`` holds what a user can ask for; ``matches`` is the pure test of one
incident; ``query_incidents`` lets the store narrow by date, category, contested and
sources, then applies the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..store import Store
from .names import ascii_fold
from .records import Incident

STATUSES = ("asserted", "reported", "denied")


@dataclass(frozen=True, slots=True)
class IncidentFilter:
    """What to list. Dates are ISO days (inclusive) on the incident's first day."""

    since: str | None = None
    until: str | None = None
    place: str | None = None  #: a place name, matched in the incident's place (name or province)
    actor: str | None = None  #: an actor id, as perpetrator or recipient
    category: str | None = None  #: a PLOVER category
    status: str | None = None  #: asserted, reported or denied: at least one report does so
    contested: bool = False  #: only incidents with a contested field
    min_sources: int = 0  #: at least this many independent sources


def matches(incident: Incident, f: IncidentFilter) -> bool:
    """Whether ``incident`` passes every filter of ``f``."""
    if f.since and (incident.date is None or (incident.date.start or "") < f.since):
        return False
    if f.until and (incident.date is None or (incident.date.start or "") > f.until):
        return False
    if f.category and incident.category != f.category.upper():
        return False
    if f.contested and not incident.contested:
        return False
    if incident.independent_sources < f.min_sources:
        return False
    if f.actor and f.actor not in incident.actors and f.actor not in incident.recipients:
        return False
    if f.status and not getattr(incident.status, f.status, 0):
        return False
    return not f.place or _place_matches(incident, f.place)


def _place_matches(incident: Incident, wanted: str) -> bool:
    if incident.place is None:
        return False
    needle = ascii_fold(wanted)
    return any(needle in ascii_fold(v) for v in (incident.place.name, incident.place.admin1 or "") if v)


def query_incidents(store: Store, f: IncidentFilter) -> list[Incident]:
    """Stored incidents passing ``f``, by first day then id."""
    found = store.incidents(since=f.since, until=f.until, category=f.category.upper() if f.category else None,
                            contested=f.contested, min_sources=f.min_sources)
    return [i for i in found if matches(i, f)]
