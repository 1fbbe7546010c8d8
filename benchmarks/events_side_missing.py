"""The "side missing" actor misses (issue 13, branch events30): three readings chosen leave one wave out.

Three readings of ``sitrep.stages.events.arguments`` give an event the sides or coordinated doers
the parse holds, each behind a named switch:

* ``CLAUSE_BETWEEN`` — a nominal event that is the subject of its clause takes the sides of a
  "between"/"among" phrase the parser hung on the clause's verb or on one of its prepositional
  objects ("clashes erupted on Friday at midnight between X and Y");
* ``FROM_COMPLEMENT`` — an unnamed group noun's "from" complement names its party when that is an
  organisation ("fighters from the YPG"; not a state);
* ``RUN_ON_LISTS`` — a list whose commas the text lost ("The US Britain France and Russia have
  urged"), parsed as a chain of proper-noun compounds, gives every named party of the chain.

Every combination of the switches (8) is run over the FA-KES ``tune`` articles. Validation: leave
one wave out — the tune articles in the gold file's order are the first sample's tune half (24
articles) and then the later rounds of ``tests/test_gold_events.py``'s ``LATER_ROUNDS`` (``WAVES``);
for each wave the combination with the best actor accuracy on the other waves (ties: fewer
switches on) is scored on the held-out wave, and the held-out counts are summed. The per-wave
paired difference (the chosen combination minus all off, in right actors) gives the spread. The
switches ship on only when the out-of-fold actor accuracy beats all off, event F1 does not fall,
and the mean per-wave gain is larger than the standard deviation of the per-wave differences. The
``check`` half is not run here (it is scored once, after, with ``sitrep eval events``).

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_side_missing.py``
(a few minutes: eight runs of the tune half). Writes ``benchmarks/results/events_side_missing.json``.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from common import REPO, plover_tune_gold  # noqa: E402  (puts the repository's src on sys.path)
from events_recipient_links import score_subset, tune_runs  # noqa: E402  (the switch runs of the tune half)

from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.stages.events.article_scorer import score_articles  # noqa: E402
from sitrep.stages.events.scorer import score as score_events  # noqa: E402

OUT = REPO / "benchmarks" / "results" / "events_side_missing.json"
SWITCHES = ("CLAUSE_BETWEEN", "FROM_COMPLEMENT", "RUN_ON_LISTS")
#: the tune half's waves in the gold file's order: the first sample's tune articles, then the later
#: rounds (``LATER_ROUNDS`` of ``tests/test_gold_events.py``: 4, 4, 6 and waves 6-15 of 8; a test
#: holds the two together)
WAVES = (24, 4, 4, 6, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8)
KEYS = ("event_f1", "matched", "actor_accuracy", "actor_f1", "recipient_accuracy", "place_accuracy",
        "status_accuracy")


def wave_of(n_articles: int) -> list[int]:
    """The wave index of each tune article, in file order."""
    if sum(WAVES) != n_articles:
        raise SystemExit(f"the tune half has {n_articles} articles, WAVES counts {sum(WAVES)}: update WAVES")
    return [w for w, size in enumerate(WAVES) for _ in range(size)]


Combo = tuple[bool, ...]


@dataclass(frozen=True)
class WaveChoice:
    """A leave-one-wave-out validation of switch combinations (``leave_one_wave_out``)."""

    chosen: list[Combo]  # per wave, the combination chosen on the other waves
    gains: list[int]  # per wave, right answers of the chosen combination minus all off
    held: dict[str, Any]  # the chosen combinations' scores, pooled over the held-out waves
    base: dict[str, Any]  # all off, on the same articles
    mean: float
    sd: float

    def passes(self, key: str) -> bool:
        """The bar: ``key`` beats all off out of fold, event F1 does not fall, and the mean
        per-wave gain is larger than the standard deviation of the per-wave differences."""
        return (self.held[key] > self.base[key] and self.held["event_f1"] >= self.base["event_f1"]
                and self.mean > self.sd)


def leave_one_wave_out(articles: list[Any], runs: dict[Combo, list[Any]], pick: Callable[[list[int]], Combo],
                       right: Callable[[Combo, list[int]], int]) -> WaveChoice:
    """For each wave of ``WAVES``, the combination ``pick`` chooses on the other waves, scored on the
    held-out wave against all switches off (``right``: right answers of a combination on articles)."""
    wave = wave_of(len(articles))
    off = (False,) * len(next(iter(runs)))
    chosen, gains, held_articles, picked, base_runs = [], [], [], [], []
    for w in range(len(WAVES)):
        train = [i for i in range(len(articles)) if wave[i] != w]
        test = [i for i in range(len(articles)) if wave[i] == w]
        combo = pick(train)
        chosen.append(combo)
        gains.append(right(combo, test) - right(off, test))
        held_articles += [articles[i] for i in test]
        picked += [runs[combo][i] for i in test]
        base_runs += [runs[off][i] for i in test]
    return WaveChoice(chosen, gains, score_articles(held_articles, picked)["tune"],
                      score_articles(held_articles, base_runs)["tune"], statistics.mean(gains), statistics.stdev(gains))



def wave_report(articles: list[Any], runs: dict[Combo, list[Any]], switches: tuple[str, ...],
                pick: Callable[[list[int]], Combo], right: Callable[[Combo, list[int]], int], gain: str,
                key: str, keys: tuple[str, ...], *, with_base: bool = True) -> dict[str, Any]:
    """One entry of a switch study: ``leave_one_wave_out`` of ``pick``, per wave the switches chosen
    and the gain in ``right`` answers (named ``gain``), the spread, the bar on ``key``, the held-out
    ``keys`` and (``with_base``) the same articles' figures with every switch off."""
    wave = wave_of(len(articles))
    lowo = leave_one_wave_out(articles, runs, pick, right)
    folds = [{"wave": w, "articles": wave.count(w), "chosen": [s for s, on in zip(switches, c, strict=True) if on],
              gain: g} for w, (c, g) in enumerate(zip(lowo.chosen, lowo.gains, strict=True))]
    out = {"waves": folds, "gains": lowo.gains, "mean": round(lowo.mean, 4), "sd": round(lowo.sd, 4),
           "passes": lowo.passes(key), **{k: lowo.held[k] for k in keys}}
    if with_base:
        out["all_off_same_articles"] = {k: lowo.base[k] for k in keys}
    return out


