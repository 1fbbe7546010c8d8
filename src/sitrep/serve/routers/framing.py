"""``/api/framing``: how outlets label and judge actors (the `sitrep compare` views)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query

from ..db import StorePool
from ..schemas import DistinctiveOut, OutletFramingOut
from ..views import distinctive_cached, framing_rows
from . import pool

router = APIRouter(prefix="/api/framing", tags=["framing"])


@router.get("/actor/{actor_id}", response_model=list[OutletFramingOut], summary="An actor, outlet by outlet")
def framing_actor(actor_id: str, p: Annotated[StorePool, Depends(pool)]) -> list[dict[str, object]]:
    """Per outlet: labels, mean sentiment, loaded terms and evidence (`sitrep compare --actor`)."""
    store = p.get()
    if store.get_actor(actor_id) is None:
        raise HTTPException(404, f"no actor {actor_id!r}")
    return p.cached(("framing", actor_id), lambda s: framing_rows(s, actor_id))


@router.get("/outlets", response_model=list[DistinctiveOut], summary="Each outlet's distinctive labels")
def framing_outlets(
    p: Annotated[StorePool, Depends(pool)],
    top: Annotated[int, Query(ge=1, le=50)] = 10,
) -> list[dict[str, object]]:
    """Each outlet's most distinctive labels against the rest (log-odds z; `sitrep compare --outlets`)."""
    return distinctive_cached(p, top)
