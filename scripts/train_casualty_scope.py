"""Fit the casualty stage's learned war-total model (``make models``; issue 12).

Training data: the **tune** half of ``benchmarks/data/fakes_casualties_gold.jsonl`` (FA-KES
development rows, even ``unit_id``; the article texts are read from ``../shared`` at run time,
nothing is copied). Each tune article goes through the stages up to quotes, as ``sitrep run``
does; the casualty extractor runs with the scope rules, and every figure that matches a gold
figure (overlapping offsets, same kind and value) gives one example: the features of
``scope.scope_features`` and whether the gold calls it ``war_total``.

Model: a binary logistic regression (lbfgs, deterministic). Its regularisation ``C`` and the
probability threshold at which it overrides the rules are chosen by leave-one-article-out
cross-validation on tune, by the one-standard-error rule (``choose``): among the settings whose
scope accuracy of the combined decision (``ScopeModel.decide``) lies within one binomial standard
error of the best, the strongest regularisation (smallest ``C``); at that ``C`` the highest
accuracy, ties broken by the lower cross-validated log-loss, then the lower threshold. (Until
2026-12-06 the plain best was taken: its table is flat — every setting within 0.003, about two
figures of 1,314 — so the choice flipped between refits on noise; see docs/benchmarks.md.) The
check half is never read here.

Writes ``src/sitrep/models/casualty_scope.json`` (feature names, weights, intercept, threshold,
the cross-validation table).

Usage: ``OMP_NUM_THREADS=1 python scripts/train_casualty_scope.py [--shared DATA_DIR]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
import sys
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
from sitrep.stages.casualties.lexicon import load_lexicon  # noqa: E402
from sitrep.stages.casualties.scope import rule_scope  # noqa: E402
from sitrep.stages.casualties.scope_model import MODEL_PATH, ScopeModel  # noqa: E402
from sitrep.stages.casualties.scorer import _match, read_fakes_texts, read_gold  # noqa: E402
from sitrep.stages.casualties.stage import extract_from, upstream  # noqa: E402

GOLD = REPO / "benchmarks" / "data" / "fakes_casualties_gold.jsonl"
C_GRID = (0.1, 0.3, 1.0, 3.0)
THRESHOLDS = (0.5, 0.7, 0.85)
Example = tuple[int, dict[str, float], str]


def examples(shared: Path) -> list[Example]:
    """(article, features, gold scope) of every tune figure sitrep finds and the gold has."""
    gold = read_gold(GOLD, split="tune")
    texts = read_fakes_texts(gold, shared / FAKES_CSV)
    lexicon = load_lexicon()
    rows: list[Example] = []
    for ai, (g, text) in enumerate(zip(gold, texts, strict=True)):
        analysis = upstream(text, g.document, g.published)
        seen: list[dict[str, float]] = []

        def record(features: dict[str, float], seen: list[dict[str, float]] = seen) -> str:
            seen.append(dict(features))
            return rule_scope(features)

        found = extract_from(analysis, lexicon, scope=record)
        cmap = analysis.document.char_map
        figures = [dataclasses.replace(c, start=to_raw(cmap, c.start), end=to_raw(cmap, c.end - 1) + 1)
                   for c in found.casualties]
        for f in g.figures:
            m = _match(f, figures)
            if m is not None:
                rows.append((ai, seen[figures.index(m)], f.scope))
    return rows


def fit(rows: list[Example], c: float) -> tuple[list[str], list[float], float]:
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform([r[1] for r in rows])
    model = LogisticRegression(C=c, max_iter=5000).fit(x, [int(r[2] == "war_total") for r in rows])
    return list(vec.get_feature_names_out()), [float(w) for w in model.coef_[0]], float(model.intercept_[0])


def as_model(params: tuple[list[str], list[float], float], threshold: float) -> ScopeModel:
    names, weights, intercept = params
    return ScopeModel(dict(zip(names, weights, strict=True)), intercept, threshold)


def cross_validate(rows: list[Example]) -> list[dict[str, Any]]:
    """Leave-one-article-out on tune, for every C and threshold."""
    articles = sorted({r[0] for r in rows})
    table = []
    for c in C_GRID:
        held: list[tuple[Example, ScopeModel]] = []
        for a in articles:
            params = fit([r for r in rows if r[0] != a], c)
            held += [(r, as_model(params, 0.5)) for r in rows if r[0] == a]
        loss = -sum(math.log(max(1e-12, m.war_total_probability(r[1]) if r[2] == "war_total"
                                 else 1 - m.war_total_probability(r[1]))) for r, m in held) / len(held)
        for t in THRESHOLDS:
            decided = [(r, dataclasses.replace(m, threshold=t).decide(r[1])) for r, m in held]
            table.append({"C": c, "threshold": t, "log_loss": round(loss, 4),
                          "scope_accuracy": round(sum(d == r[2] for r, d in decided) / len(decided), 4),
                          "war_total_as_incident": sum(r[2] == "war_total" and d == "incident" for r, d in decided),
                          "false_war_total": sum(r[2] != "war_total" and d == "war_total" for r, d in decided)})
    return table


def choose(table: list[dict[str, Any]], n: int) -> dict[str, Any]:
    """The one-standard-error rule over the cross-validation ``table`` of ``n`` examples: the smallest
    ``C`` among the settings within one binomial standard error of the best scope accuracy, then the
    best setting at that ``C`` (accuracy, lower log-loss, lower threshold)."""
    top = max(r["scope_accuracy"] for r in table)
    se = math.sqrt(top * (1.0 - top) / n)
    c = min(r["C"] for r in table if r["scope_accuracy"] >= top - se)
    return max((r for r in table if r["C"] == c), key=lambda r: (r["scope_accuracy"], -r["log_loss"], -r["threshold"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None,
                        help="the shared data folder with corpus/fakes (default: ../shared/data or $SITREP_SHARED/data)")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args()
    try:
        args.shared = fakes_data_dir(args.shared, REPO)
    except SitrepError as exc:
        sys.exit(str(exc))
    rows = examples(args.shared)
    table = cross_validate(rows)
    best = choose(table, len(rows))
    names, weights, intercept = fit(rows, best["C"])
    rules = round(sum(rule_scope(r[1]) == r[2] for r in rows) / len(rows), 4)
    out = {"model": "binary logistic regression: P(war_total | scope features)",
           "trained_on": f"{GOLD.relative_to(REPO)} split=tune ({len({r[0] for r in rows})} articles, "
                         f"{len(rows)} matched figures, {sum(r[2] == 'war_total' for r in rows)} war_total)",
           "selection": "one-standard-error rule: the smallest C within one standard error of the best CV "
                        "scope accuracy, then the best setting at that C",
           "C": best["C"], "threshold": best["threshold"], "rules_in_sample_scope_accuracy": rules,
           "cross_validation": table, "intercept": round(intercept, 6),
           "features": names, "weights": [round(w, 6) for w in weights]}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: out[k] for k in ("trained_on", "C", "threshold", "rules_in_sample_scope_accuracy")}))
    print(json.dumps(best))


if __name__ == "__main__":
    main()
