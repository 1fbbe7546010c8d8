"""``sitrep report``: one self-contained HTML page a person would read.

``build_report`` gathers the data from the store (typed records, grouped);
``render_report`` turns it into HTML with a Jinja2 template (inline CSS and SVG,
no scripts or network resources). Sections appear when their stage produced data.
"""

from __future__ import annotations

import bisect
import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..records import (
    Actor,
    Casualty,
    Document,
    Entity,
    Event,
    Framing,
    Mention,
    Place,
    Quote,
    ScareQuote,
    Sentence,
    TimeExpr,
)
from ..stages.casualties.report import figure_text
from ..store import Store

log = logging.getLogger(__name__)

NON_FACTUAL = ("historical", "future", "hypothetical", "negated")


@dataclass(slots=True)
class Evidence:
    """A sentence split around the span it supports, for highlighting."""

    before: str
    span: str
    after: str


@dataclass(slots=True)
class Item:
    kind: str
    start: int
    end: int
    text: str
    detail: str
    evidence: Evidence


@dataclass(slots=True)
class DocumentView:
    document: Document
    words: int
    items: list[Item] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def outlet(self) -> str:
        return self.document.outlet


@dataclass(slots=True)
class ActorView:
    actor: Actor
    total: int
    per_document: list[tuple[str, int, list[str]]]  # (outlet/doc label, count, surface forms)


@dataclass(slots=True)
class ReportData:
    db: str
    generated: str
    counts: dict[str, int]
    problems: list[tuple[str, str, str]]
    documents: list[DocumentView]
    actors: list[ActorView]
    events_factual: list[tuple[Event, str, Evidence]]
    events_other: list[tuple[Event, str, Evidence]]
    #: figures on no event (earlier incidents, war totals, incident figures without an event)
    casualties: list[tuple[Casualty, str, Evidence]]
    quotes_by_speaker: list[Any]  # sitrep.stages.quotes.report.ActorQuotes
    scare_quotes: list[tuple[ScareQuote, str]]
    framing: list[tuple[Actor, list[Any]]]  # per actor: sitrep.stages.framing.compare.OutletFraming rows
    times: list[tuple[TimeExpr, str]]
    places: list[tuple[Place, str]]
    map_svg: str | None
    #: why there is no map although places were found (None when there is one)
    map_note: str | None
    actor_names: dict[str, str]
    #: incidents told by several reports, each with its versions side by side
    incidents: list[Any] = field(default_factory=list)
    incidents_total: int = 0


class _Sentences:
    def __init__(self, sentences: list[Sentence], text: str) -> None:
        self.starts = [s.start for s in sentences]
        self.sentences = sentences
        self.text = text

    def evidence(self, start: int, end: int) -> Evidence:
        i = bisect.bisect_right(self.starts, start) - 1
        if i < 0:
            return Evidence("", self.text[start:end], "")
        s = self.sentences[i]
        end = min(end, max(s.end, end))
        return Evidence(self.text[s.start:start], self.text[start:end], self.text[end:s.end])


def _map(places: list[Place]) -> tuple[str | None, str | None]:
    """``(svg, note)``: the map of located places, or a note saying why there is none."""
    if not places:
        return None, None
    try:
        from ..stages.place.mapsvg import map_svg
    except ImportError as exc:  # a broken install: say so in the log and on the page
        log.warning("the report has no map: the map module could not be imported (%s)", exc)
        return None, f"No map: the map module could not be loaded ({exc}); reinstall sitrep."
    return map_svg(places), None


class _Collector:
    """Builds the per-document views: every item with its evidence sentence split for highlighting."""

    def __init__(self, store: Store, documents: list[Document], names: dict[str, str]) -> None:
        self.names = names
        self.views = {d.id: DocumentView(d, len(d.text.split())) for d in documents}
        self.index = {d.id: _Sentences(store.records(Sentence, document=d.id), d.text) for d in documents}

    def evidence(self, doc: str, start: int, end: int) -> Evidence:
        return self.index[doc].evidence(start, end)

    def add(self, doc: str, kind: str, start: int, end: int, text: str, detail: str) -> None:
        view = self.views[doc]
        view.items.append(Item(kind, start, end, text, detail, self.evidence(doc, start, end)))
        view.counts[kind] = view.counts.get(kind, 0) + 1

    def name(self, actor_id: str | None, fallback: str = "-") -> str:
        return self.names.get(actor_id or "", actor_id or fallback)

    def add_all(self, r: _Records) -> None:
        for e in r.entities:
            self.add(e.document, "entity", e.start, e.end, e.text, e.label)
        for m in r.mentions:
            self.add(m.document, "mention", m.start, m.end, m.text, f"{self.name(m.actor)} ({m.method})")
        for t in r.times:
            detail = f"{t.type} {t.value or 'unresolved'}" + (" ~" if t.fuzzy else "")
            self.add(t.document, "time", t.start, t.end, t.text, detail)
        for p in r.places:
            self.add(p.document, "place", p.start, p.end, p.text, f"{p.name}, {p.country or '?'} (level {p.level})")
        for q in r.quotes:
            speaker = self.names.get(q.speaker or "", q.speaker_text or "?")
            self.add(q.document, "quote", q.start, q.end, q.text, f"{q.kind}; speaker {speaker}; cue {q.cue or '-'}")
        for s in r.scares:
            self.add(s.document, "scare quote", s.start, s.end, s.text, f"attached to {self.name(s.attached_to)}")
        for ev in r.events:
            who = ", ".join(self.name(a) for a in ev.actors) or "?"
            whom = ", ".join(self.name(a) for a in ev.recipients) or "-"
            detail = f"{ev.category} [{ev.status}] {who} → {whom}"
            self.add(ev.document, "event", ev.evidence.start, ev.evidence.end, ev.trigger, detail)
        for c in [*(c for ev in r.events for c in ev.casualties), *r.casualties]:
            self.add(c.document, "casualty", c.start, c.end, c.text, f"{figure_text(c, self.names)} [{c.scope}]")
        for view in self.views.values():
            view.items.sort(key=lambda i: (i.start, i.kind))


