"""The store: the one layer that owns SQL. SQLite by default (one file, WAL mode while open).

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
import os
import re
import sqlite3
import time
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, Literal, ParamSpec, TypeVar
from urllib.parse import quote

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
from .explore import ExploreQueries
from .explore_incidents import IncidentQueries

log = logging.getLogger(__name__)

R = TypeVar("R", bound=Record)
P = ParamSpec("P")
T = TypeVar("T")

#: how long a writer waits for another process's transaction before giving up (seconds)
BUSY_TIMEOUT = 30.0


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

_ORDER: dict[type[Record], str] = {
    Document: "ingested_at, source_path, id",
    Actor: "name, id",
    Framing: "document, actor",
    Sentence: 'document, "index"',
    Event: "document, json_extract(evidence, '$.start'), id",
    Incident: "date_start, id",
}
#: record types read with a field derived from another table (``Record.DERIVED``)
_SELECT: dict[type[Record], str] = {
    Event: "SELECT events.*, (SELECT incident FROM incident_members WHERE incident_members.event = events.id) "
           "AS incident FROM events",
}
_DEFAULT_ORDER = 'document, start, "end"'

AddResult = Literal["added", "duplicate", "version"]


def quote_ident(name: str) -> str:
    """Quote an SQL identifier (table or column) safely."""
    return '"' + name.replace('"', '""') + '"'


def sqlite_uri(path: str | Path, mode: str) -> str:
    """A ``file:`` URI for ``path`` with every special character (``#``, ``?``, ``%``, space) escaped.

    >>> sqlite_uri("/data/w#x?.db", "ro")
    'file:/data/w%23x%3F.db?mode=ro'
    """
    absolute = Path(os.path.abspath(path)).as_posix()
    return f"file:{quote(absolute, safe='/')}?mode={mode}"


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


def _encode(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, Record):
        return json.dumps(value.to_dict(), ensure_ascii=False)
    if isinstance(value, (list, tuple, dict)) or (dataclasses.is_dataclass(value) and not isinstance(value, type)):
        return json.dumps(plain(value), ensure_ascii=False)
    return value


Decoder = Callable[[Any], Any]


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


def _actor_key(actor: Actor) -> tuple[str, ...]:
    """An order for two descriptions of one actor id (everything but the aliases)."""
    return (actor.name.casefold(), actor.name, actor.kind, actor.country or "", actor.sector or "",
            actor.wikidata or "", str(int(actor.provisional)))


def _migrations() -> list[tuple[int, str, str]]:
    folder = resources.files("sitrep.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:4].isdigit():
            found.append((int(name[:4]), name, entry.read_text(encoding="utf-8")))
    numbers = [n for n, _, _ in found]
    if len(set(numbers)) != len(numbers):
        raise StoreError(f"Two migrations share a number in sitrep/store/migrations: {sorted(n for _, n, _ in found)}.")
    return sorted(found)


def latest_schema_version() -> int:
    """The schema version the newest migration of this sitrep gives a database."""
    return max(n for n, _, _ in _migrations())


def _statements(script: str) -> Iterator[str]:
    """The statements of an SQL script, one at a time (so they can run inside one transaction)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        if not buffer and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer.strip()
            buffer = ""
    if buffer.strip():
        yield buffer.strip()


def _explain(exc: sqlite3.Error, path: str) -> str:
    """One sentence that says what went wrong with the database and what to do."""
    text = str(exc).lower()
    name = getattr(exc, "sqlite_errorname", "") or ""
    if "readonly" in text or "read-only" in text or name.startswith("SQLITE_READONLY"):
        return (f"{path} is read-only (the file or its folder cannot be written); give the file and its "
                f"folder write access, or copy the database somewhere writable.")
    if name.startswith(("SQLITE_FULL", "SQLITE_IOERR")) or "disk is full" in text or "disk i/o" in text:
        return (f"could not write to {path} ({exc}): the disk is probably full or a file-size limit was "
                f"reached; free some space and run the command again (work already saved is kept).")
    if "locked" in text or "busy" in text:
        return (f"{path} is busy: another sitrep process kept it locked for more than {BUSY_TIMEOUT:.0f} s; "
                f"run the command again when that process has finished.")
    if "not a database" in text or "no such table" in text or name == "SQLITE_CORRUPT":
        return f"{path} is not a sitrep database ({exc}); give another --db path."
    if "unable to open" in text:
        return f"cannot open the database {path} ({exc}); check that its folder exists and is readable."
    return f"database error on {path}: {exc}"


def _store_errors(method: Callable[P, T]) -> Callable[P, T]:
    """Turn SQLite errors raised inside a ``Store`` method into a ``StoreError`` that explains them."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return method(*args, **kwargs)
        except sqlite3.Error as exc:
            store = args[0]
            raise StoreError(_explain(exc, getattr(store, "path", "the database"))) from exc

    return wrapper


def _check_writable(path: Path) -> None:
    """Fail early, with a clear message, when a database cannot be created or written."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise StoreError(f"cannot create the database {path}: the folder {folder} does not exist; create it first.")
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file; give a file path with --db.")
    writable = os.access(path, os.W_OK) if path.exists() else True
    if not writable or not os.access(folder, os.W_OK | os.X_OK):
        what = "the file" if not writable else f"its folder {folder}"
        raise StoreError(
            f"{path} is read-only ({what} cannot be written); give write access, or copy the database "
            f"somewhere writable. Read-only commands (status, export, report, events ...) still work."
        )


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection; on a read-only folder holding a WAL database, an immutable one."""
    if not path.is_file():
        raise StoreError(f"No database at {str(path)!r}; create one with `sitrep ingest` or `sitrep run`.")
    conn = sqlite3.connect(sqlite_uri(path, "ro"), uri=True, timeout=BUSY_TIMEOUT, isolation_level=None)
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.OperationalError:
        # a WAL-mode database whose -shm file cannot be created (read-only folder): nobody can be
        # writing to it, so reading it as immutable is safe
        conn.close()
        if os.access(path.parent, os.W_OK):
            raise
        conn = sqlite3.connect(sqlite_uri(path, "ro") + "&immutable=1", uri=True, isolation_level=None)
    return conn


def _enter_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL mode. Changing the journal mode needs a moment alone with the file and
    SQLite reports a clash with another process opening it at once without waiting, so
    retry for up to ``BUSY_TIMEOUT`` seconds."""
    deadline = time.monotonic() + BUSY_TIMEOUT
    delay = 0.01
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.2)


