"""Fit the place stage's decision weights: ``src/sitrep/stages/place/data/place_model.json``.

Training data, and only these (the held-out halves stay unseen):

- the *tuning* halves of GeoWebNews and LGL (``../shared/data/geo``: articles in
  file order, the first half of each file, the split ``benchmarks/geo_bench.py``
  reports as ``dev``), for the ranking and acceptance models;
- for the toponym-or-not model, the candidate spans the stage finds in the same
  tuning halves (labelled by overlap with the gold toponyms) and the hand labels
  of spans in FA-KES development rows (even ``unit_id``) in
  ``training/toponym_fakes_labels.jsonl`` (row reference, offsets, label; no text).

Procedure (deterministic):

1. rank: every gold span with coordinates is resolved in its article with the
   other gold spans as context; each candidate's features are recorded and
   labelled correct when within 161 km of the gold point. A logistic
   regression on the differences correct - wrong (and wrong - correct) gives
   the ranking weights. The context of the second pass depends on the first
   pass's choices, so this is repeated ``ITERATIONS`` times, starting from the
   hand-written weights the model replaced (``ranking.BOOTSTRAP_RANK``).
2. accept: with those weights, each chosen candidate's acceptance features are
   labelled by whether it is within 161 km; a logistic regression gives the
   probability that a resolution is right. In the last pass the data also holds
   every gold span resolved *alone* in its article (no other span as context),
   with weight ``ALONE_WEIGHT``: news articles almost always name other places,
   so without these examples the model never sees a winner with no document
   evidence (a report naming one Syrian town and nothing else of Syria) and puts
   every such resolution at the acceptance boundary.
3. toponym: ``--toponym`` (needs the spaCy model) fits the span classifiers of
   ``toponym.py`` (one for the spans of NER, patterns, cues and datelines, one for the
   gazetteer n-gram spans) and sets each threshold to the one with the best F1 on its
   own training spans.

Run: ``python scripts/train_place.py [--toponym]`` (``make models`` runs it).
``--verify`` fits the same way but writes nothing: it compares the fitted parts
(``rank`` and ``accept``; ``toponym`` too with ``--toponym``) with the file at
``--out`` (the shipped model by default), prints every weight that differs and
exits with status 1 when any does (the shipped model must be this script's output).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import numpy as np  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from sitrep.stages.place.gazetteer import haversine_km  # noqa: E402
from sitrep.stages.place.ranking import (  # noqa: E402
    ACCEPT_FEATURES,
    CANDIDATE_FEATURES,
    MODEL_PATH,
    LinearModel,
    PlaceModel,
    bootstrap_model,
    read_model,
)
from sitrep.stages.place.resolver import Resolver, Span  # noqa: E402
from sitrep.stages.place.scorer import KM, GoldArticle, load_corpus  # noqa: E402

SHARED = Path(os.environ.get("SITREP_SHARED", ROOT.parent / "shared")) / "data"
CORPORA = {"GeoWebNews": SHARED / "geo" / "GWN.xml", "LGL": SHARED / "geo" / "lgl.xml"}
#: fitting passes of the ranking model (each one's context comes from the previous weights)
ITERATIONS = 3
#: at most this many wrong candidates per span enter the pairwise data (sampled with SEED)
MAX_NEGATIVES = 40
#: weight of a pair (gold GeoNames feature, another feature within 161 km of it) against a far pair
EXACT_PAIR_WEIGHT = 0.5
#: inverse regularisation strength of every logistic regression here
C = 0.3
#: weight (times the per-corpus weight) of the acceptance examples of gold spans resolved alone in
#: their article; chosen by 5-fold cross-validation by article of the accept model's log-loss on
#: the tuning halves (0, 0.25, 0.5, 1: 1 best; docs/benchmarks.md, issue 14, night 2 and 3)
ALONE_WEIGHT = 1.0
SEED = 14
DATE = "2026-12-03"


def tuning_halves() -> list[GoldArticle]:
    out: list[GoldArticle] = []
    for name, path in CORPORA.items():
        articles = load_corpus(path)
        for art in articles[: len(articles) // 2]:
            art.id = f"{name}:{art.id}"
            out.append(art)
    return out


def _weights(spans) -> list[float]:
    """Per-span sample weights that give each corpus the same total weight (LGL has more spans)."""
    counts: dict[str, int] = {}
    for corpus, *_ in spans:
        counts[corpus] = counts.get(corpus, 0) + 1
    return [len(spans) / (len(counts) * counts[corpus]) for corpus, *_ in spans]


def _record(articles: list[GoldArticle], model: PlaceModel, groups: list[str]):
    """(candidate feature rows, labels) per gold span, from the resolver's last context pass
    (``groups`` receives each span's article id, for cross-validation by article)."""
    resolver = Resolver(demonyms=True, contain_unknown="all", model=model)
    spans_out = []
    groups.clear()
    for art in articles:
        gold = [t for t in art.toponyms if t.located]
        resolver.record = []
        resolver.resolve(art.text, [Span(t.start, t.end, t.text) for t in gold])
        for i, cands, rows in resolver.record:
            if not rows:
                continue  # decided by the explicit US-state rule, not by the model
            g = gold[i]
            labels = [haversine_km(e.lat, e.lon, g.lat, g.lon) <= KM for e in cands]  # type: ignore[arg-type]
            exact = [g.geonames_id is not None and e.geonames_id == g.geonames_id for e in cands]
            spans_out.append((art.id.split(":", 1)[0], cands, rows, labels, exact))
            groups.append(art.id)
    return spans_out


def _record_alone(articles: list[GoldArticle], model: PlaceModel):
    """Like ``_record``, but each located gold span resolved alone in its article (no other span of
    the document as context): the acceptance examples of a place the document gives no evidence for."""
    resolver = Resolver(demonyms=True, contain_unknown="all", model=model)
    spans_out = []
    for art in articles:
        for g in (t for t in art.toponyms if t.located):
            resolver.record = []
            resolver.resolve(art.text, [Span(g.start, g.end, g.text)])
            for _i, cands, rows in resolver.record:
                if rows:
                    labels = [haversine_km(e.lat, e.lon, g.lat, g.lon) <= KM for e in cands]  # type: ignore[arg-type]
                    spans_out.append((art.id.split(":", 1)[0], cands, rows, labels, [False] * len(cands)))
    return spans_out


def fit_rank(spans, rng: random.Random) -> LinearModel:
    x, y, w = [], [], []
    for (_corpus, _cands, rows, labels, exact), weight in zip(spans, _weights(spans), strict=True):
        far = [r for r, ok in zip(rows, labels, strict=True) if not ok]
        if any(exact):
            # the gold GeoNames feature beats far candidates, and (more softly) near namesakes too
            pos = [r for r, ok in zip(rows, exact, strict=True) if ok]
            near = [r for r, ok, ex in zip(rows, labels, exact, strict=True) if ok and not ex]
        else:
            pos, near = [r for r, ok in zip(rows, labels, strict=True) if ok], []
        if not pos or not (far or near):
            continue
        if len(far) > MAX_NEGATIVES:
            far = rng.sample(far, MAX_NEGATIVES)
        for p in pos[:3]:
            for n, pair_weight in [*((n, weight) for n in far), *((n, weight * EXACT_PAIR_WEIGHT) for n in near)]:
                d = np.subtract(p, n)
                x.extend([d, -d])
                y.extend([1, 0])
                w.extend([pair_weight, pair_weight])
    clf = LogisticRegression(C=C, fit_intercept=False, max_iter=5000)
    clf.fit(np.array(x), np.array(y), sample_weight=np.array(w))
    weights = clf.coef_[0].tolist()
    return LinearModel(CANDIDATE_FEATURES, weights, 0.0,
                       trained_on=f"GeoWebNews+LGL tuning halves: {len(y) // 2} correct/wrong candidate pairs",
                       date=DATE)


def fit_accept(spans, model: PlaceModel, alone=()) -> LinearModel:
    """The accept model on the chosen candidates of ``spans`` and (weighted ``ALONE_WEIGHT``) of
    ``alone`` (``_record_alone``)."""
    alone = list(alone)
    x, y = [], []
    for _corpus, cands, rows, labels, _exact in [*spans, *alone]:
        scores = [model.rank.score(r) for r in rows]
        order = sorted(range(len(rows)), key=lambda i: scores[i], reverse=True)
        best = order[0]
        margin = scores[best] - scores[order[1]] if len(order) > 1 else 100.0
        runner = cands[order[1]] if len(order) > 1 else None
        x.append(model.accept_features(cands[best], scores[best], margin, rows[best], len(cands) == 1, runner))
        y.append(int(labels[best]))
    clf = LogisticRegression(C=C, max_iter=5000)
    weights = _weights(spans) + ([ALONE_WEIGHT * v for v in _weights(alone)] if alone else [])
    clf.fit(np.array(x), np.array(y), sample_weight=np.array(weights))
    acc = sum(y[:len(spans)]) / len(spans)
    extra = f" and {len(alone)} resolved alone (weight {ALONE_WEIGHT})" if alone else ""
    return LinearModel(ACCEPT_FEATURES, clf.coef_[0].tolist(), float(clf.intercept_[0]), 0.5,
                       trained_on=f"GeoWebNews+LGL tuning halves: {len(spans)} resolved gold spans "
                                  f"({acc:.3f} within 161 km){extra}", date=DATE)


def _top1(rank: LinearModel, spans) -> float:
    """Share of spans whose best-scored candidate is within 161 km of the gold point."""
    return sum(labels[max(range(len(rows)), key=lambda i: rank.score(rows[i]))]
               for _n, _c, rows, labels, _e in spans) / max(len(spans), 1)


def _right_by_corpus(rank: LinearModel, spans) -> dict[str, int]:
    """Spans per corpus whose best-scored candidate is within 161 km of the gold point."""
    out: dict[str, int] = {}
    for corpus, _c, rows, labels, _e in spans:
        out[corpus] = out.get(corpus, 0) + int(labels[max(range(len(rows)), key=lambda i: rank.score(rows[i]))])
    return out


def cross_validate(spans, groups: list[str], folds: int,
                   right: dict[str, int] | None = None) -> list[float]:
    """Ranking accuracy (top candidate within 161 km) of the rank model on each of ``folds`` parts of
    the tuning articles, fitted on the other parts (articles assigned by a hash of their id).
    ``right``, when given, receives the out-of-fold right spans per corpus (summed over the folds)."""
    import hashlib

    part = [int(hashlib.sha256(g.encode()).hexdigest(), 16) % folds for g in groups]
    out = []
    for k in range(folds):
        train = [s for s, p in zip(spans, part, strict=True) if p != k]
        test = [s for s, p in zip(spans, part, strict=True) if p == k]
        rank = fit_rank(train, random.Random(SEED))
        out.append(_top1(rank, test))
        if right is not None:
            for corpus, n in _right_by_corpus(rank, test).items():
                right[corpus] = right.get(corpus, 0) + n
    return out


def model_differences(fitted: dict, shipped: dict) -> list[str]:
    """One line per difference between the freshly fitted parts of the model file (``fitted``:
    part name -> ``LinearModel.as_dict()``) and the same parts of ``shipped`` (a read model file);
    parts that were not fitted (the toponym part without ``--toponym``) are not compared."""
    out = []
    for part, new in fitted.items():
        old = shipped.get(part)
        if old is None:
            out.append(f"{part}: missing from the shipped file")
            continue
        for key in sorted(set(new) | set(old)):
            if key == "weights":
                continue
            if new.get(key) != old.get(key):
                out.append(f"{part}.{key}: shipped {old.get(key)!r}, fitted {new.get(key)!r}")
        new_w, old_w = new.get("weights", {}), old.get("weights", {})
        for name in [*new_w, *(n for n in old_w if n not in new_w)]:
            if new_w.get(name) != old_w.get(name):
                out.append(f"{part}.weights.{name}: shipped {old_w.get(name)}, fitted {new_w.get(name)}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--toponym", action="store_true", help="also fit the toponym-or-not span classifier")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--verify", action="store_true",
                        help="write nothing; exit 1 when the fitted parts differ from the file at --out")
    parser.add_argument("--cv", type=int, default=0, metavar="K",
                        help="also print the ranking accuracy of K-fold cross-validation by article (tuning halves)")
    args = parser.parse_args()
    rng = random.Random(SEED)
    articles = tuning_halves()
    model = bootstrap_model()
    groups: list[str] = []
    for it in range(ITERATIONS):
        spans = _record(articles, model, groups)
        rank = fit_rank(spans, rng)
        model = PlaceModel(rank, model.accept, model.toponym)
        alone = _record_alone(articles, model) if it == ITERATIONS - 1 else []
        model = PlaceModel(rank, fit_accept(spans, model, alone), model.toponym)
        print(f"iteration {it + 1}: {len(spans)} spans with candidates; chosen within 161 km: {_top1(rank, spans):.3f}")
    if args.cv:
        right: dict[str, int] = {}
        scores = cross_validate(spans, groups, args.cv, right)
        totals: dict[str, int] = {}
        for corpus, *_ in spans:
            totals[corpus] = totals.get(corpus, 0) + 1
        print(f"{args.cv}-fold cross-validation by article, ranking accuracy: {np.mean(scores):.4f} "
              f"({', '.join(f'{x:.4f}' for x in scores)}); out of fold right: "
              + ", ".join(f"{c} {right.get(c, 0)} / {n}" for c, n in sorted(totals.items())))
    data = {"rank": model.rank.as_dict(), "accept": model.accept.as_dict()}
    if args.toponym:
        from train_toponym import fit_toponym  # scripts/train_toponym.py

        toponym, ngram = fit_toponym(model)
        data["toponym"], data["toponym_ngram"] = toponym.as_dict(), ngram.as_dict()
    elif args.out.exists() and not args.verify:
        old = json.loads(args.out.read_text(encoding="utf-8"))
        for key in ("toponym", "toponym_ngram"):
            if key in old:
                data[key] = old[key]
    if args.verify:
        shipped = json.loads(args.out.read_text(encoding="utf-8")) if args.out.exists() else {}
        diffs = model_differences(data, shipped)
        print("\n".join(diffs) if diffs else f"{args.out}: {', '.join(data)} equal a fresh fit")
        sys.exit(1 if diffs else 0)
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    read_model(args.out)  # the file must load with this code
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
