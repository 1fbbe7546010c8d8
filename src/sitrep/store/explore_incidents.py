"""Read queries on the incident layer behind ``sitrep serve``: keyset pages of incidents with
filters, located incidents for the map, and the events of an incident.

A mixin of :class:`sitrep.store.Store` (the store stays the one place with SQL), next to
``explore``. The incident tables are written by the incident layer (``sitrep.incidents``,
migration 0005); this module only reads them. Filters that SQLite can answer from the
stored record are applied here; matching a place name the way ``sitrep incidents --place``
does (accent-folded, name or province) is left to ``sitrep.incidents.query.matches``,
which the caller applies on each page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from ..incidents.records import Incident
from ..records import Event
from .explore import MAX_LIMIT, _explained, in_chunks

if TYPE_CHECKING:  # pragma: no cover
    import sqlite3

    from ..records import Record

R = TypeVar("R", bound="Record")

@dataclass(slots=True, kw_only=True)
class IncidentQuery:
    """What the store narrows incidents by (each ``None``/``False``/0 is no filter). Days are
    ISO and compare with the incident's first day; ``bbox`` is (west, south, east, north)."""

    since: str | None = None
    until: str | None = None
    category: str | None = None
    actor: str | None = None
    status: str | None = None
    contested: bool = False
    min_sources: int = 0
    bbox: tuple[float, float, float, float] | None = None
    located: bool = False


#: the incident's day as the list orders it: its first day, undated ones last ('' sorts first
#: and the list runs newest first)
_DAY = "COALESCE(date_start, '')"
_STATUSES = ("asserted", "reported", "denied")


class Dialect(Protocol):
    """The SQL fragment the backend writes for a number inside a JSON column."""

    def json_real(self, expr: str, *keys: str) -> str: ...


def _incident_where(q: IncidentQuery, dialect: Dialect) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if q.since:
        clauses.append("date_start >= ?")
        params.append(q.since)
    if q.until:
        clauses.append("date_start <= ?")
        params.append(q.until)
    if q.category:
        clauses.append("category = ?")
        params.append(q.category)
    if q.contested:
        clauses.append("n_contested > 0")
    if q.min_sources:
        clauses.append("independent_sources >= ?")
        params.append(q.min_sources)
    if q.actor:
        clauses.append("(EXISTS (SELECT 1 FROM json_each(actors) WHERE value = ?) "
                       "OR EXISTS (SELECT 1 FROM json_each(recipients) WHERE value = ?))")
        params += [q.actor, q.actor]
    if q.status in _STATUSES:
        clauses.append(f"json_extract(status, '$.{q.status}') > 0")
    if q.located or q.bbox is not None:
        clauses += _located(q.bbox, dialect, params)
    return clauses, params


def _located(bbox: tuple[float, float, float, float] | None, dialect: Dialect, params: list[Any]) -> list[str]:
    """Clauses keeping incidents with a point (the place's, else the point of the place it lies
    in, ``IncidentPlace.within``) inside ``bbox`` when one is given; appends their parameters."""
    lat = f"COALESCE({dialect.json_real('place', 'lat')}, {dialect.json_real('place', 'within', 'lat')})"
    lon = f"COALESCE({dialect.json_real('place', 'lon')}, {dialect.json_real('place', 'within', 'lon')})"
    clauses = [f"{lat} IS NOT NULL AND {lon} IS NOT NULL"]
    if bbox is None:
        return clauses
    west, south, east, north = bbox
    clauses.append(f"{lat} BETWEEN ? AND ?")
    params += [south, north]
    if west <= east:
        clauses.append(f"{lon} BETWEEN ? AND ?")
    else:  # a box across the antimeridian
        clauses.append(f"({lon} >= ? OR {lon} <= ?)")
    params += [west, east]
    return clauses


class IncidentQueries:
    """Incident queries for exploring the record (mixed into :class:`sitrep.store.Store`)."""

    conn: sqlite3.Connection
    path: str
    backend: Dialect

    if TYPE_CHECKING:  # pragma: no cover  (provided by Store)
        @staticmethod
        def _from_row(cls: type[R], row: sqlite3.Row) -> R: ...

        @property
        def has_incidents(self) -> bool: ...

    @_explained
    def incident_page(self, q: IncidentQuery, *, after: tuple[str, str] | None = None,
                      limit: int = 50) -> list[Incident]:
        """Incidents newest first (by first day, undated last, then id): ``limit`` after the
        key ``(day, id)`` (see :func:`incident_key`)."""
        if not self.has_incidents:
            return []
        clauses, params = _incident_where(q, self.backend)
        if after is not None:
            clauses.append(f"({_DAY}, id) < (?, ?)")
            params += list(after)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        sql = f"SELECT * FROM incidents {where} ORDER BY {_DAY} DESC, id DESC LIMIT ?"
        return [self._from_row(Incident, r) for r in self.conn.execute(sql, [*params, min(limit, MAX_LIMIT)])]

    @_explained
    def incident_by_id(self, incident_id: str) -> Incident | None:
        if not self.has_incidents:
            return None
        row = self.conn.execute("SELECT * FROM incidents WHERE id = ?", (incident_id,)).fetchone()
        return self._from_row(Incident, row) if row else None

    @_explained
    def incidents_of_events(self, events: Sequence[str]) -> dict[str, str]:
        """Event id -> the incident it belongs to, for those of ``events`` that belong to one."""
        if not self.has_incidents:
            return {}
        out: dict[str, str] = {}
        for chunk, marks in in_chunks(events):
            for row in self.conn.execute(f"SELECT event, incident FROM incident_members WHERE event IN ({marks})",
                                         chunk):
                out[row["event"]] = row["incident"]
        return out

    @_explained
    def incident_counts_by_month(self) -> list[tuple[str, int]]:
        """(YYYY-MM, incidents whose first day falls in it), oldest first."""
        if not self.has_incidents:
            return []
        rows = self.conn.execute(
            "SELECT substr(date_start, 1, 7) AS month, COUNT(*) FROM incidents WHERE date_start IS NOT NULL "
            "GROUP BY month ORDER BY month")
        return [(r[0], r[1]) for r in rows]

    @_explained
    def events_by_id(self, ids: Sequence[str]) -> dict[str, tuple[Event, str, str]]:
        """``{event id: (event, outlet, day)}`` for these ids (missing ones left out)."""
        out: dict[str, tuple[Event, str, str]] = {}
        for chunk, marks in in_chunks(ids):
            sql = ("SELECT e.*, x.outlet AS outlet_, x.day AS day_ FROM events e JOIN event_index x "
                   f"ON x.event = e.id WHERE e.id IN ({marks})")
            for row in self.conn.execute(sql, chunk):
                out[row["id"]] = (self._from_row(Event, row), row["outlet_"], row["day_"])
        return out


def incident_key(incident: Incident) -> tuple[str, str]:
    """The keyset key of an incident in :meth:`IncidentQueries.incident_page` (the cursor after it)."""
    return (incident.date.start or "" if incident.date else "", incident.id)


__all__ = ["IncidentQueries", "IncidentQuery", "incident_key"]
