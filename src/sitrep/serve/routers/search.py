"""``/api/search``: full-text search (SQLite FTS5) over document titles and bodies and quotes."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from ...store.explore import MAX_SEARCH_OFFSET
from ..db import StorePool
from ..encode import JSONBody, json_response
from ..schemas import SearchOut
from ..views import search_cached
from . import pool

router = APIRouter(prefix="/api/search", tags=["search"])


@router.get("", response_model=SearchOut, summary="Full-text search")
def search(
    p: Annotated[StorePool, Depends(pool)],
    q: Annotated[str, Query(min_length=1, max_length=300, description="Words (all required); `word*` for a prefix.")],
    kind: Annotated[Literal["all", "document", "quote"], Query(description="What to search.")] = "all",
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=MAX_SEARCH_OFFSET)] = 0,
) -> JSONBody:
    """Hits best first (BM25; a title match weighs five times a body match), each with a
    snippet whose matching words are marked. Ranked, so pages go by `offset`."""
    return json_response(search_cached(p, q, kind=kind, limit=limit, offset=offset))
