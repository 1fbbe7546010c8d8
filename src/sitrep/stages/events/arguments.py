"""Actors and recipients of an event from dependency paths to actor mentions.

subject / agent ("by") / possessor / compound modifier → actors; object and the
objects of "on / against / to / at / toward" → recipients; "with" makes a reciprocal
event (all parties are actors) for CONSULT, COOPERATE, AGREE, and two-sided fighting.
Conjuncts ("the US and Russia") give compound actors. Pronoun subjects take the nearest
preceding subject mention of a compatible kind. Pure functions over spaCy tokens.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...lexicon import pronoun_referents, pronouns
from ...records import Actor, Mention
from .lexicon import (
    ATTACKER_NOUNS,
    FIGHT_WORDS,
    HARM_VERBS,
    OBJECT_CONTROL_VERBS,
    PARTICIPATION_HEADS,
    RECIPIENT_PREPS,
    RECIPROCAL_VERBS,
    VICTIM_NOUNS,
)
from .triggers import Trigger, lemma

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

RECIPROCAL = {"CONSULT", "COOPERATE", "AGREE"}
ABSORBING_CATEGORIES = {"AGREE", "REQUEST", "REJECT", "THREATEN", "CONCEDE"}
SUBJ_DEPS = {"nsubj", "csubj", "expl"}
#: pronouns that take an antecedent mention -> the kind of actor they can stand for
#: ("person", "thing": not a person, "any"): third person, and "we"/"our". "us" is left out
#: (lower-cased it is also the country "US"), and so are "I" and "you" (the speaker and the
#: addressee of a quotation, not a mention nearby).
PRONOUNS: dict[str, str] = pronoun_referents(pronouns(person=3) | (pronouns(person=1, number="pl") - {"us"}))
#: plural forms among them: they stand for a group, never for one named person (agreement in number)
PLURAL_PRONOUNS: frozenset[str] = frozenset(PRONOUNS) & pronouns(number="pl")
#: possessive forms among them ("its attack", "their campaign")
POSSESSIVE_PRONOUNS: frozenset[str] = frozenset(PRONOUNS) & pronouns(case="possessive")


@dataclass(slots=True)
class MentionIndex:
    """Token index → mention, for one document."""

    by_token: dict[int, Mention] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)  # actor id → kind
    countries: dict[str, str | None] = field(default_factory=dict)  # actor id → country
    ordered: list[tuple[int, Mention]] = field(default_factory=list)  # (head token, mention)
    doc: Doc | None = None

    @classmethod
    def build(cls, doc: Doc, mentions: list[Mention], actors: list[Actor]) -> MentionIndex:
        index = cls(kinds={a.id: a.kind for a in actors},
                    countries={a.id: a.country for a in actors}, doc=doc)
        for m in mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                index.by_token.setdefault(tok.i, m)
            index.ordered.append((span.root.i, m))
        index.ordered.sort(key=lambda p: p[0])
        return index

    def at(self, token: Token) -> Mention | None:
        return self.by_token.get(token.i)


@dataclass(slots=True)
class Arguments:
    actors: list[Mention] = field(default_factory=list)
    recipients: list[Mention] = field(default_factory=list)
    #: "the strike, which Washington blamed on Moscow": who attributes the event
    blamed_by: Mention | None = None


def _mentions_in(head: Token, index: MentionIndex, trigger: set[int]) -> list[Mention]:
    """The mentions an argument phrase refers to: its head, modifiers and conjuncts."""
    own = index.at(head)
    if own is not None and head.i not in trigger:
        found = _specified(head, own, index, trigger) or [_informative(head, own, index, trigger)]
        found.extend(_coordinated_modifiers(head, index, trigger))
    else:
        found = []
        for child in head.children:
            if child.dep_ in ("compound", "amod", "nmod", "npadvmod") and child.i not in trigger:
                found.extend(_mentions_in(child, index, trigger))
        if not found:
            # "Syria's army": the possessor; but "Osama bin Laden's al-Qaeda network" is al-Qaeda,
            # named by the noun's own modifier (the possessor is its owner or leader, not a party)
            for child in head.children:
                if child.dep_ == "poss" and child.i not in trigger:
                    found.extend(_mentions_in(child, index, trigger))
        if not found:
            # "the leaders of X", "a camp for Congolese refugees": the noun's complement
            for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "for")):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    found.extend(_mentions_in(pobj, index, trigger))
    for conj in (c for c in head.children if c.dep_ == "conj"):
        found.extend(_mentions_in(conj, index, trigger))
    if not found and head.lower_ in PRONOUNS:
        antecedent = _antecedent(head, index)
        if antecedent is not None:
            found.append(antecedent)
    return _unique(found)


def _informative(head: Token, own: Mention, index: MentionIndex, trigger: set[int]) -> Mention:
    """"British Defence Secretary Tom King": when the name is a provisional actor with no
    country, the resolved title in the same noun phrase says who it is for event coding."""
    if index.countries.get(own.actor):
        return own
    for tok in head.subtree:
        if tok.i >= head.i or tok.i in trigger:
            continue
        other = index.at(tok)
        if other is not None and other.actor != own.actor and index.countries.get(other.actor) and (
                tok.dep_ in ("compound", "amod", "nmod", "poss") or tok.head.i in {c.i for c in head.subtree}):
            return other
    return own


#: the kinds of party that may specify a described group (below): organisations, not states
#: ("foreign fighters from Turkey" are not Turkey) nor persons
SPECIFYING_KINDS = frozenset({"armed_group", "military", "party", "igo", "ngo", "government_body"})
#: the prepositions of a described group's own complement that name who the group is
SPECIFYING_PREPS = frozenset({"of", "from"})


def _specified(head: Token, own: Mention, index: MentionIndex, trigger: set[int]) -> list[Mention]:
    """"militants from the Nusra Front", "armed factions allied to Ahrar al-Sham and
    Al-Nusra Front": a described group (a ``generic`` mention of the actor stage) whose own complement
    names parties (an "of"/"from" phrase, or a participle's prepositional phrase; not a "by"
    agent, which names a backer) is those parties; [] when it names none (the group stands)."""
    if own.method != "generic":
        return []
    heads = [p for p in head.children if p.dep_ == "prep" and p.lower_ in SPECIFYING_PREPS]
    heads += [p for acl in head.children if acl.dep_ == "acl" and acl.i not in trigger
              for p in acl.children if p.dep_ == "prep"]
    return _unique([m for p in heads for o in p.children if o.dep_ == "pobj" and o.i not in trigger
                    for m in _mentions_in(o, index, trigger)
                    if m.method != "generic" and index.kinds.get(m.actor) in SPECIFYING_KINDS])


#: readings added against PLOVER tune actor misses (issue 13, branch events eventactors5 / events12),
#: each behind a named switch so that ``benchmarks/actors_plover_ablation.py`` can measure what it
#: does on PLOVER tune and on sets it was not written against (FA-KES tune, NGEC): the object of an
#: object-control verb or of "accused X of" does the infinitive or gerund (``_controller``); the
#: passive subject of a verb the active trigger complements is its doer ("Iran is said to have
#: supplied"); the subject of "was behind / claimed responsibility for" does the nominal event
#: (``participant_subjects``); the subject of a verb that puts its object under the nominal event
#: does it (``under_doers``)
OBJECT_CONTROL = True
RAISED_SUBJECT = True
PARTICIPATION = True
UNDER_DOERS = True


def _coordinated_modifiers(head: Token, index: MentionIndex, trigger: set[int]) -> list[Mention]:
    """"Greek and Cypriot officials": mentions on coordinated modifiers of the head."""
    out = []
    for child in head.children:
        if child.dep_ in ("amod", "compound", "nmod") and child.i not in trigger:
            conj = [c for c in child.subtree if c.dep_ == "conj"]
            if conj:
                for tok in [child, *conj]:
                    m = index.at(tok)
                    if m is not None:
                        out.append(m)
    return out


def _antecedent(pron: Token, index: MentionIndex) -> Mention | None:
    """Nearest preceding mention (within ~2 sentences) that fits the pronoun's kind."""
    want = PRONOUNS[pron.lower_]
    floor = pron.sent.start
    prev_sent = pron.doc[max(0, floor - 1)].sent if floor > 0 else None
    if prev_sent is not None:
        floor = prev_sent.start
    # subjects first (the usual antecedent of a possessive or subject pronoun), then others
    for deps in (("nsubj", "nsubjpass"), ("poss", "compound", "pobj", "dobj")):
        for tok_i, mention in reversed(index.ordered):
            if tok_i >= pron.i or tok_i < floor:
                continue
            kind = index.kinds.get(mention.actor, "other")
            if want == "person" and kind != "person":
                continue
            if (want == "thing" or pron.lower_ in PLURAL_PRONOUNS) and kind == "person":
                continue
            if pron.doc[tok_i].dep_ in deps:
                return mention
    return None


