"""From trigger candidates to event records: one event per event mention, arguments from context.

The coding guide (``docs/coding-guide-events.md`` section 1) codes one event per distinct
event mention per sentence: "airstrikes killed 9 people in Ariha" is one ASSAULT (the event
and its consequences are one event), "a car bomb attack" one ASSAULT, while "jets struck
Ariha and rebels shelled Jurin" are two (they differ in actor and place). The trigger finder
proposes every event word; ``merge_mentions`` joins the candidates of one sentence and one
category unless they are distinct (different actors, or different places), keeping the
attack word as the trigger and the union of the arguments.

``from_context`` fills what a sentence leaves unsaid when the article makes it clear: a
sentence about "the attack" right after one saying who attacked gets that actor, and an event
with no place of its own takes the place of the same incident told in the sentence before
(the nearest earlier event of the same category, at most ``CONTEXT_SENTENCES`` back, with
no conflicting actor). ``is_record`` keeps an event only when it has an actor, a recipient or
a place (guide section 1). Pure functions over ``Candidate`` records.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ...records import EventDate, Mention, Place
from .anchoring import within_unnamed
from .descriptors import definite
from .lexicon import HARM_VERBS
from .modality import presupposed_head

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

    from .modality import Modality
    from .triggers import Trigger

#: how many sentences back an event's actor or place may be taken from (the same incident)
CONTEXT_SENTENCES = 2
#: the generic actor of unidentified attackers ("a suicide bomber"): the same incident told
#: before may say who they are
UNIDENTIFIED = "UAF"
#: categories whose missing actor or place is taken from the same incident told just before
CONTEXT_CATEGORIES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "AID"})
#: an event whose sentence names no doer, and that took none from the sentences before, takes the
#: doer of the same incident told in the next sentences (a headline or lead told before the
#: sentence that says who did it: "20 civilians killed in a car bomb attack" then "Isis claimed
#: the car bomb"). A named switch, off by default: ``benchmarks/events_lead_doer.py`` measured it
#: leave one wave out (branch events34)
FORWARD_CONTEXT = False
#: the narrower forward reading (branch events35): ``FORWARD_CONTEXT``'s doer told after the event
#: only when that later doer is trustworthy (``trusted_ahead``: it claims the incident, "X claimed
#: responsibility for the attack", "an attack claimed by X"; or the event opens the document and the
#: later doer is told in the next sentence, a headline and its lead). A named switch, off by
#: default: ``benchmarks/events_trusted_doer.py`` measures it leave one wave out
FORWARD_TRUSTED = False
#: an event of ``CONTEXT_CATEGORIES`` left with no place (after the backward rule) takes the place
#: of the same incident told in the next sentences, at most this many ahead: a headline or lead
#: told before the sentence that names the town (a headline "Militants kill dozens in village raid"
#: above "… stormed the village of X near Hama"). The country-only case ("airstrikes in northwest
#: Syria" then the village) is ``_places_ahead``'s, always on. A named switch, 0 (off) by default:
#: ``benchmarks/events_place_ahead.py`` chooses the window leave one wave out (branch events36)
PLACES_AHEAD_WINDOW = 0
#: with ``PLACES_AHEAD_WINDOW`` on: only an event of the document's first sentence (a headline or
#: lead) takes a place told after it
PLACES_AHEAD_LEAD = False
#: a party the events stage reads from a described noun of the event's own sentence ("a suicide
#: bomber struck the gate", "helicopters dropped barrel bombs": the generic actor of its sector)
#: keeps that noun phrase as its mention (method "described"), so that the record says where the
#: doer was read. A named switch, off by default: ``benchmarks/events_outside_doers.py`` measures
#: it leave one wave out (branch events44)
DESCRIBED_MENTIONS = False
#: an event whose doer is the unidentified attacker read from a described noun of its own
#: sentence keeps it: the context rule's ``replace_unidentified`` does not carry in the doer of
#: the incident told before. A named switch, off by default (branch events44, as above)
KEEP_OWN_DESCRIBED = False
#: the dependencies through which an incident's word hangs under the claim (its object, a
#: preposition's object, a conjunct or apposition of one)
CLAIM_PATH = frozenset({"dobj", "obj", "pobj", "prep", "conj", "appos"})


@dataclass(slots=True)
class Candidate:
    """One event mention before it becomes an ``Event``: trigger, sentence, decisions, arguments."""

    trigger: Trigger
    sentence: Span
    sentence_index: int
    category: str
    mode: str | None
    probability: float
    modality: Modality
    status: str
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    place: Place | None = None
    date: EventDate | None = None
    attributed_to: str | None = None
    #: the actor ids taken from another sentence (``from_context``)
    context_actors: bool = False
    #: the actor chosen by the learned doer model (``ranker``), no rule having found one
    ranked_actor: bool = False
    #: the actor chosen by the learned doer (``doer_model``, switch ``LEARNED_DOERS``): it opens no
    #: territory recipient in ``EventStage._event``
    learned_doer: bool = False
    context_place: bool = False
    #: the parties read from described nouns of the sentence: (actor id, start, end) of each
    #: noun phrase in the document's text (``DESCRIBED_MENTIONS``)
    described: list[tuple[str, int, int]] = field(default_factory=list)
    #: a verbal event whose content names a place that is not its own ("condemned the crimes in
    #: Homs"): exported without a place, but a place of the conflict is an argument (``is_record``)
    grounded: bool = False
    merged: list[Trigger] = field(default_factory=list)
    #: token indices of the source phrases of the attributions covering the event
    #: (``attribution.source_tokens``)
    source_tokens: frozenset[int] = frozenset()

    @property
    def anchor(self) -> Token:
        return self.trigger.anchor

    def has_arguments(self) -> bool:
        return bool(self.actors or self.recipients or self.place is not None or self.grounded)


def _harm_word(trig: Trigger) -> bool:
    """A consequence word ("killed", "wounded") rather than the act itself ("airstrikes")."""
    return trig.kind == "verb" and trig.anchor.lemma_.lower() in HARM_VERBS | {"die"}


#: True: two resolved places of one category's mentions in one sentence tell one event when
#: one contains the other ("were killed in a suicide attack in Hasakah, northern Syria": the
#: harm word took Syria, the attack Hasakah). Off as shipped: one event gained on the tune
#: half, below the two-event bar of the place-context search, and three matched events lost on
#: the check half (docs/benchmarks.md, issue 13, night 4)
NESTED_PLACES_ONE_EVENT = False


def contains(outer: Place, inner: Place) -> bool:
    """Does ``outer`` contain ``inner`` by the gazetteer's levels: a country the other place
    lies in, or a first-level division that holds a finer place?"""
    if outer.level is None or inner.level is None or outer.level >= inner.level:
        return False
    if outer.level == 1:
        return outer.country is not None and outer.country == inner.country
    return outer.level == 2 and outer.admin1 is not None and outer.admin1 == inner.admin1 \
        and outer.country == inner.country


def _distinct(a: Candidate, b: Candidate) -> bool:
    """Two mentions of one category in one sentence name two events: both have actors and
    they share none, or both have resolved places and they differ (a name the gazetteer does
    not know may lie inside the other place: "Atareb", "Aleppo"; nor does a place and another
    inside it: ``NESTED_PLACES_ONE_EVENT``)."""
    if a.actors and b.actors and not set(a.actors) & set(b.actors):
        return True
    if a.place is None or b.place is None or a.place.name == b.place.name \
            or a.place.lat is None or b.place.lat is None:
        return False
    return not (NESTED_PLACES_ONE_EVENT and (contains(a.place, b.place) or contains(b.place, a.place)))


def _absorb(into: Candidate, other: Candidate) -> None:
    for actor in other.actors:
        if actor not in into.actors:
            into.actors.append(actor)
    for recipient in other.recipients:
        if recipient not in into.recipients and recipient not in into.actors:
            into.recipients.append(recipient)
    if into.place is None or (other.place is not None and other.place.lat is None and into.place.lat is not None):
        into.place = other.place  # the finer name ("Atareb" in "Aleppo")
    if into.date is None or (into.date.precision == "document" and other.date is not None
                             and other.date.precision != "document"):
        into.date = other.date
    into.attributed_to = into.attributed_to or other.attributed_to
    into.source_tokens = into.source_tokens | other.source_tokens
    if into.status == "asserted" and other.status in ("reported", "historical"):
        into.status = other.status
    into.merged.append(other.trigger)


#: how many heads up a consequence participle may hang below its act ("ambushed a group of
#: fighters in the hills, killing 15": the parser often attaches "killing" to a noun between)
CONSEQUENCE_DEPTH = 4


def _consequence_of(act: Candidate, other: Candidate) -> bool:
    """Is ``other`` the consequence of ``act`` told in a participle without a subject of its
    own ("jets struck the town, killing 9", "ambushed a group, killing 15", "conducted nine
    airstrikes on Raqqa destroying six positions")? Such a participle adds the event's result,
    not a second event; its subject is the act's subject, so its own guessed actors are not kept."""
    word = other.anchor
    if word.tag_ not in ("VBG", "VBN") or any(c.dep_ in ("nsubj", "nsubjpass") for c in word.children):
        return False
    act_words = {t.i for t in (act.trigger.tokens or [act.anchor])} | {act.anchor.i}
    node = word
    for _ in range(CONSEQUENCE_DEPTH):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.i in act_words:
            return True
        if node.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
            return False  # another clause with its own subject lies between
    return False


def _result_category(act: Candidate, other: Candidate) -> bool:
    """Can ``other`` be told as the result of ``act``? Of the same category, or any material
    result of an attack ("struck the positions, inflicting heavy losses", "shelled the town,
    forcing the fighters back"): the guide codes an attack and its results as one event."""
    return other.category == act.category or (act.category == "ASSAULT" and other.category in CONTEXT_CATEGORIES)


def _absorb_consequence(act: Candidate, consequence: Candidate) -> None:
    """The act takes its consequence's victims only when it names none itself."""
    if not act.recipients:
        act.recipients = [r for r in consequence.recipients if r not in act.actors]
    act.place = act.place or consequence.place
    act.merged.append(consequence.trigger)


def merge_mentions(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per event mention (see the module docstring), in text order."""
    out: list[Candidate] = []
    for cand in candidates:
        acts = [c for c in out if c.sentence_index == cand.sentence_index and _result_category(c, cand)
                and _consequence_of(c, cand)]
        if acts:
            _absorb_consequence(acts[0], cand)
            continue
        same = [c for c in out if c.sentence_index == cand.sentence_index and c.category == cand.category
                and not _distinct(c, cand)]
        if not same:
            out.append(cand)
            continue
        kept = same[0]
        if _harm_word(kept.trigger) and not _harm_word(cand.trigger):
            # the act names the event, its consequence does not: keep the act's trigger
            out[out.index(kept)] = cand
            cand, kept = kept, cand
        _absorb(kept, cand)
    return out


def _own_date(cand: Candidate) -> str | None:
    """The event's own calendar date (not the publication date standing in)."""
    when = cand.date
    return when.value if when is not None and when.precision != "document" else None


@dataclass(frozen=True, slots=True)
class ContextRule:
    """How ``from_context`` takes a doer (or a victim) from the same incident told before.

    The article's actor of a sentence that names none ("the attack", "was shelled") is the actor
    of the nearest preceding event of the same family that has one, at most ``window``
    sentences back, unless the incident changed in between (another date, another resolved
    place); how the event's own words tell the incident (``incident_cue``: "the raid" is one
    already told, "new airstrikes" another) may widen or close the search. The values shipped in ``data/context_rule.json`` were chosen on the tune half of
    the hand-coded FA-KES articles by ``benchmarks/events_context.py`` (the check half only
    scored)."""

    #: how many sentences back the incident's doer (or victim) may have been told (a missing
    #: place is taken at most ``CONTEXT_SENTENCES`` back, whatever this window)
    window: int = CONTEXT_SENTENCES
    #: skip earlier events of the family that have no actor themselves (else: the nearest only)
    nearest_with_actor: bool = False
    #: ASSAULT and COERCE are one family (a raid told as "the attack"); else the category only
    by_family: bool = False
    #: no actor across a change of resolved place (two places, neither inside the other)
    place_guard: bool = False
    #: a two-sided fight before: the side that is not this event's recipient
    other_side: bool = False
    #: replace an unidentified attacker ("a warplane", "gunmen") with the incident's actor
    replace_unidentified: bool = True
    #: a missing recipient is taken the same way ("the strikes also destroyed 14 vehicles")
    recipients: bool = False
    #: how many sentences back an event told as one already known ("the attack", "that
    #: bombardment", "the strikes destroyed …": ``incident_cue`` "same") may find its incident;
    #: it then skips earlier events without an actor and counts ASSAULT and COERCE as one
    #: family. 0: no such cue (the plain ``window`` rule)
    cue_window: int = 0
    #: an event told as another incident ("new airstrikes", "another attack": ``incident_cue``
    #: "new") takes no actor from the sentences before
    new_incident: bool = False

    @classmethod
    def load(cls, path: Path | None = None) -> ContextRule:
        """The shipped rule (``data/context_rule.json``); defaults when the file is absent."""
        path = path or CONTEXT_RULE_FILE
        if not path.exists():
            return cls()
        data = json.loads(path.read_text(encoding="utf-8"))
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in data.get("rule", {}).items() if k in known})


