"""``/api/documents``: the document list (filters, keyset pages) and one document with its spans."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query

from ...store.explore import DocumentFilter
from ..db import StorePool
from ..encode import JSONBody, json_response
from ..schemas import (
    ActorId,
    Cursor,
    DateFrom,
    DateTo,
    DocumentOut,
    DocumentStatusIn,
    DocumentSummaryOut,
    Limit,
    Outlet,
    Page,
    decode_cursor,
    encode_cursor,
)
from ..views import actor_names_cached, document_row_out, document_spans
from . import pool

router = APIRouter(prefix="/api/documents", tags=["documents"])

DocId = Annotated[str, Path(max_length=64, description="Document id.")]


@router.get("", response_model=Page[DocumentSummaryOut], summary="Documents, newest first")
def list_documents(
    p: Annotated[StorePool, Depends(pool)],
    outlet: Outlet = None,
    status: Annotated[DocumentStatusIn | None, Query(description="Document status.")] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    actor: ActorId = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> JSONBody:
    """Documents by publication day (newest first; undated last), without their text."""
    after = decode_cursor(cursor, (str, str))
    f = DocumentFilter(outlet=outlet, status=status, date_from=date_from, date_to=date_to, actor=actor)
    rows = p.get().document_page(f, after=after, limit=limit)
    nxt = encode_cursor((rows[-1].day, rows[-1].id)) if len(rows) == limit else None
    return json_response({"items": [document_row_out(r) for r in rows], "next": nxt})


@router.get("/{doc_id}", response_model=DocumentOut, summary="One document with its text and spans")
def get_document(doc_id: DocId, p: Annotated[StorePool, Depends(pool)]) -> dict[str, object]:
    """The document as exported (with `text`), its outlet, and every span found in it (actor
    mentions, event triggers, quotes, places, times, scare quotes) with offsets into `text`."""
    store = p.get()
    document = store.get_document(doc_id)
    if document is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    spans = document_spans(store, document, actor_names_cached(p))
    stages = store.stages_of(doc_id)
    return {**document.to_export(), "outlet": document.outlet, "stages": list(stages) if stages is not None else None,
            "spans": [{"kind": s.kind, "start": s.start, "end": s.end, "text": s.text, "ref": s.ref, "label": s.label}
                      for s in spans]}
