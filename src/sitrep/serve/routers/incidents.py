"""``/api/incidents``: incidents (one real-world event across reports) with filters (date,
category, actor, place, bounding box, status, contested, minimum sources), keyset pages,
one incident with every report's version; ``/api/map/incidents`` as GeoJSON."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query

from ...incidents.query import IncidentFilter
from ..db import StorePool
from ..incidents import (
    IncidentSelection,
    incident_detail_out,
    incident_feature,
    incident_out,
    incident_page,
)
from ..schemas import (
    Cursor,
    FeatureCollection,
    IncidentDetailOut,
    IncidentOut,
    IncidentQueryIn,
    Limit,
    Page,
    decode_cursor,
    encode_cursor,
    incident_query,
    parse_bbox,
)
from . import pool

router = APIRouter(tags=["incidents"])


def selection(q: IncidentQueryIn) -> IncidentSelection:
    return IncidentSelection(
        filter=IncidentFilter(since=q.date_from, until=q.date_to, place=q.place, actor=q.actor, category=q.category,
                              status=q.status, contested=q.contested, min_sources=q.min_sources),
        bbox=parse_bbox(q.bbox))


@router.get("/api/incidents", response_model=Page[IncidentOut], summary="Incidents, newest first")
def list_incidents(
    p: Annotated[StorePool, Depends(pool)],
    q: Annotated[IncidentQueryIn, Depends(incident_query)],
    limit: Limit = 50,
    cursor: Cursor = None,
) -> dict[str, object]:
    """Incidents by first day (undated last), newest first. Filters mean what they mean in
    `sitrep incidents`; `date_from`/`date_to` apply to the first day."""
    rows, key = incident_page(p.get(), selection(q), after=decode_cursor(cursor, (str, str)), limit=limit)
    return {"items": [incident_out(i) for i in rows], "next": encode_cursor(key) if key else None}


@router.get("/api/incidents/{incident_id}", response_model=IncidentDetailOut,
            summary="One incident with every report's version")
def get_incident(incident_id: Annotated[str, Path(max_length=100)],
                 p: Annotated[StorePool, Depends(pool)]) -> dict[str, Any]:
    """The incident and, per report, the event as that report tells it (news, denial or
    background mention): outlet, status, actors, figures, evidence sentence."""
    store = p.get()
    incident = store.incident_by_id(incident_id)
    if incident is None:
        raise HTTPException(404, f"no incident {incident_id!r}")
    return incident_detail_out(store, incident)


@router.get("/api/map/incidents", response_model=FeatureCollection, summary="Located incidents as GeoJSON points")
def map_incidents(
    p: Annotated[StorePool, Depends(pool)],
    q: Annotated[IncidentQueryIn, Depends(incident_query)],
    limit: Annotated[int, Query(ge=1, le=50000)] = 5000,
) -> dict[str, Any]:
    """Incidents with coordinates (same filters as /api/incidents), newest first, at most `limit`."""
    rows, _ = incident_page(p.get(), selection(q), limit=limit, located=True)
    return {"type": "FeatureCollection", "features": [incident_feature(i) for i in rows]}
