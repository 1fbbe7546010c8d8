"""FA-KES hand-coded events, tune half: the missed gold events and the false predicted events by
class (issue 13, event F1).

The tune half runs once through the evaluation runner (as ``sitrep eval events`` does) and the
gold and predicted events are paired as the scorer pairs them (``match_events``: same category,
the predicted trigger inside the gold sentence, one to one, closest first). Every unpaired gold
event (a **miss**) and every unpaired prediction (a **false** event) is put in the first class
that applies, read from the gold offsets and sitrep's own record (never from the check half):

Misses
  * ``category wrong on the coder's word``: a prediction of another category overlaps the
    coder's trigger (the word was read, its category family was not the coder's);
  * ``merged: the sentence's prediction went to another gold event``: the sentence holds a
    prediction of the gold category, paired with another gold event of the sentence (two coded
    events, one predicted);
  * ``another category in the sentence``: the sentence holds predictions, none of the gold
    category and none on the coder's word;
  * ``nothing in the sentence: headline``: no prediction in the sentence, and the sentence does
    not end with a stop (a headline or title line);
  * ``nothing in the sentence``: no prediction in a sentence of prose.

  The two "nothing" classes are divided by where the events stage lost the sentence's event (the
  steps ``events_other_trigger`` records, over the gold sentence): a candidate of the gold category left out by the
  record rule (``is_record``, ``RecordRule``), merged away, dropped as
  another's content; a candidate of another category only; a trigger that made no candidate
  (filtered: inside a name, figurative, a state); no trigger at all.

False events
  * ``split: a second trigger of a matched event``: the trigger lies in the sentence of a gold
    event of the same category that is matched to another prediction;
  * ``category wrong on a missed gold word``: the trigger overlaps a missed gold event's trigger
    of another category;
  * ``another category in a coded sentence``: the trigger lies in a coded sentence with no gold
    event of its category;
  * ``uncoded sentence: <status>``: the trigger lies in no coded sentence, by the status sitrep
    gave (``asserted`` against reported, historical, future, hypothetical, negated), and
    ``re-mention`` when an earlier coded sentence of the article holds a gold event of the same
    category (the coder's rule: a sentence that only refers back is not coded again).

Counts are given per wave of the tune half (``events_side_missing.WAVES``). ``--show`` prints each
with its sentence. Writes ``benchmarks/results/events_f1_misses.json`` (counts only).

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_f1_misses.py [--show]``.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from typing import Any

from common import REPO, fakes_csv  # noqa: E402  (puts the repository's src on sys.path)
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
OUT = REPO / "benchmarks" / "results" / "events_f1_misses.json"
STOPS = ('.', '!', '?', '"', "'", '”', '’', ')')


def _span(p: Any) -> tuple[int, int]:
    start = p.trigger_start if p.trigger_start is not None else p.evidence.start
    end = p.trigger_end if p.trigger_end is not None else start + len(p.trigger)
    return start, max(end, start + 1)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def lost_at(steps: set[str]) -> str:
    """Where the events stage lost a gold event whose sentence has no prediction, from the steps
    the sentence's triggers and candidates were seen at (``events_other_trigger``'s recording)."""
    for step, name in (("merged", "a candidate left out by the record rule"),
                       ("kept", "a candidate merged away"),
                       ("built", "a candidate dropped as another's content")):
        if step in steps:
            return name
    if steps & {"other:built", "other:kept", "other:merged"}:
        return "a candidate of another category, left out"
    if steps & {"found", "raw", "other:found", "other:raw"}:
        return "a trigger that made no candidate"
    return "no trigger"


def classify_misses(gold: list[Any], preds: list[Any], pairs: list[tuple[Any, Any]], text: str) -> list[tuple[str, Any]]:
    matched_gold = {id(g) for g, _ in pairs}
    out = []
    for g in gold:
        if id(g) in matched_gold:
            continue
        inside = [p for p in preds if g.sentence[0] <= _span(p)[0] < g.sentence[1]]
        if any(p.category != g.category and _overlaps(_span(p), g.trigger) for p in preds):
            cls = "category wrong on the coder's word"
        elif any(p.category == g.category for p in inside):
            cls = "merged: the sentence's prediction went to another gold event"
        elif inside:
            cls = "another category in the sentence"
        elif not text[g.sentence[0]:g.sentence[1]].rstrip().endswith(STOPS):
            cls = "nothing in the sentence: headline"
        else:
            cls = "nothing in the sentence"
        if cls.startswith("nothing"):
            cls += f" / {lost_at(_steps_over(text, *g.sentence, g.category))}"
        out.append((cls, g))
    return out


def classify_false(gold: list[Any], preds: list[Any], pairs: list[tuple[Any, Any]]) -> list[tuple[str, Any]]:
    matched_gold = {id(g) for g, _ in pairs}
    matched_pred = {id(p) for _, p in pairs}
    out = []
    for p in preds:
        if id(p) in matched_pred:
            continue
        start = _span(p)[0]
        coded = [g for g in gold if g.sentence[0] <= start < g.sentence[1]]
        if any(g.category == p.category and id(g) in matched_gold for g in coded):
            cls = "split: a second trigger of a matched event"
        elif any(id(g) not in matched_gold and _overlaps(_span(p), g.trigger) for g in gold):
            cls = "category wrong on a missed gold word"
        elif coded:
            cls = "another category in a coded sentence"
        else:
            status = str(p.status)
            kind = "asserted" if status == "asserted" else "not asserted"
            earlier = any(g.category == p.category and g.sentence[1] <= start for g in gold)
            cls = f"uncoded sentence: {kind}" + (", re-mention" if earlier else "")
        out.append((cls, p))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print every miss and false event with its sentence")
    args = parser.parse_args()
    articles = read_article_gold(GOLD, split="tune")
    texts = read_texts(articles, fakes_csv())
    wave = wave_of(len(articles))
    trig = lambda t: (t, t.code.category)  # noqa: E731
    cand = lambda c: (c.trigger, c.category)  # noqa: E731
    _wrap(triggers_module, "_absorb", "raw", "found", trig)
    _wrap(stage_module, "drop_contents", "built", "kept", cand)
    _wrap(stage_module, "merge_mentions", None, "merged", cand)
    pipeline = build_for(get_task("events"))
    run = run_documents(pipeline, [GoldText(a.document, t, a.published) for a, t in zip(articles, texts, strict=True)])
    tallies: dict[str, Counter[str]] = {"missed": Counter(), "false": Counter()}
    per_wave: dict[str, dict[str, Counter[int]]] = {"missed": defaultdict(Counter), "false": defaultdict(Counter)}
    for i, (art, text, an) in enumerate(zip(articles, texts, run.analyses, strict=True)):
        pairs = match_events(art.events, an.events)
        for cls, g in classify_misses(art.events, an.events, pairs, text):
            tallies["missed"][cls] += 1
            per_wave["missed"][cls][wave[i]] += 1
            if args.show:
                print(f"MISS {cls} | {art.document} {text[g.trigger[0]:g.trigger[1]]!r} {g.category} {g.status}\n"
                      f"    {' '.join(text[g.sentence[0]:g.sentence[1]].split())[:240]!r}")
        for cls, p in classify_false(art.events, an.events, pairs):
            tallies["false"][cls] += 1
            per_wave["false"][cls][wave[i]] += 1
            if args.show:
                s, e = _span(p)
                print(f"FALSE {cls} | {art.document} {p.trigger!r} {p.category} {p.status}\n"
                      f"    {' '.join(text[max(0, s - 120):e + 120].split())!r}")
    result: dict[str, Any] = {"articles": len(articles), "waves": list(WAVES)}
    for side in ("missed", "false"):
        total = sum(tallies[side].values())
        print(f"\n{side} ({total})".ljust(72) + "waves with one")
        rows = []
        for cls, n in tallies[side].most_common():
            waves = [per_wave[side][cls][w] for w in range(len(WAVES))]
            print(f"  {cls:<66}{n:5d}   {sum(1 for x in waves if x)} of {len(WAVES)}  {waves}")
            rows.append({"class": cls, "count": n, "per_wave": waves})
        result[side] = {"total": total, "classes": rows}
    if not args.show:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
