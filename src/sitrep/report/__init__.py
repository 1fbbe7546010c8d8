"""``sitrep report``: one self-contained HTML page a person would read.

``build_report`` gathers the data from the store (typed records, grouped);
``render_report`` turns it into HTML with a Jinja2 template (inline CSS and SVG,
no scripts or network resources). Sections appear when their stage produced data.

The page stays small on a big corpus (``Limits``): actors are counted per outlet, long
tables keep their first rows in a stated order with the count of the rest, and every item
with its evidence is listed for the first documents only; ``sitrep serve`` and ``sitrep
export`` hold everything. ``Limits.none()`` (``sitrep report --full``) lists it all.
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


@dataclass(frozen=True, slots=True)
class Limits:
    """How much of a big corpus the page lists (None: everything)."""

    #: documents whose every item is listed with its evidence
    documents_in_full: int | None = 20
    #: rows of the events tables (stated as fact, and not), figures on no event, place and time lists
    rows: int | None = 300
    #: actors, most mentioned first
    actors: int | None = 150
    #: speakers, and quotes per speaker
    speakers: int | None = 40
    quotes_per_speaker: int | None = 10
    #: surface forms shown per actor and outlet
    forms: int | None = 5

    @classmethod
    def none(cls) -> Limits:
        return cls(None, None, None, None, None, None)


def _first(rows: list[Any], limit: int | None) -> list[Any]:
    return rows if limit is None else rows[:limit]


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
    per_outlet: list[tuple[str, int, int, list[str]]]  # (outlet, mentions, documents, surface forms)


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
    #: how many each list had before ``Limits`` cut it (key: the ReportData field)
    totals: dict[str, int] = field(default_factory=dict)
    limits: Limits = field(default_factory=Limits)
    #: per speaker of ``quotes_by_speaker``: all their quotes and outlets, before the cut
    speaker_totals: list[tuple[int, list[str]]] = field(default_factory=list)


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

    def __init__(self, store: Store, documents: list[Document], names: dict[str, str],
                 in_full: int | None = None) -> None:
        self.names = names
        self.views = {d.id: DocumentView(d, len(d.text.split())) for d in documents}
        #: the documents whose items the page lists (the rest only lend their evidence)
        self.listed = {d.id for d in (documents if in_full is None else documents[:in_full])}
        self.index = {d.id: _Sentences(store.records(Sentence, document=d.id), d.text) for d in documents}

    def evidence(self, doc: str, start: int, end: int) -> Evidence:
        return self.index[doc].evidence(start, end)

    def add(self, doc: str, kind: str, start: int, end: int, text: str, detail: str) -> None:
        if doc not in self.listed:
            return
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


def _actor_views(mentions: list[Mention], actors: dict[str, Actor], views: dict[str, DocumentView],
                 forms: int | None = None) -> list[ActorView]:
    """Per actor: mentions, documents and the words used, per outlet; most mentioned first."""
    per_actor: dict[str, dict[str, list[Mention]]] = defaultdict(lambda: defaultdict(list))
    for m in mentions:
        per_actor[m.actor][views[m.document].outlet if m.document in views else m.document].append(m)
    out = []
    for actor_id, by_outlet in per_actor.items():
        actor = actors.get(actor_id) or Actor(actor_id, actor_id)
        rows = [
            (outlet, len(ms), len({m.document for m in ms}),
             [f"{t} ×{n}" if n > 1 else t for t, n in Counter(m.text for m in ms).most_common(forms)])
            for outlet, ms in by_outlet.items()
        ]
        out.append(ActorView(actor, sum(r[1] for r in rows), sorted(rows, key=lambda r: (-r[1], r[0]))))
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


def _event_order(e: Event) -> tuple[int, int, float, str]:
    """Events worth reading first: in an incident, with victim counts, confident."""
    return (e.incident is None, not e.casualties, -e.confidence, e.id)


def _limited(data: ReportData, limits: Limits) -> ReportData:
    """Cut the long lists to ``limits``, keeping each list's full length in ``totals``."""
    cuts: dict[str, tuple[list[Any], int | None]] = {"documents_items": (data.documents, limits.documents_in_full), "actors": (data.actors, limits.actors),
            "events_factual": (data.events_factual, limits.rows), "events_other": (data.events_other, limits.rows),
            "casualties": (data.casualties, limits.rows), "times": (data.times, limits.rows),
            "places": (data.places, limits.rows), "quotes_by_speaker": (data.quotes_by_speaker, limits.speakers)}
    data.totals = {name: len(rows) for name, (rows, _) in cuts.items()}
    for name, (rows, limit) in cuts.items():
        if name != "documents_items":
            setattr(data, name, _first(rows, limit))
    data.speaker_totals = [(len(g.quotes), g.outlets) for g in data.quotes_by_speaker]
    for group in data.quotes_by_speaker:
        group.quotes = _first(group.quotes, limits.quotes_per_speaker)
    data.limits = limits
    return data


def build_report(store: Store, *, limits: Limits | None = None) -> ReportData:
    """Gather what the page shows from ``store`` (typed records, grouped), cut to ``limits``
    (default ``Limits()``; ``Limits.none()`` for everything)."""
    from ..stages.quotes.report import quotes_by_actor

    limits = limits or Limits()
    documents = store.records(Document)
    actors = {a.id: a for a in store.records(Actor)}
    names = {a.id: a.name for a in actors.values()}
    records = _Records.load(store)
    collector = _Collector(store, documents, names, limits.documents_in_full)
    collector.add_all(records)
    outlet = {d.id: collector.views[d.id].outlet for d in documents}

    def with_evidence(events: list[Event]) -> list[tuple[Event, str, Evidence]]:
        return [(e, outlet.get(e.document, e.document), collector.evidence(e.document, e.evidence.start, e.evidence.end))
                for e in sorted(events, key=_event_order)]

    map_svg, map_note = _map(records.places)
    incidents = store.incidents()
    return _limited(ReportData(
        incidents=_incident_views(incidents, records.events, documents, names),
        incidents_total=len(incidents),
        db=store.path,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        counts=store.status_counts(),
        problems=store.reasons(),
        documents=list(collector.views.values()),
        actors=_actor_views(records.mentions, actors, collector.views, limits.forms),
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
    ), limits)


def render_report(data: ReportData) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("sitrep.report", "templates"), autoescape=select_autoescape(["html", "j2"]))
    return env.get_template("report.html.j2").render(r=data, figure_text=figure_text)


def write_report(store: Store, path: Path, *, limits: Limits | None = None) -> None:
    """Render the report and write it to ``path`` (its folder must exist)."""
    html = render_report(build_report(store, limits=limits))
    path.write_text(html, encoding="utf-8")
