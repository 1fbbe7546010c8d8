"""A learned recipient for an event the rules leave without one (issue 13, branch events45).

The parse rules of ``arguments`` read a recipient from the trigger's own arguments. On the FA-KES
tune half the commonest place of the coder's recipient among the misses is **another clause**
of the sentence (the object of a verb the attack noun is subject of — "the strikes left dozens
of people injured", "came under the militants' mortar attack" — the subject of a harm verb, a
party the act was done "from") and, next, a **casualty clause** ("N people were killed in the
shelling"; ``benchmarks/events_recipient_positions.py``). Rather than one more path rule per
shape, a logistic model scores every party the sentence offers — each actor mention, and each
noun of people the victim reader knows (``arguments.is_victim_noun``, as the generic civilians
of ``EventStage._victims``) — by the dependency path from it to the trigger (the labels up to
their common head and down, and what that head is: the trigger, a harm verb, another verb, a
noun), the preposition it hangs on, its kind, the category, the side, the distance and whether
the trigger is a fight (whose sides the guide makes actors, with no recipient). An
event with no recipient takes the best party when its probability reaches the model's
threshold; an event that has one is left alone.

The weights and the threshold are fitted on the tune half only by
``benchmarks/events_recipient_model.py`` (the threshold chosen by cross-validation over the
training waves), which writes ``data/recipient_model.json``. ``LEARNED_RECIPIENTS`` switches the
reading on (on since 2026-12-06 afternoon; the study and the confirmatory test are in
``docs/benchmarks.md``, ``events45`` and ``events49``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .descriptors import is_fight
from .lexicon import HARM_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from .arguments import MentionIndex
    from .triggers import Trigger

#: the switch: on since 2026-12-06 afternoon (``events49``: the frozen design-3 model gained +2 right
#: recipients on the fresh wave 19 with event F1, actors and PLOVER unchanged, the confirmatory bar
#: the lead set before the draw; out of fold over 17 tune waves it had failed the mean > sd bar, 1.94 /
#: 2.05). ``benchmarks/events_recipient_model.py`` measures it and, with ``--write``, fits the model
LEARNED_RECIPIENTS = True
MODEL_FILE = Path(__file__).with_name("data") / "recipient_model.json"
#: longest run of labels kept on either side of the path (longer ones are cut, the cut marked)
PATH_LABELS = 3


@dataclass(frozen=True, slots=True)
class RecipientCandidate:
    """A party the sentence offers as an event's recipient: its actor id, the head token of its
    words (document index) and its features."""

    actor: str
    token: int
    features: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RecipientModel:
    """Logistic weights over string features, an intercept and the decision threshold."""

    weights: dict[str, float] = field(default_factory=dict)
    bias: float = 0.0
    threshold: float = 1.0

    def proba(self, features: Iterable[str]) -> float:
        return _logistic(self.bias + sum(self.weights.get(f, 0.0) for f in features))

    def choose(self, candidates: list[RecipientCandidate]) -> RecipientCandidate | None:
        """The most probable candidate when it reaches the threshold, else None."""
        if not candidates:
            return None
        scored = [(self.proba(c.features), -c.token, c) for c in candidates]
        p, _, best = max(scored, key=lambda s: (s[0], s[1]))
        return best if p >= self.threshold else None

    def to_json(self) -> dict[str, object]:
        return {"bias": self.bias, "threshold": self.threshold, "weights": dict(sorted(self.weights.items()))}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> RecipientModel:
        weights = data.get("weights", {})
        assert isinstance(weights, dict)
        return cls({str(k): float(v) for k, v in weights.items()}, float(str(data.get("bias", 0.0))),
                   float(str(data.get("threshold", 1.0))))


def _logistic(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_FILE) -> RecipientModel | None:
    """The shipped model, or None when its file is absent."""
    if not path.exists():
        return None
    return RecipientModel.from_json(json.loads(path.read_text(encoding="utf-8")))


def _top(common: Token, trig: Trigger) -> str:
    if common.i in trig.heads:
        return "T"
    if common.pos_ in ("VERB", "AUX"):
        return "H" if common.lemma_.lower() in HARM_VERBS else "V"
    if common.pos_ in ("NOUN", "PROPN", "PRON"):
        return "N"
    return "O"


def _labels(labels: list[str]) -> str:
    cut = labels[:PATH_LABELS]
    return ">".join(cut) + ("+" if len(labels) > PATH_LABELS else "")


def features(head: Token, trig: Trigger, category: str, kind: str) -> tuple[str, ...]:
    """The features of the party headed by ``head`` as a recipient of the event of ``trig``."""
    anchor = trig.anchor
    up = [head, *head.ancestors]
    down = [anchor, *anchor.ancestors]
    common = next((t for t in up if t in down), None)
    if common is None:
        path, top, hops = "none", "none", 9
        up_l, down_l = "none", "none"
    else:
        ups = [t.dep_ for t in up[:up.index(common)]]
        downs = [t.dep_ for t in down[:down.index(common)]]
        top = _top(common, trig)
        up_l, down_l = _labels(ups), _labels(downs)
        path, hops = f"{up_l}|{top}|{down_l}", len(ups) + len(downs)
    prep = next((t.head.lower_ for t in up[:4] if t.dep_ == "pobj"), "-")
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in anchor.children)
    gap = abs(head.i - anchor.i)
    dist = "1" if gap <= 1 else "2-3" if gap <= 3 else "4-7" if gap <= 7 else "8+"
    side = "before" if head.i < anchor.i else "after"
    fight = is_fight(trig)
    return (f"path={path}", f"up={up_l}", f"down={down_l}", f"top={top}", f"hops={min(hops, 6)}",
            f"prep={prep}", f"kind={kind}", f"cat={category}", f"cat*kind={category}|{kind}",
            f"cat*top={category}|{top}", f"kind*top={kind}|{top}", f"tk={trig.kind}", f"pass*up={passive}|{up_l}",
            f"side={side}", f"dist={dist}", f"prep*top={prep}|{top}", f"fight={fight}", f"fight*kind={fight}|{kind}")


def candidates(trig: Trigger, sent: Span, category: str, doers: Iterable[str], index: MentionIndex,
               victim: Callable[[Token], str | None]) -> list[RecipientCandidate]:
    """Every party of the sentence that is not one of the event's doers: each actor mention (one
    per actor, the nearest to the trigger) and each noun of people outside a mention (``victim``
    gives its generic actor id, or None when the noun is no victim noun)."""
    doers = set(doers)
    out: dict[str, RecipientCandidate] = {}
    anchor = trig.anchor.i

    def add(actor: str, head: Token, kind: str) -> None:
        if actor in doers or head.i in trig.heads:
            return
        cand = RecipientCandidate(actor, head.i, features(head, trig, category, kind))
        known = out.get(actor)
        if known is None or abs(head.i - anchor) < abs(known.token - anchor):
            out[actor] = cand

    for head_i, mention in index.ordered:
        if sent.start <= head_i < sent.end:
            add(mention.actor, sent.doc[head_i], index.kinds.get(mention.actor) or "unknown")
    for tok in sent:
        if tok.pos_ in ("NOUN", "PROPN") and tok.i not in index.by_token:
            actor = victim(tok)
            if actor is not None:
                add(actor, tok, "victim")
    return sorted(out.values(), key=lambda c: c.token)


#: for a study (``benchmarks/events_recipient_model.py``): called with each event id and the
#: candidates of an event the rules leave without a recipient, whether or not the switch is on
RECORDER: Callable[[str, list[RecipientCandidate]], None] | None = None
