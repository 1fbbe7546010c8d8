"""FA-KES hand-coded events, tune half: the report's source given as a party of the event it reports (issue 13, branch events67).

A predicted actor or recipient is **the report's source** when the sentence holds an attribution
covering the event (``attribution.sentence_attributions``: "…, the Observatory said", "according to
SANA", "Activists said that …", a next sentence that is only an attribution) and every mention of
the party in the sentence lies inside that attribution's source phrase
(``attribution.source_parties``: the party is not also a doer or target named in the clause).

Each such party is counted by role, by outcome — ``right`` (it pairs with a gold party of the same
role: a source can be a party, a ministry reporting its own strike), ``wrong`` (matched event, no
such gold party), ``unmatched`` (the event matches no gold event) — and by the component that gave
it, read by instrumenting the stage (nothing in its output changes):

* ``ranker``: the learned doer model (``Candidate.ranked_actor``);
* ``context``: carried from the same incident told before (``assemble.from_context``);
* ``learned recipient``: the learned recipient model (``recipient_model``);
* ``territory``: a state recipient from a place of the sentence (``territory.place_recipients``);
* ``parse rule``: the argument rules of the sentence (``arguments``, ``descriptors``, victims).

Reads the tune half only (all waves of ``events_side_missing.WAVES``); the switch
``attribution.SOURCE_NOT_PARTY`` must be off (as shipped) for the census. ``--show`` prints each case.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_source_parties.py
[--show]``. Writes ``benchmarks/results/events_source_parties.json``.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from typing import Any, NamedTuple

from common import REPO, fakes_csv  # noqa: E402  (puts the repository's src on sys.path)
from events_actor_misses import GOLD  # noqa: E402
from events_recipient_misses import tune_wave_by_document  # noqa: E402

from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.evaluation.runner import GoldText  # noqa: E402
from sitrep.stages.events import attribution  # noqa: E402
from sitrep.stages.events import stage as events_stage  # noqa: E402
from sitrep.stages.events.article_scorer import (  # noqa: E402
    _pairs,
    match_events,
    read_article_gold,
    read_texts,
)

OUT = REPO / "benchmarks" / "results" / "events_source_parties.json"


class SourceParty(NamedTuple):
    """One predicted party that is only its event's report source, with the component that gave it."""

    event: str
    role: str
    actor: str
    component: str


def instrument() -> dict[str, list[SourceParty]]:
    """Wrap the events stage so that every exported event's source-only parties are recorded (by
    event id), with their component. Returns the dict the wrapped stage fills."""
    attribution.RECORD_SOURCES = True  # the census reads every candidate's source phrases
    found: dict[str, list[SourceParty]] = defaultdict(list)
    before: dict[int, tuple[list[str], list[str]]] = {}
    learned: dict[int, set[str]] = {}
    stage_cls = events_stage.EventStage
    plain_context, plain_learned, plain_event = events_stage.from_context, stage_cls._learned_recipients, stage_cls._event

    def context_spy(cands: list[Any], **kw: Any) -> None:
        for c in cands:
            before[id(c)] = (list(c.actors), list(c.recipients))
        plain_context(cands, **kw)

    def learned_spy(self: Any, context: Any, kept: list[Any]) -> None:
        snap = {id(c): set(c.recipients) for c in kept}
        plain_learned(self, context, kept)
        for c in kept:
            learned[id(c)] = set(c.recipients) - snap[id(c)]

    def event_spy(self: Any, context: Any, cand: Any, extra: Any) -> Any:
        event = plain_event(self, context, cand, extra)
        own_actors, own_recipients = before.get(id(cand), (cand.actors, cand.recipients))
        only = attribution.source_parties(cand, context.index, [*event.actors, *event.recipients])
        for role, ids in (("actor", event.actors), ("recipient", event.recipients)):
            for a in ids:
                if a in only:
                    found[event.id].append(SourceParty(event.id, role, a, _component(
                        cand, role, a, own_actors, own_recipients, learned.get(id(cand), set()))))
        return event

    events_stage.from_context = context_spy  # type: ignore[assignment]
    stage_cls._learned_recipients = learned_spy  # type: ignore[method-assign]
    stage_cls._event = event_spy  # type: ignore[method-assign]
    return found


def _component(cand: Any, role: str, actor: str, own_actors: list[str], own_recipients: list[str],
               learned: set[str]) -> str:
    if role == "actor":
        if cand.ranked_actor:
            return "ranker"
        return "parse rule" if actor in own_actors else "context"
    if actor in learned:
        return "learned recipient"
    if actor not in cand.recipients:
        return "territory"
    return "parse rule" if actor in own_recipients else "context"


def census(show: bool) -> dict[str, Any]:
    """Run the tune half instrumented and count the source-only parties (the module's classes)."""
    if attribution.SOURCE_NOT_PARTY:
        raise SystemExit("the census reads the shipped pipeline: attribution.SOURCE_NOT_PARTY must be off")
    found = instrument()
    articles = read_article_gold(GOLD, split="tune")
    texts = read_texts(articles, fakes_csv())
    run = run_documents(build_for(get_task("events")),
                        [GoldText(a.document, t, a.published) for a, t in zip(articles, texts, strict=True)])
    wave = tune_wave_by_document()
    tally: Counter[str] = Counter()
    per_wave: dict[str, Counter[str]] = defaultdict(Counter)
    predicted = 0
    for art, text, an in zip(articles, texts, run.analyses, strict=True):
        actors = {a.id: a for a in an.actors}
        spans: dict[str, list[tuple[int, int]]] = {}
        for mention in an.mentions:
            spans.setdefault(mention.actor, []).append((mention.start, mention.end))
        gold_of = {p.id: g for g, p in match_events(art.events, an.events)}
        for ev in an.events:
            predicted += len(ev.actors) + len(ev.recipients)
            for sp in found.get(ev.id, []):
                g = gold_of.get(ev.id)
                gold_role = (g.actors if sp.role == "actor" else g.recipients) if g is not None else ()
                outcome = "unmatched" if g is None else ("right" if _pairs([sp.actor], gold_role, actors, spans)
                                                         else "wrong")
                key = f"{sp.role} / {outcome} / {sp.component}"
                tally[key] += 1
                per_wave[outcome][str(wave[art.document])] += 1
                if show:
                    name = actors[sp.actor].name if sp.actor in actors else sp.actor
                    s0 = ev.evidence.start
                    print(f"{key} {art.document} {ev.category} {ev.trigger!r} P={name} "
                          f"G={[e.text for e in gold_role]}\n    {text[s0:ev.evidence.end][:260]!r}")
    by_outcome: Counter[str] = Counter()
    for key, n in tally.items():
        role, outcome, _ = key.split(" / ")
        by_outcome[f"{role} / {outcome}"] += n
    return {"articles": len(articles), "predicted_parties": predicted, "classes": dict(sorted(tally.items())),
            "by_outcome": dict(sorted(by_outcome.items())),
            "per_wave": {k: dict(sorted(v.items(), key=lambda p: int(p[0]))) for k, v in per_wave.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print every case with its sentence")
    result = census(parser.parse_args().show)
    print(json.dumps({k: v for k, v in result.items()}, indent=1))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
