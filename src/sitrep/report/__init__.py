"""``sitrep report``: one self-contained HTML page a person would read.

``build_report`` gathers the data from the store (typed records, grouped);
``render_report`` turns it into HTML with a Jinja2 template (inline CSS and SVG,
no scripts or network resources). Sections appear when their stage produced data.
"""

from __future__ import annotations

import bisect
import importlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..records import (
    Actor,
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
from ..store import Store

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
    quotes_by_speaker: list[Any]  # sitrep.stages.quotes.report.ActorQuotes
    scare_quotes: list[tuple[ScareQuote, str]]
    framing: list[tuple[Actor, list[Any]]]  # per actor: sitrep.stages.framing.compare.OutletFraming rows
    times: list[tuple[TimeExpr, str]]
    places: list[tuple[Place, str]]
    map_svg: str | None
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


def _optional(path: str) -> Any:
    module, _, attr = path.partition(":")
    try:
        return getattr(importlib.import_module(module), attr)
    except (ImportError, AttributeError):
        return None


def build_report(store: Store) -> ReportData:
    documents = store.records(Document)
    actors = {a.id: a for a in store.records(Actor)}
    names = {a.id: a.name for a in actors.values()}
    views: dict[str, DocumentView] = {}
    index: dict[str, _Sentences] = {}
    for d in documents:
        views[d.id] = DocumentView(d, len(d.text.split()))
        index[d.id] = _Sentences(store.records(Sentence, document=d.id), d.text)

    def ev(doc: str, start: int, end: int) -> Evidence:
        return index[doc].evidence(start, end)

    def add(doc: str, kind: str, start: int, end: int, text: str, detail: str) -> None:
        view = views[doc]
        view.items.append(Item(kind, start, end, text, detail, ev(doc, start, end)))
        view.counts[kind] = view.counts.get(kind, 0) + 1

    for e in store.records(Entity):
        add(e.document, "entity", e.start, e.end, e.text, e.label)
    mentions = store.records(Mention)
    for m in mentions:
        add(m.document, "mention", m.start, m.end, m.text, f"{names.get(m.actor, m.actor)} ({m.method})")
    times = store.records(TimeExpr)
    for t in times:
        add(t.document, "time", t.start, t.end, t.text, f"{t.type} {t.value or 'unresolved'}" + (" ~" if t.fuzzy else ""))
    places = store.records(Place)
    for p in places:
        add(p.document, "place", p.start, p.end, p.text, f"{p.name}, {p.country or '?'} (level {p.level})")
    quotes = store.records(Quote)
    for q in quotes:
        add(q.document, "quote", q.start, q.end, q.text, f"{q.kind}; speaker {names.get(q.speaker or '', q.speaker_text or '?')}; cue {q.cue or '-'}")
    scares = store.records(ScareQuote)
    for s in scares:
        add(s.document, "scare quote", s.start, s.end, s.text, f"attached to {names.get(s.attached_to or '', s.attached_to or '-')}")
    events = store.records(Event)
    for e in events:
        who = ", ".join(names.get(a, a) for a in e.actors) or "?"
        whom = ", ".join(names.get(a, a) for a in e.recipients) or "-"
        add(e.document, "event", e.evidence.start, e.evidence.end, e.trigger, f"{e.category} [{e.status}] {who} → {whom}")
    for view in views.values():
        view.items.sort(key=lambda i: (i.start, i.kind))

    # actors: counts and surface forms per document
    per_actor: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for m in mentions:
        per_actor[m.actor][m.document].append(m.text)
    actor_views = []
    for actor_id, by_doc in per_actor.items():
        actor = actors.get(actor_id) or Actor(actor_id, actor_id)
        rows = [
            (views[d].outlet if d in views else d, len(forms), [f"{t} ×{n}" if n > 1 else t for t, n in Counter(forms).most_common()])
            for d, forms in by_doc.items()
        ]
        actor_views.append(ActorView(actor, sum(r[1] for r in rows), sorted(rows, key=lambda r: -r[1])))
    actor_views.sort(key=lambda a: (-a.total, a.actor.name))

    outlet = {d.id: views[d.id].outlet for d in documents}
    factual = [(e, outlet.get(e.document, e.document), ev(e.document, e.evidence.start, e.evidence.end)) for e in events if e.status not in NON_FACTUAL]
    other = [(e, outlet.get(e.document, e.document), ev(e.document, e.evidence.start, e.evidence.end)) for e in events if e.status in NON_FACTUAL]

    from ..stages.quotes.report import quotes_by_actor

    by_speaker = quotes_by_actor(quotes, documents, actors=actors.values())

    from ..stages.framing.compare import compare_actor

    framings = store.records(Framing)
    by_actor = Counter(f.actor for f in framings)
    framing = [
        (actors.get(a) or Actor(a, a), compare_actor(framings, documents, a, max_evidence=3))
        for a, n in by_actor.most_common(15)
        if n >= 2 or len(by_actor) <= 10
    ]

    map_svg = None
    render_map = _optional("sitrep.stages.place:map_svg")
    if render_map and places:
        map_svg = render_map(places)

    incident_list = store.incidents() if store.schema_version >= 6 else []
    from ..incidents.report import incident_views

    return ReportData(
        incidents=incident_views(incident_list, events, documents, names),
        incidents_total=len(incident_list),
        db=store.path,
        generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        counts=store.status_counts(),
        problems=store.reasons(),
        documents=list(views.values()),
        actors=actor_views,
        events_factual=factual,
        events_other=other,
        quotes_by_speaker=by_speaker,
        scare_quotes=[(s, outlet.get(s.document, s.document)) for s in scares],
        framing=framing,
        times=[(t, outlet.get(t.document, t.document)) for t in times],
        places=[(p, outlet.get(p.document, p.document)) for p in places],
        map_svg=map_svg,
        actor_names=names,
    )


def render_report(data: ReportData) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("sitrep.report", "templates"), autoescape=select_autoescape(["html", "j2"]))
    return env.get_template("report.html.j2").render(r=data)


def write_report(store: Store, path: Path) -> None:
    path.write_text(render_report(build_report(store)), encoding="utf-8")
