"""Learning curves of the events stage's learned components (issue 13, branch curve1): are they
short of coded articles, or of inputs? Measurement only: nothing in ``src`` changes.

The components and the scripts that fit them (their machinery is imported, not copied):
the learned recipient (``events_recipient_model``: ``inner_setting`` with ``CS``, ``fit``,
``apply``), the learned record check (``events_record_model``: ``fit``, ``CS``, ``THRESHOLDS``,
``in_scope``; its inner choice lives in that script's ``main``, so ``record_choose`` here repeats
its rule: the (C, threshold) of the highest out-of-fold event F1 of the training waves, ties to the
lower threshold then the smaller C). Branch curve1 also curved the learned doer (``doer_model``,
switched off); its code was removed by branch prune2, and ``events_learning_curve_doer.json`` is the
record of that run.

**Collection** (``--collect``, the slow part, two pipeline runs over the tune half): run A with
``LEARNED_RECIPIENTS`` off and ``recipient_model.RECORDER`` set (as ``events_recipient_model``);
run B with ``record_model.USE`` on with no model and ``record_model.RECORD`` set (as
``events_record_model``; with no model every event is kept). Both are pickled
to ``--cache`` (outside the repository: the analyses hold article text).

**The curve** (default): leave one wave out over ``events_side_missing.WAVES``; inside each fold
the training waves are subsampled **whole** (``subsample_waves``: seeded, a wave never cut) at
``FRACTIONS`` of them (``SEEDS`` seeds at each partial fraction, 100 % once); the component is
refitted as its script fits it (its own in-fold choices of C and threshold) on the kept waves only
and applied to the held-out wave, and also to the kept waves (the in-sample figure). Per fraction:
the pooled out-of-fold gain over the rules alone in the component's unit (right recipients; right
events 2 × matched − predicted and event F1; right actors), its spread (sd over seeds × folds of
the per-wave gain) and a trend in the number of training articles (``trend``). The check half is
never read.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_learning_curve.py
--collect`` then ``... --component recipient|record``. Writes
``benchmarks/results/events_learning_curve_<component>.json``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import pickle
import random
import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import REPO, fakes_csv  # noqa: E402  (puts the repository's src on sys.path)
from events_side_missing import WAVES, wave_of  # noqa: E402

from sitrep.stages.events.article_scorer import (  # noqa: E402
    match_events,
    read_article_gold,
    read_texts,
    score_articles,
)

GOLD = REPO / "benchmarks" / "data" / "fakes_events_gold.jsonl"
OUT = REPO / "benchmarks" / "results"
CACHE = Path("/tmp/curve1/events_learning_curve.pkl")
FRACTIONS = (0.25, 0.5, 0.75, 1.0)
SEEDS = 4


def subsample_waves(waves: list[int], fraction: float, seed: int) -> list[int]:
    """Whole waves of ``waves`` kept at ``fraction`` (rounded, at least 2 so an inner leave one wave
    out is possible), chosen by ``random.Random(seed)``; all of them, in order, at 1.0."""
    ordered = sorted(waves)
    if fraction >= 1.0:
        return ordered
    k = max(2, min(len(ordered), round(fraction * len(ordered))))
    return sorted(random.Random(seed).sample(ordered, k))


def collect(cache: Path) -> None:
    """The two pipeline runs over the tune half, pickled to ``cache``."""
    from sitrep.evaluation import build_for, get_task, run_documents
    from sitrep.evaluation.runner import GoldText
    from sitrep.stages.events import recipient_model, record_model

    articles = read_article_gold(GOLD, split="tune")
    texts = read_texts(articles, fakes_csv())
    docs = [GoldText(a.document, t, a.published) for a, t in zip(articles, texts, strict=True)]
    rec_cands: dict[str, Any] = {}
    recipient_model.RECORDER = rec_cands.__setitem__
    switch, recipient_model.LEARNED_RECIPIENTS = recipient_model.LEARNED_RECIPIENTS, False
    try:
        run_a = run_documents(build_for(get_task("events")), docs).analyses
    finally:
        recipient_model.RECORDER, recipient_model.LEARNED_RECIPIENTS = None, switch
    print("run A done", flush=True)
    record_model.USE, record_model.RECORD = True, []
    record_model._LOADED[record_model.MODEL_FILE] = None
    try:
        run_b = run_documents(build_for(get_task("events")), docs).analyses
        records = list(record_model.RECORD)
    finally:
        record_model.USE, record_model.RECORD = False, None
        record_model._LOADED.clear()
    cache.parent.mkdir(parents=True, exist_ok=True)
    with cache.open("wb") as fh:
        pickle.dump({"run_a": run_a, "recipient": rec_cands, "run_b": run_b,
                     "record": records}, fh)
    print("wrote", cache, flush=True)



#: the per-wave tallies kept for every held-out wave (pooled figures are sums of them)
TALLY = ("gold_events", "predicted_events", "matched", "actor_right", "recipient_right")
BOOTSTRAP = 1000
BAR_POOLED = 8


def tally(articles: list[Any], analyses: list[Any], idx: list[int]) -> dict[str, int]:
    """The article scorer's counts for the articles at ``idx`` (right actors and recipients on
    matched events: the accuracy times the matched count, as the fitting scripts count them)."""
    if not idx:
        return dict.fromkeys(TALLY, 0)
    s = score_articles([articles[i] for i in idx], [analyses[i] for i in idx])["all"]
    return {"gold_events": s["gold_events"], "predicted_events": s["predicted_events"], "matched": s["matched"],
            "actor_right": round(s["actor_accuracy"] * s["matched"]),
            "recipient_right": round(s["recipient_accuracy"] * s["matched"])}


def unit(component: str, t: dict[str, int]) -> int:
    """The component's own unit: right recipients, or right events (2 × matched − predicted)."""
    if component == "recipient":
        return t["recipient_right"]
    return 2 * t["matched"] - t["predicted_events"]


