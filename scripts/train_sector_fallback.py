"""Fit the actor stage's learned sector fallback (issue 14, branch ``actors3``; ``make models``).

Training data — the KB's own coded phrases, all openly licensed, nothing from an evaluation set:

- the agent nouns (``KnowledgeBase.agents``: PETRARCH2's ``Phoenix.agents.txt``, MIT, as written
  by ``convert_petrarch2.py`` in PLOVER's meaning, with the curated ``agents_curated.yaml`` and
  their regular plurals), one row per form;
- the names and aliases of the KB's organisations (every actor that is not a person or a state),
  with their sector; PETRARCH2's organisations keep CAMEO's ``MED``/``HLH`` in the KB, so they are
  read in PLOVER's meaning here (``convert_petrarch2.AGENT_SECTORS``).

Only sectors of PLOVER's actor table are kept as labels (``LABELS``). The features are those of
``sitrep.stages.actors.sector_model.features`` (words, head, the head's endings). The model is a
multinomial logistic regression; ``C`` and the confidence threshold are chosen by 5-fold
cross-validation grouped by head word (a held-out fold's heads were never seen in training: the
fallback is for words the KB lacks): ``C`` by out-of-fold accuracy, the threshold as the lowest
one whose out-of-fold precision on answered rows reaches ``TARGET_PRECISION``. The spread is the
standard deviation over the folds. Deterministic.

Writes ``src/sitrep/stages/actors/sector_fallback.json``.

Usage: ``python scripts/train_sector_fallback.py [--out PATH]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "scripts"))

from convert_petrarch2 import AGENT_SECTORS  # noqa: E402

from sitrep.kb.load import load_kb  # noqa: E402
from sitrep.kb.normalize import key  # noqa: E402
from sitrep.stages.actors.sector_model import MODEL_PATH, features  # noqa: E402

#: PLOVER's actor sectors (manual, table 5.2) that the fallback may answer
LABELS = frozenset({"GOV", "MIL", "REB", "COP", "SPY", "JUD", "LEG", "PTY", "IGO", "NGO", "JRN", "CVL",
                    "BUS", "REL", "ELI", "UAF", "OPP", "MED", "EDU", "AGR", "LAB", "REF", "CRM", "RAD",
                    "PRM", "IMG"})
C_GRID = (1.0, 3.0, 10.0, 30.0)
#: the training rows: the agent nouns only ("agents") or with the KB's organisation names
#: ("agents+orgs"); chosen on the two tune halves (docs/benchmarks.md, branch actors3)
SOURCES = "agents"
THRESHOLDS = tuple(round(0.3 + 0.05 * i, 2) for i in range(14))  # 0.30 ... 0.95
#: the out-of-fold precision the fallback must reach on the rows it answers
TARGET_PRECISION = 0.8
FOLDS = 5
#: weights below this (absolute) are not shipped
MIN_WEIGHT = 1e-2


def rows(sources: str = "agents") -> list[tuple[str, str]]:
    """``(text, sector)`` training rows: the agent nouns, and with ``sources="agents+orgs"`` the KB's
    organisation names as well."""
    kb = load_kb()
    out: dict[str, str] = {}
    for form, sector in sorted(kb.agents.items()):
        if sector in LABELS:
            out.setdefault(form, sector)
    if sources == "agents":
        return sorted(out.items())
    for actor in sorted(kb.actors.values(), key=lambda a: a.id):
        if actor.kind in ("person", "state") or not actor.sector or actor.provenance == "generic":
            continue
        sector = AGENT_SECTORS.get(actor.sector, actor.sector) if actor.id.startswith("p2:") else actor.sector
        if sector not in LABELS:
            continue
        for name in (actor.name, *actor.aliases):
            k = key(name.lstrip("="))
            if k and features(k):
                out.setdefault(k, sector)
    return sorted(out.items())


def head(text: str) -> str:
    f = features(text)
    return next((x for x in f if x.startswith("h:")), "")


def main() -> None:
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--sources", choices=["agents", "agents+orgs"], default=SOURCES)
    args = parser.parse_args()

    data = rows(args.sources)
    texts = [t for t, _ in data]
    y = np.array([s for _, s in data])
    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(features(t), 1) for t in texts])
    groups = np.array([head(t) for t in texts])
    folds = list(GroupKFold(n_splits=FOLDS).split(x, y, groups))

    log: dict[str, object] = {"rows": len(data), "labels": dict(sorted(
        {s: int((y == s).sum()) for s in set(y.tolist())}.items()))}
    search = []
    best: tuple[float, float, np.ndarray] | None = None
    for c in C_GRID:
        oof_p = np.zeros(len(y))
        oof_label = np.empty(len(y), dtype=object)
        accs = []
        for train, test in folds:
            model = LogisticRegression(C=c, max_iter=2000)
            model.fit(x[train], y[train])
            proba = model.predict_proba(x[test])
            oof_p[test] = proba.max(axis=1)
            oof_label[test] = model.classes_[proba.argmax(axis=1)]
            accs.append(float((oof_label[test] == y[test]).mean()))
        acc = float(np.mean(accs))
        search.append({"C": c, "oof_accuracy": round(acc, 4), "sd_over_folds": round(statistics.stdev(accs), 4)})
        if best is None or acc > best[0]:
            best = (acc, c, np.stack([oof_p, (oof_label == y).astype(float)]))
    assert best is not None
    _, c_best, oof = best
    curve = []
    threshold = THRESHOLDS[-1]
    for t in THRESHOLDS:
        answered = oof[0] >= t
        n = int(answered.sum())
        precision = float(oof[1][answered].mean()) if n else 0.0
        curve.append({"threshold": t, "answered": round(n / len(y), 4), "precision": round(precision, 4)})
    threshold = next((p["threshold"] for p in curve if p["precision"] >= TARGET_PRECISION), THRESHOLDS[-1])
    fold_precisions = []
    for _, test in folds:
        answered = oof[0][test] >= threshold
        if answered.any():
            fold_precisions.append(float(oof[1][test][answered].mean()))

    model = LogisticRegression(C=c_best, max_iter=2000)
    model.fit(x, y)
    names = vec.get_feature_names_out()
    weights: dict[str, dict[str, float]] = {}
    for j, name in enumerate(names):
        row = {str(i): round(float(model.coef_[i, j]), 4) for i in range(len(model.classes_))
               if abs(model.coef_[i, j]) >= MIN_WEIGHT}
        if row:
            weights[str(name)] = row
    out = {
        "sources": args.sources,
        "about": "learned sector fallback for actor texts the KB cannot code; written by "
                 "scripts/train_sector_fallback.py from the KB: PETRARCH2 agents (MIT) and curated agents"
                 + ("; KB organisation names" if args.sources == "agents+orgs" else ""),
        "classes": [str(c) for c in model.classes_],
        "intercepts": [round(float(b), 4) for b in model.intercept_],
        "threshold": threshold,
        "C": c_best,
        "cv": {**log, "folds": FOLDS, "grouped_by": "head word", "search": search, "threshold_curve": curve,
               "target_precision": TARGET_PRECISION,
               "precision_at_threshold_by_fold": [round(p, 4) for p in fold_precisions],
               "precision_sd_over_folds": round(statistics.stdev(fold_precisions), 4)
               if len(fold_precisions) > 1 else None},
        "weights": dict(sorted(weights.items())),
    }
    args.out.write_text(json.dumps(out, separators=(",", ":")) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in out.items() if k not in ("weights",)}, indent=1))


if __name__ == "__main__":
    main()
