"""The PostgreSQL backend: ``--db postgresql://user@host/dbname``, for a team sharing one database.

psycopg 3 with a connection pool (``psycopg_pool``): every read borrows a connection for one
statement (autocommit), every write is one transaction on one borrowed connection, so one
``Store`` can serve several threads (a Dask worker, a web server). The SQL the store writes
is SQLite's with ``?`` parameters; :func:`to_postgres` turns it into PostgreSQL's (``%s``
parameters, ``INSERT OR IGNORE``/``INSERT OR REPLACE`` as ``ON CONFLICT``), and the few
fragments that differ in substance (JSON, case-insensitive equality) are methods of the
backend. Migrations are the same numbered files, with SQLite's column types mapped
(:func:`translate_ddl`) unless a ``NNNN_name.postgresql.sql`` variant is given.

Concurrency: writers in many processes and machines are safe because every write is one
transaction with unique keys and ``ON CONFLICT``; a document's row is locked first when its
analysis is saved, so two saves of one document queue instead of doubling its records.
Analysis work is shared out with session-level advisory locks (:meth:`claim`): a process
that dies loses its locks with its connection, so the next run takes its documents over.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlsplit, urlunsplit

from ..errors import StoreError

if TYPE_CHECKING:  # pragma: no cover
    import psycopg

log = logging.getLogger(__name__)

URL_PREFIXES = ("postgresql://", "postgres://")

#: advisory-lock key taken while a migration runs (one process migrates, the others wait)
MIGRATION_LOCK = 0x5175_7265_7000_0001
#: the first key of the two-key advisory locks that claim documents for analysis
CLAIM_SPACE = 0x5172


def is_postgres(location: str) -> bool:
    """True for a ``postgresql://`` (or ``postgres://``) URL."""
    return str(location).startswith(URL_PREFIXES)