def headline(component: str, t: dict[str, int]) -> float:
    """The headline figure the component moves: recipient accuracy, or event F1."""
    m = t["matched"]
    if component == "recipient":
        return t["recipient_right"] / m if m else 0.0
    total = t["predicted_events"] + t["gold_events"]
    return 2 * m / total if total else 0.0


@dataclasses.dataclass
class Setup:
    """One component, ready to be refitted: ``fit(kept article indices)`` gives a model,
    ``apply(model, indices)`` the analyses (all of them, those at the indices changed)."""

    name: str
    articles: list[Any]
    base: list[Any]
    wave: list[int]
    fit: Callable[[list[int]], Any]
    apply: Callable[[Any, list[int]], list[Any]]


def case_setup(name: str, cache: dict[str, Any], articles: list[Any]) -> Setup:
    """The learned recipient, fitted and applied by its own script's functions."""
    import events_recipient_model as script

    from sitrep.resources import Resources

    wave = wave_of(len(articles))
    kb = Resources().kb
    base = cache["run_a"]
    cases = script.collect(articles, base, cache["recipient"], kb)

    def fit(idx: list[int]) -> Any:
        keep = set(idx)
        return script.train([c for c in cases if c.article in keep], wave, script.CS)[0]

    def apply(model: Any, idx: list[int]) -> list[Any]:
        return script.apply(base, cases, model, set(idx), kb)  # type: ignore[no-any-return]

    return Setup(name, articles, base, wave, fit, apply)


