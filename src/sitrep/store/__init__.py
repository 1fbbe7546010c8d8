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
from collections.abc import Iterator, Sequence
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from ..errors import StoreError
from ..records import (
    Actor,
    Casualty,
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
    Casualty: "casualties",
    Quote: "quotes",
    ScareQuote: "scare_quotes",
    Framing: "framings",
}
#: Analysis field -> record type stored per document
ANALYSIS_TABLES: dict[str, type[Record]] = {
    "sentences": Sentence,
    "entities": Entity,
    "mentions": Mention,
    "times": TimeExpr,
    "places": Place,
    "events": Event,
    "casualties": Casualty,
    "quotes": Quote,
    "scare_quotes": ScareQuote,
    "framings": Framing,
}


_ORDER: dict[type[Record], str] = {
    Document: "ingested_at, source_path, id",
    Actor: "name, id",
    Framing: "document, actor",
    Sentence: 'document, "index"',
    Event: "document, json_extract(evidence, '$.start'), id",
    Casualty: "document, start, id",
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
        row = {f.name: _encode(getattr(record, f.name)) for f in dataclasses.fields(record)}  # type: ignore[arg-type]
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
        if cls is Casualty:
            data["approximate"] = bool(data.get("approximate"))
            data["superseded"] = bool(data.get("superseded"))
        if cls is Document:
            data["char_map"] = [tuple(a) for a in data.get("char_map") or []]
        return from_plain(cls, data)  # type: ignore[no-any-return]

    def records(self, cls: type[R], *, document: str | None = None, where: str = "", params: Sequence[Any] = ()) -> list[R]:
        """All stored records of type ``cls`` (optionally of one document), in document order."""
        table = quote_ident(TABLES[cls])
        clauses, args = [], list(params)
        if document is not None:
            clauses.append("document = ?")
            args.insert(0, document)
        if where:
            clauses.append(f"({where})")
        sql = f"SELECT * FROM {table}"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY " + _ORDER.get(cls, 'document, start, "end"')
        return [self._from_row(cls, row) for row in self.conn.execute(sql, args)]

    # --- documents ------------------------------------------------------------------------
    def add_document(self, document: Document) -> str:
        """Store a newly ingested document. Returns 'added', 'duplicate' or 'version'."""
        existing = self.conn.execute("SELECT id FROM documents WHERE sha256 = ?", (document.sha256,)).fetchone()
        if existing:
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
        return result

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
