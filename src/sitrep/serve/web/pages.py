"""The pages: overview, documents and the reader, events, actors, outlets, map, search, API docs.

Each handler gathers data through ``sitrep.serve.views`` and the store's queries and renders
a Jinja2 template with autoescaping (stored text is always shown as text). Filters are plain
GET forms, pages link to the next page by cursor; the only script is the map's.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape

from ...records import ACTOR_KINDS, EVENT_CATEGORIES, EVENT_STATUSES
from ...store.explore import Count, DocumentFilter, EventFilter, tone
from ..db import StorePool
from ..routers import pool
from ..schemas import decode_cursor, encode_cursor, parse_bbox
from ..views import (
    actor_names_cached,
    actor_profile,
    distinctive_cached,
    document_spans,
    framing_rows,
    outlet_names_cached,
    overview_cached,
    search_cached,
    segments,
    trigger_span,
)
from .basemap import Basemap
from .charts import ego_network, timeline

router = APIRouter(include_in_schema=False)

_env = Environment(loader=PackageLoader("sitrep.serve", "templates"), autoescape=select_autoescape(default=True),
                   trim_blocks=True, lstrip_blocks=True)
_env.globals["tone"] = tone
templates = Jinja2Templates(env=_env)

Pool = Annotated[StorePool, Depends(pool)]
Text = Annotated[str | None, Query(max_length=300)]
Day = Annotated[str | None, Query(pattern=r"^(\d{4}-\d{2}-\d{2})?$")]  # an empty form field: no filter
Page = Annotated[str | None, Query(max_length=400)]


def _blank(value: str | None) -> str | None:
    """An empty form field is no filter."""
    return value if value not in (None, "") else None


def _render(request: Request, name: str, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context)


def _next_link(request: Request, cursor: str | None) -> str | None:
    if cursor is None:
        return None
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in ("cursor", "token")]
    return request.url.path + "?" + urlencode([*params, ("cursor", cursor)])


@router.get("/", response_class=HTMLResponse)
def overview_page(request: Request, p: Pool) -> HTMLResponse:
    o = overview_cached(p, 20)
    months = p.cached(("incidents-by-month-counts",), lambda s: s.incident_counts_by_month())
    return _render(request, "overview.html.j2", o=o, events_chart=timeline(o.events_by_month),
                   documents_chart=timeline(o.documents_by_month),
                   incidents_chart=timeline([Count(m, n) for m, n in months]) if months else None)


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, p: Pool, outlet: Text = None, date_from: Day = None, date_to: Day = None,
                   actor: Text = None, cursor: Page = None) -> HTMLResponse:
    store = p.get()
    f = DocumentFilter(outlet=_blank(outlet), date_from=_blank(date_from), date_to=_blank(date_to), actor=_blank(actor))
    rows = store.document_page(f, after=decode_cursor(_blank(cursor), (str, str)), limit=50)
    nxt = encode_cursor((rows[-1].day, rows[-1].id)) if len(rows) == 50 else None
    return _render(request, "documents.html.j2", rows=rows, f=f, outlets=outlet_names_cached(p),
                   next=_next_link(request, nxt))


def _evidence_param(hl: str | None, size: int) -> tuple[int, int] | None:
    if not hl:
        return None
    try:
        a, b = (int(v) for v in hl.split("-", 1))
    except ValueError:
        return None
    return (a, b) if 0 <= a < b <= size else None


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def reader_page(request: Request, doc_id: str, p: Pool,
                hl: Annotated[str | None, Query(max_length=40, pattern=r"^\d+-\d+$")] = None) -> HTMLResponse:
    store = p.get()
    document = store.get_document(doc_id)
    if document is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    names = actor_names_cached(p)
    spans = document_spans(store, document, names)
    evidence = _evidence_param(hl, len(document.text))
    counts: dict[str, int] = {}
    for s in spans:
        counts[s.kind] = counts.get(s.kind, 0) + 1
    return _render(request, "reader.html.j2", d=document, segments=segments(document.text, spans, evidence),
                   counts=counts, evidence=evidence)


def _event_filter(category: str | None, status: str | None, actor: str | None, outlet: str | None,
                  date_from: str | None, date_to: str | None, place: str | None, bbox: str | None = None) -> EventFilter:
    if _blank(category) is not None and category not in EVENT_CATEGORIES:
        raise HTTPException(422, f"category: one of {', '.join(EVENT_CATEGORIES)}")
    if _blank(status) is not None and status not in EVENT_STATUSES:
        raise HTTPException(422, f"status: one of {', '.join(EVENT_STATUSES)}")
    box = parse_bbox(_blank(bbox))
    return EventFilter(category=_blank(category), status=_blank(status), actor=_blank(actor), outlet=_blank(outlet),
                       date_from=_blank(date_from), date_to=_blank(date_to), place=_blank(place), bbox=box)


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, p: Pool, category: Text = None, status: Text = None, actor: Text = None,
                outlet: Text = None, date_from: Day = None, date_to: Day = None, place: Text = None,
                cursor: Page = None) -> HTMLResponse:
    store = p.get()
    f = _event_filter(category, status, actor, outlet, date_from, date_to, place)
    rows = store.event_page(f, after=decode_cursor(_blank(cursor), (str, str)), limit=50)
    nxt = encode_cursor((rows[-1][2], rows[-1][0].id)) if len(rows) == 50 else None
    return _render(request, "events.html.j2", rows=rows, f=f, names=actor_names_cached(p), outlets=outlet_names_cached(p),
                   categories=EVENT_CATEGORIES, statuses=EVENT_STATUSES, next=_next_link(request, nxt))


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str, p: Pool) -> HTMLResponse:
    store = p.get()
    event = store.get_event(event_id)
    if event is None:
        raise HTTPException(404, f"no event {event_id!r}")
    document = store.get_document(event.document)
    text = document.text if document else ""
    ev = event.evidence
    t0, t1 = trigger_span(text, event) if document else (ev.start, ev.start)
    parts = (text[ev.start:t0], text[t0:t1], text[t1:ev.end]) if ev.start <= t0 <= t1 <= ev.end else (ev.text, "", "")
    return _render(request, "event.html.j2", e=event, d=document, parts=parts, names=actor_names_cached(p),
                   key=store.event_key(event.id), incident=store.incidents_of_events([event.id]).get(event.id))


@router.get("/quotes/{quote_id}", response_class=HTMLResponse)
def quote_page(request: Request, quote_id: str, p: Pool) -> HTMLResponse:
    store = p.get()
    quote = store.get_quote(quote_id)
    if quote is None:
        raise HTTPException(404, f"no quote {quote_id!r}")
    document = store.get_document(quote.document)
    return _render(request, "quote.html.j2", q=quote, d=document, names=actor_names_cached(p))


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request, p: Pool, q: Text = None, kind: Text = None, cursor: Page = None) -> HTMLResponse:
    if _blank(kind) is not None and kind not in ACTOR_KINDS:
        raise HTTPException(422, f"kind: one of {', '.join(ACTOR_KINDS)}")
    rows = p.get().actor_page(kind=_blank(kind), name=_blank(q), after=decode_cursor(_blank(cursor), (int, str)), limit=50)
    nxt = encode_cursor((rows[-1].mentions, rows[-1].actor.id)) if len(rows) == 50 else None
    return _render(request, "actors.html.j2", rows=rows, q=q or "", kind=kind or "", kinds=ACTOR_KINDS,
                   next=_next_link(request, nxt))


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor_page(request: Request, actor_id: str, p: Pool) -> HTMLResponse:
    store = p.get()
    profile = p.cached(("actor-profile", actor_id), lambda s: actor_profile(s, actor_id))
    if profile is None:
        raise HTTPException(404, f"no actor {actor_id!r}")
    from ...store.explore import Count, Edge

    edges = [Edge(**e) for e in profile["network"]]
    as_actor = p.cached(("actor-events", actor_id), lambda s: s.event_page(EventFilter(actor=actor_id), limit=500))
    acting = [r for r in as_actor if actor_id in r[0].actors][:15]
    receiving = [r for r in as_actor if actor_id in r[0].recipients][:15]
    quotes = store.quote_page(speaker=actor_id, limit=15)
    return _render(request, "actor.html.j2", pr=profile, a=profile["actor"],
                   chart=timeline([Count(c["key"], c["count"]) for c in profile["by_month"]]),
                   net=ego_network(actor_id, edges, profile["names"]), acting=acting, receiving=receiving,
                   quotes=quotes, names=actor_names_cached(p))


@router.get("/outlets", response_class=HTMLResponse)
def outlets_page(request: Request, p: Pool, actor: Text = None) -> HTMLResponse:
    o = overview_cached(p, 30)
    chosen = _blank(actor) or (o.top_actors[0].actor.id if o.top_actors else None)
    rows = p.cached(("framing", chosen), lambda s: framing_rows(s, chosen)) if chosen else []
    labels = distinctive_cached(p, 8)
    return _render(request, "outlets.html.j2", o=o, distinctive=labels, actor=chosen,
                   rows=rows, names=actor_names_cached(p))


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, p: Pool, category: Text = None, status: Text = None, actor: Text = None,
             outlet: Text = None, date_from: Day = None, date_to: Day = None,
             layer: Annotated[str, Query(pattern=r"^(events|incidents)$")] = "events") -> HTMLResponse:
    f = _event_filter(category, status, actor, outlet, date_from, date_to, None)
    if layer == "incidents" and f.status not in (None, "asserted", "reported"):
        raise HTTPException(422, "status: on the incidents layer, asserted or reported")
    params = (("category", f.category), ("status", f.status), ("actor", f.actor), ("date_from", f.date_from),
              ("date_to", f.date_to), *((("outlet", f.outlet),) if layer == "events" else ()))
    query = urlencode([(k, v) for k, v in params if v])
    return _render(request, "map.html.j2", f=f, query=query, layer=layer, categories=EVENT_CATEGORIES,
                   statuses=EVENT_STATUSES,
                   outlets=outlet_names_cached(p), assets=request.app.state.assets is not None)


def _basemap(request: Request) -> Basemap:
    state = request.app.state
    if getattr(state, "basemap", None) is None:
        state.basemap = Basemap(state.assets)
    bm: Basemap = state.basemap
    return bm


@router.get("/map/basemap.json")
def basemap(request: Request, p: Pool) -> JSONResponse:
    bm = _basemap(request)
    if not bm.available:
        raise HTTPException(404, "the basemap package is not installed: run `make assets`")
    countries = [c.key for c in p.get().place_countries(limit=6)]
    return JSONResponse(bm.collection(countries), headers={"Cache-Control": "max-age=3600"})


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, p: Pool, q: Text = None,
                offset: Annotated[int, Query(ge=0, le=1000)] = 0) -> HTMLResponse:
    result = search_cached(p, q, limit=20, offset=offset) if q else None
    return _render(request, "search.html.j2", q=q or "", result=result)


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The API reference, rendered from the OpenAPI schema (also at /api/openapi.json)."""
    spec = request.app.openapi()
    ops = [(path, method.upper(), op) for path, methods in spec["paths"].items() for method, op in methods.items()]
    return _render(request, "api.html.j2", spec=spec, ops=ops)

