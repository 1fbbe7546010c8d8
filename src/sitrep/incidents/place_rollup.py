"""The incident's place: the finest place its reports agree on (issue 11, rollplace1).

The reports of one incident often name it at different grains: two say "Manbij", one names
the village of Tokhar outside it; two say "Idlib province", two name the village of Hass. A
finer place that does not contradict the place the reports agree on says more, not something
else. So:

- the *anchor* is the place main's rule takes (``anchor``): the finest place named by at least
  two reports (by the one report when only one names a place; by any report when no place is
  named by two);
- a place a member names is *consistent* with the anchor when neither it nor any place its
  sentences put it in (``Mention.surroundings``: for a name the gazetteer lacks, the resolved
  places its sentence names, "the Ain Dafla quarter of Marj Hilal") is ``far`` from the anchor
  (``blocking.places_relation``, the linker's own reading: another country, another division,
  or two towns more than ``Settings.max_distance_km`` apart; a name the gazetteer lacks is a fine
  place of unknown position, contradicted only by another country or a differently spelt
  unresolved name);
- the incident's place is the finest consistent place at least as fine as the anchor, ties by
  the number of reports that name it, then of mentions, then the anchor first, then the name;
  the anchor when no other place qualifies.

*Fineness* is the place level (PLOVER: 1 country … 5 sub-city); a place the gazetteer could not
resolve counts as the finest (``blocking.unresolved``: the events stage keeps it as written, a
village or quarter the gazetteer lacks), as the linker reads it (``blocking.UNRESOLVED_FINE``).
No number is fitted. ``Settings.place_agreement`` turns it on (off: ``anchor`` alone).

A place without a point (a name the gazetteer lacks) keeps null coordinates; the place it lies in
is the anchor when that has a point (``agreed_place_within``, ``Settings.place_within``), so a map
or an ACLED row can place it at the anchor, stated as such (within1). Pure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .blocking import day_gap, loose_name_key, places_relation, unresolved
from .mentions import Mention, PlaceKey
from .settings import Settings

#: the fineness of a place the gazetteer could not resolve: as fine as a sub-city place (PLOVER 5)
UNRESOLVED_LEVEL = 5


@dataclass(slots=True)
class NamedPlace:
    """One place name of an incident's news mentions: its key and who names it."""

    key: PlaceKey
    reports: set[str] = field(default_factory=set)
    mentions: int = 0
    #: where its mentions' sentences put it (``Mention.surroundings``: for a place the gazetteer
    #: could not resolve, the resolved places its sentences name)
    around: dict[PlaceKey, None] = field(default_factory=dict)
    #: some mention names it as a place can be named (``Mention.proper``)
    proper: bool = False


def named_places(news: Sequence[Mention]) -> dict[str, NamedPlace]:
    """The places the news mentions name, by name (the first mention's key for each)."""
    out: dict[str, NamedPlace] = {}
    for m in news:
        if m.place is None:
            continue
        named = out.setdefault(m.place.name, NamedPlace(m.place))
        named.reports.add(m.document)
        named.mentions += 1
        named.around.update(dict.fromkeys(m.surroundings))
        named.proper = named.proper or m.proper
    return out


def fineness(p: PlaceKey) -> int:
    """The place level; a place the gazetteer could not resolve counts as a sub-city place."""
    return UNRESOLVED_LEVEL if unresolved(p) else (p.level or 0)


def anchor(named: dict[str, NamedPlace]) -> str:
    """Main's rule: the finest place named by at least two reports (by the one report if only one)."""
    reports = {d for n in named.values() for d in n.reports}
    floor = 2 if len(reports) > 1 else 1
    names = [n for n, p in named.items() if len(p.reports) >= floor] or list(named)
    return max(names, key=lambda n: (named[n].key.level or 0, len(named[n].reports), n))


