"""Keeping the stored incidents up to date: incrementally as reports arrive, or rebuilt.

Everything the linker decides is local: a link depends only on its two mentions, the
clustering only on one connected set of links, an attachment only on the background
mention and its candidates. So new reports change only

1. the links of their mentions (blocked against the stored reports of the days they
   can concern: ``Store.documents_near``),
2. the clusters of the linked sets those links touch (recomputed whole, from the
   stored links and the new ones),
3. the attachments whose best match is a new mention, and the incidents that gain or
   lose an attached mention.

Incident ids derive from their earliest report's smallest news event id, so an incident nothing touched
keeps its id and its record; ``update_incidents(store, rebuild=True)`` recomputes
everything from scratch and gives the same incidents (tests/test_incidents_store.py).
A change of the linker (weights, settings) or of a linked report's analysis makes the
next update a rebuild.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..records import Actor, Casualty, Document, Entity, Event, Place, TimeExpr
from ..stages.events.lexicon import FIGHT_WORDS
from ..store import Store
from . import blocking
from . import contested as contested_module
from .blocking import narrow_days
from .build import records
from .clustering import Edge, cluster, sentence_groups
from .features import Scorer
from .inputs import DocumentInput, loose_figures
from .linker import assemble, best_targets, better, linked, new_edges
from .mentions import Mention, mentions
from .records import Incident, Member
from .rollup import GROUP_WORDS
from .settings import Settings, load_settings

#: bump when the linking code changes behaviour, so that stored incidents are rebuilt
CODE_VERSION = "8"  # 8: incident records carry each report's tie (``links``, branch link1)


@dataclass(slots=True)
class Change:
    """One atomic update of the stored incident state (``Store.save_incident_state``)."""

    reset: bool = False
    drop_incidents: set[str] = field(default_factory=set)
    drop_members: set[str] = field(default_factory=set)
    drop_edges: set[str] = field(default_factory=set)
    drop_attachments: set[str] = field(default_factory=set)
    edges: list[tuple[str, str, float]] = field(default_factory=list)
    attachments: list[tuple[str, str, float]] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    linked: list[tuple[str, str, str | None]] = field(default_factory=list)


@dataclass(slots=True)
class UpdateSummary:
    """What an update did."""

    rebuilt: bool = False
    documents: int = 0  #: reports linked by this update
    changed: int = 0  #: incidents written (new or changed)
    removed: int = 0  #: incidents replaced or gone
    incidents: int = 0  #: incidents stored after the update
    seconds: float = 0.0


def linker_version(settings: Settings) -> str:
    """A short hash of everything that decides the links: code version, weights, settings."""
    parts = {
        "code": CODE_VERSION, "model": settings.model.to_dict(), "families": dict(settings.families),
        "means": sorted(" ".join(k) + "=" + v for k, v in settings.means.items()),
        "sides": dict(settings.sides),
        "idf": hashlib.sha256(json.dumps(sorted(settings.idf.items())).encode()).hexdigest()[:12],
        "idf_unseen": settings.idf_unseen,
        "numbers": [settings.window_days, settings.night_days, settings.report_lag_days,
                    settings.background_days, settings.max_span_days, settings.max_distance_km,
                    settings.lead_chars, settings.lead_sentences, settings.copy_jaccard, settings.copy_days,
                    settings.denial_sentences],
    }
    if settings.copy_by_containment:  # copies by containment, any day (indep1)
        parts["copy_containment"] = settings.copy_containment
    if contested_module.TIED_VERSIONS:  # the stored records' contested fields read the loose figures
        parts["tied_versions"] = True
    if blocking.UNRESOLVED_FINE:  # an unresolved place is a fine place of unknown position
        parts["unresolved_fine"] = True
    if blocking.UNRESOLVED_APART:  # and two unresolved names of different keys are two places
        parts["unresolved_apart"] = True
    if not settings.rollup_agreement:  # the stored records' parties and figures are the union roll-up
        parts["rollup_union"] = True
    if not settings.place_agreement:  # the stored records' place is the finest place two reports name
        parts["place_anchor"] = True
    if settings.rollup_headline:  # the stored records' killed figures read the reports' headline tolls
        parts["rollup_headline"] = True
    if settings.rollup_battles:  # the stored records' fight sides are actors (battle1)
        parts["rollup_battles"] = sorted(FIGHT_WORDS)
    if settings.rollup_own_side:  # the stored records' recipients leave out the actors' own parties (selfrec1)
        parts["rollup_own_side"] = True
    if settings.rollup_battles and settings.rollup_fight_frames:  # the fight sides the events stage stored (battle3)
        parts["rollup_fight_frames"] = "event-fight-sides"
    if not settings.place_within:  # the stored records' places carry no ``within``
        parts["no_place_within"] = True
    if settings.place_from_report:  # a record naming no place takes its report's (place1)
        parts["place_from_report"] = True
    if settings.place_below_country:  # the stored records' places are below country level (placerec1)
        parts["place_below_country"] = True
    if settings.rollup_named_doers:  # the stored records' umbrella doers yield to named groups (actorrec1)
        parts["rollup_named_doers"] = True
    if settings.rollup_group_sums:  # the stored records' killed tolls sum a source's groups (killrec1)
        parts["rollup_group_sums"] = sorted(GROUP_WORDS)
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:12]


def load_inputs(store: Store, doc_ids: Iterable[str]) -> list[DocumentInput]:
    """The records the linker reads for the given reports (sorted by id)."""
    docs = store.documents_by_id(list(doc_ids))
    ids = [d.id for d in docs]
    per: dict[type, dict[str, list[Any]]] = {}
    for cls in (Event, Place, Entity, TimeExpr, Casualty):
        grouped: dict[str, list[Any]] = defaultdict(list)
        for record in store.records_for(cls, ids):
            grouped[getattr(record, "document")].append(record)  # noqa: B009  (every per-document record has one)
        per[cls] = grouped
    actor_ids = {i for evs in per[Event].values() for e in evs for i in (*e.actors, *e.recipients)}
    actors = {a.id: a for a in store.records(Actor) if a.id in actor_ids}
    out = []
    for d in sorted(docs, key=lambda d: d.id):
        events = per[Event].get(d.id, [])
        used = sorted({i for e in events for i in (*e.actors, *e.recipients)})
        out.append(DocumentInput(d, events, per[Place].get(d.id, []), per[Entity].get(d.id, []),
                                 per[TimeExpr].get(d.id, []), [actors[i] for i in used if i in actors],
                                 loose_figures=loose_figures(per[Casualty].get(d.id, []))))
    return out


class _Pool:
    """The reports loaded so far, their mentions by id, and their documents."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store, self.settings = store, settings
        self.docs: dict[str, Document] = {}
        self.mentions: dict[str, Mention] = {}

    def load(self, doc_ids: Iterable[str]) -> list[Mention]:
        missing = sorted(set(doc_ids) - set(self.docs))
        items = load_inputs(self.store, missing)
        found = mentions(items, self.settings)
        for item in items:
            self.docs[item.document.id] = item.document
        for m in found:
            self.mentions[m.id] = m
        return found

    def siblings(self, ids: Iterable[str]) -> set[str]:
        """News mentions sharing a sentence and a family with any of ``ids``."""
        keys = {(m.document, m.sentence, m.family) for i in ids if (m := self.mentions.get(i)) is not None}
        return {m.id for m in self.mentions.values()
                if m.role == "news" and (m.document, m.sentence, m.family) in keys}


