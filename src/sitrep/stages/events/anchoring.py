"""Date and place of an event, from the time and place stages.

**Date.** An event's date is a calendar value: a day, a month, a year, an ISO week or a
range of those, never a duration (``P7D``), a reference (``PAST_REF``) or an unanchored
value (``XXXX-09-17``). ``time_for_span`` (the time stage's) picks the calendar expression
governing the event's clause, else the closest one in its sentence; a time of day is cut
to its day ("Tuesday night" → the day), a season or quarter to its year. Failing that the
document's publication date stands in, with precision ``"document"``. A calendar expression
that governs a reporting verb ("activists *said on Wednesday* that strikes killed nine") whose
complement holds the event dates the statement, not the act (decisions §6d rule 1): the date is
kept with ``told`` set (``speaking_day``); the incident layer then gives the act no day of its own
(``Settings.rollup_speaking_days``). "Strikes on Wednesday killed nine, activists said" stays the
strikes' own day: the expression is in their clause.

**Place.** ``place_for_span`` (the place stage's) picks the toponym governing the event's
clause, else the closest one in its sentence; the events stage narrows what it may pick
(``governed_places``) and may add the incident's place from a neighbouring sentence
(``stage``). Failing that, the dateline's place when the place stage resolved it. Of a chain
("X in the Y countryside") the smaller place (``innermost``); never a toponym in a parenthetical
aside nor the addressee of "called on X". A verbal event (statement, demand, meeting) is placed
only through "in/at" on its own trigger (``stated_at``), never by the dateline.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ...dates import first_day
from ...records import EventDate, EventPlace, Place, TimeExpr
from ..base import Analysis
from ..time import clause_verb, time_for_span
from .finer import locates, of_locates
from .lexicon import LOCATIVE_PREPS, PLACE_NOUNS, REPORTING, STATEMENT_PREPS
from .triggers import lemma

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

    from .triggers import Trigger

#: a day, month, year or ISO week (optionally a START/END range of those), then anything
#: that refines it within the day ("T14:00", "TNI" for night)
_CALENDAR = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2})?)(?:T[\w:.]*)?$")
_RANGE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2})?/\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2})?$")
#: a season, quarter or half of a year: the year is what the calendar can say
_PART_OF_YEAR = re.compile(r"^(\d{4})-(?:SP|SU|FA|AU|WI|Q[1-4]|H[12])$")
#: background: an event dated more than this before publication is ``historical``
#: (the coding guide's "older than about a month before the publication date")
HISTORICAL_AFTER = timedelta(days=31)


def calendar_value(value: str | None) -> str | None:
    """``value`` as a calendar date (day, month, year, ISO week, or a range), else None.

    >>> calendar_value("2016-06-21TNI"), calendar_value("2015-SP"), calendar_value("P7D")
    ('2016-06-21', '2015', None)
    """
    if not value:
        return None
    if _RANGE.match(value):
        return value
    m = _CALENDAR.match(value) or _PART_OF_YEAR.match(value)
    return m.group(1) if m else None


def calendar_times(times: list[TimeExpr]) -> list[TimeExpr]:
    """The time expressions that name a calendar date, their values cut to the calendar part."""
    out = []
    for t in times:
        value = calendar_value(t.value)
        if value is not None and t.type in ("DATE", "TIME"):
            out.append(t if value == t.value else dataclasses.replace(t, value=value))
    return out


def event_date(analysis: Analysis, span: tuple[int, int]) -> EventDate | None:
    """The event's date: the governing calendar expression, else the publication date
    ("document"). ``analysis.times`` must hold calendar expressions only (``calendar_times``)."""
    found = time_for_span(analysis, *span) if analysis.times else None
    if found is not None and found.value:
        return EventDate(found.value, found.precision, found.text, speaking_day(analysis, found, span))
    if analysis.document.anchor_date:
        return EventDate(analysis.document.anchor_date, "document", None)
    return None


def speaking_day(analysis: Analysis, time: TimeExpr, span: tuple[int, int]) -> bool:
    """Is ``time`` its source's speaking day for the event at ``span``: the expression's clause is a
    reporting verb's (the events stage's ``REPORTING`` verbs: say, tell, report ...) and that verb
    governs the event's own clause ("SOHR *said on Monday* that raids *killed* 15")? Not when the
    expression is in the event's own clause ("raids on Monday killed 15, SOHR said") nor when the
    event is the statement itself. False without a parse."""
    doc = analysis.doc
    if doc is None:
        return False
    verb = clause_verb(doc, time.start, time.end)
    own = clause_verb(doc, *span)
    if verb is None or own is None or verb.i == own.i or lemma(verb) not in REPORTING:
        return False
    return bool(verb.is_ancestor(own))


def period_end(value: str) -> date | None:
    """The last day a calendar value can mean (a month's last day, a range's end ...)."""
    last = value.split("/")[-1]
    week = re.match(r"^(\d{4})-W(\d{2})$", last)
    if week:
        try:
            return date.fromisocalendar(int(week.group(1)), int(week.group(2)), 7)
        except ValueError:
            return None
    start = first_day(last)
    if start is None:
        return None
    parts = last.count("-")
    if parts == 2:
        return start
    if parts == 1:
        nxt = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        return nxt - timedelta(days=1)
    return date(start.year, 12, 31)


def is_background(when: EventDate | None, published: date | None) -> bool:
    """The event's own date ends more than ``HISTORICAL_AFTER`` before publication."""
    if when is None or when.precision == "document" or when.value is None or published is None:
        return False
    end = period_end(when.value)
    return end is not None and published - end > HISTORICAL_AFTER


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place record with its tokens: ``root`` the head token, ``clause`` its clause's verb."""

    place: Place
    first: int
    last: int
    root: Token
    clause: int