class Store(ExploreQueries, IncidentQueries):
    """A sitrep database. Use as a context manager or call ``close()``.

    ``readonly=True`` opens without writing anything (no migration, no journal files).
    """

    def __init__(self, path: str | Path = "sitrep.db", *, readonly: bool = False) -> None:
        self.path = str(path)
        self.readonly = readonly
        target = Path(self.path)
        try:
            if readonly:
                self.conn = _connect_readonly(target)
            else:
                _check_writable(target)
                self.conn = sqlite3.connect(
                    sqlite_uri(target, "rwc"), uri=True, timeout=BUSY_TIMEOUT, isolation_level=None
                )
                _enter_wal(self.conn)
                self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys=ON")
            self._incident_tables: bool | None = None
        except sqlite3.Error as exc:
            raise StoreError(_explain(exc, self.path)) from exc
        if readonly:
            self._check_version()
            if self.schema_version == 0:
                self.conn.close()
                raise StoreError(f"{self.path} is empty, not a sitrep database; create one with `sitrep ingest`.")
        else:
            self.migrate()

    # --- lifecycle ------------------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close; a writer puts the file back in rollback-journal mode when it is the last user."""
        if not self.readonly:
            try:
                self.conn.execute("PRAGMA busy_timeout = 0")
                self.conn.execute("PRAGMA journal_mode=DELETE")
            except sqlite3.Error:  # another connection is open: it stays in WAL mode, which is fine
                log.debug("%s stays in WAL mode: another connection is open", self.path)
        self.conn.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (``BEGIN IMMEDIATE``) so that concurrent writers queue."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            if self.conn.in_transaction:  # SQLite may already have rolled back (disk full, I/O error)
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    @property
    @_store_errors
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _check_version(self) -> None:
        latest = max(n for n, _, _ in _migrations())
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
        for number, name, sql in _migrations():
            if number <= self.schema_version:
                continue
            try:
                with self._transaction() as conn:
                    if int(conn.execute("PRAGMA user_version").fetchone()[0]) >= number:
                        continue  # another process applied it meanwhile
                    for statement in _statements(sql):
                        conn.execute(statement)
                    conn.execute(f"PRAGMA user_version = {int(number)}")
            except sqlite3.Error as exc:
                raise StoreError(f"Migration {name} failed on {self.path}: {_explain(exc, self.path)}") from exc
            applied.append(name)
        return applied

    # --- generic record I/O ---------------------------------------------------------------
    def _insert(self, record: Record, *, replace: bool = False, extra: dict[str, Any] | None = None,
                on_conflict_ignore: bool = False) -> int:
        """Insert one record; returns the number of rows written (0 when ignored as a duplicate)."""
        table = TABLES[type(record)]
        row = {f.name: _encode(getattr(record, f.name)) for f in dataclasses.fields(record)  # type: ignore[arg-type]
               if f.name not in record.DERIVED}
        row.update(extra or {})
        cols = ", ".join(quote_ident(c) for c in row)
        marks = ", ".join("?" for _ in row)
        verb = "INSERT OR REPLACE" if replace else "INSERT"
        tail = " ON CONFLICT DO NOTHING" if on_conflict_ignore else ""
        cursor = self.conn.execute(f"{verb} INTO {quote_ident(table)} ({cols}) VALUES ({marks}){tail}", list(row.values()))
        return cursor.rowcount

    @staticmethod
    def _from_row(cls: type[R], row: sqlite3.Row) -> R:
        keys = set(row.keys())
        data: dict[str, Any] = {}
        for name, decode in _decoders(cls):
            if name in keys:
                value = row[name]
                data[name] = decode(value) if decode is not None and value is not None else value
        return from_plain(cls, data)  # type: ignore[no-any-return]

    def _select(self, cls: type[R], where: str = "", params: Sequence[Any] = ()) -> list[R]:
        sql = _SELECT[cls] if cls in _SELECT and self.has_incidents else f"SELECT * FROM {quote_ident(TABLES[cls])}"
        if where:
            sql += f" WHERE {where}"
        sql += " ORDER BY " + _ORDER.get(cls, _DEFAULT_ORDER)
        return [self._from_row(cls, row) for row in self.conn.execute(sql, list(params))]

    @_store_errors
    def records(self, cls: type[R], *, document: str | None = None) -> list[R]:
        """All stored records of type ``cls`` (optionally of one document), in document order."""
        if document is None:
            return self._select(cls)
        return self._select(cls, "document = ?", (document,))

    def iter_table(self, cls: type[R]) -> Iterator[R]:
        yield from self.records(cls)

    # --- incidents (issue 11) ---------------------------------------------------------------
    @property
    def has_incidents(self) -> bool:
        """True when the schema holds the incident tables (a read-only older database may not)."""
        if self._incident_tables is None:
            row = self.conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'incident_members'").fetchone()
            self._incident_tables = row is not None
        return self._incident_tables

    def _in(self, ids: Iterable[str], query: str, *, repeat: int = 1) -> Iterator[sqlite3.Row]:
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
    def linked_documents(self) -> dict[str, tuple[str, str | None]]:
        """Document id -> (linker version, pipeline version) of every report the incident layer linked."""
        rows = self.conn.execute("SELECT document, linker_version, pipeline_version FROM incident_linked")
        return {r["document"]: (r["linker_version"], r["pipeline_version"]) for r in rows}

    @_store_errors
    def documents_near(self, first: str, last: str) -> list[str]:
        """Analysed documents published between two ISO days (inclusive), undated ones, and
        those with an event dated in that span: every report a mention of those days can
        be compared with."""
        rows = self.conn.execute(
            "SELECT id FROM documents WHERE status = 'analyzed' AND (published IS NULL "
            "OR substr(published, 1, 10) BETWEEN ? AND ? OR id IN (SELECT document FROM events "
            "WHERE substr(json_extract(date, '$.value'), 1, 10) BETWEEN ? AND ?)) ORDER BY id",
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
            clauses.append("(EXISTS (SELECT 1 FROM json_each(actors) WHERE value = ?) "
                           "OR EXISTS (SELECT 1 FROM json_each(recipients) WHERE value = ?))")
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
        rows = self.conn.execute("SELECT id FROM actors WHERE id = ? COLLATE NOCASE", (text,)).fetchall()
        return str(rows[0]["id"]) if len(rows) == 1 else None

    @_store_errors
    def actor_names(self) -> dict[str, str]:
        """``{actor id: name}`` for every stored actor."""
        return {r["id"]: r["name"] for r in self.conn.execute("SELECT id, name FROM actors")}

    @_store_errors
    def has_document(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    # --- documents ------------------------------------------------------------------------
    @_store_errors
    def add_document(self, document: Document) -> AddResult:
        """Store a newly ingested document. Returns 'added', 'duplicate' or 'version'.

        Check and insert happen in one immediate transaction, so two processes adding the
        same text at once store it once (the second sees a duplicate).
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
    def documents(self, *, status: str | None = None) -> list[Document]:
        if status:
            return self._select(Document, "status = ?", (status,))
        return self._select(Document)

    @_store_errors
    def pending(self, pipeline_version: str) -> list[str]:
        """Ids of documents not yet analyzed by this pipeline version (failed ones are retried
        only when the pipeline changes)."""
        rows = self.conn.execute(
            "SELECT id FROM documents WHERE status IN ('ingested', 'analyzed', 'failed') "
            "AND (pipeline_version IS NULL OR pipeline_version != ?) ORDER BY ingested_at, id",
            (pipeline_version,),
        )
        return [r["id"] for r in rows]

    def _upsert_actor(self, actor: Actor) -> None:
        """Insert or merge an actor so that the stored record does not depend on the order
        documents came in: ``aliases`` accumulate the surface forms every document used
        (sorted), and when two documents describe one id differently (a provisional actor
        named "al Nusra" in one, "Al-Nusra" in another) the smaller description is kept."""
        row = self.conn.execute("SELECT * FROM actors WHERE id = ?", (actor.id,)).fetchone()
        if row is not None:
            stored = self._from_row(Actor, row)
            aliases = sorted({*stored.aliases, *actor.aliases}, key=lambda a: (a.casefold(), a))
            actor = min(actor, stored, key=_actor_key)
            actor = dataclasses.replace(actor, aliases=aliases)
        else:
            actor = dataclasses.replace(actor, aliases=sorted(set(actor.aliases), key=lambda a: (a.casefold(), a)))
        self._insert(actor, replace=True)

    @_store_errors
    def save_analysis(self, analysis: Analysis, pipeline_version: str) -> None:
        """Replace one document's analysis records atomically and mark it analyzed."""
        doc_id = analysis.document.id
        with self._transaction() as conn:
            for table_field, cls in ANALYSIS_TABLES.items():
                conn.execute(f"DELETE FROM {quote_ident(TABLES[cls])} WHERE document = ?", (doc_id,))
                for record in getattr(analysis, table_field):
                    self._insert(record)
            for actor in analysis.actors:
                self._upsert_actor(actor)
            conn.execute(
                "UPDATE documents SET status = 'analyzed', reason = NULL, pipeline_version = ?, analyzed_at = ? WHERE id = ?",
                (pipeline_version, _now(), doc_id),
            )

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
