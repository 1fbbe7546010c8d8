"""Train the event stage's category and status models (``make models``).

Training data (read at run time; nothing from it is copied into the repository):

* NGEC synthetic PLOVER stories (``events/ngec_synthetic_events.csv``, model-generated
  labels, training only): the first sentence of each story with the story's label;
* sitrep's own written examples (``training/events_examples.jsonl``; category + status).

For each sentence the trigger finder proposes triggers; the training trigger is the one
named in an own example, else the most salient one (closest to the root). The category
model is a multinomial logistic regression over ``category_features``; its lexicon prior
weight and C are chosen on a held-out 20% of the NGEC templates (split by title template
hash, never on the PLOVER GSR). The status model is trained on the own examples only.
Deterministic: fixed split, lbfgs solver, sorted inputs. Writes
``src/sitrep/models/events_model.{npz,json}``.

Usage: ``OMP_NUM_THREADS=1 python scripts/train_events.py [--shared DIR]``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
from sitrep.errors import SitrepError  # noqa: E402

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from sitrep.nlp import load_nlp  # noqa: E402
from sitrep.records import EVENT_CATEGORIES, EVENT_STATUSES  # noqa: E402
from sitrep.stages.events.classifier import (  # noqa: E402
    MODEL_DIR,
    EventModels,
    LinearModel,
    category_features,
    choose_category,
    save_models,
    status_features,
)
from sitrep.stages.events.lexicon import Code, load_lexicon  # noqa: E402
from sitrep.stages.events.modality import assess  # noqa: E402
from sitrep.stages.events.triggers import Trigger, find_triggers  # noqa: E402

OWN = REPO / "training" / "events_examples.jsonl"
csv.field_size_limit(10_000_000)


def find_shared() -> Path:
    from sitrep.datasets import shared_data_dir

    try:
        return shared_data_dir(REPO)
    except SitrepError as exc:
        raise SystemExit(str(exc)) from exc


def depth(token) -> int:  # type: ignore[no-untyped-def]
    d = 0
    while token.head.i != token.i and d < 50:
        token = token.head
        d += 1
    return d


def pick_trigger(sent, lex, word: str | None = None) -> Trigger:  # type: ignore[no-untyped-def]
    triggers = find_triggers(sent, lex)
    if word:
        named = [t for t in triggers if any(tok.lower_ == word.lower() for tok in t.tokens)]
        if named:
            return named[0]
        tok = next((t for t in sent if t.lower_ == word.lower()), sent.root)
        return Trigger(tok, [tok], Code("NONE", None, "none"), "verb")
    if triggers:
        return min(triggers, key=lambda t: (depth(t.anchor), t.start))
    return Trigger(sent.root, [sent.root], Code("NONE", None, "none"), "verb")


def ngec_rows(shared: Path) -> list[dict]:
    path = shared / "events" / "ngec_synthetic_events.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["label"] in EVENT_CATEGORIES and r["text"].strip()]
    return rows


def template_split(title: str) -> str:
    """80/20 train/dev split by title template (same template never on both sides)."""
    h = int(hashlib.sha1(title.encode("utf-8")).hexdigest(), 16)
    return "dev" if h % 5 == 0 else "train"


def fit(feats: list[dict], labels: list[str], c: float, classes: list[str]) -> LinearModel:
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform(feats)
    counts = np.asarray((x != 0).sum(axis=0)).ravel()
    keep = np.where(counts >= 2)[0]
    x = x[:, keep]
    names = [vec.feature_names_[i] for i in keep]
    clf = LogisticRegression(C=c, max_iter=2000, solver="lbfgs", class_weight="balanced")
    clf.fit(x, labels)
    coef = np.zeros((len(classes), len(names)), dtype=np.float64)
    intercept = np.full(len(classes), -20.0)
    for row, cls in enumerate(clf.classes_):
        coef[classes.index(cls)] = clf.coef_[row]
        intercept[classes.index(cls)] = clf.intercept_[row]
    return LinearModel(classes, {n: i for i, n in enumerate(names)}, coef, intercept)


def decide(model: LinearModel, feats: dict, lex: Code, prior: float) -> str:
    return choose_category(model.proba(feats), lex.category, lex.source, prior)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    args = parser.parse_args()
    shared = args.shared or find_shared()
    nlp = load_nlp()
    lex = load_lexicon()
    own = [json.loads(line) for line in OWN.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = ngec_rows(shared)
    print(f"NGEC rows: {len(rows)}; own examples: {len(own)}", flush=True)

    heads = [r["text"].strip()[:600] for r in rows]
    cat_items: list[tuple[dict, str, str, Code]] = []  # (features, label, split, lexicon code)
    for row, doc in zip(rows, nlp.pipe(heads, batch_size=64), strict=True):
        sent = next(iter(doc.sents))
        trig = pick_trigger(sent, lex)
        cat_items.append((category_features(trig, sent), row["label"], template_split(row["title"]),
                          trig.code))
    status_feats, status_labels = [], []
    for ex, doc in zip(own, nlp.pipe([e["text"] for e in own]), strict=True):
        sent = next(iter(doc.sents))
        trig = pick_trigger(sent, lex, ex["trigger"])
        if ex.get("category"):
            cat_items.append((category_features(trig, sent), ex["category"], "train", trig.code))
        modality = assess(trig, None)
        status_feats.append(status_features(trig, modality.cues, sent))
        status_labels.append(ex["status"])

    classes = list(EVENT_CATEGORIES)
    train = [i for i in cat_items if i[2] == "train"]
    dev = [i for i in cat_items if i[2] == "dev"]
    lex_only = np.mean([i[3].category == i[1] for i in dev])
    print(f"category: train {len(train)}, dev {len(dev)}; lexicon-only dev accuracy {lex_only:.3f}")
    best = (-1.0, 1.0, 0.0)
    for c in (0.3, 1.0, 3.0):
        model = fit([i[0] for i in train], [i[1] for i in train], c, classes)
        for prior in (0.0, 0.1, 0.2, 0.3, 0.5, 1.0):
            acc = float(np.mean([decide(model, f, code, prior) == y for f, y, _, code in dev]))
            print(f"  C={c} prior={prior}: dev accuracy {acc:.3f}")
            if acc > best[0]:
                best = (acc, c, prior)
    dev_acc, c_best, prior_best = best
    print(f"chosen C={c_best} lex_prior={prior_best} (NGEC dev accuracy {dev_acc:.3f})")
    cat_model = fit([i[0] for i in cat_items], [i[1] for i in cat_items], c_best, classes)
    st_model = fit(status_feats, status_labels, 1.0, list(EVENT_STATUSES))
    meta = {
        "trained_by": "scripts/train_events.py",
        "data": ["NGEC synthetic PLOVER stories (first sentence, story label; training only)",
                 "training/events_examples.jsonl (sitrep's own sentences)"],
        "lex_prior": prior_best,
        "C": c_best,
        "ngec_dev_accuracy": round(dev_acc, 4),
        "lexicon_only_ngec_dev_accuracy": round(float(lex_only), 4),
        "status_threshold": 0.8,
        "n_category_examples": len(cat_items),
        "n_status_examples": len(status_labels),
    }
    save_models(EventModels(cat_model, st_model, meta), args.out)
    print(json.dumps(meta, indent=1))


if __name__ == "__main__":
    main()
