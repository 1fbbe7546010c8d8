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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .blocking import Blocker, candidate_pairs
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


def edges(news: Iterable[Mention], scorer: Scorer) -> list[Edge]:
    """Scored candidate pairs of news mentions from two reports, at or above the threshold."""
    threshold = scorer.settings.model.threshold
    out = []
    for a, b in candidate_pairs(news, scorer.settings):
        if a.document == b.document:
            continue
        p = scorer(a, b)
        if p >= threshold:
            x, y = (a, b) if a.id < b.id else (b, a)
            out.append(Edge(x.id, y.id, p))
    return out


def attach(groups: list[list[Mention]], others: Sequence[Mention], scorer: Scorer) -> list[Group]:
    """Background mentions and denials joined to the incident they match best (see module doc)."""
    settings = scorer.settings
    owner: dict[str, int] = {m.id: i for i, g in enumerate(groups) for m in g}
    blocker = Blocker(settings)
    for g in groups:
        for m in g:
            blocker.index(m)
    extra: dict[int, list[Mention]] = {}
    for m in sorted(others, key=lambda m: m.id):
        scored = [(scorer(m, n), n.id) for n in blocker.candidates(m) if n.document != m.document]
        scored = [s for s in scored if s[0] >= settings.model.attach_threshold]
        if scored:
            _, best = max(scored, key=lambda s: (s[0], s[1]))
            extra.setdefault(owner[best], []).append(m)
    return [Group(tuple(g), tuple(extra.get(i, ()))) for i, g in enumerate(groups)]


def link(mentions: Sequence[Mention], settings: Settings) -> list[Group]:
    """Incidents from mentions: cluster the news, attach background mentions and denials."""
    scorer = Scorer(settings)
    news = sorted((m for m in mentions if m.role == "news"), key=lambda m: m.id)
    others = [m for m in mentions if m.role != "news"]
    clusters = cluster(sentence_groups(news, settings), edges(news, scorer), settings)
    return attach(clusters, others, scorer)
