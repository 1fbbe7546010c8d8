"""War-wide and period tolls read as events (issue 13, issue 12's "war totals on events"; branch
events71): the tune census.

Every FA-KES events ``tune`` article is run through the pipeline up to the casualties stage (the
events stage, then the casualties stage with its learned scope model). A predicted event is *in a
toll sentence* when its sentence holds a casualty figure the casualties stage scopes
``war_total`` or ``background`` (never attached to an event). Each such event is counted as right
per the coder (matched one to one by ``article_scorer.match_events``) or extra (unmatched), and by
what else it has: a doer (actor), a day-precise date, a place finer than the country. The coder's
events lost if such events were dropped are the matched ones. Waves are
``events_side_missing.WAVES``. The ``check`` half is not run here.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_war_tolls.py``.
Writes ``benchmarks/results/events_war_tolls.json``.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from common import REPO, fakes_csv  # noqa: E402  (puts the repository's src on sys.path)
from events_side_missing import wave_of  # noqa: E402

from sitrep.evaluation import run_documents  # noqa: E402
from sitrep.evaluation.runner import GoldText  # noqa: E402
from sitrep.pipeline import build_pipeline  # noqa: E402
from sitrep.records import Event, Place  # noqa: E402
from sitrep.stages.events.article_scorer import (  # noqa: E402
    match_events,
    read_article_gold,
    read_texts,
)
from sitrep.stages.events.war_tolls import finer_than_country  # noqa: E402

GOLD = REPO / "benchmarks" / "data" / "fakes_events_gold.jsonl"
OUT = REPO / "benchmarks" / "results" / "events_war_tolls.json"
TOLL_SCOPES = ("war_total", "background")


def _sentence_of(ev: Event, sents: list[tuple[int, int]]) -> tuple[int, int]:
    start = ev.trigger_start if ev.trigger_start is not None else ev.evidence.start
    return next((s for s in sents if s[0] <= start < s[1]), (ev.evidence.start, ev.evidence.end))


def _shape(ev: Event, places: list[Place]) -> str:
    """doer or not, a day-precise date or not, a place finer than the country
    (``war_tolls.finer_than_country``) or not."""
    doer = "doer" if ev.actors else "no-doer"
    day = "day" if ev.date is not None and ev.date.precision == "day" else "no-day"
    fine = "fine-place" if finer_than_country(ev, places) else "no-fine-place"
    return f"{doer}|{day}|{fine}"


def census() -> dict[str, Any]:
    """Counts of predicted events in toll sentences, matched or extra, by scope and shape."""
    articles = read_article_gold(GOLD, split="tune")
    texts = read_texts(articles, fakes_csv())
    docs = [GoldText(a.document, t, a.published) for a, t in zip(articles, texts, strict=True)]
    analyses = run_documents(build_pipeline(only=["casualties"]), docs).analyses
    wave = wave_of(len(articles))
    tally: Counter[str] = Counter()
    rows = []
    for i, (art, an) in enumerate(zip(articles, analyses, strict=True)):
        sents = [(s.start_char, s.end_char) for s in an.doc.sents] if an.doc is not None else []
        tolls = [c for c in an.casualties if c.scope in TOLL_SCOPES]
        matched = {id(p) for _, p in match_events(art.events, an.events)}
        for ev in an.events:
            s = _sentence_of(ev, sents)
            here = [c for c in tolls if s[0] <= c.start < s[1]]
            if not here:
                continue
            right = "matched" if id(ev) in matched else "extra"
            scopes = "+".join(sorted({c.scope for c in here}))
            tally[right] += 1
            tally[f"{right}|{scopes}"] += 1
            tally[f"{right}|{_shape(ev, an.places)}"] += 1
            rows.append({"wave": wave[i], "document": art.document, "right": right, "scopes": scopes,
                         "shape": _shape(ev, an.places), "category": ev.category,
                         "trigger_start": ev.trigger_start, "figure_starts": [c.start for c in here]})
    return {"tally": dict(sorted(tally.items())), "waves_touched": sorted({r["wave"] for r in rows}), "rows": rows}


def main() -> None:
    result = census()
    for k, v in result["tally"].items():
        print(k, v)
    print("waves touched", result["waves_touched"])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
