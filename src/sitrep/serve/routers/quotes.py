"""``/api/quotes``: quotes and attributed claims, by speaker, document, outlet or kind."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from ..db import StorePool
from ..encode import JSONBody, json_response
from ..schemas import (
    ActorId,
    Cursor,
    Limit,
    Outlet,
    Page,
    QuoteKindIn,
    QuoteOut,
    decode_cursor,
    encode_cursor,
)
from ..views import quote_out
from . import pool

router = APIRouter(prefix="/api/quotes", tags=["quotes"])


@router.get("", response_model=Page[QuoteOut], summary="Quotes")
def list_quotes(
    p: Annotated[StorePool, Depends(pool)],
    speaker: ActorId = None,
    document: Annotated[str | None, Query(max_length=64, description="Document id.")] = None,
    outlet: Outlet = None,
    kind: Annotated[QuoteKindIn | None, Query(description="direct, indirect or mixed.")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> JSONBody:
    after = decode_cursor(cursor, (str,))
    rows = p.get().quote_page(speaker=speaker, document=document, outlet=outlet, kind=kind, after=after, limit=limit)
    nxt = encode_cursor(rows[-1][0].id) if len(rows) == limit else None
    return json_response({"items": [quote_out(q, outlet_) for q, outlet_ in rows], "next": nxt})