CONTEXT_RULE_FILE = Path(__file__).with_name("data") / "context_rule.json"
#: categories told of one incident under either name ("the raid" after "stormed the village")
FAMILIES = {"ASSAULT": "force", "COERCE": "force"}


def _family(category: str, rule: ContextRule, cue: str | None = None) -> str:
    return FAMILIES.get(category, category) if rule.by_family or cue == "same" else category


#: modifiers that tell an event as another incident than the one told before ("new
#: airstrikes", "another attack", "a fresh assault"): a closed class of English words
NEW_INCIDENT_WORDS = frozenset({"another", "new", "fresh", "renewed", "separate"})


def incident_cue(cand: Candidate, event_words: frozenset[int] = frozenset()) -> str | None:
    """How the event's own words refer to an incident: "same" when an event noun of it is
    definite or demonstrative ("the attack", "that bombardment", "these raids": the tagger's
    ``Definite=Def`` / ``PronType=Dem``), "new" when such a noun is marked as another incident
    (``NEW_INCIDENT_WORDS``), else None (a bare or indefinite noun, a verb with no event noun
    as its subject). The event nouns: its trigger, the event words merged into it, and the
    subject of a verb trigger when that subject is an event word of the sentence (``event_words``,
    token indices: "the raid killed 12 fighters", "the strikes also destroyed …")."""
    cue = None
    nouns = []
    for trig in (cand.trigger, *cand.merged):
        nouns.append(trig.anchor)
        if trig.anchor.pos_ in ("VERB", "AUX"):
            nouns += [c for c in trig.anchor.children if c.dep_ in ("nsubj", "nsubjpass") and c.i in event_words]
    for noun in nouns:
        if noun.pos_ != "NOUN":
            continue
        mods = [c for c in noun.children if c.dep_ in ("det", "amod", "predet")]
        if any(c.lower_ in NEW_INCIDENT_WORDS for c in mods):
            return "new"
        if definite(noun):
            cue = "same"
    return cue


