"""Fit the learned choice of an event's place among its options (``place_choice.PlaceChooser``).

The stage is run on the **tune** half of the hand-coded FA-KES articles with a recording chooser
that keeps the rules' choice and remembers every event's options (``place_choice.place_options``).
Each option of a matched event (same one-to-one matching as ``sitrep eval events``) is labelled
right when it is the coder's place by the scorer's own test (``article_scorer.place_right``; the
"no place" option is right when the coder gave none). A logistic regression over the options'
binary features scores them; an event takes its best-scoring option.

Validation, grouped by article: the tune articles, in the gold file's order, are dealt into
``FOLDS`` folds (article i → fold i mod ``FOLDS``, as the other fitting scripts of the stage). For
each fold, the regularisation ``C`` is chosen among ``C_GRID`` by the same cross-validation over
the other folds, the model is fitted on the other folds and scores the held-out fold; the held-out
events placed right are summed (out of fold). The chooser ships (``enabled: true``, fitted on all
tune articles with ``C`` chosen by cross-validation over all folds) only when it places at least
``MIN_GAIN_EVENTS`` more matched tune events right out of fold than the rules (the bar of
``events_place_context.py``, set before the first fit); otherwise the file says ``enabled: false``.

``--misses`` prints the rules' place misses on the tune half by class (the check half is never
listed). After the choice both halves are scored through the stage with the written chooser.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_place_choice.py
[--misses] [--dry-run]`` (about 4 minutes on one core).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from common import REPO, fakes_csv  # noqa: E402  (puts the repository's src on sys.path)
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.evaluation.runner import GoldText, map_offsets  # noqa: E402
from sitrep.records import Place  # noqa: E402
from sitrep.stages.events.anchoring import as_event_place  # noqa: E402
from sitrep.stages.events.article_scorer import (  # noqa: E402
    GoldPlace,
    match_events,
    place_right,
    read_article_gold,
    read_texts,
    score_articles,
)
from sitrep.stages.events.place_choice import (  # noqa: E402
    PLACE_CHOICE_FILE,
    PlaceChooser,
    PlaceOption,
)

GOLD = REPO / "benchmarks" / "data" / "fakes_events_gold.jsonl"
#: folds of tune articles (article i → fold i mod FOLDS)
FOLDS = 4
#: the inverse regularisation strengths tried (chosen by grouped cross-validation)
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
#: the chooser ships only when it places this many more matched tune events right out of fold
MIN_GAIN_EVENTS = 2
#: how many sentences back the options reach (``PlaceChooser.before``)
BEFORE = 2
KEYS = ("event_f1", "matched", "place_accuracy", "actor_accuracy", "recipient_accuracy", "status_accuracy")


class Recorder(PlaceChooser):
    """Keeps the rules' choice (the first option) and remembers each event's options."""

    def __init__(self) -> None:
        super().__init__(enabled=True, before=BEFORE)
        self.seen: dict[str, list[PlaceOption]] = {}

    def choose(self, event_id: str, options: Sequence[PlaceOption]) -> Place | None:
        self.seen[event_id] = list(options)
        return options[0].place


@dataclass(frozen=True, slots=True)
class Example:
    """One matched tune event: its article's fold, its options, which are right, and the gold place."""

    fold: int
    document: str
    trigger: str
    options: list[PlaceOption]
    right: list[bool]
    gold: GoldPlace | None


def option_right(place: Place | None, gold: GoldPlace | None, char_map: list[tuple[int, int]]) -> bool:
    """Is the option the coder's place (the scorer's test, in the gold text's offsets)?"""
    mapped = map_offsets(as_event_place(place), char_map) if place is not None else None
    return place_right(mapped, gold)


def tune_examples() -> list[Example]:
    articles = read_article_gold(GOLD, split="tune")
    texts = read_texts(articles, fakes_csv())
    recorder = Recorder()
    pipeline = build_for(get_task("events"), options={"events": {"place_chooser": recorder}})
    run = run_documents(pipeline, [GoldText(a.document, t, a.published) for a, t in zip(articles, texts, strict=True)])
    out = []
    for i, (article, analysis, document) in enumerate(zip(articles, run.analyses, run.documents, strict=True)):
        char_map = document.char_map if document is not None else []
        for gold, event in match_events(article.events, analysis.events):
            options = recorder.seen.get(event.id)
            if not options:
                continue

            labels = [option_right(o.place, gold.place, char_map) for o in options]
            out.append(Example(i % FOLDS, article.document, event.trigger or "", options, labels, gold.place))
    return out


def miss_class(ex: Example) -> str:
    """The class of a rules' miss (task 1 of the evening brief)."""
    rule = ex.options[0]
    found = [o for o, ok in zip(ex.options, ex.right, strict=True) if ok and o.place is not None]
    where = sorted({f for o in found for f in o.features if "&" not in f and f != "rule"})
    if rule.place is not None and ex.gold is None:
        return "a place where the coder has none"
    if rule.place is None:
        return f"no place where the coder has one (coder's place among options: {'/'.join(where) or 'none'})"
    if "rule&actor_home" in rule.features:
        return "the country of one of the event's actors (home, metonymy)"
    if rule.place.level == 1 and any("finer_than_rule" in " ".join(o.features) for o in found):
        return "wrong level: the country where the coder has a finer place"
    if any("sent" in {f for f in o.features if "&" not in f} for o in found):
        return "another place of the sentence (another clause or phrase)"
    if found:
        return f"the coder's place told elsewhere ({'/'.join(where)})"
    return "the coder's place is no option (unresolved name, or told further away)"


