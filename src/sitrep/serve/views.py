"""Library functions behind both the API and the pages: records from the store, shaped.

Everything here takes a :class:`~sitrep.store.Store` (or records) and returns typed data
or the plain dicts of the API's output schemas; the routers and the page handlers only
call these. No SQL here (the store's queries do that), no HTML (the templates do that).
"""

from __future__ import annotations

import bisect
import logging
from dataclasses import asdict, dataclass, field
from typing import Any

from ..records import (
    Document,
    Event,
    Mention,
    Place,
    Quote,
    ScareQuote,
    TimeExpr,
)
from ..store import Store
from ..store.explore import (
    MARK_END,
    MARK_START,
    MAX_SEARCH_OFFSET,
    ActorRow,
    DocumentRow,
    Overview,
    tone,
)
from .db import StorePool
from .encode import export

logger = logging.getLogger(__name__)


def event_out(event: Event, outlet: str | None, day: str | None) -> dict[str, Any]:
    """An event as the API gives it: the export contract plus outlet, day and tone."""
    out = export(event)
    out["outlet"], out["day"], out["tone"] = outlet, day or None, tone(event.category)
    return out


def exported_event_out(exported: dict[str, Any], outlet: str | None, day: str | None) -> dict[str, Any]:
    """:func:`event_out` of an event given as its export dict (``Store.event_page_exported``)."""
    exported["outlet"], exported["day"], exported["tone"] = outlet, day or None, tone(exported["category"])
    return exported


def document_row_out(row: DocumentRow) -> dict[str, Any]:
    """A document list row (every field a scalar: no recursive ``asdict`` copy)."""
    return {"type": "document", "id": row.id, "title": row.title, "publisher": row.publisher,
            "published": row.published, "outlet": row.outlet, "day": row.day or None, "status": row.status,
            "language": row.language, "url": row.url, "source_path": row.source_path}


def actor_out(row: ActorRow) -> dict[str, Any]:
    out = export(row.actor)
    out["mentions"] = row.mentions
    return out


def quote_out(quote: Quote, outlet: str) -> dict[str, Any]:
    out = export(quote)
    out["outlet"] = outlet
    return out


@dataclass(slots=True)
class Span:
    """A highlighted span of a document: ``text[start:end]``, what it is and where it leads."""

    kind: str
    start: int
    end: int
    text: str
    ref: str | None
    label: str


def trigger_span(text: str, event: Event) -> tuple[int, int]:
    """Where the event's trigger word is in its evidence sentence (the sentence when absent)."""
    ev = event.evidence
    at = text.find(event.trigger, ev.start, ev.end) if event.trigger else -1
    if at < 0:
        at = text.lower().find(event.trigger.lower(), ev.start, ev.end) if event.trigger else -1
    return (at, at + len(event.trigger)) if at >= 0 else (ev.start, ev.end)


def document_spans(store: Store, document: Document, names: dict[str, str]) -> list[Span]:
    """Every actor mention, event trigger, quote, place, time and scare quote of a document,
    in text order (longer spans first at one offset)."""
    doc_id, text = document.id, document.text
    spans: list[Span] = []
    for m in store.records(Mention, document=doc_id):
        spans.append(Span("mention", m.start, m.end, m.text, m.actor, names.get(m.actor, m.actor)))
    for e in store.events(document=doc_id):
        start, end = trigger_span(text, e)
        who = ", ".join(names.get(a, a) for a in e.actors) or "?"
        whom = ", ".join(names.get(a, a) for a in e.recipients) or "—"
        spans.append(Span("event", start, end, text[start:end], e.id, f"{e.category} [{e.status}] {who} → {whom}"))
    for q in store.records(Quote, document=doc_id):
        speaker = names.get(q.speaker or "", q.speaker_text or "unknown speaker")
        spans.append(Span("quote", q.start, q.end, q.text, q.id, f"{q.kind} quote; speaker {speaker}"))
    for p in store.records(Place, document=doc_id):
        where = f"{p.name}, {p.country or '?'}" + (f" ({p.lat:.3f}, {p.lon:.3f})" if p.lat is not None and p.lon is not None else "")
        spans.append(Span("place", p.start, p.end, p.text, p.name, where))
    for t in store.records(TimeExpr, document=doc_id):
        spans.append(Span("time", t.start, t.end, t.text, None, f"{t.type} {t.value or 'unresolved'}"))
    for s in store.records(ScareQuote, document=doc_id):
        spans.append(Span("scare_quote", s.start, s.end, s.text, None, "scare quote"))
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    spans.sort(key=lambda s: (s.start, -(s.end - s.start), s.kind))
    return spans