class RecordFit:
    """The learned record check as ``events_record_model`` fits it: per article its events' recorded
    features and labels (paired with a coder's event or not), ``choose`` by an inner leave one wave
    out (highest pooled event F1 of the training waves; ties to the lower threshold, then the
    smaller C), the model fitted on the training waves with that C."""

    def __init__(self, articles: list[Any], base: list[Any], records: list[Any]) -> None:
        import events_record_model as script

        self.script = script
        self.articles, self.base = articles, base
        self.data = script.RecordData.build(articles, base, {(d, e): f for d, e, f in records})
        self.wave = self.data.wave
        self._matched: dict[tuple[int, tuple[bool, ...]], int] = {}

    def f1(self, idx: list[int], probs: dict[int, list[float]], t: float) -> float:
        """Pooled event F1 of the articles at ``idx`` with events below ``t`` dropped (the scorer's
        one-to-one matching, memoised per article and kept set)."""
        m = p = g = 0
        for i in idx:
            kept = tuple(x >= t for x in probs[i])
            key = (i, kept)
            if key not in self._matched:
                events = [e for e, k in zip(self.base[i].events, kept, strict=True) if k]
                self._matched[key] = len(match_events(self.articles[i].events, events))
            m += self._matched[key]
            p += sum(kept)
            g += len(self.articles[i].events)
        return round(2 * m / (p + g), 4) if p + g else 0.0  # rounded as score_articles rounds

    def fit(self, train: list[int]) -> tuple[Any, float]:
        c, t, _ = self.data.choose(train, self.f1)
        return self.script.fit(*self.data.rows(train), c), t

    def apply(self, model: tuple[Any, float], idx: list[int]) -> list[Any]:
        fitted, t = model
        probs = self.data.predict(fitted, idx)
        out = list(self.base)
        for i in idx:
            out[i] = dataclasses.replace(self.base[i], events=[
                e for e, x in zip(self.base[i].events, probs[i], strict=True) if x >= t])
        return out


def record_setup(cache: dict[str, Any], articles: list[Any]) -> Setup:
    rf = RecordFit(articles, cache["run_b"], cache["record"])
    return Setup("record", articles, rf.base, rf.wave, rf.fit, rf.apply)


def articles_of(wave: list[int], waves: list[int]) -> list[int]:
    """The indices of every article whose wave (``wave``: per article) is one of ``waves``."""
    keep = set(waves)
    return [i for i, x in enumerate(wave) if x in keep]


def fold_run(setup: Setup, w: int, kept_waves: list[int]) -> dict[str, Any]:
    """The component fitted on ``kept_waves`` and applied to wave ``w`` (out of fold) and to the
    kept waves (in sample): the held-out wave's tallies off and on, the kept waves' gain."""
    idx_train, idx_test = articles_of(setup.wave, kept_waves), articles_of(setup.wave, [w])
    model = setup.fit(idx_train)
    held = setup.apply(model, idx_test)
    inside = setup.apply(model, idx_train)
    off_in, on_in = tally(setup.articles, setup.base, idx_train), tally(setup.articles, inside, idx_train)
    return {"wave": w, "kept_waves": kept_waves, "train_articles": len(idx_train),
            "off": tally(setup.articles, setup.base, idx_test), "on": tally(setup.articles, held, idx_test),
            "in_sample_gain": unit(setup.name, on_in) - unit(setup.name, off_in)}


def curve(setup: Setup) -> list[dict[str, Any]]:
    """Every (fraction, seed) run: leave one wave out, training waves subsampled whole."""
    waves = sorted(set(setup.wave))
    runs = []
    for fraction in FRACTIONS:
        for s in range(1 if fraction >= 1.0 else SEEDS):
            folds = [fold_run(setup, w, subsample_waves([x for x in waves if x != w], fraction, 1000 * s + w))
                     for w in waves]
            runs.append({"fraction": fraction, "seed": s, "folds": folds})
            print(summary(setup.name, runs[-1]), flush=True)
    return runs


def pooled(folds: list[dict[str, Any]], side: str, pick: list[int] | None = None) -> dict[str, int]:
    chosen = folds if pick is None else [folds[k] for k in pick]
    return {k: sum(f[side][k] for f in chosen) for k in TALLY}


