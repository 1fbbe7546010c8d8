"""Train the events stage's eventness model (``make models``): is a proposed trigger the event?

Training data (read at run time; nothing from it is copied into the repository): the NGEC
synthetic PLOVER stories (``events/ngec_synthetic_events.csv``; MIT per NGEC's pyproject;
model-generated, training only). For each story, the triggers of its first two sentences are
proposed by the trigger finder and given a category as the events stage does (the shipped
category model with the lexicon as a prior); a candidate is positive when that category is the
story's label, negative otherwise. No FA-KES row (no licence: evaluation only) is used. By
default no PLOVER GSR record (evaluation set of issue 13; CC BY-SA) is used either; ``--plover``
adds the candidates of the records of the PLOVER **tune** half (``scorer.plover_split``; the
check half never): a candidate is positive when one of its words is in the record's
``eventText`` and its category is the record's. A model fitted with ``--plover`` is derived from
CC BY-SA records (share-alike) and the PLOVER tune figures are no longer independent of it: it
is for measurement, not for shipping as it stands (docs/benchmarks.md, issue 13, 2026-12-04
morning). ``--context`` adds ``eventness.context_features`` (status and modality cues, tense,
modal, quotation, reporting verbs around the trigger) and marks the model as reading them.

The model is a binary logistic regression over ``eventness_features``. C is chosen on the NGEC
templates held out by ``train_events.template_split`` (20 %, split by title template; log loss);
the model is fitted on the training templates only, so the held-out templates stay held out
(but the category model that decides each candidate's category was fitted on every NGEC story,
so the held-out figures are optimistic). Deterministic: fixed split, lbfgs, sorted inputs,
rounded weights. Writes ``--out`` (default ``/tmp/sitrep-eventness-model.json``); the decision
threshold is chosen by ``benchmarks/events_eventness.py``, which ships the model into
``src/sitrep/stages/events/data/`` only when a threshold above 0 helps the FA-KES tune half
(``make eventness`` runs both; not part of ``make models``: nothing is shipped today).

Usage: ``OMP_NUM_THREADS=1 python scripts/train_eventness.py [--shared DIR] [--out FILE]``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "scripts"))
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import log_loss, roc_auc_score  # noqa: E402
from train_events import find_shared, ngec_rows, template_split  # noqa: E402

from sitrep.nlp import load_nlp  # noqa: E402
from sitrep.stages.events.classifier import (  # noqa: E402
    category_features,
    choose_category,
    load_models,
)
from sitrep.stages.events.eventness import (  # noqa: E402
    context_features,
    eventness_features,
    save_model,
)
from sitrep.stages.events.lexicon import load_lexicon  # noqa: E402
from sitrep.stages.events.modality import assess  # noqa: E402
from sitrep.stages.events.scorer import gold_category, plover_split  # noqa: E402
from sitrep.stages.events.triggers import find_triggers  # noqa: E402

LEAD_SENTENCES = 2
DEFAULT_OUT = Path("/tmp/sitrep-eventness-model.json")


def parsed(nlp, texts: list[str], cache: Path | None) -> list:  # type: ignore[no-untyped-def,type-arg]
    """The parsed stories; ``cache`` (a spaCy DocBin file, e.g. under /tmp) saves re-parsing
    while features are compared. Not shipped, not read by ``make models``."""
    from spacy.tokens import DocBin

    if cache is not None and cache.exists():
        return list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts, batch_size=64))
    if cache is not None:
        DocBin(store_user_data=False, docs=docs).to_disk(cache)
    return docs


def _features(trig, sent, category: str, probability: float, context: bool) -> dict[str, float]:  # type: ignore[no-untyped-def]
    feats = eventness_features(trig, sent, category, probability)
    if context:
        modality = assess(trig, None, sent)
        feats.update(context_features(trig, sent, modality.status, tuple(modality.cues)))
    return feats


def candidates(shared: Path, cache: Path | None = None, context: bool = False,
               lead: int = LEAD_SENTENCES) -> list[tuple[dict[str, float], int, str]]:
    """(features, label, split) for every proposed trigger of every story's lead sentences."""
    nlp, lex, models = load_nlp(), load_lexicon(), load_models()
    rows = ngec_rows(shared)
    texts = [r["text"].strip()[:1200] for r in rows]
    out = []
    for row, doc in zip(rows, parsed(nlp, texts, cache), strict=True):
        split = template_split(row["title"])
        for sent in list(doc.sents)[:lead]:
            for trig in find_triggers(sent, lex):
                proba = models.category.proba(category_features(trig, sent))
                category = choose_category(proba, trig.code.category, trig.code.source, models.lex_prior)
                out.append((_features(trig, sent, category, proba[category], context), int(category == row["label"]), split))
    return out


