"""Exports: JSON Lines (one object per line, each with a ``type``) and CSV (one file per type).

The contract is documented in ``docs/export-format.md``. Exports read the store
and write to a file object or a folder; nothing else.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ..records import Actor, Document, Record
from ..store import ANALYSIS_TABLES, Store

#: export order of the types: documents, actors, each per-document type, then incidents
EXPORT_TYPES: tuple[str, ...] = ("document", "actor") + tuple(
    cls.TYPE for cls in ANALYSIS_TABLES.values() if cls.TYPE != "sentence") + ("incident",)


def iter_export(store: Store, *, include_skipped: bool = True) -> Iterator[dict[str, Any]]:
    """Every exported object in contract order: documents, actors, then each type's items."""
    for document in store.records(Document):
        if include_skipped or document.status == "analyzed":
            yield document.to_export()
    mentioned = {a.id for a, _, _ in store.actor_counts()}
    for actor in store.records(Actor):
        if actor.id in mentioned:
            yield actor.to_export()
    for cls in ANALYSIS_TABLES.values():
        if cls.TYPE == "sentence":
            continue
        for record in store.records(cls):
            yield record.to_export()
    if store.schema_version >= 6:
        for incident in store.incidents():
            yield incident.to_export()


def write_jsonl(store: Store, out: IO[str]) -> int:
    n = 0
    for obj in iter_export(store):
        out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        n += 1
    return n


def _cell(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def write_csv(store: Store, folder: Path) -> dict[str, int]:
    """One ``<type>.csv`` per type in ``folder``; nested values are JSON in their cell."""
    folder.mkdir(parents=True, exist_ok=True)
    writers: dict[str, tuple[IO[str], csv.DictWriter]] = {}
    counts: dict[str, int] = {}
    try:
        for obj in iter_export(store):
            kind = obj.pop("type")
            if kind not in writers:
                fh = (folder / f"{kind}.csv").open("w", newline="", encoding="utf-8")
                writer = csv.DictWriter(fh, fieldnames=list(obj))
                writer.writeheader()
                writers[kind] = (fh, writer)
            writers[kind][1].writerow({k: _cell(v) for k, v in obj.items()})
            counts[kind] = counts.get(kind, 0) + 1
    finally:
        for fh, _ in writers.values():
            fh.close()
    return counts


def record_types() -> list[type[Record]]:
    from ..incidents.records import Incident

    return [Document, Actor, *[c for c in ANALYSIS_TABLES.values() if c.TYPE != "sentence"], Incident]


def write_acled(store: Store, path: Path, *, per_event: bool = False) -> int:
    """An ACLED-style CSV: one row per incident (``sitrep.incidents.acled``), or with
    ``per_event`` one row per asserted or reported event (``sitrep.stages.events.acled``)."""
    import dataclasses

    from ..records import Event, Place

    rows: list[Any]
    if per_event:
        from ..stages.events.acled import AcledRow, acled_rows

        fields = [f.name for f in dataclasses.fields(AcledRow)]
        rows = acled_rows(store.records(Event), store.records(Document), store.records(Place), store.records(Actor))
    else:
        from ..incidents.acled import IncidentAcledRow, incident_rows

        fields = [f.name for f in dataclasses.fields(IncidentAcledRow)]
        incidents = store.incidents() if store.schema_version >= 6 else []
        rows = incident_rows(incidents, store.records(Event), store.records(Actor))
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(v) for k, v in dataclasses.asdict(row).items()})
    return len(rows)
