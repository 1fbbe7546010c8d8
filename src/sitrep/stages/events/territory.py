"""Recipients by territory: an event directed at a place is directed at its state.

PLOVER (like CAMEO before it) codes the recipient of "the army launched an incursion into
northern Iraq", "the governor imposed a curfew on a border town of Turkey" or "peacekeepers
landed in Cyprus" as the country of that place (IRQ, TUR, CYP); the PLOVER gold records do
so throughout. The
actor stage rightly leaves a locative toponym as a place, not an actor, so an event whose
argument phrases name no actor but do name a place gets the state of that place as its
recipient. The place record (offsets, gazetteer entry) is the evidence, and the event's
``place`` field already carries it.

Only the event's own argument phrases are searched (objects and prepositional phrases of
the trigger, down through nouns, not into subjects or other clauses), so "Russian
warplanes bombed Aleppo" gives Syria while "officials in Moscow said the convoy was hit"
gives nothing to "hit". Pure functions over spaCy tokens, the place records and the
knowledge base the pipeline hands the events stage (the same KB as the actors stage's).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ...records import Actor, Place
from .lexicon import CIRCUMSTANCE_PREPS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

    from ...kb import KnowledgeBase
    from .triggers import Trigger

#: dependency labels of the trigger's children that are its argument phrases ("acl": "the
#: blockade imposed on Qatar"; "xcomp": "threatened to close the crossings into Gaza")
ARGUMENT_DEPS = {"dobj", "obj", "dative", "prep", "pobj", "attr", "oprd", "npadvmod", "advmod",
                 "acl", "xcomp"}
#: a place where people meet or work together is a venue, not a recipient ("talks in Geneva")
VENUE_CATEGORIES = {"CONSULT", "COOPERATE"}
#: agreements are made at a venue too, when the place hangs on the trigger itself ("the
#: agreement in Geneva", "signed in Paris"); "agreed to a ceasefire in Lebanon" still counts
VENUE_PREPS = {"in", "at"}
AGREEING = {"AGREE", "SUPPORT"}
#: prepositions of circumstance, not of the event's direction ("despite", "after", ...)
CIRCUMSTANCE = CIRCUMSTANCE_PREPS
#: labels that start another clause or a subject: not followed below the trigger's own
#: children (a noun's conjuncts are: "from France to Germany", "Turkey and Iran")
CLAUSE_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "agent", "expl", "ccomp", "advcl",
               "relcl", "parataxis", "cc", "mark", "punct", "appos", "xcomp"}
#: at most this many distinct countries ("from France to Germany")
MAX_COUNTRIES = 2
#: (branch events63, off: failed its bar — +13 right recipients on tune, mean 0.52 < sd 0.77 per wave; see
#: ``docs/benchmarks.md``) a place of the state a
#: long report is about (the document's theatre, read from its places) locates the event: the state is
#: not its recipient ("Al-Qaeda loyalists attacked a town in northeastern Syria" in a report on
#: Syria's war). The theatre counts only when the document names at least ``THEATRE_MIN_PLACES``
#: distinct places inside it, so a one-sentence wire item ("an incursion into northern Iraq") keeps
#: the state of its place as the recipient.
THEATRE_LOCATES = False
THEATRE_MIN_PLACES = 3


@lru_cache(maxsize=512)
def iso3(iso2: str | None) -> str | None:
    """ISO 3166-1 alpha-3 for a place's alpha-2 (Kosovo's user-assigned XK → XKX)."""
    if not iso2:
        return None
    if iso2.upper() == "XK":
        return "XKX"
    import pycountry

    found = pycountry.countries.get(alpha_2=iso2.upper())
    return found.alpha_3 if found is not None else None


def argument_tokens(trig: Trigger) -> set[int]:
    """Token indices of the trigger's argument phrases (no subjects, no other clauses, no
    venue of an agreement)."""
    venue = trig.code.category in AGREEING
    return _phrases([c for t in trig.tokens for c in t.children
                     if c.i not in trig.heads and c.dep_ in ARGUMENT_DEPS
                     and not (venue and c.dep_ == "prep" and c.lower_ in VENUE_PREPS)])


def purpose_tokens(trig: Trigger) -> set[int]:
    """For an infinitive of purpose, its governing verb's argument phrases ("sent
    inspectors to Iraq to investigate"); empty otherwise."""
    anchor = trig.anchor
    if anchor.dep_ not in ("advcl", "xcomp") or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in anchor.children):
        return set()
    return _phrases([c for c in anchor.head.children
                     if c.i != anchor.i and c.dep_ in ARGUMENT_DEPS - {"xcomp"}])