def antecedent(pron: Token, index: MentionIndex) -> Mention | None:
    """The mention a pronoun stands for (``_antecedent``), or None for a word that is no such pronoun."""
    return _antecedent(pron, index) if pron.lower_ in PRONOUNS else None


def _unique(mentions: list[Mention]) -> list[Mention]:
    seen: set[str] = set()
    out = []
    for m in mentions:
        if m.actor not in seen:
            seen.add(m.actor)
            out.append(m)
    return out


def _subject(verb: Token, index: MentionIndex | None = None) -> tuple[list[Token], list[Token]]:
    """(agents, patients) from the verb's subjects; inherits through xcomp/conj/relcl/acl.

    With ``index``, two kinds of control are read from the clause the verb depends on: an
    object that names a party controls the verb's empty subject ("forced the militia to
    withdraw", "accused Damascus of shelling": ``_controller``), and the passive subject of a
    verb the active trigger complements is its doer ("Iran is said to have supplied", "the
    rebels were forced to retreat")."""
    node = verb
    raised = False
    for _ in range(4):
        subj = [c for c in node.children if c.dep_ in SUBJ_DEPS]
        passive = [c for c in node.children if c.dep_ == "nsubjpass"]
        agent = [p for a in node.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
        if subj or passive or agent:
            if raised and not agent:
                return _antecedents(node, subj + passive), []
            if node.dep_ == "acl" and node.tag_ == "VBN" and not subj and not passive and node.head.i != node.i:
                return agent, [node.head]  # "100 fighters killed by the army": the noun undergoes it
            if reduced_passive(node):
                return agent, subj  # "Five soldiers killed by IS in Aleppo" (a headline's passive)
            return _antecedents(node, subj) + agent, _antecedents(node, passive)
        if node.dep_ in ("relcl", "acl") and node.head.i != node.i:
            if node.dep_ == "acl" and node.tag_ == "VBN":
                return [], [node.head]
            return [node.head], []
        if node.dep_ in ("xcomp", "conj", "advcl", "acomp", "pcomp", "prep") and node.head.i != node.i:
            controller = _controller(node, index) if index is not None and OBJECT_CONTROL else None
            if controller is not None:
                return [controller], []
            raised = RAISED_SUBJECT and node.dep_ == "xcomp" and node.i == verb.i and not _passive(verb)
            node = node.head
            continue
        break
    return [], []


#: prepositions of a gerund whose doer is the object of the verb ("accused X of shelling",
#: "blamed X for", "stopped X from"); not "by", "after", "while" (the subject's own acts)
CONTROL_PREPS = frozenset({"of", "for", "from"})


def reduced_passive(verb: Token) -> bool:
    """A passive without its auxiliary, as headlines and reduced clauses write it ("Five soldiers
    killed by IS", "soldiers captured while fleeing"): a past participle (the tagger's ``VBN``)
    with a plain subject, no auxiliary of any kind and no object. Its subject undergoes the
    event. A participle after "have" ("have killed") or with an object ("killed 30 soldiers") is
    active and is not one."""
    if verb.tag_ != "VBN":
        return False
    deps = {c.dep_ for c in verb.children}
    return "nsubj" in deps and not deps & {"aux", "auxpass", "nsubjpass", "dobj", "obj", "dative", "ccomp", "xcomp"}


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _controller(node: Token, index: MentionIndex) -> Token | None:
    """The object that controls the empty subject of ``node``: the object of an object-control
    verb whose infinitive ``node`` is ("urged Russia to stop"; ``OBJECT_CONTROL_VERBS``), or of the verb (or the object noun itself)
    a gerund hangs on through "of/for/from" ("accused Damascus of shelling"); only an object
    that names a party (an instrument, "used weapons to kill", controls nothing)."""
    if node.dep_ == "xcomp" and node.tag_ == "VB":
        head = node.head
    elif node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.lower_ in CONTROL_PREPS:
        head = node.head.head
        if head.dep_ in ("dobj", "obj") and head.pos_ in ("NOUN", "PROPN"):
            return head if _mentions_in(head, index, set()) else None
    else:
        return None
    if head.pos_ not in ("VERB", "AUX") or (node.dep_ == "xcomp" and lemma(head) not in OBJECT_CONTROL_VERBS):
        return None
    objects = [c for c in head.children if c.dep_ in ("dobj", "obj")]
    return objects[0] if objects and _mentions_in(objects[0], index, set()) else None


#: Penn tags of relative pronouns ("which", "that", "who"): a relative clause's subject of this tag
#: stands for the noun the clause modifies
RELATIVE_TAGS = frozenset({"WDT", "WP"})


def _antecedents(clause: Token, subjects: list[Token]) -> list[Token]:
    """"the resolution, which called for …", "the town that was shelled": a relative pronoun
    subject of a relative clause is the noun the clause modifies."""
    if clause.dep_ != "relcl" or clause.head.i == clause.i:
        return subjects
    return [clause.head if s.tag_ in RELATIVE_TAGS else s for s in subjects]


def _subject_roles(verb: Token, index: MentionIndex) -> tuple[list[Token], list[Token]]:
    """``_subject``, except that who dies undergoes the event ("three soldiers died in the attack")."""
    agents, patients = _subject(verb, index)
    if lemma(verb) == "die":
        return [], agents + patients
    return agents, patients


def _verb_arguments(trig: Trigger, index: MentionIndex) -> Arguments:
    verb = trig.anchor
    agents, patients = _subject_roles(verb, index)
    args = Arguments()
    for a in agents:
        args.actors.extend(_mentions_in(a, index, trig.heads))
    if not args.actors and len(agents) == 1 and agents[0].dep_ in ("dobj", "obj") and verb.dep_ == "acl":
        # "the party issued a statement demanding that ...": the statement's issuer
        args.actors.extend(m for a in _subject(agents[0].head)[0] for m in _mentions_in(a, index, trig.heads))
    # "Turkey is committed to reopening the border", "the militia is prepared to withdraw": the
    # subject of a stative passive of commitment is who commits, not a recipient
    committed = trig.code.category == "AGREE" and not agents and verb.tag_ == "VBN"
    for p in patients:
        (args.actors if committed else args.recipients).extend(_mentions_in(p, index, trig.heads))
    reciprocal = trig.code.category in RECIPROCAL or lemma(verb) in RECIPROCAL_VERBS
    heads = [verb] + [t for t in trig.tokens if t.i != verb.i]
    for head in heads:
        for child in head.children:
            if child.i in trig.heads:
                continue
            if child.dep_ in ("dobj", "dative", "obj", "attr") and trig.kind != "light":
                if not _own_possession(child):
                    args.recipients.extend(_mentions_in(child, index, trig.heads))
            elif child.dep_ == "prep":
                prep = child.lower_
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    found = _mentions_in(pobj, index, trig.heads)
                    if prep == "with" and reciprocal:
                        args.actors.extend(found)
                    elif prep in RECIPIENT_PREPS or prep == "with":
                        args.recipients.extend(found)
            elif child.dep_ in ("poss", "compound") and head.i != verb.i:
                args.actors.extend(_mentions_in(child, index, trig.heads))
    # "went back on his promise to the Kurdish parties": "his" is the actor, not a recipient
    own = {m.actor for m in args.actors}
    args.recipients = [m for m in args.recipients if m.actor not in own]
    if not args.recipients:
        args.recipients.extend(_nested_recipients(verb, index, trig.heads))
    if not args.recipients and trig.code.category in ABSORBING_CATEGORIES:
        args.recipients.extend(_complement_recipients(verb, index, trig.heads))
    return args


def _nested_recipients(verb: Token, index: MentionIndex, trigger: set[int]) -> list[Mention]:
    """"threatened further action against Russia", "rejected calls by Belarus's rulers",
    "went back on his promise to the Kurdish parties": the object's own argument."""
    out: list[Mention] = []
    nouns = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    nouns += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    for noun in nouns:
        out.extend(_noun_pp_recipients(noun, index, trigger, depth=2))
    return out


def _noun_pp_recipients(noun: Token, index: MentionIndex, trigger: set[int],
                        depth: int) -> list[Mention]:
    """Objects of a noun's directed prepositions, following "of" ("part of a program for X")."""
    out: list[Mention] = []
    for prep in (c for c in noun.children if c.dep_ == "prep"):
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            if prep.lower_ in RECIPIENT_PREPS | {"with", "by"}:
                found = _mentions_in(pobj, index, trigger)
                if not found and depth > 0 and pobj.i not in trigger:
                    # "demands for reforms from the president's government"
                    for noun_ in (pobj, *(c for c in pobj.children if c.dep_ == "conj")):
                        found.extend(_noun_pp_recipients(noun_, index, trigger, depth - 1))
                out.extend(found)
            elif prep.lower_ == "of" and depth > 0 and pobj.i not in trigger:
                out.extend(_noun_pp_recipients(pobj, index, trigger, depth - 1))
    return out


def _perpetrators(nouns: list[Token], index: MentionIndex, trigger: set[int], depth: int = 2) -> list[Mention]:
    """The agents of acts described by these nouns: "abuses committed by the militia",
    "the return of land confiscated by the army"."""
    out: list[Mention] = []
    for noun in nouns:
        for clause in (c for c in noun.children if c.dep_ in ("acl", "relcl")):
            for agent in (c for c in clause.children if c.dep_ == "agent"):
                for pobj in (g for g in agent.children if g.dep_ == "pobj"):
                    out.extend(_mentions_in(pobj, index, trigger))
        for subj in gap_subjects(noun):  # "the crimes the militias are committing"
            out.extend(_mentions_in(subj, index, trigger))
        if not out and depth > 0:
            inner = [g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "into", "for", "over")
                     for g in c.children if g.dep_ == "pobj"]
            out.extend(_perpetrators(inner, index, trigger, depth - 1))
    return out