def _window(ms: Sequence[Mention], settings: Settings) -> tuple[str, str] | None:
    """The ISO days a report of these mentions could share an incident with them."""
    days = [d for m in ms for d in (narrow_days(m, settings) or ())]
    if not days:
        return None
    pad = settings.window_days + settings.report_lag_days + settings.max_span_days
    return (date.fromordinal(min(days) - pad).isoformat(), date.fromordinal(max(days) + pad).isoformat())


def rebuild(store: Store, settings: Settings, version: str) -> tuple[Change, int]:
    """Everything from scratch."""
    versions = store.analyzed_versions()
    pool = _Pool(store, settings)
    found = pool.load(versions)
    linking = linked(found, settings)
    result = records(linking.groups, pool.docs, settings, found, linking.edges, linking.attached)
    change = Change(reset=True, edges=[(e.a, e.b, e.score) for e in linking.edges],
                    attachments=[(k, t, s) for k, (t, s) in sorted(linking.attached.items())],
                    incidents=result.incidents, members=result.members,
                    linked=[(d, version, v) for d, v in sorted(versions.items())])
    return change, len(versions)


def _component(store: Store, pool: _Pool, seeds: set[str], fresh: Sequence[Edge]) -> tuple[set[str], list[Edge]]:
    """Every news mention tied to ``seeds`` by stored or new links or by sharing a sentence
    (the words of one event move together), and the links among them."""
    adjacency: dict[str, list[Edge]] = defaultdict(list)
    for e in fresh:
        adjacency[e.a].append(e)
        adjacency[e.b].append(e)
    seen, frontier, links = set(seeds), set(seeds), set(fresh)
    while frontier:
        pool.load({doc for _, _, doc, _ in store.incident_members(events=frontier)})
        stored = [Edge(a, b, s) for a, b, s in store.incident_edges(frontier)]
        links.update(stored)
        nxt: set[str] = set()
        for e in stored + [e for x in frontier for e in adjacency.get(x, ())]:
            nxt.update((e.a, e.b))
        nxt.update(pool.siblings(frontier))
        frontier = nxt - seen
        seen |= frontier
    return seen, sorted(links, key=lambda e: (e.a, e.b))


