"""How sure are the headline figures? Seeded bootstrap 95 % intervals for every accuracy row of
``docs/benchmarks.md``'s "Where each issue stands", tune and check (issues 11-14, ``ci1``).

Each row's evaluation is run once, through its own functions (the gold reader, the evaluation
runner ``sitrep.evaluation.run_documents``, the stage's pure scorer; ``sitrep eval incidents``'s
steps for the pairs; ``geo_bench.py``'s gold-span resolution for GeoWebNews and LGL). What is
kept per unit is the unit's gold and the pipeline's output for it; the statistic of a resample is
the evaluation's own scorer run on the resampled units, so nothing is re-scored by new code.

The unit resampled is the one the data is drawn in: an article (FA-KES casualty and events gold,
GeoWebNews and LGL), a record (PLOVER GSR dev), and for the incident pairs a connected component
of the pair graph the linker's cross-validation uses (``scripts/fit_incident_linker.py``'s
``fold_groups``: the pairs blocking compares, joined by shared reports; a pair it never compares
rides with its lower report's component). Resampling pairs one by one would understate the
spread: the pairs of one report share its analysis. 2,000 draws, seed 7 (a fresh generator per
evaluation and split); the interval is the 2.5th-97.5th percentile of the draws.

Usage (from the repository root; ``DB`` as ``benchmarks/incidents_cost.py`` builds it)::

    SITREP_SHARED=../shared OMP_NUM_THREADS=1 python benchmarks/headline_intervals.py --db DB \\
        [--json FILE] [--draws 2000] [--seed 7] [--only casualties,events,plover,incidents,geo]
        [--incident-units components|pairs]

Prints one line per row (tune point [interval], check point [interval], target, where the target
lies); ``--json`` writes the rows and each evaluation's full point metrics (the dict its
``sitrep eval ... --json`` prints for that split), for comparison with the headline's runs.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import headline
import numpy as np
from common import REPO, script_module, shared_dir

SPLITS = ("tune", "check")
DRAWS = 2000
SEED = 7

#: a scorer over unit indices (with repeats): the evaluation's metrics of those units
Scorer = Callable[[Sequence[int]], Mapping[str, Any]]


#: the headline's directions in the symbols this script prints
_SYMBOLS = {"at_least": ">=", "at_most": "<="}


@dataclass(frozen=True, slots=True)
class Row:
    """One accuracy row of the headline table: which evaluation, which figure, and the row of
    ``headline.TARGETS`` (the one table of targets) whose target it is read against."""

    issue: int
    label: str
    evaluation: str
    metric: str
    headline: str

    @property
    def _target(self) -> Any:
        return next(t for t in headline.TARGETS if t.issue == self.issue and t.measure == self.headline)

    @property
    def target(self) -> float | None:
        value = self._target.value
        return None if value is None else float(value)

    @property
    def direction(self) -> str:
        """">=" (an accuracy to reach) or "<=" (a rate to stay under)."""
        return _SYMBOLS[self._target.direction]


ROWS: tuple[Row, ...] = (
    Row(11, "same-incident pair F1", "incidents", "f1", "pair F1"),
    Row(11, "contested field right", "incidents", "contested_right", "contested field right"),
    Row(11, "contested false flags", "incidents", "false_flags", "contested false flags"),
    Row(12, "casualty figure F1", "casualties", "figure_f1", "figure F1"),
    Row(12, "main-killed accuracy", "casualties", "main_killed_accuracy", "main-killed accuracy"),
    Row(12, "attribution accuracy", "casualties", "attribution_accuracy", "attribution accuracy"),
    Row(12, "attribution strict (beside)", "casualties", "attribution_strict", "attribution strict"),
    Row(13, "PLOVER category accuracy", "plover", "category_accuracy", "PLOVER category accuracy"),
    Row(13, "PLOVER actor F1", "plover", "actor_f1", "PLOVER actor F1"),
    Row(13, "PLOVER recipient F1", "plover", "recipient_f1", "PLOVER recipient F1"),
    Row(13, "FA-KES event F1", "events", "event_f1", "FA-KES event F1"),
    Row(13, "FA-KES actor accuracy", "events", "actor_accuracy", "FA-KES actor (matched)"),
    Row(13, "FA-KES recipient accuracy", "events", "recipient_accuracy", "FA-KES recipient (matched)"),
    Row(13, "FA-KES place accuracy", "events", "place_accuracy", "FA-KES place (matched)"),
    Row(13, "FA-KES status accuracy", "events", "status_accuracy", "FA-KES status (matched)"),
    Row(14, "GeoWebNews acc@161 (gold spans)", "gwn", "acc161", "GWN acc@161 (gold spans)"),
    Row(14, "LGL acc@161 (gold spans)", "lgl", "acc161", "LGL acc@161 (gold spans)"),
)


@dataclass(frozen=True, slots=True)
class Outcomes:
    """One evaluation's per-unit outcomes on one split: what the bootstrap resamples.

    ``groups`` holds, per resampling unit (an article, a record, a component of pairs), the
    indices of the scored items it is made of; ``score`` is the evaluation's scorer on items."""

    evaluation: str
    split: str
    groups: tuple[tuple[int, ...], ...]
    score: Scorer


