"""Recipients linked through the harm verb (issue 13, branch events17): chosen out of fold on tune.

Three readings of ``sitrep.stages.events.arguments`` find the people an attack harmed through the
verb the attack is tied to, each behind a named switch:

* ``CLAUSAL_CAUSE`` — a gerund subject of a harm verb is its cause ("Shelling by the regime killed
  ten civilians": the parser reads "Shelling" as a clausal subject);
* ``RESULT_OBJECTS`` — a result verb's object left harmed ("the strikes left 31 civilians dead",
  "left dozens of people injured");
* ``SHARED_PASSIVE_SUBJECT`` — a passive harm conjunct with no subject of its own shares the first
  conjunct's ("14 people were killed, 25 were wounded in a suicide attack").

Every combination of the switches (8) is run over the FA-KES ``tune`` articles. Validation: the
tune articles, in the gold file's order, are dealt into ``FOLDS`` folds as in
``events_record_rule.py`` (article i → fold i mod 4); for each fold the combination with the best
recipient accuracy on the other three folds (ties: fewer switches on) is scored on the held-out
fold, and the held-out counts are summed. The switches ship on only when that out-of-fold
recipient accuracy beats all-off (``main``'s reading) and event F1 does not fall. The ``check``
half is not run here (it is scored once, after, with ``sitrep eval events``).

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_recipient_links.py``
(a few minutes: eight runs of the tune half). Writes ``benchmarks/results/events_recipient_links.json``.
"""

from __future__ import annotations

import itertools
import json
from types import ModuleType
from typing import Any

from common import REPO, event_gold_documents  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.stages.events import arguments  # noqa: E402
from sitrep.stages.events.article_scorer import (  # noqa: E402
    score_articles,
)

GOLD = REPO / "benchmarks" / "data" / "fakes_events_gold.jsonl"
OUT = REPO / "benchmarks" / "results" / "events_recipient_links.json"
FOLDS = 4
ALL_SWITCHES = ("CLAUSAL_CAUSE", "RESULT_OBJECTS", "SHARED_PASSIVE_SUBJECT", "STATE_NAMES_LOCATE_PLACES")
SWITCHES: tuple[str, ...] = ALL_SWITCHES[:3]
KEYS = ("event_f1", "matched", "actor_accuracy", "recipient_accuracy", "recipient_f1", "place_accuracy",
        "status_accuracy")


def tune_runs(switches: tuple[str, ...], keys: tuple[str, ...], module: ModuleType = arguments
              ) -> tuple[list[Any], dict[tuple[bool, ...], list[Any]]]:
    """The tune half's gold articles and their analyses under every on/off combination of the
    named switches of ``module`` (an events module; ``sitrep.stages.events.arguments`` by default;
    restored after), each combination's ``keys`` printed as it finishes."""
    articles, _, docs = event_gold_documents(GOLD, "tune")
    pipeline = build_for(get_task("events"))
    saved = {name: getattr(module, name) for name in switches}
    runs: dict[tuple[bool, ...], list[Any]] = {}
    try:
        for combo in itertools.product((False, True), repeat=len(switches)):
            for name, on in zip(switches, combo, strict=True):
                setattr(module, name, on)
            runs[combo] = run_documents(pipeline, docs).analyses
            whole = score_articles(articles, runs[combo])["tune"]
            print(dict(zip(switches, combo, strict=True)), {k: whole[k] for k in keys}, flush=True)
    finally:
        for name, value in saved.items():
            setattr(module, name, value)
    return articles, runs


def score_subset(articles: list[Any], analyses: list[Any], idx: list[int]) -> dict[str, Any]:
    """The tune scores of the articles at ``idx`` (counts summed over them)."""
    result: dict[str, Any] = score_articles([articles[i] for i in idx], [analyses[i] for i in idx])["tune"]
    return result


def main() -> None:
    import argparse

    global SWITCHES, OUT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--switches", nargs="+", choices=ALL_SWITCHES, default=list(SWITCHES),
                        help="the switches searched (the others keep their defaults)")
    args = parser.parse_args()
    SWITCHES = tuple(args.switches)
    if ALL_SWITCHES[:3] != SWITCHES:
        tag = "all" if set(SWITCHES) == set(ALL_SWITCHES) else "_".join(s.lower() for s in SWITCHES)
        OUT = OUT.with_name(f"events_recipient_links_{tag}.json")
    articles, runs = tune_runs(SWITCHES, KEYS)

    def score(combo: tuple[bool, ...], idx: list[int]) -> dict[str, Any]:
        return score_subset(articles, runs[combo], idx)

    def held_out(pick: Any) -> dict[str, Any]:
        """Per fold the combination ``pick(train)`` chose, scored on the fold; the fold's articles
        and analyses pooled into one score (counts summed)."""
        chosen_articles, chosen_runs, folds = [], [], []
        for f in range(FOLDS):
            train = [i for i in range(len(articles)) if i % FOLDS != f]
            test = [i for i in range(len(articles)) if i % FOLDS == f]
            combo = pick(train)
            folds.append({"fold": f, "articles": len(test), "chosen": dict(zip(SWITCHES, combo, strict=True)),
                          **{k: score(combo, test)[k] for k in KEYS}})
            chosen_articles += [articles[i] for i in test]
            chosen_runs += [runs[combo][i] for i in test]
        pooled = score_articles(chosen_articles, chosen_runs)["tune"]
        return {"folds": folds, **{k: pooled[k] for k in KEYS}}

    def best(train: list[int]) -> tuple[bool, ...]:
        return max(runs, key=lambda c: (score(c, train)["recipient_accuracy"], -sum(c)))

    off = (False,) * len(SWITCHES)
    oof = held_out(best)
    baseline = held_out(lambda train: off)
    chosen = best(list(range(len(articles))))
    ships = (oof["recipient_accuracy"] > baseline["recipient_accuracy"]
             and oof["event_f1"] >= baseline["event_f1"])
    print("out of fold:", {k: v for k, v in oof.items() if k != "folds"})
    print("all off:    ", {k: v for k, v in baseline.items() if k != "folds"})
    print("chosen on all tune:", dict(zip(SWITCHES, chosen, strict=True)), "ships:", ships)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({
        "objective": "recipient accuracy on matched tune events; ships only when the out-of-fold "
                     f"figure over {FOLDS} folds beats all switches off and event F1 does not fall",
        "combinations": [{**dict(zip(SWITCHES, c, strict=True)),
                          **{k: score(c, list(range(len(articles))))[k] for k in KEYS}} for c in runs],
        "out_of_fold": oof, "all_off": baseline,
        "chosen": dict(zip(SWITCHES, chosen, strict=True)), "ships": ships,
    }, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