def _same_incident(ev: Candidate, prev: Candidate, flies: Callable[[str], bool] | None,
                   rule: ContextRule | None = None) -> bool:
    """Can ``prev`` be the incident ``ev`` tells again? Not when both carry their own dates and
    these differ ("bombarded Idlib in 2015" then "a chemical attack in April"), nor when ``ev`` is
    an air attack and none of ``prev``'s actors has aircraft (``flies``: a state or its forces),
    nor (``rule.place_guard``) when both have resolved places and neither lies in the other."""
    mine, theirs = _own_date(ev), _own_date(prev)
    if mine is not None and theirs is not None and mine != theirs:
        return False
    if rule is not None and rule.place_guard and _other_place(ev.place, prev.place):
        return False
    return not (flies is not None and ev.mode == "aerial" and not any(flies(a) for a in prev.actors))


def _other_place(own: Place | None, other: Place | None) -> bool:
    """Two resolved places of which neither contains the other (same name, same first-level
    region, or one a country the other lies in, count as one place)."""
    if own is None or other is None or own.lat is None or other.lat is None or own.name == other.name:
        return False
    if own.country != other.country:
        return True
    if 1 in (own.level, other.level):
        return False
    return own.admin1 is None or other.admin1 is None or own.admin1 != other.admin1