@dataclass(frozen=True, slots=True)
class Interval:
    """A point figure and its bootstrap percentile interval."""

    point: float | None
    low: float | None
    high: float | None
    #: draws in which the figure had a denominator (the others are dropped)
    draws: int
    units: int


def all_items(outcomes: Outcomes) -> list[int]:
    """Every item once, in order: what the evaluation itself scores."""
    return [i for group in outcomes.groups for i in group]


def bootstrap(outcomes: Outcomes, metrics: Sequence[str], *, draws: int = DRAWS,
              seed: int = SEED) -> dict[str, Interval]:
    """Each metric's point figure and 95 % percentile interval over ``draws`` resamples of the
    groups (with replacement, as many as there are; a group's items always drawn together)."""
    rng = np.random.default_rng(seed)
    n = len(outcomes.groups)
    values: dict[str, list[float]] = {m: [] for m in metrics}
    for _ in range(draws):
        picks = rng.integers(0, n, size=n)
        scored = outcomes.score([i for g in picks for i in outcomes.groups[int(g)]])
        for m in metrics:
            if scored.get(m) is not None:
                values[m].append(float(scored[m]))
    point = outcomes.score(all_items(outcomes))
    out = {}
    for m in metrics:
        got = values[m]
        low, high = (float(v) for v in np.percentile(got, [2.5, 97.5])) if got else (None, None)
        value = point.get(m)
        out[m] = Interval(None if value is None else float(value), low, high, len(got), n)
    return out


def where(target: float | None, interval: Interval) -> str:
    """Where the target lies against the interval: below, inside or above (bounds inclusive)."""
    if target is None or interval.low is None or interval.high is None:
        return "-"
    if target < interval.low:
        return "below"
    return "above" if target > interval.high else "inside"


def verdict(direction: str, place: str) -> str:
    """What the interval says of a target of ``direction`` (">=" or "<=") lying at ``place`` (the rule
    pre-registered in docs/benchmarks.md)."""
    if place in ("-", "inside"):
        return "-" if place == "-" else "not shown either way"
    met = place == "below" if direction == ">=" else place == "above"
    return "met (shown)" if met else "missed (shown)"


def singletons(n: int) -> tuple[tuple[int, ...], ...]:
    """One group per item: items drawn one by one (articles, records)."""
    return tuple((i,) for i in range(n))