def redact(url: str) -> str:
    """The URL without its password (for messages and ``Store.path``)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    netloc = f"{parts.username}:***@{host}" if parts.username else f"***@{host}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


# --- SQL translation -----------------------------------------------------------------------------

_QUOTED = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"")
_REPLACE = re.compile(r"^\s*INSERT\s+OR\s+REPLACE\b", re.I)
_INSERT_OR = re.compile(r"^\s*INSERT\s+OR\s+(IGNORE|REPLACE)\s+INTO\s+(\"[^\"]+\"|\w+)\s*\(([^)]*)\)", re.I | re.S)


def _outside_quotes(sql: str, change: Callable[[str], str]) -> str:
    """Apply ``change`` to the parts of ``sql`` outside string literals and quoted identifiers."""
    out, last = [], 0
    for m in _QUOTED.finditer(sql):
        out.append(change(sql[last:m.start()]))
        out.append(m.group(0))
        last = m.end()
    out.append(change(sql[last:]))
    return "".join(out)


@functools.lru_cache(maxsize=2048)
def to_postgres(sql: str, keys: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> str:
    """SQLite-flavoured SQL as PostgreSQL: ``?`` → ``%s`` (``%`` escaped), ``INSERT OR IGNORE``
    → ``ON CONFLICT DO NOTHING``, ``INSERT OR REPLACE`` → ``ON CONFLICT (key) DO UPDATE``
    (``keys``: ``(table, key columns)`` pairs).

    >>> to_postgres("SELECT id FROM t WHERE a = ? AND b LIKE 'x%'")
    "SELECT id FROM t WHERE a = %s AND b LIKE 'x%%'"
    """
    sql = sql.replace("%", "%%")
    sql = _outside_quotes(sql, lambda part: part.replace("?", "%s"))
    m = _INSERT_OR.match(sql)
    if m is None:
        return sql
    kind, table, cols = m.group(1).upper(), m.group(2), m.group(3)
    body = sql.rstrip().rstrip(";")
    head = re.sub(r"INSERT\s+OR\s+\w+\s+INTO", "INSERT INTO", body, count=1, flags=re.I)
    if kind == "IGNORE":
        return head + " ON CONFLICT DO NOTHING"
    key = dict(keys).get(table.strip('"'))
    if not key:
        raise StoreError(f"INSERT OR REPLACE into {table}: the table has no primary key on PostgreSQL.")
    columns = [c.strip() for c in cols.split(",")]
    updates = [c for c in columns if c.strip('"') not in key]
    target = ", ".join(f'"{k}"' for k in key)
    if not updates:
        return head + f" ON CONFLICT ({target}) DO NOTHING"
    sets = ", ".join(f"{c} = EXCLUDED.{c}" for c in updates)
    return head + f" ON CONFLICT ({target}) DO UPDATE SET {sets}"


_COLUMN_TYPE = re.compile(r"((?:^|[(,]|\bADD\s+COLUMN)\s*(?:\"[^\"]+\"|\w+)\s+)(INTEGER\s+PRIMARY\s+KEY|INTEGER|REAL|TEXT)\b",
                          re.I)
_PG_TYPES = {"INTEGER": "BIGINT", "REAL": "DOUBLE PRECISION", "TEXT": 'TEXT COLLATE "C"'}


def _pg_type(m: re.Match[str]) -> str:
    sqlite_type = " ".join(m.group(2).upper().split())
    if sqlite_type == "INTEGER PRIMARY KEY":
        return m.group(1) + "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
    return m.group(1) + _PG_TYPES[sqlite_type]


def translate_ddl(script: str) -> str:
    """A migration written for SQLite as PostgreSQL DDL.

    Column types: ``INTEGER PRIMARY KEY`` (SQLite's row id) → an identity column, ``INTEGER``
    → ``BIGINT``, ``REAL`` → ``DOUBLE PRECISION`` (coordinates keep every digit), ``TEXT`` →
    ``TEXT COLLATE "C"`` (ordered by code point, as SQLite orders, so exports are the same on
    both); ``INSERT OR IGNORE`` → ``ON CONFLICT DO NOTHING``. Comments are dropped. What this
    cannot express (virtual tables, triggers) goes in a ``NNNN_name.postgresql.sql`` variant.
    """
    lines = []
    for line in script.splitlines():
        code = line.split("--", 1)[0]
        if code.strip():
            lines.append(code)
    out = []
    for statement in "\n".join(lines).split(";"):
        if not statement.strip():
            continue

        text = statement
        if re.match(r"\s*(CREATE|ALTER)\s+TABLE\b", text, re.I):
            text = _COLUMN_TYPE.sub(_pg_type, text)
        if re.match(r"\s*INSERT\s+OR\s+IGNORE\s+INTO", text, re.I):
            text = re.sub(r"INSERT\s+OR\s+IGNORE\s+INTO", "INSERT INTO", text, count=1, flags=re.I)
            text = text.rstrip() + " ON CONFLICT DO NOTHING"
        out.append(text.strip())
    return ";\n".join(out) + ";\n"


# --- rows and connections --------------------------------------------------------------------------


class PgRow:
    """A result row read by position or by column name, like ``sqlite3.Row``."""

    __slots__ = ("_values", "_index")

    def __init__(self, values: Sequence[Any], index: dict[str, int]) -> None:
        self._values = values
        self._index = index

    def __getitem__(self, key: int | str) -> Any:
        if isinstance(key, str):
            return self._values[self._index[key]]
        return self._values[key]

    def keys(self) -> list[str]:
        return list(self._index)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"PgRow({dict(zip(self._index, self._values, strict=True))!r})"


def _row_factory(cursor: Any) -> Callable[[Sequence[Any]], PgRow]:
    index = {d.name: i for i, d in enumerate(cursor.description or [])}
    return lambda values: PgRow(values, index)


class _Result:
    """The rows of one statement run outside a transaction (already fetched; the connection is back in the pool)."""

    def __init__(self, rows: list[PgRow], rowcount: int) -> None:
        self._rows = rows
        self.rowcount = rowcount

    def fetchone(self) -> PgRow | None:
        return self._rows[0] if self._rows else None

    def fetchall(self) -> list[PgRow]:
        return list(self._rows)

    def __iter__(self) -> Iterator[PgRow]:
        return iter(self._rows)


class PgConnection:
    """What the store's methods call ``conn``: ``execute``/``executemany`` with SQLite-style SQL.

    Inside :meth:`PostgresBackend.transaction` the statements run on that transaction's
    connection; outside it each borrows a pooled connection for one autocommit statement.
    """

    def __init__(self, backend: PostgresBackend) -> None:
        self._backend = backend

    def _sql(self, sql: str, params: Any) -> tuple[str, Any]:
        keys = self._backend.keys() if _REPLACE.match(sql) else ()
        if not params:
            return to_postgres(sql, keys).replace("%%", "%"), None
        return to_postgres(sql, keys), params

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        query, args = self._sql(sql, params)
        current = self._backend.current()
        if current is not None:
            return current.execute(query, args)
        with self._backend.pool.connection() as conn:
            cursor = conn.execute(query, args)
            rows = cast(list[PgRow], cursor.fetchall()) if cursor.description else []  # the pool's row factory
            return _Result(rows, cursor.rowcount)

    def executemany(self, sql: str, seq: Sequence[Sequence[Any]]) -> None:
        if not seq:
            return
        query, _ = self._sql(sql, seq[0] or (None,))
        current = self._backend.current()
        if current is not None:
            current.cursor().executemany(query, seq)
            return
        with self._backend.pool.connection() as conn:
            conn.cursor().executemany(query, seq)

    @property
    def in_transaction(self) -> bool:
        return self._backend.current() is not None


def explain(exc: BaseException, where: str) -> str:
    """One sentence that says what went wrong with the PostgreSQL database and what to do."""
    import psycopg
    from psycopg import errors as e

    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if isinstance(exc, e.InvalidCatalogName) or "does not exist" in text and "database" in text:
        return f"{where}: {text}; create it first (createdb NAME, or CREATE DATABASE NAME as a superuser)."
    if isinstance(exc, e.InvalidPassword | e.InvalidAuthorizationSpecification):
        return f"{where}: the server refused the login ({text}); check the user and password in the URL."
    if isinstance(exc, e.ReadOnlySqlTransaction | e.InsufficientPrivilege):
        return (f"{where}: not allowed to write ({text}); use a role that may write, or a read-only "
                f"command (status, export, report, events ...).")
    if isinstance(exc, e.DiskFull | e.OutOfMemory):
        return f"{where}: the server is out of space ({text}); free some and run the command again (work saved is kept)."
    if isinstance(exc, e.UndefinedTable):
        return f"{where} is not a sitrep database ({text}); give another --db."
    if isinstance(exc, psycopg.OperationalError):
        return (f"cannot reach the PostgreSQL server for {where} ({text}); check that it runs, and the host, "
                f"port and database in the URL.")
    return f"database error on {where}: {text}"


def session_options(url: str, readonly: bool) -> str:
    """Server settings for sitrep's sessions (the URL's own ``options`` come first).

    ``synchronous_commit=off`` unless the URL sets it: the durability of SQLite's WAL with
    ``synchronous=NORMAL`` that the SQLite backend uses. A server crash can lose the last
    moments of commits, never consistency (each document is one transaction), and the next
    run analyzes the documents whose commit was lost. Pass
    ``?options=-c%20synchronous_commit%3Don`` to wait for every commit to reach the disk.
    """
    from urllib.parse import parse_qs

    given = " ".join(parse_qs(urlsplit(url).query).get("options", []))
    options = [given] if given else []
    if "synchronous_commit" not in given:
        options.append("-c synchronous_commit=off")
    if readonly:
        options.append("-c default_transaction_read_only=on")
    return " ".join(options)


class PostgresBackend:
    """One PostgreSQL database, through a pool of connections."""

    name = "postgresql"
    for_update = " FOR UPDATE"

    def __init__(self, url: str, *, readonly: bool, pool_size: int = 4) -> None:
        try:
            import psycopg
            from psycopg_pool import ConnectionPool
        except ImportError as exc:  # pragma: no cover - installed by `make`; a pip user may lack the extra
            raise StoreError("PostgreSQL needs psycopg and psycopg_pool: pip install 'sitrep[postgresql]'.") from exc
        self.error_types: tuple[type[BaseException], ...] = (psycopg.Error,)
        self.location = url
        self.path = redact(url)
        self.readonly = readonly
        self._local = threading.local()
        self._keys: tuple[tuple[str, tuple[str, ...]], ...] | None = None
        self._claims: psycopg.Connection[Any] | None = None
        self._claimed: set[str] = set()
        kwargs: dict[str, Any] = {"autocommit": True, "row_factory": _row_factory, "options": session_options(url, readonly)}
        try:  # one direct connection first: a clear error now rather than a pool time-out later
            psycopg.connect(url, connect_timeout=10, **kwargs).close()
        except psycopg.Error as exc:
            raise StoreError(explain(exc, self.path)) from exc
        self.pool = ConnectionPool(url, min_size=1, max_size=pool_size, kwargs=kwargs, open=True,
                                   name="sitrep", timeout=60)
        self.conn = PgConnection(self)

    def explain(self, exc: BaseException) -> str:
        return explain(exc, self.path)

    def close(self) -> None:
        if self._claims is not None:
            self._claims.close()  # the server drops this session's claims with it
            self._claims = None
        self.pool.close()

    def own_files(self) -> set[str]:
        return set()

    def current(self) -> psycopg.Connection[Any] | None:
        """The connection of the transaction this thread is in, if any."""
        return getattr(self._local, "conn", None)

    @contextmanager
    def transaction(self) -> Iterator[PgConnection]:
        """One transaction on one pooled connection (joined by nested calls in the same thread)."""
        if self.current() is not None:
            yield self.conn
            return
        with self.pool.connection() as conn, conn.transaction():
            self._local.conn = conn
            try:
                yield self.conn
            finally:
                self._local.conn = None

    @contextmanager
    def pipeline(self) -> Iterator[None]:
        """Inside a transaction: send the statements that follow together (psycopg's pipeline
        mode), without waiting for each result; errors surface at the end of the block."""
        current = self.current()
        if current is None:
            yield
            return
        with current.pipeline():
            yield

    def keys(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """``(table, primary-key columns)`` of every table (for ``INSERT OR REPLACE``)."""
        if self._keys is None:
            with self.pool.connection() as conn:
                rows = cast(list[PgRow], conn.execute(
                    "SELECT c.relname AS t, a.attname AS col, array_position(i.indkey::int2[], a.attnum) AS pos "
                    "FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid "
                    "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey) "
                    "WHERE i.indisprimary AND c.relnamespace = current_schema()::regnamespace"
                ).fetchall())
            found: dict[str, list[tuple[int, str]]] = {}
            for r in rows:  # PgRow (the pool's row factory)
                found.setdefault(r["t"], []).append((r["pos"], r["col"]))
            self._keys = tuple((t, tuple(c for _, c in sorted(cols))) for t, cols in sorted(found.items()))
        return self._keys

    # --- schema ---------------------------------------------------------------------------
    def schema_version(self) -> int:
        row = self.conn.execute("SELECT to_regclass('sitrep_schema') IS NOT NULL AS present").fetchone()
        if row is None or not row["present"]:
            return 0
        row = self.conn.execute("SELECT max(version) AS v FROM sitrep_schema").fetchone()
        return int(row["v"] or 0) if row is not None else 0

    def apply_migration(self, number: int, script: str) -> bool:
        """Run one migration in one transaction, holding a lock so that concurrent processes queue."""
        with self.transaction() as conn:
            conn.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
            conn.execute("CREATE TABLE IF NOT EXISTS sitrep_schema (version INTEGER NOT NULL)")
            row = conn.execute("SELECT max(version) AS v FROM sitrep_schema").fetchone()
            if row is not None and int(row["v"] or 0) >= number:
                return False
            current = self.current()
            assert current is not None
            current.execute(script.encode("utf-8"))  # the whole script at once (no parameters)
            conn.execute("DELETE FROM sitrep_schema")
            conn.execute("INSERT INTO sitrep_schema (version) VALUES (?)", (number,))
        self._keys = None
        return True

    def tables(self) -> list[str]:
        rows = self.conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename != 'sitrep_schema'")
        return sorted(r[0] for r in rows)

    def columns(self, table: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = ? ORDER BY ordinal_position", (table,))
        return [r[0] for r in rows]

    def after_copy(self, table: str) -> None:
        """Move identity sequences past the copied keys (rows copied with their ids)."""
        rows = self.conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = ? AND is_identity = 'YES'", (table,))
        for r in rows.fetchall():
            col = r[0].replace('"', '""')
            tab = table.replace('"', '""')
            self.conn.execute(
                f"SELECT setval(pg_get_serial_sequence('\"{tab}\"', '{col}'), "
                f"GREATEST((SELECT max(\"{col}\") FROM \"{tab}\"), 1))")

    # --- SQL fragments --------------------------------------------------------------------
    @staticmethod
    def json_int(expr: str, key: str) -> str:
        return f"(({expr})::jsonb ->> '{key}')::bigint"

    @staticmethod
    def json_text(expr: str, key: str) -> str:
        return f"(({expr})::jsonb ->> '{key}')"

    @staticmethod
    def json_real(expr: str, *keys: str) -> str:
        return f"((({expr})::jsonb #>> '{{{','.join(keys)}}}')::double precision)"

    @staticmethod
    def json_array_has(expr: str) -> str:
        return f"jsonb_exists(({expr})::jsonb, ?)"

    @staticmethod
    def nocase_equals(expr: str) -> str:
        return f"lower({expr}) = lower(?)"

    # --- claims -----------------------------------------------------------------------------
    def _claims_connection(self) -> psycopg.Connection[Any]:
        import psycopg

        if self._claims is None:
            self._claims = psycopg.connect(self.location, autocommit=True, row_factory=_row_factory)
        return self._claims

    @staticmethod
    def lock_key(doc_id: str) -> int:
        """A 32-bit advisory-lock key for a document (a rare collision only delays one document)."""
        return int.from_bytes(hashlib.blake2b(doc_id.encode(), digest_size=4).digest(), "big", signed=True)

    def claim(self, candidates: Sequence[str]) -> list[str]:
        """Lock the candidates no other process holds (session locks on a dedicated connection)."""
        wanted = [c for c in candidates if c not in self._claimed]
        if not wanted:
            return []
        conn = self._claims_connection()
        keys = [self.lock_key(c) for c in wanted]
        rows = conn.execute(
            "SELECT t.id FROM unnest(%s::text[], %s::int4[]) AS t(id, k) WHERE pg_try_advisory_lock(%s, t.k)",
            (wanted, keys, CLAIM_SPACE),
        ).fetchall()
        got = [r[0] for r in rows]
        self._claimed.update(got)
        return got

    def release(self, ids: Sequence[str]) -> None:
        mine = [i for i in ids if i in self._claimed]
        if not mine or self._claims is None:
            return
        self._claims.execute(
            "SELECT pg_advisory_unlock(%s, k) FROM unnest(%s::int4[]) AS t(k)",
            (CLAIM_SPACE, [self.lock_key(i) for i in mine]),
        )
        self._claimed.difference_update(mine)

    def release_all(self) -> None:
        if self._claims is not None and self._claimed:
            self._claims.execute("SELECT pg_advisory_unlock_all()")
        self._claimed.clear()