def plover_candidates(shared: Path, context: bool = False) -> list[tuple[dict[str, float], int, str]]:
    """(features, label, "train") for the proposed triggers of the PLOVER GSR **tune** records."""
    nlp, lex, models = load_nlp(), load_lexicon(), load_models()
    records = [json.loads(line) for line in (shared / "events" / "plover_gsr_dev.jsonl").open(encoding="utf-8")
               if line.strip()]
    out = []
    for i, rec in enumerate(records):
        if plover_split(i) != "tune":
            continue
        words = set(str(rec.get("eventText", "")).lower().split())
        gold = gold_category(rec)
        for sent in nlp(rec["text"]).sents:
            for trig in find_triggers(sent, lex):
                proba = models.category.proba(category_features(trig, sent))
                category = choose_category(proba, trig.code.category, trig.code.source, models.lex_prior)
                hit = any(t.lower_ in words for t in trig.tokens) and category == gold
                out.append((_features(trig, sent, category, proba[category], context), int(hit), "train"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--cache", type=Path, default=None, help="DocBin of the parsed stories (reused if present)")
    parser.add_argument("--plover", action="store_true", help="add the PLOVER GSR tune records' candidates")
    parser.add_argument("--context", action="store_true", help="add eventness.context_features")
    parser.add_argument("--lead", type=int, default=LEAD_SENTENCES, help="lead sentences of each story")
    args = parser.parse_args()
    shared = args.shared or find_shared()
    items = candidates(shared, args.cache, args.context, args.lead)
    if args.plover:
        items += plover_candidates(shared, args.context)
    train = [i for i in items if i[2] == "train"]
    dev = [i for i in items if i[2] == "dev"]
    vec = DictVectorizer(sort=True)
    x_train = vec.fit_transform([i[0] for i in train])
    counts = np.asarray((x_train != 0).sum(axis=0)).ravel()
    keep = np.where(counts >= 3)[0]
    x_train = x_train[:, keep]
    names = [vec.feature_names_[i] for i in keep]
    x_dev = vec.transform([i[0] for i in dev])[:, keep]
    y_train = np.array([i[1] for i in train])
    y_dev = np.array([i[1] for i in dev])
    print(f"candidates: train {len(train)} ({y_train.mean():.3f} positive), dev {len(dev)} "
          f"({y_dev.mean():.3f} positive); features {len(names)}", flush=True)
    best: tuple[float, float, LogisticRegression] | None = None
    trail = []
    for c in (0.03, 0.1, 0.3, 1.0):
        clf = LogisticRegression(C=c, max_iter=3000, solver="lbfgs")
        clf.fit(x_train, y_train)
        p = clf.predict_proba(x_dev)[:, 1]
        loss, auc = float(log_loss(y_dev, p)), float(roc_auc_score(y_dev, p))
        trail.append({"C": c, "dev_log_loss": round(loss, 4), "dev_auc": round(auc, 4)})
        print(f"  C={c}: dev log loss {loss:.4f}, AUC {auc:.4f}", flush=True)
        if best is None or loss < best[0]:
            best = (loss, c, clf)
    assert best is not None
    loss, c_best, clf = best
    p_dev = clf.predict_proba(x_dev)[:, 1]
    meta = {
        "trained_by": "scripts/train_eventness.py",
        "data": "NGEC synthetic PLOVER stories (events/ngec_synthetic_events.csv, MIT; model-generated, "
                "training only): triggers of the first two sentences, positive when their category is "
                "the story's label; training templates only (train_events.template_split)",
        "C": c_best,
        "search": trail,
        "ngec_dev": {"candidates": len(dev), "positive_rate": round(float(y_dev.mean()), 4),
                     "auc": round(float(roc_auc_score(y_dev, p_dev)), 4),
                     "accuracy_at_0.5": round(float(np.mean((p_dev >= 0.5) == y_dev)), 4),
                     "majority_accuracy": round(float(max(y_dev.mean(), 1 - y_dev.mean())), 4)},
        "n_train_candidates": len(train),
        "plover_tune": bool(args.plover),
        "context": bool(args.context),
        "lead_sentences": args.lead,
    }
    save_model(dict(zip(names, clf.coef_[0].tolist(), strict=True)), float(clf.intercept_[0]), meta, args.out)
    print({k: v for k, v in meta.items() if k != "search"})


if __name__ == "__main__":
    main()
