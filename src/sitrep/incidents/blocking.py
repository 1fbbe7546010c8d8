"""Blocking: which pairs of mentions are compared at all, so that cost grows about linearly.

Two mentions are candidates when

- their categories fall in one family (``data/families.yaml``);
- the days they can have happened on are at most ``Settings.window_days`` apart (a
  mention whose date is unknown, or only a span wider than ``Settings.max_span_days``,
  is compared across the whole window of the other);
- their areas agree: the same first-level division, or one of them known only to the
  country (or not at all) and the countries agree;
- two stated days are at most ``Settings.night_days`` apart ("late Thursday" and
  "before dawn on Friday" are one night; Monday and Wednesday are two incidents);
- they are not in one sentence, and their places do not contradict (``place_relation``);
- they are not carried out by different means at two different nearby places (an air
  strike on one town and rocket fire on the next are two events, whatever else agrees).

``Blocker`` keeps an index of (family, day, country, division) buckets. ``add``
returns the earlier mentions a new one must be compared with, then indexes it: the
same function serves a full rebuild (mentions added in any order) and the
incremental linking of a few new reports against a stored corpus.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Literal

from ..stages.place.gazetteer import haversine_km
from .mentions import Mention, PlaceKey
from .names import ascii_fold, skeleton
from .settings import Settings

PlaceRelation = Literal["same", "within", "near", "far", "unknown"]
#: bucket key: (family, day ordinal or None, country or None, division or None)
Key = tuple[str, int | None, str | None, str | None]


def narrow_days(m: Mention, settings: Settings) -> tuple[int, int] | None:
    """The mention's days if they are narrow enough to block on, else None (unknown).

    A wide span ("in October", "this year") is cut to the ``Settings.max_span_days``
    before its report's publication: what a report gives as news did not happen
    months before it.
    """
    if m.days is None:
        return None
    first, last = m.days
    if last - first >= settings.max_span_days and m.published is not None:
        first, last = max(first, m.published - settings.max_span_days), min(last, m.published)
    if last < first or last - first > settings.max_span_days:
        return None
    return first, last


def day_gap(a: Mention, b: Mention, settings: Settings) -> int | None:
    """Days between the two mentions' possible dates (0 when they overlap); None if unknown."""
    da, db = narrow_days(a, settings), narrow_days(b, settings)
    if da is None or db is None:
        return None
    return max(0, max(da[0], db[0]) - min(da[1], db[1]))


def place_relation(a: Mention, b: Mention, settings: Settings) -> PlaceRelation:
    """How two mentions' places relate.

    ``same`` one gazetteer place; ``within`` one contains the other (a town and its
    province or country); ``near`` two places at most ``Settings.max_distance_km``
    apart; ``far`` two places that cannot both be right (different countries, different
    divisions, or two towns further apart); ``unknown`` when either has no place.
    """
    return places_relation(a.place, b.place, settings)


#: the name (in the environment variable ``SITREP_INCIDENT_INPUTS``, comma-separated) that turns
#: ``UNRESOLVED_FINE`` and ``UNRESOLVED_APART`` off: main's reading before incidents53
MAIN_PLACES_SWITCH = "main_unresolved_place"
_MAIN_PLACES = MAIN_PLACES_SWITCH in {x.strip() for x in os.environ.get("SITREP_INCIDENT_INPUTS", "").split(",")}
#: On (issue 11, incidents53; off with ``MAIN_PLACES_SWITCH``). An *unresolved* place
#: (``unresolved``: a name the gazetteer lacks, kept by the events stage with no point, no level and
#: at most its container's country) was read as a country-level place (``level or 1``): ``within``
#: every place of its country, so two different villages that two reports name were "within" each
#: other and never ``far``. It is a fine place of unknown position (``_unresolved_relation``).
UNRESOLVED_FINE: bool = not _MAIN_PLACES
#: On (incidents53, chosen from the tune counts; off with ``MAIN_PLACES_SWITCH``): with
#: ``UNRESOLVED_FINE``, two *unresolved* names whose spelling-tolerant keys differ
#: (``loose_name_key``) are two places (``far``): two districts of one city that the gazetteer
#: lacks are not one place. Off: such a pair is ``unknown``.
UNRESOLVED_APART: bool = not _MAIN_PLACES

_ARTICLE = re.compile(r"^(?:al|el)[-\s]+")
#: the Arabic article, assimilated or not, as a word of its own anywhere in a name
_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ez", "es", "ed", "er", "en"})
_SEPARATORS = re.compile(r"[-'\u2019\s]+")


def unresolved(p: PlaceKey) -> bool:
    """Whether a place is a name the gazetteer could not resolve: no gazetteer id, no point, no level."""
    return p.geonames_id is None and p.lat is None and p.lon is None and p.level is None


def place_name_key(name: str) -> str:
    """A place name compared by its letters: lower case without diacritics, the article ("al-",
    "el ") dropped, hyphens, apostrophes and spaces folded ("Al-Tal" and "al Tal" are one name)."""
    folded = _SEPARATORS.sub(" ", ascii_fold(name)).strip()
    return _ARTICLE.sub("", folded).replace(" ", "")


def loose_name_key(name: str) -> str | None:
    """A spelling-tolerant key of a whole place name: every article word dropped and the rest
    joined, then ``names.skeleton`` (two transliterations of one name share it)."""
    words = [w for w in _SEPARATORS.split(ascii_fold(name)) if w and w not in _ARTICLES]
    return skeleton("".join(words))