def _context_actors(ev: Candidate, prev: Candidate, rule: ContextRule) -> list[str]:
    """The actors ``ev`` takes from ``prev``: all of them, or (``rule.other_side``) those that
    are not ``ev``'s recipients (the fight before had two sides; this event has a target)."""
    if rule.other_side:
        return [a for a in prev.actors if a not in ev.recipients]
    return [] if set(prev.actors) & set(ev.recipients) else list(prev.actors)


def from_context(events: list[Candidate], *, flies: Callable[[str], bool] | None = None,
                 rule: ContextRule | None = None) -> None:
    """Fill a missing actor, recipient or place from the same incident told just before (in
    place). ``flies`` says whether an actor id can be the doer of an air attack (see
    ``_same_incident``); ``rule`` holds the window and the conditions (``ContextRule``)."""
    rule = rule or ContextRule()
    cued = rule.cue_window > 0 or rule.new_incident
    words = frozenset(t.anchor.i for e in events for t in (e.trigger, *e.merged)) if cued else frozenset()
    for i, ev in enumerate(events):
        if ev.category not in CONTEXT_CATEGORIES:
            continue
        cue = incident_cue(ev, words) if cued else None
        same = cue == "same" and rule.cue_window > 0
        window = max(rule.window, rule.cue_window) if same else rule.window
        family = _family(ev.category, rule, cue if same else None)
        earlier = [e for e in reversed(events[:i]) if _family(e.category, rule, cue if same else None) == family
                   and 0 <= ev.sentence_index - e.sentence_index <= window]
        if earlier and open_doer(ev, rule) and not (cue == "new" and rule.new_incident):
            _fill_actors(ev, earlier, flies, rule, skip_bare=same)
        if earlier and rule.recipients and not ev.recipients and earlier[0].recipients and _same_incident(
                ev, earlier[0], flies, rule):
            ev.recipients = [r for r in earlier[0].recipients if r not in ev.actors]
        # the place: the nearest earlier event of the category at most CONTEXT_SENTENCES back
        # (the actor rule's window and cues do not move places)
        prev = next((e for e in reversed(events[:i]) if e.category == ev.category
                     and 0 <= ev.sentence_index - e.sentence_index <= CONTEXT_SENTENCES), None)
        if prev is not None and prev.place is not None and _vaguer(ev.place, prev.place, ev.sentence) and _place_shared(ev, prev):
            ev.place = prev.place
            ev.context_place = True
    _actors_ahead(events, flies, rule, words)
    _places_ahead(events)
    _unplaced_ahead(events)