def components_of(keys: Sequence[Any], group_of: Sequence[int]) -> tuple[tuple[int, ...], ...]:
    """Groups of item indices by their component number (``group_of[i]`` for item ``i``), in
    order of first appearance."""
    members: dict[int, list[int]] = {}
    for i, (_, g) in enumerate(zip(keys, group_of, strict=True)):
        members.setdefault(g, []).append(i)
    return tuple(tuple(v) for v in members.values())


# -- the evaluations ---------------------------------------------------------------------------------
def article_outcomes(evaluation: str, gold: Sequence[Any], texts: Sequence[str],
                     statistic: Callable[[list[Any], list[Any]], Any],
                     predict: Callable[[Sequence[Any]], Sequence[Any]] = list) -> dict[str, Outcomes]:
    """Per-article outcomes of each half: the ``evaluation`` task's pipeline run on the gold articles' texts (each
    dated by its ``published``), ``predict`` turning the analyses into the scorer's predictions, and
    ``statistic`` (the scorer) on the resampled articles' gold and predictions."""
    from sitrep.evaluation import build_for, get_task, run_documents
    from sitrep.evaluation.runner import GoldText

    run = run_documents(build_for(get_task(evaluation)),
                        [GoldText(a.document, t, a.published) for a, t in zip(gold, texts, strict=True)])
    predicted = predict(run.analyses)
    out = {}
    for split in SPLITS:
        g = [a for a in gold if a.split == split]
        p = [x for a, x in zip(gold, predicted, strict=True) if a.split == split]
        out[split] = Outcomes(evaluation, split, singletons(len(g)),
                              lambda idx, g=g, p=p: statistic([g[i] for i in idx], [p[i] for i in idx]))
    return out


def casualty_outcomes(gold_path: Path) -> dict[str, Outcomes]:
    """``sitrep eval casualties GOLD``'s steps (``evaluation.tasks.evaluate_casualties``), the
    articles of each half kept with their predictions; the statistic is the scorer's ``score``."""
    from sitrep.stages.casualties.scorer import (
        predictions,
        read_fakes_texts,
        read_gold,
        score,
    )

    gold = read_gold(gold_path)
    texts = read_fakes_texts(gold, shared_dir() / "corpus" / "fakes" / "FA-KES-Dataset.csv")
    return article_outcomes("casualties", gold, texts, score, predictions)


def event_outcomes(gold_path: Path) -> dict[str, Outcomes]:
    """``sitrep eval events`` on the FA-KES article gold (``tasks._evaluate_event_articles``); the
    statistic is ``article_scorer.score_articles``'s ``all`` over the resampled articles."""
    from sitrep.stages.events.article_scorer import (
        read_article_gold,
        read_texts,
        score_articles,
    )

    articles = read_article_gold(gold_path)
    texts = read_texts(articles, shared_dir() / "corpus" / "fakes" / "FA-KES-Dataset.csv")
    return article_outcomes("events", articles, texts, lambda g, p: score_articles(g, p)["all"])


def plover_outcomes(gold_path: Path) -> dict[str, Outcomes]:
    """``sitrep eval events`` on the PLOVER GSR dev records (``tasks.evaluate_events``: every
    record run, the halves by ``plover_split``); the statistic is the scorer's ``score``."""
    from sitrep.evaluation import build_for, get_task, run_documents
    from sitrep.evaluation.runner import GoldText
    from sitrep.stages.events.scorer import plover_split, read_gold, score

    records = read_gold(gold_path)
    run = run_documents(build_for(get_task("events")),
                        [GoldText(str(rec.get("id", i)), rec["text"]) for i, rec in enumerate(records)])
    out = {}
    for split in SPLITS:
        chosen = [i for i in range(len(records)) if plover_split(i) == split]
        g = [records[i] for i in chosen]
        p = [run.analyses[i] for i in chosen]
        out[split] = Outcomes("plover", split, singletons(len(g)),
                              lambda idx, g=g, p=p: score([g[i] for i in idx], [p[i] for i in idx]))
    return out


