"""``/api/overview``: counts, documents and events per month, top actors, outlets, categories."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from ..db import StorePool
from ..schemas import OverviewOut
from ..views import overview_out_cached
from . import pool

router = APIRouter(prefix="/api/overview", tags=["overview"])


@router.get("", response_model=OverviewOut, summary="What the database holds")
def overview(p: Annotated[StorePool, Depends(pool)],
             top: Annotated[int, Query(ge=1, le=100)] = 15) -> dict[str, object]:
    return overview_out_cached(p, top)
