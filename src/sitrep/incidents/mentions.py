"""Event mentions as the incident layer compares them.

``mentions(inputs, settings)`` turns each stored event into a ``Mention``: its
category family, the interval of days it can have happened on, its finest place
with level and first-level division, its actors, the words, names and numbers of
its evidence sentence, and its **role**:

- ``news``: asserted or reported as something that happened around the time of
  the report; news mentions found incidents;
- ``background``: a PLOVER ``historical`` event, or one dated more than
  ``Settings.background_days`` before the report's publication ("a week after the
  gas attack"): it joins the incident it recalls but never founds one;
- ``denial``: a negated event ("our jets did not strike the village"): a version
  of an incident someone else reports, never an incident of its own;
- ``None``: future, hypothetical and unknown statuses are not incidents.

Pure functions; the words are normalised lightly (case, possessive, plural ``s``),
which measured as well as a sentence encoder for this task (docs/benchmarks.md).
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, cast

from ..records import Actor, Casualty, Document, Entity, Event, Place, TimeExpr
from ..stages.casualties.record import headline_candidates
from ..stages.events.fight_frame import FightReading, party
from .inputs import DocumentInput, Figure
from .names import skeleton
from .settings import Settings

Role = Literal["news", "background", "denial"]

_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,]*")
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: TIMEX3 precisions that name one day (``time`` is a day with a clock time)
_DAY_PRECISIONS = frozenset({"day", "time"})
_ROLE_BY_STATUS: dict[str, Role] = {
    "asserted": "news", "reported": "news", "historical": "background", "negated": "denial",
}


@dataclass(frozen=True, slots=True)
class Headline:
    """A report's headline killed toll (issue 12's main killed figure): the casualties stage's
    ``headline_toll`` of its figures, and the sentence that gives it."""

    figure: Figure
    #: the offsets of the sentence that gives it (its evidence)
    sentence: tuple[int, int]


@dataclass(frozen=True, slots=True)
class PlaceKey:
    """The finest place of a mention: gazetteer id, point, division, level (PLOVER 1-5)."""

    name: str
    geonames_id: int | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    level: int | None


@dataclass(frozen=True, slots=True)
class Bag:
    """The content words, name words and numbers of a piece of text."""

    words: frozenset[str]
    names: frozenset[str]
    numbers: frozenset[int]
    #: names finer than the report's country, provinces and provincial capitals
    fine: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Mention:
    """One event as the linker sees it (see the module docstring)."""

    event: Event
    outlet: str
    published: int | None  #: publication day as a date ordinal
    family: str
    role: Role
    sentence: tuple[int, int]  #: evidence offsets: two events of one sentence never merge
    order: int  #: rank of its sentence among the document's event sentences (0 = lead)
    days: tuple[int, int] | None  #: first and last day (ordinals) it can have happened on
    specific: bool  #: the day is stated (not only the publication date)
    place: PlaceKey | None
    #: (country, first-level division) it is blocked on: its place's, else its report's main place's
    area: tuple[str | None, str | None]
    actors: frozenset[str]
    recipients: frozenset[str]
    #: the parties its actors belong to (a state's forces -> the state; an armed group -> itself)
    parties: frozenset[str]
    #: who was hit, as the recipients' kinds say: "civilians", "fighters" (empty: not said)
    victims: frozenset[str]
    #: how it was carried out (PLOVER ASSAULT modes: its own, and those its sentence names)
    means: frozenset[str]
    text: Bag  #: the evidence sentence
    context: Bag  #: the report's title and lead, shared by its mentions
    body: Mapping[str, float]  #: the report's words, weighted 1 + log(count), unit length
    #: the report's words weighted (1 + log(count)) × IDF (``Settings.idf``), unit length
    distinct: Mapping[str, float]
    figures: tuple[Figure, ...]
    #: the report's largest death toll of its own incidents (any of its news or denial
    #: events), None when it gives none: a later report of one incident gives as many or more
    toll: int | None = None
    #: the parties its recipients belong to (whom it was done to: never its perpetrator)
    targets: frozenset[str] = frozenset()
    #: its recipients that are armed sides (``parties`` gives them one: a state's government or
    #: forces, an armed group); in a battle both sides fight they are actors (``rollup.battle_parties``)
    armed: frozenset[str] = frozenset()
    #: parties named only by the bare name of the state the event happened in ("Syria's
    #: Aleppo bomb blast": the country as a place, not a perpetrator; its forces and
    #: government are named apart: ``SYR_MIL``, ``SYR_GOV``)
    state_names: frozenset[str] = frozenset()
    #: per source kind of ``DESCRIPTOR_KINDS``, the knowledge-base actors of it the report
    #: names anywhere ("monitor" -> {"SOHR"}): what "a monitor said" in it stands for
    sources: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: the report's incident-scope figures that belong to no event (``DocumentInput.loose_figures``),
    #: shared by its mentions: read only by ``contested.TIED_VERSIONS``
    loose: tuple[Figure, ...] = ()
    #: the days its report's news mentions state (``report_days``: each a first and last day ordinal),
    #: shared by its mentions, empty when the report states none: read only by the report feature
    #: ``stated_apart``
    report_days: frozenset[tuple[int, int]] = frozenset()
    #: when its place is one the gazetteer could not resolve (a village named as written): the
    #: resolved places below country level its evidence sentence names ("the
    #: Ain Dafla quarter of Marj Hilal": Marj Hilal), where the sentence puts it; empty otherwise. Read only by the place roll-up
    #: (``place_rollup``)
    surroundings: tuple[PlaceKey, ...] = ()
    #: False when its place is an unresolved name that is no place name (``proper_place``): a
    #: fragment ending in the article ("Rajm al"), a country's name ("Syria's" read as "Syrias"), or
    #: only words its report also writes in lower case ("Old", "Suspected Gas Attack"). Read only by
    #: the place roll-up (``place_rollup``)
    proper: bool = True
    #: the report's headline killed toll as the casualties stage picks it (``report_headline``),
    #: shared by its mentions, None when it gives none: read only by the roll-up
    #: (``Settings.rollup_headline``)
    headline: Headline | None = None
    #: what its own clause tells of a fight, as the events stage stored it (``Event.fight_told``,
    #: ``Event.fight_sides``: the armed sides a fight frame names, each the actors stage's mention of
    #: it); read only with ``Settings.rollup_fight_frames`` (empty when off)
    fight: FightReading = FightReading()

    @property
    def id(self) -> str:
        return self.event.id

    @property
    def document(self) -> str:
        return self.event.document

    @property
    def told(self) -> bool:
        """Its only date is the day its source spoke (``EventDate.told``): no day of the act's own;
        read only with ``Settings.rollup_speaking_days``."""
        return self.event.date is not None and self.event.date.told


def parse_day(value: str | None) -> tuple[int, int, str] | None:
    """``(first, last, precision)`` day ordinals of an ISO date value; None if not a date.

    ``2016-10-18`` is one day, ``2016-10`` the month, ``2016`` the year, ``2016-W41``
    the ISO week; durations (``P5Y``), ``PRESENT_REF`` and the like are not dates.
    """
    if not value:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2}))?", value)
    if not m:
        return None
    year = int(m.group(1))
    try:
        if m.group(3):
            d = date(year, int(m.group(2)), int(m.group(3))).toordinal()
            return d, d, "day"
        if m.group(2):
            month = int(m.group(2))
            first = date(year, month, 1).toordinal()
            last = (date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)).toordinal() - 1
            return first, last, "month"
        if m.group(4):
            first = date.fromisocalendar(year, int(m.group(4)), 1).toordinal()
            return first, first + 6, "week"
        return date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal(), "year"
    except ValueError:
        return None


def event_days(event: Event, published: int | None, settings: Settings) -> tuple[tuple[int, int] | None, bool, bool]:
    """The days the event can have happened on, whether a day is stated, whether a date is.

    A stated day (or clock time) is that day. A stated week, month or year is its span
    (a span wider than ``Settings.max_span_days`` blocks nothing: see ``blocking``).
    Without a stated date the event happened on its report's publication day or up to
    ``Settings.report_lag_days`` before; an undated report of an undated event gives
    None: the date is unknown, and the rest of the evidence decides.
    """
    value = event.date.value if event.date else None
    precision = event.date.precision if event.date else None
    parsed = parse_day(value) if precision != "document" else None
    if parsed is not None and precision in _DAY_PRECISIONS:
        return (parsed[0], parsed[0]), True, True
    if parsed is not None:
        return (parsed[0], parsed[1]), False, True
    if published is not None:
        return (published - settings.report_lag_days, published), False, False
    return None, False, False


def role_of(event: Event, days: tuple[int, int] | None, *, dated: bool, lead: bool,
            published: int | None, settings: Settings) -> Role | None:
    """news, background or denial (see the module docstring); None: not an incident.

    What a report's lead tells is its news even when it happened days before (a
    follow-up with a revised toll); further down, an event dated more than
    ``Settings.background_days`` before publication is recalled, not reported.
    """
    role = _ROLE_BY_STATUS.get(event.status)
    if role == "news" and dated and not lead and days is not None and published is not None \
            and published - days[1] > settings.background_days:
        return "background"
    return role


@functools.lru_cache(maxsize=200_000)
def normal(raw: str) -> str:
    """A word lower-cased, without possessive or plural ``s`` ("Strikes" → "strike")."""
    word = raw.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


def tokens(text: str) -> Iterator[tuple[str, bool]]:
    """``(normalised word, looks like a name)`` for every word of ``text``."""
    first = True
    for m in _TOKEN.finditer(text):
        raw = m.group(0)
        yield normal(raw), raw[:1].isupper() and not first
        first = False


_TIME, _ENTITY, _PLACE = 1, 2, 4


class Tokenized:
    """A text's words, read once, with which of them fall inside time expressions, named
    entities and place entities; ``bag`` reads any span of it."""

    def __init__(self, text: str, *, entities: Iterable[Entity] = (), times: Iterable[TimeExpr] = ()) -> None:
        flags = bytearray(len(text))
        for t in times:
            flags[t.start:t.end] = bytes(b | _TIME for b in flags[t.start:t.end])
        for e in entities:
            mark = _ENTITY | (_PLACE if e.label in _PLACE_LABELS else 0)
            flags[e.start:e.end] = bytes(b | mark for b in flags[e.start:e.end])
        self.starts: list[int] = []
        self.raws: list[str] = []
        self.words: list[str] = []
        self.flags: list[int] = []
        for m in _TOKEN.finditer(text):
            self.starts.append(m.start())
            self.raws.append(m.group(0))
            self.words.append(normal(m.group(0)))
            self.flags.append(flags[m.start()] if m.start() < len(flags) else 0)

    def span(self, start: int, end: int) -> range:
        return range(bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end))

    def bag(self, start: int, end: int, *, stop: frozenset[str], common: frozenset[str] = frozenset(),
            coarse: frozenset[str] = frozenset()) -> Bag:
        """Content words, name keys and numbers of the span (see ``bag``)."""
        words: set[str] = set()
        names: set[str] = set()
        numbers: set[int] = set()
        first = True
        for i in self.span(start, end):
            flag, word, raw = self.flags[i], self.words[i], self.raws[i]
            if flag & _TIME:
                continue
            if raw[0].isdigit():
                digits = raw.replace(",", "")
                if digits.isdigit() and len(digits) <= 6:
                    numbers.add(int(digits))
            elif word not in stop:
                if len(word) > 2:
                    words.add(word)
                if flag & _PLACE or (not flag & _ENTITY and not first and raw[0].isupper() and word not in common):
                    names.add(word)
            first = False
        keys = frozenset(k for k in (skeleton(n) for n in names) if k is not None)
        return Bag(frozenset(words), keys, frozenset(numbers), keys - coarse)

    def lower_words(self) -> frozenset[str]:
        """Words the text writes in lower case somewhere: capitalised elsewhere, they start
        a sentence or a title word ("Killed in Air Raid"), they are not names."""
        return frozenset(w for w, r in zip(self.words, self.raws, strict=True) if r[0].islower())


def bag(text: str, *, stop: frozenset[str] = frozenset(), common: frozenset[str] = frozenset(),
        coarse: frozenset[str] = frozenset(), entities: Iterable[Entity] = (),
        times: Iterable[TimeExpr] = ()) -> Bag:
    """Content words, name keys and numbers of ``text``.

    Dates are not names or figures: the words of time expressions are left out. Names
    are the words of place entities (GPE, LOC, FAC) and capitalised words inside a
    sentence that no entity covers (a district the parser did not know); the words of
    organisations and people name sources and speakers, not where something happened.
    Names are compared by their spelling-tolerant skeleton (``names.skeleton``).
    """
    return Tokenized(text, entities=entities, times=times).bag(0, len(text), stop=stop, common=common,
                                                               coarse=coarse)


def place_key(event: Event, places: Sequence[Place], dateline: str | None = None) -> PlaceKey | None:
    """The event's place with the level and division its ``Place`` record carries.

    A place the events stage took from the report's dateline ("NEW YORK —"), named
    nowhere in the event's sentence, is where the report was filed, not where the event
    happened: the event's place is then unknown.
    """
    p = event.place
    if p is None:
        return None
    named = p.text or p.name
    if dateline and named and named.lower() in dateline.lower() and named not in event.evidence.text:
        return None
    match = next((q for q in places if p.geonames_id is not None and q.geonames_id == p.geonames_id), None)
    if match is None:
        match = next((q for q in places if q.name == p.name), None)
    lat, lon = (p.lat, p.lon) if p.lat is not None or match is None else (match.lat, match.lon)
    return PlaceKey(p.name, p.geonames_id, lat, lon, p.country or (match.country if match else None),
                    match.admin1 if match else None, match.level if match else None)


def surroundings(place: PlaceKey | None, start: int, end: int, places: Sequence[Place]) -> tuple[PlaceKey, ...]:
    """For a place the gazetteer could not resolve (no id, point or level), the resolved places
    below country level named in the sentence ``start``-``end``; empty for any other place."""
    if place is None or place.geonames_id is not None or place.lat is not None or place.level is not None:
        return ()
    keys = {PlaceKey(q.name, q.geonames_id, q.lat, q.lon, q.country, q.admin1, q.level): None
            for q in places if start <= q.start < end and q.level is not None and q.level >= 2}
    return tuple(keys)


#: the Arabic article as a word of its own: a place name does not end in it ("Rajm al" is cut short)
_ARTICLE_WORDS = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ez", "es", "ed", "er", "en"})


def proper_place(place: PlaceKey | None, common: frozenset[str], countries: frozenset[str]) -> bool:
    """Whether an unresolved place name (no id, point or level) can be a place's name: not cut
    short before its article, not the name of a country its report names (``countries``: their
    ``normal`` names; "Syria's" read as "Syrias"), not only words its report writes in lower case
    (``common``); True for every resolved place and for no place."""
    if place is None or place.geonames_id is not None or place.lat is not None or place.level is not None:
        return True
    words = [normal(w) for w in re.split(r"[\s\-\u2019']+", place.name) if w]
    if not words or words[-1] in _ARTICLE_WORDS or all(w in common for w in words):
        return False
    return not (len(words) == 1 and words[0] in countries)


def lead_bag(doc: Document, toks: Tokenized, settings: Settings, common: frozenset[str],
             coarse: frozenset[str]) -> Bag:
    """The words of a report's title and lead: what it is mainly about."""
    lead = toks.bag(0, settings.lead_chars, stop=settings.stop_words, common=common, coarse=coarse)
    title = bag(doc.title or "", stop=settings.stop_words, common=common, coarse=coarse)
    return Bag(lead.words | title.words, lead.names | title.names, lead.numbers | title.numbers,
               lead.fine | title.fine)