#: dependents that show a clause on a noun has its own object or is passive: a complement
#: ("the demand that Israel ease restrictions"), not a relative clause with the noun as its object
_FILLED = frozenset({"dobj", "obj", "dative", "ccomp", "xcomp", "nsubjpass", "auxpass", "agent", "attr", "acomp"})


def gap_subjects(noun: Token) -> list[Token]:
    """"the massacre that the militias committed", "the crimes the militias are committing":
    the subject of an active clause on the noun that has no object of its own (the noun is its
    object, or a relative pronoun object stands for it) did what the noun names. A relative
    pronoun subject ("the attack that killed five") is the noun itself, not a doer."""
    out: list[Token] = []
    for clause in (c for c in noun.children if c.dep_ in ("acl", "relcl") and c.pos_ in ("VERB", "AUX")):
        own = {c.dep_ for c in clause.children if c.tag_ not in RELATIVE_TAGS}  # "that"/"which" is the gap
        if own & _FILLED or clause.tag_ == "VBG" and clause.dep_ == "acl":
            continue
        out.extend(c for c in clause.children if c.dep_ == "nsubj" and c.tag_ not in RELATIVE_TAGS)
    return out


def _own_possession(obj: Token) -> bool:
    """"withdraw its troops": the object is the actor's own, not a recipient."""
    return any(c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS
               for c in obj.children)


