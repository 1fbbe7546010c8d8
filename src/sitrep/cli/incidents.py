"""``sitrep incidents``: list, filter or rebuild the incidents (a thin layer over ``sitrep.incidents``)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

import typer

from ..incidents.query import STATUSES
from ..records import EVENT_CATEGORIES
from . import Db, _guarded, _store, app, choice
from .commands import AsJson, Limit, _known_actor, _limit, _table
from .progress import console, err_console

Opt = str | None


def _day(value: str | None) -> str | None:
    """``--since``/``--until``: an ISO day (YYYY-MM-DD), else a usage error (never a string compared as text)."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a day; write it as YYYY-MM-DD (e.g. 2016-07-14).") from None


@app.command()
def incidents(
    db: Db = "sitrep.db",
    since: Annotated[Opt, typer.Option("--since", callback=_day, help="First day on or after (YYYY-MM-DD).")] = None,
    until: Annotated[Opt, typer.Option("--until", callback=_day, help="First day on or before (YYYY-MM-DD).")] = None,
    place: Annotated[Opt, typer.Option("--place", help="Place name (or its province) contains this.")] = None,
    actor: Annotated[Opt, typer.Option("--actor", help="Actor id, as perpetrator or recipient.")] = None,
    category: Annotated[Opt, typer.Option("--category", callback=choice(EVENT_CATEGORIES), metavar="CATEGORY",
                                          help="PLOVER category, e.g. ASSAULT: " + ", ".join(EVENT_CATEGORIES) + ".")] = None,
    status: Annotated[Opt, typer.Option("--status", callback=choice(STATUSES), metavar="STATUS",
                                        help="asserted, reported or denied by at least one report.")] = None,
    contested: Annotated[bool, typer.Option("--contested", help="Only incidents whose reports disagree.")] = False,
    min_sources: Annotated[int, typer.Option("--min-sources", min=0, help="At least N independent sources.")] = 0,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Recompute every incident from the analyses first (same result as linking report by report).")] = False,
    as_json: AsJson = False,
    limit: Limit = 50,
) -> None:
    """List incidents: one record per real-world event across every report that tells it.

    Reports analysed but not linked yet are linked first; --rebuild recomputes every incident.
    Opt-in: SITREP_INCIDENT_FOLD=within_report folds a report's fragment records into the
    incident it tells (fewer split records, some loss of purity; docs/incidents.md).

    Example: sitrep incidents --place Aleppo --contested --min-sources 2
    """
    from ..incidents.query import IncidentFilter, query_incidents
    from ..workflow import link_incidents

    with _guarded():
        with _store(db) as store:  # link what is not linked yet (a no-op when up to date)
            done = link_incidents(store, rebuild=rebuild)
        if done.documents:
            how = "rebuilt" if done.rebuilt else "updated"
            err_console.print(f"incidents {how}: {done.changed} written from {done.documents} reports in {done.seconds:.1f} s")
        with _store(db, readonly=True) as store:
            actor_id = _known_actor(store, actor, "--actor") if actor is not None else None
            wanted = IncidentFilter(since, until, place, actor_id, category, status, contested, min_sources)
            rows = query_incidents(store, wanted)
    if as_json:
        for inc in _limit(rows, limit):
            print(json.dumps(inc.to_export(), ensure_ascii=False))
        return
    table = _table("id", "date", "category", "place", "reports", "sources", "status a/r/d", "contested")
    for inc in _limit(rows, limit):
        table.add_row(
            inc.id, (inc.date.start or "") if inc.date else "", inc.category + (f":{inc.mode}" if inc.mode else ""),
            inc.place.name if inc.place else "", str(len(inc.documents)), str(inc.independent_sources),
            f"{inc.status.asserted}/{inc.status.reported}/{inc.status.denied}",
            ", ".join(c.field for c in inc.contested),
        )
    console.print(table)
    console.print(f"{len(rows)} incidents" + (f" (showing {limit})" if 0 < limit < len(rows) else ""))