def incident_outcomes(pairs_path: Path, db: Path, *, by_pairs: bool = False) -> dict[str, Outcomes]:
    """``sitrep eval incidents PAIRS --db DB``'s steps (``incidents.evaluate.evaluate_inputs``):
    the reports linked once, each gold pair's prediction kept; groups are the pair graph's
    components as the linker's cross-validation cuts them (``fold_groups``), or single pairs with
    ``by_pairs`` (for comparison only: it understates the spread); the statistic is
    ``incidents.scorer.score`` on the resampled pairs."""
    from collections import defaultdict

    from sitrep.incidents import evaluate as incident_eval
    from sitrep.incidents.linker import link
    from sitrep.incidents.mentions import Mention, mentions
    from sitrep.incidents.scorer import read_pairs, score
    from sitrep.incidents.settings import load_settings
    from sitrep.incidents.update import load_inputs
    from sitrep.store import Store

    fit = script_module("fit_incident_linker")
    settings = load_settings()
    with Store(db, readonly=True) as store:
        docs = load_inputs(store, store.analyzed_versions())
        sources = store.document_sources() if store.has_incidents else []
    gold = read_pairs(pairs_path)
    found = mentions(docs, settings)
    reports: dict[str, list[Mention]] = defaultdict(list)
    for m in found:
        reports[m.document].append(m)
    refs = incident_eval.references(docs, sources)
    predicted = incident_eval.predictions(link(found, settings), gold, refs, settings, reports)
    out = {}
    for split in SPLITS:
        pairs = [p for p in gold if p.split == split]
        keys = [frozenset((refs.get(p.a, p.a), refs.get(p.b, p.b))) for p in pairs]
        labels = {k: p.label == "same" for k, p in zip(keys, pairs, strict=True)}
        unique = list(labels)
        group_of = dict(zip(unique, fit.fold_groups(unique, fit.bags(settings, docs, labels)), strict=True))
        groups = singletons(len(pairs)) if by_pairs else components_of(keys, [group_of[k] for k in keys])
        out[split] = Outcomes("incidents", split, groups,
                              lambda idx, pairs=pairs, split=split: score([pairs[i] for i in idx], predicted)[split])
    return out


def geo_outcomes() -> dict[str, dict[str, Outcomes]]:
    """``geo_bench.py``'s acc@161 on gold spans: each corpus's articles in file order, the first
    half ``dev`` (tune), the second ``heldout`` (check), each half resolved on its own
    (``evaluation.tasks.resolve_gold_spans``); the statistic is ``score_gold_spans``."""
    from sitrep.evaluation import build_for, get_task
    from sitrep.evaluation.tasks import resolve_gold_spans
    from sitrep.stages.place.scorer import load_corpus, score_gold_spans

    pipeline = build_for(get_task("geo"))
    gaz = pipeline.stage("place").gaz  # type: ignore[attr-defined]
    out: dict[str, dict[str, Outcomes]] = {}
    for name, file in (("gwn", "GWN.xml"), ("lgl", "lgl.xml")):
        articles = load_corpus(shared_dir() / "geo" / file, gaz)
        half = len(articles) // 2
        out[name] = {}
        for split, part in (("tune", articles[:half]), ("check", articles[half:])):
            spans = resolve_gold_spans(part, pipeline)
            out[name][split] = Outcomes(
                name, split, singletons(len(part)),
                lambda idx, a=part, s=spans: score_gold_spans([a[i] for i in idx], [s[i] for i in idx]).as_dict())
    return out


