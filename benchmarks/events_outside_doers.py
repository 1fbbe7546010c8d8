"""The "outside" actor misses split by where the carried doer comes from (issue 13, branch events44).

``events_actor_misses.py`` (branch events42, 134 tune articles) counts 39 "outside" misses: sitrep
gives an event a doer with no mention in the event's sentence while the coder's doer is a
described noun of the sentence itself, or there is none. This study splits them, on the tune
half only, by

* **the source** of sitrep's doer, read from the stage's own decisions (instrumented, not guessed
  from strings): ``context`` (``assemble.from_context`` filled it: the same incident told before),
  with what the event held before the carry (``was-unidentified``: the generic unidentified
  attacker read from a described noun of the sentence, replaced under the context rule's
  ``replace_unidentified``; ``was-empty``: nothing); ``ranker`` (the learned doer model,
  ``ranker.fill``); ``arguments`` (the role readings themselves: a pronoun's or an anaphor's
  antecedent, a headline reparse, a claim);
* **what the sentence holds instead**: ``none`` (the coder gives no doer), ``described`` (the
  coder's doer is a noun phrase of the sentence with no proper name: "a suicide bomber",
  "helicopters"), split by whether that noun stands in the trigger's doer slot (its subject or
  "by" agent, a noun's possessor: ``in-slot``) or elsewhere; ``named`` (a name of the sentence).

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_outside_doers.py [--show]``
(one run of the tune half). Writes ``benchmarks/results/events_outside_doers.json``.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from typing import Any

from common import REPO  # noqa: E402  (puts the repository's src on sys.path)
from events_actor_misses import _slot, _words, classify, names, tune_matches  # noqa: E402

from sitrep.nlp import load_nlp  # noqa: E402
from sitrep.stages.events import stage as events_stage  # noqa: E402
from sitrep.stages.events.ranker import ActorRanker  # noqa: E402

OUT = REPO / "benchmarks" / "results" / "events_outside_doers.json"


def instrument() -> dict[tuple[str, int | None, str], dict[str, Any]]:
    """Wrap the stage's context rule, doer model and event builder so that every exported event's
    doer source is recorded, keyed by (document id, trigger start, category)."""
    before: dict[int, list[str]] = {}
    ranked: dict[int, Any] = {}  # id -> candidate the doer model gave its actors (kept alive: ids stay unique)
    seen: dict[tuple[str, int | None, str], dict[str, Any]] = {}
    original_context = events_stage.from_context
    original_event = events_stage.EventStage._event
    original_fill = ActorRanker.fill

    def fill(self, cands, index, sources):  # type: ignore[no-untyped-def]
        empty = [c for c in cands if not c.actors]
        original_fill(self, cands, index, sources)
        ranked.update((id(c), c) for c in empty if c.actors)

    def from_context(merged, **kw):  # type: ignore[no-untyped-def]
        for c in merged:
            before[id(c)] = list(c.actors)
        return original_context(merged, **kw)

    def _event(self, context, cand, extra):  # type: ignore[no-untyped-def]
        ev = original_event(self, context, cand, extra)
        if ev is not None:
            source = ("context" if cand.context_actors else "ranker" if id(cand) in ranked else "arguments")
            seen[(ev.document, ev.trigger_start, ev.category)] = {
                "source": source, "before": before.get(id(cand), []), "actors": list(cand.actors)}
        return ev

    events_stage.from_context = from_context  # type: ignore[assignment]
    events_stage.EventStage._event = _event  # type: ignore[method-assign]
    ActorRanker.fill = fill  # type: ignore[method-assign]
    return seen


def sentence_holds(gold, text: str, nlp) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """What the gold event's sentence holds as its doer: (kind, words)."""
    if not gold.actors:
        return "none", ""
    own = [g for g in gold.actors if not g.from_context]
    if not own:
        return "from-context", ""
    s0, s1 = gold.sentence
    sent = nlp(text[s0:s1])[:]
    slot = _slot(sent, gold.trigger[0] - s0)
    for g in own:
        words = _words(sent, g.start - s0, g.end - s0)
        if words and not any(t.pos_ == "PROPN" for t in words):
            in_slot = slot is not None and any(t.i == slot.i for t in words)
            return "described:" + ("in-slot" if in_slot else "elsewhere"), g.text
    return "named", own[0].text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print every outside miss")
    args = parser.parse_args()
    seen = instrument()
    nlp = load_nlp()
    tally: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    holds: Counter[str] = Counter()
    rows = []
    matched = misses = 0
    for m in tune_matches():
        matched += 1
        if m.right:
            continue
        misses += 1
        g, p = m.gold, m.predicted
        if classify(g, p, m.actors, m.spans, m.text, nlp) != "outside":
            continue
        info = seen.get((p.document, p.trigger_start, p.category), {"source": "unknown", "before": []})
        source = info["source"]
        if source == "context":
            before = info["before"]
            source += ":was-unidentified" if before == ["UAF"] else ":was-empty" if not before else ":was-other"
        kind, words = sentence_holds(g, m.text, nlp)
        sources[source] += 1
        holds[kind] += 1
        tally[f"{source} / {kind}"] += 1
        rows.append({"document": m.document, "source": source, "holds": kind, "gold": words,
                     "sitrep": names(p.actors, m.actors), "trigger": m.text[g.trigger[0]:g.trigger[1]]})
        if args.show:
            print(f"{source} / {kind} {m.document} {m.text[g.trigger[0]:g.trigger[1]]!r} G={words!r} "
                  f"S={names(p.actors, m.actors)} before={info['before']}")
    print(f"matched {matched}, actor misses {misses}, outside {sum(sources.values())}")
    for title, counter in (("by source", sources), ("by what the sentence holds", holds), ("crossed", tally)):
        print(title)
        for key, n in counter.most_common():
            print(f"  {key}: {n}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"matched": matched, "actor_misses": misses, "by_source": dict(sources.most_common()),
                               "by_sentence": dict(holds.most_common()), "crossed": dict(tally.most_common())},
                              indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
