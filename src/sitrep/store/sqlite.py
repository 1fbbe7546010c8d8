"""The SQLite backend: one file, WAL mode while a writer has it open, ``BEGIN IMMEDIATE`` writes.

Everything that is SQLite-specific lives here (connection, journal mode, read-only opening,
schema version in ``PRAGMA user_version``, the SQL fragments that differ between dialects,
and what an SQLite error means for a user); :class:`sitrep.store.Store` is the same on
every backend.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from urllib.parse import quote

from ..errors import StoreError

log = logging.getLogger(__name__)

#: how long a writer waits for another process's transaction before giving up (seconds)
BUSY_TIMEOUT = 30.0


def sqlite_uri(path: str | Path, mode: str) -> str:
    """A ``file:`` URI for ``path`` with every special character (``#``, ``?``, ``%``, space) escaped.

    >>> sqlite_uri("/data/w#x?.db", "ro")
    'file:/data/w%23x%3F.db?mode=ro'
    """
    absolute = Path(os.path.abspath(path)).as_posix()
    return f"file:{quote(absolute, safe='/')}?mode={mode}"


def statements(script: str) -> Iterator[str]:
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


def explain(exc: BaseException, path: str) -> str:
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


class SQLiteBackend:
    """One SQLite file. A single connection: a ``Store`` on SQLite is used by one thread."""

    name = "sqlite"
    error_types: tuple[type[BaseException], ...] = (sqlite3.Error,)
    #: appended to a SELECT that reads a row the transaction will update (SQLite locks the file)
    for_update = ""

    def __init__(self, path: str | Path, *, readonly: bool) -> None:
        self.path = str(path)
        self.location = self.path
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
        except sqlite3.Error as exc:
            raise StoreError(explain(exc, self.path)) from exc

    def explain(self, exc: BaseException) -> str:
        return explain(exc, self.path)

    def close(self) -> None:
        """Close; a writer puts the file back in rollback-journal mode when it is the last user."""
        if not self.readonly:
            try:
                self.conn.execute("PRAGMA busy_timeout = 0")
                self.conn.execute("PRAGMA journal_mode=DELETE")
            except sqlite3.Error:  # another connection is open: it stays in WAL mode, which is fine
                log.debug("%s stays in WAL mode: another connection is open", self.path)
        self.conn.close()

    def own_files(self) -> set[str]:
        """The database's own files (never read as inputs by ``sitrep run .``)."""
        base = os.path.abspath(self.path)
        return {base, base + "-wal", base + "-shm", base + "-journal"}

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (``BEGIN IMMEDIATE``) so that concurrent writers queue."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            if self.conn.in_transaction:  # SQLite may already have rolled back (disk full, I/O error)
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def pipeline(self) -> AbstractContextManager[None]:
        """Statements whose results are not read (SQLite runs in process: nothing to batch)."""
        return nullcontext()

    # --- schema ---------------------------------------------------------------------------
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def apply_migration(self, number: int, script: str) -> bool:
        """Run one migration in its own transaction; False when another process applied it meanwhile."""
        with self.transaction() as conn:
            if int(conn.execute("PRAGMA user_version").fetchone()[0]) >= number:
                return False
            for statement in statements(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {int(number)}")
        return True

    def tables(self) -> list[str]:
        rows = self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        return sorted(r[0] for r in rows)

    def columns(self, table: str) -> list[str]:
        return [r[1] for r in self.conn.execute(f'PRAGMA table_info("{table}")')]

    def after_copy(self, table: str) -> None:
        """Nothing to do: SQLite's integer keys follow the largest stored value."""

    # --- SQL fragments --------------------------------------------------------------------
    @staticmethod
    def json_int(expr: str, key: str) -> str:
        """An integer member of a JSON object column (for ordering)."""
        return f"json_extract({expr}, '$.{key}')"

    @staticmethod
    def json_text(expr: str, key: str) -> str:
        """A text member of a JSON object column."""
        return f"json_extract({expr}, '$.{key}')"

    @staticmethod
    def json_real(expr: str, *keys: str) -> str:
        """A number at a path of members (``"within", "lat"``) of a JSON object column, or NULL."""
        return f"json_extract({expr}, '$.{'.'.join(keys)}')"

    @staticmethod
    def json_array_has(expr: str) -> str:
        """True when the JSON array column holds the string given as the next parameter."""
        return f"EXISTS (SELECT 1 FROM json_each({expr}) WHERE value = ?)"

    @staticmethod
    def nocase_equals(expr: str) -> str:
        """``expr`` equal to the next parameter ignoring (ASCII) case."""
        return f"{expr} = ? COLLATE NOCASE"

    # --- claims (documents handed to this process for analysis) -----------------------------
    def claim(self, candidates: Sequence[str]) -> list[str]:
        """SQLite: concurrent runs on one file take turns (one writer), so nothing to lock."""
        return list(candidates)

    def release(self, ids: Sequence[str]) -> None:
        """Nothing to release on SQLite."""

    def release_all(self) -> None:
        """Nothing to release on SQLite."""
