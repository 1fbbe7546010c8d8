"""The incident record builder: linked mentions in, ``Incident`` and ``Member`` records out.

``build_incidents(inputs, settings)`` is the layer's entry point: it reads the
mentions, links them (``linker``) and builds one ``Incident`` per group; the wire
copies among an incident's reports (``copies``) count as one independent source. An
incident's id is derived from the smallest news event id of its earliest report, so it
stays the same while that mention stays in it, whatever later reports join or leave.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ..records import Document
from .clustering import Edge
from .contested import contested, report_scope
from .copies import copy_groups
from .inputs import DocumentInput
from .linker import Group, descending, linked
from .mentions import Mention, mentions
from .place_rollup import agreed_place_within, below_country, report_place
from .records import (
    CasualtyFigure,
    Incident,
    IncidentDate,
    IncidentPlace,
    Member,
    PlaceWithin,
    ReportLink,
    StatusCounts,
)
from .rollup import (
    agreed_casualties,
    agreed_parties,
    group_sums,
    headline_versions,
    named_doers,
    sides,
)
from .settings import Settings


@dataclass(frozen=True, slots=True)
class IncidentSet:
    """The incidents of a corpus and every event's membership."""

    incidents: list[Incident]
    members: list[Member]


def incident_id(group: Group) -> str:
    """From its first report's smallest news event id: later reports joining keep the id."""
    first = min(group.news, key=lambda m: (m.published if m.published is not None else 10**7, m.id))
    return "inc_" + hashlib.sha1(first.id.encode("utf-8")).hexdigest()[:16]


def _ranked(values: Iterable[str]) -> list[str]:
    counts = Counter(values)
    return sorted(counts, key=lambda v: (-counts[v], v))


def best_place(news: Sequence[Mention], settings: Settings,
               reports: Mapping[str, Sequence[Mention]] | None = None) -> IncidentPlace | None:
    """The finest place the reports agree on (``place_rollup.agreed_place_within``; with
    ``Settings.place_agreement`` off, the finest place named by at least two reports) and, when
    it has no point, the place it lies in (``place_rollup.agreed_place_within``). When its
    mentions name no place, with ``Settings.place_from_report``: the place its reports' other
    mentions of the same event name (``place_rollup.report_place``, ``reports``: every mention
    of its reports). With ``Settings.place_below_country`` (placerec1), a mention naming a country
    names no place for the incident (``place_rollup.below_country``)."""
    placed = agreed_place_within(below_country(news) if settings.place_below_country else news, settings)
    if placed is None:
        found = report_place(news, reports or {}, settings) if settings.place_from_report else None
        placed = None if found is None else (found, None)
    if placed is None:
        return None
    p, around = placed
    within = None if around is None else PlaceWithin(around.name, around.level, around.lat, around.lon,
                                                     around.country, around.admin1, around.geonames_id)
    return IncidentPlace(p.name, p.level, p.lat, p.lon, p.country, p.admin1, p.geonames_id, within)


def incident_date(news: Sequence[Mention]) -> IncidentDate | None:
    """Stated days when there are (the span they cover), else the days the reports allow."""
    stated = sorted(m.days[0] for m in news if m.specific and m.days is not None)
    if stated:
        counts = Counter(stated)
        top = max(counts.values())
        modal = sorted(d for d, n in counts.items() if n == top)
        first, last = modal[0], modal[-1]
        return IncidentDate(date.fromordinal(first).isoformat(), date.fromordinal(last).isoformat(),
                            "day" if first == last else "days")
    spans = [m.days for m in news if m.days is not None]
    if not spans:
        return None
    first, last = max(s[0] for s in spans), min(s[1] for s in spans)
    if first > last:
        first, last = min(s[0] for s in spans), max(s[1] for s in spans)
    return IncidentDate(date.fromordinal(first).isoformat(), date.fromordinal(last).isoformat(), "reported")


def status_counts(group: Group) -> StatusCounts:
    """Per report: denied when it only denies, else asserted when it says so in its own voice."""
    by_doc: dict[str, set[str]] = defaultdict(set)
    for m in group.mentions:
        if m.role != "background":
            by_doc[m.document].add(m.event.status if m.role == "news" else "negated")
    counts = StatusCounts()
    for statuses in by_doc.values():
        if statuses == {"negated"}:
            counts.denied += 1
        elif "asserted" in statuses:
            counts.asserted += 1
        else:
            counts.reported += 1
    return counts


