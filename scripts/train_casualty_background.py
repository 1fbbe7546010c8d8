"""Fit the casualty stage's learned background-vs-incident decision (``make models``; issue 12).

Training data: the **tune** half of ``benchmarks/data/fakes_casualties_gold.jsonl`` (FA-KES
development rows, even ``unit_id``; the article texts are read from ``../shared`` at run time,
nothing is copied). Each tune article goes through the stages up to quotes, as ``sitrep run``
does; the casualty extractor runs with the scope rules and the shipped war-total model, and
records every figure's ``background.background_features``. A figure that matches a gold figure
(overlapping offsets, same kind and value) whose gold scope is ``incident`` or ``background``
gives one example: is it ``background``.

Model: a binary logistic regression (lbfgs, deterministic) over the feature groups of
``background.GROUPS``. Leave-one-article-out cross-validation on tune chooses the
regularisation ``C``, the feature groups, the training rows (every figure, or only the ones
the rules call ``incident``: those the decision may move) and the threshold: each held-out
article is extracted again with the model fitted on the other articles, exactly as the stage
would, and scored by the evaluation's own measures. The choice is the highest cross-validated
**main-killed accuracy**, then scope accuracy, then the lower log-loss, the fewer groups, the
higher threshold. The model is written only when that cross-validated main-killed accuracy
beats the rules' (the stage without the model) and its scope accuracy is not lower; otherwise
the script says so and writes a file with ``"shipped": false`` and no weights — the stage
treats it as missing. The check half is never read here.

Writes ``src/sitrep/models/casualty_background.json`` (feature names, weights, intercept,
threshold, the chosen settings and the whole cross-validation table).

Usage: ``OMP_NUM_THREADS=1 python scripts/train_casualty_background.py [--shared DATA_DIR]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import math
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
os.environ.setdefault("OMP_NUM_THREADS", "1")

from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from sitrep.datasets import FAKES_CSV, fakes_data_dir  # noqa: E402
from sitrep.errors import SitrepError  # noqa: E402
from sitrep.ingest.textmap import to_raw  # noqa: E402
from sitrep.records import Analysis, Casualty  # noqa: E402
from sitrep.stages.casualties.background import (  # noqa: E402
    BACKGROUND_MODEL_PATH,
    BackgroundModel,
    keep_groups,
)
from sitrep.stages.casualties.extract import BackgroundDecider  # noqa: E402
from sitrep.stages.casualties.lexicon import CasualtyLexicon, load_lexicon  # noqa: E402
from sitrep.stages.casualties.record import headline_toll  # noqa: E402
from sitrep.stages.casualties.scope_model import load_scope_model  # noqa: E402
from sitrep.stages.casualties.scorer import (  # noqa: E402
    GoldArticle,
    _match,
    read_fakes_texts,
    read_gold,
)
from sitrep.stages.casualties.stage import extract_from, upstream  # noqa: E402

GOLD = REPO / "benchmarks" / "data" / "fakes_casualties_gold.jsonl"
C_GRID = (0.1, 0.3, 1.0)
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)
#: the feature-group sets tried: the scope rules' features alone, and with the article's; the
#: last two add the "other" group (a source the lead names, a claim, a round-up opener, the
#: lead's weekday, another month: 2026-12-04 midday)
GROUP_SETS = (("scope", "position"), ("scope", "position", "title", "tense", "article"),
              ("position", "title", "tense", "article"),
              ("position", "title", "tense", "article", "other"),
              ("scope", "position", "title", "tense", "article", "other"))
TRAIN_ON = ("all", "rule_incident")


@dataclass
class Article:
    """One tune article: its analysis (parsed once), gold, and the figures the rules give."""

    index: int
    gold: GoldArticle
    analysis: Analysis
    #: per figure, in the extractor's order: (rules' scope, background features)
    seen: list[tuple[str, dict[str, float]]]
    #: per figure: the gold scope of the gold figure it matches, or None
    labels: list[str | None]


class Replay:
    """Runs the extractor on one parsed article with a given decider, and scores the result."""

    def __init__(self, lexicon: CasualtyLexicon) -> None:
        self.lexicon = lexicon
        self.scope = load_scope_model()

    def run(self, analysis: Analysis, background: BackgroundDecider) -> list[Casualty]:
        return extract_from(analysis, self.lexicon, scope=self.scope.decide if self.scope is not None else None,
                            background=background).casualties

    @staticmethod
    def main_killed(analysis: Analysis, figures: Sequence[Casualty]) -> int | None:
        statuses = {e.id: e.status for e in analysis.events}
        return headline_toll(figures, statuses, sentences=[(s.start, s.text) for s in analysis.sentences])

    @staticmethod
    def raw(analysis: Analysis, figures: Sequence[Casualty]) -> list[Casualty]:
        cmap = analysis.document.char_map
        return [dataclasses.replace(c, start=to_raw(cmap, c.start), end=to_raw(cmap, c.end - 1) + 1) for c in figures]


def articles(shared: Path, replay: Replay) -> list[Article]:
    gold = read_gold(GOLD, split="tune")
    texts = read_fakes_texts(gold, shared / FAKES_CSV)
    out = []
    for ai, (g, text) in enumerate(zip(gold, texts, strict=True)):
        analysis = upstream(text, g.document, g.published)
        seen: list[tuple[str, dict[str, float]]] = []

        def record(scope: str, feats: dict[str, float], seen: list[tuple[str, dict[str, float]]] = seen) -> str:
            seen.append((scope, dict(feats)))
            return scope

        figures = Replay.raw(analysis, replay.run(analysis, record))
        labels: list[str | None] = [None] * len(figures)
        for f in g.figures:
            m = _match(f, figures)
            if m is not None:
                labels[figures.index(m)] = f.scope
        out.append(Article(ai, g, analysis, seen, labels))
    return out


def rows_of(arts: Sequence[Article], groups: Sequence[str], train_on: str) -> tuple[list[dict[str, float]], list[int]]:
    x, y = [], []
    for a in arts:
        for (scope, feats), label in zip(a.seen, a.labels, strict=True):
            if label not in ("incident", "background") or (train_on == "rule_incident" and scope != "incident"):
                continue
            x.append(keep_groups(feats, groups))
            y.append(int(label == "background"))
    return x, y


def fit(x: list[dict[str, float]], y: list[int], c: float) -> BackgroundModel:
    vec = DictVectorizer(sort=True)
    model = LogisticRegression(C=c, max_iter=5000).fit(vec.fit_transform(x), y)
    weights = dict(zip(vec.get_feature_names_out(), (float(w) for w in model.coef_[0]), strict=True))
    return BackgroundModel(weights, float(model.intercept_[0]), 0.5)


@dataclass
class Outcome:
    main_ok: bool
    scope_ok: int
    scope_n: int


def outcome(a: Article, figures: list[Casualty], replay: Replay) -> Outcome:
    raw = Replay.raw(a.analysis, figures)
    ok = n = 0
    for f in a.gold.figures:
        m = _match(f, raw)
        if m is not None:
            n += 1
            ok += m.scope == f.scope
    return Outcome(Replay.main_killed(a.analysis, figures) == a.gold.main_killed, ok, n)


def flipping(flips: frozenset[int]) -> BackgroundDecider:
    """A decider that moves the figures at the given positions to ``background``."""
    counter = itertools.count()

    def decide(scope: str, feats: dict[str, float]) -> str:
        return "background" if next(counter) in flips else scope

    return decide


def cross_validate(arts: list[Article], replay: Replay) -> tuple[list[dict[str, Any]], dict[str, float]]:
    cache: dict[tuple[int, frozenset[int]], Outcome] = {}

    def scored(a: Article, flips: frozenset[int]) -> Outcome:
        key = (a.index, flips)
        if key not in cache:
            cache[key] = outcome(a, replay.run(a.analysis, flipping(flips)), replay)
        return cache[key]

    def totals(outs: list[Outcome]) -> dict[str, float]:
        n = sum(o.scope_n for o in outs)
        return {"main_killed_accuracy": round(sum(o.main_ok for o in outs) / len(outs), 4),
                "scope_accuracy": round(sum(o.scope_ok for o in outs) / n, 4) if n else 0.0}

    rules = totals([scored(a, frozenset()) for a in arts])
    table = []
    for groups, train_on, c in itertools.product(GROUP_SETS, TRAIN_ON, C_GRID):
        probs: dict[int, list[float | None]] = {}
        loss, count = 0.0, 0
        for a in arts:
            x, y = rows_of([b for b in arts if b.index != a.index], groups, train_on)
            model = fit(x, y, c)
            ps: list[float | None] = []
            for (scope, feats), label in zip(a.seen, a.labels, strict=True):
                movable = scope == "incident" and not feats.get("pos:sent=0")
                p = model.background_probability(feats)
                ps.append(p if movable else None)
                if label in ("incident", "background") and (train_on == "all" or scope == "incident"):
                    loss -= math.log(max(1e-12, p if label == "background" else 1 - p))
                    count += 1
            probs[a.index] = ps
        for t in THRESHOLDS:
            outs = [scored(a, frozenset(i for i, p in enumerate(probs[a.index]) if p is not None and p >= t))
                    for a in arts]
            moved = sum(sum(p is not None and p >= t for p in probs[a.index]) for a in arts)
            table.append({"groups": list(groups), "train_on": train_on, "C": c, "threshold": t,
                          "log_loss": round(loss / max(count, 1), 4), "moved": moved, **totals(outs)})
    return table, rules


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None,
                        help="the shared data folder with corpus/fakes (default: ../shared/data or $SITREP_SHARED/data)")
    parser.add_argument("--out", type=Path, default=BACKGROUND_MODEL_PATH)
    args = parser.parse_args()
    try:
        args.shared = fakes_data_dir(args.shared, REPO)
    except SitrepError as exc:
        sys.exit(str(exc))
    replay = Replay(load_lexicon())
    arts = articles(args.shared, replay)
    table, rules = cross_validate(arts, replay)
    best = max(table, key=lambda r: (r["main_killed_accuracy"], r["scope_accuracy"], -r["log_loss"],
                                     -len(r["groups"]), r["threshold"]))
    shipped = best["main_killed_accuracy"] > rules["main_killed_accuracy"] \
        and best["scope_accuracy"] >= rules["scope_accuracy"]
    x, y = rows_of(arts, best["groups"], best["train_on"])
    out: dict[str, Any] = {
        "model": "binary logistic regression: P(background | features of a figure the rules call incident)",
        "trained_on": f"{GOLD.relative_to(REPO)} split=tune ({len(arts)} articles, {len(y)} training figures, "
                      f"{sum(y)} background)",
        "shipped": shipped, "rules_leave_one_out": rules, "chosen": best,
        "cross_validation": table}
    if shipped:
        model = fit(x, y, best["C"])
        names = sorted(model.weights)
        out.update({"threshold": best["threshold"], "intercept": round(model.intercept, 6), "features": names,
                    "weights": [round(model.weights[k], 6) for k in names]})
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: out[k] for k in ("trained_on", "shipped", "rules_leave_one_out", "chosen")}))


if __name__ == "__main__":
    main()
