"""The store: the one layer that owns SQL. SQLite by default (one file, WAL mode while open),
or PostgreSQL (``postgresql://user@host/dbname``) for a team sharing one database.

The backends (``store/sqlite.py``, ``store/postgres.py``) hold what differs between
engines: connections, transactions, the schema version, a few SQL fragments, what an
error means; the queries here are written once for both.

The schema is created and upgraded by numbered migrations
(``store/migrations/NNNN_name.sql``), recorded in ``PRAGMA user_version``. Which
table holds which record type, and which columns a record has, are derived from
the records themselves (``sitrep.records`` and the fields of ``Analysis``), so a
new record field needs only its migration.

Every write is one ``BEGIN IMMEDIATE`` transaction: concurrent processes on one
database take turns (SQLite's busy time-out), a process killed at any moment
leaves a consistent database and the next run resumes. While a writer is open
the database is in WAL mode (readers in other processes go on reading); on
close it goes back to a rollback journal, so read-only commands create no
``-wal``/``-shm`` files and work on read-only files and folders. SQLite errors
leave this module as :class:`~sitrep.errors.StoreError` with a message that says
what to do (read-only file, full disk, locked, not a sitrep database).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
import re
import types
import typing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, Literal, ParamSpec, Protocol, TypeVar

from ..errors import StoreError
from ..incidents.records import Incident
from ..records import (
    Actor,
    Document,
    Event,
    Framing,
    Record,
    Sentence,
    Skip,
    from_plain,
    plain,
)
from ..stages.base import Analysis
from .explore import ExploreQueries, in_chunks
from .explore_incidents import IncidentQueries
from .postgres import is_postgres, redact, translate_ddl
from .sqlite import BUSY_TIMEOUT, SQLiteBackend, sqlite_uri

__all__ = [
    "ANALYSIS_TABLES", "BUSY_TIMEOUT", "TABLES", "AddResult", "EncodedAnalysis", "Store", "is_postgres", "latest_schema_version", "natural_key",
    "quote_ident", "redact", "sqlite_uri", "without_source",
]

log = logging.getLogger(__name__)

R = TypeVar("R", bound=Record)
P = ParamSpec("P")
T = TypeVar("T")

def _record_lists(cls: type[Any]) -> dict[str, type[Record]]:
    """``{field: record type}`` for every ``list[SomeRecord]`` field of a dataclass."""
    hints = typing.get_type_hints(cls, localns={"Doc": Any})
    out: dict[str, type[Record]] = {}
    for f in dataclasses.fields(cls):
        hint = hints[f.name]
        if typing.get_origin(hint) is list:
            (item,) = typing.get_args(hint)
            if isinstance(item, type) and issubclass(item, Record):
                out[f.name] = item
    return out


def _has_document_field(cls: type[Record]) -> bool:
    return any(f.name == "document" for f in dataclasses.fields(cls))  # type: ignore[arg-type]


#: Analysis field -> record type stored per document (each field is also the table's name)
ANALYSIS_TABLES: dict[str, type[Record]] = {
    name: cls for name, cls in _record_lists(Analysis).items() if _has_document_field(cls)
}
#: record type -> table: documents, then every record list an Analysis carries
TABLES: dict[type[Record], str] = {
    Document: "documents",
    **{cls: name for name, cls in _record_lists(Analysis).items()},
    Incident: "incidents",
}

#: ORDER BY per record type; ``{json_int(col, key)}`` is filled in by the backend's dialect
_ORDER: dict[type[Record], str] = {
    Document: "ingested_at, source_path, id",
    Actor: "name, id",
    Framing: "document, actor",
    Sentence: 'document, "index"',
    Event: "document, {json_int(evidence, start)}, id",
    # undated incidents first on both backends (PostgreSQL sorts NULL last), by the index of 0006
    Incident: "COALESCE(date_start, ''), id",
}
#: record types read with a field derived from another table (``Record.DERIVED``)
_SELECT: dict[type[Record], str] = {
    Event: "SELECT events.*, (SELECT incident FROM incident_members WHERE incident_members.event = events.id) "
           "AS incident FROM events",
}
_DEFAULT_ORDER = 'document, start, "end"'
_JSON_INT = re.compile(r"\{json_int\((\w+), (\w+)\)\}")

AddResult = Literal["added", "duplicate", "version"]


@dataclasses.dataclass(frozen=True, slots=True)
class EncodedAnalysis:
    """One document's analysis as the rows the store writes (:meth:`Store.encode_analysis`).

    Encoding (JSON columns, booleans) is pure: it can run where the analysis was made (a Dask
    worker) so that the single writer only executes statements (:meth:`Store.save_analyses`);
    rows of plain values also travel more cheaply than a graph of records.
    """

    document: str
    #: words in the document's text (for the run's summary)
    words: int
    #: ``(table, columns)`` -> one tuple of values per record
    rows: dict[tuple[str, tuple[str, ...]], list[tuple[Any, ...]]]
    #: merged into the stored actors when saved (``Store._upsert_actors``)
    actors: list[Actor]


def quote_ident(name: str) -> str:
    """Quote an SQL identifier (table or column) safely."""
    return '"' + name.replace('"', '""') + '"'


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that orders embedded numbers by value: ``row2`` before ``row10``."""
    return tuple((0, int(part)) if part.isdigit() else (1, part.casefold()) for part in re.split(r"(\d+)", text) if part)


def without_source(source: str, reason: str) -> str:
    """``reason`` without a leading ``"<source>: "`` (the listing already shows the source)."""
    for prefix in (source, source.split("#", 1)[0], Path(source.split("#", 1)[0]).name):
        if prefix and reason.startswith(prefix + ": "):
            return reason[len(prefix) + 2:]
    return reason


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


