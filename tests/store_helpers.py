"""What a store holds, comparable across runs: for each table its records as dicts, without the
ingest and analysis timestamps (which differ from run to run), in a stable order; and a wait for
the claims of a closed PostgreSQL session to go."""

from __future__ import annotations

import dataclasses
import time
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


def wait_for_claim_sessions(url: str, sessions: int, seconds: float = 60) -> None:
    """Wait until ``sessions`` sessions hold advisory locks (claims) on ``url``'s database.

    A closed connection's session ends on the server a little later, not at once, and its claims
    with it: a claim made right after the close could still find them held (1 in 100 repeats of
    the claims test on a loaded machine).
    """
    import psycopg

    deadline = time.monotonic() + seconds
    with psycopg.connect(url, autocommit=True) as conn:
        while True:
            row = conn.execute(
                "SELECT COUNT(DISTINCT pid) FROM pg_locks WHERE locktype = 'advisory' AND database = "
                "(SELECT oid FROM pg_database WHERE datname = current_database())").fetchone()
            held = row[0] if row else -1
            if held == sessions:
                return
            assert time.monotonic() < deadline, f"{held} sessions still hold claims after {seconds:g} s (expected {sessions})"
            time.sleep(0.01)