def consistent(name: str, base: str, named: dict[str, NamedPlace], settings: Settings) -> bool:
    """A place other than the anchor that can stand for it: a place name (``Mention.proper``), not
    the anchor spelt otherwise ("Deir al-Zor" for "Deir ez-Zor"), and neither it nor any place its
    sentences put it in ``far`` from the anchor (a quarter its sentence puts in one town is far from an
    anchor in another town)."""
    p, a = named[name], named[base].key
    key = loose_name_key(p.key.name)
    if not p.proper or places_relation(p.key, a, settings) == "same" or (key is not None and key == loose_name_key(a.name)):
        return False
    return all(places_relation(q, a, settings) != "far" for q in (p.key, *p.around))


def located(p: PlaceKey) -> bool:
    """Whether a place has a point (latitude and longitude)."""
    return p.lat is not None and p.lon is not None


def agreed_place_within(news: Sequence[Mention], settings: Settings) -> tuple[PlaceKey, PlaceKey | None] | None:
    """The agreed place (the finest consistent place at least as fine as the anchor: the module
    docstring) and, when it has no point, the place it lies in: the
    anchor, when the anchor is another place and has a point (``Settings.place_within``; the
    anchor is consistent with the place by construction, so the place lies in or near it)."""
    named = named_places(news)
    if not named:
        return None
    base = anchor(named)
    if not settings.place_agreement:
        return named[base].key, None
    floor = fineness(named[base].key)
    choices = [n for n in named if n == base or (fineness(named[n].key) >= floor and consistent(n, base, named, settings))]
    best = max(choices, key=lambda n: (fineness(named[n].key), len(named[n].reports), named[n].mentions, n == base, n))
    place, around = named[best].key, named[base].key
    if not settings.place_within or best == base or located(place) or not located(around):
        return place, None
    return place, around


def _same_story(m: Mention, news: Sequence[Mention], held: set[str], settings: Settings) -> bool:
    """A news mention of the record's report, outside the record, that can tell the record's
    event: a place name (``Mention.proper``) below country level, the same event family as a
    mention of the record, on a day that overlaps one of theirs (or no day known)."""
    if m.id in held or m.role != "news" or m.place is None or not m.proper or (m.place.level or 5) < 2:
        return False
    return any(settings.family(m.event.category) == h.family and day_gap(m, h, settings) in (None, 0) for h in news)


def below_country(news: Sequence[Mention]) -> list[Mention]:
    """The mentions whose place can be an incident's place (placerec1): none that names a country
    (PLOVER level 1). A country is the place of a war, not of one of its incidents: the reports name
    it as the country a place lies in, an actor's origin or the war's frame ("fighting in northern
    Syria", "Turkish howitzers"), and the gold reads such a record's place as null (docs/incident-
    records-gold.md, ``place``: the finest place holding the named places is a district or a
    province, null when none does). A mention naming no place, or a place the gazetteer could not
    resolve (no level), is kept as it is."""
    return [m for m in news if m.place is None or m.place.level != 1]


def report_place(news: Sequence[Mention], reports: Mapping[str, Sequence[Mention]], settings: Settings) -> PlaceKey | None:
    """The place of a record whose own mentions name none (place1): the place its reports' other
    news mentions of the same event family and day name (``_same_story``), the one named by the
    most reports, then by the most of those mentions, then the first named; None when none names
    one. Only the record's own reports are read, so an update and a rebuild agree."""
    held = {m.id for m in news}
    docs = sorted({m.document for m in news})
    siblings = [m for d in docs for m in reports.get(d, ()) if _same_story(m, news, held, settings)]
    if not siblings:
        return None
    named = named_places(siblings)
    first = {n: min(m.order for m in siblings if m.place is not None and m.place.name == n) for n in named}
    best = max(named, key=lambda n: (len(named[n].reports), named[n].mentions, -first[n], n))
    return named[best].key


__all__ = ["NamedPlace", "agreed_place_within", "anchor", "below_country", "consistent", "fineness", "located",
           "named_places", "report_place"]
