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

  Behind the switch ``report_share`` (default off; on when the environment variable
  ``SITREP_INCIDENT_CLUSTERING`` names it, or ``clustering.REPORT_SHARE[0] = True``) the
  linkage is instead the *share* of those report pairs that have an edge at all
  (``report_share``): a report that links to one report of each of two clusters (a
  roundup or a long report whose incident gathers several of its sentences, the joining
  report of the tune half's chains) bridges them only when enough of the other report
  pairs are linked directly too. ``LinkModel.merge_threshold`` is then that share, chosen
  by the fit's cross-validation (``scripts/fit_incident_linker.py --merges``).

Behind the switch ``cannot_link`` (default off; ``SITREP_INCIDENT_CLUSTERING=cannot_link``, or
``clustering.CANNOT_LINK[0] = True``) the linker adds *cannot-links* (``linker.cannot_links``): two
reports that blocking compared, that got no edge, and whose best mention pair scores under
``LinkModel.align_threshold`` (no pair of their mentions tells one event) never end in one incident
through others. A cannot-link is an ``Edge`` with a negative score (its best mention score minus 1),
stored with the links; it ties nothing together, it only vetoes a merge whose two clusters hold
one report of the pair each (``_kept_apart``).

The result depends only on the mentions and edges of one connected component (and the
cannot-links among its reports), which
is what lets incremental linking recompute just the components new reports touch.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from .blocking import place_relation
from .mentions import Mention
from .settings import Settings

#: place relations of two words of one event (a village and its province; no place)
_ONE_PLACE = frozenset({"same", "within", "unknown"})


K = TypeVar("K", bound=Hashable)

#: the named clustering switches ``SITREP_INCIDENT_CLUSTERING`` may turn on (comma-separated)
SWITCHES = frozenset({"report_share", "cannot_link", "split_mentions"})
_ASKED = frozenset(x.strip() for x in os.environ.get("SITREP_INCIDENT_CLUSTERING", "").split(",") if x.strip())
if _ASKED - SWITCHES:
    raise ValueError(f"SITREP_INCIDENT_CLUSTERING: unknown switch(es) {sorted(_ASKED - SWITCHES)}; known: "
                     f"{sorted(SWITCHES)}")
#: whether a merge's linkage is the share of its report pairs with an edge (``report_share``)
#: instead of their mean best edge (``report_linkage``); default off (a one-item list, so a
#: benchmark can run both ways in one process)
REPORT_SHARE: list[bool] = ["report_share" in _ASKED]
#: whether the linker adds cannot-links (``cannot_link``, incidents58): two reports blocking compared
#: whose best mention pair scores under ``LinkModel.align_threshold`` and that got no edge never end in
#: one incident through others; default off (a one-item list, so a benchmark can run both ways)
CANNOT_LINK: list[bool] = ["cannot_link" in _ASKED]
#: whether a report's mentions are split by the days it states (``split_mentions``, incidents60): a
#: cluster that tells the day of one of a report's events never merges with that report's mentions of
#: another stated day; default off (a one-item list, so a benchmark can run both ways)
SPLIT_MENTIONS: list[bool] = ["split_mentions" in _ASKED]


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
    """A scored candidate pair (ids in sorted order). A negative score marks a *cannot-link*
    (``cannot_link``): the best mention pair of two compared reports that are kept apart."""

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


def apart_pairs(edges: Iterable[Edge], document: Mapping[str, str]) -> set[frozenset[str]]:
    """The report pairs the cannot-links among ``edges`` keep apart (``document``: mention id ->
    report; a cannot-link with an end it does not know is left out)."""
    out = set()
    for e in edges:
        if e.score < 0 and e.a in document and e.b in document:
            out.add(frozenset((document[e.a], document[e.b])))
    return out


def cluster(groups: Sequence[list[Mention]], edges: Sequence[Edge], settings: Settings,
            apart: Collection[frozenset[str]] = ()) -> list[list[Mention]]:
    """News mentions clustered into incidents (each a list of mentions, sorted by id). The
    cannot-links among ``edges`` (negative scores) and the report pairs ``apart`` never end in
    one cluster."""
    root: dict[str, str] = {}
    members: dict[str, list[Mention]] = {}
    for group in groups:
        head = min(m.id for m in group)
        members[head] = sorted(group, key=lambda m: m.id)
        for m in group:
            root[m.id] = head
    kept = set(apart) | apart_pairs(edges, {m.id: m.document for g in groups for m in g})
    links = [e for e in edges if e.score >= 0]
    best: dict[str, dict[str, float]] = defaultdict(dict)
    for e in links:
        best[e.a][e.b] = best[e.b][e.a] = e.score
    for e in sorted(links, key=lambda e: (-e.score, e.a, e.b)):
        x, y = root.get(e.a), root.get(e.b)
        if x is None or y is None or x == y:
            continue
        if not _may_merge(members[x], members[y], best, settings) or _kept_apart(members[x], members[y], kept):
            continue
        keep, drop = min(x, y), max(x, y)
        for m in members[drop]:
            root[m.id] = keep
        members[keep] = sorted(members[keep] + members.pop(drop), key=lambda m: m.id)
    return sorted(members.values(), key=lambda ms: ms[0].id)


def _kept_apart(xs: list[Mention], ys: list[Mention], kept: set[frozenset[str]]) -> bool:
    """Whether a report of one cluster and a report of the other are a cannot-link pair."""
    if not kept:
        return False
    docs_y = {m.document for m in ys}
    return any(frozenset((dx, dy)) in kept for dx in {m.document for m in xs} for dy in docs_y if dx != dy)


def _may_merge(xs: list[Mention], ys: list[Mention], best: dict[str, dict[str, float]],
               settings: Settings) -> bool:
    if any(x.document == y.document and x.sentence == y.sentence for x in xs for y in ys):
        return False  # two events of one sentence
    if not all(one_event(x, y, settings) for x in xs for y in ys if x.document == y.document):
        return False  # two events of one report
    if not _summaries_agree(summary(xs), summary(ys), settings):
        return False
    if SPLIT_MENTIONS[0] and (told_apart(xs, ys) or told_apart(ys, xs)):
        return False  # one cluster tells the day of another event of a report the other holds
    if len({m.document for m in xs} | {m.document for m in ys}) <= 2:
        return True  # one report pair: its link already passed both levels (linker.align)
    linkage = report_share(xs, ys, best) if REPORT_SHARE[0] else report_linkage(xs, ys, best)
    return linkage >= settings.model.merge_threshold


def one_event(x: Mention, y: Mention, settings: Settings) -> bool:
    """Whether two mentions of one report can tell one event: one place (or a place and the
    area that holds it, or no place), not two stated days, no different means."""
    if place_relation(x, y, settings) not in _ONE_PLACE:
        return False
    if x.specific and y.specific and x.days != y.days:
        return False
    return not (x.means and y.means and not x.means & y.means)


def told_apart(xs: Sequence[Mention], ys: Sequence[Mention]) -> bool:
    """The switch ``split_mentions``: whether ``xs`` tells another event of a report ``ys`` holds.

    A report that states two or more days for news events of one family (``Mention.family_days``:
    a Tuesday raid told with new facts on Monday's strike) tells that many events, one per day
    (``one_event`` already keeps its stated days apart inside the report). Its mentions in ``ys`` are
    its event of the days its narrative places them on (``Mention.narrative_day``: the stated day, or
    that of the nearest earlier sentence of the family); when the day the *other* reports' mentions of
    ``xs`` are placed on most often (ties: the earlier) is another of the report's stated days, ``xs``
    is the report's other event, and the two clusters stay apart: each of its events links on its own."""
    for doc in sorted({m.document for m in ys if len(m.family_days) > 1}):
        own = {m.narrative_day for m in ys if m.document == doc and m.narrative_day is not None}
        stated = {d[0] for m in ys if m.document == doc for d in m.family_days}
        days = Counter(m.narrative_day for m in xs if m.document != doc and m.narrative_day is not None)
        if not own or not days:
            continue
        day = min(days, key=lambda d: (-days[d], d))
        if day in stated and day not in own:
            return True
    return False


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


def report_share(xs: list[Mention], ys: list[Mention], best: dict[str, dict[str, float]]) -> float:
    """The share of report pairs (one report in each cluster) with an edge between their
    mentions (the switch ``report_share``): how many of the pairs the merge would join were
    linked directly, whatever their scores."""
    docs_x = {m.document for m in xs}
    docs_y = {m.document for m in ys}
    pairs = {(dx, dy) for dx in docs_x for dy in docs_y if dx != dy}
    if not pairs:
        return 1.0
    ids_y = {m.id: m.document for m in ys}
    linked = {(x.document, ids_y[other]) for x in xs for other in best.get(x.id, {})
              if other in ids_y and ids_y[other] != x.document}
    return len(linked & pairs) / len(pairs)
