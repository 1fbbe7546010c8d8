"""``/api/actors``: actors by mentions (keyset pages) and one actor's profile: mentions over
time and per outlet, framing per outlet, and who acts on whom around it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query

from ..db import StorePool
from ..encode import JSONBody, json_response
from ..schemas import (
    ActorKindIn,
    ActorOut,
    ActorProfileOut,
    Cursor,
    Limit,
    Page,
    decode_cursor,
    encode_cursor,
)
from ..views import actor_out, actor_profile
from . import pool

router = APIRouter(prefix="/api/actors", tags=["actors"])


@router.get("", response_model=Page[ActorOut], summary="Actors, most mentioned first")
def list_actors(
    p: Annotated[StorePool, Depends(pool)],
    kind: Annotated[ActorKindIn | None, Query(description="Actor kind.")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Part of the name or id.")] = None,
    provisional: Annotated[bool | None, Query(description="Only names not in the knowledge base (true) or only KB actors (false).")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> JSONBody:
    after = decode_cursor(cursor, (int, str))
    rows = p.get().actor_page(kind=kind, name=q, provisional=provisional, after=after, limit=limit)
    nxt = encode_cursor((rows[-1].mentions, rows[-1].actor.id)) if len(rows) == limit else None
    return json_response({"items": [actor_out(r) for r in rows], "next": nxt})


@router.get("/{actor_id}", response_model=ActorProfileOut, summary="One actor's profile")
def get_actor(actor_id: Annotated[str, Path(max_length=200)], p: Annotated[StorePool, Depends(pool)]) -> dict[str, object]:
    """Mentions by month and per outlet, labels and sentiment per outlet (`sitrep compare
    --actor`), and the event network around it (edges actor → recipient with their tone)."""
    profile = p.cached(("actor-profile", actor_id), lambda store: actor_profile(store, actor_id))
    if profile is None:
        raise HTTPException(404, f"no actor {actor_id!r}")
    return profile
