"""Stage ``events``: PLOVER-coded events with actors, date, place and factual status.

For each sentence: triggers from the lexicon (``triggers``), category decided by the
learned model with the lexicon's proposal as a prior (``classifier``), status from parse
cues (``modality``) backed by the learned status model, actors/recipients from dependency
paths to the actor stage's mentions (``arguments``), date/place from the time and place
stages (``anchoring``). Data in, data out: the lexicon and the model load in ``__init__``.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import hashlib
import logging
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from ...dates import first_day
from ...errors import PipelineError
from ...records import (
    EVENT_CATEGORIES,
    EVENT_STATUSES,
    Actor,
    Analysis,
    Event,
    Evidence,
    Mention,
    Place,
    narrow,
)
from ...versioning import content_digest, files_digest, library_version, stage_version
from . import (
    arguments,
    carried_doer,
    recipient_model,
    record_model,
)
from .anchoring import (
    Toponym,
    _under,
    as_event_place,
    calendar_times,
    clause_head,
    dateline_place,
    event_date,
    governed_place,
    is_background,
    stated_at,
    toponyms,
)
from .arguments import (
    MentionIndex,
    _mentions_in,
    attackers,
    combatants,
    find_arguments,
    undergoers,
    victims,
)
from .assemble import (
    CONTEXT_CATEGORIES,
    Candidate,
    ContextRule,
    drop_contents,
    from_context,
    is_record,
    merge_mentions,
)
from .attribution import Attribution, attribution_sentence, sentence_attributions
from .attribution import attributed as attributed_by
from .classifier import (
    EventModels,
    category_features,
    choose_category,
    status_features,
)
from .coding import apply_manual_rules
from .descriptors import (
    GENERIC_ID,
    UNOWNED_FORCE_SECTORS,
    Describer,
    antecedent_group,
    doer_nouns,
    generic_armed,
    is_fight,
    refers_back,
    side_nouns,
    target_nouns,
    trigger_modifier_doer,
)
from .fight_frame import record_fights
from .finer import Name, clause_name, finer_name, governed_name, unresolved_names
from .headlines import reparsed
from .lexicon import NON_STATE_CODES, Lexicon, load_lexicon
from .modality import Modality, assess
from .place_context import (
    PlaceContext,
    antecedent,
    context_place,
    document_focus,
    inside_name,
    place_anaphor,
)
from .ranker import MODEL_PATH as RANKER_PATH
from .ranker import ActorRanker, load_actor_ranker
from .record_rule import RecordRule
from .seizure import holding_state, raided, seized
from .territory import iso3, place_recipients, state_actor, theatre_states
from .triggers import Trigger, find_triggers
from .war_frame import war_background, war_frame

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

    from ...kb import KnowledgeBase
    from ...resources import Resources

log = logging.getLogger(__name__)
PACKAGE = "sitrep.stages.events"

SOURCE_CONFIDENCE = {"curated": 0.8, "rule": 0.6, "noun": 0.7, "pattern": 0.65, "cameo": 0.55}
NAME_ENTS = {"PERSON", "ORG", "NORP", "FAC", "WORK_OF_ART", "LAW", "EVENT", "GPE"}
#: issue 13 (branch bare1): a bare state-force noun the actor stage made a generic actor of ("police", "the
#: army", "helicopters") is read as a description is (``EventStage._bare_force``, ``_owned``): the theatre's
#: forces, an unstated owner's aircraft unidentified
THEATRE_FORCES = True


def event_id(document: str, start: int, end: int, category: str) -> str:
    """Stable id: hash of document id, trigger offsets and category."""
    key = f"{document}:{start}:{end}:{category}"
    return "ev_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def published_date(value: str | None) -> date | None:
    """The document's publication day; a partial date is its first day (``sitrep.dates``)."""
    return first_day(value)


