"""The REST API under ``/api/``: one router per resource, read-only, JSON shaped like the export
contract. Each handler is a few lines over the store's queries and ``sitrep.serve.views``."""

from __future__ import annotations

from fastapi import Request

from ..db import StorePool


async def pool(request: Request) -> StorePool:
    """The app's per-thread store pool (the store itself is taken inside the handler's thread).

    A coroutine, like every dependency that does no I/O (``schemas.event_query``,
    ``schemas.incident_query``): FastAPI runs a plain function dependency in its thread pool,
    a hand-over to another thread and back on every request, before the handler's own."""
    p: StorePool = request.app.state.pool
    return p