def incremental(store: Store, settings: Settings, version: str, todo: Sequence[str]) -> tuple[Change, int]:
    """Link the reports ``todo`` (new since the last update) into the stored incidents."""
    pool = _Pool(store, settings)
    new = pool.load(todo)
    fresh_docs = set(todo)
    window = _window(new, settings)
    if window is not None:
        pool.load(d for d in store.documents_near(*window) if d not in fresh_docs)
    old = [m for m in pool.mentions.values() if m.document not in fresh_docs]
    scorer = Scorer(settings)
    fresh = new_edges([m for m in new if m.role == "news"], [m for m in old if m.role == "news"], scorer)
    seeds = {m.id for m in new if m.role == "news"} | {x for e in fresh for x in (e.a, e.b)}
    component, links = _component(store, pool, seeds, fresh)
    attached, moved = _attachments(store, pool, new, old, scorer)
    change = _change(store, pool, settings, component, links, attached, moved)
    change.edges = [(e.a, e.b, e.score) for e in fresh]
    versions = store.analyzed_versions()
    change.linked = [(d, version, versions.get(d)) for d in sorted(todo)]
    return change, len(todo)


def _attachments(store: Store, pool: _Pool, new: Sequence[Mention], old: Sequence[Mention],
                 scorer: Scorer) -> tuple[dict[str, tuple[str, float]], set[str]]:
    """All attachments after the update, and the background mentions whose target changed."""
    stored = store.incident_attachments()
    news_all = [m for m in pool.mentions.values() if m.role == "news"]
    new_news = [m for m in new if m.role == "news"]
    mine = best_targets([m for m in new if m.role != "news"], news_all, scorer)
    theirs = best_targets([m for m in old if m.role != "news"], new_news, scorer)
    moved = set(mine)
    result = dict(stored)
    result.update(mine)
    for event_id, candidate in theirs.items():
        chosen = better(stored.get(event_id), candidate)
        if chosen is not None and chosen != stored.get(event_id):
            result[event_id] = chosen
            moved.add(event_id)
    return result, moved