class EventStage:
    name = "events"
    reads = ("doc", "document", "sentences", "mentions", "actors", "times", "places", "context_names")
    #: ``actors`` gains the state actors that only a place recipient names (see ``territory``)
    writes = ("events", "actors")

    def __init__(self, nlp: Language | None = None, *, lexicon: Lexicon | None = None,
                 models: EventModels | None = None, use_model: bool = True,
                 kb: KnowledgeBase | None = None, resources: Resources | None = None,
                 context_rule: ContextRule | None = None, actor_ranker: ActorRanker | None = None,
                 use_ranker: bool = True,
                 place_context: PlaceContext | None = None, record_rule: RecordRule | None = None,
                 record_check: bool | None = None) -> None:
        """``resources`` gives the KB (for recipients by territory) and the learned models
        (``build_pipeline`` passes them); without it, ``kb`` and ``models`` or the shipped
        ones. ``use_model=False`` codes with the lexicon and rules alone; ``context_rule`` replaces the
        shipped rule for actors taken from the surrounding text (``assemble.ContextRule``). ``actor_ranker``
        replaces the shipped learned doer model (``ranker``); ``use_ranker=False`` leaves it out.
        ``place_context`` replaces the shipped parameters of the places
        taken from the document (``place_context``); ``record_rule`` replaces the shipped rule of how
        much support a candidate of each trigger source needs to be a record (``record_rule``).
        ``record_check`` turns the learned record check (``record_model``: fewer, deduplicated
        events, the lead sentence's events always kept) on (True) or off (False); None follows
        ``record_model.USE`` (off). A missing model file degrades to the lexicon (or the actor rules)
        alone (logged)."""
        if resources is None:
            from ...resources import Resources

            resources = Resources(nlp=nlp, kb=kb, event_models=models)
        elif kb is not None:
            raise PipelineError("Give the events stage a KB through its resources or as `kb`, not both.")
        self.nlp = nlp
        self.resources = resources
        self.kb = resources.kb
        self.describer = Describer(self.kb)
        self._custom_context = context_rule is not None
        self.context_rule = context_rule or ContextRule.load()
        self._custom_place_context = place_context is not None
        self.place_context = place_context or PlaceContext.load()
        self._custom_record_rule = record_rule is not None
        self.record_rule = record_rule or RecordRule.load()
        self._custom_ranker = actor_ranker is not None
        self.actor_ranker = (actor_ranker or load_actor_ranker()) if use_ranker else None
        self._custom_lexicon = lexicon is not None
        self.lexicon = lexicon or load_lexicon()
        self._custom_models = models is not None
        self.models = (models if models is not None else resources.event_models) if use_model else None
        # the model file holds both settings (no default in code: 0.3 here once contradicted its 0.0)
        self.lex_prior = self.models.lex_prior if self.models else 0.0
        self.status_threshold = self.models.status_threshold if self.models else 1.0
        self.record_check = record_check

    @property
    def checks_records(self) -> bool:
        """Is the learned record check on: the ``record_check`` option, else ``record_model.USE``."""
        return record_model.USE if self.record_check is None else self.record_check

    @classmethod
    def from_resources(cls, resources: Resources, **options: Any) -> EventStage:
        return cls(resources.nlp, resources=resources, **options)

    @functools.cached_property
    def version(self) -> str:
        """Code and lexicon files of the package (and of the place/time helpers it calls), the
        KB, the learned models (or their absence), the ISO country table (pycountry)."""
        if self.models is None:
            models = "event_models:none"
        elif self._custom_models:
            models = f"event_models:{content_digest(self.models)}"
        else:
            models = self.resources.fingerprint("event_models")
        lexicon = f"lexicon:{content_digest(self.lexicon)}" if self._custom_lexicon else "lexicon:shipped"
        if self._custom_context:
            lexicon += f";context:{content_digest(dataclasses.asdict(self.context_rule))}"
        if self._custom_place_context:
            lexicon += f";place-context:{content_digest(dataclasses.asdict(self.place_context))}"
        if self._custom_record_rule:
            lexicon += f";record-rule:{content_digest(dataclasses.asdict(self.record_rule))}"
        if self.checks_records:  # the learned record check's option / switch (off by default)
            lexicon += f";record-model:{files_digest([record_model.MODEL_FILE]) if record_model.MODEL_FILE.exists() else 'none'}"
        if recipient_model.LEARNED_RECIPIENTS:  # the learned recipient's switch (on by default since 12-06)
            lexicon += f";recipient-model:{files_digest([recipient_model.MODEL_FILE])}"
        if not THEATRE_FORCES:  # bare state-force nouns as the theatre's forces (on by default)
            lexicon += ";theatre-forces:off"
        if carried_doer.USE:  # the carried doer's chooser (off by default)
            lexicon += carried_doer.fingerprint()
        if self.actor_ranker is None:
            ranker = "actor-ranker:none"
        elif self._custom_ranker:
            ranker = f"actor-ranker:{content_digest(dataclasses.asdict(self.actor_ranker))}"
        else:
            ranker = f"actor-ranker:{files_digest([RANKER_PATH])}"
        version = stage_version(PACKAGE, self.resources.fingerprint("kb"), models, lexicon, ranker,
                                library_version("pycountry"))
        # the option is named in the version, so the store's record of the pipeline (``name@version``) says so
        return f"{version}+record-check" if self.checks_records else version

    def __call__(self, analysis: Analysis) -> Analysis:
        doc = analysis.doc
        if doc is None:
            raise PipelineError("The events stage needs the parse stage's spaCy Doc; run "
                                "the parse stage first (build_pipeline does).")
        index = MentionIndex.build(doc, analysis.mentions, analysis.actors)
        doc, headlines = reparsed(doc, self.nlp, functools.partial(self._named_tokens, analysis, index))
        rule = self.place_context
        names = [m for m in analysis.mentions if rule.names_are_no_places]
        candidates_places = [t for t in toponyms(doc, analysis.places) if not (names and inside_name(t.place, names))]
        focus = document_focus([t.place for t in candidates_places], rule)
        context = _Context(analysis=dataclasses.replace(analysis, doc=doc, times=calendar_times(analysis.times)),
                           index=index, published=published_date(analysis.document.anchor_date),
                           toponyms=candidates_places, dateline=dateline_place(analysis), focus=focus)
        sents = list(doc.sents)
        sources: dict[int, set[int]] = {}
        found_triggers = [self._sentence_triggers(sent, index, sent.start in headlines) for sent in sents]
        merged = merge_mentions(drop_contents(self._candidates(context, sents, found_triggers, sources)))
        from_context(merged, flies=functools.partial(_state_side, index), rule=self.context_rule)
        if carried_doer.USE or carried_doer.RECORDER is not None:  # which party is carried (off by default)
            facts = carried_doer.DocumentFacts.build(index, [s.start for s in sents], sources)
            carried_doer.rechoose(analysis.document.id, merged, index, facts)
        if self.place_context.anaphora:
            # after the same incident told nearby had its say: "the city" is the last place told
            for cand in merged:
                if cand.place is None and cand.category in CONTEXT_CATEGORIES:
                    cand.place = self._anaphor_place(context, cand.sentence, cand.trigger)
        if self.actor_ranker is not None:
            self.actor_ranker.fill(merged, index, sources)
        extra: dict[str, Actor] = {}
        kept = [c for c in merged if is_record(c) and self.record_rule.keeps(c)]
        self._learned_roles(context, kept)
        events = _after_records(_dedupe([self._event(context, c, extra) for c in kept]), doc,
                                record_check=self.checks_records)
        actors = [*analysis.actors, *(a for a in extra.values() if a.id not in {x.id for x in analysis.actors})]
        # the sides a fight's own clause names, read from this parse (battle3; actors/recipients unchanged)
        events = record_fights(events, doc, analysis.mentions, {a.id: a for a in actors})
        return dataclasses.replace(analysis, events=events, actors=actors)

    def _candidates(self, context: _Context, sents: list[Span], found_triggers: list[list[Trigger]],
                    sources: dict[int, set[int]]) -> list[Candidate]:
        """The candidate events of every sentence with triggers, in text order; ``sources`` receives,
        per sentence start, the token indices of the sources its attributions name."""
        candidates: list[Candidate] = []
        for n, (sent, triggers) in enumerate(zip(sents, found_triggers, strict=True)):
            if not triggers:
                continue
            framed = war_frame(sent)
            attributions = sentence_attributions(sent)
            sources[sent.start] = {a.source.i for a in attributions if a.source is not None}
            if n + 1 < len(sents):
                following = attribution_sentence(sents[n + 1])
                attributions += [following] if following is not None else []
            found = (self._candidate(context, sent, n, trig, attributions) for trig in triggers)
            # the war told as a whole (``war_frame``): an event word with no doer of its own there
            # is background ("killed since the war began"), not an event of the article
            candidates.extend(c for c in found if not (framed and war_background(c)))
        return candidates

    def _sentence_triggers(self, sent: Span, index: MentionIndex, headline: bool) -> list[Trigger]:
        """The triggers of one sentence that may start an event: not inside a name, not figurative,
        and (outside a headline) not a state of holding ground."""
        return [t for t in self._lexical_triggers(sent)
                if not self._inside_name(t, index, headline) and not _figurative(t, index)
                and (headline or not holding_state(t.anchor))]

    def _lexical_triggers(self, sent: Span) -> list[Trigger]:
        """The lexicon's triggers of ``sent``."""
        return find_triggers(sent, self.lexicon)

    def _named_tokens(self, analysis: Analysis, index: MentionIndex) -> set[int]:
        """Token indices of places and of named actors (not agent nouns such as "Terrorists"):
        their case stays when a title-case headline is parsed again (``headlines``)."""
        doc = analysis.doc
        assert doc is not None
        out = {i for i in index.by_token if self.kb.agent(doc[i].text) is None}
        for place in analysis.places:
            span = doc.char_span(place.start, place.end, alignment_mode="expand")
            out.update(range(span.start, span.end) if span is not None else ())
        return out

    @staticmethod
    def _inside_name(trig: Trigger, index: MentionIndex, headline: bool = False) -> bool:
        """A nominal trigger that is part of a name ("Operation Euphrates Shield", "the Defense
        Ministry"). In a title-case headline the entity tags say nothing (every word is capitalised):
        only an actor mention there counts."""
        if trig.kind != "noun":
            return False
        head = trig.anchor
        return index.at(head) is not None or (not headline and head.ent_type_ in NAME_ENTS)

    def category(self, trig: Trigger, sent: Span) -> tuple[str, str | None, float]:
        """(category, mode, probability) from the model with the lexicon as a prior."""
        lex = trig.code
        if self.models is None:
            return lex.category, lex.mode, SOURCE_CONFIDENCE.get(lex.source, 0.6)
        proba = self.models.category.proba(category_features(trig, sent))
        best = choose_category(proba, lex.category, lex.source, self.lex_prior)
        mode = lex.mode if best == lex.category else None
        return best, mode, proba.get(best, 0.0)

    def status(self, trig: Trigger, sent: Span, published: date | None) -> Modality:
        modality = assess(trig, published, sent)
        if self.models is None or modality.status != "asserted":
            return modality
        proba = self.models.status.proba(status_features(trig, modality.cues, sent))
        best = max(proba, key=lambda s: proba[s])
        if best != "asserted" and proba[best] >= self.status_threshold:
            return Modality(best, [*modality.cues, f"model:{best}"], modality.source)
        return modality

    def _candidate(self, context: _Context, sent: Span, n: int, trig: Trigger,
                   attributions: list[Attribution]) -> Candidate:
        """One trigger's category, status, arguments, place and date."""
        index = context.index
        category, mode, prob = self.category(trig, sent)
        modality = self.status(trig, sent, context.published)
        args = find_arguments(trig, index)
        args.actors, args.recipients = self._refer_back(args.actors, index), self._refer_back(args.recipients, index)
        args.actors, args.recipients = self._owned(context, args.actors), self._owned(context, args.recipients)
        attributed = self._attribution(modality, index)
        pronoun_subject = any(c.dep_ == "nsubj" and c.lower_ in ("it", "they", "he", "she", "we")
                              for c in trig.anchor.children)
        own_actors = {m.actor for m in args.actors}
        self_declared = modality.source is not None and (
            (attributed is not None and attributed in own_actors) or pronoun_subject)
        category, mode, status = apply_manual_rules(category, mode, modality, self_declared)
        # the object decides between seize and abduct, whatever the model made of the word
        # ("recaptured gas fields" is no MOBILIZE), when the model or the lexicon says either
        taken = seized(trig.tokens) if {category, trig.code.category} & {"ASSAULT", "COERCE"} else None
        if taken is not None:
            category, mode = taken
        if args.blamed_by is not None and status == "asserted":
            status, attributed = "reported", args.blamed_by.actor
        if status == "asserted":
            found = attributed_by(trig.anchor, attributions)
            if found is not None:
                status = "reported"
                attributed = attributed or self._source(found.source, index)
        place = self._place(context, sent, trig, attributions)
        # "condemned the crimes … in Homs": Homs is the crimes' place, not the statement's; the
        # statement is still about a place of the conflict (``Candidate.grounded``)
        grounded = category not in CONTEXT_CATEGORIES and place is not None and not stated_at(place, trig)
        place = None if grounded else place
        when = event_date(context.analysis, (trig.start, trig.end))
        if status in ("asserted", "reported") and is_background(when, context.published):
            status = "historical"
        named = _named_by(place, args.actors + args.recipients)
        cand = Candidate(trig, sent, n, category, mode, prob, modality, status,
                         actors=combatants(category, [m.actor for m in args.actors if m.actor not in named], index),
                         recipients=[m.actor for m in args.recipients if m.actor not in named],
                         place=place, date=when, attributed_to=attributed, grounded=grounded)
        self._described(context, cand)
        armed = any(_state_side(index, a) or a.endswith("UAF") for a in cand.actors)
        raid = raided(trig.tokens, armed) if cand.category == "COERCE" else None
        if raid is not None:
            cand.category, cand.mode = raid
        attacker_states = {c for a in cand.actors if (c := context.index.countries.get(a))}
        cand.recipients += [r for r in self._victims(context, trig, place, attacker_states)
                            if r not in cand.recipients]
        if not cand.actors and attackers(trig, index, self._bare_force):
            cand.actors = [self.kb.generic(None, "UAF").id]
        return cand

    @staticmethod
    def _refer_back(mentions: list[Mention], index: MentionIndex) -> list[Mention]:
        """A definite generic armed party ("the militants", "the terrorists") stands for the
        named group mentioned just before (``descriptors.refers_back``)."""
        out = []
        for m in mentions:
            named = None
            if generic_armed(m.actor):
                heads = [i for i, found in index.by_token.items() if found is m]
                named = refers_back(index.doc[max(heads)], index) if heads and index.doc is not None else None
            out.append(dataclasses.replace(m, actor=named) if named is not None else m)
        return out

    def _owned(self, context: _Context, mentions: list[Mention]) -> list[Mention]:
        """An argument that is a bare state-force noun (``_bare_force``: "police", "the army",
        "government warplanes") is read as a description is (``descriptors``, the coding guide's
        section 4): its owner, else the theatre's forces, an unstated owner's aircraft unidentified;
        kept as it is when that says nothing."""
        index, out = context.index, []
        for m in mentions:
            party = None
            if self._bare_force(m) and index.doc is not None:
                heads = [i for i, found in index.by_token.items() if found is m]
                found = self.describer.describe(index.doc[max(heads)], index, reread=True) if heads else None
                party = found.actor(context.theatre()) if found is not None else None
            out.append(dataclasses.replace(m, actor=self.kb.generic(*party).id) if party is not None else m)
        return out

    def _bare_force(self, m: Mention | None) -> bool:
        """Is ``m`` a bare state-force noun the actor stage made a generic actor of ("police", "the
        army", "helicopters": a generic ``MIL`` or ``COP`` whose words are an agent noun of the KB (the
        actor stage's mention holds no determiner), no demonym or name)? ``descriptors`` reads such a noun
        as a description."""
        if not THEATRE_FORCES or m is None or m.method != "generic" or not GENERIC_ID.match(m.actor):
            return False
        if m.actor[-3:] not in UNOWNED_FORCE_SECTORS:
            return False
        return self.kb.agent(m.text) is not None

    def _described(self, context: _Context, cand: Candidate) -> None:
        """Parties of a violent event named only by description (``descriptors``): the doer when
        no actor was found ("the regime jet fighters attacked"), the other side of a fight ("army
        units clashed with militants"), the target when no recipient was found ("fired on Kurdish
        fighters")."""
        if cand.category not in ("ASSAULT", "COERCE"):
            return
        trig, index = cand.trigger, context.index

        def ids(nouns: list[Token]) -> list[str]:
            out = []
            for noun in nouns:
                found = self.describer.describe(noun, index, reread=self._bare_force(index.at(noun)))
                named = antecedent_group(found, index) if found is not None else None
                if named is not None:
                    out.append(named)
                    continue
                party = found.actor(context.theatre()) if found is not None else None
                if party is not None:
                    out.append(self.kb.generic(*party).id)
            return out

        if not cand.actors:
            doer = trigger_modifier_doer(trig, self.describer)
            party = doer.actor(context.theatre()) if doer is not None else None
            cand.actors = ids(doer_nouns(trig)) or ([self.kb.generic(*party).id] if party else [])
        sides = ids(side_nouns(trig))
        if sides or is_fight(trig):
            sides = ids(doer_nouns(trig)) + sides  # "army units clashed with the militants"
        cand.actors += [a for a in dict.fromkeys(sides) if a not in cand.actors]
        if not cand.recipients and not sides:
            cand.recipients = [r for r in dict.fromkeys(ids([*target_nouns(trig), *undergoers(trig)])) if r not in cand.actors]
        cand.actors = list(dict.fromkeys(cand.actors))
        # a party the description made the doer is not also its target (a misparsed "its fighters")
        cand.recipients = [r for r in cand.recipients if r not in cand.actors]

    @staticmethod
    def _place(context: _Context, sent: Span, trig: Trigger, attributions: Sequence[Attribution] = ()) -> Place | None:
        """The place the event governs; a finer unresolved name that place locates replaces it
        ("the town of Atareb west of Aleppo": Atareb, in Aleppo's country, no coordinates). A
        toponym inside the reporting clause is the source's seat ("according to the council of
        the city of X"; coding guide section 5), not the event's place."""
        in_sentence = [t for t in context.toponyms if sent.start <= t.first < sent.end
                       and not any(a.start <= t.first < a.end for a in attributions)]
        place = governed_place(trig.anchor, trig.heads, in_sentence)
        names = context.names(sent)
        if not names:
            return place
        chosen = next((t for t in in_sentence if t.place is place), None)
        name = finer_name(chosen.root, names, chosen.first, chosen.last) if chosen is not None else None
        country = place.country if name is not None and place is not None else None
        if name is None:
            own = governed_name(trig.heads, names)
            if chosen is None or not _under(chosen.root, trig.heads):
                name = own
            elif own is not None and trig.start < own.start < chosen.place.start:
                # both in the event's phrase, the name first: "the town of X in Y province"
                name, country = own, place.country if place is not None else None
        if name is None and place is None:
            name = clause_name(clause_head(trig.anchor).i, names, lambda tok: clause_head(tok).i)
        if name is None:
            return place
        return _unresolved(context, sent, name, country)

    def _anaphor_place(self, context: _Context, sent: Span, trig: Trigger) -> Place | None:
        """The antecedent of a place anaphor of the event's clause ("targeted the Kurdish-controlled
        city", "attacked settlements in the area"; ``place_context``), else None."""
        clause = clause_head(trig.anchor).i

        def in_clause(tok: Token) -> bool:
            return clause_head(tok).i == clause or _under(tok, trig.heads)

        anaphor = place_anaphor(sent, in_clause, context.taken())
        if anaphor is None:
            return None
        rule = self.place_context
        told = [(t.first, t.place) for t in context.toponyms]
        if rule.anaphor_names:
            here = context.sentence_of(anaphor.i)
            for earlier in context.sentences()[max(0, here - rule.anaphor_window):here + 1]:
                told += [(n.first, _unresolved(context, earlier, n)) for n in context.names(earlier)]
            told.sort(key=lambda item: item[0])
        found = antecedent(anaphor, told, context.sentence_of, rule.anaphor_window)
        return found if found is not None or not rule.anaphor_focus else context.focus

    def _victims(self, context: _Context, trig: Trigger, place: Place | None,
                 attacker_states: set[str]) -> list[str]:
        """Generic civilian recipients for the unaffiliated people the event hits (their
        state: the event place's, else the state the document is about, unless that is only
        the attacker's own: "Russia's air strike killed ten people" says nothing of whose)."""
        found = victims(trig, context.index)
        if not found:
            return []
        placed = place is not None and place.country is not None
        place_state = iso3(place.country) if place is not None and place.country else None
        state = place_state or context.theatre()
        if not placed and state in attacker_states and not context.theatre_placed:
            state = None
        known = state if state and self.kb.state(state) is not None else None
        return [self.kb.generic(known, "CVL").id]  # the listed victim nouns name civilians

    def _learned_roles(self, context: _Context, kept: list[Candidate]) -> None:
        """The learned recipient (switch ``recipient_model.LEARNED_RECIPIENTS``) of the events the rules
        leave without one."""
        if recipient_model.LEARNED_RECIPIENTS or recipient_model.RECORDER is not None:
            self._learned_recipients(context, kept)

    def _learned_recipients(self, context: _Context, kept: list[Candidate]) -> None:
        """An event the rules leave without a recipient takes the party the learned model
        (``recipient_model``, switch ``LEARNED_RECIPIENTS``) finds most probable, when it reaches
        the model's threshold."""
        model = recipient_model.load_model() if recipient_model.LEARNED_RECIPIENTS else None
        doc_id = context.analysis.document.id
        for cand in kept:
            if cand.recipients:
                continue
            found = recipient_model.candidates(cand.trigger, cand.sentence, cand.category, cand.actors, context.index,
                                               functools.partial(self._victim_id, context, cand))
            key = event_id(doc_id, cand.trigger.start, cand.trigger.end, cand.category)
            if recipient_model.RECORDER is not None:
                recipient_model.RECORDER(key, found)
            chosen = model.choose(found) if model is not None else None
            if chosen is not None:
                cand.recipients = [chosen.actor]

    def _victim_id(self, context: _Context, cand: Candidate, noun: Token) -> str | None:
        """The generic actor of the people a victim noun names (as ``_victims``: the event
        place's state, else the document's), or None for a noun that names no victims."""
        if not arguments.is_victim_noun(noun):
            return None
        place = cand.place
        place_state = iso3(place.country) if place is not None and place.country else None
        state = place_state or context.theatre()
        known = state if state and self.kb.state(state) is not None else None
        return self.kb.generic(known, "CVL").id

    def _event(self, context: _Context, cand: Candidate, extra: dict[str, Actor]) -> Event:
        analysis = context.analysis
        doc_id = analysis.document.id
        trig = cand.trigger
        recipients = list(cand.recipients)
        if not recipients and analysis.places and analysis.doc is not None:
            own = {c for a in cand.actors if (c := self._country(a, analysis))}
            theatre = context.theatre()
            located = theatre_states(analysis.places, theatre if context.theatre_placed else None)
            recipients = [state for state, _ in place_recipients(trig, analysis.doc, analysis.places, self.kb)
                          if state not in cand.actors and (own and state not in own) and state not in located]
        for rid in [*cand.actors, *recipients]:
            self._remember(rid, analysis, extra)
        base = SOURCE_CONFIDENCE.get(trig.code.source, 0.6)
        agree = 1.0 if cand.category == trig.code.category else 0.7
        confidence = round(min(1.0, (0.5 * base + 0.5 * cand.probability) * agree
                               + (0.05 if cand.actors else 0.0)), 3)
        sentence_places = [t.place for t in context.toponyms
                           if cand.sentence.start <= t.first < cand.sentence.end]
        place = (context_place(cand.place, context.dateline, context.focus, self.place_context, sentence_places)
                 if cand.category in CONTEXT_CATEGORIES
                 else cand.place)
        return Event(
            id=event_id(doc_id, trig.start, trig.end, cand.category),
            document=doc_id,
            category=narrow(cand.category, EVENT_CATEGORIES),
            status=narrow(cand.status, EVENT_STATUSES),
            evidence=Evidence(cand.sentence.start_char, cand.sentence.end_char, cand.sentence.text),
            trigger=analysis.document.text[trig.start:trig.end] if trig.kind != "light" else trig.text,
            mode=cand.mode,
            actors=list(cand.actors),
            recipients=recipients,
            place=as_event_place(place) if place is not None else None,
            date=cand.date,
            attributed_to=cand.attributed_to,
            confidence=confidence,
            trigger_start=trig.start,
            trigger_end=trig.end,
        )

    def _country(self, actor_id: str, analysis: Analysis) -> str | None:
        known = next((a for a in analysis.actors if a.id == actor_id), None)
        if known is not None:
            return known.id if known.kind == "state" else known.country
        generic = self.kb.actors.get(actor_id)
        return generic.country if generic is not None else None

    def _remember(self, actor_id: str, analysis: Analysis, extra: dict[str, Actor]) -> None:
        """The KB actors an event names that no mention brought (state recipients by
        territory, generic victims): added to the analysis's actors."""
        if actor_id in extra or any(a.id == actor_id for a in analysis.actors):
            return
        state = state_actor(actor_id, self.kb)
        if state is not None:
            extra[actor_id] = state
            return
        country, _, sector = actor_id.rpartition("_")
        if sector in GENERIC_SECTORS:
            extra[actor_id] = self.kb.generic(country or None, sector).to_actor(aliases=[])

    @staticmethod
    def _attribution(modality: Modality, index: MentionIndex) -> str | None:
        return EventStage._source(modality.source, index)

    @staticmethod
    def _source(token: Token | None, index: MentionIndex) -> str | None:
        if token is None:
            return None
        found: list[Mention] = _mentions_in(token, index, set())
        return found[0].actor if found else None