def add_choices(result: dict[str, Any], switches: tuple[str, ...], runs: dict[Combo, list[Any]],
                per_wave: Callable[[Callable[[list[int]], Combo]], dict[str, Any]],
                score: Callable[[Combo, list[int]], dict[str, Any]], best: Callable[[list[int]], Combo],
                keys: tuple[str, ...], extra: dict[str, Callable[[list[int]], Combo]] | None = None) -> None:
    """The rest of a switch study after its leave-one-wave-out choice: each switch alone (and the
    ``extra`` picks) validated the same way, every combination scored on all tune, the choice on all
    tune and whether the leave-one-wave-out choice passes (``result["leave_one_wave_out"]``)."""
    everything = list(range(len(next(iter(runs.values())))))
    for k, name in enumerate(switches):
        alone = tuple(j == k for j in range(len(switches)))
        result[f"{name} alone"] = per_wave(lambda train, c=alone: c)
    for name, pick in (extra or {}).items():
        result[name] = per_wave(pick)
    result["combinations"] = [{"on": [s for s, on in zip(switches, c, strict=True) if on],
                               **{k: score(c, everything)[k] for k in keys}} for c in runs]
    chosen = best(everything)
    result["chosen on all tune"] = [s for s, on in zip(switches, chosen, strict=True) if on]
    result["ships"] = result["leave_one_wave_out"]["passes"]


def switch_study(articles: list[Any], runs: dict[Combo, list[Any]], switches: tuple[str, ...],
                 count: Callable[[dict[str, Any]], int], gain: str, key: str, keys: tuple[str, ...], *,
                 head: dict[str, Any] | None = None, with_base: bool = True,
                 extra: dict[str, Callable[[list[int]], Combo]] | None = None) -> dict[str, Any]:
    """A switch study: every setting scored by ``count`` (right answers of a scored subset) on the tune
    articles, the setting with the most chosen leaving one wave out (ties: the fewer switches on; its
    entry's gain named ``gain``, its bar on ``key``), then ``add_choices`` (each switch alone, the
    ``extra`` picks, every combination); ``head`` comes first in the result (an objective)."""
    everything = list(range(len(articles)))

    def score(combo: Combo, idx: list[int]) -> dict[str, Any]:
        return score_subset(articles, runs[combo], idx)

    def right(combo: Combo, idx: list[int]) -> int:
        return count(score(combo, idx))

    def best(train: list[int]) -> Combo:
        return max(runs, key=lambda c: (right(c, train), -sum(c)))

    def per_wave(pick: Callable[[list[int]], Combo]) -> dict[str, Any]:
        return wave_report(articles, runs, switches, pick, right, gain, key, keys, with_base=with_base)

    off = (False,) * len(switches)
    result = {**(head or {}), "all_off": {k: score(off, everything)[k] for k in keys},
              "leave_one_wave_out": per_wave(best)}
    add_choices(result, switches, runs, per_wave, score, best, keys, extra=extra)
    return result


