"""The leave-one-wave-out library of the events stage's switch studies (issue 13).

The tune articles in the gold file's order are the first sample's tune half (24 articles) and then
the later rounds of ``tests/test_gold_events.py``'s ``LATER_ROUNDS`` (``WAVES``). A study runs every
combination of its switches over the FA-KES ``tune`` articles (``events_recipient_links.tune_runs``);
for each wave the combination with the best figure on the other waves (ties: fewer switches on) is
scored on the held-out wave (``leave_one_wave_out``, ``switch_study``), and the per-wave paired
difference against all off gives the spread. ``plover_dev`` scores the PLOVER GSR dev file's tune part
under each setting. The ``check`` half is never run here.

Branch events30 built this module as the study of three "side missing" readings of
``arguments`` (``CLAUSE_BETWEEN``, ``FROM_COMPLEMENT``, ``RUN_ON_LISTS``); they failed their bar and
were removed on 2026-12-07 (branch prune1; last in commit ``cdd3c16e55``); its results stay in
``benchmarks/results/events_side_missing.json``.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from common import plover_tune_gold  # noqa: E402  (puts the repository's src on sys.path)
from events_recipient_links import score_subset  # noqa: E402  (the switch runs of the tune half)

from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.stages.events.article_scorer import score_articles  # noqa: E402
from sitrep.stages.events.scorer import score as score_events  # noqa: E402

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