def _complement_recipients(verb: Token, index: MentionIndex, trigger: set[int]) -> list[Mention]:
    """"offered to hand over to Britain", "demanded that the US cancel": the recipient of an
    intention, demand or refusal is who its complement is directed at (or its subject)."""
    out: list[Mention] = []
    for comp in (c for c in verb.children if c.dep_ in ("xcomp", "ccomp")):
        nested = _nested_recipients(comp, index, trigger)
        for child in comp.children:
            if child.i in trigger:
                continue
            if child.dep_ in ("nsubj", "nsubjpass") and comp.dep_ == "ccomp" or child.dep_ in ("dobj", "dative") and not _own_possession(child):
                out.extend(_mentions_in(child, index, trigger))
            elif child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPS | {"with"}:
                for pobj in (g for g in child.children if g.dep_ == "pobj"):
                    out.extend(_mentions_in(pobj, index, trigger))
        if not out:
            out.extend(nested)
        if not out:
            out.extend(_complement_recipients(comp, index, trigger))
        if out:
            break
    return out


def _noun_arguments(trig: Trigger, index: MentionIndex) -> Arguments:
    """Actors and recipients of a nominal event ("the US air strike on the convoy").

    Examples: "the Kerry-Lavrov agreement" (actors from the modifiers), "talks between
    Russia and Turkey" (reciprocal: both actors), "an attack on Aleppo by rebels"
    (recipient Aleppo, actor the rebels), "its demand that Turkey reopen the crossing"
    (recipient Turkey), "the strike, which Washington blamed on Russia" (actor Russia,
    blamed by Washington)."""
    args = Arguments()
    _noun_modifier_arguments(trig, index, args)
    for tok in trig.tokens[:-1]:
        mention = index.at(tok)
        if mention is not None:
            args.actors.append(mention)
    if not args.actors:
        args.actors.extend(_clause_agents(trig, index))
    if not args.actors:
        args.actors.extend(_participants(trig, index))
    if not args.actors:
        args.actors.extend(m for s in under_doers(trig) for m in _mentions_in(s, index, trig.heads))
    if not args.recipients:
        args.recipients.extend(_noun_complement_recipients(trig, index))
    if not args.recipients:
        args.recipients.extend(m for s in undergoers(trig) for m in _mentions_in(s, index, trig.heads))
    _blamed_parties(trig, index, args)
    return args


def _under_verb(trig: Trigger) -> Token | None:
    """The verb whose "under" phrase the nominal trigger is ("came under attack", "put X under
    investigation"), or None."""
    anchor = trig.anchor
    prep = anchor.head
    if trig.kind != "noun" or anchor.dep_ != "pobj" or prep.lower_ != "under" or prep.head.pos_ not in ("VERB", "AUX"):
        return None
    return prep.head


