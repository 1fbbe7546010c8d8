"""Fit the incident layer's within-report same-incident model (``make models``; issue 11, branch wdoc2).

Training labels: the **tune** lines of the two hand-judged incident-records golds
(``benchmarks/data/fakes_incident_records_gold.jsonl`` and ``fakes_incident_records_single_gold.jsonl``;
format in docs/incident-records-gold.md). A gold line's ``spans`` give, per document, the character
spans of the sentences that tell its incident. For two news mentions of one document in different
sentences (``sitrep.incidents.mentions``, read from an analysed FA-KES development database):

- both evidence sentences overlap the spans of one gold incident: **same**;
- one overlaps a gold incident's spans and the other does not (in that document): **different**
  (unless another gold line holds both: then same);
- neither overlaps any span: no label.

Check lines are never read (the split is filtered before anything else), nor one-report lines
holding a draw position of ``DRAW_LIMIT`` (400) or more; every row is an even ``unit_id`` FA-KES row
(the golds hold no other).

Refitted by branch fold3 on the grown golds (one-report draws 0–399, two-report tune half); the
design is wdoc2's, unchanged. Model: a logistic regression (lbfgs, deterministic, ``C`` = ``C_VALUE``) over
``sitrep.incidents.within.FEATURES``; threshold ``THRESHOLD`` on the mean pair probability of two
clusters. Nothing is searched: the same fixed design is fitted on every fold.

``--folds-out FILE`` also writes the out-of-fold fits: the labelled documents grouped into
``FOLDS`` folds (the documents one gold line ties together stay in one fold), and for each fold the
model fitted without its documents, with the fold's documents and pair-level out-of-fold figures.
``benchmarks/incidents_within_oof.py`` reads it for the out-of-fold records audit.

Usage: ``python scripts/train_within_report.py --db FAKES_DEV_DB [--out FILE] [--folds-out FILE]``
(``make models`` passes the incident linker's database).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from sitrep.incidents.clustering import DisjointSets  # noqa: E402
from sitrep.incidents.mentions import Mention, mentions  # noqa: E402
from sitrep.incidents.settings import DATA, load_settings  # noqa: E402
from sitrep.incidents.update import load_inputs  # noqa: E402
from sitrep.incidents.within import FEATURES, WithinModel, pair_features  # noqa: E402
from sitrep.store import Store  # noqa: E402

GOLDS = (REPO / "benchmarks" / "data" / "fakes_incident_records_gold.jsonl",
         REPO / "benchmarks" / "data" / "fakes_incident_records_single_gold.jsonl")
OUT = DATA / "within.json"
C_VALUE = 1.0
THRESHOLD = 0.5
FOLDS = 5
SEED = 2026_12_07_11

Spans = tuple[tuple[int, int], ...]

#: one-report gold lines holding a draw at this position or later are never read (fold3: they are
#: judged after the model is frozen, for the lead's reading of it)
DRAW_LIMIT = 400


def drawn_before(gold: dict[str, Any], limit: int = DRAW_LIMIT) -> bool:
    """Whether a gold line may be read: every draw position it holds (``draw``, one-report gold
    lines) is below ``limit``; a line without draw positions (the two-report gold) may."""
    return all(int(d) < limit for d in gold.get("draw") or ())


def tune_spans(paths: Iterable[Path]) -> list[dict[str, Spans]]:
    """Per tune gold line with spans: document reference -> the spans of its incident's sentences."""
    out = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            gold = json.loads(line)
            if gold.get("split") != "tune" or not gold.get("spans") or not drawn_before(gold):
                continue
            out.append({row: tuple((int(s), int(e)) for s, e in pairs) for row, pairs in gold["spans"].items()})
    return out


def row_of(source_path: str | None, doc_id: str) -> str:
    """The FA-KES row reference a gold line uses for a document (as the records audit reads it)."""
    if source_path and "#row" in source_path:
        return "FA-KES-Dataset.csv#" + source_path.rsplit("#", 1)[1]
    return doc_id


def _inside(m: Mention, spans: Spans) -> bool:
    start, end = m.sentence
    return any(start < e and s < end for s, e in spans)


def labelled_pairs(news: Sequence[Mention], golds: Sequence[dict[str, Spans]],
                   rows: dict[str, str]) -> list[tuple[Mention, Mention, bool]]:
    """Every labelled pair of news mentions of one document (see the module doc), in id order."""
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for m in news:
        by_doc[m.document].append(m)
    out = []
    for doc, ms in sorted(by_doc.items()):
        lines = [g[rows[doc]] for g in golds if rows.get(doc) in g]
        if not lines:
            continue
        ms = sorted(ms, key=lambda m: m.id)
        for i, x in enumerate(ms):
            for y in ms[i + 1:]:
                if x.sentence == y.sentence:
                    continue
                ins = [(_inside(x, s), _inside(y, s)) for s in lines]
                if any(a and b for a, b in ins):
                    out.append((x, y, True))
                elif any(a != b for a, b in ins):
                    out.append((x, y, False))
    return out


