"""Real components the tests need (a browser, a Dask cluster, a package of the locked install):
where one is missing the test skips with the reason on a developer's machine, and FAILS under CI
(``.ci/run`` sets ``SITREP_CI=1``; CI services set ``CI``), so a missing install step cannot pass
unnoticed as a skip (issue 16: real components fail, not skip, in CI).
"""

from __future__ import annotations

import importlib
import socket
import time
from collections.abc import Sequence
from multiprocessing.process import BaseProcess
from types import ModuleType
from typing import NoReturn

import pytest
from pgserver import in_ci


def unavailable(message: str) -> NoReturn:
    """Skip with ``message`` here (in a test or at a module's top), fail with it under CI."""
    if in_ci():
        pytest.fail(f"under CI: {message}")
    pytest.skip(message, allow_module_level=True)


def require(module: str, why: str) -> ModuleType:
    """``module`` imported; when it cannot be, :func:`unavailable` with ``why`` (what installs it)."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        unavailable(f"needs {module} ({why}): {exc}")


def reserve_port(host: str = "127.0.0.1") -> int:
    """A free TCP port on ``host`` that no other process is handed until a server binds it.

    Choosing a port by binding port 0 and closing that socket leaves a gap before the server
    binds it, in which any process asking the kernel for a free port (a test server of another
    run, an outgoing connection) may be given the same one. Here the port is instead left in
    TIME_WAIT (a connection accepted on it and closed from the listening side): the kernel hands
    out no port in TIME_WAIT to an automatic bind, while a server that binds it by number with
    ``SO_REUSEADDR`` (uvicorn, ``socketserver``) may. The same trick as Yelp's
    ``ephemeral-port-reserve``.
    """
    with socket.socket() as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, 0))
        listener.listen(1)
        port = int(listener.getsockname()[1])
        with socket.create_connection((host, port)) as client:
            accepted, _ = listener.accept()
            accepted.close()  # closed first on the server side: the TIME_WAIT is the port's
            client.recv(1)  # the close has reached the client
    return port


def join_or_kill(procs: Sequence[BaseProcess], seconds: float) -> list[int | str]:
    """Join ``procs`` within one deadline of ``seconds``; kill (and reap) any still running then.

    Returns each process's exit code, or ``"still running after N s"`` for one that had to be
    killed, so that ``assert join_or_kill(procs, 60) == [0, 0]`` fails with a clear message and
    leaves no process behind for the next test.
    """
    deadline = time.monotonic() + seconds
    for proc in procs:
        proc.join(max(deadline - time.monotonic(), 0.0))
    codes: list[int | str] = []
    for proc in procs:
        if proc.exitcode is None:
            proc.kill()
            proc.join()
            codes.append(f"still running after {seconds:g} s")
        else:
            codes.append(proc.exitcode)
    return codes