def _with_conjuncts(nouns: list[Token]) -> list[Token]:
    return [t for n in nouns for t in (n, *(c for c in n.children if c.dep_ == "conj"))]


def undergoers(trig: Trigger) -> list[Token]:
    """"the soldiers came under a rebel mortar attack", "the town was under siege": the subject
    of the clause that puts someone *under* the nominal event is its target, not its doer; when
    the clause has an object ("police put a US national under investigation"), the object is."""
    verb = _under_verb(trig)
    if verb is None:
        return []
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    return _with_conjuncts(objects or [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")])


def under_doers(trig: Trigger) -> list[Token]:
    """"Italian police have put a US national under investigation": the active subject of a verb
    that puts its object *under* the nominal event does it (``undergoers`` names the object)."""
    verb = _under_verb(trig) if UNDER_DOERS else None
    if verb is None or not any(c.dep_ in ("dobj", "obj") for c in verb.children):
        return []
    return _with_conjuncts([c for c in verb.children if c.dep_ == "nsubj"])


def _clause_agents(trig: Trigger, index: MentionIndex) -> list[Mention]:
    """"airstrikes conducted by the coalition", "raids which were carried out by Russian jets",
    "barrel bombs dropped from helicopters": the agent of a participle or relative clause on a
    nominal trigger is its actor (a passive agent, guide section 4)."""
    out: list[Mention] = []
    for clause in (c for c in trig.anchor.children if c.dep_ in ("acl", "relcl") and c.i not in trig.heads):
        for child in clause.children:
            if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "from" and clause.tag_ == "VBN"):
                for pobj in (g for g in child.children if g.dep_ == "pobj"):
                    out.extend(_mentions_in(pobj, index, trig.heads))
    if not out and trig.code.category in VIOLENT:
        # "the massacre that Iranian militias committed" (an act's own relative clause)
        out.extend(m for s in gap_subjects(trig.anchor) if s.i not in trig.heads
                   for m in _mentions_in(s, index, trig.heads))
    return out


def participant_subjects(trig: Trigger) -> list[Token]:
    """"Russian jets were behind the attacks", "the group claimed responsibility for the bombing",
    "advisers were involved in the offensive": the subject of the clause whose predicate makes
    it take part in the nominal event is its doer (``PARTICIPATION_HEADS``; not "died in the
    attack", whose subject is a victim)."""
    anchor = trig.anchor
    prep = anchor.head
    if not PARTICIPATION or trig.kind != "noun" or anchor.dep_ != "pobj" or prep.dep_ != "prep":
        return []
    node = prep.head
    if prep.lower_ not in PARTICIPATION_HEADS and lemma(node) not in PARTICIPATION_HEADS:
        return []
    for _ in range(3):
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in trig.heads]
        if subjects:
            return _antecedents(node, subjects)
        if node.head.i == node.i or node.dep_ not in ("acomp", "dobj", "attr", "prep", "pobj", "xcomp"):
            break
        node = node.head
    return []


def _participants(trig: Trigger, index: MentionIndex) -> list[Mention]:
    return [m for s in participant_subjects(trig) for m in _mentions_in(s, index, trig.heads)]


def _noun_modifier_arguments(trig: Trigger, index: MentionIndex, args: Arguments) -> None:
    """The noun's modifiers (actors) and prepositional phrases ("by": actors; "on", "against",
    ...: recipients; "with"/"between": actors of a reciprocal event, else recipients)."""
    head = trig.anchor
    reciprocal = trig.code.category in RECIPROCAL
    for child in head.children:
        if child.i in trig.heads:
            continue
        if child.dep_ in ("poss", "compound", "amod", "nmod"):
            # a modifier's whole subtree: "the Kerry-Lavrov agreement", "US-Russian pact"
            args.actors.extend(_unique([m for t in child.subtree
                                        if t.i not in trig.heads and (m := index.at(t)) is not None]))
        elif child.dep_ == "prep":
            prep = child.lower_
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                found = _mentions_in(pobj, index, trig.heads)
                mediation = lemma(head).startswith("mediat")
                if prep == "by" or (prep in ("with", "between") and reciprocal and not mediation):
                    args.actors.extend(found)
                elif prep in RECIPIENT_PREPS or prep in ("with", "between"):
                    args.recipients.extend(found)
                elif prep == "of":
                    args.actors.extend(_of_object_agents(pobj, index, trig.heads))