def summary(name: str, run: dict[str, Any]) -> dict[str, Any]:
    folds = run["folds"]
    off, on = pooled(folds, "off"), pooled(folds, "on")
    gains = [unit(name, f["on"]) - unit(name, f["off"]) for f in folds]
    n_train = statistics.mean(f["train_articles"] for f in folds)
    return {"fraction": run["fraction"], "seed": run["seed"], "train_articles": round(n_train, 1),
            "gain": unit(name, on) - unit(name, off), "per_wave": gains,
            "headline_off": round(headline(name, off), 4), "headline_on": round(headline(name, on), 4),
            "in_sample_gain_per_article": round(statistics.mean(
                f["in_sample_gain"] / f["train_articles"] for f in folds), 4)}


def loglinear(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """Least-squares ``y = a + b ln x``: (a, b)."""
    lx = [math.log(x) for x in xs]
    mx, my = statistics.mean(lx), statistics.mean(ys)
    sxx = sum((v - mx) ** 2 for v in lx)
    b = sum((v - mx) * (y - my) for v, y in zip(lx, ys, strict=True)) / sxx if sxx else 0.0
    return my - b * mx, b


def points(name: str, runs: list[dict[str, Any]], pick: list[int]) -> tuple[list[float], list[float], list[float]]:
    """Per run, over the held-out waves at ``pick``: mean training articles, gain per evaluated
    article, headline figure on."""
    xs, gains, heads = [], [], []
    for run in runs:
        folds = run["folds"]
        off, on = pooled(folds, "off", pick), pooled(folds, "on", pick)
        n_eval = sum(WAVES[folds[k]["wave"]] for k in pick)
        xs.append(statistics.mean(f["train_articles"] for f in folds))
        gains.append((unit(name, on) - unit(name, off)) / n_eval)
        heads.append(headline(name, on))
    return xs, gains, heads


def trend(name: str, runs: list[dict[str, Any]], seed: int = 0) -> dict[str, Any]:
    """The log-linear trend of gain per article and of the headline in the training articles,
    extrapolated to 2× and 4× (training articles ``k`` × those at 100 %), with 95 % intervals by a
    bootstrap over the held-out waves (the same resample for every run)."""
    n_waves = len(runs[0]["folds"])
    everything = list(range(n_waves))
    n_full = statistics.mean(f["train_articles"] for f in runs[-1]["folds"])
    n_tune = sum(WAVES)

    def project(pick: list[int]) -> dict[str, float]:
        xs, gains, heads = points(name, runs, pick)
        (ga, gb), (ha, hb) = loglinear(xs, gains), loglinear(xs, heads)
        out = {"slope_gain_per_article_per_ln": gb, "slope_headline_per_ln": hb}
        for k in (1, 2, 4):
            g = ga + gb * math.log(k * n_full)
            out[f"gain_per_article_{k}x"] = g
            out[f"pooled_gain_{k}x"] = g * k * n_tune
            out[f"headline_{k}x"] = ha + hb * math.log(k * n_full)
        return out

    point = project(everything)
    rng = random.Random(seed)
    boots = [project([rng.randrange(n_waves) for _ in everything]) for _ in range(BOOTSTRAP)]
    interval = {}
    for key in point:
        vals = sorted(b[key] for b in boots)
        interval[key] = [round(vals[int(0.025 * len(vals))], 4), round(vals[int(0.975 * len(vals)) - 1], 4)]
    return {"model": "y = a + b ln(training articles), least squares over every (fraction, seed) run",
            "training_articles_at_100": round(n_full, 1), "point": {k: round(v, 4) for k, v in point.items()},
            "interval_95": interval}


def by_fraction(name: str, runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per fraction: pooled gain (mean and sd over seeds), per-wave gain mean and sd over seeds ×
    folds, headline on, in-sample gain per article against out of fold (the fit gap)."""
    rows = []
    for fraction in FRACTIONS:
        sums = [summary(name, r) for r in runs if r["fraction"] == fraction]
        per_wave = [g for s in sums for g in s["per_wave"]]
        pooled_gains = [s["gain"] for s in sums]
        oof_per_article = statistics.mean(pooled_gains) / sum(WAVES)
        in_sample = statistics.mean(s["in_sample_gain_per_article"] for s in sums)
        rows.append({
            "fraction": fraction, "runs": len(sums), "train_articles": round(statistics.mean(
                s["train_articles"] for s in sums), 1),
            "pooled_gain_mean": round(statistics.mean(pooled_gains), 2),
            "pooled_gain_sd_over_seeds": round(statistics.stdev(pooled_gains), 2) if len(sums) > 1 else None,
            "per_wave_mean": round(statistics.mean(per_wave), 3), "per_wave_sd": round(statistics.stdev(per_wave), 3),
            "headline_off": sums[0]["headline_off"],
            "headline_on_mean": round(statistics.mean(s["headline_on"] for s in sums), 4),
            "in_sample_gain_per_article": round(in_sample, 4),
            "out_of_fold_gain_per_article": round(oof_per_article, 4),
            "fit_gap_per_article": round(in_sample - oof_per_article, 4)})
    return rows


def decide(rows: list[dict[str, Any]], fitted: dict[str, Any]) -> dict[str, Any]:
    """The pre-registered reading (docs/benchmarks.md, curve1)."""
    at = {r["fraction"]: r for r in rows}
    last_step = at[1.0]["pooled_gain_mean"] - at[0.75]["pooled_gain_mean"]
    past_half = at[1.0]["pooled_gain_mean"] - at[0.5]["pooled_gain_mean"]
    sd_wave = at[1.0]["per_wave_sd"]
    wave_size = sum(WAVES) / len(WAVES)
    verdicts = {}
    for k in (2, 4):
        low = fitted["interval_95"][f"pooled_gain_{k}x"][0]
        mean_wave = fitted["point"][f"gain_per_article_{k}x"] * wave_size
        verdicts[f"bar_at_{k}x"] = {"pooled_point": fitted["point"][f"pooled_gain_{k}x"], "pooled_lower": low,
                                    "per_wave_mean_projected": round(mean_wave, 3), "per_wave_sd_now": sd_wave,
                                    "passes": bool(low >= BAR_POOLED and mean_wave > sd_wave)}
    short = (verdicts["bar_at_4x"]["pooled_lower"] >= BAR_POOLED and last_step > at[0.75]["pooled_gain_sd_over_seeds"])
    flat = abs(past_half) <= at[0.5]["pooled_gain_sd_over_seeds"]
    reading = "short of data" if short else "input-limited" if flat else "neither (rises, but too little)"
    return {"last_step": round(last_step, 2), "spread_at_75": at[0.75]["pooled_gain_sd_over_seeds"],
            "past_half": round(past_half, 2), "spread_at_50": at[0.5]["pooled_gain_sd_over_seeds"],
            **verdicts, "reading": reading}


def run_component(name: str, cache_path: Path) -> None:
    articles = read_article_gold(GOLD, split="tune")
    with cache_path.open("rb") as fh:
        cache = pickle.load(fh)  # noqa: S301  (our own file, written by --collect)
    setup = record_setup(cache, articles) if name == "record" else case_setup(name, cache, articles)
    runs = curve(setup)
    rows = by_fraction(name, runs)
    fitted = trend(name, runs)
    result = {"component": name, "articles": len(articles), "waves": len(WAVES), "fractions": rows,
              "trend": fitted, "decision": decide(rows, fitted), "runs": [summary(name, r) for r in runs],
              "folds": runs}
    for row in rows:
        print(row)
    print(json.dumps({"trend": fitted, "decision": result["decision"]}, indent=1))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"events_learning_curve_{name}.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--collect", action="store_true", help="run the pipeline twice and pickle what the fits need")
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--component", choices=("recipient", "record"))
    args = parser.parse_args()
    if args.collect:
        collect(args.cache)
    if args.component:
        run_component(args.component, args.cache)


if __name__ == "__main__":
    main()