def clause_head(token: Token) -> Token:
    """The verb heading the clause a token belongs to (the sentence root at worst)."""
    while token.head.i != token.i and token.pos_ not in ("VERB", "AUX"):
        token = token.head
    return token


def toponyms(doc: Doc, places: Sequence[Place]) -> list[Toponym]:
    """The document's place records that can be an event's place, in text order: not a
    toponym inside a compound adjective ("a Britain-based monitor", "Turkish-backed
    rebels"), not one that modifies a noun that is no place ("US elections", "the Syrian
    economy"), where "Aleppo province", "the Idlib countryside" stay places."""
    out = []
    for place in places:
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None or not len(span) or _describes(span):
            continue
        out.append(Toponym(place, span.start, span.end, span.root, clause_head(span.root).i))
    return sorted(out, key=lambda t: t.first)


def _describes(span: Span) -> bool:
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].text == "-" and doc[span.end + 1].tag_ in ("VBN", "VBD", "JJ"):
        return True
    root = span.root
    if root.dep_ not in ("amod", "compound", "nmod", "poss") or root.head.i in range(span.start, span.end):
        return False
    head = root.head
    return head.lemma_.lower() not in PLACE_NOUNS and head.ent_type_ not in ("GPE", "LOC", "FAC")


def governed_place(anchor: Token, words: set[int], candidates: Sequence[Toponym]) -> Place | None:
    """The place the event governs: a toponym of its own clause or phrase (nearest first),
    else the nearest locative phrase of the sentence ("in/at/near/on X": the incident's
    location). ``words``: the trigger's token indices."""
    if not candidates:
        return None
    clause = clause_head(anchor).i

    def distance(t: Toponym) -> int:
        return min(abs(t.root.i - w) for w in words)

    first_word = min(words)
    candidates = [t for t in candidates if not _aside(t, first_word)]
    own = [t for t in candidates if (t.clause == clause or _under(t.root, words)) and not _doer(t.root)]
    if own:
        return innermost(min(own, key=distance), candidates).place
    locative = [t for t in candidates if _locative(t.root) and not _addressee(t.root)]
    return innermost(min(locative, key=distance), candidates).place if locative else None


def innermost(chosen: Toponym, candidates: Sequence[Toponym]) -> Toponym:
    """The most specific place the text gives for the event (coding guide section 5): when the
    chosen toponym locates another one ("Manbij in Aleppo province", "Haritan in the north Aleppo
    countryside", "the Damascus suburb of Jaramana"), the located one, down the chain. Not when the located one is the larger place
    by the gazetteer's level ("Aleppo, in Syria" chosen stays)."""
    doc = chosen.root.doc
    for _ in range(len(candidates)):
        inner = next((t for t in candidates if ((t.last <= chosen.first and locates(t.last - 1, chosen.first, doc))
                                                or (t.first >= chosen.last and of_locates(chosen.last, t.first, doc)))
                      and not _coarser(t.place, chosen.place)), None)
        if inner is None:
            return chosen
        chosen = inner
    return chosen


