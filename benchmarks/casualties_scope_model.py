"""Does a learned scope model beat the hand-set scope rules? (issue 12, measured once)

The scope of a figure (incident / background / war_total) is decided by ``scope.rule_scope``
from the features of ``scope.scope_features``. This script trains a logistic regression on
the same features plus the rules' decision (a stacked model), on the **tune** half of the
casualty gold only, picks its regularisation by leave-one-article-out cross-validation on
tune, and reports, on the **check** half, scope accuracy (figures matched to the gold) and
main-killed accuracy for rules and model side by side. Nothing is shipped: the stage keeps
the rules unless the model wins clearly on tune's cross-validation (it is decided before
check is scored, and the script prints both).

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/casualties_scope_model.py [--json] [--tune-only]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from collections.abc import Callable
from typing import Any

from common import REPO, shared_dir  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.ingest import build_document  # noqa: E402
from sitrep.ingest.textmap import to_raw  # noqa: E402
from sitrep.pipeline import build_pipeline  # noqa: E402
from sitrep.records import Analysis  # noqa: E402
from sitrep.stages.casualties.extract import extract  # noqa: E402
from sitrep.stages.casualties.lexicon import load_lexicon  # noqa: E402
from sitrep.stages.casualties.record import headline_toll  # noqa: E402
from sitrep.stages.casualties.scope import rule_scope  # noqa: E402
from sitrep.stages.casualties.scorer import _match, read_fakes_texts, read_gold  # noqa: E402
from sitrep.stages.casualties.stage import event_anchors  # noqa: E402
from sitrep.stages.events.stage import published_date  # noqa: E402

GOLD = REPO / "benchmarks" / "data" / "fakes_casualties_gold.jsonl"
C_GRID = (0.1, 0.3, 1.0, 3.0)


def analyses(split: str) -> tuple[list[Any], list[Analysis]]:
    """Gold articles of one half and their analyses up to the quotes stage (docs kept)."""
    gold = read_gold(GOLD, split=split)
    texts = read_fakes_texts(gold, shared_dir() / "corpus" / "fakes" / "FA-KES-Dataset.csv")
    stages = [s for s in build_pipeline(only=["casualties"]).stages if s.name != "casualties"]
    out = []
    for g, text in zip(gold, texts, strict=True):
        doc = build_document(text, kind="row", source_path=g.document, fields={"published": g.published})
        analysis = Analysis(document=doc)
        for stage in stages:
            analysis = stage(analysis)
        out.append(analysis)
    return gold, out


def run(analysis: Analysis, decide: Callable[[dict[str, float]], str]) -> tuple[list[Any], list[dict[str, float]]]:
    seen: list[dict[str, float]] = []

    def record(features: dict[str, float]) -> str:
        seen.append(dict(features))
        return decide(features)

    assert analysis.doc is not None
    cmap = analysis.document.char_map
    found = extract(analysis.doc, document=analysis.document.id, lexicon=LEX,
                    anchors=event_anchors(analysis.events, analysis.text), mentions=analysis.mentions,
                    actors=analysis.actors, times=analysis.times, quotes=analysis.quotes,
                    published=published_date(analysis.document.published), scope=record,
                    places=analysis.places)
    # offsets back into the text as the gold gives it
    figures = [dataclasses.replace(c, start=to_raw(cmap, c.start), end=to_raw(cmap, c.end - 1) + 1)
               for c in found.casualties]
    return figures, seen


def examples(gold: list[Any], items: list[Analysis]) -> list[tuple[int, dict[str, float], str]]:
    """(article, features, gold scope) of the figures that match a gold figure."""
    rows = []
    for ai, (g, analysis) in enumerate(zip(gold, items, strict=True)):
        figures, feats = run(analysis, rule_scope)
        for f in g.figures:
            m = _match(f, figures)
            if m is not None:
                rows.append((ai, feats[figures.index(m)], f.scope))
    return rows


def stacked(features: dict[str, float]) -> dict[str, float]:
    return {**features, f"rule={rule_scope(features)}": 1.0}


def fit(rows: list[tuple[int, dict[str, float], str]], c: float) -> Callable[[dict[str, float]], str]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([stacked(r[1]) for r in rows])
    model = LogisticRegression(C=c, max_iter=5000, random_state=0).fit(x, [r[2] for r in rows])
    return lambda f: str(model.predict(vec.transform([stacked(f)]))[0])


def cross_validate(rows: list[tuple[int, dict[str, float], str]]) -> dict[float, float]:
    """Leave-one-article-out scope accuracy on tune for each C."""
    out = {}
    for c in C_GRID:
        right = 0
        for a in sorted({r[0] for r in rows}):
            decide = fit([r for r in rows if r[0] != a], c)
            right += sum(decide(r[1]) == r[2] for r in rows if r[0] == a)
        out[c] = round(right / len(rows), 4)
    return out


def main_killed(gold: list[Any], items: list[Analysis], decide: Callable[[dict[str, float]], str]) -> float:
    right = 0
    for g, analysis in zip(gold, items, strict=True):
        figures, _ = run(analysis, decide)
        statuses = {e.id: e.status for e in analysis.events}
        right += headline_toll(figures, statuses) == g.main_killed
    return round(right / len(gold), 4)


LEX = load_lexicon()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--tune-only", action="store_true",
                        help="print tune's cross-validation only (decide before the check half is scored)")
    args = parser.parse_args()
    tune_gold, tune_items = analyses("tune")
    tune_rows = examples(tune_gold, tune_items)
    cv = cross_validate(tune_rows)
    best_c = max(cv, key=lambda c: cv[c])
    rules_tune = round(sum(rule_scope(r[1]) == r[2] for r in tune_rows) / len(tune_rows), 4)
    if args.tune_only:
        print(json.dumps({"tune_figures": len(tune_rows), "tune_rules_scope_accuracy": rules_tune,
                          "tune_cv_model_scope_accuracy_by_C": cv, "C": best_c}))
        return
    model = fit(tune_rows, best_c)
    check_gold, check_items = analyses("check")
    check_rows = examples(check_gold, check_items)
    result = {
        "tune_figures": len(tune_rows), "check_figures": len(check_rows),
        "tune_rules_scope_accuracy (rules written on tune)": rules_tune,
        "tune_cv_model_scope_accuracy_by_C": cv, "C": best_c,
        "check_rules_scope_accuracy": round(sum(rule_scope(r[1]) == r[2] for r in check_rows) / len(check_rows), 4),
        "check_model_scope_accuracy": round(sum(model(r[1]) == r[2] for r in check_rows) / len(check_rows), 4),
        "check_rules_main_killed": main_killed(check_gold, check_items, rule_scope),
        "check_model_main_killed": main_killed(check_gold, check_items, model),
    }
    print(json.dumps(result, indent=None if args.json else 1))


if __name__ == "__main__":
    main()