def _after_records(events: list[Event], doc: Doc, *, record_check: bool = False) -> list[Event]:
    """The finished events of a document, through the learned record check when ``record_check`` (the
    stage's ``checks_records``) is on; the other readings that worked here are gone (docs/benchmarks/pruned.md)."""
    if record_check:  # the learned record check (off by default): repeats and non-records dropped
        events = record_model.select(events, doc.text)
    return events


@dataclasses.dataclass(slots=True)
class _Context:
    """What every trigger of one document needs: the analysis (calendar dates only), the
    mention index, the publication day, the toponyms that can be places, the dateline place."""

    analysis: Analysis
    index: MentionIndex
    published: date | None
    toponyms: list[Toponym]
    dateline: Place | None
    #: the place the document is about (``place_context.document_focus``), if one leads
    focus: Place | None = None
    _theatre: str | None = None
    _theatre_known: bool = False
    _taken: set[int] | None = None
    _names: dict[int, list[Name]] = dataclasses.field(default_factory=dict)
    _starts: list[int] | None = None
    _sents: list[Span] | None = None
    #: the theatre comes from the document's places (not only from its actors' countries)
    theatre_placed: bool = False

    def sentences(self) -> list[Span]:
        """The document's sentences (of the parse the stage reads)."""
        if self._sents is None:
            doc = self.analysis.doc
            self._sents = list(doc.sents) if doc is not None else []
        return self._sents

    def sentence_of(self, token: int) -> int:
        """The index of the sentence holding token ``token``."""
        if self._starts is None:
            self._starts = [s.start for s in self.sentences()] or [0]
        return bisect.bisect_right(self._starts, token) - 1

    def names(self, sent: Span) -> list[Name]:
        """The unresolved place names of a sentence (``finer``), once per sentence."""
        if sent.start not in self._names:
            names = unresolved_names(sent, self.taken())
            self._names[sent.start] = names
        return self._names[sent.start]

    def taken(self) -> set[int]:
        """Token indices of resolved places, of calendar dates and of actor mentions (no unresolved
        place name there)."""
        if self._taken is None:
            doc = self.analysis.doc
            by_token = self.index.by_token
            taken = {i for i, m in by_token.items() if not m.actor.startswith(PROVISIONAL)}
            spans = [(p.start, p.end) for p in self.analysis.places] + [(t.start, t.end) for t in self.analysis.times]
            for start, end in spans:
                span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
                taken.update(range(span.start, span.end) if span is not None else ())
            self._taken = taken
        return self._taken

    def theatre(self) -> str | None:
        """The state the document is about (ISO3): the one most of its places lie in, else the
        one most of its actors belong to, when one leads. The names of the document's context
        (removed run-on furniture, ``Analysis.context_names``) count too: a state named there (a
        tag "Syria") as a place, a party as an actor."""
        if not self._theatre_known:
            context = self.analysis.context_names
            by_place = Counter(iso3(t.place.country) for t in self.toponyms if t.place.country)
            by_place.update(n.country for n in context if n.country and (n.placed or n.kind == "state"))
            by_actor = Counter(c for m in self.analysis.mentions
                               if (c := self.index.countries.get(m.actor)) and c not in NON_STATE_CODES
                               and self.index.kinds.get(m.actor) in PARTY_KINDS)
            by_actor.update(n.country for n in context if n.country and not n.placed
                            and n.country not in NON_STATE_CODES and n.kind in PARTY_KINDS)
            placed = _leader(by_place)
            self.theatre_placed = placed is not None
            self._theatre = placed or _leader(by_actor)
            self._theatre_known = True
        return self._theatre


