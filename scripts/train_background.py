"""Fit the incident layer's learned news-or-background reading (``data/background.json``; branch bg2).

Labels come from the **tune** lines of the two incident-records golds, read against a FA-KES
database holding main's incidents (``--db``; read only):

- background: the news mentions of the record a ``"real": false`` draw sampled (its ``sampled_from``
  incident ids): the record tells no incident (a background line, a recalled attack, a tally);
- news: the news mentions, in any stored incident, whose evidence lies inside a real gold incident's
  spans.

An event labelled both ways is dropped. Features: ``sitrep.incidents.background.FEATURES``, computed
by ``mentions.news_features`` exactly as the incident layer computes them. A logistic regression
(standardised features, L2, C = ``--c``) is fitted on every labelled mention; the threshold is the
one that, over out-of-fold probabilities (folds grouped by document), turns the most ``real: false``
records wholly to background while wholly demoting at most ``--max-lost`` real gold incidents (ties:
the higher threshold). ``--oof FILE`` also writes the per-fold models and each labelled document's
fold (what ``benchmarks/incidents_background.py`` reads to rebuild out of fold).

Usage: ``python scripts/train_background.py --db FAKES_DB [--out PATH] [--oof FILE]``.
Deterministic: the same database and golds give the same file.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
GOLDS = (REPO / "benchmarks" / "data" / "fakes_incident_records_gold.jsonl",
         REPO / "benchmarks" / "data" / "fakes_incident_records_single_gold.jsonl")
OUT = REPO / "src" / "sitrep" / "incidents" / "data" / "background.json"
FOLDS = 5


def tune_lines() -> list[dict[str, Any]]:
    out = []
    for path in GOLDS:
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if rec.get("split") == "tune":
                rec["gold"] = path.name
                out.append(rec)
    return out


def stored(db: str) -> tuple[dict[str, dict], dict[str, dict], dict[str, str]]:
    """Events by id, incidents by id, and document id -> FA-KES row reference, from the database."""
    from sitrep.export import iter_export
    from sitrep.store import Store

    events: dict[str, dict] = {}
    incidents: dict[str, dict] = {}
    rows: dict[str, str] = {}
    with Store(db, readonly=True) as store:
        for rec in iter_export(store, types=frozenset({"document", "event", "incident"})):
            if rec["type"] == "document":
                rows[rec["id"]] = (rec.get("source_path") or rec["id"]).split("/")[-1]
            elif rec["type"] == "event":
                events[rec["id"]] = rec
            else:
                incidents[rec["id"]] = rec
    return events, incidents, rows


def news_of(incident: dict) -> list[str]:
    historical = set(incident.get("historical") or [])
    return [e for e in incident.get("events") or [] if e not in historical]


def labels(lines: list[dict], events: dict, incidents: dict, rows: dict) -> tuple[dict[str, int], dict]:
    """Event id -> 1 (background) / 0 (news), and event id -> the gold lines that label it."""
    found: dict[str, set[int]] = defaultdict(set)
    owners: dict[str, set[str]] = defaultdict(set)
    news = [e for inc in incidents.values() for e in news_of(inc)]
    for line in lines:
        key = f"{line['gold']}:{line['id']}"
        if not line.get("real"):
            for inc in line.get("sampled_from") or []:
                for e in news_of(incidents.get(inc, {})):
                    found[e].add(1)
                    owners[e].add(key)
            continue
        for e in news:
            ev = events[e]
            row, start, end = rows.get(ev["document"]), ev["evidence"]["start"], ev["evidence"]["end"]
            spans = line.get("spans", {}).get(row) if row in (line.get("documents") or []) else None
            if spans is not None and any(start < b and a < end for a, b in spans):
                found[e].add(0)
                owners[e].add(key)
    return {e: next(iter(v)) for e, v in found.items() if len(v) == 1}, owners


def feature_rows(db: str, events: dict, labelled: dict[str, int]) -> dict[str, dict[str, float]]:
    from sitrep.incidents.mentions import news_features
    from sitrep.incidents.settings import load_settings
    from sitrep.incidents.update import load_inputs
    from sitrep.store import Store

    settings = load_settings()
    docs = sorted({events[e]["document"] for e in labelled})
    out: dict[str, dict[str, float]] = {}
    with Store(db, readonly=True) as store:
        for item in load_inputs(store, docs):
            out.update({e: f for e, f in news_features(item, settings).items() if e in labelled})
    return out


def fit(x: list[list[float]], y: list[int], c: float) -> dict[str, Any]:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from sitrep.incidents.background import FEATURES

    a = np.asarray(x, dtype=float)
    means, scales = a.mean(axis=0), a.std(axis=0)
    scales[scales == 0] = 1.0
    clf = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
    clf.fit((a - means) / scales, np.asarray(y))
    return {"weights": dict(zip(FEATURES, map(float, clf.coef_[0]), strict=True)),
            "intercept": float(clf.intercept_[0]), "means": dict(zip(FEATURES, map(float, means), strict=True)),
            "scales": dict(zip(FEATURES, map(float, scales), strict=True)), "threshold": 0.5}


def folds_of(docs: list[str]) -> dict[str, int]:
    """Document -> fold: documents in sorted order dealt round the folds (deterministic, grouped)."""
    return {d: i % FOLDS for i, d in enumerate(sorted(docs))}


def lost(prob: dict[str, float], owners: dict[str, set[str]], labelled: dict[str, int], t: float) -> tuple[int, int]:
    """(real: false records wholly demoted, real incidents wholly demoted) at threshold t."""
    per: dict[str, list[bool]] = defaultdict(list)
    kind: dict[str, int] = {}
    for e, keys in owners.items():
        if e in labelled and e in prob:
            for k in keys:
                per[k].append(prob[e] >= t)
                kind[k] = labelled[e]
    gone = [k for k, v in per.items() if all(v)]
    return sum(kind[k] == 1 for k in gone), sum(kind[k] == 0 for k in gone)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--oof", type=Path, default=None)
    ap.add_argument("--c", type=float, default=0.3)
    ap.add_argument("--max-lost", type=int, default=1)
    args = ap.parse_args(argv)
    from sitrep.incidents.background import FEATURES, BackgroundModel

    events, incidents, rows = stored(args.db)
    labelled, owners = labels(tune_lines(), events, incidents, rows)
    feats = feature_rows(args.db, events, labelled)
    ids = sorted(feats)
    x = [[feats[e][k] for k in FEATURES] for e in ids]
    y = [labelled[e] for e in ids]
    fold = folds_of([events[e]["document"] for e in ids])
    models, prob = [], {}
    for f in range(FOLDS):
        train = [i for i, e in enumerate(ids) if fold[events[e]["document"]] != f]
        model = BackgroundModel.from_dict(fit([x[i] for i in train], [y[i] for i in train], args.c))
        models.append(model)
        prob.update({e: model.probability(feats[e]) for e in ids if fold[events[e]["document"]] == f})
    grid = [round(0.30 + 0.01 * i, 2) for i in range(70)]
    scored = [(lost(prob, owners, labelled, t), t) for t in grid]
    (gained, real_lost), threshold = max(((g, r), t) for (g, r), t in scored if r <= args.max_lost)
    full = fit(x, y, args.c) | {"threshold": threshold,
                                "source": "scripts/train_background.py: tune lines of the incident-records golds"}
    args.out.write_text(json.dumps(full, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    sys.stdout.write(f"{len(ids)} labelled news mentions ({sum(y)} background); threshold {threshold}: "
                     f"out of fold {gained} real-false records and {real_lost} real incidents wholly background\n")
    if args.oof:
        args.oof.write_text(json.dumps({"threshold": threshold, "folds": {d: f for d, f in fold.items()},
                                        "models": [m.to_dict() | {"threshold": threshold} for m in models],
                                        "probability": prob}, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
