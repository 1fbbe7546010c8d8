"""What a store holds, comparable across runs: for each table its records as dicts, without the
ingest and analysis timestamps (which differ from run to run), in a stable order."""

from __future__ import annotations

import dataclasses
from typing import Any

from sitrep.store import TABLES, Store


def stored_records(store: Store) -> dict[str, list[dict[str, Any]]]:
    out = {}
    for cls, table in TABLES.items():
        rows = [dataclasses.asdict(r) for r in store.records(cls)]
        for row in rows:
            row.pop("ingested_at", None)
            row.pop("analyzed_at", None)
        out[table] = sorted(rows, key=repr)
    return out
