"""The incident pages: the filterable list with its timeline, and one incident with every
report's version side by side (outlet, status, blamed actor, figures, evidence sentence with
its trigger marked) and links to the documents. Data through ``sitrep.serve.incidents``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from ...incidents.query import STATUSES, IncidentFilter
from ...records import EVENT_CATEGORIES
from ...store.explore import Count
from ..incidents import IncidentSelection, incident_page, incident_versions
from ..schemas import decode_cursor, encode_cursor
from ..views import actor_names_cached
from .charts import timeline
from .pages import Day, Page, Pool, Text, _blank, _next_link, _render

router = APIRouter(include_in_schema=False)


@router.get("/incidents", response_class=HTMLResponse)
def incidents_page(request: Request, p: Pool, category: Text = None, actor: Text = None, place: Text = None,
                   status: Text = None, date_from: Day = None, date_to: Day = None,
                   contested: Annotated[str | None, Query(pattern=r"^(|1|true|on)$")] = None,
                   min_sources: Annotated[str | None, Query(pattern=r"^\d{0,3}$")] = None,
                   cursor: Page = None) -> HTMLResponse:
    if _blank(category) is not None and category not in EVENT_CATEGORIES:
        raise HTTPException(422, f"category: one of {', '.join(EVENT_CATEGORIES)}")
    if _blank(status) is not None and status not in STATUSES:
        raise HTTPException(422, f"status: one of {', '.join(STATUSES)}")
    store = p.get()
    f = IncidentFilter(since=_blank(date_from), until=_blank(date_to), place=_blank(place), actor=_blank(actor),
                       category=_blank(category), status=_blank(status), contested=bool(_blank(contested)),
                       min_sources=int(min_sources) if min_sources else 0)
    rows, key = incident_page(store, IncidentSelection(filter=f), after=decode_cursor(_blank(cursor), (str, str)),
                              limit=50)
    chart = p.cached(("incidents-by-month",), lambda s: timeline([Count(m, n) for m, n in s.incident_counts_by_month()]))
    return _render(request, "incidents.html.j2", rows=rows, f=f, chart=chart, names=actor_names_cached(p),
                   categories=EVENT_CATEGORIES, statuses=STATUSES, has_incidents=store.has_incidents,
                   next=_next_link(request, encode_cursor(key) if key else None))


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page_view(request: Request, incident_id: str, p: Pool) -> HTMLResponse:
    store = p.get()
    incident = store.incident_by_id(incident_id)
    if incident is None:
        raise HTTPException(404, f"no incident {incident_id!r}")
    return _render(request, "incident.html.j2", i=incident, versions=incident_versions(store, incident),
                   names=actor_names_cached(p))