#: column values stored as they are: ``_encode``'s answer for these exact types (not ``bool``, a
#: subclass of ``int`` stored as 0 / 1), found with one type look-up before the slower checks
_AS_IS = frozenset({str, int, float, type(None)})


def _encode(value: Any) -> Any:
    if type(value) in _AS_IS:
        return value
    return _encode_value(value)


def _encode_value(value: Any) -> Any:
    """A Python value as a column value: JSON for records, containers and dataclasses, 0 / 1 for a
    bool, anything else as it is (``_encode`` without its fast path)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, Record):
        return json.dumps(value.to_dict(), ensure_ascii=False)
    if isinstance(value, (list, tuple, dict)) or (dataclasses.is_dataclass(value) and not isinstance(value, type)):
        return json.dumps(plain(value), ensure_ascii=False)
    return value


Decoder = Callable[[Any], Any]

#: the stored fields of each record type, in declaration order (``Store._row``)
_COLUMNS: dict[type, tuple[str, ...]] = {}


def _json_or_text(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    return value


def _decoder(hint: Any) -> Decoder | None:
    """How a column's stored value becomes the field's value (None: as stored)."""
    optional = typing.get_origin(hint) in (typing.Union, types.UnionType)
    args = [a for a in typing.get_args(hint) if a is not type(None)] if optional else [hint]
    inner = args[0] if len(args) == 1 else hint
    if inner is bool:
        return bool
    if typing.get_origin(inner) in (list, tuple, dict) or (isinstance(inner, type) and dataclasses.is_dataclass(inner)):
        return _json_or_text
    return None


_DECODERS: dict[type[Record], tuple[tuple[str, Decoder | None], ...]] = {}


def _decoders(cls: type[Record]) -> tuple[tuple[str, Decoder | None], ...]:
    """``(field, decoder)`` per field of a record type, derived once from its type hints."""
    if cls not in _DECODERS:
        hints = typing.get_type_hints(cls)
        _DECODERS[cls] = tuple((f.name, _decoder(hints[f.name])) for f in dataclasses.fields(cls))  # type: ignore[arg-type]
    return _DECODERS[cls]


DIALECTS = ("postgresql",)


def _migrations(dialect: str = "sqlite") -> list[tuple[int, str, str]]:
    """``(number, file name, SQL)`` of every migration, for one dialect.

    ``NNNN_name.sql`` is written for SQLite; on PostgreSQL it runs through
    :func:`~sitrep.store.postgres.translate_ddl` unless ``NNNN_name.postgresql.sql`` exists.
    """
    folder = resources.files("sitrep.store") / "migrations"
    base: dict[int, tuple[str, str]] = {}
    variants: dict[int, tuple[str, str]] = {}
    for entry in folder.iterdir():
        name = entry.name
        if not (name.endswith(".sql") and name[:4].isdigit()):
            continue
        stem = name[:-4]
        suffix = stem.rsplit(".", 1)[1] if "." in stem else None
        if suffix is not None and suffix not in DIALECTS:
            raise StoreError(f"Unknown dialect {suffix!r} in sitrep/store/migrations/{name} (known: {', '.join(DIALECTS)}).")
        if suffix is not None and suffix != dialect:
            continue
        target = base if suffix is None else variants
        number = int(name[:4])
        if number in target:
            raise StoreError(f"Two migrations share the number {number:04d} in sitrep/store/migrations: "
                             f"{target[number][0]}, {name}.")
        target[number] = (name, entry.read_text(encoding="utf-8"))
    if set(variants) - set(base):
        raise StoreError(f"A {dialect} migration variant without its base migration: {sorted(set(variants) - set(base))}.")
    found = []
    for number, (name, sql) in sorted(base.items()):
        if number in variants:
            found.append((number, *variants[number]))
        else:
            found.append((number, name, translate_ddl(sql) if dialect == "postgresql" else sql))
    return found


def latest_schema_version() -> int:
    """The schema version the newest migration of this sitrep gives a database."""
    return max(n for n, _, _ in _migrations())


class Backend(Protocol):
    """What the store needs from a database engine (``sqlite.SQLiteBackend``, ``postgres.PostgresBackend``)."""

    name: str
    path: str
    location: str
    readonly: bool
    conn: Any
    error_types: tuple[type[BaseException], ...]
    for_update: str

    def explain(self, exc: BaseException) -> str: ...
    def close(self) -> None: ...
    def own_files(self) -> set[str]: ...
    def transaction(self) -> AbstractContextManager[Any]: ...
    def pipeline(self) -> AbstractContextManager[Any]: ...
    def schema_version(self) -> int: ...
    def apply_migration(self, number: int, script: str) -> bool: ...
    def tables(self) -> list[str]: ...
    def columns(self, table: str) -> list[str]: ...
    def after_copy(self, table: str) -> None: ...
    def json_int(self, expr: str, key: str) -> str: ...
    def json_text(self, expr: str, key: str) -> str: ...
    def json_real(self, expr: str, *keys: str) -> str: ...
    def json_array_has(self, expr: str) -> str: ...
    def nocase_equals(self, expr: str) -> str: ...
    def claim(self, candidates: Sequence[str]) -> list[str]: ...
    def release(self, ids: Sequence[str]) -> None: ...
    def release_all(self) -> None: ...


def open_backend(location: str | Path, *, readonly: bool = False) -> Backend:
    """The backend for a ``--db`` value: a ``postgresql://`` URL, else an SQLite file path."""
    if is_postgres(str(location)):
        from .postgres import PostgresBackend

        return PostgresBackend(str(location), readonly=readonly)
    return SQLiteBackend(location, readonly=readonly)