def casualty_rollup(news: Sequence[Mention]) -> list[CasualtyFigure]:
    """Per kind: each source's latest figure; best = the lowest (most conservative), low and
    high = the extremes any source gives. ``news`` holds the incident's news mentions and the
    other mentions of its reports that tell their lead event (``contested.report_scope``)."""
    latest: dict[tuple[str, str], tuple[int, int, int]] = {}
    figures = sorted(((m, f) for m in news for f in m.figures if f.best is not None),
                     key=lambda x: (x[0].published or 0, x[0].document, x[1].best or 0, x[0].id))
    for m, f in figures:  # within one report, a source's largest figure (a smaller one is a part)
        best = f.best or 0
        latest[(f.kind, f.attributed_to or m.outlet)] = (best, f.low if f.low is not None else best,
                                                         f.high if f.high is not None else best)
    by_kind: dict[str, list[tuple[str, tuple[int, int, int]]]] = defaultdict(list)
    for (kind, source), value in latest.items():
        by_kind[kind].append((source, value))
    return [CasualtyFigure(kind, min(v[0] for _, v in items), min(v[1] for _, v in items),
                           max(v[2] for _, v in items), sorted(s for s, _ in items))
            for kind, items in sorted(by_kind.items())]


def rollup(group: Group, reports: Mapping[str, Sequence[Mention]], copies: Mapping[str, str], category: str,
           settings: Settings) -> tuple[list[str], list[str], list[CasualtyFigure]]:
    """The incident's actors, recipients and casualty figures: by agreement among its reports
    (``rollup``) with ``Settings.rollup_agreement``, else the union over its news mentions."""
    news = group.news
    scope = [m for own in report_scope(news, reports, settings).values() for m in own]
    union = casualty_rollup(scope)
    if not settings.rollup_agreement:
        return (*sides(news, category, _ranked(a for m in news for a in m.event.actors),
                       _ranked(r for m in news for r in m.event.recipients), settings), union)
    held = frozenset(m.id for m in group.mentions)
    if settings.rollup_group_sums:
        scope = group_sums(scope, held)
    if settings.rollup_headline:
        scope = headline_versions(scope, held, reports)
    recipients = agreed_parties(news, "recipients", category, copies)
    actors = named_doers(news, reports, category, agreed_parties(news, "actors", category, copies), recipients, settings)
    return (*sides(news, category, actors, recipients, settings),
            agreed_casualties(scope, held, settings, copies, union))


def confidence(group: Group, copies: Mapping[str, str]) -> float:
    """1 − Π over independent sources of (1 − the best event confidence that source gives)."""
    best: dict[str, float] = {}
    for m in group.news:
        source = copies.get(m.document, m.document)
        best[source] = max(best.get(source, 0.0), m.event.confidence)
    miss = 1.0
    for c in best.values():
        miss *= 1.0 - c
    return round(1.0 - miss, 3)


#: link scores by mention id: (the other mention, the score), both ways (``adjacency``)
Adjacency = Mapping[str, Sequence[tuple[str, float]]]


def adjacency(edges: Iterable[Edge]) -> dict[str, list[tuple[str, float]]]:
    """Each mention's links, both ways, from the linker's scored edges."""
    out: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for e in edges:
        out[e.a].append((e.b, e.score))
        out[e.b].append((e.a, e.score))
    return out