def _phrases(stack: list[Token]) -> set[int]:
    out: set[int] = set()
    while stack:
        tok = stack.pop()
        if tok.i in out or (tok.dep_ in ("prep", "pobj") and tok.lower_ in CIRCUMSTANCE):
            continue
        out.add(tok.i)
        stack.extend(c for c in tok.children if c.dep_ not in CLAUSE_DEPS)
    return out


def place_recipients(trig: Trigger, doc: Doc, places: list[Place],
                     kb: KnowledgeBase) -> list[tuple[str, Place]]:
    """(state id, place) for the places in the trigger's argument phrases, nearest first,
    states of the knowledge base only; an infinitive of purpose with no place of its own
    looks at its governing verb's."""
    if trig.code.category in VENUE_CATEGORIES:
        return []
    for region in (argument_tokens(trig), purpose_tokens(trig)):
        found = _places_in(region, trig, doc, places, kb)
        if found:
            return found
    return []


def _places_in(region: set[int], trig: Trigger, doc: Doc, places: list[Place],
               kb: KnowledgeBase) -> list[tuple[str, Place]]:
    found: list[tuple[int, str, Place]] = []
    if not region:
        return []
    # a place wholly outside the region's characters cannot touch one of its tokens: skip the
    # char_span lookup (the costly part, done per trigger and place)
    lo = min(doc[i].idx for i in region)
    hi = max(doc[i].idx + len(doc[i]) for i in region)
    for place in places:
        if place.end <= lo or place.start >= hi:
            continue
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None or not any(t.i in region for t in span) or _in_compound_adjective(span):
            continue
        state = iso3(place.country)
        if state is not None and kb.state(state) is not None:
            found.append((abs(span.root.i - trig.anchor.i), state, place))
    found.sort(key=lambda f: f[0])
    out: list[tuple[str, Place]] = []
    for _, state, place in found:
        if state not in {s for s, _ in out} and len(out) < MAX_COUNTRIES:
            out.append((state, place))
    return out


def _in_compound_adjective(span: Span) -> bool:
    """"a France-based charity", "Turkish-backed rebels": the toponym describes someone;
    it is not where the event is aimed."""
    doc = span.doc
    return (span.end + 1 < len(doc) and doc[span.end].text == "-"
            and doc[span.end + 1].tag_ in ("VBN", "VBD", "JJ"))


def theatre_states(places: list[Place], theatre: str | None) -> set[str]:
    """The states whose places only locate an event (``THEATRE_LOCATES``): the document's theatre
    (ISO3) when at least ``THEATRE_MIN_PLACES`` distinct places of it are named; else none."""
    if not THEATRE_LOCATES or theatre is None:
        return set()
    inside = {(p.geonames_id or p.name.lower()) for p in places if iso3(p.country) == theatre}
    return {theatre} if len(inside) >= THEATRE_MIN_PLACES else set()


def state_actor(state: str, kb: KnowledgeBase) -> Actor | None:
    """The knowledge base's state actor for an ISO3 code. Its ``aliases`` (the surface forms
    this document used for it) are empty: the document named a place, not the state."""
    actor = kb.state(state)
    return actor.to_actor(aliases=[]) if actor is not None else None
