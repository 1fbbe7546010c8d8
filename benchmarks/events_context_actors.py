"""FA-KES hand-coded events, tune half: the events whose doer the coder took from the surrounding
text, and what sitrep gave them (issue 13, context actors).

For every matched pair on the ``tune`` half it counts, separately for gold events whose actor the
coder resolved from context (``from_context``) and for the rest: actor right, actor missing,
actor given where the coder has none. ``--show`` prints the context events with their sentence.
Refuses the check half (it is for reporting: ``sitrep eval events`` scores it).

Usage: ``SITREP_SHARED=/path/to/shared python benchmarks/events_context_actors.py [--show]``.
"""

from __future__ import annotations

import argparse
from collections import Counter

from common import REPO, fakes_csv  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.evaluation.runner import GoldText  # noqa: E402
from sitrep.stages.events.article_scorer import (  # noqa: E402
    _pairs,
    match_events,
    read_article_gold,
    read_texts,
)

GOLD = REPO / "benchmarks" / "data" / "fakes_events_gold.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print the tune half's context events")
    args = parser.parse_args()
    articles = read_article_gold(GOLD, split="tune")
    texts = read_texts(articles, fakes_csv())
    run = run_documents(build_for(get_task("events")),
                        [GoldText(a.document, t, a.published) for a, t in zip(articles, texts, strict=True)])
    tally: Counter[str] = Counter()
    for art, text, an in zip(articles, texts, run.analyses, strict=True):
        actors = {a.id: a for a in an.actors}
        spans: dict[str, list[tuple[int, int]]] = {}
        for m in an.mentions:
            spans.setdefault(m.actor, []).append((m.start, m.end))
        for g, p in match_events(art.events, an.events):
            group = "context" if any(e.from_context for e in g.actors) else "own" if g.actors else "none"
            right = _pairs(p.actors, g.actors, actors, spans) == len(p.actors) == len(g.actors)
            tally[f"{group}:{'right' if right else 'missing' if not p.actors else 'wrong'}"] += 1
            if args.show and group == "context":
                names = [actors[a].name if a in actors else a for a in p.actors]
                print(f"{'+' if right else '-'} {art.document} {text[g.trigger[0]:g.trigger[1]]!r} "
                      f"G={[e.text for e in g.actors]} S={names}\n    {text[g.sentence[0]:g.sentence[1]][:240]!r}")
    for key in sorted(tally):
        print(key, tally[key])


if __name__ == "__main__":
    main()