def report_links(group: Group, links: Adjacency,
                 attached: Mapping[str, tuple[str, float]]) -> tuple[list[ReportLink], float | None]:
    """Per reporting document of the incident, its strongest tie to another of them: the best
    score of a link between a news mention of it and a news mention of another report of the
    incident (``links``: the linker's edges, the product of both levels), or of an attachment of
    its denial to a news mention of another report (``attached``: event -> (target, score)), and
    which report that is (ties: the smaller document id), and every other report it has such a
    link with; and the weakest of those ties. A one-report incident has none (an empty list, None)."""
    owner = {m.id: m.document for m in group.news}
    reporting = sorted({m.document for m in group.mentions if m.role != "background"})
    if len(reporting) < 2:
        return [], None
    best: dict[str, tuple[float, str]] = {}
    tied: dict[str, set[str]] = defaultdict(set)

    def offer(doc: str, other: str, value: float) -> None:
        if doc == other:
            return
        tied[doc].add(other)
        if doc not in best or (value, descending(other)) > (best[doc][0], descending(best[doc][1])):
            best[doc] = (value, other)

    for m in group.news:
        for other, value in links.get(m.id, ()):
            if other in owner:
                offer(m.document, owner[other], value)
    for m in group.attached:
        target = attached.get(m.id)
        if m.role != "background" and target is not None and target[0] in owner:
            offer(m.document, owner[target[0]], target[1])
            offer(owner[target[0]], m.document, target[1])
    out = [ReportLink(d, round(best[d][0], 3), best[d][1], sorted(tied[d])) if d in best else ReportLink(d)
           for d in reporting]
    strengths = [x.strength for x in out if x.strength is not None]
    return out, (min(strengths) if strengths else None)


def build_incident(group: Group, documents: Mapping[str, Document], settings: Settings,
                   reports: Mapping[str, Sequence[Mention]] | None = None,
                   ties: tuple[Adjacency, Mapping[str, tuple[str, float]]] | None = None) -> Incident:
    """The record of one linked group; ``documents`` holds at least its reports, ``reports``
    every mention of them (for denials outside the incident, see ``contested``), ``ties`` the
    linker's links and attachments (``report_links``; none: every report's tie is null)."""
    news = group.news
    reporting = sorted({m.document for m in group.mentions if m.role != "background"})
    outlets = sorted({m.outlet for m in group.mentions if m.role != "background"})
    dates = sorted(p for p in (documents[d].published for d in reporting if d in documents) if p)
    copies = copy_groups([documents[d] for d in reporting if d in documents], settings) if len(reporting) > 1 else {}
    category = _ranked(m.event.category for m in news)[0]
    actors, recipients, casualties = rollup(group, reports or {}, copies, category, settings)
    links, weakest = report_links(group, *(ties or ({}, {})))
    return Incident(
        id=incident_id(group),
        category=category,
        mode=next(iter(_ranked(m.event.mode for m in news if m.event.mode)), None),
        actors=actors,
        recipients=recipients,
        place=best_place(news, settings, reports),
        date=incident_date(news),
        events=sorted(m.id for m in group.mentions),
        historical=sorted(m.id for m in group.mentions if m.role == "background"),
        documents=reporting,
        outlets=outlets,
        first_reported=dates[0] if dates else None,
        independent_sources=len({copies.get(d, d) for d in reporting}),
        status=status_counts(group),
        casualties=casualties,
        contested=contested(group.mentions, settings, reports),
        confidence=confidence(group, copies),
        links=links,
        weakest_link=weakest,
    )


def records(groups: Iterable[Group], documents: Mapping[str, Document], settings: Settings,
            all_mentions: Iterable[Mention] = (), edges: Iterable[Edge] = (),
            attached: Mapping[str, tuple[str, float]] | None = None) -> IncidentSet:
    """Incident and membership records of linked groups, sorted by id (``all_mentions``: every
    mention of the reports, for denials outside the incidents; ``edges`` and ``attached``: the
    linker's links and attachments, for each report's tie, ``report_links``)."""
    ties = (adjacency(edges), attached or {})
    reports: dict[str, list[Mention]] = defaultdict(list)
    for m in all_mentions:
        reports[m.document].append(m)
    incidents: list[Incident] = []
    members: list[Member] = []
    for group in groups:
        incident = build_incident(group, documents, settings, reports, ties)
        incidents.append(incident)
        members.extend(Member(m.id, incident.id, m.document, m.role) for m in group.mentions)
    incidents.sort(key=lambda i: i.id)
    members.sort(key=lambda m: m.event)
    return IncidentSet(incidents, members)


def build_incidents(inputs: Sequence[DocumentInput], settings: Settings) -> IncidentSet:
    """Link the documents' event mentions into incidents and build their records."""
    found = mentions(inputs, settings)
    result = linked(found, settings)
    return records(result.groups, {i.document.id: i.document for i in inputs}, settings, found,
                   result.edges, result.attached)