#: the id prefix of provisional actors (an unknown name the actor stage kept)
PROVISIONAL = "prov:"


def _unresolved(context: _Context, sent: Span, name: Name, country: str | None = None) -> Place:
    """An unresolved place name (``finer``) as a place: as written, no coordinates."""
    text = name.text(sent)
    return Place(document=context.analysis.document.id, start=name.start, end=name.end, text=text,
                 sentence=sent.text, name=text, country=country)


def _state_side(index: MentionIndex, actor_id: str) -> bool:
    """A state, its government or its forces (they have aircraft; armed groups here do not)."""
    if index.kinds.get(actor_id) in ("state", "military", "government_body"):
        return True
    country, _, sector = actor_id.rpartition("_")
    return bool(country) and sector in ("MIL", "GOV")


def _named_by(place: Place | None, mentions: list[Mention]) -> set[str]:
    """Provisional actors whose mention is the event's unresolved place name ("the village of
    Zorbanqa" taken for an organisation): they are the place, not a party."""
    if place is None or place.lat is not None:
        return set()
    return {m.actor for m in mentions if m.actor.startswith(PROVISIONAL)
            and m.start < place.end and place.start < m.end}


#: the generic actors the events stage itself names: victims (CVL), unidentified attackers (UAF),
#: parties named by description (``descriptors``)
GENERIC_SECTORS = frozenset({"CVL", "UAF", "MIL", "REB", "COP", "PRM", "RAD"})
#: actors that are parties to a conflict (a monitor's or an outlet's seat says nothing of where)
PARTY_KINDS = frozenset({"state", "government_body", "military", "armed_group", "party", "person"})


def _leader(counts: Counter[str | None] | Counter[str]) -> str | None:
    ranked = [(k, n) for k, n in counts.most_common(2) if k]
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


#: conflict nouns that are figurative when aimed at no one ("the battle against poverty")
FIGHT_NOUNS = {"battle", "fight", "war", "struggle", "crusade", "campaign"}
NAMED = {"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"}


def _figurative(trig: Trigger, index: MentionIndex) -> bool:
    """"the battle against poverty", "the fight against corruption": a
    conflict noun whose "against"/"on" object names no actor is not an event."""
    noun = trig.tokens[-1]
    if trig.kind == "verb" or noun.lemma_.lower() not in FIGHT_NOUNS:
        return False
    targets = [p for prep in noun.children if prep.dep_ == "prep" and prep.lower_ in ("against", "on")
               for p in prep.children if p.dep_ == "pobj"]
    if not targets:
        return False
    return not any(index.at(t) is not None or t.ent_type_ in NAMED
                   for p in targets for t in p.subtree)


def _dedupe(events: list[Event]) -> list[Event]:
    seen: set[str] = set()
    out = []
    for ev in events:
        if ev.id in seen:
            continue
        seen.add(ev.id)
        out.append(ev)
    return out