@dataclass(slots=True)
class _Records:
    """Every record type the report reads, loaded once."""

    entities: list[Entity]
    mentions: list[Mention]
    times: list[TimeExpr]
    places: list[Place]
    quotes: list[Quote]
    scares: list[ScareQuote]
    events: list[Event]
    framings: list[Framing]
    casualties: list[Casualty]

    @classmethod
    def load(cls, store: Store) -> _Records:
        return cls(
            store.records(Entity), store.records(Mention), store.records(TimeExpr), store.records(Place),
            store.records(Quote), store.records(ScareQuote), store.records(Event), store.records(Framing),
            store.records(Casualty),
        )


def _actor_views(mentions: list[Mention], actors: dict[str, Actor], views: dict[str, DocumentView]) -> list[ActorView]:
    """Per actor: mention count and surface forms per document, most mentioned first."""
    per_actor: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for m in mentions:
        per_actor[m.actor][m.document].append(m.text)
    out = []
    for actor_id, by_doc in per_actor.items():
        actor = actors.get(actor_id) or Actor(actor_id, actor_id)
        rows = [
            (views[d].outlet if d in views else d, len(forms),
             [f"{t} ×{n}" if n > 1 else t for t, n in Counter(forms).most_common()])
            for d, forms in by_doc.items()
        ]
        out.append(ActorView(actor, sum(r[1] for r in rows), sorted(rows, key=lambda r: -r[1])))
    out.sort(key=lambda a: (-a.total, a.actor.name))
    return out


def _framing(framings: list[Framing], documents: list[Document], actors: dict[str, Actor]) -> list[tuple[Actor, list[Any]]]:
    """Outlet-by-outlet framing of the (up to 15) actors framed most often."""
    from ..stages.framing.compare import compare_actor

    by_actor = Counter(f.actor for f in framings)
    return [
        (actors.get(a) or Actor(a, a), compare_actor(framings, documents, a, max_evidence=3))
        for a, n in by_actor.most_common(15)
        if n >= 2 or len(by_actor) <= 10
    ]


def _incident_views(incidents: list[Any], events: list[Event], documents: list[Document],
                    names: dict[str, str]) -> list[Any]:
    from ..incidents.report import incident_views

    return incident_views(incidents, events, documents, names)


def build_report(store: Store) -> ReportData:
    """Gather everything the page shows from ``store`` (typed records, grouped)."""
    from ..stages.quotes.report import quotes_by_actor

    documents = store.records(Document)
    actors = {a.id: a for a in store.records(Actor)}
    names = {a.id: a.name for a in actors.values()}
    records = _Records.load(store)
    collector = _Collector(store, documents, names)
    collector.add_all(records)
    outlet = {d.id: collector.views[d.id].outlet for d in documents}

    def with_evidence(events: list[Event]) -> list[tuple[Event, str, Evidence]]:
        return [(e, outlet.get(e.document, e.document), collector.evidence(e.document, e.evidence.start, e.evidence.end))
                for e in events]

    map_svg, map_note = _map(records.places)
    incidents = store.incidents()
    return ReportData(
        incidents=_incident_views(incidents, records.events, documents, names),
        incidents_total=len(incidents),
        db=store.path,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        counts=store.status_counts(),
        problems=store.reasons(),
        documents=list(collector.views.values()),
        actors=_actor_views(records.mentions, actors, collector.views),
        events_factual=with_evidence([e for e in records.events if e.status not in NON_FACTUAL]),
        events_other=with_evidence([e for e in records.events if e.status in NON_FACTUAL]),
        casualties=[(c, outlet.get(c.document, c.document), collector.evidence(c.document, c.start, c.end))
                    for c in records.casualties],
        quotes_by_speaker=quotes_by_actor(records.quotes, documents, actors=actors.values()),
        scare_quotes=[(s, outlet.get(s.document, s.document)) for s in records.scares],
        framing=_framing(records.framings, documents, actors),
        times=[(t, outlet.get(t.document, t.document)) for t in records.times],
        places=[(p, outlet.get(p.document, p.document)) for p in records.places],
        map_svg=map_svg,
        map_note=map_note,
        actor_names=names,
    )


def render_report(data: ReportData) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("sitrep.report", "templates"), autoescape=select_autoescape(["html", "j2"]))
    return env.get_template("report.html.j2").render(r=data, figure_text=figure_text)


def write_report(store: Store, path: Path) -> None:
    """Render the report and write it to ``path`` (its folder must exist)."""
    html = render_report(build_report(store))
    path.write_text(html, encoding="utf-8")
