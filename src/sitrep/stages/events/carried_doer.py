"""Which party a carried doer is: a conditional logit over the parties the text offers (issue 13, events76).

The context rule (``assemble.from_context``, ``data/context_rule.json``) decides *whether* an event
that names no doer takes one from the text before; it takes the doers of the nearest earlier event
of its family. With ``USE`` on, that decision stands but *which* party is carried is chosen by a
conditional logit (one softmax over the event's options) among the parties the text offers before
the event: the doers of every earlier event of the article (each party once, within the rule's
window and beyond), the actor mentions of the previous sentences and the doers of the first
sentence (the headline). The features are what the analysis already holds (``option_features``):
sentence distance, same category / family / trigger lemma and the status of the nearest earlier
event the party did, whether that event had this event's place, the party's kind crossed with the
category, how often the document names it, whether it is the first-named party, a recipient of this
event, a source of an attribution, and whether the rule chose it. When the chosen party is one of
the rule's, the rule's doers stay (all of them); else the event takes the chosen party alone. The
chooser never answers "no doer" (decided before measuring: the rule keeps the *whether*).

This differs from the failed readings on this ground: ``party_doer.PARTY_DOERS`` (``events37``) kept
or dropped a given doer; the learned doer of ``events66`` chose among the mentions of the event's
own sentence; the forward readings of ``events34``/``events35`` looked after the event (both removed
by branch prune2, ``docs/benchmarks/pruned.md``). Here the
options are the earlier parties and only the choice among them is learned.

Fitted on the FA-KES tune half only by ``benchmarks/events_carried_doer.py`` (the regularisation
chosen by leave one wave out inside the training waves), which writes ``data/carried_doer.json``.
"""

from __future__ import annotations

import bisect
import json
import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ...versioning import content_digest

# the unidentified attacker (never an option) and the categories told of one incident under either
# name, as the context rule reads them
from .assemble import FAMILIES, UNIDENTIFIED

if TYPE_CHECKING:
    from .arguments import MentionIndex
    from .assemble import Candidate

#: the switch: off unless ``benchmarks/events_carried_doer.py`` passes the bar written in
#: ``docs/benchmarks.md`` (``events76``) before its run
USE = False
MODEL_FILE = Path(__file__).with_name("data") / "carried_doer.json"
CAP = 5


@dataclass(frozen=True, slots=True)
class CarriedOption:
    """A party a carried event may take as its doer: its actor id and features."""

    actor: str
    features: tuple[str, ...]
    #: one of the doers the context rule carried
    rule: bool


@dataclass(frozen=True, slots=True)
class CarriedModel:
    """Conditional logit weights over string features (no intercept: it cancels in the softmax)."""

    weights: dict[str, float] = field(default_factory=dict)

    def score(self, features: Iterable[str]) -> float:
        return sum(self.weights.get(f, 0.0) for f in features)

    def choose(self, options: Sequence[CarriedOption]) -> CarriedOption | None:
        """The option of highest score (ties: the rule's, then the earlier listed)."""
        if not options:
            return None
        return max(options, key=lambda o: (self.score(o.features), o.rule))

    def probabilities(self, options: Sequence[CarriedOption]) -> list[float]:
        scores = [self.score(o.features) for o in options]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def to_json(self) -> dict[str, object]:
        return {"weights": dict(sorted(self.weights.items()))}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> CarriedModel:
        weights = data.get("weights", {})
        assert isinstance(weights, dict)
        return cls({str(k): float(v) for k, v in weights.items()})


#: set by the study to run a fold's model instead of the shipped file (None: the file)
MODEL: CarriedModel | None = None
#: for the study: called with the document id, each carried event and its options, whether or not
#: the switch is on
RECORDER: Callable[[str, Candidate, list[CarriedOption]], None] | None = None


@lru_cache(maxsize=1)
def _file_model(path: Path = MODEL_FILE) -> CarriedModel | None:
    if not path.exists():
        return None
    return CarriedModel.from_json(json.loads(path.read_text(encoding="utf-8")))


def active_model() -> CarriedModel | None:
    """The study's model when set, else the shipped file's (None when absent)."""
    return MODEL if MODEL is not None else _file_model()


def fingerprint() -> str:
    """What the stage's cache key holds for this reading (the active model's weights)."""
    model = active_model()
    return f";carried-doer:{content_digest(model.to_json()) if model is not None else 'none'}"


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    """What the options' features read of the whole document: sentence starts (token indices), how
    often each actor is named, the first-named actor, and the token indices of attribution sources."""

    starts: list[int]
    counts: Counter[str]
    first: str | None
    source_tokens: frozenset[int]

    @classmethod
    def build(cls, index: MentionIndex, starts: list[int], sources: dict[int, set[int]]) -> DocumentFacts:
        counts = Counter(m.actor for _, m in index.ordered)
        first = index.ordered[0][1].actor if index.ordered else None
        return cls(starts, counts, first, frozenset(t for toks in sources.values() for t in toks))

    def sentence_of(self, token: int) -> int:
        return bisect.bisect_right(self.starts, token) - 1


