"""``/api/events``: events with filters (date range, actor, category, status, outlet, place,
bounding box), keyset pages, one event."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path

from ...store.explore import EventFilter
from ..db import StorePool
from ..encode import JSONBody, json_response
from ..schemas import (
    Cursor,
    EventOut,
    EventQuery,
    Limit,
    Page,
    decode_cursor,
    encode_cursor,
    event_query,
    parse_bbox,
)
from ..views import event_out, exported_event_out
from . import pool

router = APIRouter(prefix="/api/events", tags=["events"])


def event_filter(q: EventQuery) -> EventFilter:
    return EventFilter(category=q.category, status=q.status, actor=q.actor, outlet=q.outlet, document=q.document,
                       date_from=q.date_from, date_to=q.date_to, bbox=parse_bbox(q.bbox), place=q.place)


@router.get("", response_model=Page[EventOut], summary="Events, newest first")
def list_events(
    p: Annotated[StorePool, Depends(pool)],
    q: Annotated[EventQuery, Depends(event_query)],
    limit: Limit = 50,
    cursor: Cursor = None,
) -> JSONBody:
    """Events by day (the event's own date, else its report's publication day), newest first.
    `actor` matches actors and recipients."""
    after = decode_cursor(cursor, (str, str))
    rows = p.get().event_page_exported(event_filter(q), after=after, limit=limit)
    nxt = encode_cursor((rows[-1][2], rows[-1][0]["id"])) if len(rows) == limit else None
    return json_response({"items": [exported_event_out(e, outlet, day) for e, outlet, day in rows], "next": nxt})


@router.get("/{event_id}", response_model=EventOut, summary="One event")
def get_event(event_id: Annotated[str, Path(max_length=100)], p: Annotated[StorePool, Depends(pool)]) -> dict[str, object]:
    store = p.get()
    event = store.get_event(event_id)
    if event is None:
        raise HTTPException(404, f"no event {event_id!r}")
    key = store.document_outlet_day(event.document)
    own = store.event_key(event.id)
    return event_out(event, key[0] if key else None, own[0] if own else None)
