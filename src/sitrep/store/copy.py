"""Copy a whole sitrep database to another one: ``sitrep migrate --from sitrep.db --to postgresql://…``.

Works between any two backends (SQLite → PostgreSQL, PostgreSQL → SQLite for a backup).
Every table the two databases share is copied, with the columns they share (a source with
an older schema leaves the target's defaults in newer columns). The copy can be
interrupted and run again: documents and keyed rows are inserted with ``ON CONFLICT DO
NOTHING``, and the analysis records of each batch of documents are replaced in one
transaction, so a second run completes the first and never doubles a row. (A table added
later without any unique key would be doubled by a second run: give new tables a key.)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import StoreError
from . import ANALYSIS_TABLES, TABLES, Store, quote_ident

#: documents (and their records) per transaction
BATCH = 500


@dataclass(slots=True)
class CopySummary:
    """Rows copied per table (rows the target already had are not counted)."""

    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def _chunks(items: Sequence[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield list(items[i:i + size])


def _insert(target: Store, table: str, columns: Sequence[str], rows: list[list[Any]]) -> None:
    cols = ", ".join(quote_ident(c) for c in columns)
    marks = ", ".join("?" for _ in columns)
    target.conn.executemany(f"INSERT INTO {quote_ident(table)} ({cols}) VALUES ({marks}) ON CONFLICT DO NOTHING", rows)


def _select(source: Store, table: str, columns: Sequence[str], where: str = "", params: Sequence[Any] = ()) -> list[list[Any]]:
    cols = ", ".join(quote_ident(c) for c in columns)
    sql = f"SELECT {cols} FROM {quote_ident(table)}" + (f" WHERE {where}" if where else "")
    return [list(r) for r in source.conn.execute(sql, list(params))]


#: tables migrations 0006, 0008 and 0009 keep by triggers on SQLite (full-text indexes and their shadow
#: tables, the lookup tables of ``sitrep serve``): the target's own triggers fill them as the
#: records arrive, so copying them too would double them
_TRIGGER_KEPT = re.compile(r"^(documents_fts|quotes_fts)(_.*)?$|^(document_index|event_index|event_actors|actor_stats|actor_documents|quote_index)$")


def kept_by_triggers(table: str) -> bool:
    """Whether ``table`` is filled by the database's own triggers, never copied."""
    return _TRIGGER_KEPT.match(table) is not None


def copy_database(source: Store, target: Store, *, batch: int = BATCH,
                  progress: Callable[[str, int], None] | None = None) -> CopySummary:
    """Copy every shared table of ``source`` into ``target`` (already migrated to the current schema)."""
    if source.location == target.location:
        raise StoreError("--from and --to are the same database.")
    shared = sorted(t for t in set(source.backend.tables()) & set(target.backend.tables()) if not kept_by_triggers(t))
    if "documents" not in shared:
        raise StoreError(f"{source.path} has no documents table: not a sitrep database.")
    summary = CopySummary()
    columns = {t: [c for c in source.backend.columns(t) if c in set(target.backend.columns(t))] for t in shared}
    records = {TABLES[cls] for cls in ANALYSIS_TABLES.values()}
    per_document = [t for t in shared if t in records and "document" in columns[t]]
    keyed = [t for t in shared if t != "documents" and t not in per_document]
    # documents first, older versions before newer ones (a new version points to its previous one)
    ids = [r[0] for r in source.conn.execute("SELECT id FROM documents ORDER BY version, ingested_at, id")]
    cols = columns["documents"]
    for chunk in _chunks(ids, batch):
        marks = ", ".join("?" for _ in chunk)
        rows = _select(source, "documents", cols, f"id IN ({marks})", chunk)
        position = {doc_id: i for i, doc_id in enumerate(chunk)}
        rows.sort(key=lambda r: position[r[cols.index("id")]])
        with target._transaction():
            before = _count(target, "documents")
            _insert(target, "documents", cols, rows)
            summary.rows["documents"] = summary.rows.get("documents", 0) + _count(target, "documents") - before
        if progress:
            progress("documents", len(chunk))
    for table in per_document:
        summary.rows[table] = _copy_per_document(source, target, table, columns[table], ids, batch, progress)
    for table in keyed:
        summary.rows[table] = _copy_keyed(source, target, table, columns[table], batch, progress)
    for table in shared:
        target.backend.after_copy(table)
    return summary


def _count(store: Store, table: str) -> int:
    row = store.conn.execute(f"SELECT COUNT(*) AS n FROM {quote_ident(table)}").fetchone()
    return int(row["n"])


def _copy_per_document(source: Store, target: Store, table: str, cols: list[str], ids: list[str], batch: int,
                       progress: Callable[[str, int], None] | None) -> int:
    """The rows of each batch of documents replace the target's rows of those documents."""
    copied = 0
    for chunk in _chunks(ids, batch):
        marks = ", ".join("?" for _ in chunk)
        rows = _select(source, table, cols, f"document IN ({marks})", chunk)
        with target._transaction() as conn:
            conn.execute(f"DELETE FROM {quote_ident(table)} WHERE document IN ({marks})", chunk)
            _insert(target, table, cols, rows)
        copied += len(rows)
        if progress:
            progress(table, len(rows))
    return copied


def _copy_keyed(source: Store, target: Store, table: str, cols: list[str], batch: int,
                progress: Callable[[str, int], None] | None) -> int:
    """Rows with their own keys (actors, skips, ...): those the target lacks are added."""
    rows = _select(source, table, cols)
    before = _count(target, table)
    for i in range(0, len(rows), batch):
        with target._transaction():
            _insert(target, table, cols, rows[i:i + batch])
        if progress:
            progress(table, len(rows[i:i + batch]))
    return _count(target, table) - before