def _store_errors(method: Callable[P, T]) -> Callable[P, T]:
    """Turn database errors raised inside a ``Store`` method into a ``StoreError`` that explains them."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        store = args[0]
        try:
            return method(*args, **kwargs)
        except StoreError:
            raise
        except Exception as exc:
            backend = getattr(store, "backend", None)
            if backend is None or not isinstance(exc, backend.error_types):
                raise
            raise StoreError(backend.explain(exc)) from exc

    return wrapper


def _actor_key(actor: Actor) -> tuple[str, ...]:
    """An order for two descriptions of one actor id (everything but the aliases)."""
    return (actor.name.casefold(), actor.name, actor.kind, actor.country or "", actor.sector or "",
            actor.wikidata or "", str(int(actor.provisional)))


class Store(ExploreQueries, IncidentQueries):
    """A sitrep database. Use as a context manager or call ``close()``.

    ``location`` is an SQLite file path or a ``postgresql://user@host/dbname`` URL; the API is
    the same on both. ``readonly=True`` opens without writing anything (no migration, no
    journal files).
    """

    def __init__(self, location: str | Path = "sitrep.db", *, readonly: bool = False) -> None:
        self.backend: Backend = open_backend(location, readonly=readonly)
        #: where the database is, for messages (a PostgreSQL URL without its password)
        self.path = self.backend.path
        #: what opens it again (the full URL): for worker processes
        self.location = self.backend.location
        self.readonly = readonly
        self.conn = self.backend.conn
        self._queue: tuple[str, deque[str]] | None = None
        self._cursor: tuple[str, str] | None = None
        self._rescanned = False
        self._incident_tables: bool | None = None
        if readonly:
            try:
                self._check_version()
                empty = self.schema_version == 0
            except BaseException:
                self.backend.close()
                raise
            if empty:
                self.backend.close()
                raise StoreError(f"{self.path} is empty, not a sitrep database; create one with `sitrep ingest`.")
        else:
            try:
                self.migrate()
            except BaseException:
                self.backend.close()
                raise

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.backend.name

    # --- lifecycle ------------------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close; an SQLite writer puts the file back in rollback-journal mode when it is the last user."""
        self.backend.close()

    def own_files(self) -> set[str]:
        """The database's own files (an SQLite file and its journals; none for PostgreSQL)."""
        return self.backend.own_files()

    def _transaction(self) -> AbstractContextManager[Any]:
        """One write transaction (on SQLite taken at once, ``BEGIN IMMEDIATE``, so that writers queue)."""
        return self.backend.transaction()

    @property
    @_store_errors
    def schema_version(self) -> int:
        return self.backend.schema_version()

    def _check_version(self) -> None:
        latest = max(n for n, _, _ in _migrations(self.dialect))
        if self.schema_version > latest:
            raise StoreError(
                f"{self.path} has schema version {self.schema_version}, newer than this sitrep "
                f"understands ({latest}); upgrade sitrep."
            )

    def migrate(self) -> list[str]:
        """Apply the migrations the database lacks, each in its own transaction.

        The version is re-read inside the transaction, so two processes opening a new
        database at the same moment apply each migration once.
        """
        self._check_version()
        applied = []
        for number, name, sql in _migrations(self.dialect):
            if number <= self.schema_version:
                continue
            try:
                if not self.backend.apply_migration(number, sql):
                    continue  # another process applied it meanwhile
            except self.backend.error_types as exc:
                raise StoreError(f"Migration {name} failed on {self.path}: {self.backend.explain(exc)}") from exc
            applied.append(name)
        return applied

    # --- generic record I/O ---------------------------------------------------------------
    @staticmethod
    def _row(record: Record, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        cls = type(record)
        names = _COLUMNS.get(cls)
        if names is None:  # a record type's stored fields, learned once (``dataclasses.fields`` is slow)
            names = _COLUMNS[cls] = tuple(f.name for f in dataclasses.fields(record)  # type: ignore[arg-type]
                                          if f.name not in record.DERIVED)
        row = {name: _encode(getattr(record, name)) for name in names}
        row.update(extra or {})
        return row

    @staticmethod
    def _insert_sql(table: str, columns: Sequence[str], *, replace: bool = False, ignore: bool = False) -> str:
        cols = ", ".join(quote_ident(c) for c in columns)
        marks = ", ".join("?" for _ in columns)
        verb = "INSERT OR REPLACE" if replace else "INSERT"
        tail = " ON CONFLICT DO NOTHING" if ignore else ""
        return f"{verb} INTO {quote_ident(table)} ({cols}) VALUES ({marks}){tail}"

    def _insert(self, record: Record, *, replace: bool = False, extra: dict[str, Any] | None = None,
                on_conflict_ignore: bool = False) -> int:
        """Insert one record; returns the number of rows written (0 when ignored as a duplicate)."""
        row = self._row(record, extra)
        sql = self._insert_sql(TABLES[type(record)], list(row), replace=replace, ignore=on_conflict_ignore)
        cursor = self.conn.execute(sql, list(row.values()))
        return int(cursor.rowcount)

    @staticmethod
    def _group_rows(records: Iterable[Record]) -> dict[tuple[str, tuple[str, ...]], list[tuple[Any, ...]]]:
        """Records as rows, grouped by ``(table, columns)`` (one insert statement per group)."""
        groups: dict[tuple[str, tuple[str, ...]], list[tuple[Any, ...]]] = {}
        for record in records:
            table = TABLES[type(record)]  # KeyError: not a record type the store keeps
            row = Store._row(record)
            groups.setdefault((table, tuple(row)), []).append(tuple(row.values()))
        return groups

    @staticmethod
    def _from_row(cls: type[R], row: Any) -> R:
        keys = set(row.keys())
        data: dict[str, Any] = {}
        for name, decode in _decoders(cls):
            if name in keys:
                value = row[name]
                data[name] = decode(value) if decode is not None and value is not None else value
        return from_plain(cls, data)  # type: ignore[no-any-return]

    def _order(self, cls: type[Record]) -> str:
        order = _ORDER.get(cls, _DEFAULT_ORDER)
        return _JSON_INT.sub(lambda m: self.backend.json_int(m.group(1), m.group(2)), order)

    def _select(self, cls: type[R], where: str = "", params: Sequence[Any] = ()) -> list[R]:
        sql = _SELECT[cls] if cls in _SELECT and self.has_incidents else f"SELECT * FROM {quote_ident(TABLES[cls])}"
        if where:
            sql += f" WHERE {where}"
        sql += " ORDER BY " + self._order(cls)
        return [self._from_row(cls, row) for row in self.conn.execute(sql, list(params))]

    @_store_errors
    def records(self, cls: type[R], *, document: str | None = None) -> list[R]:
        """All stored records of type ``cls`` (optionally of one document), in document order."""
        if document is None:
            return self._select(cls)
        return self._select(cls, "document = ?", (document,))

    # --- incidents (issue 11) ---------------------------------------------------------------
    @property
    def has_incidents(self) -> bool:
        """True when the schema holds the incident tables (a read-only older database may not)."""
        if self._incident_tables is None:
            self._incident_tables = "incident_members" in self.backend.tables()
        return self._incident_tables

    def _in(self, ids: Iterable[str], query: str, *, repeat: int = 1) -> Iterator[Any]:
        """Rows of ``query`` (with one ``{marks}`` placeholder list, ``repeat`` times) over ``ids``
        in chunks SQLite accepts."""
        wanted = sorted(set(ids))
        for i in range(0, len(wanted), 400):
            chunk = wanted[i:i + 400]
            marks = ", ".join("?" for _ in chunk)
            yield from self.conn.execute(query.format(marks=marks), chunk * repeat)

    @_store_errors
    def records_for(self, cls: type[R], documents: Iterable[str]) -> list[R]:
        """Records of type ``cls`` of the given documents (any number of ids)."""
        out: list[R] = []
        wanted = sorted(set(documents))
        for i in range(0, len(wanted), 400):
            chunk = wanted[i:i + 400]
            out += self._select(cls, f"document IN ({', '.join('?' for _ in chunk)})", chunk)
        return out

    @_store_errors
    def documents_by_id(self, ids: Iterable[str]) -> list[Document]:
        out: list[Document] = []
        wanted = sorted(set(ids))
        for i in range(0, len(wanted), 400):
            chunk = wanted[i:i + 400]
            out += self._select(Document, f"id IN ({', '.join('?' for _ in chunk)})", chunk)
        return out

    @_store_errors
    def analyzed_versions(self) -> dict[str, str | None]:
        """Document id -> pipeline version, for every analysed document."""
        rows = self.conn.execute("SELECT id, pipeline_version FROM documents WHERE status = 'analyzed'")
        return {r["id"]: r["pipeline_version"] for r in rows}

    @_store_errors
    def record_pipeline(self, version: str, stages: Sequence[str], parts: Sequence[str]) -> None:
        """Note which stages pipeline ``version`` runs and their ``name@version`` ``parts`` (kept
        once: a version's stages never change), and which recorded pipelines cover which: a
        document analyzed by a pipeline whose parts include all of another's is not pending for
        that other one (:attr:`_PENDING`)."""
        mine = set(parts)
        with self._transaction() as conn:
            conn.execute("INSERT OR IGNORE INTO pipelines (version, stages, parts) VALUES (?, ?, ?)",
                         (version, json.dumps(list(stages)), json.dumps(list(parts))))
            covers = [(version, version)]
            for row in conn.execute("SELECT version, parts FROM pipelines WHERE version != ?", (version,)).fetchall():
                theirs = set(json.loads(row["parts"]))
                if mine <= theirs:
                    covers.append((version, row["version"]))
                if theirs <= mine:
                    covers.append((row["version"], version))
            conn.executemany("INSERT OR IGNORE INTO pipeline_covers (pipeline, covering) VALUES (?, ?)", covers)

    @_store_errors
    def document_stages(self) -> dict[str, tuple[str, ...] | None]:
        """Document id -> the stages that analyzed it, for every analysed document (None when its
        pipeline version was not recorded: analyzed before schema 12)."""
        rows = self.conn.execute("SELECT d.id AS id, p.stages AS stages FROM documents d "
                                 "LEFT JOIN pipelines p ON p.version = d.pipeline_version WHERE d.status = 'analyzed'")
        return {r["id"]: tuple(json.loads(r["stages"])) if r["stages"] else None for r in rows}

    @_store_errors
    def stages_of(self, doc_id: str) -> tuple[str, ...] | None:
        """The stages that analyzed document ``doc_id``; None when it is not analyzed or its
        pipeline version was not recorded (analyzed before schema 12)."""
        row = self.conn.execute("SELECT p.stages AS stages FROM documents d JOIN pipelines p "
                                "ON p.version = d.pipeline_version WHERE d.id = ? AND d.status = 'analyzed'",
                                (doc_id,)).fetchone()
        return tuple(json.loads(row["stages"])) if row else None

    @_store_errors
    def linked_documents(self) -> dict[str, tuple[str, str | None]]:
        """Document id -> (linker version, pipeline version) of every report the incident layer linked."""
        rows = self.conn.execute("SELECT document, linker_version, pipeline_version FROM incident_linked")
        return {r["document"]: (r["linker_version"], r["pipeline_version"]) for r in rows}

    @_store_errors
    def documents_near(self, first: str, last: str) -> list[str]:
        """Analysed documents published between two ISO days (inclusive), undated ones, and
        those with an event dated in that span: every report a mention of those days can
        be compared with."""
        event_day = self.backend.json_text('"date"', "value")
        rows = self.conn.execute(
            "SELECT id FROM documents WHERE status = 'analyzed' AND (published IS NULL "
            "OR substr(published, 1, 10) BETWEEN ? AND ? OR id IN (SELECT document FROM events "
            f"WHERE substr({event_day}, 1, 10) BETWEEN ? AND ?)) ORDER BY id",
            (first, last, first, last),
        )
        return [r["id"] for r in rows]

    @_store_errors
    def incident_ids(self) -> set[str]:
        return {r["id"] for r in self.conn.execute("SELECT id FROM incidents")}

    @_store_errors
    def incident_edges(self, events: Iterable[str]) -> list[tuple[str, str, float]]:
        """Stored links touching any of ``events``."""
        rows = self._in(events, "SELECT a, b, score FROM incident_edges WHERE a IN ({marks}) OR b IN ({marks})",
                        repeat=2)
        return sorted({(r["a"], r["b"], r["score"]) for r in rows})

    @_store_errors
    def incident_members(self, *, events: Iterable[str] | None = None, incidents: Iterable[str] | None = None,
                         documents: Iterable[str] | None = None) -> list[tuple[str, str, str, str]]:
        """``(event, incident, document, role)`` rows selected by any of the given keys (all rows without)."""
        select = "SELECT event, incident, document, role FROM incident_members"
        if events is None and incidents is None and documents is None:
            return [(r[0], r[1], r[2], r[3]) for r in self.conn.execute(select + " ORDER BY event")]
        found: set[tuple[str, str, str, str]] = set()
        for column, values in (("event", events), ("incident", incidents), ("document", documents)):
            if values is not None:
                rows = self._in(values, select + f" WHERE {column} IN ({{marks}})")
                found.update((r[0], r[1], r[2], r[3]) for r in rows)
        return sorted(found)

    @_store_errors
    def incident_attachments(self) -> dict[str, tuple[str, float]]:
        """Background mention or denial -> (its best news mention, score)."""
        rows = self.conn.execute("SELECT event, target, score FROM incident_attachments")
        return {r["event"]: (r["target"], r["score"]) for r in rows}

    @_store_errors
    def save_incident_state(self, change: Any) -> None:
        """Apply one incident update atomically (``sitrep.incidents.update.Change``): drop the
        replaced incidents, memberships, links and attachments, write the new ones, and
        record the reports now linked."""
        with self._transaction() as conn:
            if change.reset:
                for table in ("incidents", "incident_members", "incident_edges", "incident_attachments",
                              "incident_linked"):
                    conn.execute(f"DELETE FROM {quote_ident(table)}")
            self._delete_in("incidents", "id", change.drop_incidents)
            self._delete_in("incident_members", "event", change.drop_members)
            self._delete_in("incident_edges", "a", change.drop_edges)
            self._delete_in("incident_edges", "b", change.drop_edges)
            self._delete_in("incident_attachments", "event", change.drop_attachments)
            conn.executemany("INSERT OR REPLACE INTO incident_edges (a, b, score) VALUES (?, ?, ?)", change.edges)
            conn.executemany("INSERT OR REPLACE INTO incident_attachments (event, target, score) VALUES (?, ?, ?)",
                             change.attachments)
            for incident in change.incidents:
                self._insert(incident, replace=True, extra={
                    "date_start": incident.date.start if incident.date else None,
                    "n_documents": len(incident.documents), "n_contested": len(incident.contested)})
            conn.executemany(
                "INSERT OR REPLACE INTO incident_members (event, incident, document, role) VALUES (?, ?, ?, ?)",
                [(m.event, m.incident, m.document, m.role) for m in change.members])
            conn.executemany(
                "INSERT OR REPLACE INTO incident_linked (document, linker_version, pipeline_version) VALUES (?, ?, ?)",
                change.linked)

    def _delete_in(self, table: str, column: str, values: Iterable[str]) -> None:
        wanted = sorted(set(values))
        for i in range(0, len(wanted), 400):
            chunk = wanted[i:i + 400]
            marks = ", ".join("?" for _ in chunk)
            self.conn.execute(f"DELETE FROM {quote_ident(table)} WHERE {quote_ident(column)} IN ({marks})", chunk)

    @_store_errors
    def incidents(self, *, since: str | None = None, until: str | None = None, category: str | None = None,
                  contested: bool = False, min_sources: int = 0) -> list[Incident]:
        """Stored incidents, filtered on what the store indexes (the caller filters the rest)."""
        if not self.has_incidents:
            return []
        clauses: list[str] = []
        params: list[Any] = []
        for sql, value in (("date_start >= ?", since), ("date_start <= ?", until), ("category = ?", category)):
            if value:
                clauses.append(sql)
                params.append(value)
        if contested:
            clauses.append("n_contested > 0")
        if min_sources:
            clauses.append("independent_sources >= ?")
            params.append(min_sources)
        return self._select(Incident, " AND ".join(clauses), params)

    # --- queries the interfaces need --------------------------------------------------------
    @_store_errors
    def events(self, *, status: str | None = None, category: str | None = None,
               actor: str | None = None, document: str | None = None) -> list[Event]:
        """Events filtered by factual status, PLOVER category, actor (as actor or recipient), document."""
        clauses: list[str] = []
        params: list[Any] = []
        if status is not None:
            clauses.append("status = ?")
            params.append(status)
        if category is not None:
            clauses.append("category = ?")
            params.append(category)
        if actor is not None:
            clauses.append(f"({self.backend.json_array_has('actors')} OR {self.backend.json_array_has('recipients')})")
            params += [actor, actor]
        if document is not None:
            clauses.append("document = ?")
            params.append(document)
        return self._select(Event, " AND ".join(clauses), params)

    @_store_errors
    def has_actor(self, actor_id: str) -> bool:
        """Whether an actor with this id is stored (any document mentioned it)."""
        return self.conn.execute("SELECT 1 FROM actors WHERE id = ?", (actor_id,)).fetchone() is not None

    @_store_errors
    def actor_id(self, text: str) -> str | None:
        """The stored actor id ``text`` names: itself, else the one id equal to it ignoring case."""
        if self.has_actor(text):
            return text
        rows = self.conn.execute(f"SELECT id FROM actors WHERE {self.backend.nocase_equals('id')}", (text,)).fetchall()
        return str(rows[0]["id"]) if len(rows) == 1 else None

    @_store_errors
    def actor_names(self) -> dict[str, str]:
        """``{actor id: name}`` for every stored actor."""
        return {r["id"]: r["name"] for r in self.conn.execute("SELECT id, name FROM actors")}

    @_store_errors
    def known_urls(self, urls: Sequence[str]) -> set[str]:
        """Those of ``urls`` already seen: the URL of a stored document, or an input recorded as
        skipped (not an article, too large ...). One that failed (a time-out) is not "known"."""
        found: set[str] = set()
        for chunk, marks in in_chunks(urls):
            rows = self.conn.execute(
                f"SELECT url AS u FROM documents WHERE url IN ({marks}) "
                f"UNION SELECT source AS u FROM skips WHERE status = 'skipped' AND source IN ({marks})", chunk + chunk)
            found.update(r["u"] for r in rows)
        return found

    @_store_errors
    def has_document(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    # --- documents ------------------------------------------------------------------------
    @_store_errors
    def add_document(self, document: Document) -> AddResult:
        """Store a newly ingested document. Returns 'added', 'duplicate' or 'version'.

        Check and insert happen in one transaction and the content hash is a unique key, so
        two processes adding the same text at once store it once (the second sees a duplicate).
        """
        key = document.url or (document.source_path if document.source_path not in (None, "-") else None)
        with self._transaction() as conn:
            same = conn.execute("SELECT id FROM documents WHERE sha256 = ?", (document.sha256,)).fetchone()
            if same:
                self._note_source(document, same["id"])
                return "duplicate"
            result: AddResult = "added"
            if key:
                prev = conn.execute(
                    "SELECT id, version FROM documents WHERE (url = ? OR source_path = ?) ORDER BY version DESC LIMIT 1",
                    (key, key),
                ).fetchone()
                if prev:
                    document.previous, document.version = prev["id"], prev["version"] + 1
                    result = "version"
            if not self._insert(document, extra={"ingested_at": _now()}, on_conflict_ignore=True):
                return "duplicate"
            conn.execute("DELETE FROM skips WHERE source = ?", (document.source_path or document.url or "",))
            self._note_source(document, document.id)
        return result

    def _note_source(self, document: Document, doc_id: str) -> None:
        """Remember where a body came from, also when it duplicated a stored one (in the
        caller's transaction)."""
        source = document.source_path if document.source_path not in (None, "-") else document.url
        if source and self.has_incidents:
            self.conn.execute("INSERT OR IGNORE INTO document_sources (source, document) VALUES (?, ?)",
                              (source, doc_id))

    @_store_errors
    def document_sources(self) -> list[tuple[str, str]]:
        """``(source, document id)`` for every input source, duplicates included."""
        if not self.has_incidents:
            return []
        return [(r["source"], r["document"]) for r in
                self.conn.execute("SELECT source, document FROM document_sources ORDER BY source")]

    @_store_errors
    def add_skip(self, skip: Skip) -> None:
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO skips (source, status, reason, document, at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(source) DO UPDATE SET status=excluded.status, reason=excluded.reason, at=excluded.at",
                (skip.source, skip.status, skip.reason, skip.document, _now()),
            )

    @_store_errors
    def skips(self) -> list[Skip]:
        rows = self.conn.execute("SELECT source, status, reason, document FROM skips ORDER BY rowid_")
        return [Skip(r["source"], r["status"], r["reason"], r["document"]) for r in rows]

    @_store_errors
    def get_document(self, doc_id: str) -> Document | None:
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return self._from_row(Document, row) if row else None

    @_store_errors
    def get_documents(self, ids: Sequence[str]) -> list[Document]:
        """The stored documents among ``ids``, in the order given (unknown ids left out)."""
        found: dict[str, Document] = {}
        for chunk, marks in in_chunks(ids):
            for row in self.conn.execute(f"SELECT * FROM documents WHERE id IN ({marks})", chunk):
                found[row["id"]] = self._from_row(Document, row)
        return [found[i] for i in ids if i in found]

    @_store_errors
    def documents(self, *, status: str | None = None) -> list[Document]:
        if status:
            return self._select(Document, "status = ?", (status,))
        return self._select(Document)

    #: not analyzed by this pipeline version, nor analyzed by one that covers it (a full run's
    #: document holds a stage subset's records: ``record_pipeline``); two parameters, the version twice
    _PENDING = ("status IN ('ingested', 'analyzed', 'failed') "
                "AND (pipeline_version IS NULL OR (pipeline_version != ? AND NOT (status = 'analyzed' AND "
                "pipeline_version IN (SELECT covering FROM pipeline_covers WHERE pipeline = ?))))")

    @_store_errors
    def pending(self, pipeline_version: str) -> list[str]:
        """Ids of documents not yet analyzed by this pipeline version (failed ones are retried
        only when the pipeline changes)."""
        rows = self.conn.execute(
            f"SELECT id FROM documents WHERE {self._PENDING} ORDER BY ingested_at, id",
            (pipeline_version, pipeline_version))
        return [r["id"] for r in rows]

    @_store_errors
    def count_pending(self, pipeline_version: str) -> int:
        row = self.conn.execute(f"SELECT COUNT(*) AS n FROM documents WHERE {self._PENDING}",
                                (pipeline_version, pipeline_version))
        return int(row.fetchone()["n"])

    # --- claims: documents handed to this process for analysis ----------------------------
    @_store_errors
    def claim(self, pipeline_version: str, limit: int) -> list[str]:
        """Up to ``limit`` documents still to analyze with this pipeline version, taken for this
        process; ``[]`` when none is left. Release them with :meth:`release` once saved.

        SQLite: runs on one file take turns, so this hands out, in order, the documents that
        were pending at the first call. PostgreSQL: many processes and machines share the work;
        a document is claimed with a lock that no other process can take until it is released
        or this process dies (its connection closes), and it is checked to be still pending
        after the lock is taken, so no document is analyzed twice.
        """
        if self.dialect == "sqlite":
            if self._queue is None or self._queue[0] != pipeline_version:
                self._queue = (pipeline_version, deque(self.pending(pipeline_version)))
            queue = self._queue[1]
            return [queue.popleft() for _ in range(min(limit, len(queue)))]
        out: list[str] = []
        while len(out) < limit:
            window = self._pending_after(pipeline_version, limit - len(out))
            if not window:
                if self._cursor is None or self._rescanned:
                    break
                self._cursor, self._rescanned = None, True  # once more from the start: orphans
                continue
            got = self.backend.claim(window)
            still = set(self._still_pending(pipeline_version, got))
            self.backend.release([g for g in got if g not in still])
            out += [g for g in got if g in still]
        if out:
            self._rescanned = False
        return out

    def _pending_after(self, pipeline_version: str, n: int) -> list[str]:
        sql = f"SELECT id, ingested_at FROM documents WHERE {self._PENDING}"
        params: list[Any] = [pipeline_version, pipeline_version]
        if self._cursor is not None:
            sql += " AND (ingested_at > ? OR (ingested_at = ? AND id > ?))"
            params += [self._cursor[0], self._cursor[0], self._cursor[1]]
        rows = self.conn.execute(sql + " ORDER BY ingested_at, id LIMIT ?", params + [n]).fetchall()
        if rows:
            self._cursor = (rows[-1]["ingested_at"], rows[-1]["id"])
        return [r["id"] for r in rows]

    def _still_pending(self, pipeline_version: str, ids: Sequence[str]) -> list[str]:
        if not ids:
            return []
        marks = ", ".join("?" for _ in ids)
        rows = self.conn.execute(f"SELECT id FROM documents WHERE id IN ({marks}) AND {self._PENDING}",
                                 [*ids, pipeline_version, pipeline_version])
        return [r["id"] for r in rows]

    @_store_errors
    def release(self, ids: Sequence[str]) -> None:
        """Give claimed documents back (saved, failed, or not analyzed after all)."""
        self.backend.release(ids)

    @_store_errors
    def release_all(self) -> None:
        """End of a run: give back every claim and forget the run's place in the queue."""
        self.backend.release_all()
        self._queue, self._cursor, self._rescanned = None, None, False

    @_store_errors
    def pending_among(self, pipeline_version: str, ids: Sequence[str]) -> list[str]:
        """Those of ``ids`` still to analyze with this pipeline version (a retried batch skips the rest)."""
        out: list[str] = []
        for i in range(0, len(ids), 500):
            out += self._still_pending(pipeline_version, ids[i:i + 500])
        return out

    def _upsert_actors(self, actors: Sequence[Actor]) -> None:
        """Insert or merge actors so that the stored records do not depend on the order documents
        came in: ``aliases`` accumulate the surface forms every document used (sorted), and when
        two documents describe one id differently (a provisional actor named "al Nusra" in one,
        "Al-Nusra" in another) the smaller description is kept.

        Three statements whatever the number of actors: insert the missing ones, read them all
        locked (``FOR UPDATE`` on PostgreSQL, in id order: concurrent writers queue, never
        deadlock), update those the merge changed."""
        if not actors:
            return
        given: dict[str, Actor] = {}
        for actor in sorted(actors, key=lambda a: a.id):
            aliases = sorted({*actor.aliases, *(given[actor.id].aliases if actor.id in given else [])},
                             key=lambda a: (a.casefold(), a))
            kept = min(actor, given[actor.id], key=_actor_key) if actor.id in given else actor
            given[actor.id] = dataclasses.replace(kept, aliases=aliases)
        rows = [self._row(a) for a in given.values()]
        self.conn.executemany(self._insert_sql("actors", list(rows[0]), ignore=True), [list(r.values()) for r in rows])
        marks = ", ".join("?" for _ in given)
        stored = {r["id"]: self._from_row(Actor, r) for r in self.conn.execute(
            f"SELECT * FROM actors WHERE id IN ({marks}) ORDER BY id{self.backend.for_update}", list(given))}
        changed = []
        for actor_id, actor in given.items():
            old = stored[actor_id]
            aliases = sorted({*old.aliases, *actor.aliases}, key=lambda a: (a.casefold(), a))
            merged = dataclasses.replace(min(actor, old, key=_actor_key), aliases=aliases)
            if merged != old:
                changed.append(self._row(merged))
        if changed:
            columns = [c for c in changed[0] if c != "id"]
            sets = ", ".join(f"{quote_ident(c)} = ?" for c in columns)
            self.conn.executemany(f"UPDATE actors SET {sets} WHERE id = ?",
                                  [[r[c] for c in columns] + [r["id"]] for r in changed])

    @_store_errors
    def save_analysis(self, analysis: Analysis, pipeline_version: str) -> None:
        """Replace one document's analysis records atomically and mark it analyzed.

        The document's row is updated first, so on PostgreSQL it is locked for the whole
        transaction: two processes saving one document queue, never doubling its records.
        The statements go to the server together (PostgreSQL's pipeline mode): a few round
        trips per document, not one per table and actor.
        """
        self.save_analyses([self.encode_analysis(analysis)], pipeline_version)

    @staticmethod
    def encode_analysis(analysis: Analysis) -> EncodedAnalysis:
        """The rows :meth:`save_analyses` writes for ``analysis`` (pure: no connection needed)."""
        rows = Store._group_rows(record for table_field in ANALYSIS_TABLES
                                 for record in getattr(analysis, table_field))
        return EncodedAnalysis(analysis.document.id, len(analysis.document.text.split()), rows,
                               list(analysis.actors))

    @_store_errors
    def save_analyses(self, analyses: Sequence[EncodedAnalysis], pipeline_version: str) -> None:
        """Replace several documents' analysis records and mark them analyzed, in one transaction
        (all or none), with one statement per table for all of them: the single SQLite writer of a
        Dask run saves a batch this way. Documents are updated in id order, so two PostgreSQL
        writers saving overlapping sets lock them in the same order (they queue, never deadlock)."""
        if not analyses:
            return
        ids = sorted({a.document for a in analyses})
        rows: dict[tuple[str, tuple[str, ...]], list[tuple[Any, ...]]] = {}
        for analysis in analyses:
            for key, values in analysis.rows.items():
                rows.setdefault(key, []).extend(values)
        now = _now()
        with self._transaction() as conn:
            with self.backend.pipeline():
                conn.executemany(
                    "UPDATE documents SET status = 'analyzed', reason = NULL, pipeline_version = ?, analyzed_at = ? "
                    "WHERE id = ?", [(pipeline_version, now, doc_id) for doc_id in ids])
                for cls in ANALYSIS_TABLES.values():
                    for chunk, marks in in_chunks(ids):
                        conn.execute(f"DELETE FROM {quote_ident(TABLES[cls])} WHERE document IN ({marks})", chunk)
                for (table, columns), values in rows.items():
                    conn.executemany(self._insert_sql(table, columns), values)
            self._upsert_actors([actor for analysis in analyses for actor in analysis.actors])

    @_store_errors
    def mark_failed(self, doc_id: str, reason: str, pipeline_version: str) -> None:
        with self._transaction() as conn:
            conn.execute(
                "UPDATE documents SET status = 'failed', reason = ?, pipeline_version = ?, analyzed_at = ? WHERE id = ?",
                (reason, pipeline_version, _now(), doc_id),
            )

    # --- summaries ------------------------------------------------------------------------
    @_store_errors
    def status_counts(self) -> dict[str, int]:
        """Document counts by status and input counts: always the same keys, zeros included."""
        counts = {"documents": 0, "ingested": 0, "analyzed": 0, "skipped": 0, "failed": 0,
                  "inputs_skipped": 0, "inputs_failed": 0}
        for row in self.conn.execute("SELECT status, COUNT(*) AS n FROM documents GROUP BY status"):
            counts[row["status"]] += row["n"]
            counts["documents"] += row["n"]
        for row in self.conn.execute("SELECT status, COUNT(*) AS n FROM skips GROUP BY status"):
            counts[f"inputs_{row['status']}"] = row["n"]
        return counts

    @_store_errors
    def reasons(self) -> list[tuple[str, str, str]]:
        """``(status, source, reason)`` for every skipped or failed document and input, in natural
        order of source (``row2`` before ``row10``); the reason does not repeat the source."""
        out = [
            (r["status"], r["source_path"] or r["url"] or r["id"], r["reason"] or "")
            for r in self.conn.execute(
                "SELECT status, source_path, url, id, reason FROM documents WHERE status IN ('skipped', 'failed')"
            )
        ]
        out += [(s.status, s.source, s.reason) for s in self.skips()]
        out = [(status, source, without_source(source, reason)) for status, source, reason in out]
        return sorted(out, key=lambda r: (natural_key(r[1]), r[0]))

    @_store_errors
    def actor_counts(self, *, document: str | None = None) -> list[tuple[Actor, int, int]]:
        """``(actor, mentions, documents)`` for every actor mentioned, most mentioned first."""
        args: list[Any] = []
        sql = (
            "SELECT a.*, COUNT(*) AS n, COUNT(DISTINCT m.document) AS docs FROM mentions m "
            "JOIN actors a ON a.id = m.actor"
        )
        if document:
            sql += " WHERE m.document = ?"
            args.append(document)
        sql += " GROUP BY a.id ORDER BY n DESC, a.name"
        return [(self._from_row(Actor, r), r["n"], r["docs"]) for r in self.conn.execute(sql, args)]
