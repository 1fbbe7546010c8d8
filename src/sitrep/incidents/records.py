"""The incident record: one real-world event across every report that tells it.

Exported as type ``incident`` (docs/export-format.md). Plain dataclasses, built by
``build.build_incident`` from linked mentions; nothing here does I/O.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import ClassVar, Literal

from ..records import Record

MemberRole = Literal["news", "background", "denial"]
ContestedField = Literal["casualties", "blame", "occurred", "victims", "place", "date"]


@dataclass(slots=True)
class PlaceWithin(Record):
    """The resolved place an incident place the gazetteer could not resolve lies in (the place the
    reports agree on, ``place_rollup.anchor``): its own name, level, point and division."""

    name: str
    level: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    geonames_id: int | None = None


@dataclass(slots=True)
class IncidentPlace(PlaceWithin):
    """The finest place the reports agree on (the fields of :class:`PlaceWithin`; ``level`` as
    PLOVER: 5 sub-city, 4 city, 3 district, 2 province, 1 country). A place the gazetteer could not
    resolve keeps null coordinates; ``within`` then names the resolved place it lies in, when the
    reports agree on one."""

    within: PlaceWithin | None = None

    def point(self) -> tuple[float, float, bool] | None:
        """(lat, lon, own): the place's point, else the point of the place it lies in (own False)."""
        if self.lat is not None and self.lon is not None:
            return self.lat, self.lon, True
        w = self.within
        if w is not None and w.lat is not None and w.lon is not None:
            return w.lat, w.lon, False
        return None


@dataclass(slots=True)
class IncidentDate(Record):
    """When it happened: first and last day (ISO) and how precise that is."""

    start: str | None
    end: str | None
    precision: str  #: day (a day the reports state), days (a span), reported (publication dates only)


@dataclass(slots=True)
class StatusCounts(Record):
    """How many reports assert it in their own voice, report it as someone's claim, deny it."""

    asserted: int = 0
    reported: int = 0
    denied: int = 0


@dataclass(slots=True)
class CasualtyFigure(Record):
    """Victims of one kind across the reports: ACLED's most conservative figure as ``best``,
    the lowest and highest any report gives as ``low``/``high`` (UCDP-style)."""

    kind: str
    best: int
    low: int
    high: int
    sources: list[str] = field(default_factory=list)  #: who gave a figure (actor ids or outlets)


@dataclass(slots=True)
class Version(Record):
    """One version of a contested field, with the reports and outlets that give it."""

    value: str
    documents: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Contested(Record):
    """A field on which the reports give incompatible versions."""

    field: ContestedField
    versions: list[Version] = dataclasses.field(default_factory=list)


@dataclass(slots=True)
class ReportLink(Record):
    """How strongly the linker tied one report of an incident to the others (issue 11, branch
    link1): the best link score between a mention of this report and a mention of another report
    of the incident (``strength``: the report model's probability that the two reports share an
    incident times the mention model's score of the two mentions, the score the clustering ranks
    links by; for a denial attached to the incident, its attachment score, the same product), and
    that other report (``to``); ``linked``: every other report of the incident it has a link with
    (the others are tied to it only through a third report). Null and empty when the linker kept
    no link of this report to another."""

    document: str
    strength: float | None = None
    to: str | None = None
    linked: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Member(Record):
    """One event mention of an incident and how it belongs to it."""

    TYPE: ClassVar[str] = "incident_member"

    event: str
    incident: str
    document: str
    role: MemberRole


@dataclass(slots=True)
class Incident(Record):
    """One incident; see docs/export-format.md for every field."""

    TYPE: ClassVar[str] = "incident"

    id: str
    category: str
    mode: str | None = None
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    place: IncidentPlace | None = None
    date: IncidentDate | None = None
    events: list[str] = field(default_factory=list)
    historical: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    first_reported: str | None = None
    independent_sources: int = 0
    status: StatusCounts = field(default_factory=StatusCounts)
    casualties: list[CasualtyFigure] = field(default_factory=list)
    contested: list[Contested] = field(default_factory=list)
    confidence: float = 0.0
    links: list[ReportLink] = field(default_factory=list)  #: per report, its strongest tie (none for one report)
    weakest_link: float | None = None  #: the smallest ``links`` strength: the incident's weakest tie