@dataclass(slots=True)
class Segment:
    """A stretch of text covered by the same spans; ``top`` is the innermost one (its link)."""

    start: int
    text: str
    kinds: list[str] = field(default_factory=list)
    top: Span | None = None
    evidence: bool = False


def segments(text: str, spans: list[Span], evidence: tuple[int, int] | None = None) -> list[Segment]:
    """The text cut at every span boundary, each piece with the kinds of spans over it; the
    piece's link goes to the shortest span over it (a mention inside a quote links to the actor)."""
    cuts = {0, len(text)}
    for s in spans:
        cuts.update((s.start, s.end))
    if evidence is not None:
        cuts.update(max(0, min(len(text), v)) for v in evidence)
    bounds = sorted(cuts)
    starts = [s.start for s in spans]
    out: list[Segment] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        seg = Segment(a, text[a:b])
        upto = bisect.bisect_right(starts, a)
        covering = [s for s in spans[:upto] if s.end > a]
        if covering:
            seg.kinds = sorted({s.kind for s in covering})
            seg.top = min(covering, key=lambda s: (s.end - s.start, s.kind))
        seg.evidence = evidence is not None and evidence[0] <= a < evidence[1]
        out.append(seg)
    return out


def event_feature(event: Event, outlet: str, day: str) -> dict[str, Any]:
    """A located event as a GeoJSON point feature (what the map draws and links)."""
    place = event.place
    assert place is not None and place.lat is not None and place.lon is not None
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
            "properties": {"id": event.id, "kind": "event", "category": event.category, "status": event.status,
                           "place": place.name, "day": day or None, "outlet": outlet, "tone": tone(event.category),
                           "trigger": event.trigger, "document": event.document}}


def split_snippet(snippet: str) -> list[dict[str, Any]]:
    """An FTS5 snippet as parts, each marked as a match or not (so nothing is parsed as HTML)."""
    parts: list[dict[str, Any]] = []
    for i, chunk in enumerate(snippet.split(MARK_START)):
        if i == 0:
            if chunk:
                parts.append({"text": chunk, "match": False})
            continue
        hit, _, rest = chunk.partition(MARK_END)
        if hit:
            parts.append({"text": hit, "match": True})
        if rest:
            parts.append({"text": rest, "match": False})
    return parts


