"""The two acceptance rules of ``common.coordinate_search`` compared as procedures, leave one
wave out, for the three events rule files (issue 13).

For each wave of the tune half (``events_side_missing.WAVES``, 16 waves) the rule-fitting
script's own search (``events_record_rule.search``, ``events_context.fit``,
``events_place_context.fit``: same grid, start, objective and, for the places, the same
``MIN_GAIN_EVENTS`` bar) is run on the other 15 waves, once with each acceptance rule
(``in-sample``: a change kept when the pooled objective rises at all; ``out-of-fold``: when its
mean per-wave gain exceeds the sd of the per-wave gains), and the chosen rule is scored on the
held wave. Reported per procedure: the mean and sd over the 16 held waves of actor, recipient and
place accuracy and event F1 (matched events of the wave), and of the script's objective (its first
component: event F1 for the record rule, actor + recipient accuracy for the context rule, matched
events placed right for the places); and the per-wave paired difference in that objective,
out-of-fold minus in-sample.

The bar (written before the first run, 2026-12-06 08:55 UTC): the out-of-fold rule is adopted for
a script when the mean of that paired difference is not below minus its sd (mean >= -sd);
otherwise the script keeps the in-sample rule. The ``check`` half is not read here.

A third rule, ``out-of-fold-se`` (the mean per-wave gain larger than its standard error, sd /
sqrt(waves)), is compared the same way with ``--rules in-sample out-of-fold-se`` (written to
``..._<which>_insample_outoffoldse.json``). Set before its run (2026-12-06 09:10 UTC): it is reported to the lead
beside the two, with the same bar; it does not replace the adopted rule on this branch.

The incumbent rule (2026-12-06 night, events58; ``common.incumbent_rule``) is compared the same
way with ``--incumbent previous|shipped``: per held wave, the ``in-sample`` search on the other
waves against that search followed by the incumbent rule on those waves (the winner replaces the
incumbent only when its mean per-wave gain in the objective exceeds the sd of the gains); the
incumbent is the rule the same search picks without the last training wave (``previous``: the
round before that wave landed) or the shipped file's rule (``shipped``: fitted on every tune wave,
the held one too). Written to ``..._<which>_incumbent_<previous|shipped>.json`` with each fold's
choice (``incumbent_choices``); same bar (mean paired difference, incumbent minus in-sample, >= -sd).

The record rule's search is scored without the script's own four-fold ship gate (the search is
the procedure compared). Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python
benchmarks/events_rule_acceptance.py {record,context,place} [--cache DIR]``; writes
``benchmarks/results/events_rule_acceptance_<which>.json``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from common import ACCEPT_RULES, REPO, _components, incumbent_rule  # noqa: E402  (puts the repository's src on sys.path)
from events_side_missing import WAVES, wave_of  # noqa: E402

from sitrep.stages.events.article_scorer import score_articles  # noqa: E402

HELD_KEYS = ("event_f1", "actor_accuracy", "recipient_accuracy", "place_accuracy", "matched")


def _spread(values: list[float]) -> dict[str, float]:
    return {"mean": round(statistics.fmean(values), 4),
            "sd": round(statistics.stdev(values), 4) if len(values) > 1 else 0.0}


Fit = Callable[[str, list[int]], Any]
Held = Callable[[Any, int], dict[str, Any]]


def leave_one_wave_out(fit: Fit, held: Held, objective: Callable[[dict[str, Any]], Any],
                       rules: tuple[str, str] = ("in-sample", "out-of-fold")) -> dict[str, Any]:
    """``fit(accept, train_waves)`` → the chosen rule; ``held(rule, wave)`` → its metrics on the
    wave; ``rules``: the base rule and the rule compared with it."""
    rows = []
    for w in range(len(WAVES)):
        train = [x for x in range(len(WAVES)) if x != w]
        row: dict[str, Any] = {"wave": w}
        for accept in rules:
            rule = fit(accept, train)
            m = held(rule, w)
            row[accept] = {"rule": dataclasses.asdict(rule), "objective": _components(objective(m))[0],
                           **{k: m[k] for k in HELD_KEYS}}
        print(json.dumps(row), flush=True)
        rows.append(row)
    summary: dict[str, Any] = {}
    for accept in rules:
        summary[accept] = {k: _spread([r[accept][k] for r in rows]) for k in ("objective", *HELD_KEYS)}
    diff = [r[rules[1]]["objective"] - r[rules[0]]["objective"] for r in rows]
    summary["difference"] = _spread(diff)
    summary["difference"]["per_wave"] = [round(d, 4) for d in diff]
    summary["bar"] = f"{rules[1]} adopted over {rules[0]} when the mean paired difference >= -sd"
    summary["passes"] = summary["difference"]["mean"] >= -summary["difference"]["sd"]
    return {"waves": list(WAVES), "summary": summary, "rows": rows}


Scorer = Callable[[Any, list[int]], Sequence[dict[str, Any]]]


def with_incumbent(fit: Fit, score_waves: Scorer, objective: Callable[[dict[str, Any]], Any],
                   source: str, shipped: Any, choices: list[dict[str, Any]]) -> Fit:
    """``fit`` with a third procedure, ``incumbent``: the ``in-sample`` search's winner on the
    training waves replaces an incumbent only when ``common.incumbent_rule`` says so on those
    waves (per-wave paired gains in ``objective``, scored by ``score_waves(rule, waves)``). The
    incumbent (``source``): ``previous`` — the rule the same search picks without the last training
    wave (the fit of the round before that wave landed); ``shipped`` — the shipped file's rule
    (``shipped``; it was fitted on every tune wave, the held one too). Each choice is appended to
    ``choices``. The in-sample search is run once per training set."""
    memo: dict[tuple[int, ...], Any] = {}

    def searched(train: list[int]) -> Any:
        if tuple(train) not in memo:
            memo[tuple(train)] = fit("in-sample", train)
        return memo[tuple(train)]

    def procedure(name: str, train: list[int]) -> Any:
        if name != "incumbent":
            return searched(train) if name == "in-sample" else fit(name, train)
        incumbent = shipped if source == "shipped" else searched(train[:-1])
        choice = incumbent_rule(searched(train), incumbent, lambda r: score_waves(r, train), objective, train)
        choices.append({"held": next(w for w in range(len(WAVES)) if w not in train),
                        **{k: v for k, v in choice.report().items() if k not in ("bar", "waves")}})
        return choice.rule

    return procedure


def study_record(rules: tuple[str, str], source: str | None = None) -> dict[str, Any]:
    import events_record_rule as er

    info: er.Info = {}
    articles, analyses = er.run("tune", record=info)
    wave = wave_of(len(articles))

    def search(accept: str, train: list[int]) -> Any:
        idx = [i for i in range(len(articles)) if wave[i] in train]
        rule, _ = er.search([articles[i] for i in idx], [analyses[i] for i in idx], info, quiet=True,
                            accept=accept, waves=[wave[i] for i in idx])
        return rule

    def score_waves(rule: Any, waves: list[int]) -> list[dict[str, Any]]:
        idx = [i for i in range(len(articles)) if wave[i] in waves]
        return er.by_wave(rule, [articles[i] for i in idx], [analyses[i] for i in idx], info, [wave[i] for i in idx])

    choices: list[dict[str, Any]] = []
    fit = search if source is None else with_incumbent(search, score_waves, er.objective, source,
                                                       er.RecordRule.load(), choices)

    def held(rule: Any, w: int) -> dict[str, Any]:
        idx = [i for i in range(len(articles)) if wave[i] == w]
        return score_articles([articles[i] for i in idx], er.kept(rule, [analyses[i] for i in idx], info))["all"]

    return {**leave_one_wave_out(fit, held, er.objective, rules), "incumbent_choices": choices}


def study_runs(module: Any, cache: Path | None, rules: tuple[str, str], source: str | None = None,
               shipped: Any = None) -> dict[str, Any]:
    from events_rule_runs import HalfRuns

    runs = HalfRuns(module.OPTION, "tune", cache)

    def search(accept: str, train: list[int]) -> Any:
        return module.fit(runs, accept, train, quiet=True)[0]

    choices: list[dict[str, Any]] = []
    fit = search if source is None else with_incumbent(search, lambda r, w: runs.score_waves(r, w),
                                                       module.objective, source, shipped, choices)
    return {**leave_one_wave_out(fit, lambda rule, w: runs.score(rule, [w]), module.objective, rules),
            "incumbent_choices": choices}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("which", choices=("record", "context", "place"))
    parser.add_argument("--cache", type=Path, help="a scratch folder (outside the repository) for the runs")
    parser.add_argument("--rules", nargs=2, choices=ACCEPT_RULES, default=["in-sample", "out-of-fold"],
                        help="the base acceptance rule and the one compared with it")
    parser.add_argument("--incumbent", choices=("previous", "shipped"),
                        help="compare in-sample with in-sample + the incumbent rule (the incumbent: the "
                             "previous round's fit, or the shipped file) instead of two acceptance rules")
    args = parser.parse_args()
    rules = (args.rules[0], args.rules[1]) if args.incumbent is None else ("in-sample", "incumbent")
    start = time.time()
    if args.which == "record":
        result = study_record(rules, args.incumbent)
    else:
        import events_context
        import events_place_context

        module = events_context if args.which == "context" else events_place_context
        shipped = module.ContextRule.load() if args.which == "context" else module.PlaceContext.load()
        result = study_runs(module, args.cache, rules, args.incumbent, shipped)
    result["seconds"] = round(time.time() - start)
    print(json.dumps(result["summary"], indent=1), flush=True)
    suffix = "" if rules == ("in-sample", "out-of-fold") else "_" + "_".join(r.replace("-", "") for r in rules)
    if args.incumbent is not None:
        suffix = f"_incumbent_{args.incumbent}"
    out = REPO / "benchmarks" / "results" / f"events_rule_acceptance_{args.which}{suffix}.json"
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print("wrote", out)


if __name__ == "__main__":
    main()
