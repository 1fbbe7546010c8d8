"""FA-KES hand-coded events, tune half: the actor misses on matched events, by class (issue 13).

For every matched pair of the ``tune`` half whose actors are not right, one class (the first
that applies, in this order):

* ``other trigger``: the predicted event matched to the gold one (same category, same sentence)
  has another trigger: its roles are another event's (an event recognition miss, not a role one);
* ``swap``: a predicted actor is a gold recipient, or a predicted recipient the gold actor;
* ``side missing``: sitrep's doers are right but fewer than the coder's (a side of a fight, one
  of two named attackers);
* ``modifier``: the coder's doer is a modifier of the event noun ("US-led air strikes",
  "Russia's bombing", "regime shelling");
* ``pronoun``: the coder's doer in the sentence (or, when the coder took it from the text
  around, the trigger's doer slot: its subject or "by" agent, a noun's possessor) is a pronoun
  ("it launched an assault", "their offensive"): its party is named in an earlier sentence;
* ``described:definite``: the same, a definite description with no name (an anaphor of an
  earlier mention: "the group", "the jihadists");
* ``carried``: the coder took the doer from the text around and the slot is empty (a report
  with no doer: the doer of the incident told before); split by what sitrep gave: ``none``,
  ``wrong``;
* ``outside``: the coder's doer is in the sentence (or there is none) and sitrep's doer has no
  mention in the sentence (sitrep carried one in);
* ``described:other``: the coder's doer is a noun phrase with no proper name that is not
  definite ("regime forces", "a helicopter", "Activists");
* ``other``.

The slot is read from a spaCy parse of the event's sentence (the events stage's pipeline model).
Reads the tune half only (``sitrep eval events`` scores the check half). ``--show`` prints each miss.

Usage: ``SITREP_SHARED=/path/to/shared python benchmarks/events_actor_misses.py [--show]``.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

from common import REPO, fakes_csv  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.evaluation.runner import GoldText  # noqa: E402
from sitrep.nlp import load_nlp  # noqa: E402
from sitrep.records import Actor, Analysis, Event  # noqa: E402
from sitrep.stages.events.article_scorer import (  # noqa: E402
    GoldEvent,
    _pairs,
    match_events,
    read_article_gold,
    read_texts,
)

GOLD = REPO / "benchmarks" / "data" / "fakes_events_gold.jsonl"
#: the dependency labels of a trigger's doer slot (a verb's subject or "by" agent, a noun's possessor)
DOER_DEPS = frozenset({"nsubj", "poss", "agent"})
#: the modifiers of an event noun that can name its doer
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
#: the determiners of a definite description (an anaphor: "the group", "these militants")
DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def _slot(sent, start: int):  # type: ignore[no-untyped-def]
    """The head token of the doer slot of the trigger starting at char ``start`` of the
    sentence ``sent`` (a spaCy span), or None."""
    trig = next((t for t in sent if t.idx <= start < t.idx + len(t.text) + 1), None)
    if trig is None:
        return None
    for child in trig.children:
        if child.dep_ in DOER_DEPS:
            if child.dep_ == "agent":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
            return child
    return None


def _words(sent, lo: int, hi: int) -> list:  # type: ignore[no-untyped-def,type-arg]
    """The tokens of ``sent`` inside the chars [lo, hi) of the sentence."""
    return [t for t in sent if lo <= t.idx < hi]


def _modifier_doer(sent, start: int, gold: GoldEvent, offset: int) -> bool:  # type: ignore[no-untyped-def]
    trig = next((t for t in sent if t.idx <= start < t.idx + len(t.text) + 1), None)
    if trig is None or trig.pos_ != "NOUN":
        return False
    mods = [c for c in trig.children if c.dep_ in MODIFIER_DEPS]
    for m in mods:
        lo = min(t.idx for t in m.subtree) + offset
        hi = max(t.idx + len(t.text) for t in m.subtree) + offset
        if any(g.start < hi and lo < g.end for g in gold.actors):
            return True
    return False


def classify(gold: GoldEvent, pred: Event, actors, spans, text: str, nlp) -> str:  # type: ignore[no-untyped-def]
    """The class of an actor miss on the matched pair (``gold``, ``pred``) (the module's list)."""
    pred_actors, pred_recips = pred.actors, pred.recipients
    start = pred.trigger_start if pred.trigger_start is not None else pred.evidence.start
    end = pred.trigger_end if pred.trigger_end is not None else start + 1
    if not (start < gold.trigger[1] and gold.trigger[0] < end):
        return "other trigger"
    if (_pairs(pred_actors, gold.recipients, actors, spans) or _pairs(pred_recips, gold.actors, actors, spans)):
        return "swap"
    right = _pairs(pred_actors, gold.actors, actors, spans)
    if right and right == len(pred_actors) < len(gold.actors):
        return "side missing"
    s0, s1 = gold.sentence
    sent = nlp(text[s0:s1])[:]
    start = gold.trigger[0] - s0
    if gold.actors and _modifier_doer(sent, start, gold, s0):
        return "modifier"
    own = [_words(sent, g.start - s0, g.end - s0) for g in gold.actors if not g.from_context]
    slot = _slot(sent, start)
    if not own and gold.actors and slot is not None:
        own = [list(slot.subtree)]
    for words in own:
        if words and all(t.pos_ == "PRON" for t in words if t.pos_ not in ("DET", "PUNCT")):
            return "pronoun"
        if words and not any(t.pos_ == "PROPN" or t.ent_type_ for t in words) and words[-1].pos_ == "NOUN" \
                and words[0].lower_ in DEFINITE:
            return "described:definite"
    if gold.actors and all(a.from_context for a in gold.actors):
        return "carried:" + ("none" if not pred_actors else "wrong")
    inside = any(s0 <= st < s1 for a in pred_actors for st, _ in spans.get(a, []))
    if pred_actors and not inside:
        return "outside"
    if any(words and not any(t.pos_ == "PROPN" for t in words) for words in own):
        return "described:other"
    return "other"


class TuneMatch(NamedTuple):
    """One matched (gold, predicted) event pair of the tune half, with its article's analysis."""

    document: str
    #: the article's text (the gold's coordinates)
    text: str
    analysis: Analysis
    #: the analysis's actors by id, and each actor's mention spans
    actors: dict[str, Actor]
    spans: dict[str, list[tuple[int, int]]]
    gold: GoldEvent
    predicted: Event
    #: sitrep's doers are exactly the coder's
    right: bool

    @property
    def same_trigger(self) -> bool:
        """Whether sitrep's event sits on the coder's trigger words (else the match is another
        trigger's event: a recognition question, not a roles one)."""
        p = self.predicted
        start = p.trigger_start if p.trigger_start is not None else p.evidence.start
        end = p.trigger_end if p.trigger_end is not None else start + 1
        return start < self.gold.trigger[1] and self.gold.trigger[0] < end


def tune_matches() -> Iterator[TuneMatch]:
    """Run the events task over the gold's tune half and yield every matched pair (the loop this
    script, ``events_other_trigger.py`` and ``events_context_actors.py`` share). The run happens
    at the first ``next``, so a caller may instrument the stage before it iterates."""
    articles = read_article_gold(GOLD, split="tune")
    texts = read_texts(articles, fakes_csv())
    run = run_documents(build_for(get_task("events")),
                        [GoldText(a.document, t, a.published) for a, t in zip(articles, texts, strict=True)])
    for art, text, an in zip(articles, texts, run.analyses, strict=True):
        actors = {a.id: a for a in an.actors}
        spans: dict[str, list[tuple[int, int]]] = {}
        for mention in an.mentions:
            spans.setdefault(mention.actor, []).append((mention.start, mention.end))
        for g, p in match_events(art.events, an.events):
            right = _pairs(p.actors, g.actors, actors, spans) == len(p.actors) == len(g.actors)
            yield TuneMatch(art.document, text, an, actors, spans, g, p, right)


def names(ids: list[str], actors: dict[str, Actor]) -> list[str]:
    """The actors' names (an id the analysis does not know stays as it is)."""
    return [actors[a].name if a in actors else a for a in ids]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print every miss with its sentence")
    args = parser.parse_args()
    nlp = load_nlp()
    tally: Counter[str] = Counter()
    matched = 0
    for m in tune_matches():
        matched += 1
        if m.right:
            continue
        g, p, text = m.gold, m.predicted, m.text
        cls = classify(g, p, m.actors, m.spans, text, nlp)
        tally[cls] += 1
        if args.show:
            print(f"{cls} {m.document} {text[g.trigger[0]:g.trigger[1]]!r} G={[e.text for e in g.actors]} "
                  f"S={names(p.actors, m.actors)} R={names(p.recipients, m.actors)} "
                  f"GR={[e.text for e in g.recipients]}\n    {text[g.sentence[0]:g.sentence[1]][:260]!r}")
    print(f"matched {matched}, actor misses {sum(tally.values())}")
    for key, n in tally.most_common():
        print(key, n)


if __name__ == "__main__":
    main()