# -- the run -------------------------------------------------------------------------------------------
def collect(args: argparse.Namespace) -> dict[str, dict[str, Outcomes]]:
    """Every chosen evaluation's outcomes per split, each evaluation run once."""
    data = REPO / "benchmarks" / "data"
    only = set(args.only.split(","))
    out: dict[str, dict[str, Outcomes]] = {}
    steps: list[tuple[str, Callable[[], dict[str, Any]]]] = [
        ("incidents", lambda: {"incidents": incident_outcomes(data / "fakes_incident_pairs.jsonl", Path(args.db),
                                                              by_pairs=args.incident_units == "pairs")}),
        ("casualties", lambda: {"casualties": casualty_outcomes(data / "fakes_casualties_gold.jsonl")}),
        ("plover", lambda: {"plover": plover_outcomes(shared_dir() / "events" / "plover_gsr_dev.jsonl")}),
        ("events", lambda: {"events": event_outcomes(data / "fakes_events_gold.jsonl")}),
        ("geo", geo_outcomes),
    ]
    for name, step in steps:
        if name in only:
            started = time.perf_counter()
            out.update(step())
            print(f"[{name}: evaluated in {time.perf_counter() - started:.0f} s]", file=sys.stderr)
    return out


def measure(outcomes: dict[str, dict[str, Outcomes]], *, draws: int, seed: int) -> tuple[list[dict[str, Any]],
                                                                                         dict[str, Any]]:
    """The rows of the table (every row whose evaluation ran) and each evaluation's point metrics."""
    intervals: dict[tuple[str, str], dict[str, Interval]] = {}
    points: dict[str, Any] = {}
    for name, by_split in outcomes.items():
        metrics = [r.metric for r in ROWS if r.evaluation == name]
        for split, o in by_split.items():
            intervals[(name, split)] = bootstrap(o, metrics, draws=draws, seed=seed)
            points[f"{name}/{split}"] = dict(o.score(all_items(o)))
    rows = []
    for row in ROWS:
        if row.evaluation not in outcomes:
            continue
        entry: dict[str, Any] = {**asdict(row), "target": row.target, "direction": row.direction}
        for split in SPLITS:
            iv = intervals[(row.evaluation, split)][row.metric]
            entry[split] = {**asdict(iv), "target_lies": where(row.target, iv)}
            entry[split]["verdict"] = verdict(row.direction, entry[split]["target_lies"])
        rows.append(entry)
    return rows, points


def fmt(iv: dict[str, Any]) -> str:
    if iv["point"] is None or iv["low"] is None:
        return "-"
    return f"{iv['point']:.3f} [{iv['low']:.3f}, {iv['high']:.3f}]"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", default=None, help="the FA-KES database of `sitrep run` (the incident pairs' task)")
    ap.add_argument("--json", default=None, help="write the rows and the point metrics here")
    ap.add_argument("--draws", type=int, default=DRAWS)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--only", default="incidents,casualties,plover,events,geo",
                    help="comma-separated evaluations to run (default: all)")
    ap.add_argument("--incident-units", choices=("components", "pairs"), default="components",
                    help="what the incident pairs are resampled by (default: the pair graph's components; "
                         "'pairs' only to show how much resampling single pairs understates the spread)")
    args = ap.parse_args()
    if "incidents" in args.only.split(",") and not (args.db and Path(args.db).exists()):
        ap.error("the incident pairs are scored on a database: give --db DB (or leave incidents out of --only)")
    started = time.perf_counter()
    rows, points = measure(collect(args), draws=args.draws, seed=args.seed)
    print(f"{'issue':5} {'row':34} {'tune point [95 %]':26} {'check point [95 %]':26} {'target':8} tune / check")
    for r in rows:
        target = "-" if r["target"] is None else f"{r['direction']} {r['target']:.2f}"
        print(f"{r['issue']:<5} {r['label']:34} {fmt(r['tune']):26} {fmt(r['check']):26} {target:8} "
              f"{r['tune']['target_lies']} / {r['check']['target_lies']}")
    seconds = round(time.perf_counter() - started, 1)
    print(f"[{args.draws} draws, seed {args.seed}; {seconds} s]")
    if args.json:
        Path(args.json).write_text(json.dumps({"draws": args.draws, "seed": args.seed, "seconds": seconds,
                                               "rows": rows, "points": points}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
