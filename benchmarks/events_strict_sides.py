"""The strict actor figure and the "side missing" actor misses resolved (issue 13, branch events48).

Two readings of one run of the FA-KES events gold's ``tune`` half (main's code, switches as shipped):

1. **Strict actors.** ``sitrep eval events`` counts an event's actors right when the predicted
   and gold lists pair one to one, a pair made by an overlapping span, the same name, or the
   same country and a compatible sector (``article_scorer.same_entity``). The strict figure
   (``actor_strict_accuracy``) asks the resolved identity to agree as well
   (``article_scorer.identity_miss``). For the events right by the first figure and wrong by the
   second, the reason (the first disagreeing pair's): ``name`` (the coder names another party),
   ``sector``, ``country``; and how that pair was credited (``span`` alone, or ``identity``).
2. **Side missing.** The matched events of the class ``side missing`` of
   ``events_actor_misses.classify`` (sitrep's doers right but fewer than the coder's). For each
   gold side sitrep does not give: whether the document holds an actor of that identity
   (``identity_miss`` agrees, or a mention overlaps the coder's span) with a mention **in the
   event's sentence**, only **elsewhere**, or **not found**; and the event's reciprocal frame
   (``events_reciprocal_frame.reciprocal_frame`` on a parse of the sentence: ``between``, ``with``,
   ``against``, ``coordinated`` subjects, ``fight`` with no side phrase, or ``none`` — no fight
   word); whether the frame's side phrases hold the missed party's mention.

Reads the tune half only. ``--show`` prints each miss (the sentence is not printed: the corpus
stays out of the repository's outputs; the listing names the trigger and the parties).

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_strict_sides.py
[--show]`` (one run of the tune half). Writes ``benchmarks/results/events_strict_sides.json``.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from typing import Any

from common import REPO  # noqa: E402  (puts the repository's src on sys.path)
from events_actor_misses import classify, names, tune_matches  # noqa: E402
from events_reciprocal_frame import phrase_tokens, reciprocal_frame  # noqa: E402

from sitrep.nlp import load_nlp  # noqa: E402
from sitrep.records import Actor  # noqa: E402
from sitrep.stages.events.article_scorer import (  # noqa: E402
    GoldEntity,
    _pairs,
    identity_miss,
    same_entity,
    same_identity,
)

OUT = REPO / "benchmarks" / "results" / "events_strict_sides.json"
Span = tuple[int, int]


def drop_reason(pred: list[str], gold: tuple[GoldEntity, ...], actors: dict[str, Actor],
                spans: dict[str, list[Span]]) -> str:
    """Why a list right by ``same_entity`` is not right by ``same_identity``: the first pair (in the
    scorer's greedy order) whose identity disagrees, as ``reason/credit``."""
    used: set[int] = set()
    for actor_id in pred:
        actor = actors.get(actor_id)
        if actor is None:
            continue
        for gi, g in enumerate(gold):
            if gi in used or not same_entity(actor, spans.get(actor_id, []), g):
                continue
            used.add(gi)
            reason = identity_miss(actor, g)
            if reason is not None:
                credit = "identity" if same_entity(actor, [], g) else "span"
                return f"{reason}/{credit}"
            break
    return "order"  # the greedy pairing differs, every pair agreeing


def where(g: GoldEntity, sentence: Span, actors: dict[str, Actor], spans: dict[str, list[Span]]) -> tuple[str, str]:
    """Where the document holds the missed gold party: (same sentence | elsewhere | not found, actor id)."""
    found = [a for a in actors.values()
             if identity_miss(a, g) is None or any(s < g.end and g.start < e for s, e in spans.get(a.id, []))]
    inside = [a for a in found if any(sentence[0] <= s < sentence[1] for s, _ in spans.get(a.id, []))]
    if inside:
        return "same sentence", inside[0].id
    if found:
        return "elsewhere", found[0].id
    return "not found", ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print each strict drop and side-missing miss")
    args = parser.parse_args()
    nlp = load_nlp()
    matched = loose = strict = 0
    drops: Counter[str] = Counter()
    sides: Counter[tuple[str, str]] = Counter()
    in_phrase: Counter[str] = Counter()
    rows: list[dict[str, Any]] = []
    for m in tune_matches():
        matched += 1
        g, p = m.gold, m.predicted
        strict_right = _pairs(p.actors, g.actors, m.actors, m.spans, same_identity) == len(p.actors) == len(g.actors)
        loose += m.right
        strict += strict_right
        if m.right and not strict_right:
            reason = drop_reason(p.actors, g.actors, m.actors, m.spans)
            drops[reason] += 1
            if args.show:
                print(f"strict drop {reason} {m.document} {m.text[g.trigger[0]:g.trigger[1]]!r} "
                      f"G={[(e.text, e.name, e.country, e.sector) for e in g.actors]} S={names(p.actors, m.actors)}")
        if m.right or classify(g, p, m.actors, m.spans, m.text, nlp) != "side missing":
            continue
        s0, s1 = g.sentence
        sent = nlp(m.text[s0:s1])
        trig = next((t for t in sent if t.idx <= g.trigger[0] - s0 < t.idx + len(t.text)), None)
        frame = reciprocal_frame(trig) if trig is not None else None
        kind = frame.kind if frame is not None else "none"
        paired: set[int] = set()
        for actor_id in p.actors:
            actor = m.actors.get(actor_id)
            for gi, ge in enumerate(g.actors):
                if actor is not None and gi not in paired and same_entity(actor, m.spans.get(actor_id, []), ge):
                    paired.add(gi)
                    break
        for gi, ge in enumerate(g.actors):
            if gi in paired:
                continue
            place, actor_id = where(ge, g.sentence, m.actors, m.spans)
            sides[(place, kind)] += 1
            held = frame is not None and any(
                ge.start < s0 + t.idx + len(t.text) and s0 + t.idx < ge.end
                for side in frame.sides for t in phrase_tokens(side))
            in_phrase[f"{kind}: {'in a side phrase' if held else 'not in a side phrase'}"] += 1
            rows.append({"document": m.document, "event": g.id, "frame": kind, "where": place,
                         "in_side_phrase": held, "gold": [ge.name, ge.country, ge.sector],
                         "document_actor": actor_id, "sitrep": names(p.actors, m.actors)})
            if args.show:
                print(f"side missing {m.document} {g.id} {m.text[g.trigger[0]:g.trigger[1]]!r} frame={kind} "
                      f"where={place} in_phrase={held} gold={ge.text!r} ({ge.name}, {ge.country}, {ge.sector}) "
                      f"doc actor={actor_id} sitrep={names(p.actors, m.actors)}")
    result = {"matched": matched, "actor_right": loose, "actor_strict_right": strict,
              "actor_accuracy": round(loose / matched, 4), "actor_strict_accuracy": round(strict / matched, 4),
              "strict_drops": dict(drops.most_common()),
              "side_missing_sides": {f"{w} / {k}": n for (w, k), n in sides.most_common()},
              "side_missing_in_side_phrase": dict(in_phrase.most_common()), "side_missing_rows": rows}
    print(json.dumps({k: v for k, v in result.items() if k != "side_missing_rows"}, indent=1))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
