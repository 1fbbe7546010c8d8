"""Fit the rule that takes an event's actor from the surrounding text (``assemble.ContextRule``).

A sentence about "the attack" or "the strikes" that names no doer gets the actor of the same
incident told just before. How far back, whether an earlier event without an actor is skipped,
whether a change of place stops the search, whether a two-sided fight gives only the side that
is not the target, whether an unidentified attacker is replaced and whether a missing victim is
taken too: these are the rule's parameters. This script chooses them on the **tune** half of
the hand-coded FA-KES articles only (coordinate search from the defaults: each parameter in
turn, objective actor + recipient accuracy, ties broken by event F1), then scores the chosen rule
and the defaults on both halves and writes the chosen rule to
``src/sitrep/stages/events/data/context_rule.json`` with the figures.

A change is kept (``--accept``, ``common.ACCEPT_RULES``): ``out-of-fold`` when its
mean gain in the objective over the tune waves (``events_side_missing.WAVES``, paired with the
best rule so far on the same wave) is larger than the sd of those gains; ``in-sample`` (the default;
held out, leave one wave out, it scored above ``out-of-fold`` on all three scripts, events43)
when it raises the objective on the pooled tune half at all.

Incumbent rule (2026-12-06 night, events58; ``common.incumbent_rule``): the rule searched replaces
the rule of the ``--incumbent`` file (default: the shipped file; ``none``: off) only when its mean
per-wave gain in actor + recipient accuracy (ties: event F1) over that rule, paired on the tune waves (``events_side_missing.WAVES``),
is larger than the sd of those gains; otherwise the file is written back unchanged, byte for byte
(a choice at noise level must not flip with every added wave). Which was chosen and why
(``chosen_by``, the mean gain, its sd, the waves) goes to ``benchmarks/results/events_context_incumbent.json`` and, when
the winner is written, into the file (``incumbent``). The check half is scored only when a new
rule is written.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_context.py``
(``--dry-run`` prints without writing the rule file; ``--cache DIR`` keeps each rule's analyses
in a scratch folder outside the repository).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path
from typing import Any

from common import (  # noqa: E402  (puts the repository's src on sys.path)
    ACCEPT_RULES,
    REPO,
    IncumbentChoice,
    coordinate_search,
    incumbent_arg,
    incumbent_rule,
    load_incumbent,
    write_choice,
)
from events_rule_runs import HalfRuns  # noqa: E402
from events_side_missing import WAVES  # noqa: E402

from sitrep.stages.events.assemble import CONTEXT_RULE_FILE, ContextRule  # noqa: E402

OPTION = "context_rule"
#: the acceptance rule of the search when ``--accept`` is not given
ACCEPT = "in-sample"  # held out, leave one wave out, it beats "out-of-fold" on all three scripts (events43)
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
#: ``--incumbent`` when not given: the shipped file (events58: the rule passed its leave-one-wave-out bar)
INCUMBENT = CONTEXT_RULE_FILE
#: the incumbent rule's choice of the last run (``common.write_choice``)
REPORT = REPO / "benchmarks" / "results" / "events_context_incumbent.json"
KEYS = ("event_f1", "actor_accuracy", "actor_f1", "recipient_accuracy", "recipient_f1", "place_accuracy")


def objective(metrics: dict[str, Any]) -> tuple[float, float]:
    return (round(metrics["actor_accuracy"] + metrics["recipient_accuracy"], 4), metrics["event_f1"])


def fit(runs: HalfRuns, accept: str = ACCEPT, waves: list[int] | None = None,
        quiet: bool = False) -> tuple[ContextRule, list[dict[str, Any]]]:
    """Coordinate search on the tune half's ``waves`` (all when ``None``; each parameter in turn,
    two passes at most), changes kept by the ``accept`` rule."""
    best, _, trail = coordinate_search(ContextRule(), GRID, lambda rule: runs.score(rule, waves), objective, KEYS,
                                       accept=accept, score_waves=lambda rule: runs.score_waves(rule, waves),
                                       quiet=quiet)
    return best, trail


def choose(tune: HalfRuns, rule: ContextRule, incumbent: Path | None) -> IncumbentChoice:
    """The incumbent rule: the searched ``rule`` replaces the ``incumbent`` file's rule only when
    its mean per-wave gain in the objective on the tune waves exceeds the sd of those gains."""
    waves = list(range(len(WAVES)))
    choice = incumbent_rule(rule, load_incumbent(incumbent, ContextRule.load),
                            lambda r: tune.score_waves(r, waves), objective, waves)
    print("incumbent rule:", json.dumps({k: v for k, v in choice.report().items() if k != "bar"}), flush=True)
    return choice


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="print the fit, do not write the rule file")
    parser.add_argument("--accept", choices=ACCEPT_RULES, default=ACCEPT, help="when the search keeps a change")
    parser.add_argument("--cache", type=Path, help="a scratch folder (outside the repository) for the runs")
    parser.add_argument("--incumbent", type=incumbent_arg, default=INCUMBENT,
                        help="a rule file the searched rule must beat beyond the per-wave spread, e.g. the "
                             "shipped file (default: the shipped file; none: off, the searched rule is written)")
    args = parser.parse_args()
    tune = HalfRuns(OPTION, "tune", args.cache)
    rule, trail = fit(tune, args.accept)
    choice = choose(tune, rule, args.incumbent)
    if choice.keeps_incumbent and args.incumbent is not None:
        if not args.dry_run:
            write_choice(CONTEXT_RULE_FILE, choice, args.incumbent, lambda: None, REPORT)
        return
    report: dict[str, Any] = {}
    check = HalfRuns(OPTION, "check", args.cache)
    for name, candidate in (("default", ContextRule()), ("fitted", rule)):
        report[name] = {}
        for half, runs in (("tune", tune), ("check", check)):
            metrics = runs.score(candidate)
            report[name][half] = {k: metrics[k] for k in KEYS}
        print(name, json.dumps(report[name]), flush=True)
    out = {"rule": dataclasses.asdict(rule),
           "fitted_on": "benchmarks/data/fakes_events_gold.jsonl, split tune (check only scored)",
           "objective": "actor_accuracy + recipient_accuracy on tune, ties by event_f1",
           "accept": (f"{args.accept}: a change kept when its mean gain over the tune waves exceeds their sd"
                      if args.accept == "out-of-fold" else f"{args.accept}: a change kept when the tune objective rises"),
           "incumbent": choice.report(), "figures": report, "search": trail}
    if not args.dry_run:
        write_choice(CONTEXT_RULE_FILE, choice, args.incumbent,
                     lambda: CONTEXT_RULE_FILE.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8"), REPORT)


if __name__ == "__main__":
    main()
