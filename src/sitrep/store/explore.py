"""Read queries behind ``sitrep serve`` (the REST API and the web UI): keyset-paginated lists
with filters, full-text search, aggregates for the overview, an actor's profile and the map.

A mixin of :class:`sitrep.store.Store`, so the store stays the one place with SQL. The
lookup tables these queries read (``document_index``, ``event_index``, ``event_actors``,
``actor_stats``; ``actor_documents`` and the day and place columns of migration 0008) and the
FTS5 indexes are kept in sync by triggers (migrations 0006 and 0008), so a
database written by any sitrep version after it is always queryable. Lists are ordered by a
unique key and paginated by keyset (``after`` = the last key of the previous page), never
by offset: page N costs what page 1 costs. Search results are ranked, so they page by
offset, capped at :data:`MAX_SEARCH_OFFSET`.

SQLite-specific parts (FTS5 ``MATCH``, ``snippet()``, ``json_each``) stay in this module.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, ParamSpec, TypeVar

from ..errors import StoreError
from ..records import Actor, Event, Framing, Quote

if TYPE_CHECKING:  # pragma: no cover
    from ..records import Record

P = ParamSpec("P")
T = TypeVar("T")
R = TypeVar("R", bound="Record")

#: search pages by offset (ranked results); deeper pages than this are refused
MAX_SEARCH_OFFSET = 1000
#: the largest page any list returns
MAX_LIMIT = 500
#: search ranks (BM25) at most this many matches of a query per kind, the ones stored last
#: (all of them below it): a word in every document costs what a word in 5,000 costs
SEARCH_CANDIDATES = 5000

#: FTS5 snippet() markers around a matching term (control characters: never in stored text)
MARK_START, MARK_END = "\x02", "\x03"

#: PLOVER's categories run from cooperation to conflict (docs: "ordered by intensity");
#: the first seven cooperate, REQUEST is neither, the last eight are conflict
COOPERATION = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
CONFLICT = frozenset({"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})

Tone = Literal["cooperation", "conflict", "neutral"]


def tone(category: str) -> Tone:
    """Whether a PLOVER category is cooperation, conflict or neither (REQUEST).

    >>> tone("AID"), tone("ASSAULT"), tone("REQUEST")
    ('cooperation', 'conflict', 'neutral')
    """
    if category in COOPERATION:
        return "cooperation"
    return "conflict" if category in CONFLICT else "neutral"


def _explained(method: Callable[P, T]) -> Callable[P, T]:
    """SQLite errors leave as :class:`StoreError` with the store's explanation."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return method(*args, **kwargs)
        except sqlite3.Error as exc:
            from .sqlite import explain

            raise StoreError(explain(exc, getattr(args[0], "path", "the database"))) from exc

    return wrapper


def in_chunks(values: Sequence[str], size: int = 500) -> Iterator[tuple[list[str], str]]:
    """``values`` without repeats, in chunks of at most ``size``, each with its ``?, ?, ...``
    marks for an ``IN (...)`` clause (SQLite caps the parameters of one statement)."""
    unique = list(dict.fromkeys(values))
    for i in range(0, len(unique), size):
        chunk = unique[i:i + size]
        yield chunk, ", ".join("?" for _ in chunk)


def fts_query(text: str) -> str | None:
    """A user's words as a safe FTS5 query: every word a quoted term, all required (AND); a
    trailing ``*`` keeps prefix search. None when nothing searchable is left.

    >>> fts_query('assad "regime')
    '"assad" "regime"'
    >>> fts_query('hosp*  -')
    '"hosp"*'
    """
    terms = []
    for raw in text.split():
        prefix = raw.endswith("*")
        word = re.sub(r"[^\w'-]+", " ", raw, flags=re.UNICODE).strip(" -'")
        for part in word.split():
            terms.append('"' + part.replace('"', '""') + '"')
        if prefix and terms and word:
            terms[-1] += "*"
    return " ".join(terms) if terms else None


@dataclass(slots=True, kw_only=True)
class DocumentFilter:
    """Filters on the document list (each ``None`` is no filter). Days are ISO ``YYYY-MM-DD``."""

    outlet: str | None = None
    status: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    actor: str | None = None


