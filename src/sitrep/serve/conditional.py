"""HTTP conditional requests: an ``ETag`` on every answer, and ``304 Not Modified`` (no body,
nothing computed) when the client already holds it.

Every answer of the app is a function of the request's address and of the database (the API
and the pages are read-only), so the tag is a hash of the database's change state (size and
modification time of the file and of its write-ahead log, ``StorePool.state``: any write by
any process changes it), of this server process (a restarted or upgraded server never
answers 304 to a tag it did not give) and of the path and query. It is computed before the
handler runs: a client that sends ``If-None-Match`` with the current tag gets a 304 at the
cost of two ``stat`` calls, and any write to the database makes every tag stale at once.
Answers carry ``Cache-Control: no-cache`` (a browser keeps them and asks again each time).

Only successful GET/HEAD answers get a tag; errors and redirects do not. The static files and
JavaScript packages (``/static``, ``/assets``) keep Starlette's own ``ETag`` of each file.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: paths whose answers are files with their own validators
FILE_PREFIXES = ("/static/", "/assets/")


def _matches(header: str, etag: str) -> bool:
    """Whether an ``If-None-Match`` value names ``etag`` (``*``, a list, weak or strong tags)."""
    if header.strip() == "*":
        return True
    return any(part.strip().removeprefix("W/") == etag for part in header.split(","))


class Conditional:
    """The middleware: ``state()`` is the database's change state (``StorePool.state``)."""

    def __init__(self, app: ASGIApp, *, state: Callable[[], tuple[int, ...]]) -> None:
        self.app = app
        self.state = state
        # this process: tags from an earlier server (older code, other templates) never match
        self.boot = f"{os.getpid()}:{time.time_ns()}"

    def etag(self, scope: Scope) -> str:
        key = "|".join((self.boot, repr(self.state()), scope["path"], scope.get("query_string", b"").decode("latin-1")))
        return '"' + hashlib.blake2b(key.encode(), digest_size=12).hexdigest() + '"'

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] != "http" or scope["method"] not in ("GET", "HEAD")
                or scope["path"].startswith(FILE_PREFIXES)):
            await self.app(scope, receive, send)
            return
        etag = self.etag(scope)
        given = Headers(scope=scope).get("if-none-match")
        if given is not None and _matches(given, etag):
            await send({"type": "http.response.start", "status": 304,
                        "headers": [(b"etag", etag.encode()), (b"cache-control", b"no-cache")]})
            await send({"type": "http.response.body", "body": b""})
            return

        async def send_tagged(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                headers = MutableHeaders(scope=message)
                if "etag" not in headers:
                    headers["ETag"] = etag
                    headers.setdefault("Cache-Control", "no-cache")
            await send(message)

        await self.app(scope, receive, send_tagged)