def search_out(store: Store, text: str, *, kind: str = "all", limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """One page of search hits as the API gives them (``SearchOut``)."""
    kinds = ("document", "quote") if kind == "all" else (kind,)
    hits = store.search(text, kinds=kinds, limit=limit, offset=offset)
    full = any(sum(1 for h in hits if h.kind == k) == limit for k in kinds)
    return {"query": text, "next_offset": offset + limit if full and offset + limit <= MAX_SEARCH_OFFSET else None,
            "hits": [{"kind": h.kind, "document": h.document, "id": h.id, "title": h.title, "outlet": h.outlet,
                      "snippet": split_snippet(h.snippet), "rank": h.rank} for h in hits]}


def framing_rows(store: Store, actor_id: str) -> list[dict[str, Any]]:
    """``sitrep compare --actor`` for the API: per outlet, labels, sentiment, terms, evidence."""
    from ..stages.framing.compare import compare_actor

    framings = store.actor_framings(actor_id)
    outlets = store.outlets_of([f.document for f in framings])
    return [asdict(row) for row in compare_actor(framings, outlets, actor_id, max_evidence=3)]


def distinctive(store: Store, *, top: int = 10) -> list[dict[str, Any]]:
    """``sitrep compare --outlets`` on the newest framings (all of them below 20,000)."""
    from ..stages.framing.compare import distinctive_labels

    framings = store.framings_sample()
    result = distinctive_labels(framings, store.outlets_of([f.document for f in framings]), top=top)
    return [{"outlet": outlet, "labels": [(label, round(score, 3)) for label, score in rows]}
            for outlet, rows in result.items()]


def actor_profile(store: Store, actor_id: str) -> dict[str, Any] | None:
    """An actor's page data: profile counts, framing per outlet, the network around it."""
    profile = store.actor_profile(actor_id)
    if profile is None:
        return None
    edges = store.event_edges(actor_id)
    ids = {e.source for e in edges} | {e.target for e in edges}
    names = {i: (a.name if (a := store.get_actor(i)) else i) for i in sorted(ids)}
    return {
        "actor": {**profile.actor.to_export(), "mentions": profile.mentions},
        "documents": profile.documents,
        "by_month": [asdict(c) for c in profile.by_month],
        "by_outlet": [asdict(c) for c in profile.by_outlet],
        "framing": framing_rows(store, actor_id),
        "network": [asdict(e) for e in edges],
        "names": names,
    }


def overview_out(store: Store, *, top: int = 15) -> dict[str, Any]:
    o = store.overview(top=top)
    return {
        "counts": o.counts,
        "events_by_month": [asdict(c) for c in o.events_by_month],
        "documents_by_month": [asdict(c) for c in o.documents_by_month],
        "top_actors": [actor_out(r) for r in o.top_actors],
        "outlets": [{"outlet": name, "documents": d, "events": e} for name, d, e in o.outlets],
        "categories": [asdict(c) for c in o.categories],
    }


# --- corpus-wide aggregates, computed once per database state (``StorePool.cached``) -------------


def overview_cached(p: StorePool, top: int) -> Overview:
    return p.cached(("overview", top), lambda s: s.overview(top=top))


def overview_out_cached(p: StorePool, top: int) -> dict[str, Any]:
    return p.cached(("overview-out", top), lambda s: overview_out(s, top=top))


def search_cached(p: StorePool, text: str, *, kind: str = "all", limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """:func:`search_out`, kept per query and page while the database is unchanged: a ranked
    search reads every match's BM25 score (up to the store's candidate cap, 5-30 ms of CPU on
    100,000 documents), and the same words are asked again and again (the search page, its
    next pages, the API). A query asked once costs what it did."""
    return p.cached(("search", text, kind, limit, offset),
                    lambda s: search_out(s, text, kind=kind, limit=limit, offset=offset))


def actor_names_cached(p: StorePool) -> dict[str, str]:
    """``{actor id: name}`` (every page with actors links them by name), kept while unchanged."""
    return p.cached(("actor-names",), lambda s: s.actor_names())


def outlet_names_cached(p: StorePool) -> list[str]:
    """The outlets, sorted (the filter forms' choices): a scan of the document index (9 ms on
    100,000 documents) that every list page asked again; kept while the database is unchanged."""
    return p.cached(("outlet-names",), lambda s: s.outlet_names())


def distinctive_cached(p: StorePool, top: int) -> list[dict[str, Any]]:
    return p.cached(("distinctive", top), lambda s: distinctive(s, top=top))


def warm(p: StorePool) -> None:
    """Compute what the first visitors would otherwise wait for (the overview and the outlet
    comparison with the defaults the pages and the API use); run in a thread at start-up.
    A failure is only logged: the request that needs the value computes it and reports."""
    try:
        overview_out_cached(p, 15)
        overview_cached(p, 20)
        overview_cached(p, 30)
        distinctive_cached(p, 8)
        distinctive_cached(p, 10)
    except Exception:  # noqa: BLE001  (logged; requests recompute and report)
        logger.warning("warming the overview and outlet comparison failed", exc_info=True)