def own_described(ev: Candidate) -> bool:
    """With ``KEEP_OWN_DESCRIBED`` on: is the event's unidentified doer read from a described noun
    of its own sentence (it then blocks a carried doer)? Always False with the switch off."""
    return KEEP_OWN_DESCRIBED and any(actor == UNIDENTIFIED for actor, _, _ in ev.described)


def open_doer(ev: Candidate, rule: ContextRule) -> bool:
    """May the event take a doer from the text around? When it has none, or (``rule.replace_unidentified``)
    only the unidentified attacker — unless that one was read from its own sentence (``own_described``)."""
    return not ev.actors or (rule.replace_unidentified and ev.actors == [UNIDENTIFIED] and not own_described(ev))


def described_span(actor: str, noun: Token) -> tuple[str, int, int]:
    """(actor id, start, end) of a described noun: the noun with the words before it that hang
    on it ("two suicide bombers", "regime war planes"), in the document's character offsets."""
    return actor, noun.left_edge.idx, noun.idx + len(noun.text)


def described_mentions(document: str, text: str, events: list[Candidate], known: set[str],
                       mentions: list[Mention]) -> list[Mention]:
    """``DESCRIBED_MENTIONS``: a mention (method "described") for each described noun a kept
    event's doer was read from, when that doer is still the event's (no carried doer replaced
    it), the actor is known to the analysis and no mention of it covers the span already."""
    have = {(m.actor, m.start, m.end) for m in mentions}
    out: list[Mention] = []
    for ev in events:
        for actor, start, end in ev.described:
            if actor not in ev.actors or actor not in known or (actor, start, end) in have:
                continue
            have.add((actor, start, end))
            out.append(Mention(document, actor, start, end, text[start:end], ev.sentence.text, method="described"))
    return out


def _actors_ahead(events: list[Candidate], flies: Callable[[str], bool] | None, rule: ContextRule,
                  words: frozenset[int]) -> None:
    """With ``FORWARD_CONTEXT`` on (else nothing): an event of ``CONTEXT_CATEGORIES`` still without
    a doer (or with only an unidentified one) takes the actors of the nearest later event of its
    category, at most ``rule.window`` sentences ahead, that names its own doer — when the two can
    be one incident (``_same_incident``) and the event is not told as another incident ("new" cue;
    ``words``: the event words of the document, as ``from_context`` reads them). With only
    ``FORWARD_TRUSTED`` on, the same search, and the doer is taken only when ``trusted_ahead``
    says that later doer can be trusted."""
    if not (FORWARD_CONTEXT or FORWARD_TRUSTED):
        return
    for i, ev in enumerate(events):
        if ev.category not in CONTEXT_CATEGORIES or ev.context_actors:
            continue
        if not open_doer(ev, rule):
            continue
        if rule.new_incident and incident_cue(ev, words) == "new":
            continue
        for later in events[i + 1:]:
            gap = later.sentence_index - ev.sentence_index
            if gap > rule.window:
                break
            own = later.actors and later.actors != [UNIDENTIFIED] and not later.context_actors
            if gap <= 0 or later.category != ev.category or not own:
                continue
            if _same_incident(ev, later, flies, rule) and (FORWARD_CONTEXT or trusted_ahead(ev, later)):
                taken = _context_actors(ev, later, rule)
                if taken:
                    ev.actors = taken
                    ev.context_actors = True
            break


