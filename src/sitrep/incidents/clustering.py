"""Clustering news mentions into incidents, with constraints.

Nodes are mentions; they start in *sentence groups*: the mentions of one sentence
and one category family at one place (or a place and the area that holds it, or no
place) are the words of one event
("an attack ... killed 22": ``attack`` and ``killed``) and move together. Two
different events of one sentence (other families, or two places that cannot both be
right) are never merged, directly or through others.

Edges are the scored candidate pairs at or above ``LinkModel.threshold``. Edges are
taken from the strongest down (ties broken by ids, so the result does not depend on
input order); an edge merges its two clusters when

- no sentence holds a mention of each (two events of one sentence), no report tells
  two different events, one in each (``one_event``: places that cannot be one place,
  two stated days, different means), and their
  *consensus* days (the day stated most often) are at most ``Settings.window_days``
  apart and their consensus places (the finest place named most often) do not
  contradict: one member with a wrong date or place does not veto what the rest
  agree on (each edge already passed the pairwise constraints of ``blocking``), and
- their *report linkage* reaches ``LinkModel.merge_threshold``: over every pair of
  reports, one in each cluster, the best edge between their mentions (0 without one),
  averaged (when the two clusters hold more than two reports; the link of one report
  pair has already passed both levels). One report that happens to resemble two others
  does not chain two incidents together.

The result depends only on the mentions and edges of one connected component, which
is what lets incremental linking recompute just the components new reports touch.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from .blocking import place_relation
from .mentions import Mention
from .settings import Settings
from .within import fold_reports

#: place relations of two words of one event (a village and its province; no place)
_ONE_PLACE = frozenset({"same", "within", "unknown"})


K = TypeVar("K", bound=Hashable)

class DisjointSets(Generic[K]):
    """Union-find with path halving over any hashable items (a new item is its own set). ``union(a,
    b)`` hangs ``a``'s root under ``b``'s, so a caller that wants a canonical root (the smallest
    id) passes the roots in that order."""

    def __init__(self) -> None:
        self.parent: dict[K, K] = {}

    def find(self, x: K) -> K:
        parent = self.parent
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: K, b: K) -> None:
        self.parent[self.find(a)] = self.find(b)


@dataclass(frozen=True, slots=True)
class Edge:
    """A scored candidate pair (ids in sorted order)."""

    a: str
    b: str
    score: float


def sentence_groups(mentions: Sequence[Mention], settings: Settings) -> list[list[Mention]]:
    """Mentions of one sentence and family whose places agree, grouped (see the module doc)."""
    by_sentence: dict[tuple[str, tuple[int, int], str], list[list[Mention]]] = defaultdict(list)
    for m in sorted(mentions, key=lambda m: (m.document, m.sentence, m.id)):
        groups = by_sentence[(m.document, m.sentence, m.family)]
        home = next((g for g in groups
                     if all(place_relation(m, o, settings) in _ONE_PLACE for o in g)), None)
        if home is None:
            groups.append([m])
        else:
            home.append(m)
    return [g for groups in by_sentence.values() for g in groups]


def cluster(groups: Sequence[list[Mention]], edges: Sequence[Edge], settings: Settings) -> list[list[Mention]]:
    """News mentions clustered into incidents (each a list of mentions, sorted by id)."""
    root: dict[str, str] = {}
    members: dict[str, list[Mention]] = {}
    for group in groups:
        head = min(m.id for m in group)
        members[head] = sorted(group, key=lambda m: m.id)
        for m in group:
            root[m.id] = head
    best: dict[str, dict[str, float]] = defaultdict(dict)
    for e in edges:
        best[e.a][e.b] = best[e.b][e.a] = e.score
    for e in sorted(edges, key=lambda e: (-e.score, e.a, e.b)):
        x, y = root.get(e.a), root.get(e.b)
        if x is None or y is None or x == y:
            continue
        if not _may_merge(members[x], members[y], best, settings):
            continue
        keep, drop = min(x, y), max(x, y)
        for m in members[drop]:
            root[m.id] = keep
        members[keep] = sorted(members[keep] + members.pop(drop), key=lambda m: m.id)
    clusters = sorted(members.values(), key=lambda ms: ms[0].id)
    if settings.within_report and settings.within is not None:
        return fold_reports(clusters, settings, settings.within, lambda xs, ys: may_fold(xs, ys, settings),
                            lambda x, y: x.sentence == y.sentence or not one_event(x, y, settings))
    return clusters


def may_fold(xs: list[Mention], ys: list[Mention], settings: Settings) -> bool:
    """Whether two clusters may be one incident as far as the constraints go: no two events of one
    sentence, no report telling two different events (``one_event``), consensus days and places agree."""
    if any(x.document == y.document and x.sentence == y.sentence for x in xs for y in ys):
        return False  # two events of one sentence
    if not all(one_event(x, y, settings) for x in xs for y in ys if x.document == y.document):
        return False  # two events of one report
    return _summaries_agree(summary(xs), summary(ys), settings)


def _may_merge(xs: list[Mention], ys: list[Mention], best: dict[str, dict[str, float]],
               settings: Settings) -> bool:
    if not may_fold(xs, ys, settings):
        return False
    if len({m.document for m in xs} | {m.document for m in ys}) <= 2:
        return True  # one report pair: its link already passed both levels (linker.align)
    return report_linkage(xs, ys, best) >= settings.model.merge_threshold


def one_event(x: Mention, y: Mention, settings: Settings) -> bool:
    """Whether two mentions of one report can tell one event: one place (or a place and the
    area that holds it, or no place), not two stated days, no different means."""
    if place_relation(x, y, settings) not in _ONE_PLACE:
        return False
    if x.specific and y.specific and x.days != y.days:
        return False
    return not (x.means and y.means and not x.means & y.means)


@dataclass(frozen=True, slots=True)
class Summary:
    """What most members of a cluster say: the day stated most often, the finest place named most."""

    day: int | None
    place: Mention | None


def summary(ms: Sequence[Mention]) -> Summary:
    days = Counter(m.days[0] for m in ms if m.specific and m.days is not None)
    day = min(days, key=lambda d: (-days[d], d)) if days else None
    placed = [m for m in ms if m.place is not None and (m.place.level or 0) >= 3]
    names = Counter(m.place.name for m in placed if m.place is not None)
    place = None
    if names:
        top = min(names, key=lambda n: (-names[n], n))
        place = next(m for m in placed if m.place is not None and m.place.name == top)
    return Summary(day, place)


def _summaries_agree(x: Summary, y: Summary, settings: Settings) -> bool:
    """Clusters whose consensus days or places contradict never merge; a single member
    with a wrong date or place does not veto a merge the rest supports."""
    if x.day is not None and y.day is not None and abs(x.day - y.day) > settings.window_days:
        return False
    return not (x.place is not None and y.place is not None
                and place_relation(x.place, y.place, settings) == "far")


def report_linkage(xs: list[Mention], ys: list[Mention], best: dict[str, dict[str, float]]) -> float:
    """Average over report pairs (one report in each cluster) of their best edge."""
    docs_x = {m.document for m in xs}
    docs_y = {m.document for m in ys}
    pairs = {(dx, dy) for dx in docs_x for dy in docs_y if dx != dy}
    if not pairs:
        return 1.0
    top: dict[tuple[str, str], float] = {}
    ids_y = {m.id: m.document for m in ys}
    for x in xs:
        for other, score in best.get(x.id, {}).items():
            dy = ids_y.get(other)
            if dy is not None and dy != x.document:
                key = (x.document, dy)
                top[key] = max(top.get(key, 0.0), score)
    return sum(top.get(p, 0.0) for p in pairs) / len(pairs)
