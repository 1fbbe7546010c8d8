"""Fit the rule that takes an event's actor from the surrounding text (``assemble.ContextRule``).

A sentence about "the attack" or "the strikes" that names no doer gets the actor of the same
incident told just before. How far back, whether an earlier event without an actor is skipped,
whether a change of place stops the search, whether a two-sided fight gives only the side that
is not the target, whether an unidentified attacker is replaced and whether a missing victim is
taken too: these are the rule's parameters. This script chooses them on the **tune** half of
the hand-coded FA-KES articles only (coordinate search from the defaults: each parameter in
turn, a change kept when it raises actor + recipient accuracy on tune, ties broken by event F1),
then scores the chosen rule and the defaults on both halves and writes the chosen rule to
``src/sitrep/stages/events/data/context_rule.json`` with the figures.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_context.py``
(``--dry-run`` prints without writing the rule file).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from typing import Any

from common import REPO, coordinate_search, fakes_csv  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.evaluation.runner import GoldText  # noqa: E402
from sitrep.stages.events.article_scorer import (  # noqa: E402
    read_article_gold,
    read_texts,
    score_articles,
)
from sitrep.stages.events.assemble import CONTEXT_RULE_FILE, ContextRule  # noqa: E402

GOLD = REPO / "benchmarks" / "data" / "fakes_events_gold.jsonl"
#: the values each parameter may take (the first is the default of ``ContextRule``)
GRID: dict[str, list[Any]] = {
    "window": [2, 1, 3],
    "nearest_with_actor": [False, True],
    "by_family": [False, True],
    "place_guard": [False, True],
    "other_side": [False, True],
    "replace_unidentified": [True, False],
    "recipients": [False, True],
    "cue_window": [0, 3, 4],
    "new_incident": [False, True],
}
KEYS = ("event_f1", "actor_accuracy", "actor_f1", "recipient_accuracy", "recipient_f1", "place_accuracy")


def score(rule: ContextRule, split: str) -> dict[str, Any]:
    articles = read_article_gold(GOLD, split=split)
    texts = read_texts(articles, fakes_csv())
    pipeline = build_for(get_task("events"), options={"events": {"context_rule": rule}})
    run = run_documents(pipeline, [GoldText(a.document, t, a.published) for a, t in zip(articles, texts, strict=True)])
    return score_articles(articles, run.analyses)[split]


def objective(metrics: dict[str, Any]) -> tuple[float, float]:
    return (round(metrics["actor_accuracy"] + metrics["recipient_accuracy"], 4), metrics["event_f1"])


def fit() -> tuple[ContextRule, list[dict[str, Any]]]:
    """Coordinate search on the tune half (each parameter in turn, two passes at most)."""
    best, _, trail = coordinate_search(ContextRule(), GRID, lambda rule: score(rule, "tune"), objective, KEYS)
    return best, trail


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="print the fit, do not write the rule file")
    args = parser.parse_args()
    rule, trail = fit()
    report = {}
    for name, candidate in (("default", ContextRule()), ("fitted", rule)):
        report[name] = {}
        for half in ("tune", "check"):
            metrics = score(candidate, half)
            report[name][half] = {k: metrics[k] for k in KEYS}
        print(name, json.dumps(report[name]), flush=True)
    out = {"rule": dataclasses.asdict(rule),
           "fitted_on": "benchmarks/data/fakes_events_gold.jsonl, split tune (check only scored)",
           "objective": "actor_accuracy + recipient_accuracy on tune, ties by event_f1",
           "figures": report, "search": trail}
    if not args.dry_run:
        CONTEXT_RULE_FILE.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
        print("wrote", CONTEXT_RULE_FILE)


if __name__ == "__main__":
    main()