def matrix(pairs: Sequence[tuple[Mention, Mention, bool]], last: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    settings = load_settings()
    x = np.array([[pair_features(a, b, settings, last[a.document])[f] for f in FEATURES] for a, b, _ in pairs])
    return x.reshape(len(pairs), len(FEATURES)), np.array([same for _, _, same in pairs], dtype=int)


def fit(x: np.ndarray, y: np.ndarray, fitted_on: str) -> WithinModel:
    model = LogisticRegression(C=C_VALUE, solver="lbfgs", max_iter=2000).fit(x, y)
    weights = {f: round(float(w), 6) for f, w in zip(FEATURES, model.coef_[0], strict=True)}
    return WithinModel(weights, round(float(model.intercept_[0]), 6), THRESHOLD, fitted_on)


def fold_groups(docs: Sequence[str], golds: Sequence[dict[str, Spans]], rows: dict[str, str]) -> list[list[str]]:
    """The labelled documents in ``FOLDS`` folds; the documents of one gold line stay together."""
    doc_of = {rows[d]: d for d in docs}
    sets: DisjointSets[str] = DisjointSets()
    for g in golds:
        members = sorted(doc_of[r] for r in g if r in doc_of)
        for d in members:
            sets.union(sets.find(d), sets.find(members[0]))
    groups: dict[str, list[str]] = defaultdict(list)
    for d in sorted(docs):
        groups[sets.find(d)].append(d)
    ordered = sorted(groups.values())
    random.Random(SEED).shuffle(ordered)
    folds: list[list[str]] = [[] for _ in range(FOLDS)]
    for i, group in enumerate(ordered):
        folds[i % FOLDS].extend(group)
    return [sorted(f) for f in folds]


def out_of_fold(pairs: list[tuple[Mention, Mention, bool]], last: dict[str, int], folds: list[list[str]],
                fitted_on: str) -> dict[str, Any]:
    """Each fold's model fitted without its documents, and the pair-level figures out of fold."""
    x, y = matrix(pairs, last)
    docs = np.array([a.document for a, _, _ in pairs])
    out: dict[str, Any] = {"folds": []}
    hits = tp = fp = fn = 0
    for k, fold in enumerate(folds):
        held = np.isin(docs, fold)
        model = fit(x[~held], y[~held], f"{fitted_on}; out of fold {k}")
        predicted = np.array([model.probability(dict(zip(FEATURES, row, strict=True))) >= model.threshold
                              for row in x[held]], dtype=bool)
        truth = y[held].astype(bool)
        hits += int((predicted == truth).sum())
        tp += int((predicted & truth).sum())
        fp += int((predicted & ~truth).sum())
        fn += int((~predicted & truth).sum())
        out["folds"].append({"documents": fold, "pairs": int(held.sum()), "model": model.to_dict()})
    out["pairs"] = {"labelled": len(pairs), "same": int(y.sum()), "accuracy": round(hits / len(pairs), 3),
                    "precision": round(tp / (tp + fp), 3) if tp + fp else 0.0,
                    "recall": round(tp / (tp + fn), 3) if tp + fn else 0.0}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, required=True, help="an analysed FA-KES development database")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--folds-out", type=Path, default=None)
    args = ap.parse_args(argv)
    settings = load_settings()
    with Store(str(args.db), readonly=True) as store:
        items = load_inputs(store, store.analyzed_versions())
    rows = {item.document.id: row_of(item.document.source_path, item.document.id) for item in items}
    news = [m for m in mentions(items, settings) if m.role == "news"]
    last: dict[str, int] = defaultdict(int)
    for m in news:
        last[m.document] = max(last[m.document], m.order)
    golds = tune_spans(GOLDS)
    pairs = labelled_pairs(news, golds, rows)
    fitted_on = (f"{len(pairs)} labelled pairs ({sum(s for _, _, s in pairs)} same) of "
                 f"{len({a.document for a, _, _ in pairs})} reports: the tune lines of {', '.join(p.name for p in GOLDS)}")
    x, y = matrix(pairs, last)
    model = fit(x, y, fitted_on)
    args.out.write_text(json.dumps(model.to_dict(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {fitted_on}")
    if args.folds_out is not None:
        folds = fold_groups(sorted({a.document for a, _, _ in pairs}), golds, rows)
        oof = out_of_fold(pairs, last, folds, fitted_on)
        args.folds_out.write_text(json.dumps(oof, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.folds_out}: out of fold {oof['pairs']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