#: how many heads up from a country's name an unnamed place noun may govern it ("a village in
#: northwest Syria": Syria → in → village)
UNNAMED_DEPTH = 3


def within_unnamed(place: Place, sent: Span) -> bool:
    """Is ``place`` only the seat of a smaller place the sentence does not name ("a village in
    northwest Syria", "a town in the Syrian north")? The toponym hangs, through a preposition,
    below a place noun that carries no name of its own."""
    span = sent.doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    node = span.root
    for _ in range(UNNAMED_DEPTH):
        if node.head.i == node.i or node.dep_ not in ("pobj", "prep", "amod", "compound", "nmod"):
            return False
        node = node.head
        if node.pos_ == "NOUN" and node.lemma_.lower() in PLACE_NOUNS:
            return not any(c.pos_ == "PROPN" or c.ent_type_ in ("GPE", "LOC", "FAC") for c in node.children
                           if c.i not in range(span.start, span.end))
    return False


def stated_at(place: Place, trig: Trigger) -> bool:
    """Is ``place`` where a verbal event (a statement, a demand, a meeting) happened? Only a
    place the trigger itself governs through "in" or "at" ("said in Geneva", "talks in Astana",
    "met at the UN"): a toponym inside what was said, demanded or condemned is the place of
    that content ("condemned the crimes … in Homs"), and one after "on" is the addressee
    ("called on Washington"); coding guide section 5."""
    doc = trig.anchor.doc
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    node = span.root
    for _ in range(3):  # "in the town of X", "in X city"
        if node.dep_ == "pobj" and node.head.lower_ in STATEMENT_PREPS:
            return node.head.head.i in trig.heads or node.head.head.i == trig.anchor.i
        if node.dep_ not in ("pobj", "prep", "compound", "appos") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _coarser(a: Place, b: Place) -> bool:
    return a.level is not None and b.level is not None and a.level < b.level


def _aside(t: Toponym, first_word: int) -> bool:
    """The toponym is inside a parenthetical aside the event is not in ("Daesh (banned in
    Russia)", "Kobani (Ain al-Arab)" after the event's words)."""
    sent = t.root.sent
    depth = 0
    opened = -1
    for tok in sent.doc[sent.start:t.first]:
        if tok.text == "(":
            depth, opened = depth + 1, tok.i
        elif tok.text == ")" and depth:
            depth -= 1
    return depth > 0 and first_word < opened


def _doer(token: Token) -> bool:
    """The toponym names who did it ("strikes carried out by Russia"), not where."""
    return token.dep_ == "pobj" and (token.head.dep_ == "agent" or token.head.lower_ == "by")


def _under(token: Token, words: set[int]) -> bool:
    node = token
    for _ in range(6):
        if node.i in words:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _addressee(token: Token) -> bool:
    """"on X" right under a verb of another clause is that verb's argument ("called on
    Washington to stop …", "imposed on Damascus"), not where the event happened."""
    return token.dep_ == "pobj" and token.head.lower_ in ("on", "upon") and token.head.head.pos_ == "VERB"


def _locative(token: Token) -> bool:
    """The toponym is the object of a locative preposition ("in Aleppo", "near the town of X")."""
    node = token
    for _ in range(3):
        if node.dep_ == "pobj" and node.head.lower_ in LOCATIVE_PREPS:
            return True
        if node.dep_ not in ("pobj", "prep", "appos", "compound"):
            return False
        node = node.head
    return False


def dateline_place(analysis: Analysis) -> Place | None:
    """The place of the dateline, when the place stage resolved the same name in the body."""
    if not analysis.document.dateline:
        return None
    line = analysis.document.dateline.lower()
    return next((p for p in analysis.places if p.text.lower() in line), None)


def as_event_place(place: Place) -> EventPlace:
    return EventPlace(place.name, place.lat, place.lon, place.country, place.geonames_id, place.text,
                      place.start, place.end)