def _bucket(n: int) -> str:
    return "1" if n <= 1 else "2" if n == 2 else "3-4" if n <= 4 else "5+"


def _event_features(ev: Candidate, prev: Candidate, rank: int) -> list[str]:
    """What the nearest earlier event the party did says of it as this event's doer."""
    same_place = ev.place is not None and prev.place is not None and ev.place.name == prev.place.name
    return ["ev", f"ev_rank={min(rank, 3)}", f"ev_dist={min(ev.sentence_index - prev.sentence_index, CAP)}",
            *(["ev_samecat"] if prev.category == ev.category else []),
            *(["ev_samefam"] if FAMILIES.get(prev.category, prev.category) == FAMILIES.get(ev.category, ev.category) else []),
            *(["ev_samelemma"] if prev.trigger.anchor.lemma_.lower() == ev.trigger.anchor.lemma_.lower() else []),
            f"ev_status={prev.status}", "ev_sameplace" if same_place else "ev_otherplace" if prev.place is not None else "ev_noplace",
            *(["ev_carried"] if prev.context_actors else []), f"ev_cat={prev.category}|{ev.category}"]


def _earlier_doers(ev: Candidate, earlier: Sequence[Candidate]) -> dict[str, list[str]]:
    """Each party that did an earlier event (nearest first), with that event's features."""
    out: dict[str, list[str]] = {}
    for prev in reversed(earlier):
        if prev.sentence_index > ev.sentence_index:
            continue
        for actor in prev.actors:
            if actor != UNIDENTIFIED and actor not in out:
                out[actor] = _event_features(ev, prev, len(out))
                if prev.sentence_index == 0:
                    out[actor].append("head")
    return out


def _mentioned(ev: Candidate, index: MentionIndex, facts: DocumentFacts) -> dict[str, list[str]]:
    """Each party named in a sentence before the event's (nearest mention), with its distance."""
    out: dict[str, list[str]] = {}
    for head_i, mention in reversed(index.ordered):
        if head_i >= ev.sentence.start or mention.actor == UNIDENTIFIED or mention.actor in out:
            continue
        dist = ev.sentence_index - facts.sentence_of(head_i)
        out[mention.actor] = ["men", f"men_dist={min(dist, CAP)}", *(["head"] if facts.sentence_of(head_i) == 0 else [])]
    return out


def _party_features(actor: str, ev: Candidate, index: MentionIndex, facts: DocumentFacts) -> list[str]:
    kind = index.kinds.get(actor) or "unknown"
    heads = [h for h, m in index.ordered if m.actor == actor]
    return [f"kind={kind}", f"kind={kind}|cat={ev.category}", f"count={_bucket(facts.counts.get(actor, 0))}",
            *(["first"] if actor == facts.first else []), *(["recipient"] if actor in ev.recipients else []),
            *(["source"] if any(h in facts.source_tokens for h in heads) else [])]


def options(ev: Candidate, earlier: Sequence[Candidate], index: MentionIndex, facts: DocumentFacts) -> list[CarriedOption]:
    """The parties a carried event may take as its doer, each once (the rule's doers first)."""
    by_event, by_mention = _earlier_doers(ev, earlier), _mentioned(ev, index, facts)
    order = list(dict.fromkeys([*ev.actors, *by_event, *by_mention]))
    out = []
    for actor in order:
        if actor == UNIDENTIFIED:
            continue
        rule = actor in ev.actors
        feats = [*(["rule"] if rule else []), *by_event.get(actor, ["no_ev"]), *by_mention.get(actor, ["no_men"]),
                 *_party_features(actor, ev, index, facts)]
        out.append(CarriedOption(actor, tuple(dict.fromkeys(feats)), rule))
    return out


def rechoose(doc_id: str, events: list[Candidate], index: MentionIndex, facts: DocumentFacts) -> None:
    """For every event whose doers the context rule carried (in order): the chooser's party (in
    place). The rule's doers stay when the chooser picks one of them; else the chosen party alone."""
    model = active_model() if USE else None
    for i, ev in enumerate(events):
        if not ev.context_actors or not ev.actors:
            continue
        found = options(ev, events[:i], index, facts)
        if RECORDER is not None:
            RECORDER(doc_id, ev, found)
        chosen = model.choose(found) if model is not None else None
        if chosen is not None and not chosen.rule:
            ev.actors = [chosen.actor]