def claimed(cand: Candidate) -> bool:
    """Is the event told as claimed by its doer? One of its words is the object of a claim ("IS
    claimed the bombing"), hangs under a claimed responsibility ("claimed responsibility for the
    attack": through ``CLAIM_PATH``, at most three words up), or carries a passive claiming
    participle with its agent ("an attack claimed by the Daesh group"). Not a negated claim ("no
    one has claimed responsibility for the blast"), nor "claiming the lives of 20" (the claim's
    object is not the event)."""
    for trig in (cand.trigger, *cand.merged):
        node = trig.anchor
        if any(c.dep_ == "acl" and c.lemma_.lower() == "claim" and c.tag_ == "VBN"
               and any(g.dep_ == "agent" for g in c.children) and not _negated(c) for c in node.children):
            return True
        for _ in range(3):
            if node.head.i == node.i or node.dep_ not in CLAIM_PATH:
                break
            child, node = node, node.head
            word = node.lemma_.lower()
            if word == "responsibility" or (word == "claim" and node.pos_ == "VERB" and child.dep_ in ("dobj", "obj")):
                claim = node.head if word == "responsibility" else node
                return claim.lemma_.lower() in CLAIMING_VERBS and not _negated(claim)
    return False


#: the verbs that claim an incident or take responsibility for it (a closed class of English words)
CLAIMING_VERBS = frozenset({"claim", "take", "assume", "accept", "admit"})


def _negated(verb: Token) -> bool:
    """A negated verb ("did not claim"), or one whose subject is nobody ("no one has claimed")."""
    for child in verb.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ in ("nsubj", "nsubjpass") and (child.lower_ in ("nobody", "none") or any(
                d.dep_ == "det" and d.lower_ == "no" for d in child.children)):
            return True
    return False


def trusted_ahead(ev: Candidate, later: Candidate) -> str | None:
    """Why the doer of ``later`` (told after ``ev``) can be ``ev``'s, else None: "claim" when
    ``later`` is claimed by its doer (``claimed``), "lead" when ``ev`` opens the document and
    ``later`` is told in the next sentence (a headline and its lead sentence)."""
    if claimed(later):
        return "claim"
    if ev.sentence_index == 0 and later.sentence_index == 1:
        return "lead"
    return None


def _place_shared(ev: Candidate, other: Candidate) -> bool:
    """Can ``ev`` take the place of ``other``, told in a neighbouring sentence? Not when their
    actors conflict (another party's incident)."""
    return not (ev.actors and other.actors and not set(ev.actors) & set(other.actors))


def _places_ahead(events: list[Candidate]) -> None:
    """An event placed only in a country ("airstrikes on a village in northwest Syria") takes
    the finer place of the same incident told in the next ``CONTEXT_SENTENCES`` sentences (the
    lead names the village a sentence later)."""
    for i, ev in enumerate(events):
        if ev.category not in CONTEXT_CATEGORIES or ev.place is None or ev.place.level != 1:
            continue
        later = [e for e in events[i + 1:] if e.category == ev.category and not e.context_place
                 and 0 < e.sentence_index - ev.sentence_index <= CONTEXT_SENTENCES]
        found = next((e for e in later if e.place is not None and _vaguer(ev.place, e.place, ev.sentence)
                      and _place_shared(ev, e)), None)
        if found is not None:
            ev.place = found.place
            ev.context_place = True


