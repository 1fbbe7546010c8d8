"""A learned choice of the actor when the parse rules find none (issue 13, actors).

``arguments.find_arguments`` reads the doer from a fixed set of dependency paths (subject,
passive agent, possessor, "with" of a reciprocal event ...) and the context rule
(``assemble.from_context``) from the sentences before. What neither reaches — a doer named in
a clause that governs the trigger ("X reiterated its demand"), an actor the parser attached to
another word, a collective ("a group of X announced ... to forgive") — is left without an actor.

``ActorRanker`` scores every actor mention of the trigger's sentence as the doer, from the
shape of the dependency path between the mention and the trigger (which side of their lowest
common ancestor each lies on, how many clause boundaries each crosses, the relation under the
ancestor, the preposition that governs the mention, order and distance, whether the mention is
the source of a reporting clause, the actor's kind, and where it lies against the clause's
grammatical doer slot: ``slot_features``): no word lists. It is a logistic regression
fitted by ``scripts/train_actor_ranker.py`` (``make models``) on the **tune** half of the
PLOVER GSR dev records only (never on FA-KES); its regularisation and the probability at which
it names an actor are chosen there by cross-validation over records. The model ships as plain
JSON (``src/sitrep/models/actor_ranker.json``), read without scikit-learn; when the file is
missing the events stage works without it (logged).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ...sparse_model import SparseLogistic
from .arguments import NON_COMBATANT_KINDS, VIOLENT
from .assemble import is_record
from .lexicon import RECIPIENT_PREPS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from .arguments import MentionIndex
    from .assemble import Candidate

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).resolve().parents[2] / "models" / "actor_ranker.json"
#: dependency relations that open a clause of their own: a path through one leaves the clause
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "pcomp", "csubj"})
_DISTANCES = (3, 8, 15)
#: the doer-slot features (``slot_features``; added 2026-12-03 night 2 against PLOVER tune misses).
#: The model file is fitted with whatever this says (``scripts/train_actor_ranker.py``); a model
#: fitted without them gives the same probabilities whether or not they are computed
SLOT_FEATURES = True


def _chain(token: Token) -> list[Token]:
    """The token and its heads up to the root."""
    out = [token]
    while out[-1].head.i != out[-1].i and len(out) < 40:
        out.append(out[-1].head)
    return out


def _bucket(value: int, top: int = 3) -> str:
    return str(min(value, top))


def subject_slot(anchor: Token) -> list[Token]:
    """The grammatical doer slot of the trigger's clause: the subjects (and passive agents) of the
    trigger verb, or of the verb whose object the nominal trigger is ("carried out airstrikes"); a
    nominal trigger that is itself a subject ("the strikes destroyed …") fills the slot itself."""
    if anchor.pos_ not in ("VERB", "AUX") and anchor.dep_ in ("nsubj", "nsubjpass"):
        return [anchor]
    verb = anchor
    if anchor.pos_ not in ("VERB", "AUX") and anchor.dep_ in ("dobj", "obj") and anchor.head.pos_ in ("VERB", "AUX"):
        verb = anchor.head
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    out = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
    out += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return out


def slot_features(anchor: Token, cand: Token, events: frozenset[int] = frozenset()) -> dict[str, float]:
    """Where the candidate lies against the trigger clause's doer slot (``subject_slot``):
    inside it, or outside a slot that is filled by something else — by an event noun
    (``events``: the anchors of the sentence's event words; "The strikes also destroyed 14 of IS
    vehicles": the doer is the strikes' doer, not a mention elsewhere in the sentence)."""
    slot = subject_slot(anchor)
    if not slot:
        return {"slot=empty": 1.0}
    inside = any(cand.i in {t.i for t in s.subtree} for s in slot)
    if inside:
        return {"slot=inside": 1.0}
    feats = {"slot=other": 1.0}  # filled by another phrase: the doer is named there, if anywhere
    if any(s.i in events for s in slot):
        feats["slot_event"] = 1.0
    return feats


def path_features(anchor: Token, cand: Token, *, kind: str, has_country: bool, source: bool,
                  nearest_before: bool, roles: tuple[bool, bool] = (False, False),
                  events: frozenset[int] = frozenset()) -> dict[str, float]:
    """The features of one candidate head token ``cand`` as the doer of the event whose clause
    word is ``anchor`` (same sentence); ``roles``: is the candidate's actor a doer, a recipient
    of another event of the sentence (as the rules read it); ``events``: the anchor tokens of
    the sentence's event words (``slot_features``)."""
    up = _chain(anchor)
    where = {t.i: n for n, t in enumerate(up)}
    side: list[Token] = []
    for tok in _chain(cand):
        if tok.i in where:
            lca, up_t = tok, where[tok.i]
            break
        side.append(tok)
    else:  # pragma: no cover - same sentence: the root is shared
        return {"no_path": 1.0}
    t_side = up[:up_t]
    feats = {
        f"dep={cand.dep_}": 1.0,
        f"up_t={_bucket(up_t)}": 1.0,
        f"up_c={_bucket(len(side))}": 1.0,
        f"t_clause={_bucket(sum(t.dep_ in CLAUSE_DEPS for t in t_side), 2)}": 1.0,
        f"c_clause={_bucket(sum(t.dep_ in CLAUSE_DEPS for t in side), 2)}": 1.0,
        f"c_top={side[-1].dep_ if side else 'self'}": 1.0,
        f"t_top={t_side[-1].dep_ if t_side else 'self'}": 1.0,
        f"lca_pos={lca.pos_}": 1.0,
        f"anchor_pos={anchor.pos_}": 1.0,
        f"kind={kind}": 1.0,
        "before": float(cand.i < anchor.i),
        "country": float(has_country),
        "source": float(source),
        "nearest_before": float(nearest_before),
        "actor_elsewhere": float(roles[0]),
        "recipient_elsewhere": float(roles[1]),
    }
    if SLOT_FEATURES:
        feats.update(slot_features(anchor, cand, events))
    gap = abs(cand.i - anchor.i)
    feats[f"dist={next((str(d) for d in _DISTANCES if gap <= d), 'far')}"] = 1.0
    if cand.dep_ == "pobj":
        feats[f"prep={cand.head.lower_}"] = 1.0
        feats["recipient_prep"] = float(cand.head.lower_ in RECIPIENT_PREPS)
    return feats


@dataclass(frozen=True, slots=True)
class Option:
    """One actor mention of the sentence as a possible doer."""

    actor: str
    token: int  # the mention's head token index
    features: dict[str, float]


def options(cand: Candidate, index: MentionIndex, sources: set[int],
            others: Sequence[Candidate] = ()) -> list[Option]:
    """Every actor mention of the candidate's sentence outside its trigger, with its features; one
    option per actor (the one nearest the trigger). The candidate's own recipients are options
    too (the model learns from them what a target's path looks like); ``choose`` skips them.
    ``others``: the other events of the document (their roles in the same sentence are features)."""
    sent, anchor = cand.sentence, cand.anchor
    doc = anchor.doc
    heads = cand.trigger.heads
    found = [(i, m) for i, m in index.ordered if sent.start <= i < sent.end and i not in heads]
    before = [i for i, _ in found if i < anchor.i]
    nearest = max(before) if before else None
    near = [o for o in others if o is not cand and o.sentence_index == cand.sentence_index]
    doers = {a for o in near for a in o.actors}
    targets = {r for o in near for r in o.recipients}
    events = frozenset(t.anchor.i for o in (cand, *near) for t in (o.trigger, *o.merged))
    best: dict[str, Option] = {}
    for i, m in found:
        feats = path_features(anchor, doc[i], kind=index.kinds.get(m.actor, "other"),
                              has_country=bool(index.countries.get(m.actor)), source=i in sources,
                              nearest_before=i == nearest, roles=(m.actor in doers, m.actor in targets),
                              events=events)
        prior = best.get(m.actor)
        if prior is None or abs(i - anchor.i) < abs(prior.token - anchor.i):
            best[m.actor] = Option(m.actor, i, feats)
    return list(best.values())


@dataclass(frozen=True, slots=True)
class ActorRanker(SparseLogistic):
    """The doer model (weights over ``path_features``, intercept) and the probability at which it
    names an actor."""

    def choose(self, found: list[Option], recipients: Sequence[str] = ()) -> list[str]:
        """The most probable doer that is not one of ``recipients`` (the event's recipients and
        the other actors it may not have: ``barred``), when it reaches the threshold (else none)."""
        scored = [(self.probability(o.features), o.actor) for o in found if o.actor not in recipients]
        if not scored:
            return []
        p, actor = max(scored)
        return [actor] if p >= self.threshold else []

    def fill(self, cands: Sequence[Candidate], index: MentionIndex, sources: Mapping[int, set[int]]) -> None:
        """Give each event without an actor the model's doer (in place). Only events that are
        records already (a recipient or a place: ``assemble.is_record``): which words are events
        is not the doer model's to decide. ``sources``: the source tokens of the reporting
        clauses, by sentence start token. The roles of the other events are read as the rules
        left them (all choices first, then assigned)."""
        chosen = [(c, self.choose(options(c, index, sources.get(c.sentence.start, set()), cands), barred(c, index)))
                  for c in cands if not c.actors and is_record(c)]
        for cand, actors in chosen:
            if actors:
                cand.actors = actors


def barred(cand: Candidate, index: MentionIndex) -> list[str]:
    """Actors the model may not name as the event's doer: its recipients and, for an event of
    force, the kinds that do not use it (``arguments.NON_COMBATANT_KINDS``: a news agency or the
    Observatory named in the sentence tells of the attack). The source an event is attributed to
    is not barred as such: "the army said it shelled …" names its own act (barring it cost the
    PLOVER tune cross-validation one doer)."""
    out = list(cand.recipients)
    if cand.category in VIOLENT:
        out += [a for a, kind in index.kinds.items() if kind in NON_COMBATANT_KINDS]
    return out


def load_actor_ranker(path: Path | None = None) -> ActorRanker | None:
    """The shipped model, or None (logged) when its file is missing: the rules decide alone."""
    return ActorRanker.load(path or MODEL_PATH, without="actor rules only")