def _of_object_agents(pobj: Token, index: MentionIndex, trigger: set[int]) -> list[Mention]:
    """"the bombing of several locations by Syrian jets", "the killing of civilians by the
    militia": the parser hangs the nominal event's "by" phrase on the nearer noun of its "of"
    complement; it names the event's doer (not a party of the object, as "by" on another noun
    would: "rejected calls by X")."""
    out: list[Mention] = []
    for noun in (pobj, *(c for c in pobj.children if c.dep_ == "conj")):
        for prep in (c for c in noun.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"):
            for agent in (g for g in prep.children if g.dep_ == "pobj"):
                out.extend(_mentions_in(agent, index, trigger))
    return out


def _noun_complement_recipients(trig: Trigger, index: MentionIndex) -> list[Mention]:
    """Recipients from a complement: "its demand that Turkey reopen the crossing" (the
    clause's subject; "repeated its demand that Turkey ...": the clause may hang on the
    verb), else "a suspension of air links with Serbia" (the "of" complement's own argument)."""
    head = trig.anchor
    out: list[Mention] = []
    clauses = list(head.children)
    if head.dep_ == "dobj":
        clauses += [c for c in head.head.children if c.dep_ == "ccomp"]
    gaps = {t.i for t in gap_subjects(head)} if trig.code.category in VIOLENT else set()
    for child in clauses:
        if child.dep_ in ("acl", "ccomp", "relcl") and any(
                m.lower_ == "that" for m in child.children if m.dep_ == "mark") and not any(
                c.i in gaps for c in child.children):
            for subj in (g for g in child.children if g.dep_ in ("nsubj", "nsubjpass")):
                out.extend(_mentions_in(subj, index, trig.heads))
    if not out:
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                out.extend(_noun_pp_recipients(pobj, index, trig.heads, depth=1))
    return out


def _blamed_parties(trig: Trigger, index: MentionIndex, args: Arguments) -> None:
    """"the air strike on the convoy near Aleppo, which Washington blamed on Russia": the
    blamed party is the actor (the relative clause may attach to any noun of the phrase)."""
    head = trig.anchor
    for tok in head.subtree:
        if tok.dep_ == "relcl" and lemma(tok) in ("blame", "attribute") and tok.i > head.i:
            blamed = [p for prep in tok.children if prep.dep_ == "prep" and prep.lower_ in ("on", "to")
                      for p in prep.children if p.dep_ == "pobj"]
            if not blamed:
                continue
            args.actors = [m for p in blamed for m in _mentions_in(p, index, trig.heads)]
            subj = [c for c in tok.children if c.dep_ == "nsubj"]
            found = _mentions_in(subj[0], index, trig.heads) if subj else []
            args.blamed_by = found[0] if found else None
            break


def find_arguments(trig: Trigger, index: MentionIndex) -> Arguments:
    """Actors and recipients of one trigger; no actor is both."""
    args = _noun_arguments(trig, index) if trig.kind == "noun" else _verb_arguments(trig, index)
    fight = trig.code.category == "ASSAULT" and any(lemma(t) in FIGHT_WORDS for t in trig.tokens)
    if fight:
        # "clashes between X and Y", "X battled Y": both sides are actors (manual 3.16.1)
        args.actors = _unique([*args.actors, *args.recipients])
        args.recipients = []
    if lemma(trig.anchor) == "fall":
        # "the town fell to the rebels": who took it is the actor
        takers = [m for p in trig.anchor.children if p.dep_ == "prep" and p.lower_ in ("to", "into")
                  for o in p.children if o.dep_ == "pobj" for m in _mentions_in(o, index, trig.heads)]
        args.actors = takers
        args.recipients = [m for m in args.recipients if m not in takers]
    if trig.kind == "light":
        noun = trig.tokens[-1]
        extra = _noun_arguments(Trigger(noun, trig.tokens[1:], trig.code, "noun"), index)
        args.recipients.extend(extra.recipients)
        if not args.actors:
            args.actors.extend(extra.actors)
    if not args.actors:
        # "attacks between regime forces and the opposition", "a deal agreed between Russia, Iran
        # and Turkey": with no doer of its own, the event is done by the parties between whom it is
        sides = between_parties(trig, index)
        if len({m.actor for m in sides}) >= MUTUAL_PARTIES:
            args.actors = sides
            args.recipients = [m for m in args.recipients if m.actor not in {s.actor for s in sides}]
    actors = _unique(args.actors)
    ids = {m.actor for m in actors}
    recipients = [m for m in _unique(args.recipients) if m.actor not in ids]
    if not recipients:
        recipients = _indirect_recipients(trig, index, ids)
        if fight and recipients:
            # "86 soldiers were killed in fighting": the fallen are a side of the fight, an actor
            actors, recipients = _unique([*actors, *recipients]), []
    return Arguments(actors, recipients, args.blamed_by)


#: how many distinct parties a "between"/"among" phrase must name to be the sides of a mutual event
MUTUAL_PARTIES = 2
#: the prepositions that name the sides of a mutual event (closed class of the grammar)
MUTUAL_PREPS = frozenset({"between", "among", "amongst"})


def between_parties(trig: Trigger, index: MentionIndex) -> list[Mention]:
    """The parties of a "between"/"among" phrase on the trigger's own words ("attacks between X
    and Y", "agreed between X, Y and Z"); a mediation is between the parties it is not done by
    ("a mediation effort between Armenia and Azerbaijan": ``_mediation_parties``), so none."""
    if any(lemma(t).startswith("mediat") for t in trig.tokens):
        return []
    out: list[Mention] = []
    for prep in _mutual_preps(trig):
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            out.extend(_mentions_in(pobj, index, trig.heads))
    return _unique(out)


def _mutual_preps(trig: Trigger) -> list[Token]:
    """The "between"/"among" phrases of the trigger's own words."""
    return [p for tok in trig.tokens for p in tok.children if p.dep_ == "prep" and p.lower_ in MUTUAL_PREPS]


def _clause_verb(trig: Trigger) -> Token:
    """The verb of the trigger's clause: the trigger itself, or the verb a nominal trigger
    is the object of ("held street protests")."""
    anchor = trig.anchor
    if trig.kind == "noun" and anchor.dep_ in ("dobj", "obj") and anchor.head.pos_ in ("VERB", "AUX"):
        return anchor.head
    return anchor


def _indirect_recipients(trig: Trigger, index: MentionIndex, actors: set[str]) -> list[Mention]:
    """Recipients named outside the trigger's own argument phrases, by category (see the
    helpers below); a nominal attack that is the subject of a harm verb takes that verb's
    object ("a car bomb attack killed two Iraqi policemen")."""
    category = trig.code.category
    out: list[Mention] = []
    if category == "PROTEST":
        out = _protest_recipients(trig, index, actors)
    elif category == "CONSULT" and any(lemma(t).startswith("mediat") for t in trig.tokens):
        out = _mediation_parties(trig, index)
    elif category == "THREATEN":
        out = _condition_subjects(trig, index)
    elif category == "ACCUSE":
        nouns = [g for t in trig.tokens for c in t.children
                 if c.dep_ == "prep" and c.lower_ in ("into", "of", "for", "over")
                 for g in c.children if g.dep_ == "pobj"]
        # "condemned the crimes committed by X": the object of the verb names the acts
        nouns += [c for c in trig.anchor.children if c.dep_ in ("dobj", "obj") and trig.kind != "noun"
                  and c.i not in trig.heads]
        out = _perpetrators(nouns, index, trig.heads, depth=1)
        if not out and trig.kind != "noun":
            out = _accused_subjects(trig, index)
    out = [m for m in out if m.actor not in actors]
    if not out:
        for obj in harm_objects(trig):
            out.extend(m for m in _mentions_in(obj, index, trig.heads) if m.actor not in actors)
    harm = harm_verb_over(trig)
    if not out and harm is not None:
        # "30 soldiers were killed in the airstrikes": the harm verb's passive subject
        for subj in harmed(harm):
            out.extend(m for m in _mentions_in(subj, index, trig.heads) if m.actor not in actors)
    return _unique(out)


def _accused_subjects(trig: Trigger, index: MentionIndex) -> list[Mention]:
    """Whom an accusation told as a clause is about: the subject of the accusing verb's complement
    clause ("alleged that the militia had shelled the town"; "accused the rebels of having forced
    …" when the parser reads the object as the clause's subject): the accused party."""
    out: list[Mention] = []
    for clause in (c for c in trig.anchor.children if c.dep_ == "ccomp" and c.i not in trig.heads):
        for subj in (g for g in clause.children if g.dep_ in ("nsubj", "nsubjpass")):
            out.extend(_mentions_in(subj, index, trig.heads))
    return out


def harmed(verb: Token) -> list[Token]:
    """Who a passive harm verb hit: its passive subject ("soldiers were killed"), or the noun a
    reduced relative hangs on ("five civilians killed in ...")."""
    out = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if not out and verb.dep_ == "acl" and verb.tag_ == "VBN":
        out.append(verb.head)
    return out


def harm_objects(trig: Trigger) -> list[Token]:
    """Whom a nominal attack harmed through the harm verb it is the subject of: the verb's object
    ("a car bomb attack killed two policemen")."""
    anchor = trig.anchor
    if trig.kind != "noun" or anchor.dep_ != "nsubj":
        return []
    verb = anchor.head
    return [c for c in verb.children if c.dep_ in ("dobj", "obj")] if lemma(verb) in HARM_VERBS else []


def harm_verb_over(trig: Trigger) -> Token | None:
    """The harm verb a nominal trigger is the means of: "were killed in airstrikes", "died in
    the shelling", "wounded by a car bomb"."""
    anchor = trig.anchor
    while anchor.dep_ == "compound" and anchor.head.i != anchor.i:  # "car bomb attack"
        anchor = anchor.head
    if trig.kind != "noun" or anchor.dep_ != "pobj" or anchor.head.lower_ not in ("in", "by"):
        return None
    verb = anchor.head.head
    return verb if lemma(verb) in HARM_VERBS | {"die"} else None


def _protest_recipients(trig: Trigger, index: MentionIndex, actors: set[str]) -> list[Mention]:
    """Whom a protest is against: "in protest of X", "against X", "over X"; else the object of
    its purpose clause ("marched to demand the resignation of the minister", "to press
    their demands for reforms from the government", "to demand the return of land confiscated
    by X")."""
    verb = _clause_verb(trig)
    out: list[Mention] = []

    def others(found: list[Mention]) -> list[Mention]:
        return [m for m in found if m.actor not in actors]

    heads = {*trig.tokens, verb, *(c for c in verb.children if c.dep_ in ("dobj", "obj"))}  # "stopped work over"
    for tok in heads:
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.i not in trig.heads):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                if prep.lower_ == "in" and pobj.lower_ == "protest":
                    for target in (g for p2 in pobj.children if p2.dep_ == "prep"
                                   and p2.lower_ in ("of", "against", "at", "over")
                                   for g in p2.children if g.dep_ == "pobj"):
                        out.extend(others(_mentions_in(target, index, trig.heads)))
                elif prep.lower_ in ("against", "over"):
                    # "over a law drafted by the ministry": its author
                    out.extend(others(_mentions_in(pobj, index, trig.heads)
                                      or _perpetrators([pobj], index, trig.heads, depth=0)))
    if out:
        return out
    for comp in (c for c in verb.children if c.dep_ in ("advcl", "xcomp")):
        if any(a.dep_ == "aux" and a.lower_ == "to" for a in comp.children):
            objs = [c for c in comp.children if c.dep_ in ("dobj", "obj")]
            for obj in objs:
                out.extend(others(_mentions_in(obj, index, trig.heads)))
            out = out or others(_nested_recipients(comp, index, trig.heads))
            out = out or others(_perpetrators(objs, index, trig.heads))
    return out