def _unresolved_relation(p: PlaceKey, q: PlaceKey) -> PlaceRelation:
    """``places_relation`` when one of the two places (or both) is unresolved and they are not one
    gazetteer place (``UNRESOLVED_FINE``): ``same`` only by name (``place_name_key``); ``far`` when
    their countries differ; ``within`` when the other place is a country (level 1) that is the
    unresolved place's own or unknown, or a first-level division that its record puts it in;
    ``unknown`` otherwise: a fine place of unknown position is neither ``near`` nor ``within`` a
    town or another unresolved name (with ``UNRESOLVED_APART``, two unresolved names of different
    spelling-tolerant keys are ``far``)."""
    if place_name_key(p.name) == place_name_key(q.name):
        return "same"
    if p.country and q.country and p.country != q.country:
        return "far"
    fine, other = (p, q) if unresolved(p) else (q, p)
    if UNRESOLVED_APART and unresolved(other):
        kp, kq = loose_name_key(p.name), loose_name_key(q.name)
        if kp is not None and kq is not None and kp != kq:
            return "far"
    if unresolved(other) or other.level is None:
        return "unknown"
    if other.level <= 1:
        return "within"
    if other.level == 2 and fine.admin1 is not None and fine.admin1 == other.admin1:
        return "within"
    return "unknown"


def places_relation(p: PlaceKey | None, q: PlaceKey | None, settings: Settings) -> PlaceRelation:
    """``place_relation`` of two places (see there)."""
    if p is None or q is None:
        return "unknown"
    if UNRESOLVED_FINE and (unresolved(p) or unresolved(q)):
        return _unresolved_relation(p, q)
    if (p.geonames_id is not None and p.geonames_id == q.geonames_id) or p.name == q.name:
        return "same"
    if p.country and q.country and p.country != q.country:
        return "far"
    coarse = min(p.level or 1, q.level or 1)
    if coarse <= 1 or (coarse == 2 and p.admin1 == q.admin1):
        return "within"
    if None not in (p.lat, p.lon, q.lat, q.lon):
        km = haversine_km(p.lat, p.lon, q.lat, q.lon)  # type: ignore[arg-type]  # checked above
        return "near" if km <= settings.max_distance_km else "far"
    return "within" if p.admin1 == q.admin1 else "far"


def compatible(a: Mention, b: Mention, settings: Settings) -> bool:
    """The hard constraints: nothing that fails them is ever linked."""
    if a.document == b.document and a.sentence == b.sentence:
        return False
    if a.family != b.family:
        return False
    gap = day_gap(a, b, settings)
    if gap is not None and gap > settings.window_days:
        return False
    if gap is not None and a.specific and b.specific and gap > settings.night_days:
        return False  # two stated days that one night cannot join
    relation = place_relation(a, b, settings)
    if relation == "near" and a.means and b.means and not a.means & b.means:
        return False  # different means at two different places: two events
    return relation != "far"


class Blocker:
    """An index of mentions by (family, day, area); see the module docstring."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.buckets: dict[Key, list[Mention]] = defaultdict(list)
        #: buckets per (family, day) and per (family, day, country): for mentions known
        #: only to the country, or not placed at all
        self.by_day: dict[tuple[str, int | None], set[Key]] = defaultdict(set)
        self.by_country: dict[tuple[str, int | None, str | None], set[Key]] = defaultdict(set)
        self.family_days: dict[str, set[int | None]] = defaultdict(set)

    def _days(self, m: Mention, pad: int) -> Iterable[int | None]:
        days = narrow_days(m, self.settings)
        if days is None:
            return [None]
        return range(days[0] - pad, days[1] + pad + 1)

    def _query_keys(self, m: Mention, day: int | None) -> Iterator[Key]:
        country, division = m.area
        if country is None:
            yield from self.by_day.get((m.family, day), ())
        elif division is None:
            yield from self.by_country.get((m.family, day, country), ())
            yield from ((m.family, day, None, None),)
        else:
            yield (m.family, day, country, division)
            yield (m.family, day, country, None)
            yield (m.family, day, None, None)

    def candidates(self, m: Mention) -> list[Mention]:
        """Indexed mentions ``m`` must be compared with (each once)."""
        days = list(self._days(m, self.settings.window_days))
        if None not in days:
            days.append(None)  # mentions of unknown date are compared with every date
        else:
            days = [None, *sorted(d for d in self.family_days[m.family] if d is not None)]
        seen: set[str] = set()
        out = []
        for day in days:
            for key in self._query_keys(m, day):
                for other in self.buckets.get(key, ()):
                    if other.id not in seen and compatible(m, other, self.settings):
                        seen.add(other.id)
                        out.append(other)
        return out

    def index(self, m: Mention) -> None:
        country, division = m.area
        for day in self._days(m, 0):
            key: Key = (m.family, day, country, division)
            self.buckets[key].append(m)
            self.by_day[(m.family, day)].add(key)
            self.by_country[(m.family, day, country)].add(key)
            self.family_days[m.family].add(day)

    def add(self, m: Mention) -> list[Mention]:
        """Compare-with list for ``m``, then index it."""
        found = self.candidates(m)
        self.index(m)
        return found


def candidate_pairs(mentions: Iterable[Mention], settings: Settings) -> Iterator[tuple[Mention, Mention]]:
    """Every candidate pair of ``mentions`` once, as (earlier, later)."""
    blocker = Blocker(settings)
    for m in mentions:
        for other in blocker.add(m):
            yield other, m
