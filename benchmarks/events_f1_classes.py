"""FA-KES hand-coded events, tune half: missed and spurious events by what sits at the coder's word
and why the coder has no event at sitrep's (issue 13, branch events46).

A finer cut of ``events_f1_misses`` (same run, same pairing: ``match_events``), in the classes the
round's brief names. Every unpaired gold event (missed) gets two labels:

* **what sitrep has at the coder's trigger** (first that applies): ``another category on the word``
  (a prediction of another category overlaps the coder's trigger); ``merged mention`` (the
  sentence's prediction of the category went to another gold event, or a candidate of the category
  on the coder's word was merged into another mention); ``an event on another word of the clause``
  (the sentence holds predictions, none of the category, none on the word); ``nothing``;
* **why the coder's word made no event of its category**: ``a filtered status the coder kept`` (a
  candidate of the category on the word survived the merge and was left out, the coder's status is
  not asserted/reported); ``too little support`` (the same, asserted or reported: the record rule's
  roles); ``merged away``; ``a trigger of another category``; ``no trigger: a noun event`` (nothing
  found on the word, the word a noun); ``no trigger: the cue not in the lexicon`` (nothing found, a
  verb or other word).

Every unpaired prediction (spurious), first that applies: ``a second trigger of a matched event``
(a repeat inside a coded sentence); ``another category on a missed gold word``; ``another act in a
coded sentence``; then in an uncoded sentence: ``planned / hypothetical`` (status future or
hypothetical); ``background`` (status historical); ``repeat of an event already coded`` (a gold event
of the category earlier in the article); ``a verbal, non-conflict act`` (a category of speech or
diplomacy); ``a material act the coder did not code``.

Counts per wave of the tune half (``events_side_missing.WAVES``); ``--show`` prints each item.
Writes ``benchmarks/results/events_f1_classes.json`` (counts only). The check half is never read.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_f1_classes.py [--show]``.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from typing import Any

from common import REPO, fakes_csv  # noqa: E402  (puts the repository's src on sys.path)
from events_f1_misses import _overlaps, _span  # noqa: E402
from events_other_trigger import _steps_over, _wrap  # noqa: E402  (the stage's steps, recorded)
from events_side_missing import WAVES, wave_of  # noqa: E402

import sitrep.stages.events.stage as stage_module  # noqa: E402
import sitrep.stages.events.triggers as triggers_module  # noqa: E402
from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.evaluation.runner import GoldText  # noqa: E402
from sitrep.stages.events.article_scorer import (  # noqa: E402
    match_events,
    read_article_gold,
    read_texts,
)

GOLD = REPO / "benchmarks" / "data" / "fakes_events_gold.jsonl"
OUT = REPO / "benchmarks" / "results" / "events_f1_classes.json"
#: PLOVER categories of speech and diplomacy (no material act of the conflict)
VERBAL = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
                    "PROTEST", "SANCTION"})
KEPT_STATUSES = frozenset({"asserted", "reported"})


def _noun_at(doc: Any, start: int, end: int) -> bool:
    """Is the last word of the coder's trigger a noun in sitrep's parse?"""
    if doc is None:
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    return bool(span is not None and len(span) and span[-1].pos_ in ("NOUN", "PROPN"))


def classify_missed(g: Any, preds: list[Any], pairs: list[tuple[Any, Any]], text: str, doc: Any) -> tuple[str, str]:
    """(what sitrep has at the coder's trigger, why the word made no event of its category)."""
    inside = [p for p in preds if g.sentence[0] <= _span(p)[0] < g.sentence[1]]
    word = _steps_over(text, g.trigger[0], g.trigger[1], g.category)
    if any(p.category != g.category and _overlaps(_span(p), g.trigger) for p in preds):
        at = "another category on the word"
    elif any(p.category == g.category for p in inside) or ("kept" in word and "merged" not in word):
        at = "merged mention"
    elif inside:
        at = "an event on another word of the clause"
    else:
        at = "nothing"
    if "merged" in word:
        why = "a filtered status the coder kept" if g.status not in KEPT_STATUSES else "too little support"
    elif "kept" in word:
        why = "merged away"
    elif "built" in word:
        why = "dropped as another's content"
    elif word & {"other:found", "other:raw", "other:built", "other:kept", "other:merged"}:
        why = "a trigger of another category"
    elif word & {"found", "raw"}:
        why = "a trigger that made no candidate"
    else:
        why = "no trigger: a noun event" if _noun_at(doc, *g.trigger) else "no trigger: the cue not in the lexicon"
    return at, why


def classify_spurious(p: Any, gold: list[Any], pairs: list[tuple[Any, Any]]) -> str:
    matched_gold = {id(g) for g, _ in pairs}
    start = _span(p)[0]
    coded = [g for g in gold if g.sentence[0] <= start < g.sentence[1]]
    if any(g.category == p.category and id(g) in matched_gold for g in coded):
        return "a second trigger of a matched event"
    if any(id(g) not in matched_gold and _overlaps(_span(p), g.trigger) for g in gold):
        return "another category on a missed gold word"
    if coded:
        return "another act in a coded sentence"
    status = str(p.status)
    if status in ("future", "hypothetical"):
        return "uncoded: planned / hypothetical"
    if status == "historical":
        return "uncoded: background"
    if any(g.category == p.category and g.sentence[1] <= start for g in gold):
        return "uncoded: repeat of an event already coded"
    if p.category in VERBAL:
        return "uncoded: a verbal, non-conflict act"
    return "uncoded: a material act the coder did not code"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print every item with its sentence")
    args = parser.parse_args()
    articles = read_article_gold(GOLD, split="tune")
    texts = read_texts(articles, fakes_csv())
    wave = wave_of(len(articles))
    trig = lambda t: (t, t.code.category)  # noqa: E731
    cand = lambda c: (c.trigger, c.category)  # noqa: E731
    _wrap(triggers_module, "_absorb", "raw", "found", trig)
    _wrap(stage_module, "drop_contents", "built", "kept", cand)
    _wrap(stage_module, "merge_mentions", None, "merged", cand)
    run = run_documents(build_for(get_task("events")),
                        [GoldText(a.document, t, a.published) for a, t in zip(articles, texts, strict=True)],
                        keep_doc=True)
    tallies: dict[str, Counter[str]] = defaultdict(Counter)
    per_wave: dict[str, dict[str, Counter[int]]] = defaultdict(lambda: defaultdict(Counter))
    for i, (art, text, an) in enumerate(zip(articles, texts, run.analyses, strict=True)):
        pairs = match_events(art.events, an.events)
        matched = {id(g) for g, _ in pairs}
        for g in art.events:
            if id(g) in matched:
                continue
            at, why = classify_missed(g, an.events, pairs, text, an.doc)
            for side, cls in (("missed: at the word", at), ("missed: why", why), ("missed: both", f"{at} / {why}")):
                tallies[side][cls] += 1
                per_wave[side][cls][wave[i]] += 1
            if args.show:
                print(f"MISS {at} / {why} | {art.document} {text[g.trigger[0]:g.trigger[1]]!r} {g.category} {g.status}")
        used = {id(p) for _, p in pairs}
        for p in an.events:
            if id(p) in used:
                continue
            cls = classify_spurious(p, list(art.events), pairs)
            tallies["spurious"][cls] += 1
            per_wave["spurious"][cls][wave[i]] += 1
            if args.show:
                print(f"FALSE {cls} | {art.document} {p.trigger!r} {p.category} {p.status}")
    result: dict[str, Any] = {"articles": len(articles), "waves": list(WAVES)}
    for side in ("missed: at the word", "missed: why", "missed: both", "spurious"):
        total = sum(tallies[side].values())
        print(f"\n{side} ({total})".ljust(78) + "waves with one")
        rows = []
        for cls, n in tallies[side].most_common():
            waves = [per_wave[side][cls][w] for w in range(len(WAVES))]
            print(f"  {cls:<72}{n:5d}   {sum(1 for x in waves if x):2d} of {len(WAVES)}  {waves}")
            rows.append({"class": cls, "count": n, "per_wave": waves})
        result[side] = {"total": total, "classes": rows}
    if not args.show:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