def body_vector(words: Iterable[str], stop: frozenset[str], idf: Mapping[str, float] | None = None,
                unseen: float = 1.0) -> dict[str, float]:
    """A report's content words weighted 1 + log(count) (times the word's IDF weight when
    ``idf`` is given; ``unseen`` for a word it does not list), scaled to unit length.

    No statistics of the linked corpus enter (the IDF table is fixed, ``Settings.idf``): a
    report's vector never changes when others are added, so incremental linking and a
    rebuild compare reports identically.
    """
    counts = Counter(w for w in words if w not in stop and not w[0].isdigit() and len(w) > 2)
    weights = {w: (1.0 + math.log(c)) * (idf.get(w, unseen) if idf is not None else 1.0)
               for w, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
    return {w: v / norm for w, v in weights.items()}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def victims_of(ids: Iterable[str], actors: dict[str, Actor]) -> frozenset[str]:
    """"civilians" for civilian recipients, "fighters" for armed groups and forces."""
    out = set()
    for actor_id in ids:
        actor = actors.get(actor_id)
        if actor is None:
            continue
        if actor.sector == "CVL":
            out.add("civilians")
        elif actor.kind in ("armed_group", "military"):
            out.add("fighters")
    return frozenset(out)


def sentence_means(words: Sequence[str], table: Mapping[tuple[str, ...], str]) -> frozenset[str]:
    """The modes a sentence's words name (``data/means.yaml``)."""
    found = set()
    longest = max((len(k) for k in table), default=0)
    for i in range(len(words)):
        for n in range(1, longest + 1):
            mode = table.get(tuple(words[i:i + n]))
            if mode is not None:
                found.add(mode)
    return frozenset(found)


def coarse_names(places: Iterable[Place]) -> frozenset[str]:
    """Name keys of the report's countries, provinces and provincial capitals: they say
    where a war is, not which of its incidents a report tells."""
    out: set[str] = set()
    for p in places:
        level = p.level or 1
        if level <= 2 or (p.admin1 and skeleton(p.name) == skeleton(p.admin1)):
            for text in (p.text, p.name, p.admin1 or ""):
                out.update(k for k in (skeleton(w) for w, _ in tokens(text)) if k is not None)
    return frozenset(out)


def parties(ids: Iterable[str], actors: dict[str, Actor]) -> frozenset[str]:
    """The parties behind actor ids: a state's government, forces and officials -> its
    country code; an armed group -> itself; anyone else (media, NGOs, people) -> none
    (``fight_frame.party``, which the events stage reads for a fight's armed sides)."""
    return frozenset(p for p in (party(actors.get(i)) for i in ids) if p is not None)


def state_names(ids: Iterable[str], actors: dict[str, Actor], country: str | None) -> frozenset[str]:
    """The parties of ``ids`` given only by the bare state ``country`` (``parties`` maps the
    state itself and its forces alike to the country code): a report naming "Syria" in an
    event placed in Syria names a place, not who did it (see ``Mention.state_names``)."""
    code = alpha3(country)
    if code is None or code not in ids:
        return frozenset()
    others = parties([a for a in ids if a != code], actors)
    state = actors.get(code)
    return frozenset({code}) if state is not None and state.kind == "state" and code not in others \
        else frozenset()


@functools.lru_cache(maxsize=256)
def alpha3(country: str | None) -> str | None:
    """A place's country code (ISO 3166-1 alpha-2, as the gazetteer gives it) as the
    knowledge base's state ids spell it (alpha-3); None when unknown."""
    if not country:
        return None
    if len(country) == 3:
        return country
    import pycountry

    found = pycountry.countries.get(alpha_2=country.upper())
    return str(found.alpha_3) if found is not None else None


#: knowledge-base actor kinds that an unnamed source descriptor can stand for ("a monitor
#: said", "the monitors"): the descriptor's last word names the kind
DESCRIPTOR_KINDS = frozenset({"monitor"})


@functools.lru_cache(maxsize=1)
def _source_names() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """``(kind, actor id, pattern of its names)`` for each knowledge-base actor of a
    descriptor kind (read once, when the first report is read)."""
    from ..kb import load_kb

    out = []
    for actor in load_kb().actors.values():
        if actor.kind in DESCRIPTOR_KINDS:
            names = sorted({n.lstrip("=") for n in (actor.name, *actor.aliases) if len(n.lstrip("=")) > 2})
            exact = [re.escape(n) for n in names if n.isupper()]  # acronyms: case as written
            folded = [re.escape(n) for n in names if not n.isupper()]
            parts = ([rf"(?-i:{'|'.join(exact)})"] if exact else []) + folded
            out.append((actor.kind, actor.id, re.compile(rf"\b(?:{'|'.join(parts)})\b", re.IGNORECASE)))
    return tuple(out)


def named_sources(text: str) -> dict[str, frozenset[str]]:
    """Per descriptor kind, the knowledge-base actors of it that ``text`` names."""
    out: dict[str, set[str]] = {}
    for kind, actor, pattern in _source_names():
        if pattern.search(text):
            out.setdefault(kind, set()).add(actor)
    return {k: frozenset(v) for k, v in out.items()}


def main_place(places: Sequence[Place]) -> Place | None:
    """The report's most named place below country level (ties: the first named)."""
    counts: dict[str, int] = {}
    first: dict[str, Place] = {}
    for p in places:
        if p.level is not None and p.level >= 2:
            counts[p.name] = counts.get(p.name, 0) + 1
            first.setdefault(p.name, p)
    if not counts:
        return None
    best = max(counts, key=lambda name: (counts[name], -places.index(first[name])))
    return first[best]


def area_of(place: PlaceKey | None, main: Place | None) -> tuple[str | None, str | None]:
    """The (country, division) a mention is blocked on (see ``blocking``)."""
    if place is not None and place.admin1:
        return place.country, place.admin1
    if main is not None and (place is None or place.country in (None, main.country)):
        return main.country, main.admin1
    return (place.country if place else None), None


def _published(value: str | None) -> int | None:
    parsed = parse_day(value)
    return parsed[0] if parsed is not None and parsed[2] == "day" else None


def not_denied(events: Iterable[Event]) -> frozenset[tuple[int, int]]:
    """Sentences holding a rejection that is itself negated ("a coalition source did not deny
    that strikes were carried out"): the negation there belongs to the denial, so no event of
    the sentence denies anything (incident-guide §3: a denial is an accused party's word that
    it did not happen or was not theirs)."""
    return frozenset((e.evidence.start, e.evidence.end) for e in events
                     if e.category == "REJECT" and e.status == "negated")


def report_toll(item: DocumentInput) -> int | None:
    """The largest death toll a report gives for an incident it tells (not war-wide totals,
    parts of other figures or tolls it updates itself: ``inputs.counts_for_incident``)."""
    tolls = [f.best for e in item.events if e.status in ("asserted", "reported")
             for f in item.event_figures(e) if f.kind == "killed" and f.best is not None]
    return max(tolls, default=None)


def report_headline(item: DocumentInput) -> Headline | None:
    """The report's headline killed toll (``stages.casualties.record.headline_candidates``: its
    largest incident-scope killed figure no update replaced, on an event stated as fact, before a
    round-up's other incidents; the sentences seen are its events' and its figures'), None when
    it gives none or its figures are not the casualties stage's records."""
    figures = [*(c for e in item.events for c in e.casualties), *item.loose_figures]
    if not figures or not all(isinstance(f, Casualty) for f in figures):
        return None
    casualties = [f for f in figures if isinstance(f, Casualty)]
    statuses = {e.id: e.status for e in item.events}
    sentences = sorted({(e.evidence.start, e.evidence.text) for e in item.events})
    kept = headline_candidates(casualties, statuses, sentences=sentences)
    if not kept:
        return None
    top = max(kept, key=lambda c: (c.best, -c.evidence.start))
    # a Casualty is a Figure (the protocol's attributes are read only; mypy reads them as invariant)
    return Headline(cast(Figure, top), (top.evidence.start, top.evidence.end))


def document_mentions(item: DocumentInput, settings: Settings) -> list[Mention]:
    """The mentions of one document's events that can belong to an incident."""
    published = _published(item.document.anchor_date)
    starts = sorted({e.evidence.start for e in item.events})
    rank = {s: i for i, s in enumerate(starts)}
    toks = Tokenized(item.document.text, entities=item.entities, times=item.times)
    common = toks.lower_words()
    coarse = coarse_names(item.places) | settings.countries
    context = lead_bag(item.document, toks, settings, common, coarse)
    body = body_vector(toks.words, settings.stop_words)
    distinct = body_vector(toks.words, settings.stop_words, settings.idf, settings.idf_unseen) \
        if settings.idf else body
    main = main_place(item.places)
    countries = frozenset(normal(q.name) for q in item.places if q.level == 1)
    actors = {a.id: a for a in item.actors}
    sentences: dict[tuple[int, int], tuple[Bag, frozenset[str]]] = {}
    undenied = not_denied(item.events)
    toll = report_toll(item)
    headline = report_headline(item) if settings.rollup_headline else None
    sources = named_sources(item.document.text)
    out = []
    for event in item.events:
        days, specific, dated = event_days(event, published, settings)
        role = role_of(event, days, dated=dated, lead=rank[event.evidence.start] < settings.lead_sentences,
                       published=published, settings=settings)
        if role is None or (role == "denial" and (event.evidence.start, event.evidence.end) in undenied):
            continue
        ev = event.evidence
        place = place_key(event, item.places, item.document.dateline)
        if (ev.start, ev.end) not in sentences:
            sentences[(ev.start, ev.end)] = (
                toks.bag(ev.start, ev.end, stop=settings.stop_words, common=common, coarse=coarse),
                sentence_means([toks.words[i] for i in toks.span(ev.start, ev.end)], settings.means))
        text, means = sentences[(ev.start, ev.end)]
        area = area_of(place, main)
        out.append(Mention(
            event=event, outlet=item.document.outlet, published=published,
            family=settings.family(event.category), role=role, sentence=(ev.start, ev.end),
            order=rank[ev.start], days=days, specific=specific, place=place, area=area,
            actors=frozenset(event.actors), recipients=frozenset(event.recipients),
            parties=parties(event.actors, actors), victims=victims_of(event.recipients, actors),
            means=means | ({event.mode} if event.mode else frozenset()),
            text=text, context=context, body=body, distinct=distinct,
            figures=tuple(item.event_figures(event)), toll=toll,
            targets=parties(event.recipients, actors),
            armed=frozenset(r for r in event.recipients if parties([r], actors)),
            state_names=state_names(event.actors, actors, area[0]),
            sources=sources, loose=tuple(item.loose_figures),
            surroundings=surroundings(place, ev.start, ev.end, item.places),
            proper=proper_place(place, common, countries), headline=headline,
            fight=_fight_of(event) if settings.rollup_fight_frames else FightReading(),
        ))
    stated = report_days(out)
    if not stated:
        return out
    return [dataclasses.replace(m, report_days=stated) for m in out]


def _fight_of(event: Event) -> FightReading:
    """``Mention.fight`` of an event: what the events stage stored of its clause's fight (no parse here)."""
    sides = tuple(event.fight_sides)
    return FightReading(event.fight_told or bool(sides), sides)


def report_days(ms: Iterable[Mention]) -> frozenset[tuple[int, int]]:
    """The days (first, last ordinals) the news mentions of one report state (``Mention.specific``)."""
    return frozenset(m.days for m in ms if m.role == "news" and m.specific and m.days is not None)


def mentions(inputs: Iterable[DocumentInput], settings: Settings) -> list[Mention]:
    """Every incident-capable mention of every document, in input order."""
    return [m for item in inputs for m in document_mentions(item, settings)]