def _mediation_parties(trig: Trigger, index: MentionIndex) -> list[Mention]:
    """"a mediation effort between Armenia and Azerbaijan": the parties."""
    out: list[Mention] = []
    for noun in {t for tok in trig.tokens for t in (tok, tok.head)}:
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                out.extend(_mentions_in(pobj, index, trig.heads))
    return out


def _condition_subjects(trig: Trigger, index: MentionIndex) -> list[Mention]:
    """A threat's recipient is the subject of its condition ("threatened to leave the talks
    unless Moscow withdraws")."""
    verb = _clause_verb(trig)
    out: list[Mention] = []
    for node in [verb, *(c for c in verb.children if c.dep_ == "xcomp")]:
        for cond in (c for c in node.children if c.dep_ == "advcl"):
            if any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in cond.children):
                for subj in (c for c in cond.children if c.dep_ in ("nsubj", "nsubjpass")):
                    out.extend(_mentions_in(subj, index, trig.heads))
    return out


#: categories whose victims (unaffiliated people hit) are recipients
VIOLENT = frozenset({"ASSAULT", "COERCE"})
#: actor kinds that report on the war or relieve its victims and never use force themselves:
#: news media, monitors ("the Observatory") and relief or rights groups (the coding guide's MED
#: and NGO sectors). Named such a party in a sentence about force, the text quotes or cites it;
#: the parse paths that read it as the doer (a reporting clause whose complement is the attack,
#: a photo credit glued to a headline) are the error, not the event.
NON_COMBATANT_KINDS = frozenset({"media", "monitor", "ngo"})