def _change(store: Store, pool: _Pool, settings: Settings, component: set[str], links: Sequence[Edge],
            attached: dict[str, tuple[str, float]], moved: set[str]) -> Change:
    """Recluster the touched component, rebuild the incidents that changed, say what to write."""
    new_targets = {attached[e][0] for e in moved if e in attached}
    touched = {inc for _, inc, _, _ in store.incident_members(events=component | moved | new_targets)}
    keep = store.incident_members(incidents=touched)
    pool.load({doc for _, _, doc, _ in keep})
    news = [pool.mentions[i] for i in sorted(component) if i in pool.mentions]
    clusters = cluster(sentence_groups(news, settings), [e for e in links if e.a in component], settings)
    for inc in sorted(touched):  # touched only through an attachment that moved: same news cluster
        rest = sorted((pool.mentions[e] for e, i, _, role in keep
                       if i == inc and role == "news" and e not in component and e in pool.mentions),
                      key=lambda m: m.id)
        if rest:
            clusters.append(rest)
    targets = {m.id for c in clusters for m in c}
    chosen = {e: t for e, t in attached.items() if t[0] in targets}
    others = {m.id: m for m in pool.mentions.values() if m.role != "news"}
    ties = [e for e in links if e.a in component] + [Edge(a, b, s) for a, b, s in store.incident_edges(targets - component)]
    result = records(assemble(clusters, chosen, others), pool.docs, settings, pool.mentions.values(), ties, chosen)
    return Change(
        drop_incidents=touched, drop_members={e for e, _, _, _ in keep} | {m.event for m in result.members},
        drop_attachments=moved, attachments=[(e, attached[e][0], attached[e][1]) for e in sorted(moved)],
        incidents=result.incidents, members=result.members)


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector paused for the duration, then restored as it was.

    Linking allocates many small objects that live until it ends (mentions, word sets, scored
    pairs) and makes almost no reference cycles (about 1,400 unreachable objects after a
    rebuild of the 402 FA-KES development reports, freed by the next collection after the
    step). Each collection those allocations trigger traverses again the whole long-lived
    heap of the process (in ``sitrep run``: the loaded models and the knowledge base):
    repeated work, a quarter to a third of the step (docs/benchmarks.md, issue 11). What is
    linked does not depend on it.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def update_incidents(store: Store, *, settings: Settings | None = None, rebuild_all: bool = False) -> UpdateSummary:
    """Bring the stored incidents up to date with the analysed reports (see the module doc),
    with the garbage collector paused (``paused_gc``)."""
    with paused_gc():
        return _update(store, settings, rebuild_all=rebuild_all)


def _update(store: Store, settings: Settings | None, *, rebuild_all: bool) -> UpdateSummary:
    started = time.perf_counter()
    settings = settings or load_settings()
    version = linker_version(settings)
    analyzed = store.analyzed_versions()
    linked = store.linked_documents()
    stale = any(v[0] != version or analyzed.get(d, v[1]) != v[1] for d, v in linked.items())
    before = store.incident_ids()
    todo = sorted(d for d in analyzed if d not in linked)
    if rebuild_all or stale or (todo and not linked):
        change, n = rebuild(store, settings, version)
    elif todo:
        change, n = incremental(store, settings, version, todo)
    else:
        return UpdateSummary(incidents=len(before), seconds=time.perf_counter() - started)
    store.save_incident_state(change)
    after = store.incident_ids()
    return UpdateSummary(rebuilt=change.reset, documents=n, changed=len(change.incidents),
                         removed=len(before - after), incidents=len(after), seconds=time.perf_counter() - started)


__all__ = ["Change", "UpdateSummary", "linker_version", "load_inputs", "paused_gc", "update_incidents"]