@dataclass(slots=True, kw_only=True)
class EventFilter:
    """Filters on the event list and the map. ``bbox`` is (west, south, east, north) in degrees;
    ``place`` matches the event place's name (case-insensitive, whole name)."""

    category: str | None = None
    status: str | None = None
    actor: str | None = None
    outlet: str | None = None
    document: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    place: str | None = None
    located: bool = False


@dataclass(slots=True)
class DocumentRow:
    """A document in a list: its metadata, outlet and day, no body."""

    id: str
    title: str | None
    publisher: str | None
    published: str | None
    outlet: str
    day: str
    status: str
    language: str | None
    url: str | None
    source_path: str | None


@dataclass(slots=True)
class ActorRow:
    actor: Actor
    mentions: int


@dataclass(slots=True)
class SearchHit:
    """One full-text hit: what it is, where, and a snippet with the matches between markers."""

    kind: Literal["document", "title", "quote"]
    document: str
    id: str
    title: str | None
    outlet: str
    snippet: str
    rank: float


@dataclass(slots=True)
class Count:
    key: str
    count: int


@dataclass(slots=True)
class Edge:
    """Events from ``source`` to ``target`` of one tone (cooperation, conflict, neutral)."""

    source: str
    target: str
    tone: Tone
    count: int


@dataclass(slots=True)
class PlacePoint:
    """Place mentions aggregated at one point: how often, in how many documents."""

    name: str
    lat: float
    lon: float
    country: str | None
    level: int | None
    mentions: int
    documents: int


@dataclass(slots=True)
class Overview:
    counts: dict[str, int]
    events_by_month: list[Count]
    documents_by_month: list[Count]
    top_actors: list[ActorRow]
    outlets: list[tuple[str, int, int]]  # (outlet, documents, events)
    categories: list[Count]


@dataclass(slots=True)
class ActorProfile:
    actor: Actor
    mentions: int
    documents: int
    by_month: list[Count] = field(default_factory=list)
    by_outlet: list[Count] = field(default_factory=list)


def _between(column: str, date_from: str | None, date_to: str | None, clauses: list[str], params: list[Any]) -> None:
    if date_from:
        clauses.append(f"{column} >= ?")
        params.append(date_from)
    if date_to:
        clauses.append(f"{column} <> '' AND {column} <= ?")
        params.append(date_to)


#: an event with the filtered actor in both roles has two ``event_actors`` rows: the list takes
#: its 'actor' row, or its 'recipient' row when it has no 'actor' row
_ONE_ROLE = ("(a.role = 'actor' OR NOT EXISTS (SELECT 1 FROM event_actors b WHERE b.event = a.event "
             "AND b.actor = a.actor AND b.role = 'actor'))")


def _event_where(f: EventFilter, key: str = "x") -> tuple[list[str], list[Any]]:
    """The filters as SQL on ``event_index x`` (and on ``event_actors a`` when ``f.actor`` is
    set: the list then reads that actor's rows, which carry the event's day, newest first).
    ``key`` is the table whose ``day`` orders and bounds the list."""
    clauses: list[str] = []
    params: list[Any] = []
    for column, value in (("x.category", f.category), ("x.status", f.status), ("x.outlet", f.outlet),
                          ("x.document", f.document)):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    _between(f"{key}.day", f.date_from, f.date_to, clauses, params)
    if f.actor is not None:
        clauses += ["a.actor = ?", _ONE_ROLE]
        params.append(f.actor)
    if f.bbox is not None:
        west, south, east, north = f.bbox
        clauses.append("x.lat BETWEEN ? AND ?")
        params += [south, north]
        if west <= east:
            clauses.append("x.lon BETWEEN ? AND ?")
            params += [west, east]
        else:  # a box across the antimeridian
            clauses.append("(x.lon >= ? OR x.lon <= ?)")
            params += [west, east]
    if f.located:
        clauses.append("x.lat IS NOT NULL AND x.lon IS NOT NULL")
    if f.place is not None:
        clauses.append("x.place = ? COLLATE NOCASE")
        params.append(f.place)
    return clauses, params


