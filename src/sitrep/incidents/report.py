"""The incidents section of the HTML report: each incident's versions side by side.

For every incident told by more than one report: one row per report with its outlet,
the status it gives (asserted in its own voice, reported as someone's claim, denied),
whom it blames, the figures it gives and its evidence sentence. Pure: records in, views out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..records import Document, Event
from .records import Incident


@dataclass(slots=True)
class VersionRow:
    """One report's version of an incident."""

    outlet: str
    document: str
    status: str
    blamed: list[str]
    figures: list[str]
    evidence: str
    historical: bool = False
    tie: float | None = None  #: how strongly the linker tied this report to the others (``Incident.links``)


@dataclass(slots=True)
class IncidentView:
    incident: Incident
    rows: list[VersionRow] = field(default_factory=list)


def _figures(event: Event) -> list[str]:
    found = getattr(event, "casualties", None) or []
    out = []
    for f in found:
        best = getattr(f, "best", None)
        if best is not None:
            source = getattr(f, "attributed_to", None)
            out.append(f"{getattr(f, 'kind', '')} {best}" + (f" (per {source})" if source else ""))
    return out


def _row(doc_id: str, events: list[Event], documents: Mapping[str, Document], names: Mapping[str, str],
         historical: set[str]) -> VersionRow:
    statuses = {e.status for e in events}
    status = "denied" if statuses == {"negated"} else "asserted" if "asserted" in statuses else \
        "reported" if "reported" in statuses else "recalled"
    blamed = sorted({names.get(a, a) for e in events if e.status != "negated" for a in e.actors})
    doc = documents.get(doc_id)
    return VersionRow(
        outlet=doc.outlet if doc else doc_id, document=doc_id, status=status, blamed=blamed,
        figures=sorted({f for e in events for f in _figures(e)}), evidence=events[0].evidence.text.strip(),
        historical=all(e.id in historical for e in events),
    )


def incident_views(incidents: Iterable[Incident], events: Iterable[Event], documents: Iterable[Document],
                   names: Mapping[str, str], *, min_reports: int = 2, limit: int = 100) -> list[IncidentView]:
    """Views of the incidents told by at least ``min_reports`` reports, most told first."""
    by_id = {e.id: e for e in events}
    docs = {d.id: d for d in documents}
    chosen = sorted((i for i in incidents if len(i.documents) >= min_reports),
                    key=lambda i: (-len(i.documents), -len(i.contested), i.date.start if i.date else "", i.id))
    out = []
    for inc in chosen[:limit]:
        per_doc: dict[str, list[Event]] = {}
        for event_id in inc.events:
            if event_id in by_id:
                per_doc.setdefault(by_id[event_id].document, []).append(by_id[event_id])
        historical = set(inc.historical)
        ties = {x.document: x.strength for x in inc.links}
        rows = [_row(d, evs, docs, names, historical) for d, evs in sorted(per_doc.items())]
        for row in rows:
            row.tie = None if row.historical else ties.get(row.document)
        out.append(IncidentView(inc, sorted(rows, key=lambda r: (r.historical, r.outlet))))
    return out
