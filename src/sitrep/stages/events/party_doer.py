"""A learned check of each doer an event ends with: is it a party of this event? (issue 13, actors;
branch events37).

The events stage's doers come from the parse (``arguments``), from the sentences around
(``assemble.from_context``), from the learned doer model (``ranker``) and from the descriptions of
unnamed attackers (``descriptors``). On the FA-KES tune half, a third of the actor misses whose doer
has no mention in the event's sentence are doers carried in where the coder gave none (a monitor's
report of a toll with no attacker, a strike told only by the areas it hit), and some doers are not
parties at all (a name the recogniser cut from a date or a web page).

``doer_features`` describes one (event, doer) pair from the analysis alone — no word lists: whether
the doer has a mention in the event's sentence (or was carried in) or none in the document (a
generic the stage named), the actor's kind and whether the knowledge base knows it, how its
mentions were resolved, the shape of its mention (capitals, digits, length), how often the
document mentions it and how often it is a doer of the document's events, the event's category,
status and mode, whether it is attributed to a source, how many sentences back a carried doer was
last named, its other doers and other arguments. ``PartyDoerModel`` (a ``SparseLogistic``) gives the
probability that the coder would give that doer; ``drop_unlikely`` removes the doers below the
model's threshold and drops an event left with no actor, recipient or place (the record rule).

Fitted by ``scripts/train_party_doer.py`` on the FA-KES **tune** half only (labels: the doer pairs
with one of the coder's doers of the matched event, the scorer's test); the threshold is chosen
there on the training rows. ``PARTY_DOERS`` is the named switch, **off by default**:
``benchmarks/events_party_doers.py`` measures it leave one wave out.
"""

from __future__ import annotations

import bisect
import dataclasses
import logging
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ...records import Actor, Analysis, Event, Mention
from ...sparse_model import SparseLogistic

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).resolve().parents[2] / "models" / "party_doer.json"
#: the named switch: the events stage drops the doers the model finds unlikely (off by default)
PARTY_DOERS = False


def _bucket(value: int, top: int = 3) -> str:
    return str(min(value, top))


def _shape(text: str) -> str:
    """The capitalisation shape of a mention: ``upper`` (all capitals), ``title`` (every word
    capitalised), ``mixed`` (some), ``lower``."""
    words = [w for w in text.split() if any(ch.isalpha() for ch in w)]
    if not words:
        return "none"
    if all(w.isupper() for w in words):
        return "upper"
    caps = sum(w[0].isupper() for w in words)
    return "title" if caps == len(words) else "mixed" if caps else "lower"


@dataclass(frozen=True, slots=True)
class DoerContext:
    """What the features need of a document: its actors by id, each actor's mentions, and how many
    of the document's events name each actor as a doer."""

    actors: Mapping[str, Actor]
    mentions: Mapping[str, Sequence[Mention]]
    doer_counts: Mapping[str, int]
    n_events: int
    #: the start offsets of the document's sentences, in order
    sentence_starts: Sequence[int] = ()

    def sentence(self, offset: int) -> int:
        """The index of the sentence holding ``offset`` (0 without sentences)."""
        return max(bisect.bisect_right(self.sentence_starts, offset) - 1, 0)

    @classmethod
    def of(cls, analysis: Analysis, events: Sequence[Event] | None = None) -> DoerContext:
        events = analysis.events if events is None else events
        mentions: dict[str, list[Mention]] = {}
        for m in analysis.mentions:
            mentions.setdefault(m.actor, []).append(m)
        counts = Counter(a for e in events for a in dict.fromkeys(e.actors))
        return cls({a.id: a for a in analysis.actors}, mentions, counts, len(events),
                   [x.start for x in analysis.sentences])


def doer_features(event: Event, actor_id: str, context: DoerContext) -> dict[str, float]:
    """The features of the doer ``actor_id`` of ``event`` (the module's list)."""
    actor = context.actors.get(actor_id)
    kind = actor.kind if actor is not None else "unknown"
    mentions = list(context.mentions.get(actor_id, ()))
    own = [m for m in mentions if event.evidence.start <= m.start < event.evidence.end]
    where = "own" if own else "carried" if mentions else "mentionless"
    feats: dict[str, float] = {f"where={where}": 1.0, f"kind={kind}": 1.0, f"where_kind={where}:{kind}": 1.0,
                               f"category={event.category}": 1.0, f"where_category={where}:{event.category}": 1.0,
                               f"status={event.status}": 1.0, f"doers={_bucket(len(event.actors))}": 1.0,
                               f"doc_mentions={_bucket(len(mentions))}": 1.0}
    if actor is not None and actor.provisional:
        feats["provisional"] = 1.0
    if actor is not None and actor.wikidata:
        feats["wikidata"] = 1.0
    if actor is not None and actor.country:
        feats["has_country"] = 1.0
    for method in {m.method for m in (own or mentions)}:
        feats[f"method={method}"] = 1.0
    near = min(own or mentions, key=lambda m: abs(m.start - (event.trigger_start or event.evidence.start)), default=None)
    if near is not None:
        feats[f"shape={_shape(near.text)}"] = 1.0
        feats[f"tokens={_bucket(len(near.text.split()))}"] = 1.0
        if any(ch.isdigit() for ch in near.text):
            feats["digit"] = 1.0
    share = context.doer_counts.get(actor_id, 0) / max(context.n_events, 1)
    feats[f"doer_share={'high' if share >= 0.3 else 'mid' if share >= 0.1 else 'low'}"] = 1.0
    feats[f"doer_events={_bucket(context.doer_counts.get(actor_id, 0))}"] = 1.0
    if where == "carried":
        # how far the doer was carried: sentences back to its nearest earlier mention (or ahead)
        here = context.sentence(event.evidence.start)
        back = [here - context.sentence(m.start) for m in mentions if m.start < event.evidence.start]
        feats[f"carried_back={_bucket(min(back))}" if back else "carried_ahead"] = 1.0
    if event.mode:
        feats[f"mode={event.mode}"] = 1.0
    if event.attributed_to is not None:
        feats["attributed"] = 1.0
    if event.recipients:
        feats["has_recipient"] = 1.0
    if event.place is not None:
        feats["has_place"] = 1.0
    return feats


def doer_rows(analysis: Analysis) -> Iterator[tuple[Event, str, dict[str, float]]]:
    """Every (event, doer, features) of the analysis's events."""
    context = DoerContext.of(analysis)
    for event in analysis.events:
        for actor_id in event.actors:
            yield event, actor_id, doer_features(event, actor_id, context)


class PartyDoerModel(SparseLogistic):
    """The probability that a doer is one the coder gives the event; below ``threshold`` it goes."""

    def keeps(self, feats: Mapping[str, float]) -> bool:
        return self.probability(feats) >= self.threshold


def load_party_model(path: Path | None = None) -> PartyDoerModel | None:
    return PartyDoerModel.load(path or MODEL_PATH, without="the events stage keeps every doer")


def drop_unlikely(analysis: Analysis, model: PartyDoerModel) -> Analysis:
    """The analysis with each event's doers that ``model`` finds unlikely removed; an event left
    with no actor, recipient or place is no record and goes (``assemble.is_record``)."""
    context = DoerContext.of(analysis)
    events = []
    for event in analysis.events:
        kept = [a for a in event.actors if model.keeps(doer_features(event, a, context))]
        if kept == event.actors:
            events.append(event)
        elif kept or event.recipients or event.place is not None:
            events.append(dataclasses.replace(event, actors=kept))
    return dataclasses.replace(analysis, events=events)