def _event_source(f: EventFilter) -> tuple[str, str]:
    """``(FROM clause, key table)`` of an event list: an actor's rows of ``event_actors``
    (ordered by their day) when the list is filtered by actor, else ``event_index``."""
    if f.actor is not None:
        return "event_actors a JOIN event_index x ON x.event = a.event", "a"
    return "event_index x", "x"


class ExploreQueries:
    """Queries for exploring the record (mixed into :class:`sitrep.store.Store`)."""

    conn: sqlite3.Connection
    path: str

    if TYPE_CHECKING:  # pragma: no cover  (provided by Store)
        @staticmethod
        def _from_row(cls: type[R], row: sqlite3.Row) -> R: ...

    @_explained
    def tune_for_reading(self) -> None:
        """Settings for a long-lived reader: a larger page cache and memory-mapped reads."""
        self.conn.execute("PRAGMA cache_size = -32000")
        self.conn.execute("PRAGMA mmap_size = 1073741824")

    # --- documents ------------------------------------------------------------------------
    @_explained
    def document_page(self, f: DocumentFilter, *, after: tuple[str, str] | None = None,
                      limit: int = 50) -> list[DocumentRow]:
        """Documents newest first (by day, then id): ``limit`` after the key ``(day, id)``."""
        clauses: list[str] = []
        params: list[Any] = []
        # filtered by actor: that actor's rows of actor_documents (with the day), newest first
        source, key = (("actor_documents a JOIN document_index x ON x.document = a.document", "a")
                       if f.actor is not None else ("document_index x", "x"))
        for column, value in (("x.outlet", f.outlet), ("d.status", f.status), ("a.actor", f.actor)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        _between(f"{key}.day", f.date_from, f.date_to, clauses, params)
        if after is not None:
            clauses.append(f"({key}.day, {key}.document) < (?, ?)")
            params += list(after)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        sql = (
            "SELECT d.id, d.title, d.publisher, d.published, x.outlet, x.day, d.status, d.language, d.url, "
            f"d.source_path FROM {source} JOIN documents d ON d.id = x.document {where} "
            f"ORDER BY {key}.day DESC, {key}.document DESC LIMIT ?"
        )
        rows = self.conn.execute(sql, [*params, min(limit, MAX_LIMIT)])
        return [DocumentRow(*tuple(r)) for r in rows]

    @_explained
    def document_outlet_day(self, doc_id: str) -> tuple[str, str] | None:
        row = self.conn.execute("SELECT outlet, day FROM document_index WHERE document = ?", (doc_id,)).fetchone()
        return (row["outlet"], row["day"]) if row else None

    @_explained
    def outlets_of(self, ids: Sequence[str]) -> dict[str, str]:
        """Document id -> outlet (``Document.outlet``) from the index, without reading any text."""
        out: dict[str, str] = {}
        for chunk, marks in in_chunks(ids):
            for row in self.conn.execute(f"SELECT document, outlet FROM document_index WHERE document IN ({marks})",
                                         chunk):
                out[row["document"]] = row["outlet"]
        return out

    # --- events ---------------------------------------------------------------------------
    @_explained
    def event_page(self, f: EventFilter, *, after: tuple[str, str] | None = None,
                   limit: int = 50) -> list[tuple[Event, str, str]]:
        """Events by day (the event's own date, else its report's), newest first, then id:
        ``(event, outlet, day)``, ``limit`` of them after the key ``(day, id)``."""
        return [(self._from_row(Event, r), r["outlet_"], r["day_"]) for r in self._event_rows(f, after, limit)]

    @_explained
    def event_page_exported(self, f: EventFilter, *, after: tuple[str, str] | None = None,
                            limit: int = 50) -> list[tuple[dict[str, Any], str, str]]:
        """:meth:`event_page` with each event as ``Event.to_export()`` gives it, made from the
        stored row without rebuilding the record when the row has the current shape
        (``sitrep.store.explore_rows``): what the API's event list sends."""
        from .explore_rows import export_row

        rows = self._event_rows(f, after, limit)
        if not rows:
            return []
        keys = frozenset(rows[0].keys())
        rebuild = functools.partial(self._from_row, Event)
        return [(export_row(Event, r, keys, rebuild), r["outlet_"], r["day_"]) for r in rows]

    def _event_rows(self, f: EventFilter, after: tuple[str, str] | None, limit: int) -> list[sqlite3.Row]:
        source, key = _event_source(f)
        clauses, params = _event_where(f, key)
        if after is not None:
            clauses.append(f"({key}.day, {key}.event) < (?, ?)")
            params += list(after)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        sql = (f"SELECT e.*, x.outlet AS outlet_, x.day AS day_ FROM {source} JOIN events e ON e.id = x.event "
               f"{where} ORDER BY {key}.day DESC, {key}.event DESC LIMIT ?")
        return self.conn.execute(sql, [*params, min(limit, MAX_LIMIT)]).fetchall()

    @_explained
    def event_key(self, event_id: str) -> tuple[str, str] | None:
        """The keyset key ``(day, id)`` of an event (the cursor after it)."""
        row = self.conn.execute("SELECT day, event FROM event_index WHERE event = ?", (event_id,)).fetchone()
        return (row["day"], row["event"]) if row else None

    @_explained
    def get_event(self, event_id: str) -> Event | None:
        row = self.conn.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
        return self._from_row(Event, row) if row else None

    @_explained
    def event_points(self, f: EventFilter, *, limit: int = 5000) -> list[tuple[Event, str, str]]:
        """Located events for the map, newest first: ``(event, outlet, day)``."""
        f = dataclasses.replace(f, located=True)
        source, key = _event_source(f)
        clauses, params = _event_where(f, key)
        sql = (f"SELECT e.*, x.outlet AS outlet_, x.day AS day_ FROM {source} JOIN events e ON e.id = x.event "
               f"WHERE {' AND '.join(clauses)} ORDER BY {key}.day DESC, {key}.event DESC LIMIT ?")
        return [(self._from_row(Event, r), r["outlet_"], r["day_"])
                for r in self.conn.execute(sql, [*params, min(limit, 50_000)])]

    @_explained
    def event_edges(self, actor: str, *, limit: int = 60) -> list[Edge]:
        """Who acts on whom around ``actor``: every (actor → recipient, tone) pair of the events
        it takes part in, with counts, largest first."""
        sql = (
            "SELECT a.actor AS source, r.actor AS target, e.category AS category, COUNT(*) AS n "
            "FROM event_actors me JOIN event_actors a ON a.event = me.event AND a.role = 'actor' "
            "JOIN event_actors r ON r.event = me.event AND r.role = 'recipient' "
            "JOIN events e ON e.id = me.event "
            "WHERE me.actor = ? AND a.actor <> r.actor "
            "GROUP BY a.actor, r.actor, e.category"
        )
        merged: dict[tuple[str, str, Tone], int] = {}
        for row in self.conn.execute(sql, (actor,)):
            key = (row["source"], row["target"], tone(row["category"]))
            merged[key] = merged.get(key, 0) + row["n"]
        edges = [Edge(s, t, k, n) for (s, t, k), n in merged.items()]
        edges.sort(key=lambda e: (-e.count, e.source, e.target, e.tone))
        return edges[:limit]

    # --- actors ---------------------------------------------------------------------------
    @_explained
    def actor_page(self, *, kind: str | None = None, name: str | None = None, provisional: bool | None = None,
                   after: tuple[int, str] | None = None, limit: int = 50) -> list[ActorRow]:
        """Mentioned actors, most mentioned first (then id); ``name`` matches part of the name or id."""
        clauses = ["s.mentions > 0"]
        params: list[Any] = []
        if kind is not None:
            clauses.append("a.kind = ?")
            params.append(kind)
        if provisional is not None:
            clauses.append("a.provisional = ?")
            params.append(int(provisional))
        if name:
            clauses.append("(a.name LIKE ? ESCAPE '\\' OR a.id LIKE ? ESCAPE '\\')")
            pattern = "%" + re.sub(r"([%_\\])", r"\\\1", name) + "%"
            params += [pattern, pattern]
        if after is not None:
            clauses.append("(s.mentions < ? OR (s.mentions = ? AND a.id > ?))")
            params += [after[0], after[0], after[1]]
        sql = (f"SELECT a.*, s.mentions AS mentions_ FROM actor_stats s JOIN actors a ON a.id = s.actor "
               f"WHERE {' AND '.join(clauses)} ORDER BY s.mentions DESC, a.id LIMIT ?")
        return [ActorRow(self._from_row(Actor, r), r["mentions_"])
                for r in self.conn.execute(sql, [*params, min(limit, MAX_LIMIT)])]

    @_explained
    def get_actor(self, actor_id: str) -> Actor | None:
        row = self.conn.execute("SELECT * FROM actors WHERE id = ?", (actor_id,)).fetchone()
        return self._from_row(Actor, row) if row else None

    @_explained
    def actor_profile(self, actor_id: str) -> ActorProfile | None:
        """An actor with its mentions over time (by month of the report) and per outlet."""
        actor = self.get_actor(actor_id)
        if actor is None:
            return None
        total = self.conn.execute("SELECT COUNT(*), COUNT(DISTINCT document) FROM mentions WHERE actor = ?",
                                  (actor_id,)).fetchone()
        by_month = [Count(r[0], r[1]) for r in self.conn.execute(
            "SELECT substr(x.day, 1, 7) AS month, COUNT(*) FROM mentions m JOIN document_index x "
            "ON x.document = m.document WHERE m.actor = ? AND x.day <> '' GROUP BY month ORDER BY month",
            (actor_id,))]
        by_outlet = [Count(r[0], r[1]) for r in self.conn.execute(
            "SELECT x.outlet, COUNT(*) AS n FROM mentions m JOIN document_index x ON x.document = m.document "
            "WHERE m.actor = ? GROUP BY x.outlet ORDER BY n DESC, x.outlet", (actor_id,))]
        return ActorProfile(actor, total[0], total[1], by_month, by_outlet)

    @_explained
    def actor_framings(self, actor_id: str, *, limit: int = 5000) -> list[Framing]:
        """How documents frame ``actor_id`` (newest reports first, at most ``limit``)."""
        rows = self.conn.execute(
            "SELECT f.* FROM framings f JOIN document_index x ON x.document = f.document WHERE f.actor = ? "
            "ORDER BY x.day DESC, f.document LIMIT ?", (actor_id, limit))
        return [self._from_row(Framing, r) for r in rows]

    @_explained
    def framings_sample(self, *, limit: int = 20000) -> list[Framing]:
        """Framings of the newest reports (all of them on a corpus smaller than ``limit``)."""
        rows = self.conn.execute(
            "SELECT f.* FROM framings f JOIN document_index x ON x.document = f.document "
            "ORDER BY x.day DESC, f.document, f.actor LIMIT ?", (limit,))
        return [self._from_row(Framing, r) for r in rows]

    # --- quotes ---------------------------------------------------------------------------
    @_explained
    def quote_page(self, *, speaker: str | None = None, document: str | None = None, outlet: str | None = None,
                   kind: str | None = None, after: str | None = None, limit: int = 50) -> list[tuple[Quote, str]]:
        """Quotes (``(quote, outlet)``) ordered by id, after the id ``after``. Each filter reads
        one index range in id order (a speaker's quotes, an outlet's: migration 0009)."""
        clauses: list[str] = []
        params: list[Any] = []
        # by outlet: that outlet's rows of quote_index, in id order; else the quotes in id order
        source, key = (("quote_index x JOIN quotes q ON q.id = x.quote", "x.quote") if outlet is not None else
                       ("quotes q JOIN document_index x ON x.document = q.document", "q.id"))
        for column, value in (("q.speaker", speaker), ("q.document", document), ("x.outlet", outlet), ("q.kind", kind)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        if after is not None:
            clauses.append(f"{key} > ?")
            params.append(after)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        sql = f"SELECT q.*, x.outlet AS outlet_ FROM {source} {where} ORDER BY {key} LIMIT ?"
        return [(self._from_row(Quote, r), r["outlet_"]) for r in self.conn.execute(sql, [*params, min(limit, MAX_LIMIT)])]

    @_explained
    def get_quote(self, quote_id: str) -> Quote | None:
        row = self.conn.execute("SELECT * FROM quotes WHERE id = ?", (quote_id,)).fetchone()
        return self._from_row(Quote, row) if row else None

    # --- places ---------------------------------------------------------------------------
    @_explained
    def place_points(self, *, bbox: tuple[float, float, float, float] | None = None, country: str | None = None,
                     limit: int = 2000) -> list[PlacePoint]:
        """Located place mentions grouped by point, most mentioned first."""
        clauses = ["lat IS NOT NULL", "lon IS NOT NULL"]
        params: list[Any] = []
        if bbox is not None:
            west, south, east, north = bbox
            clauses.append("lat BETWEEN ? AND ?")
            params += [south, north]
            clauses.append("lon BETWEEN ? AND ?" if west <= east else "(lon >= ? OR lon <= ?)")
            params += [west, east]
        if country is not None:
            clauses.append("country = ?")
            params.append(country)
        sql = ("SELECT name, lat, lon, MAX(country), MAX(level), COUNT(*) AS n, COUNT(DISTINCT document) "
               f"FROM places WHERE {' AND '.join(clauses)} GROUP BY name, lat, lon ORDER BY n DESC, name LIMIT ?")
        return [PlacePoint(*tuple(r)) for r in self.conn.execute(sql, [*params, min(limit, 50_000)])]

    @_explained
    def place_countries(self, *, limit: int = 12) -> list[Count]:
        """Countries (ISO alpha-2) of located place mentions, most mentioned first."""
        rows = self.conn.execute(
            "SELECT country, COUNT(*) AS n FROM places WHERE country IS NOT NULL AND lat IS NOT NULL "
            "GROUP BY country ORDER BY n DESC, country LIMIT ?", (limit,))
        return [Count(r[0], r[1]) for r in rows]

    # --- search ---------------------------------------------------------------------------
    @_explained
    def optimize_search(self) -> None:
        """Merge each full-text index into one segment (FTS5 ``optimize``). Documents added one
        by one leave an index of many segments, and every query reads a word's list of matches
        from each of them; merged, a search reads it once. A write: for a writable database."""
        with self.conn:
            for table in ("documents_fts", "quotes_fts"):
                self.conn.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")

    def _ranked(self, table: str, score: str, query: str, limit: int, offset: int) -> list[tuple[int, float]]:
        """``(rowid, score)`` of one page of the best matches of ``query`` in ``table``, among
        the :data:`SEARCH_CANDIDATES` matches stored last (all of them when there are fewer)."""
        sql = (f"SELECT rowid, r FROM (SELECT rowid, {score} AS r FROM {table} WHERE {table} MATCH ? "
               "ORDER BY rowid DESC LIMIT ?) ORDER BY r, rowid DESC LIMIT ? OFFSET ?")
        return [(int(r[0]), float(r[1])) for r in self.conn.execute(sql, (query, SEARCH_CANDIDATES, limit, offset))]

    @_explained
    def search(self, text: str, *, kinds: Sequence[str] = ("document", "quote"), limit: int = 20,
               offset: int = 0) -> list[SearchHit]:
        """Full-text search over document titles and bodies and quote texts, best first (BM25;
        a title match weighs five times a body match). Each kind returns up to ``limit`` hits.

        Ranked among the :data:`SEARCH_CANDIDATES` matches stored last: a query matching fewer
        is ranked over all its matches; a word in nearly every document (where BM25 tells
        little apart) gets the best of the most recently stored matches, so its cost does not
        grow with the corpus. The page is ranked first and snippets are made for its hits only,
        in one query bounded to their row ids."""
        query = fts_query(text)
        if query is None:
            return []
        limit, offset = min(limit, MAX_LIMIT), min(max(offset, 0), MAX_SEARCH_OFFSET)
        hits: list[SearchHit] = []
        if "document" in kinds:
            ranked = self._ranked("documents_fts", "bm25(documents_fts, 5.0, 1.0)", query, limit, offset)
            rows = self._snippets(
                "SELECT documents_fts.rowid AS rid, d.id AS id, d.id AS document, d.title, x.outlet, "
                f"snippet(documents_fts, -1, '{MARK_START}', '{MARK_END}', ' … ', 24) AS snip FROM documents_fts "
                "JOIN documents d ON d.rowid = documents_fts.rowid JOIN document_index x ON x.document = d.id "
                "WHERE documents_fts MATCH ?", "documents_fts", query, ranked)
            hits += [SearchHit("document", r["document"], r["id"], r["title"], r["outlet"], r["snip"], rank)
                     for r, rank in rows]
        if "quote" in kinds:
            ranked = self._ranked("quotes_fts", "bm25(quotes_fts)", query, limit, offset)
            rows = self._snippets(
                "SELECT quotes_fts.rowid AS rid, q.id AS id, q.document AS document, d.title, x.outlet, "
                f"snippet(quotes_fts, 0, '{MARK_START}', '{MARK_END}', ' … ', 32) AS snip FROM quotes_fts "
                "JOIN quotes q ON q.rowid = quotes_fts.rowid JOIN documents d ON d.id = q.document "
                "JOIN document_index x ON x.document = q.document WHERE quotes_fts MATCH ?", "quotes_fts", query, ranked)
            hits += [SearchHit("quote", r["document"], r["id"], r["title"], r["outlet"], r["snip"], rank)
                     for r, rank in rows]
        return hits

    def _snippets(self, sql: str, table: str, query: str,
                  ranked: list[tuple[int, float]]) -> list[tuple[sqlite3.Row, float]]:
        """The rows of ``sql`` (which selects ``rid``) for the ranked row ids, in rank order."""
        if not ranked:
            return []
        ids = [rowid for rowid, _ in ranked]
        marks = ", ".join("?" for _ in ids)
        # FTS5 reads the matches between the page's lowest and highest row id (at most the
        # candidates); given the ids as `rowid IN`, it would look each up in a prefix query's
        # whole list of matches, so the unary + leaves that test to SQLite
        found = {r["rid"]: r for r in self.conn.execute(
            f"{sql} AND {table}.rowid BETWEEN ? AND ? AND +{table}.rowid IN ({marks})",
            (query, min(ids), max(ids), *ids))}
        return [(found[rowid], rank) for rowid, rank in ranked if rowid in found]

    # --- overview -------------------------------------------------------------------------
    @_explained
    def overview(self, *, top: int = 15) -> Overview:
        """Counts, documents and events per month, top actors, outlets and event categories."""
        counts: dict[str, int] = {}
        for name, sql in (("documents", "SELECT COUNT(*) FROM documents"),
                          ("analyzed", "SELECT COUNT(*) FROM documents WHERE status = 'analyzed'"),
                          ("events", "SELECT COUNT(*) FROM event_index"),
                          ("actors", "SELECT COUNT(*) FROM actor_stats WHERE mentions > 0"),
                          ("quotes", "SELECT COUNT(*) FROM quotes"),
                          ("places", "SELECT COUNT(*) FROM places"),
                          ("outlets", "SELECT COUNT(DISTINCT outlet) FROM document_index")):
            counts[name] = int(self.conn.execute(sql).fetchone()[0])
        events_by_month = [Count(r[0], r[1]) for r in self.conn.execute(
            "SELECT substr(day, 1, 7) AS m, COUNT(*) FROM event_index WHERE day <> '' GROUP BY m ORDER BY m")]
        documents_by_month = [Count(r[0], r[1]) for r in self.conn.execute(
            "SELECT substr(day, 1, 7) AS m, COUNT(*) FROM document_index WHERE day <> '' GROUP BY m ORDER BY m")]
        events_per_outlet = {r[0]: r[1] for r in self.conn.execute(
            "SELECT outlet, COUNT(*) FROM event_index GROUP BY outlet")}
        outlets = [(r[0], r[1], events_per_outlet.get(r[0], 0)) for r in self.conn.execute(
            "SELECT outlet, COUNT(*) AS n FROM document_index GROUP BY outlet ORDER BY n DESC, outlet")]
        categories = [Count(r[0], r[1]) for r in self.conn.execute(
            "SELECT category, COUNT(*) AS n FROM event_index GROUP BY category ORDER BY n DESC, category")]
        return Overview(counts, events_by_month, documents_by_month, self.actor_page(limit=top), outlets, categories)

    @_explained
    def outlet_names(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT DISTINCT outlet FROM document_index ORDER BY outlet")]