def print_misses(examples: list[Example]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for ex in examples:
        if ex.right[0]:
            continue
        cls = miss_class(ex)
        counts[cls] += 1
        rule = ex.options[0].place
        print(f"  {ex.document} [{ex.trigger}] rule={rule.text if rule else None!r} "
              f"gold={ex.gold.text if ex.gold else None!r}: {cls}")
    for cls, n in counts.most_common():
        print(f"{n:4d}  {cls}")
    return dict(counts)


def _matrix(examples: Sequence[Example], vec: DictVectorizer, fit: bool = False) -> tuple[Any, np.ndarray]:
    rows = [{f: 1.0 for f in o.features} for ex in examples for o in ex.options]
    x = vec.fit_transform(rows) if fit else vec.transform(rows)
    y = np.array([ok for ex in examples for ok in ex.right], dtype=int)
    return x, y


def fit_model(examples: Sequence[Example], c: float) -> PlaceChooser:
    vec = DictVectorizer()
    x, y = _matrix(examples, vec, fit=True)
    if y.min() == y.max():
        return PlaceChooser(enabled=False, before=BEFORE)
    model = LogisticRegression(C=c, max_iter=2000, solver="lbfgs")
    model.fit(x, y)
    weights = {name: round(float(w), 6) for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
               if abs(w) > 1e-9}
    return PlaceChooser(weights=weights, enabled=True, before=BEFORE)


def placed_right(chooser: PlaceChooser, examples: Sequence[Example]) -> int:
    n = 0
    for ex in examples:
        best = max(range(len(ex.options)), key=lambda i: (chooser.score(ex.options[i]), -i)) if chooser.enabled else 0
        n += ex.right[best]
    return n


def cv_right(examples: Sequence[Example], c: float, folds: Sequence[int]) -> int:
    """Events placed right when each of ``folds`` is scored by a model fitted on the others."""
    total = 0
    for f in folds:
        train = [ex for ex in examples if ex.fold != f and ex.fold in folds]
        test = [ex for ex in examples if ex.fold == f]
        total += placed_right(fit_model(train, c), test)
    return total


def choose_c(examples: Sequence[Example], folds: Sequence[int]) -> float:
    scores = {c: cv_right(examples, c, folds) for c in C_GRID}
    return max(C_GRID, key=lambda c: (scores[c], -C_GRID.index(c)))


def out_of_fold(examples: list[Example]) -> dict[str, Any]:
    """Nested: per held-out fold, C chosen by CV over the other folds, model fitted on them."""
    rows = []
    for f in range(FOLDS):
        inner = [g for g in range(FOLDS) if g != f]
        train = [ex for ex in examples if ex.fold != f]
        test = [ex for ex in examples if ex.fold == f]
        c = choose_c(train, inner)
        model = placed_right(fit_model(train, c), test)
        rule = sum(ex.right[0] for ex in test)
        rows.append({"fold": f, "events": len(test), "C": c, "rules_right": rule, "model_right": model})
        print(rows[-1], flush=True)
    rule = sum(r["rules_right"] for r in rows)
    model = sum(r["model_right"] for r in rows)
    n = len(examples)
    return {"folds": rows, "events": n, "rules_right": rule, "model_right": model,
            "rules_accuracy": round(rule / n, 4), "model_accuracy": round(model / n, 4)}


def score(chooser: PlaceChooser, split: str) -> dict[str, Any]:
    articles = read_article_gold(GOLD, split=split)
    texts = read_texts(articles, fakes_csv())
    pipeline = build_for(get_task("events"), options={"events": {"place_chooser": chooser}})
    run = run_documents(pipeline, [GoldText(a.document, t, a.published) for a, t in zip(articles, texts, strict=True)])
    return score_articles(articles, run.analyses)[split]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="print the fit, do not write the chooser file")
    parser.add_argument("--misses", action="store_true", help="list the rules' tune misses by class")
    args = parser.parse_args()
    examples = tune_examples()
    print(f"{len(examples)} matched tune events, {sum(len(e.options) for e in examples)} options; "
          f"rules right {sum(e.right[0] for e in examples)}; some option right "
          f"{sum(any(e.right) for e in examples)}", flush=True)
    classes = print_misses(examples) if args.misses else {}
    cv = out_of_fold(examples)
    gain = cv["model_right"] - cv["rules_right"]
    print(f"out of fold: rules {cv['rules_right']}, model {cv['model_right']} of {cv['events']} (gain {gain})")
    c = choose_c(examples, list(range(FOLDS)))
    chooser = fit_model(examples, c)
    chooser.enabled = chooser.enabled and gain >= MIN_GAIN_EVENTS
    print(f"C {c}; in-sample {placed_right(chooser, examples)}; ships: {chooser.enabled}", flush=True)
    report = {}
    for half in ("tune", "check"):
        metrics = score(chooser, half)
        report[half] = {k: metrics[k] for k in KEYS}
        print(half, json.dumps(report[half]), flush=True)
    out = {"enabled": chooser.enabled, "before": BEFORE, "C": c,
           "fitted_on": "benchmarks/data/fakes_events_gold.jsonl, split tune (check only scored)",
           "objective": f"matched tune events placed right out of fold ({FOLDS} folds of articles); "
                        f"ships at >= +{MIN_GAIN_EVENTS} over the rules",
           "out_of_fold": cv, "tune_misses": classes, "figures": report,
           "weights": dict(sorted(chooser.weights.items()))}
    if not args.dry_run:
        PLACE_CHOICE_FILE.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
        print("wrote", PLACE_CHOICE_FILE)


if __name__ == "__main__":
    main()
