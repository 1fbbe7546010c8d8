"""A throwaway PostgreSQL server for the tests and benchmarks: ``initdb`` into a temporary
folder, a Unix socket only (no TCP port), torn down after.

``initdb`` refuses to run as root, so as root the server runs as the ``postgres`` system
user (``runuser``) in a folder it owns. The binaries are found on PATH or in Debian's
``/usr/lib/postgresql/<version>/bin``; ``.ci/run`` installs the ``postgresql`` package when
they are missing.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path


class ServerUnavailable(RuntimeError):
    """The server could not be started here (why is in the message)."""


def _binary(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for candidate in sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True):
        return candidate
    raise ServerUnavailable(f"{name} not found (install the postgresql package: apt-get install postgresql)")


def in_ci() -> bool:
    """True under CI (``.ci/run`` sets ``SITREP_CI=1``; CI services set ``CI``)."""
    return any(os.environ.get(v, "").lower() not in ("", "0", "false", "no") for v in ("SITREP_CI", "CI"))


class PostgresServer:
    """``with PostgresServer() as server: url = server.create_database("t1")``."""

    def __init__(self, *, fast: bool = True) -> None:
        self.fast = fast
        self.folder: Path | None = None
        self.user: str | None = None

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        cmd = list(args)
        if self.user is not None:
            cmd = ["runuser", "-u", self.user, "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)

    def start(self) -> PostgresServer:
        initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
        self.folder = Path(tempfile.mkdtemp(prefix="sitrep-pg-"))
        if os.geteuid() == 0:
            try:
                owner = pwd.getpwnam("postgres")
            except KeyError as exc:
                raise ServerUnavailable("running as root and there is no `postgres` user to run the server") from exc
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
            self.user = "postgres"
        data = self.folder / "data"
        done = self._run(initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "--encoding=UTF8",
                         "--no-locale", "--no-sync")
        if done.returncode:
            raise ServerUnavailable(f"initdb failed: {done.stderr.strip() or done.stdout.strip()}")
        options = f"-k {self.folder} -c listen_addresses='' -c max_connections=200"
        if self.fast:  # tests: durability against a server crash is not what they test
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        done = self._run(pg_ctl, "-D", str(data), "-o", options, "-l", str(self.folder / "server.log"), "-w",
                         "-t", "60", "start")
        if done.returncode:
            log = (self.folder / "server.log").read_text(errors="replace")[-2000:] if (self.folder / "server.log").exists() else ""
            raise ServerUnavailable(f"pg_ctl start failed: {done.stderr.strip() or done.stdout.strip()} {log}")
        return self

    def url(self, database: str = "postgres") -> str:
        assert self.folder is not None
        return f"postgresql://postgres@/{database}?host={self.folder}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        if self.folder is None:
            return
        data = self.folder / "data"
        if data.exists():
            self._run(_binary("pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None

    def __enter__(self) -> PostgresServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
