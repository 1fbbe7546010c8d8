"""FA-KES hand-coded events, tune half: parties made of date fragments or page furniture (issue 13, events69).

A predicted actor or recipient is a **date/furniture party** when every mention of it the event can
stand on (its mentions in the event's sentence, else all its mentions in the article) has one of the
shapes of ``sitrep.stages.events.calendar_parties.furniture_class`` (``time overlap``, ``calendar
only``, ``credit``: read from the time stage's own output and the words' shapes). A line-opening
dateline or byline ("BEIRUT —", "By …") was counted in the first census and found none: no FA-KES
tune body holds a line break, and the one text-opening hit was "US-led".

A census-only class, ``beside a date``, counts the parties whose every supporting mention ends at
most two characters before a time expression with a calendar word that is no date line ("Syrian
forces Thursday"): the wider net the credit shape was narrowed from; it is not a proposed reading.

Each such party is counted by role and by outcome: ``right`` (it pairs with a gold party of the same
role on a matched event), ``wrong`` (on a matched event, it pairs with none), ``unmatched`` (its event
matches no coder event), and by wave of ``events_side_missing.WAVES``. The actor mentions of each
class over the tune articles are counted too.

Reads the tune half only (every wave). ``--show`` prints each case.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_date_parties.py
[--show]``. Writes ``benchmarks/results/events_date_parties.json``.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from common import REPO, fakes_csv  # noqa: E402  (puts the repository's src on sys.path)
from events_actor_misses import GOLD  # noqa: E402

from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.evaluation.runner import GoldText  # noqa: E402
from sitrep.records import Analysis, Event, Mention, TimeExpr  # noqa: E402
from sitrep.stages.events.article_scorer import (  # noqa: E402
    _pairs,
    match_events,
    read_article_gold,
    read_texts,
)
from sitrep.stages.events.calendar_parties import _calendar_word, furniture_class  # noqa: E402

OUT = REPO / "benchmarks" / "results" / "events_date_parties.json"

def beside_date(text: str, start: int, end: int, times: Sequence[TimeExpr]) -> bool:
    """The census-only class: the span ends at most two characters before a time expression that holds
    a weekday or month name or a number (a wider net than ``calendar_parties``' credit)."""
    return any(0 <= t.start - end <= 2 and _calendar_word(text[t.start:t.end]) for t in times)


def _support(an: Analysis, ev: Event, actor_id: str) -> list[Mention]:
    """The mentions of ``actor_id`` in the event's sentence, else all its mentions."""
    ms = [m for m in an.mentions if m.actor == actor_id]
    sent = an.sentence_at(ev.evidence.start)
    inside = [m for m in ms if sent is not None and sent.start <= m.start and m.end <= sent.end]
    return inside or ms


def party_class(an: Analysis, ev: Event, actor_id: str) -> str | None:
    """The class of a party when all its supporting mentions are date/furniture mentions."""
    ms = _support(an, ev, actor_id)
    classes = [furniture_class(an.text, m.start, m.end, an.times) for m in ms]
    if ms and all(c is not None for c in classes):
        return str(classes[0])
    if ms and all(beside_date(an.text, m.start, m.end, an.times) for m in ms):
        return "beside a date (census only)"
    return None


def census(show: bool) -> dict[str, Any]:
    from events_recipient_misses import tune_wave_by_document

    waves = tune_wave_by_document()
    articles = read_article_gold(GOLD, split="tune")
    texts = read_texts(articles, fakes_csv())
    run = run_documents(build_for(get_task("events")),
                        [GoldText(a.document, t, a.published) for a, t in zip(articles, texts, strict=True)])
    tally: Counter[str] = Counter()
    by_wave: Counter[str] = Counter()
    mentions: Counter[str] = Counter()
    for art, an in zip(articles, run.analyses, strict=True):
        actors = {a.id: a for a in an.actors}
        spans: dict[str, list[tuple[int, int]]] = {}
        for m in an.mentions:
            spans.setdefault(m.actor, []).append((m.start, m.end))
            cls = furniture_class(an.text, m.start, m.end, an.times)
            if cls is None and beside_date(an.text, m.start, m.end, an.times):
                cls = "beside a date (census only)"
            mentions[str(cls)] += 1
            if cls is not None and cls != "None" and show:
                print(f"mention {cls} {art.document} {m.text!r} -> {m.actor}")
        pairs = {id(p): g for g, p in match_events(art.events, an.events)}
        for ev in an.events:
            g = pairs.get(id(ev))
            for role, ids in (("actor", ev.actors), ("recipient", ev.recipients)):
                for a in ids:
                    cls = party_class(an, ev, a)
                    if cls is None:
                        continue
                    gold = None if g is None else (g.actors if role == "actor" else g.recipients)
                    outcome = "unmatched" if gold is None else (
                        "right" if _pairs([a], gold, actors, spans) else "wrong")
                    tally[f"{role} {cls} {outcome}"] += 1
                    by_wave[f"wave {waves[art.document]} {cls} {outcome}"] += 1
                    if show:
                        name = actors[a].name if a in actors else a
                        print(f"{role} {cls} {outcome} {art.document} {name!r} {ev.category} "
                              f"{an.text[ev.evidence.start:ev.evidence.end][:160]!r}")
    return {"articles": len(articles), "waves": len(set(waves.values())), "parties": dict(sorted(tally.items())),
            "by_wave": dict(sorted(by_wave.items())),
            "mentions": dict(sorted(mentions.items()))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print every case")
    args = parser.parse_args()
    result = census(args.show)
    print(json.dumps(result, indent=1))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
