"""The store: the one layer that owns SQL. SQLite by default (one file, WAL mode).

The schema is created and upgraded by numbered migrations
(``store/migrations/NNNN_name.sql``), recorded in ``PRAGMA user_version``.
Every analyzed document is written in one transaction, so a process killed at
any moment leaves a consistent database and the next run resumes.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from ..errors import StoreError
from ..incidents.records import Incident
from ..records import (
    Actor,
    Document,
    Entity,
    Event,
    Framing,
    Mention,
    Place,
    Quote,
    Record,
    ScareQuote,
    Sentence,
    Skip,
    TimeExpr,
    from_plain,
)

R = TypeVar("R", bound=Record)

#: record type -> table
TABLES: dict[type[Record], str] = {
    Document: "documents",
    Sentence: "sentences",
    Entity: "entities",
    Actor: "actors",
    Mention: "mentions",
    TimeExpr: "times",
    Place: "places",
    Event: "events",
    Quote: "quotes",
    ScareQuote: "scare_quotes",
    Framing: "framings",
    Incident: "incidents",
}
#: Analysis field -> record type stored per document
ANALYSIS_TABLES: dict[str, type[Record]] = {
    "sentences": Sentence,
    "entities": Entity,
    "mentions": Mention,
    "times": TimeExpr,
    "places": Place,
    "events": Event,
    "quotes": Quote,
    "scare_quotes": ScareQuote,
    "framings": Framing,
}


_ORDER: dict[type[Record], str] = {
    Document: "ingested_at, source_path, id",
    Actor: "name, id",
    Framing: "document, actor",
    Sentence: 'document, "index"',
    Event: "events.document, json_extract(events.evidence, '$.start'), events.id",
    Incident: "date_start, id",
}


#: record types read with more than their own table (derived fields)
_SELECT: dict[type[Record], str] = {
    Event: "SELECT events.*, incident_members.incident AS incident FROM events "
           "LEFT JOIN incident_members ON incident_members.event = events.id",
}


def quote_ident(name: str) -> str:
    """Quote an SQL identifier (table or column) safely."""
    return '"' + name.replace('"', '""') + '"'


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _encode(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (list, tuple, dict)) or (dataclasses.is_dataclass(value) and not isinstance(value, type)):
        return json.dumps(Record.to_dict(value) if dataclasses.is_dataclass(value) else _plain_json(value), ensure_ascii=False)
    return value


def _plain_json(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain_json(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain_json(v) for k, v in value.items()}
    return value


def _migrations() -> list[tuple[int, str, str]]:
    folder = resources.files("sitrep.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:4].isdigit():
            found.append((int(name[:4]), name, entry.read_text(encoding="utf-8")))
    return sorted(found)


class Store:
    """A sitrep database. Use as a context manager or call ``close()``."""

    def __init__(self, path: str | Path = "sitrep.db", *, readonly: bool = False) -> None:
        self.path = str(path)
        if readonly:
            if not Path(self.path).exists():
                raise StoreError(f"No database at {self.path!r}; create one with `sitrep ingest` or `sitrep run`.")
            uri = f"file:{Path(self.path).resolve()}?mode=ro"
            self.conn = sqlite3.connect(uri, uri=True)
        else:
            self.conn = sqlite3.connect(self.path, timeout=30)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA foreign_keys=ON")
        self._incident_tables: bool | None = None
        if not readonly:
            self.migrate()
        else:
            self._check_version()

    # --- lifecycle ------------------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @property
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
        """Apply the migrations the database lacks, each in its own transaction."""
        self._check_version()
        applied = []
        for number, name, sql in _migrations():
            if number <= self.schema_version:
                continue
            try:
                self.conn.executescript(f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {number};\nCOMMIT;")
            except sqlite3.Error as exc:
                self.conn.rollback()
                raise StoreError(f"Migration {name} failed on {self.path}: {exc}") from exc
            applied.append(name)
        return applied

    # --- generic record I/O ---------------------------------------------------------------
    def _insert(self, record: Record, *, replace: bool = False, extra: dict[str, Any] | None = None) -> None:
        table = TABLES[type(record)]
        row = {f.name: _encode(getattr(record, f.name)) for f in dataclasses.fields(record)  # type: ignore[arg-type]
               if f.name not in record.DERIVED}
        row.update(extra or {})
        cols = ", ".join(quote_ident(c) for c in row)
        marks = ", ".join("?" for _ in row)
        verb = "INSERT OR REPLACE" if replace else "INSERT"
        self.conn.execute(f"{verb} INTO {quote_ident(table)} ({cols}) VALUES ({marks})", list(row.values()))

    @staticmethod
    def _from_row(cls: type[R], row: sqlite3.Row) -> R:
        data: dict[str, Any] = {}
        keys = row.keys()
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            if f.name not in keys:
                continue
            value = row[f.name]
            if isinstance(value, str) and value[:1] in "[{" and f.type not in ("str", "str | None"):
                try:
                    value = json.loads(value)
                except json.JSONDecodeError:
                    pass
            data[f.name] = value
        if cls is Actor:
            data["provisional"] = bool(data.get("provisional"))
        if cls is TimeExpr:
            data["fuzzy"] = bool(data.get("fuzzy"))
        if cls is Document:
            data["char_map"] = [tuple(a) for a in data.get("char_map") or []]
        return from_plain(cls, data)  # type: ignore[no-any-return]

    def records(self, cls: type[R], *, document: str | None = None, where: str = "", params: Sequence[Any] = ()) -> list[R]:
        """All stored records of type ``cls`` (optionally of one document), in document order."""
        table = quote_ident(TABLES[cls])
        clauses, args = [], list(params)
        if document is not None:
            clauses.append(f"{table}.document = ?")
            args.insert(0, document)
        if where:
            clauses.append(f"({where})")
        sql = _SELECT[cls] if cls in _SELECT and self._has_incidents() else f"SELECT * FROM {table}"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY " + _ORDER.get(cls, 'document, start, "end"')
        return [self._from_row(cls, row) for row in self.conn.execute(sql, args)]

    # --- documents ------------------------------------------------------------------------
    def add_document(self, document: Document) -> str:
        """Store a newly ingested document. Returns 'added', 'duplicate' or 'version'."""
        existing = self.conn.execute("SELECT id FROM documents WHERE sha256 = ?", (document.sha256,)).fetchone()
        if existing:
            self._note_source(document, existing["id"])
            return "duplicate"
        result = "added"
        key = document.url or (document.source_path if document.source_path not in (None, "-") else None)
        if key:
            prev = self.conn.execute(
                "SELECT id, version FROM documents WHERE (url = ? OR source_path = ?) ORDER BY version DESC LIMIT 1",
                (key, key),
            ).fetchone()
            if prev:
                document.previous, document.version = prev["id"], prev["version"] + 1
                result = "version"
        with self.conn:
            self._insert(document, extra={"ingested_at": _now()})
            self.conn.execute("DELETE FROM skips WHERE source = ?", (document.source_path or document.url or "",))
            self._note_source(document, document.id)
        return result

    def _note_source(self, document: Document, doc_id: str) -> None:
        """Remember where a body came from, also when it duplicated a stored one."""
        source = document.source_path if document.source_path not in (None, "-") else document.url
        if source:
            with self.conn:
                self.conn.execute("INSERT OR IGNORE INTO document_sources (source, document) VALUES (?, ?)",
                                  (source, doc_id))

    def document_sources(self) -> list[tuple[str, str]]:
        """``(source, document id)`` for every input source, duplicates included."""
        return [(r["source"], r["document"]) for r in
                self.conn.execute("SELECT source, document FROM document_sources ORDER BY source")]

    def add_skip(self, skip: Skip) -> None:
        with self.conn:
            self.conn.execute(
                "INSERT INTO skips (source, status, reason, document, at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(source) DO UPDATE SET status=excluded.status, reason=excluded.reason, at=excluded.at",
                (skip.source, skip.status, skip.reason, skip.document, _now()),
            )

    def skips(self) -> list[Skip]:
        rows = self.conn.execute("SELECT source, status, reason, document FROM skips ORDER BY rowid_")
        return [Skip(r["source"], r["status"], r["reason"], r["document"]) for r in rows]

    def get_document(self, doc_id: str) -> Document | None:
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return self._from_row(Document, row) if row else None

    def documents(self, *, status: str | None = None) -> list[Document]:
        if status:
            return self.records(Document, where="status = ?", params=(status,))
        return self.records(Document)

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
        """Insert or refresh an actor; ``aliases`` accumulate the surface forms every document
        used (a document that names a state only through a place adds none)."""
        row = self.conn.execute("SELECT aliases FROM actors WHERE id = ?", (actor.id,)).fetchone()
        if row is not None:
            try:
                seen = json.loads(row[0]) if row[0] else []
            except json.JSONDecodeError:
                seen = []
            merged = list(dict.fromkeys([*seen, *actor.aliases]))
            if merged != actor.aliases:
                actor = dataclasses.replace(actor, aliases=merged)
        self._insert(actor, replace=True)

    def save_analysis(self, analysis: Any, pipeline_version: str) -> None:
        """Replace one document's analysis records atomically and mark it analyzed."""
        doc_id = analysis.document.id
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            for table_field, cls in ANALYSIS_TABLES.items():
                self.conn.execute(f"DELETE FROM {quote_ident(TABLES[cls])} WHERE document = ?", (doc_id,))
                for record in getattr(analysis, table_field):
                    self._insert(record)
            for actor in analysis.actors:
                self._upsert_actor(actor)
            self.conn.execute(
                "UPDATE documents SET status = 'analyzed', reason = NULL, pipeline_version = ?, analyzed_at = ? WHERE id = ?",
                (pipeline_version, _now(), doc_id),
            )

    def mark_failed(self, doc_id: str, reason: str, pipeline_version: str) -> None:
        with self.conn:
            self.conn.execute(
                "UPDATE documents SET status = 'failed', reason = ?, pipeline_version = ?, analyzed_at = ? WHERE id = ?",
                (reason, pipeline_version, _now(), doc_id),
            )

    # --- summaries ------------------------------------------------------------------------
    def status_counts(self) -> dict[str, int]:
        counts = {"documents": 0, "ingested": 0, "analyzed": 0, "skipped": 0, "failed": 0}
        for row in self.conn.execute("SELECT status, COUNT(*) AS n FROM documents GROUP BY status"):
            counts[row["status"]] += row["n"]
            counts["documents"] += row["n"]
        for row in self.conn.execute("SELECT status, COUNT(*) AS n FROM skips GROUP BY status"):
            counts[f"inputs_{row['status']}"] = row["n"]
        return counts

    def reasons(self) -> list[tuple[str, str, str]]:
        """``(status, source, reason)`` for every skipped or failed document and input."""
        out = [
            (r["status"], r["source_path"] or r["url"] or r["id"], r["reason"] or "")
            for r in self.conn.execute(
                "SELECT status, source_path, url, id, reason FROM documents WHERE status IN ('skipped', 'failed')"
            )
        ]
        out += [(s.status, s.source, s.reason) for s in self.skips()]
        return out

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

    def iter_table(self, cls: type[R]) -> Iterator[R]:
        yield from self.records(cls)

    # --- incidents (issue 11) ---------------------------------------------------------------
    def _has_incidents(self) -> bool:
        """True when the schema holds the incident tables (a read-only older database may not)."""
        if self._incident_tables is None:
            row = self.conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'incident_members'").fetchone()
            self._incident_tables = row is not None
        return self._incident_tables

    def incident_ids(self) -> set[str]:
        return {r["id"] for r in self.conn.execute("SELECT id FROM incidents")}

    def records_for(self, cls: type[R], documents: Sequence[str]) -> list[R]:
        """Records of type ``cls`` of the given documents (any number of ids)."""
        out: list[R] = []
        ids = sorted(set(documents))
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ", ".join("?" for _ in chunk)
            out += self.records(cls, where=f"{quote_ident(TABLES[cls])}.document IN ({marks})", params=chunk)
        return out

    def documents_by_id(self, ids: Sequence[str]) -> list[Document]:
        out: list[Document] = []
        wanted = sorted(set(ids))
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            marks = ", ".join("?" for _ in chunk)
            out += self.records(Document, where=f"id IN ({marks})", params=chunk)
        return out

    def analyzed_versions(self) -> dict[str, str | None]:
        """Document id -> pipeline version, for every analysed document."""
        rows = self.conn.execute("SELECT id, pipeline_version FROM documents WHERE status = 'analyzed'")
        return {r["id"]: r["pipeline_version"] for r in rows}

    def linked_documents(self) -> dict[str, tuple[str, str | None]]:
        """Document id -> (linker version, pipeline version) of every report the incident layer linked."""
        rows = self.conn.execute("SELECT document, linker_version, pipeline_version FROM incident_linked")
        return {r["document"]: (r["linker_version"], r["pipeline_version"]) for r in rows}

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

    def incident_edges(self, events: Iterable[str]) -> list[tuple[str, str, float]]:
        """Stored links touching any of ``events``."""
        out: list[tuple[str, str, float]] = []
        ids = sorted(set(events))
        for i in range(0, len(ids), 400):
            chunk = ids[i:i + 400]
            marks = ", ".join("?" for _ in chunk)
            rows = self.conn.execute(
                f"SELECT a, b, score FROM incident_edges WHERE a IN ({marks}) OR b IN ({marks})", chunk + chunk)
            out += [(r["a"], r["b"], r["score"]) for r in rows]
        return sorted(set(out))

    def incident_members(self, *, events: Iterable[str] | None = None, incidents: Iterable[str] | None = None,
                         documents: Iterable[str] | None = None) -> list[tuple[str, str, str, str]]:
        """``(event, incident, document, role)`` rows selected by any of the given keys (all rows without)."""
        if events is None and incidents is None and documents is None:
            rows = self.conn.execute("SELECT event, incident, document, role FROM incident_members ORDER BY event")
            return [tuple(r) for r in rows]  # type: ignore[misc]
        found: set[tuple[str, str, str, str]] = set()
        for column, values in (("event", events), ("incident", incidents), ("document", documents)):
            ids = sorted(set(values or ()))
            for i in range(0, len(ids), 500):
                chunk = ids[i:i + 500]
                marks = ", ".join("?" for _ in chunk)
                rows = self.conn.execute(
                    f"SELECT event, incident, document, role FROM incident_members WHERE {column} IN ({marks})", chunk)
                found.update(tuple(r) for r in rows)  # type: ignore[misc]
        return sorted(found)

    def incident_attachments(self) -> dict[str, tuple[str, float]]:
        """Background mention or denial -> (its best news mention, score)."""
        rows = self.conn.execute("SELECT event, target, score FROM incident_attachments")
        return {r["event"]: (r["target"], r["score"]) for r in rows}

    def save_incident_state(self, change: Any) -> None:
        """Apply one incident update atomically (``sitrep.incidents.update.Change``): drop the
        replaced incidents, memberships, links and attachments, write the new ones, and
        record the reports now linked."""
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            if change.reset:
                for table in ("incidents", "incident_members", "incident_edges", "incident_attachments",
                              "incident_linked"):
                    self.conn.execute(f"DELETE FROM {table}")
            self._delete_in("incidents", "id", change.drop_incidents)
            self._delete_in("incident_members", "event", change.drop_members)
            self._delete_in("incident_edges", "a", change.drop_edges)
            self._delete_in("incident_edges", "b", change.drop_edges)
            self._delete_in("incident_attachments", "event", change.drop_attachments)
            self.conn.executemany("INSERT OR REPLACE INTO incident_edges (a, b, score) VALUES (?, ?, ?)",
                                  change.edges)
            self.conn.executemany("INSERT OR REPLACE INTO incident_attachments (event, target, score) VALUES (?, ?, ?)",
                                  change.attachments)
            for incident in change.incidents:
                self._insert(incident, replace=True, extra={
                    "date_start": incident.date.start if incident.date else None,
                    "n_documents": len(incident.documents), "n_contested": len(incident.contested)})
            self.conn.executemany(
                "INSERT OR REPLACE INTO incident_members (event, incident, document, role) VALUES (?, ?, ?, ?)",
                [(m.event, m.incident, m.document, m.role) for m in change.members])
            self.conn.executemany(
                "INSERT OR REPLACE INTO incident_linked (document, linker_version, pipeline_version) VALUES (?, ?, ?)",
                change.linked)

    def _delete_in(self, table: str, column: str, values: Iterable[str]) -> None:
        ids = sorted(set(values))
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ", ".join("?" for _ in chunk)
            self.conn.execute(f"DELETE FROM {quote_ident(table)} WHERE {quote_ident(column)} IN ({marks})", chunk)

    def incidents(self, *, ids: Sequence[str] | None = None, since: str | None = None, until: str | None = None,
                  category: str | None = None, contested: bool = False, min_sources: int = 0) -> list[Any]:
        """Stored incidents, filtered on what the store indexes (the caller filters the rest)."""
        clauses, params = [], []
        if ids is not None:
            return [i for i in self.records(Incident) if i.id in set(ids)]
        if since:
            clauses.append("date_start >= ?")
            params.append(since)
        if until:
            clauses.append("date_start <= ?")
            params.append(until)
        if category:
            clauses.append("category = ?")
            params.append(category)
        if contested:
            clauses.append("n_contested > 0")
        if min_sources:
            clauses.append("independent_sources >= ?")
            params.append(min_sources)
        return self.records(Incident, where=" AND ".join(clauses), params=params)
