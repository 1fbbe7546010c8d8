"""Linking: mentions in, groups of mentions (incidents) out.

1. News mentions are blocked (``blocking``) and every candidate pair from two
   different reports is scored (``features.score``); pairs at or above
   ``LinkModel.threshold`` become edges.
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


def new_edges(new: Sequence[Mention], pool: Sequence[Mention], scorer: Scorer) -> list[Edge]:
    """Links at or above the threshold between news mentions of two reports, each involving at
    least one of ``new``; ``pool`` holds the mentions already linked (their links are known)."""
    settings = scorer.settings
    blocker = Blocker(settings)
    for m in sorted(pool, key=lambda m: m.id):
        blocker.index(m)
    out = []
    for m in sorted(new, key=lambda m: m.id):
        for other in blocker.add(m):
            if other.document == m.document:
                continue
            p = scorer(m, other)
            if p >= settings.model.threshold:
                x, y = (m, other) if m.id < other.id else (other, m)
                out.append(Edge(x.id, y.id, p))
    return out


def best_targets(others: Sequence[Mention], news: Sequence[Mention], scorer: Scorer) -> dict[str, tuple[str, float]]:
    """For each background mention or denial, the news mention of another report it matches
    best, when that match reaches ``LinkModel.attach_threshold`` (ties: the smaller id). A
    mention dated only to a month or a year recalls no incident in particular."""
    settings = scorer.settings
    blocker = Blocker(settings)
    for n in sorted(news, key=lambda m: m.id):
        blocker.index(n)
    out = {}
    for m in sorted(others, key=lambda m: m.id):
        if m.days is not None and narrow_days(m, settings) is None:
            continue  # only a month or a year: too vague to tell which incident it recalls
        scored = [(scorer(m, n), n.id) for n in blocker.candidates(m) if n.document != m.document]
        scored = [x for x in scored if x[0] >= settings.model.attach_threshold]
        if scored:
            score, target = max(scored, key=lambda x: (x[0], _desc(x[1])))
            out[m.id] = (target, score)
    return out


def better(old: tuple[str, float] | None, new: tuple[str, float] | None) -> tuple[str, float] | None:
    """The better of two attachments (higher score; ties: the smaller target id)."""
    if old is None or new is None:
        return old or new
    return max(old, new, key=lambda x: (x[1], _desc(x[0])))


def _desc(text: str) -> tuple[int, ...]:
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


def link(mentions: Sequence[Mention], settings: Settings) -> list[Group]:
    """Incidents from mentions: cluster the news, attach background mentions and denials."""
    scorer = Scorer(settings)
    news = sorted((m for m in mentions if m.role == "news"), key=lambda m: m.id)
    others = {m.id: m for m in mentions if m.role != "news"}
    clusters = cluster(sentence_groups(news, settings), new_edges(news, (), scorer), settings)
    return assemble(clusters, best_targets(list(others.values()), news, scorer), others)
