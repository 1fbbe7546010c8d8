"""Toponym resolution: pick the gazetteer entry a span of a document refers to.

Candidates come from the gazetteer's name keys (and, when no name matches,
from its transliteration skeletons: "Dayr az Zawr" for "Deir ez-Zor"). Each
gets a score from the learned ranking model of ``ranking.py`` over named
features: its feature type and population, a qualifier right after the span
("Alexandria, Va.", "Homs, Syria"), the *document context* (the countries and
first-level divisions the document's other toponyms resolve to, in two passes,
the first without context; its dateline; closeness to its other places), and
whether it lies abroad from the country the document is about. The weights are
fitted by ``scripts/train_place.py`` on the tuning halves of GeoWebNews and LGL.
Four explicit rules remain: a qualifier after a comma restricts the candidates to
those inside it ("Alexandria, Va."); so does "X district of Y" (``PART_WORDS``), for
every mention of X in the document ("the Salah al-Din district of Aleppo" is not
the Iraqi province); a province that shares its name with its main
city ("Aleppo", "Moscow") is the city unless the text says "province"; a US state named like a country
("Georgia") is the state when the document's other places are in the US and
none in the country.
For given toponym spans (``contain_unknown="all"``), a facility named after a broad place
("Ruritania State University") is the document's main city when that city lies in the
place its name contains, and the contained place otherwise.

A local feature the gazetteer lacks (a street, a hospital; in the stage only names with a facility
word) is placed by containment (``Resolver.container``): at the town resolved in its own phrase
("the X hospital in Aleppo", "Cairo's suburb of Y"), else at the document's main city, taking that
place's entry (name, point and level): never a point of its own. So is a name whose head noun is a
facility word ("Washington Square", "City Hall") when the gazetteer knows it only as a town farther
than ``LOCAL_FEATURE_KM`` from that container (in the stage, only a resolution it would accept).

Each resolution carries ``confidence``, the acceptance model's probability
that the chosen entry is right; the stage drops resolutions below the model's
threshold (a same-named place abroad with no evidence is not guessed). A town
abroad (not a capital), in a country the document never names while it is about
another, that the text calls only by one of its alternate names gets confidence 0
(an explicit rule).

The stage and the gold-span scorer both call ``Resolver.resolve`` (the same
code): the stage on NER/pattern spans, the scorer on the gold spans.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ...ingest.plaintext import dateline as opening_dateline
from .gazetteer import Entry, Gazetteer, haversine_km, load_gazetteer
from .lexicon import (
    DIRECTION_WORDS,
    FACILITY_WORDS,
    GENERIC_NAME_WORDS,
    GENERIC_WORDS,
    PART_WORDS,
)
from .normalize import fold, mentions_admin_word
from .ranking import (
    CANDIDATE_FEATURES,
    PlaceModel,
    _contains,
    _major,
    candidate_features,
    load_model,
    province_named_like_its_city,
)

#: text after a span that may qualify it: ", Va." / ", Texas" / ", Syria"
_QUALIFIER = re.compile(r"\s*,\s*([A-Z][^,;:()\n]{0,24})")
_DATELINE_SPLIT = re.compile(r"[,(—–\-:]")
#: "... district of Aleppo", "... neighbourhood of the city of Homs": the place the span is a part of
_PART_OF = re.compile(
    r"\s+(" + "|".join(sorted(PART_WORDS))
    + r")\s+of\s+(?:the\s+)?(?:(?:city|town|province)\s+of\s+)?([A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)?)")
#: "... in Aleppo governorate", "... in Idlib province": the first-level division the span lies in
_IN_DIVISION = re.compile(
    r"\s+in\s+(?:the\s+)?([A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)?)\s+(?:province|governorate)\b")
#: single words that never name a place inside a longer name
GENERIC_KEYS: frozenset[str] = DIRECTION_WORDS | GENERIC_WORDS | GENERIC_NAME_WORDS
#: kinds of place that a name containing them is located in as a whole ("Bank of Ruritania")
BROAD_KINDS: frozenset[str] = frozenset({"country", "continent", "admin1", "region"})
#: a candidate of "X district of Y" must lie this close to a place named Y (or inside Y's province)
PART_OF_KM = 50.0
#: prior floor of GeoNames towns listed in curated.yaml variants
CURATED_CITY_PRIOR = 50.0
#: country evidence of a dateline (as much as two towns of the country named in the text)
DATELINE_COUNTRY_WEIGHT = 2.0
#: passes with document context after the context-free one (each uses the previous pass's choices)
CONTEXT_ROUNDS = 2
#: where a local feature the gazetteer lacks is placed, in this order (``Resolver.container``):
#: a place named in its own phrase, then the document's main city. ``"preceding"`` (the last place
#: named before it in its paragraph) is implemented but not used: on the tuning halves it adds 2 spans
#: in all but loses in one fold of five, where ("phrase", "focus") gains in every fold; a wrongly
#: resolved street name before a feature becomes its town (docs/benchmarks.md, issue 14, midday)
CONTAINER_ORDER: tuple[str, ...] = ("phrase", "focus")
#: the finest level a container may have (PLOVER levels: 3 district, 4 city); a province or a country
#: is too coarse to stand for a street or a hospital
CONTAINER_MIN_LEVEL = 3
#: a resolved name with a facility head noun ("Washington Square") lying farther than this from its
#: container is taken for a local feature of the container (``is_local_feature``); chosen by
#: cross-validation on the tuning halves (docs/benchmarks.md, issue 14, 2026-12-04 midday)
LOCAL_FEATURE_KM = 500.0
#: ``phrase``: the container starts (ends) at most this many characters after (before) the feature
PHRASE_MAX_CHARS = 40
#: ``preceding``: the container ends at most this many characters before the feature
PRECEDING_MAX_CHARS = 100_000
#: ``preceding``: the container's rank margin over its runner-up is at least this (a sure resolution;
#: the best of 0 / 2 / 4 / 8 on the tuning halves, for when ``"preceding"`` is in ``CONTAINER_ORDER``)
PRECEDING_MIN_MARGIN = 4.0
#: text between a feature and the place of its phrase after it: ", ", " in ", " at the edge of ",
#: " in the northeastern city of " (a preposition, then at most three lower-case words)
_AFTER = re.compile(r"\s*(?:,|(?:,\s*)?(?:in|at|near|outside|on|of)\s+(?:the\s+)?(?:[a-z][\w\-]*\s+){0,3})\s*")
#: ... and before it: "Cairo's Tahrir Square", "Cairo's gated suburb of Madinaty"
_BEFORE = re.compile(r"(?:'s|’s)\s+(?:[a-z][\w\-]*\s+){0,3}")


@dataclass(slots=True)
class Span:
    """A toponym occurrence to resolve: offsets into the document text."""

    start: int
    end: int
    text: str
    #: NER labelled it FAC (kept for callers; only names with facility words fall back to the main city)
    facility: bool = False
    #: how the stage found it (``toponym.SOURCES``) and the NER label when NER did
    source: str = "ner"
    ner_label: str | None = None


@dataclass(slots=True)
class Resolution:
    """The chosen entry for a span and how sure the choice is (score margin)."""

    span: Span
    entry: Entry | None
    score: float = 0.0
    margin: float = 0.0
    #: the entry is the document's main city standing in for an unknown facility/street in it
    contained: bool = False
    #: probability that ``entry`` is the right place (the acceptance model of ``ranking.py``)
    confidence: float = 0.0
    #: for a feature named like a far town and placed at its container ("Washington Square" in a
    #: report about Homs): the town its own name resolved to (the toponym model judges the name by it)
    own: Entry | None = None


#: a resolution whose rank score beats the runner-up by at least this much counts as context for
#: the other names of the document (half weight); rank scores are log-odds of the pairwise ranking
#: model, so 0.8 means the winner beats the runner-up with odds of about 2:1
CONTEXT_MARGIN = 0.8
#: ... with full weight from this margin on (odds of about 7:1)
CONTEXT_FULL_MARGIN = 2.0
#: a transliteration (skeleton) match must lie this close to the document's other places
FUZZY_MAX_KM = 400.0
#: ... and its point counts for the distance features from this margin on
CONTEXT_POINT_MARGIN = 1.0
#: in the choice of a document's geographic centre (``Resolver._focus``) a place farther than this
#: from a candidate centre counts as this far: one mention abroad weighs like any other far place
FOCUS_DISTANCE_CAP_KM = 2000.0


@dataclass(slots=True)
class _Context:
    #: weighted evidence per country and per first-level division
    countries: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    admin1: defaultdict[tuple[str, str], float] = field(default_factory=lambda: defaultdict(float))
    #: the part of ``admin1`` that comes from the division itself and minor places (not capitals or
    #: towns of 100,000: one mention of a world city says little about the towns of its province)
    admin1_local: defaultdict[tuple[str, str], float] = field(default_factory=lambda: defaultdict(float))
    points: list[tuple[float, float]] = field(default_factory=list)
    #: the part of ``points`` that are minor places (the document's local places, not world cities)
    local_resolved: list[tuple[float, float]] = field(default_factory=list)
    #: (country, admin1 code) -> number of other names with a candidate there
    shared: Counter[tuple[str, str]] = field(default_factory=Counter)
    #: candidate points of the other local (non-major) names: (name key, lat, lon)
    local_points: list[tuple[str, float, float]] = field(default_factory=list)
    own: str = ""
    #: the dateline's country
    anchor_country: str | None = None
    #: what the dateline added to ``countries[anchor_country]``
    dateline_weight: float = 0.0
    #: ``ranking.major_namesakes`` of the candidate list being scored (by ``id``), computed once
    namesakes: dict[int, list[tuple[str | None, float]]] = field(default_factory=dict)

    def top_country(self) -> str | None:
        """The country the document is mostly about (named at least twice as often as any other)."""
        if not self.countries:
            return None
        (best, n), *rest = sorted(self.countries.items(), key=lambda kv: (-kv[1], kv[0]))[:2]
        if n >= 2.0 and (not rest or n >= 2 * rest[0][1]):
            return best
        return None


def is_facility_name(text: str) -> bool:
    return any(t in FACILITY_WORDS for t in fold(text).split())


def is_local_feature(text: str) -> bool:
    """A name whose head noun (its last word, in English) is a facility or site word: "Washington
    Square", "City Hall", "Hampton Park" (not "St. Cloud", "Port Said": the word must end the name)."""
    words = fold(text).split()
    return len(words) >= 2 and words[-1] in FACILITY_WORDS


