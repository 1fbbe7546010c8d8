"""``/api/places`` and ``/api/map/events``: GeoJSON for maps (points as [longitude, latitude])."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from ..db import StorePool
from ..schemas import Bbox, EventQuery, FeatureCollection, event_query, parse_bbox
from ..views import event_feature
from . import pool
from .events import event_filter

router = APIRouter(tags=["places"])


@router.get("/api/places", response_model=FeatureCollection, summary="Place mentions as GeoJSON points")
def places(
    p: Annotated[StorePool, Depends(pool)],
    bbox: Bbox = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2.")] = None,
    limit: Annotated[int, Query(ge=1, le=50000)] = 2000,
) -> dict[str, Any]:
    """Located place mentions grouped by point: name, country, level, mentions, documents."""
    rows = p.get().place_points(bbox=parse_bbox(bbox), country=country.upper() if country else None, limit=limit)
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [r.lon, r.lat]},
         "properties": {"name": r.name, "country": r.country, "level": r.level, "mentions": r.mentions,
                        "documents": r.documents}} for r in rows]}


@router.get("/api/map/events", response_model=FeatureCollection, summary="Located events as GeoJSON points")
def map_events(
    p: Annotated[StorePool, Depends(pool)],
    q: Annotated[EventQuery, Depends(event_query)],
    limit: Annotated[int, Query(ge=1, le=50000)] = 5000,
) -> dict[str, Any]:
    """Events with coordinates (same filters as /api/events), newest first, at most `limit`; `incident` is the
    incident an event belongs to (null when none)."""
    store = p.get()
    rows = store.event_points(event_filter(q), limit=limit)
    incidents = store.incidents_of_events([e.id for e, _, _ in rows])
    features = [event_feature(e, outlet, day) for e, outlet, day in rows]
    for f in features:
        f["properties"]["incident"] = incidents.get(f["properties"]["id"])
    return {"type": "FeatureCollection", "features": features}