def combatants(category: str, actors: list[str], index: MentionIndex) -> list[str]:
    """The doers an event of force (``VIOLENT``) can have: ``actors`` without the non-combatant
    kinds (``NON_COMBATANT_KINDS``); the actors of any other category unchanged."""
    if category not in VIOLENT:
        return actors
    return [a for a in actors if index.kinds.get(a) not in NON_COMBATANT_KINDS]




def victims(trig: Trigger, index: MentionIndex) -> list[Token]:
    """Nouns of unaffiliated people the event hits that no actor mention covers: the object
    of the trigger verb ("killed nine civilians"), its passive subject ("three children were
    wounded"), the object of a consequence participle ("…, killing two residents") or of the
    harm verb a nominal trigger is the subject of ("the strike killed four people")."""
    if trig.code.category not in VIOLENT:
        return []
    anchor = trig.anchor
    verbs = [anchor]
    if trig.kind == "noun" and anchor.dep_ in ("nsubj", "nsubjpass") and lemma(anchor.head) in HARM_VERBS:
        verbs.append(anchor.head)
    caused = harm_objects(trig)
    harm = harm_verb_over(trig)
    if harm is not None:
        verbs.append(harm)
    reduced = [harm.head] if harm is not None and harm.dep_ == "acl" and harm.tag_ == "VBN" else []
    verbs.extend(c for v in list(verbs) for c in v.children
                 if c.dep_ in ("advcl", "xcomp", "conj", "acl") and c.tag_ == "VBG" and lemma(c) in HARM_VERBS)
    out = []
    hit = [c for verb in verbs for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")
           or (c.dep_ == "nsubj" and lemma(verb) == "die")]
    # "executions against civilians", "attacks on civilians": the people an attack is aimed at
    aimed = [g for tok in {anchor, *trig.tokens} for p in tok.children
             if p.dep_ == "prep" and p.lower_ in VICTIM_PREPS and p.i not in trig.heads
             for g in p.children if g.dep_ == "pobj"]
    harm_subjects = harmed(harm) if harm is not None else []
    # each token once, in order of first appearance (a token is the same word whichever list gave it)
    for child in {t.i: t for t in hit + caused + harm_subjects + reduced + aimed}.values():
        for noun in (child, *(c for c in child.children if c.dep_ == "conj")):
            noun = _counted(noun)
            if is_victim_noun(noun) and not any(index.at(t) for t in _phrase(noun) if t.i not in trig.heads):
                out.append(noun)
    return out


#: prepositions that name whom an attack is aimed at ("attacks on civilians", "executions against
#: civilians")
VICTIM_PREPS = frozenset({"on", "against"})

def is_victim_noun(noun: Token) -> bool:
    """A noun of people the event may hit: a listed victim noun (``VICTIM_NOUNS``)."""
    return lemma(noun) in VICTIM_NOUNS


#: the children of a victim noun whose subtrees say something else than whose the victims are: clauses
_ASIDE_DEPS = frozenset({"acl", "relcl"})


def _phrase(noun: Token) -> list[Token]:
    """The noun phrase without the clauses that hang on it: "five civilians killed in a terrorist
    attack" is the civilians (the attacker in the clause does not make them affiliated)."""
    clauses = [c for c in noun.children if c.dep_ in _ASIDE_DEPS]
    inside = {t.i for c in clauses for t in c.subtree}
    return [t for t in noun.subtree if t.i not in inside]


def _counted(noun: Token) -> Token:
    """"20 of them", "dozens of people": the counted noun of a quantity phrase."""
    if noun.like_num or lemma(noun) in ("dozen", "hundred", "score", "ten", "thousand"):
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                return pobj
    return noun


def attackers(trig: Trigger, index: MentionIndex,
              bare: Callable[[Mention], bool] = lambda _m: False) -> list[Token]:
    """Unidentified doers of force that no actor mention covers ("a suicide bomber blew himself
    up", "gunmen opened fire", "barrel bombs dropped from helicopters", "a warplane struck"):
    the subject or agent of the trigger verb (or of the verb a nominal trigger hangs on), or
    the object of "from"/"by" on the trigger. The guide codes them UAF, country unknown. A mention
    for which ``bare`` holds (a bare state-force noun, read as a description) covers nothing."""
    if trig.code.category not in VIOLENT:
        return []
    anchor = trig.anchor
    heads = [anchor]
    if trig.kind == "noun" and anchor.head.pos_ == "VERB":
        heads.append(anchor.head)
    out = []
    for head in heads:
        for child in head.children:
            nouns = [child] if child.dep_ in ("nsubj", "compound") else [
                g for g in child.children if g.dep_ == "pobj"] if child.dep_ in ("agent", "prep") and child.lower_ in ("by", "from") else []
            for noun in nouns:
                if lemma(noun) in ATTACKER_NOUNS and not any((m := index.at(t)) is not None and not bare(m)
                                                             for t in noun.subtree):
                    out.append(noun)
    return out
