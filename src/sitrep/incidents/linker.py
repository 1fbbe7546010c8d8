"""Linking: mentions in, groups of mentions (incidents) out.

1. News mentions are blocked (``blocking``) and every candidate pair from two
   different reports is scored at two levels (``features.Scorer``): the *report model*
   decides whether the two reports share an incident (probability at or above
   ``LinkModel.threshold``; its stacked features are taken over all their candidate pairs); within such a report pair, the *mention model* aligns their
   mentions (``align``): the best pair when it reaches ``LinkModel.best_threshold``, others
   that reach ``LinkModel.align_threshold``. Aligned pairs become edges, scored by the product of both
   levels; the clustering keeps two events of one report apart.
2. News mentions are clustered with constraints (``clustering``).
3. Background mentions and denials are attached to the incident whose news mention
   they match best, when that match reaches ``LinkModel.attach_threshold``; they never
   found an incident.

Pure: the same mentions always give the same groups, in any input order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .blocking import Blocker, narrow_days
from .clustering import Edge, cluster, sentence_groups
from .features import Scorer
from .mentions import Mention
from .settings import Settings


@dataclass(frozen=True, slots=True)
class Group:
    """One incident as linked: its news mentions and the background mentions and denials attached."""

    news: tuple[Mention, ...]
    attached: tuple[Mention, ...] = ()

    @property
    def mentions(self) -> tuple[Mention, ...]:
        return self.news + self.attached


@dataclass(frozen=True, slots=True)
class Candidate:
    """A candidate pair of news mentions of two reports, scored at both levels (ids sorted)."""

    a: str
    b: str
    documents: tuple[str, str]  #: the two reports, sorted
    report: float  #: P(the two reports share an incident)
    mention: float  #: how well the two mentions tell one event


def candidates(new: Sequence[Mention], pool: Sequence[Mention], scorer: Scorer) -> list[Candidate]:
    """Every candidate pair of news mentions of two reports involving at least one of ``new``
    (``pool``: the mentions already linked), scored. A report added with ``new`` meets each
    other report in one call, so all candidate pairs of a report pair are scored together."""
    blocker = Blocker(scorer.settings)
    for m in sorted(pool, key=lambda m: m.id):
        blocker.index(m)
    found: list[tuple[Mention, Mention, tuple[str, str]]] = []
    by_pair: dict[tuple[str, str], list[tuple[Mention, Mention]]] = {}
    for m in sorted(new, key=lambda m: m.id):
        for other in blocker.add(m):
            if other.document == m.document:
                continue
            x, y = (m, other) if m.id < other.id else (other, m)
            docs = (x.document, y.document) if x.document < y.document else (y.document, x.document)
            found.append((x, y, docs))
            by_pair.setdefault(docs, []).append((x, y))
    report = {docs: scorer.reports(pairs) for docs, pairs in by_pair.items()}
    return [Candidate(x.id, y.id, docs, report[docs], scorer.mention(x, y)) for x, y, docs in found]


def align(found: Sequence[Candidate], threshold: float, align_threshold: float,
          best_threshold: float = 0.0, rescue: tuple[float, float] = (1.0, 1.0)) -> list[Edge]:
    """Edges of the report pairs whose report probability reaches ``threshold``: the report
    model says they share an incident, so their best mention pair (mention score, then ids)
    is aligned when its mention score reaches ``best_threshold`` (0: whatever its score; two
    reports alike in words whose best events still do not match share no incident); any
    other of their mention pairs is aligned when it reaches ``align_threshold`` (one event
    told in two sentences of both reports). A report pair below ``threshold`` whose report
    probability still reaches ``rescue[0]`` gets its best mention pair alone aligned when that
    pair's mention score reaches ``rescue[1]`` (``LinkModel.rescue_report``, ``rescue_mention``).
    An edge's score is its report probability times its mention score. Two events of one
    report are kept apart by the clustering (``clustering.one_event``)."""
    floor = min(threshold, rescue[0])
    by_pair: dict[tuple[str, str], list[Candidate]] = {}
    for c in found:
        if c.report >= floor:
            by_pair.setdefault(c.documents, []).append(c)
    out: list[Edge] = []
    for pair in sorted(by_pair):
        ranked = sorted(by_pair[pair], key=lambda c: (-c.mention, c.a, c.b))
        if ranked[0].report < threshold:
            top = ranked[0]
            if top.report >= rescue[0] and top.mention >= rescue[1]:
                out.append(Edge(top.a, top.b, top.report * top.mention))
            continue
        out.extend(Edge(c.a, c.b, c.report * c.mention) for i, c in enumerate(ranked)
                   if (i == 0 and c.mention >= best_threshold) or c.mention >= align_threshold)
    return out


def new_edges(new: Sequence[Mention], pool: Sequence[Mention], scorer: Scorer) -> list[Edge]:
    """Links between news mentions of two reports, each involving at least one of ``new``;
    ``pool`` holds the mentions already linked (their links are known)."""
    model = scorer.settings.model
    found = candidates(new, pool, scorer)
    edges = align(found, model.threshold, model.align_threshold, model.best_threshold,
                  (model.rescue_report, model.rescue_mention))
    return edges


def best_targets(others: Sequence[Mention], news: Sequence[Mention], scorer: Scorer) -> dict[str, tuple[str, float]]:
    """For each background mention or denial, the news mention of another report it matches
    best (the product of both levels), among those whose report probability reaches
    ``LinkModel.attach_threshold`` and whose mention score reaches ``LinkModel.align_threshold``
    (ties: the smaller id). A mention dated only to a month or a year recalls no incident in
    particular."""
    settings = scorer.settings
    blocker = Blocker(settings)
    for n in sorted(news, key=lambda m: m.id):
        blocker.index(n)
    out = {}
    for m in sorted(others, key=lambda m: m.id):
        if m.days is not None and narrow_days(m, settings) is None:
            continue  # only a month or a year: too vague to tell which incident it recalls
        model = settings.model
        levels = [(scorer.report(m, n), scorer.mention(m, n), n.id)
                  for n in blocker.candidates(m) if n.document != m.document]
        scored = [(r * p, n) for r, p, n in levels if r >= model.attach_threshold and p >= model.align_threshold]
        if scored:
            score, target = max(scored, key=lambda x: (x[0], descending(x[1])))
            out[m.id] = (target, score)
    return out


def better(old: tuple[str, float] | None, new: tuple[str, float] | None) -> tuple[str, float] | None:
    """The better of two attachments (higher score; ties: the smaller target id)."""
    if old is None or new is None:
        return old or new
    return max(old, new, key=lambda x: (x[1], descending(x[0])))


def descending(text: str) -> tuple[int, ...]:
    """A key that orders strings descending (so that max() prefers the smaller id)."""
    return tuple(-ord(c) for c in text)


def assemble(clusters: Sequence[Sequence[Mention]], attached: Mapping[str, tuple[str, float]],
             others: Mapping[str, Mention]) -> list[Group]:
    """Groups from news clusters and each attached mention's target."""
    owner = {m.id: i for i, c in enumerate(clusters) for m in c}
    extra: dict[int, list[Mention]] = {}
    for event_id, (target, _) in sorted(attached.items()):
        if target in owner and event_id in others:
            extra.setdefault(owner[target], []).append(others[event_id])
    return [Group(tuple(c), tuple(extra.get(i, ()))) for i, c in enumerate(clusters)]


@dataclass(frozen=True, slots=True)
class Linking:
    """What ``linked`` decided: the groups, the scored links between news mentions, and each
    background mention's or denial's attachment (event -> (target, score))."""

    groups: list[Group]
    edges: list[Edge]
    attached: dict[str, tuple[str, float]]


def linked(mentions: Sequence[Mention], settings: Settings) -> Linking:
    """Incidents from mentions, with the links and attachments that made them (``link``)."""
    scorer = Scorer(settings)
    news = sorted((m for m in mentions if m.role == "news"), key=lambda m: m.id)
    others = {m.id: m for m in mentions if m.role != "news"}
    edges = new_edges(news, (), scorer)
    clusters = cluster(sentence_groups(news, settings), edges, settings)
    attached = best_targets(list(others.values()), news, scorer)
    return Linking(assemble(clusters, attached, others), edges, attached)


def link(mentions: Sequence[Mention], settings: Settings) -> list[Group]:
    """Incidents from mentions: cluster the news, attach background mentions and denials."""
    return linked(mentions, settings).groups