def _unplaced_ahead(events: list[Candidate]) -> None:
    """With ``PLACES_AHEAD_WINDOW`` > 0 (else nothing): an event of ``CONTEXT_CATEGORIES`` with no
    place takes the place of the nearest later event of its category, at most that many sentences
    ahead, that has a place of its own (not one carried itself), when their actors do not conflict
    (``_place_shared``); with ``PLACES_AHEAD_LEAD`` only an event of the first sentence."""
    if PLACES_AHEAD_WINDOW <= 0:
        return
    for i, ev in enumerate(events):
        if ev.category not in CONTEXT_CATEGORIES or ev.place is not None:
            continue
        if PLACES_AHEAD_LEAD and ev.sentence_index != 0:
            continue
        later = [e for e in events[i + 1:] if e.category == ev.category and not e.context_place
                 and 0 < e.sentence_index - ev.sentence_index <= PLACES_AHEAD_WINDOW]
        found = next((e for e in later if e.place is not None), None)
        if found is not None and _place_shared(ev, found):
            ev.place = found.place
            ev.context_place = True


def _fill_actors(ev: Candidate, earlier: list[Candidate], flies: Callable[[str], bool] | None,
                 rule: ContextRule, *, skip_bare: bool = False) -> None:
    """The actor of the nearest earlier event (with an actor, if ``rule.nearest_with_actor`` or
    ``skip_bare``: the event is told as one already known) of the same incident."""
    for prev in earlier:
        known = prev.actors and prev.actors != [UNIDENTIFIED]
        if not known and (rule.nearest_with_actor or skip_bare):
            continue
        if known and _same_incident(ev, prev, flies, rule):
            taken = _context_actors(ev, prev, rule)
            if taken:
                ev.actors = taken
                ev.context_actors = True
        return


def _vaguer(own: Place | None, other: Place, sentence: Span | None = None) -> bool:
    """Does ``other`` say more of where the incident was than the event's own place? Yes when
    the event has none, or only the country ``other`` lies in: with the event's ``sentence``
    given, only as the seat of a smaller place the sentence does not name ("airstrikes on a
    village in northwest Syria" next to the sentence that names the village; not "attacks
    across Syria")."""
    if own is None:
        return True
    return (own.level == 1 and other.country == own.country and other.level != 1
            and (sentence is None or within_unnamed(own, sentence)))


#: categories whose content (what is demanded, threatened, offered, promised) is their mode,
#: not an event of its own (coding guide section 1)
CONTENT_TAKERS = frozenset({"REQUEST", "THREATEN", "AGREE"})
#: how many heads up the demand, threat or promise may govern its content
CONTENT_DEPTH = 5


def drop_contents(candidates: list[Candidate]) -> list[Candidate]:
    """Leave out what is not an event of its own (coding guide section 1): the content of a
    demand, threat, offer or promise ("called on the army to stop shelling Ariha": the
    REQUEST, no ASSAULT; "threatened to strike") and the purpose of another event ("bombed the
    bridges to cut supply lines"; a purpose whose governor is no event stays: "opened the
    crossing to allow aid in" is the only event there)."""
    takers = {(c.sentence_index, c.anchor.i) for c in candidates if c.category in CONTENT_TAKERS}
    anchors = {(c.sentence_index, c.anchor.i) for c in candidates}
    out = []
    for cand in candidates:
        if cand.category not in CONTENT_TAKERS and presupposed_head(cand.trigger) is None and (
                (_purpose(cand) and _governed_by(cand, anchors - {(cand.sentence_index, cand.anchor.i)}))
                or _governed_by(cand, takers)):
            continue  # a definite or possessed event noun exists: "the suspected airstrike" stays
        out.append(cand)
    return out


def _purpose(cand: Candidate) -> bool:
    return cand.status in ("hypothetical", "future") and any("purpose:to" in cue for cue in cand.modality.cues)


def _governed_by(cand: Candidate, takers: set[tuple[int, int]]) -> bool:
    """Is the candidate inside the complement of one of ``takers`` (sentence, token)? The walk
    up from its word stops at a clause with its own subject ("Kerry met Putin" is no content of
    anything), unless that clause is the taker's direct that-complement ("demanded that Russia
    stop bombing")."""
    node = cand.anchor
    for _ in range(CONTENT_DEPTH):
        if node.head.i == node.i:
            return False
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children)
        if own_subject and not (node.dep_ == "ccomp" and (cand.sentence_index, node.head.i) in takers):
            return False
        node = node.head
        if (cand.sentence_index, node.i) in takers:
            return True
    return False


def is_record(candidate: Candidate) -> bool:
    """An event is exported only when it has an actor, a recipient or a place."""
    return candidate.has_arguments()
