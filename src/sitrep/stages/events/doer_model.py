"""A learned doer for an event the rules leave without one (issue 13, branch events66).

Built the way the learned recipient is (``recipient_model``): after the parse rules, the described
doers, the context rule and the PLOVER-fitted ranker (``ranker``) have had their say, an event that
is a record and still has no doer is offered every actor mention of its sentence that is not one
of its recipients (one per actor, the nearest to the trigger). A logistic model scores each by the
same parse features the recipient model reads (``recipient_model.features``: the dependency path
to the trigger and what its top is, the preposition it hangs on, voice, kind, category, side,
distance, fight) and the event takes the best party when its probability reaches the model's
threshold. The territory recipients a doer would open (``EventStage._event``: a state's own place)
stay closed for a learned doer (``Candidate.learned_doer``), so the doer is the model's only change.

The weights and the threshold are fitted on the FA-KES tune half only by
``benchmarks/events_doer_model.py`` (the threshold chosen by leave one wave out inside the
training waves), which writes ``data/doer_model.json``. ``LEARNED_DOERS`` switches the reading on.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .recipient_model import RecipientCandidate, RecipientModel, features

if TYPE_CHECKING:
    from spacy.tokens import Span

    from .arguments import MentionIndex
    from .triggers import Trigger

#: the switch: off unless the study (``benchmarks/events_doer_model.py``) passes the bar written in
#: ``docs/benchmarks.md`` (``events66``) before its run
LEARNED_DOERS = False
MODEL_FILE = Path(__file__).with_name("data") / "doer_model.json"
#: a party offered as an event's doer: its actor id, head token and features (the recipient's type)
DoerCandidate = RecipientCandidate
#: the doer model has the recipient model's form (logistic weights, intercept, threshold; no gate)
DoerModel = RecipientModel


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_FILE) -> DoerModel | None:
    """The shipped model, or None when its file is absent."""
    if not path.exists():
        return None
    return DoerModel.from_json(json.loads(path.read_text(encoding="utf-8")))


def candidates(trig: Trigger, sent: Span, category: str, recipients: Iterable[str],
               index: MentionIndex) -> list[DoerCandidate]:
    """Every actor mention of the sentence that is none of the event's recipients and not the
    trigger itself, one per actor (the nearest to the trigger), with the features of
    ``recipient_model.features`` prefixed ``d:`` (the party as a doer)."""
    barred = set(recipients)
    anchor = trig.anchor.i
    out: dict[str, DoerCandidate] = {}
    for head_i, mention in index.ordered:
        if not sent.start <= head_i < sent.end or mention.actor in barred or head_i in trig.heads:
            continue
        head = sent.doc[head_i]
        kind = index.kinds.get(mention.actor) or "unknown"
        cand = DoerCandidate(mention.actor, head_i, tuple(f"d:{f}" for f in features(head, trig, category, kind)))
        known = out.get(mention.actor)
        if known is None or abs(head_i - anchor) < abs(known.token - anchor):
            out[mention.actor] = cand
    return sorted(out.values(), key=lambda c: c.token)


#: for the study (``benchmarks/events_doer_model.py``): called with each event id and the candidates
#: of an event left without a doer, whether or not the switch is on
RECORDER: Callable[[str, list[DoerCandidate]], None] | None = None
