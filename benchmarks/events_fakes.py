"""FA-KES hand-coded events: sitrep's figures per half, and (``--show``) the events side by side.

Runs the gold articles (``benchmarks/data/fakes_events_gold.jsonl``) through the evaluation
runner as ``sitrep eval events`` does and prints the metrics of each half. ``--show tune``
prints, article by article, the gold events and sitrep's events of that half (sentence
number, trigger, category, status, actors, recipients, place), matched pairs marked, for
error analysis. Use it on the ``tune`` half only: the ``check`` half is for reporting.
Writes ``benchmarks/results/events_fakes.json``.

Usage: ``SITREP_SHARED=/path/to/shared python benchmarks/events_fakes.py [--show tune] [--no-model] [--no-ranker]``.
"""

from __future__ import annotations

import argparse
import json

from common import REPO, event_gold_documents  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.stages.events.article_scorer import (  # noqa: E402
    match_events,
    place_right,
    score_articles,
)

GOLD = REPO / "benchmarks" / "data" / "fakes_events_gold.jsonl"
OUT = REPO / "benchmarks" / "results" / "events_fakes.json"


def _names(ids, actors) -> str:  # type: ignore[no-untyped-def]
    return ",".join(f"{actors[i].name}[{actors[i].country}/{actors[i].sector or actors[i].kind}]"
                    if i in actors else i for i in ids)


def _gold_names(ents) -> str:  # type: ignore[no-untyped-def]
    return ",".join(f"{e.text}[{e.country}/{e.sector}{'*' if e.from_context else ''}]" for e in ents)


def show(articles, texts, analyses) -> None:  # type: ignore[no-untyped-def]
    for art, text, an in zip(articles, texts, analyses, strict=True):
        actors = {a.id: a for a in an.actors}
        pairs = match_events(art.events, an.events)
        gold_hit = {id(g) for g, _ in pairs}
        pred_hit = {id(p) for _, p in pairs}
        print(f"\n=== {art.document} ({art.published}) gold {len(art.events)} / sitrep {len(an.events)}")
        rows = []
        for g in art.events:
            rows.append((g.trigger[0], "G" + ("+" if id(g) in gold_hit else "-"),
                         f"{text[g.trigger[0]:g.trigger[1]]!r} {g.category} {g.status} "
                         f"A={_gold_names(g.actors)} R={_gold_names(g.recipients)} "
                         f"P={g.place.text if g.place else None} D={g.date}"))
        for p in an.events:
            start = p.trigger_start or p.evidence.start
            rows.append((start, "S" + ("+" if id(p) in pred_hit else "-"),
                         f"{p.trigger!r} {p.category} {p.status} A={_names(p.actors, actors)} "
                         f"R={_names(p.recipients, actors)} P={p.place.name if p.place else None} "
                         f"D={p.date.value if p.date else None}"))
        for start, tag, line in sorted(rows, key=lambda r: (r[0], r[1])):
            print(f"  {start:5d} {tag} {line}")


def misses(articles, texts, analyses) -> None:  # type: ignore[no-untyped-def]
    """Matched events whose actors, recipients or places are wrong, with the sentence (tune half only)."""
    from collections import Counter

    from sitrep.stages.events.article_scorer import _pairs

    tally: Counter[str] = Counter()
    for art, text, an in zip(articles, texts, analyses, strict=True):
        actors = {a.id: a for a in an.actors}
        spans: dict = {}
        for m in an.mentions:
            spans.setdefault(m.actor, []).append((m.start, m.end))
        for g, p in match_events(art.events, an.events):
            for role, pred, gold in (("actor", p.actors, g.actors), ("recipient", p.recipients, g.recipients)):
                tp = _pairs(pred, gold, actors, spans)
                if tp == len(pred) == len(gold):
                    continue
                kind = ("missing" if not pred else "extra" if not gold else
                        "partial" if tp else "wrong")
                tally[f"{role}:{kind}"] += 1
                print(f"{role}:{kind} {art.document} {text[g.trigger[0]:g.trigger[1]]!r} "
                      f"G={_gold_names(gold)} S={_names(pred, actors)}\n    "
                      f"{text[g.sentence[0]:g.sentence[1]][:300]!r}")
        for g, p in match_events(art.events, an.events):
            if place_right(p.place, g.place):
                continue
            kind = "missing" if p.place is None else "extra" if g.place is None else "wrong"
            tally[f"place:{kind}"] += 1
            print(f"place:{kind} {art.document} {text[g.trigger[0]:g.trigger[1]]!r} "
                  f"G={g.place.text if g.place else None} S={p.place.text if p.place else None}"
                  f"/{p.place.name if p.place else None}\n    {text[g.sentence[0]:g.sentence[1]][:300]!r}")
    print(tally.most_common())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", choices=["tune"], default=None,
                        help="print the tune half's events side by side (never the check half)")
    parser.add_argument("--misses", choices=["tune"], default=None,
                        help="print the tune half's actor/recipient misses with their sentences")
    parser.add_argument("--no-model", action="store_true", help="the events stage without its learned model")
    parser.add_argument("--no-ranker", action="store_true",
                        help="the events stage without its learned doer model (actor rules only)")
    args = parser.parse_args()
    articles, texts, docs = event_gold_documents(GOLD, args.show or args.misses)
    events: dict[str, bool] = {"use_model": False} if args.no_model else {}
    if args.no_ranker:
        events["use_ranker"] = False
    options = {"events": events} if events else {}
    pipeline = build_for(get_task("events"), options=options)
    run = run_documents(pipeline, docs)
    result = score_articles(articles, run.analyses)
    if args.show:
        show(articles, texts, run.analyses)
    if args.misses:
        misses(articles, texts, run.analyses)
    keys = ["event_precision", "event_recall", "event_f1", "actor_accuracy", "recipient_accuracy",
            "place_accuracy", "status_accuracy", "date_accuracy", "predicted_per_gold", "dates_not_calendar"]
    print("half".ljust(8) + "".join(k.replace("_accuracy", "").rjust(16) for k in keys))
    for half, m in result.items():
        print(half.ljust(8) + "".join(str(m[k]).rjust(16) for k in keys))
    if not (args.show or args.misses):
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