def right_actors(scored: dict[str, Any]) -> int:
    """Right actors of a scored subset (its actor accuracy times its matched events)."""
    return round(scored["actor_accuracy"] * scored["matched"])


PLOVER_KEYS = ("category_accuracy", "actor_f1", "recipient_f1", "n")


def plover_dev(module: Any, switches: tuple[str, ...],
               settings: dict[str, tuple[bool, ...]]) -> dict[str, dict[str, Any]]:
    """The PLOVER GSR dev scores (``PLOVER_KEYS``) of its **tune part** (``scorer.plover_split``) under each
    named setting of ``switches`` (module attributes of ``module``, one flag per switch); the switches are
    restored after. (Until 2026-12-07 this read the whole dev file, its check part included: the PLOVER guards
    of the studies that called it read the check part; docs/benchmarks.md, the 12-07 morning round.)"""
    records, golds = plover_tune_gold()
    saved = {name: getattr(module, name) for name in switches}
    out = {}
    try:
        for label, combo in settings.items():
            for name, on in zip(switches, combo, strict=True):
                setattr(module, name, on)
            scored = score_events(records, run_documents(build_for(get_task("events")), golds).analyses)
            out[label] = {k: scored[k] for k in PLOVER_KEYS}
            print("PLOVER dev", label, out[label], flush=True)
    finally:
        for name, value in saved.items():
            setattr(module, name, value)
    return out


def right_recipients(scored: dict[str, Any]) -> int:
    """Right recipients of a scored subset (its recipient accuracy times its matched events)."""
    return round(scored["recipient_accuracy"] * scored["matched"])


def write_study(result: dict[str, Any], out: Any, line: Callable[[str, dict[str, Any]], str],
                notes: tuple[str, ...] = ()) -> None:
    """Prints one ``line`` per validated entry of ``result``, the ``notes``, the choice and the
    verdict, and writes ``result`` as JSON to ``out``."""
    for name, r in result.items():
        if isinstance(r, dict) and "gains" in r:
            print(line(name, r))
    for note in notes:
        print(note)
    print("chosen on all tune:", result["chosen on all tune"], "ships:", result["ships"])
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")

def main() -> None:
    articles, runs = tune_runs(SWITCHES, KEYS)
    wave = wave_of(len(articles))

    def score(combo: tuple[bool, ...], idx: list[int]) -> dict[str, Any]:
        return score_subset(articles, runs[combo], idx)

    def right(combo: tuple[bool, ...], idx: list[int]) -> int:
        s = score(combo, idx)
        return round(s["actor_accuracy"] * s["matched"])

    def best(train: list[int]) -> tuple[bool, ...]:
        return max(runs, key=lambda c: (score(c, train)["actor_accuracy"], -sum(c)))

    lowo = leave_one_wave_out(articles, runs, best, right)
    folds = []
    for w, (combo, diff) in enumerate(zip(lowo.chosen, lowo.gains, strict=True)):
        test = [i for i in range(len(articles)) if wave[i] == w]
        folds.append({"wave": w, "articles": len(test), "chosen": dict(zip(SWITCHES, combo, strict=True)),
                      "right_actors_gain": diff, **{k: score(combo, test)[k] for k in KEYS}})
    oof, baseline, diffs, mean, sd = lowo.held, lowo.base, lowo.gains, lowo.mean, lowo.sd
    chosen = best(list(range(len(articles))))
    ships = lowo.passes("actor_accuracy")
    for f in folds:
        print(f)
    print("leave one wave out:", {k: oof[k] for k in KEYS})
    print("all off:           ", {k: baseline[k] for k in KEYS})
    print(f"per-wave gain in right actors: {diffs}, mean {mean:.3f}, sd {sd:.3f}")
    print("chosen on all tune:", dict(zip(SWITCHES, chosen, strict=True)), "ships:", ships)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({
        "objective": "actor accuracy on matched tune events, leave one wave out; ships only when the "
                     "held-out figure beats all switches off, event F1 does not fall and the mean "
                     "per-wave gain exceeds the sd of the per-wave differences",
        "combinations": [{**dict(zip(SWITCHES, c, strict=True)),
                          **{k: score(c, list(range(len(articles))))[k] for k in KEYS}} for c in runs],
        "leave_one_wave_out": {"waves": folds, **{k: oof[k] for k in KEYS}},
        "all_off": {k: baseline[k] for k in KEYS},
        "per_wave_gain": {"values": diffs, "mean": round(mean, 4), "sd": round(sd, 4)},
        "chosen": dict(zip(SWITCHES, chosen, strict=True)), "ships": ships,
    }, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