def prior(entry: Entry) -> float:
    """Feature-type and population prior of an entry."""
    if entry.prior is not None:
        return entry.prior
    pop = math.log10(entry.population + 10)
    if entry.kind == "country":
        return 100.0 + pop
    if entry.kind == "continent":
        return 98.0
    if entry.kind == "admin1":
        return 45.0 + 4.0 * pop
    if entry.kind == "admin2":
        return 22.0 + 3.0 * pop
    if entry.kind == "region":
        return 70.0
    if entry.curated:  # a curated spelling of a conflict town GeoNames lists without population
        return max(CURATED_CITY_PRIOR, 8.0 * pop + _prominence(entry))
    return 8.0 * pop + _prominence(entry)


def _prominence(entry: Entry) -> float:
    return (8.0 if entry.capital else 0.0) + (
        7.0 if entry.population >= 1_000_000 else 5.0 if entry.population >= 100_000 else 0.0
    )


class Resolver:
    """Resolves toponym spans of one document against the gazetteer."""

    def __init__(self, gazetteer: Gazetteer | None = None, *, demonyms: bool = True,
                 contain_unknown: str = "facilities", model: PlaceModel | None = None) -> None:
        self.gaz = gazetteer or load_gazetteer()
        self.model = model or load_model()
        #: when set to a list, ``resolve`` appends (span index, candidates, feature rows) of its last pass
        self.record: list[tuple[int, list[Entry], list[list[float]]]] | None = None
        #: which spans the gazetteer lacks fall back to the document's focus place:
        #: "facilities" (names with facility words, the stage's setting) or
        #: "all" (every span: for given gold spans, which are known to be toponyms)
        self.contain_unknown = contain_unknown
        #: resolve adjectives of place ("Syrian") to their place: on for given gold spans,
        #: off in the stage, where a demonym is not a place mention
        self.demonyms = demonyms

    # ------------------------------------------------------------ candidates
    def candidates(self, text: str) -> list[Entry]:
        """Entries the span may name: gazetteer names, US state abbreviations, demonyms."""
        found = self.gaz.lookup(text)
        if "." in text:
            abbr = self.gaz.us_abbreviations.get(fold(text))
            if abbr is not None:
                return [self.gaz.entries[abbr]]
        demonym = self.gaz.demonym(text) if self.demonyms else None
        if demonym is not None and demonym not in found:
            found = [*found, demonym]
        return found

    def fuzzy_candidates(self, text: str) -> list[Entry]:
        """Entries whose name has the span's transliteration skeleton (weaker evidence: ``fuzzy``)."""
        if len(text) < 5 or not text[:1].isupper():
            return []
        return self.gaz.lookup_skeleton(text)

    def small_candidates(self, text: str) -> list[Entry]:
        """Places under ``ALTERNATES_MIN_POPULATION`` people that the span names by one of their
        alternate names ("Atareb": Al Atārib). Weak evidence, as a transliteration is (``fuzzy``):
        read only when the span names nothing else, and kept only where ``_fuzzy_fits`` (a country
        the document talks about, near its other places); the same length and capital guard."""
        if len(text) < 5 or not text[:1].isupper():
            return []
        return self.gaz.lookup_small(text)

    def weak_candidates(self, text: str) -> list[Entry]:
        """The transliteration matches and the small places' alternate names, each entry once."""
        out: dict[int, Entry] = {}
        for entry in (*self.fuzzy_candidates(text), *self.small_candidates(text)):
            out.setdefault(id(entry), entry)
        return list(out.values())

    def embedded_candidates(self, text: str) -> list[Entry]:
        """Broad places named inside a longer unknown name ("University of California", "Iowa House").

        Only well-known kinds count (countries, first-level divisions, curated regions,
        towns of 50,000+), longest word sequence first, so a surname inside a school's
        name does not become a village.
        """
        words = [w for w in text.split() if w[:1].isupper() and fold(w) not in FACILITY_WORDS]
        if len(words) == len(text.split()) and len(words) < 2:
            return []
        for n in range(min(len(words), 4), 0, -1):
            for i in range(len(words) - n + 1):
                phrase = " ".join(words[i:i + n])
                if n == 1 and fold(phrase) in GENERIC_KEYS:
                    continue  # "South", "Central", "Union": a word of the name, not a place in it
                found = [
                    e for e in self.gaz.lookup(phrase)
                    if (e.kind in ("country", "admin1", "region", "continent")
                        or (e.kind == "city" and e.population >= 50_000 and fold(e.name) == fold(phrase)))
                ]
                if found:
                    return found
        if self.demonyms:  # "Ruritanian Central Bank": Ruritania (only where demonyms resolve)
            for word in words:
                demonym = self.gaz.demonym(word)
                if demonym is not None:
                    return [demonym]
        return []

    def qualifier(self, text: str, end: int) -> Entry | None:
        """The admin1/country named right after a span ("Alexandria, Va.")."""
        hit = self.qualifier_span(text, end)
        return hit[2] if hit else None

    def part_of(self, text: str, end: int) -> list[Entry] | None:
        """The places a span is said to be part of ("Salah al-Din district of Aleppo": every
        entry named Aleppo), or None when the text does not say."""
        match = _PART_OF.match(text, end, min(len(text), end + 80))
        if not match:
            return self._in_division(text, end)
        words = match.group(2).split()
        for n in range(len(words), 0, -1):  # "Aleppo Syrian state television": Aleppo
            found = self.gaz.lookup(" ".join(words[:n]))
            if found:
                return found
        return None

    def _in_division(self, text: str, end: int) -> list[Entry] | None:
        """The first-level divisions a span is said to lie in ("Orem in Aleppo governorate"),
        or None when the text does not say or the gazetteer has no such division."""
        match = _IN_DIVISION.match(text, end, min(len(text), end + 60))
        if not match:
            return None
        found = [e for e in self.gaz.lookup(match.group(1)) if e.kind == "admin1" and e.admin1_code]
        return found or None

    @staticmethod
    def inside(entry: Entry, containers: Sequence[Entry]) -> bool:
        """Does ``entry`` lie in one of ``containers`` (within ``PART_OF_KM`` of a town or district,
        in the province or country)?"""
        for c in containers:
            if c.kind == "country" and entry.country == c.country:
                return True
            if (c.kind in ("admin1", "region") and c.admin1_code and entry.country == c.country
                    and entry.admin1_code == c.admin1_code):
                return True
            if haversine_km(entry.lat, entry.lon, c.lat, c.lon) <= PART_OF_KM:
                return True
        return False

    def qualifier_span(self, text: str, end: int) -> tuple[int, int, Entry] | None:
        """Offsets and entry of the admin1/country named right after a span ("Alexandria, Va.")."""
        match = _QUALIFIER.match(text, end, min(len(text), end + 40))
        if not match:
            return None
        start = match.start(1)
        words: list[str] = []
        for word in match.group(1).split()[:3]:
            if not word[:1].isupper():
                break
            words.append(word)
        for n in range(len(words), 0, -1):
            phrase = " ".join(words[:n])
            stop = start + len(phrase) if text.startswith(phrase, start) else text.find(phrase, start) + len(phrase)
            abbr = self.gaz.us_abbreviations.get(fold(phrase))
            if abbr is not None and phrase.endswith("."):
                return start, stop, self.gaz.entries[abbr]
            bare = phrase.rstrip(".")
            for entry in self.gaz.lookup(bare):
                if entry.kind in ("country", "admin1"):
                    return start, start + len(bare), entry
        return None

    def dateline_entry(self, dateline: str | None) -> Entry | None:
        """The best entry for the place of a dateline ("BEIRUT, Lebanon (AP) -")."""
        if not dateline:
            return None
        head = _DATELINE_SPLIT.split(dateline, 1)[0].strip()
        cands = self.candidates(head.title() if head.isupper() else head)
        qualifier = self.qualifier(dateline, len(head)) if len(head) < len(dateline) else None
        if not cands:
            return qualifier
        if not mentions_admin_word(head) and any(province_named_like_its_city(c, cands) for c in cands):
            # "ALEPPO (AFP) -", "BEIRUT -": a report is filed from the city, not from its province (the
            # convention ``_choose`` applies to every span); the province's larger prior chose it before
            cands = [c for c in cands if not province_named_like_its_city(c, cands)]
        return max(cands, key=lambda e: prior(e) + (80.0 if qualifier and _contains(qualifier, e) else 0.0))

    # --------------------------------------------------------------- scoring
    def _features(self, entry: Entry, span: Span, qualifier: Entry | None, ctx: _Context | None,
                  cands: Sequence[Entry], fuzzy: bool) -> list[float]:
        return candidate_features(entry, span, qualifier, ctx, cands, fuzzy=fuzzy)

    @staticmethod
    def _fuzzy_fits(entry: Entry, ctx: _Context | None) -> bool:
        """A transliteration match counts only in a country the document already talks about and,
        when the document has located places, within ``FUZZY_MAX_KM`` of one of them."""
        if ctx is None or not entry.country or ctx.countries.get(entry.country, 0.0) < 1.0:
            return False
        if not ctx.points:
            return True
        return min(haversine_km(entry.lat, entry.lon, lat, lon) for lat, lon in ctx.points) <= FUZZY_MAX_KM

    def _state_over_country(self, cands: Sequence[Entry], ctx: _Context) -> Entry | None:
        """"Georgia": the US state when the document's other places are in the US, none in the country."""
        countries = [c for c in cands if c.kind == "country"]
        states = [c for c in cands if c.kind == "admin1"]
        if len(countries) != 1 or not states:
            return None
        country = countries[0]
        for state in states:
            if ctx.countries.get(state.country or "", 0) >= 2 and ctx.countries.get(country.country or "", 0) == 0:
                return state
        return None

    def _choose(self, span: Span, cands: Sequence[Entry], qualifier: Entry | None,
                ctx: _Context | None, *, fuzzy: bool = False,
                rows: list[tuple[list[Entry], list[list[float]]]] | None = None) -> Resolution:
        if fuzzy:
            cands = [c for c in cands if self._fuzzy_fits(c, ctx)]
        if not mentions_admin_word(span.text) and any(province_named_like_its_city(c, cands) for c in cands):
            # "Aleppo", "Moscow": the city, unless the text says "province" (a naming convention)
            cands = [c for c in cands if not province_named_like_its_city(c, cands)]
        if qualifier is not None and any(_contains(qualifier, c) for c in cands):
            # "Alexandria, Va.": the text says which one; the qualifier is a constraint, not evidence
            cands = [c for c in cands if _contains(qualifier, c)]
        if not cands:
            return Resolution(span, None)
        if ctx is not None:
            state = self._state_over_country(cands, ctx)
            if state is not None:
                return Resolution(span, state, prior(state), CONTEXT_FULL_MARGIN, confidence=1.0)
        feats = [self._features(e, span, qualifier, ctx, cands, fuzzy) for e in cands]
        if rows is not None:  # for training: the candidates the model chose among, and their features
            rows.append((list(cands), feats))
        rank = self.model.rank
        scored = sorted(((rank.score(x), i) for i, x in enumerate(feats)), reverse=True)
        best_score, best = scored[0]
        margin = best_score - scored[1][0] if len(scored) > 1 else 100.0
        accept = self.model.accept
        runner = cands[scored[1][1]] if len(scored) > 1 else None
        confidence = accept.probability(
            self.model.accept_features(cands[best], best_score, margin, feats[best], len(cands) == 1, runner))
        named = dict(zip(CANDIDATE_FEATURES, feats[best], strict=True))
        abroad = named["abroad_minor"] or (named["abroad_major"] and cands[best].kind == "city"
                                           and not cands[best].capital)
        if abroad and not named["same_name"]:
            # a small place abroad that the text names only by one of its alternate names ("Youth City"
            # for a Mongolian town in a report about Syria) is more likely something else of that name
            confidence = 0.0
        return Resolution(span, cands[best], best_score, margin, confidence=confidence)

    # ------------------------------------------------------------ documents
    def resolve(self, text: str, spans: Sequence[Span], *, dateline: str | None = None) -> list[Resolution]:
        """Resolve every span of one document (``text`` is the whole document)."""
        cands: list[list[Entry]] = []
        fuzzy: list[bool] = []
        sited: list[bool] = []  # a facility named after the broad place it stands in ("Ruritania State University")
        for s in spans:
            found = self.candidates(s.text)
            embedded = [] if found else self.embedded_candidates(s.text)
            sited.append(bool(embedded) and is_facility_name(s.text))
            # a place inside a longer unknown name, or a transliteration: weaker evidence (``fuzzy``);
            # but when every span is known to be a toponym (``contain_unknown="all"``: given gold
            # spans), the country, province or region a name contains ("Bank of Ruritania") is the
            # span's place, a better guess than the document's main city (a town in a name, as in
            # "Springfield Park", more often names a local site after it: that stays weak)
            fuzzy.append(not found and not (self.contain_unknown == "all" and embedded
                                            and all(e.kind in BROAD_KINDS for e in embedded)))
            cands.append(found or embedded or self.weak_candidates(s.text))
        self._constrain_parts(text, spans, cands)
        quals = [self.qualifier(text, s.end) for s in spans]
        out = [self._choose(s, c, q, None, fuzzy=f) for s, c, q, f in zip(spans, cands, quals, fuzzy, strict=True)]
        anchor = self.dateline_entry(dateline)
        keys = [fold(s.text) for s in spans]
        regions = self._candidate_regions(cands, keys)
        local_points = [
            (key, e.lat, e.lon) for entries, key in zip(cands, keys, strict=True) if not any(_major(e) for e in entries)
            for e in entries if e.kind in ("city", "admin2")
        ]
        for round_ in range(CONTEXT_ROUNDS):
            previous = out
            out = []
            last = round_ == CONTEXT_ROUNDS - 1
            for i, span in enumerate(spans):
                ctx = self._context(previous, keys, keys[i], anchor)
                ctx.shared = Counter({r: len(ks - {keys[i]}) for r, ks in regions.items()})
                ctx.local_points, ctx.own = local_points, keys[i]
                seen: list[tuple[list[Entry], list[list[float]]]] | None = (
                    [] if (last and self.record is not None and cands[i]) else None)
                out.append(self._choose(span, cands[i], quals[i], ctx, fuzzy=fuzzy[i], rows=seen))
                if seen and self.record is not None:
                    self.record.append((i, *seen[0]))
        return self._contain(text, spans, out, sited,
                             self._focus(out, anchor or self._opening_place(text, spans, out)))

    def _opening_place(self, text: str, spans: Sequence[Span], resolved: Sequence[Resolution]) -> Entry | None:
        """The place of a dateline the text still opens with ("CAIRO - On a ...": ``dateline`` not given,
        as for given gold spans), when a span is that place and its resolution is confident: the town the
        report is filed from, which the stage takes as the main city from ingest's dateline. Recognised
        by ingest's own dateline pattern (``ingest.plaintext.dateline``), so both settings agree."""
        head = len(text) - len(text.lstrip())
        stop = text.find("\n", head)
        found = opening_dateline(text[head:stop if stop >= 0 else len(text)], text)
        if found is None:
            return None
        end = head + found[1]
        for span, res in zip(spans, resolved, strict=True):
            if (span.start == head and span.end <= end and res.entry is not None and not res.contained
                    and res.confidence >= self.model.accept.threshold):
                return res.entry
        return None

    def _contain(self, text: str, spans: Sequence[Span], out: list[Resolution], sited: list[bool],
                 focus: Entry | None) -> list[Resolution]:
        """Local features placed at their containers (``container``): a facility named after the broad
        place it stands in, a facility-head name known only as a far town, a facility the gazetteer
        lacks (every unknown span for given gold spans)."""
        final = list(out)
        for i, res in enumerate(out):
            if sited[i] and res.entry is not None and res.entry.kind in BROAD_KINDS:
                # the facility is a site, not the whole province: the finest place the document gives
                # it (``container``) when that place lies in the province or country its name contains
                site = self.container(text, spans, out, i, focus, within=functools.partial(_contains, res.entry))
                if site is not None:
                    final[i] = Resolution(res.span, site, 0.0, 0.0, contained=True, confidence=res.confidence)
                continue
            if (res.entry is not None and res.entry.level >= CONTAINER_MIN_LEVEL and is_local_feature(res.span.text)
                    and (self.contain_unknown == "all" or res.confidence >= self.model.accept.threshold)):
                # "Washington Square", "City Hall": a feature named like a town far from the document's
                # places is the feature in the town the document is about, not that town
                site = self.container(text, spans, out, i, focus)
                if site is not None and haversine_km(site.lat, site.lon, res.entry.lat, res.entry.lon) > LOCAL_FEATURE_KM:
                    final[i] = Resolution(res.span, site, 0.0, 0.0, contained=True, confidence=res.confidence,
                                          own=res.entry)
                continue
            # NER's FAC label alone is not enough: on page junk it is common ("Print Tweet Views")
            if res.entry is None and (self.contain_unknown == "all" or is_facility_name(res.span.text)):
                site = self.container(text, spans, out, i, focus)
                if site is not None:
                    final[i] = Resolution(res.span, site, 0.0, 0.0, contained=True, confidence=res.confidence)
        return final

    def container(self, text: str, spans: Sequence[Span], resolved: Sequence[Resolution], i: int,
                  focus: Entry | None, within: Callable[[Entry], bool] | None = None) -> Entry | None:
        """The finest place the document gives a local feature it names (a street, a hospital, a
        neighbourhood the gazetteer lacks), tried in ``CONTAINER_ORDER``:

        - ``phrase``: a place resolved in the same phrase, right after the span ("the Al-Razi
          hospital in Aleppo", "X Street, Idlib", "... in the northern city of Y": ``_AFTER``) or
          right before it with a possessive ("Cairo's suburb of Madinaty": ``_BEFORE``);
        - ``preceding``: the nearest place resolved before the span in the same paragraph;
        - ``focus``: the document's main city (``_focus``).

        Only resolutions of other spans that are themselves confident (``accept`` threshold, not
        contained, no local feature themselves) and at least ``CONTAINER_MIN_LEVEL`` count: the feature
        takes their entry (name, point, level), never a point of its own. ``within`` restricts the
        choice (a facility named after a province stands in a town of that province)."""
        span = spans[i]
        threshold = self.model.accept.threshold

        def usable(j: int) -> Entry | None:
            res = resolved[j]
            entry = res.entry
            if (j == i or entry is None or res.contained or entry.level < CONTAINER_MIN_LEVEL
                    or res.confidence < threshold or is_local_feature(spans[j].text)
                    or (within is not None and not within(entry))):
                return None
            return entry

        for how in CONTAINER_ORDER:
            if how == "phrase":
                for j, other in enumerate(spans):
                    follows = (span.end <= other.start <= span.end + PHRASE_MAX_CHARS
                               and _AFTER.fullmatch(text, span.end, other.start) is not None)
                    precedes = (span.start - PHRASE_MAX_CHARS <= other.end <= span.start
                                and _BEFORE.fullmatch(text, other.end, span.start) is not None)
                    entry = usable(j) if (follows or precedes) else None
                    if entry is not None:
                        return entry
            elif how == "preceding":
                paragraph = text.rfind("\n", 0, span.start) + 1
                before = [(spans[j].end, j) for j in range(len(spans))
                          if paragraph <= spans[j].start and spans[j].end <= span.start
                          and span.start - spans[j].end <= PRECEDING_MAX_CHARS and usable(j) is not None
                          and resolved[j].margin >= PRECEDING_MIN_MARGIN]
                if before:
                    return usable(max(before)[1])
            elif how == "focus" and focus is not None and (within is None or within(focus)):
                return focus
        return None

    def _constrain_parts(self, text: str, spans: Sequence[Span], cands: list[list[Entry]]) -> None:
        """"X district of Y": the text says where X is, so a namesake of X elsewhere is not X, in
        that sentence or any other of the document (one name, one place per document)."""
        containers: dict[str, list[Entry]] = {}
        for s in spans:
            found = self.part_of(text, s.end)
            if found is not None:
                containers.setdefault(fold(s.text), []).extend(found)
        if not containers:
            return
        for i, s in enumerate(spans):
            within = containers.get(fold(s.text))
            if within is not None:
                cands[i] = [c for c in cands[i] if c not in within and self.inside(c, within)]

    @staticmethod
    def _candidate_regions(cands: Sequence[Sequence[Entry]], keys: Sequence[str]) -> dict[tuple[str, str], set[str]]:
        """For each (country, admin1) the names that have some candidate in it (and are ambiguous or local)."""
        regions: dict[tuple[str, str], set[str]] = {}
        for entries, key in zip(cands, keys, strict=True):
            if any(_major(e) for e in entries):
                continue  # "Damascus", "Geneva": a well-known place is no evidence for its homonyms' regions
            for e in entries:
                if e.country and e.admin1_code and e.kind != "country":
                    regions.setdefault((e.country, e.admin1_code), set()).add(key)
        return regions

    @staticmethod
    def _focus(resolutions: Sequence[Resolution], anchor: Entry | None) -> Entry | None:
        """The document's main city: the dateline's, else its geographic centre.

        The centre is the resolved city whose distance to the document's resolved local
        places (districts, cities, sub-city places; each occurrence counts, distances capped
        at ``FOCUS_DISTANCE_CAP_KM``) adds up to the least: the medoid, so a city named most
        often wins only when the other places lie around it, and a single far-away mention
        ("a flight from Liverpool" in a report about Cairo) does not pull every unknown
        street of the document abroad. Ties go to the larger city.
        """
        if anchor is not None and anchor.kind == "city":
            return anchor
        counts: Counter[int] = Counter()
        by_id: dict[int, Entry] = {}
        for res in resolutions:
            if res.entry is not None and res.entry.level >= 3 and not res.contained:
                counts[id(res.entry)] += 1
                by_id[id(res.entry)] = res.entry
        cities = [e for e in by_id.values() if e.kind == "city"]
        if not cities:
            return None

        def spread(city: Entry) -> float:
            return sum(n * min(haversine_km(city.lat, city.lon, by_id[k].lat, by_id[k].lon), FOCUS_DISTANCE_CAP_KM)
                       for k, n in counts.items())

        return min(cities, key=lambda c: (spread(c), -c.population, c.name))

    @staticmethod
    def _context(first: Sequence[Resolution], keys: Sequence[str], own: str, anchor: Entry | None) -> _Context:
        """Evidence from the first pass, leaving out the spans with the same name as the one resolved."""
        ctx = _Context()
        for res, key in zip(first, keys, strict=True):
            entry = res.entry
            if entry is None or key == own:
                continue
            weight = 1.0 if res.margin >= CONTEXT_FULL_MARGIN else 0.5 if res.margin >= CONTEXT_MARGIN else 0.0
            if entry.country:
                # naming a country says less about where its homonym towns are than naming a place in it
                ctx.countries[entry.country] += weight * (0.3 if entry.kind == "country" else 1.0)
            if entry.country and entry.admin1_code and entry.kind != "country":
                # naming the province itself ("Minnesota") is stronger evidence than naming a town in it
                ctx.admin1[(entry.country, entry.admin1_code)] += weight * (2.0 if entry.kind == "admin1" else 1.0)
                if entry.kind == "admin1" or not _major(entry):
                    ctx.admin1_local[(entry.country, entry.admin1_code)] += weight
            if entry.level >= 3 and res.margin >= CONTEXT_POINT_MARGIN:
                ctx.points.append((entry.lat, entry.lon))
                if not _major(entry):
                    ctx.local_resolved.append((entry.lat, entry.lon))
        if anchor is not None:
            ctx.anchor_country = anchor.country
            if anchor.country:
                ctx.countries[anchor.country] += DATELINE_COUNTRY_WEIGHT
                ctx.dateline_weight = DATELINE_COUNTRY_WEIGHT
            if anchor.country and anchor.admin1_code:
                ctx.admin1[(anchor.country, anchor.admin1_code)] += 1.0
            if anchor.level >= 3:
                ctx.points.append((anchor.lat, anchor.lon))
        return ctx
