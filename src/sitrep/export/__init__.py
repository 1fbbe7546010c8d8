"""Exports: JSON Lines (one object per line, each with a ``type``) and CSV (one file per type).

The contract is documented in ``docs/export-format.md``. Exports read the store
and write to a file object or a folder; nothing else. Every CSV cell is
spreadsheet-safe: text that a spreadsheet would run as a formula (starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written with a leading
apostrophe (the OWASP CSV-injection rule).
"""

from __future__ import annotations

import csv
import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ..incidents.records import Incident
from ..records import Actor, Document, Event, Place, Record
from ..store import ANALYSIS_TABLES, Store

#: export order of the types: documents, actors, each per-document type, then incidents
EXPORT_TYPES: tuple[str, ...] = ("document", "actor") + tuple(
    cls.TYPE for cls in ANALYSIS_TABLES.values() if cls.TYPE != "sentence") + (Incident.TYPE,)

#: first characters that make a spreadsheet treat a cell as a formula
FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def record_types() -> list[type[Record]]:
    return [Document, Actor, *[c for c in ANALYSIS_TABLES.values() if c.TYPE != "sentence"], Incident]


def iter_export(store: Store, *, include_skipped: bool = True, types: frozenset[str] | None = None) -> Iterator[dict[str, Any]]:
    """Every exported object in contract order: documents, actors, then each type's items.

    ``types`` keeps only those record types (``"event"``, ``"quote"`` ...).
    """
    if types is None or "document" in types:
        stages = store.document_stages()
        for document in store.records(Document):
            if include_skipped or document.status == "analyzed":
                yield document_export(document, stages.get(document.id))
    if types is None or "actor" in types:
        mentioned = {a.id for a, _, _ in store.actor_counts()}
        for actor in store.records(Actor):
            if actor.id in mentioned:
                yield actor.to_export()
    for cls in ANALYSIS_TABLES.values():
        if cls.TYPE == "sentence" or (types is not None and cls.TYPE not in types):
            continue
        for record in store.records(cls):
            yield record.to_export()
    if (types is None or Incident.TYPE in types) and store.has_incidents:
        for incident in store.incidents():
            yield incident.to_export()


def document_export(document: Document, stages: tuple[str, ...] | None) -> dict[str, Any]:
    """A document's export object: its fields and ``stages``, the stages that analyzed it (null
    when it is not analyzed or was analyzed before sitrep recorded them). A record type whose
    stage is not listed was not looked for: no ``framing`` is not a neutral framing."""
    return {**document.to_export(), "stages": list(stages) if stages is not None else None}


def write_jsonl(store: Store, out: IO[str], *, types: frozenset[str] | None = None) -> int:
    """Write the JSON Lines export to ``out``; returns the number of objects."""
    n = 0
    for obj in iter_export(store, types=types):
        out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        n += 1
    return n


def safe_cell(value: Any) -> Any:
    """A CSV cell value: nested values as JSON, None as empty, formula-like text neutralised.

    >>> safe_cell("=HYPERLINK(1)"), safe_cell(-0.5), safe_cell(["a"])
    ("'=HYPERLINK(1)", -0.5, '["a"]')
    """
    if isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False)
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv_rows(store: Store, kind: str) -> Iterator[dict[str, Any]]:
    for obj in iter_export(store, types=frozenset({kind})):
        obj.pop("type")
        yield {k: safe_cell(v) for k, v in obj.items()}


def export_fields(kind: str) -> list[str]:
    """The exported field names of a record type, in order (``Record.to_export`` without ``type``)."""
    cls = next(c for c in record_types() if kind == c.TYPE)
    names = [cls.EXPORT_NAMES.get(f.name, f.name) for f in dataclasses.fields(cls)  # type: ignore[arg-type]
             if f.name not in cls.INTERNAL]
    return names + ["stages"] if cls is Document else names


def write_csv_type(store: Store, kind: str, out: IO[str]) -> int:
    """One record type as CSV to ``out`` (a header even when there are no rows)."""
    writer = csv.DictWriter(out, fieldnames=export_fields(kind))
    writer.writeheader()
    n = 0
    for row in _csv_rows(store, kind):
        writer.writerow(row)
        n += 1
    return n


def write_csv(store: Store, folder: Path, *, types: frozenset[str] | None = None) -> dict[str, int]:
    """One ``<type>.csv`` per record type (or per type in ``types``) in ``folder`` (created if
    missing; its parent must exist), each with its header even when empty; nested values are
    JSON in their cell."""
    folder.mkdir(exist_ok=True)
    counts: dict[str, int] = {}
    for kind in EXPORT_TYPES:
        if types is not None and kind not in types:
            continue
        with (folder / f"{kind}.csv").open("w", newline="", encoding="utf-8") as fh:
            counts[kind] = write_csv_type(store, kind, fh)
    return counts


def write_acled(store: Store, out: IO[str], *, per_event: bool = False) -> int:
    """An ACLED-style CSV to ``out``: one row per incident (``sitrep.incidents.acled``), or with
    ``per_event`` one row per asserted or reported event (``sitrep.stages.events.acled``)."""
    rows: list[Any]
    if per_event:
        from ..incidents.settings import load_settings
        from ..stages.events.acled import AcledRow, acled_rows

        fields = [f.name for f in dataclasses.fields(AcledRow)]
        rows = acled_rows(store.records(Event), store.records(Document), store.records(Place), store.records(Actor),
                          speaking_days=load_settings().rollup_speaking_days)
    else:
        from ..incidents.acled import IncidentAcledRow, incident_rows

        fields = [f.name for f in dataclasses.fields(IncidentAcledRow)]
        incidents = store.incidents() if store.has_incidents else []
        rows = incident_rows(incidents, store.records(Event), store.records(Actor))
    writer = csv.DictWriter(out, fieldnames=fields)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: safe_cell(v) for k, v in dataclasses.asdict(row).items()})
    return len(rows)
