"""Database access for the app: one read-only :class:`~sitrep.store.Store` per worker thread.

SQLite connections belong to the thread that opened them, and FastAPI runs each
synchronous endpoint in a worker thread, so every thread opens its own read-only store
once and keeps it. ``prepare_database`` runs before the app starts: it applies missing
migrations (the full-text indexes and lookup tables ``serve`` reads) when the file is
writable, and otherwise says what to do; on a writable file it also merges the full-text
indexes (``optimize_search``), so a search reads each word's matches once.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

from ..errors import StoreError
from ..store import Store, is_postgres, latest_schema_version, redact

T = TypeVar("T")
logger = logging.getLogger(__name__)

#: how many computed aggregates (overview, outlet comparison, actor profiles) the app keeps
CACHE_SIZE = 512


def sqlite_location(location: str | Path) -> Path:
    """The SQLite file ``sitrep serve`` reads. Its search and lookup tables are SQLite's (FTS5
    and triggers), so a PostgreSQL URL is refused with what to do instead."""
    if is_postgres(str(location)):
        raise StoreError(
            "`sitrep serve` reads SQLite databases only for now (its full-text search and lookup "
            "tables are SQLite's); copy the PostgreSQL database to a file first with "
            f"`sitrep migrate --from {redact(str(location))} --to copy.db`, then `sitrep serve --db copy.db`.")
    return Path(location)


def prepare_database(path: Path) -> int:
    """Check that ``path`` is a sitrep database and bring its schema up to date; returns the
    schema version. A read-only database that lacks a migration raises a :class:`StoreError`
    that says how to upgrade it."""
    with Store(path, readonly=True) as store:
        version = store.schema_version
    latest = latest_schema_version()
    if version >= latest:
        optimize_search(path)
        return version
    try:
        with Store(path) as store:
            version = store.schema_version
        optimize_search(path)
        return version
    except StoreError as exc:
        raise StoreError(
            f"{path} has schema version {version} and `sitrep serve` needs {latest}; it could not be "
            f"upgraded ({exc}). Run any writing command on it once (e.g. `sitrep analyze --db {path}`) "
            f"where it is writable, or copy it somewhere writable."
        ) from exc


def optimize_search(path: Path) -> bool:
    """Merge the full-text indexes of a writable database (``Store.optimize_search``: a search
    then reads each word's matches once, not once per segment left by documents added one by
    one); quick when they are merged already. Skipped when the file is not writable or another
    process holds the write lock for longer than the store waits (logged): serving goes on."""
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        return False
    started = time.perf_counter()
    try:
        with Store(path) as store:
            store.optimize_search()
    except StoreError as exc:
        logger.warning("the full-text indexes of %s were not merged (%s); search works, slower", path, exc)
        return False
    logger.info("full-text indexes of %s merged in %.1f s", path, time.perf_counter() - started)
    return True


class StorePool:
    """A read-only store per thread, opened on first use; ``close()`` closes those it can reach.

    ``cached`` keeps corpus-wide aggregates (an outlet comparison reads every framing) until
    the database changes: the key includes the size and modification time of the database
    file and its write-ahead log, which any write by another process (``sitrep run`` while
    serving) changes.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._all: list[Store] = []
        self._lock = threading.Lock()
        self._cache: OrderedDict[Hashable, tuple[tuple[int, ...], Any]] = OrderedDict()
        self._computing: dict[Hashable, threading.Lock] = {}

    def state(self) -> tuple[int, ...]:
        """Size and modification time (ns) of the database file and of its write-ahead log."""
        out: list[int] = []
        for file in (self.path, self.path.with_name(self.path.name + "-wal")):
            try:
                st = file.stat()
                out += [st.st_size, st.st_mtime_ns]
            except OSError:
                out += [-1, -1]
        return tuple(out)

    def cached_keys(self) -> list[Hashable]:
        """The keys of the values computed and kept (oldest use first)."""
        with self._lock:
            return list(self._cache)

    def cached(self, key: Hashable, compute: Callable[[Store], T]) -> T:
        """``compute(store)``, reused while the database is unchanged (the :data:`CACHE_SIZE` keys
        used last are kept);
        one thread computes a missing value while the others asking for it wait."""
        state = self.state()
        hit = self._cache.get(key)
        if hit is not None and hit[0] == state:
            value: T = hit[1]
            return value
        with self._lock:
            gate = self._computing.setdefault(key, threading.Lock())
        with gate:  # concurrent requests for a cold aggregate wait for one computation
            hit = self._cache.get(key)
            if hit is not None and hit[0] == state:
                return hit[1]  # type: ignore[no-any-return]
            try:
                value = compute(self.get())
                with self._lock:
                    self._cache[key] = (state, value)
                    self._cache.move_to_end(key)
                    while len(self._cache) > CACHE_SIZE:
                        self._cache.popitem(last=False)
            finally:
                # the gate is not kept: keys come from requests (search words), so a gate per key
                # ever asked would grow without bound; those waiting on it hold it already
                with self._lock:
                    self._computing.pop(key, None)
        return value

    def get(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.path, readonly=True)
            store.tune_for_reading()
            self._local.store = store
            with self._lock:
                self._all.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            stores, self._all = self._all, []
        for store in stores:
            # a connection made in another thread refuses to be closed from this one; the
            # process is ending, and SQLite releases it then
            with contextlib.suppress(sqlite3.ProgrammingError):
                store.conn.close()
