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

from ...records import EventDate, Place
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
    context_place: bool = False
    #: a verbal event whose content names a place that is not its own ("condemned the crimes in
    #: Homs"): exported without a place, but a place of the conflict is an argument (``is_record``)
    grounded: bool = False
    merged: list[Trigger] = field(default_factory=list)

    @property
    def anchor(self) -> Token:
        return self.trigger.anchor

    def has_arguments(self) -> bool:
        return bool(self.actors or self.recipients or self.place is not None or self.grounded)


def _harm_word(trig: Trigger) -> bool:
    """A consequence word ("killed", "wounded") rather than the act itself ("airstrikes")."""
    return trig.kind == "verb" and trig.anchor.lemma_.lower() in HARM_VERBS | {"die"}


def _distinct(a: Candidate, b: Candidate) -> bool:
    """Two mentions of one category in one sentence name two events: both have actors and
    they share none, or both have resolved places and they differ (a name the gazetteer does
    not know may lie inside the other place: "Atareb", "Aleppo")."""
    if a.actors and b.actors and not set(a.actors) & set(b.actors):
        return True
    return not (a.place is None or b.place is None or a.place.name == b.place.name
                or a.place.lat is None or b.place.lat is None)


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
    _places_ahead(events)


def open_doer(ev: Candidate, rule: ContextRule) -> bool:
    """May the event take a doer from the text around? When it has none, or (``rule.replace_unidentified``)
    only the unidentified attacker."""
    return not ev.actors or (rule.replace_unidentified and ev.actors == [UNIDENTIFIED])


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
