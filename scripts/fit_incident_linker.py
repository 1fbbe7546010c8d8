"""Fit the incident linker's weights and thresholds on the TUNING half of the labelled pairs.

Inputs (read at run time, nothing copied into the repository):

* a sitrep database in which the FA-KES development rows were analysed
  (``sitrep run FA-KES-Dataset.csv --map ...``; only rows with an even ``unit_id`` —
  blank the others first, so that row numbers stay those of ``source_path``);
* ``benchmarks/data/fakes_incident_pairs.jsonl`` (docs/incident-guide.md); only pairs
  with ``"split": "tune"`` are used. The check half is never read here.

Method: two logistic models, the linker's two levels (``settings.LinkModel``).

* The *report model* decides whether two reports share an incident: a plain logistic
  regression over the report features (``REPORT_LEVEL``: body and lead similarity, shared
  fine places, publication gap, and the stacked features — a mention feature's largest value
  over the pair's candidate mention pairs, ``features.stack``), one row per labelled report pair
  that blocking compares at all. The labels are about report pairs, so this level is fitted on
  exactly what is labelled.
* The *mention model* aligns the mentions of a linked report pair: a logistic regression over
  the mention features (``MENTION_FEATURES``) of every candidate mention pair, each with its
  report pair's label, then ``--rounds`` multiple-instance rounds (each same pair keeps only its
  best-scoring mention pair as the positive, all mention pairs of different pairs negatives).
  The linker always aligns a linked report pair's best mention pair and any other reaching
  the align threshold (``linker.align``).

Words are weighed by a fixed IDF table (``IdfTable``) the script counts first: every analysed
report of the database except those of check-half pairs (only their references are read), words
in at least ``IDF_MIN_DF`` of them. It is written as ``idf.json`` beside ``--out`` and read by
the features ``body_idf``, ``lead_idf`` and ``text_idf``.

Both are L2-regularised (``--l2``), classes balanced, and each weight is held to the sign the
feature's meaning gives it (``SIGNS``): agreement can only raise a score, a contradiction only
lower it, so a quirk of a few pairs cannot turn one around.

Cross-validation inside the tune half. The tune pairs are cut into ``--folds`` folds by
connected component (a report in two pairs ties them, so no report is on both sides of a
fold). For each ``--l2`` and fold, weights are fitted on the other folds and the whole
linker (blocking, scoring, constrained clustering with ``--merge``, attachment) links every
analysed report; the fold's pairs are predicted from that. The L2 strength, the report
threshold and the align, merge and best thresholds (``BESTS``: the mention score the best
mention pair of two linked reports needs) with the best out-of-fold pair F1 are kept (ties: the
stronger regularisation, then the higher thresholds), and both models are refitted on the
whole tune half with them.
Repeated cross-validation (2026-12-05 morning, ``--repeats R``). One fold split is one draw: the
tune pairs form a few dozen connected components, some of 30-50 pairs, so which components share a
fold moves the out-of-fold F1 of one and the same linker by up to ~0.09 (0.845 and 0.759
design-weighted on two splits of nearly the same pairs, docs/benchmarks.md, issue 11, dawn): a
difference between two settings smaller than that, on one split, is noise. With ``R`` > 1 every
configuration is cross-validated on ``R`` fold assignments (``fold_assignments``: the first is
``folds``' deterministic split, the others take whole components in a seeded random order,
``FOLD_SEED``), each setting's out-of-fold F1 (both estimators) is the mean over them, a setting
wins only by that mean, and the spread (sd, min-max) of the winner, the runner-up and each
configuration's best is printed: what a split alone moves the figure by. ``R`` = 5 is the default
since 2026-12-05 (late): after the glued-date reading moved the input, the single split (``R`` = 1, every
fit before) chose settings that lose over five seeded splits (docs/benchmarks.md, issue 11, late); a
fit took 18 minutes on this 2-core machine (one core per fit).
Paired comparison (2026-12-05 morning 2). Two settings scored on the same splits are compared by
the per-split difference of their out-of-fold F1 (``paired``), not by each one's spread: what a
split moves in both alike cancels. With ``R`` > 1 the winner is printed against the runner-up and against
the shipped file's configuration and thresholds: the differences' mean, sd and range, split by
split, and whether the winner meets the rule a new setting must meet to replace the shipped one
(``paired_gain``: design-weighted difference positive on every split or its mean above
``PAIRED_SDS`` sds, the every-pair difference not negative on average). The CV attaches
background mentions and denials as ``sitrep run`` does (``attachments``; before this it attached
none).
Incumbent rule (2026-12-06 evening, ``incidents54``; ``incumbent_rule``). The script applies that rule:
when the cross-validation winner's l2, fit weights or thresholds differ from the shipped file's
(``--incumbent``: by default ``--out`` when it exists, else the package's ``linker.json``) and the
winner does not meet ``paired_gain`` against the shipped setting on the same fold assignments, the
shipped setting (its l2, fit weights and thresholds) is kept and only the weights are refitted at it
on every tune pair. Why: the full fit's choice between threshold settings is at noise level — one added
tune pair moved four thresholds and the next moved them straight back, each time with no gain by the
paired rule (docs/benchmarks.md, issue 11, incidents52) — and a choice at noise level must not flip
shipped behaviour with every added pair. The script prints which it did and why, and writes it in
the file (``chosen_by``). With no shipped file, or a shipped setting the grid did not cross-validate
(another l2 or threshold grid), there is nothing to pair the winner with and it is taken (so
``chosen_by`` says); with ``--repeats 1`` ``paired_gain`` never holds (one split is no evidence), so
a different winner never replaces the shipped setting. The rule keeps the file a fixed point: a run
on the same input writes what it read, so ``--verify`` and ``make models`` work as before.
Cost: the feature values are computed once per corpus (``PairTable``: blocking and the features
do not depend on the fit, only the weights), each fold scores them with the fold's weights in
``Scorer``'s order (the same floats), and each setting clusters only the connected components
of its edges, each remembered by its edges (``component_clusters``): the same output as linking
the whole corpus per setting.
Design weights (2026-12-04 afternoon). The tune pairs were drawn in waves by different rules:
waves 1-3 labelled every development pair of their rules (``CHECK_STRATA``) and split them into
both halves, the later waves were drawn for the tune half only, outside those rules (near-miss
bands, other places). The out-of-fold F1 that chooses (``--estimator design``) counts each tune
pair by its design weight (``design_weights``: the inverse of the tune half's sampling rate in its
stratum, 0 outside the check half's strata), so it estimates the pair F1 on the population the
check half was drawn from; the fit weights (``FIT_WEIGHTS``: every pair alike, or the design
weights) are chosen with the l2 and thresholds. The plain out-of-fold F1 is printed beside it.
Nothing is chosen by the in-sample tune F1 (printed beside it). The default feature set
(``DEFAULT_FEATURES``) and rounds were chosen by cross-validated F1 (docs/benchmarks.md, issue 11).

Report-model families (2026-12-05 late, ``incidents37``; measurement only). ``--report-family products`` or
``trees:L:M:I:R`` fits a report model that can weigh one input by another (``REPORT_FAMILIES``: pairwise
products; monotonic boosted trees read back as plain arrays, ``Trees``, scored by ``tree_logit``, so what is
cross-validated is a file of numbers, never a pickle); ``--report-inputs summaries`` lets the report model read
the candidate mention pairs' day and overlap summaries (``SUMMARIES``); ``--fix-levels`` holds the align,
merge and best thresholds at the shipped file's. Compared with the shipped logistic model over 5 paired
seeded splits, none gained (docs/benchmarks.md, issue 11, incidents37), so a run with a family other than
``logistic`` or with the summaries prints its figures and writes nothing (the linker scores a logistic
report model).

Reproducible: ``make incident-linker`` analyses the FA-KES development rows into a fresh
database (``benchmarks/incidents_cost.py``) and runs this script with its defaults; two runs
give the same file (the input fingerprint it records matched on two analyses made 90
minutes apart). ``--verify`` fits and compares with ``--out`` without writing (exit 1 on a
difference). The shipped ``linker.json`` is this script's output with its defaults (``make
models`` rewrites it through ``make incident-linker``).

Usage: ``python scripts/fit_incident_linker.py --db FAKES.db [--pairs FILE] [--l2 1,3]
[--fit-weights uniform,design] [--estimator design|pairs] [--repeats R] [--fold-seed N] [--fakes CSV]
[--features all] [--exclude F,G] [--splits-out FILE] [--baseline FILE] [--report-family F] [--report-inputs I]
[--fix-levels] [--verify]`` (the database from
``benchmarks/incidents_cost.py --db FAKES.db``).
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import datetime
import hashlib
import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

import numpy as np
from scipy.optimize import minimize

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from sitrep.incidents import evaluate as incident_eval  # noqa: E402
from sitrep.incidents.blocking import Blocker, candidate_pairs, narrow_days  # noqa: E402
from sitrep.incidents.clustering import DisjointSets, Edge, cluster, sentence_groups  # noqa: E402
from sitrep.incidents.features import (  # noqa: E402
    FEATURES,
    MENTION_FEATURES,
    REPORT_FEATURES,
    REPORT_LEVEL,
    STACKED_FEATURES,
    _ordered,
    pair_features,
    stack,
    stacked_source,
)
from sitrep.incidents.linker import Candidate  # noqa: E402
from sitrep.incidents.mentions import Mention, Tokenized, mentions  # noqa: E402
from sitrep.incidents.scorer import read_pairs, same_incident_pairs  # noqa: E402
from sitrep.incidents.settings import (  # noqa: E402
    IdfTable,
    LinkModel,
    Settings,
    load_settings,
    with_idf,
)
from sitrep.incidents.update import load_inputs  # noqa: E402
from sitrep.sparse_model import logistic  # noqa: E402
from sitrep.store import Store  # noqa: E402

#: +1: the weight is >= 0 (agreement); -1: <= 0 (contradiction); 0: left free
SIGNS: dict[str, int] = {
    "same_category": 1, "same_day": 1, "other_day": -1, "report_gap": -1,
    "stated_same_day": 1, "day_unstated": 0, "later_unstated": 0,
    "place_same": 1, "place_unknown": -1, "parties_shared": 1, "parties_differ": -1,
    "means_same": 1, "means_differ": -1,
    "text_words": 1, "text_fine_shared": 1, "text_fine_differ": -1, "text_numbers": 1,
    "body": 1, "lead_words": 1, "lead_fine_shared": 1, "lead_fine_differ": -1, "lead_numbers": 1,
    "figures_agree": 1, "figures_differ": -1, "cross_lead": 1, "cross_lead_fine": 1,
    "text_idf": 1, "body_idf": 1, "lead_idf": 1, "toll_falls": -1, "toll_agree": 1,
    "any_numbers": 1, "any_figures": 1,
    "stated_apart": -1,
}
#: the default features: the ten of the shipped model with the three date features and the three
#: IDF-weighted similarities (the best cross-validated pair F1 of the sets tried: 0.775 against
#: 0.774 without the IDF features, 0.761 with them in place of the unweighted ones, 0.750 with
#: the two toll features added; docs/benchmarks.md, issue 11, night 2). The stacked report features
#: (``STACKED_FEATURES``) are not in it: adding ``any_numbers`` raised the CV pair F1 (0.737 -> 0.759
#: at l2 1 on 285 tune pairs; ``any_figures``: 0.748) by precision, not recall, and its fit splits
#: the demo corpus's two reports of one strike (docs/benchmarks.md, issue 11, 2026-12-04 morning).
#: Also measured and left out at midday (CV 0.754 without): a follow-up dating its event back to the
#: earlier report's stated day, stacked (0.717), the two events' recipients sharing a party (0.723).
#: ``stated_apart`` added on 12-06 night (incidents55: out-of-fold pair F1 +0.016, sd 0.015, paired)
DEFAULT_FEATURES = ("same_category", "same_day", "other_day", "means_differ", "parties_differ", "text_words",
                    "text_fine_shared", "body", "lead_words", "lead_fine_shared", "report_gap", "day_unstated",
                    "stated_same_day", "body_idf", "lead_idf", "text_idf", "stated_apart")
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98)


#: decimals feature values are rounded to before the rows are sorted and fitted
ROW_DECIMALS = 9


def bags(settings: Settings, docs: list, gold: dict) -> list[tuple[np.ndarray, bool]]:
    """For each tuning pair: the feature rows of its candidate mention pairs, and its label."""
    found: dict[frozenset[str], list[list[float]]] = defaultdict(list)
    news = [m for m in mentions(docs, settings) if m.role == "news"]
    for a, b in candidate_pairs(news, settings):
        key = frozenset((a.document, b.document))
        if key in gold and a.document != b.document:
            found[key].append(pair_features(a, b, settings))
    width = len(FEATURES)
    # rows rounded, then sorted: blocking iterates sets of strings, whose order changes from process
    # to process, and so do the last bits of sums over sets (IDF-weighted overlaps); unrounded, two
    # rows equal to 1e-15 sorted in either order, and fits and fingerprints differed by hash seed
    return [(np.asarray(sorted([round(x, ROW_DECIMALS) for x in row] for row in stack(found.get(k, []))),
                        dtype=float).reshape(-1, width), label)
            for k, label in gold.items()]



def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float, start: np.ndarray | None,
                 names: tuple[str, ...] = FEATURES, sample: np.ndarray | None = None) -> np.ndarray:
    """Balanced, L2-regularised logistic regression with the sign bounds of ``SIGNS``; ``x``'s
    columns are the features ``names``; ``sample``: each row's weight (the design weight of its
    pair, ``FIT_WEIGHTS``; None: 1 each). The classes are balanced on the weighted sums (with
    weights 1, as before: the positives weigh the negatives' count over theirs). Returns the
    weights of ``names`` and the bias."""
    sample = np.ones(len(y)) if sample is None else sample
    pos = max(float(sample[y == 1].sum()), 1e-9)
    weight = sample * np.where(y == 1, float(sample[y != 1].sum()) / pos, 1.0)

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:-1], theta[-1]
        z = x @ w + b
        p = 1.0 / (1.0 + np.exp(-z))
        value = float(np.sum(weight * (np.logaddexp(0.0, z) - y * z)) + l2 * np.sum(w * w) / 2)
        grad = np.append(x.T @ (weight * (p - y)) + l2 * w, np.sum(weight * (p - y)))
        return value, grad

    bounds = [_bound(SIGNS.get(f, 0)) for f in names] + [(None, None)]
    theta0 = np.zeros(len(names) + 1) if start is None else start
    return minimize(loss, theta0, jac=True, method="L-BFGS-B", bounds=bounds).x  # type: ignore[no-any-return]


def _bound(sign: int) -> tuple[float | None, float | None]:
    """+1: weight >= 0; -1: <= 0; 2: pinned to 0 (feature left out); 0: free."""
    return {1: (0.0, None), -1: (None, 0.0), 2: (0.0, 0.0)}.get(sign, (None, None))


MENTION_COLUMNS = [FEATURES.index(f) for f in MENTION_FEATURES]
REPORT_COLUMNS = [FEATURES.index(f) for f in REPORT_LEVEL]


def _weighted(data: list[tuple[np.ndarray, bool]], sample: list[float] | None) -> list[tuple[np.ndarray, bool, float]]:
    """The pairs blocking compares at all, each with its fitting weight; pairs of weight 0 left out."""
    weights = [1.0] * len(data) if sample is None else sample
    return [(b, lab, w) for (b, lab), w in zip(data, weights, strict=True) if len(b) and w > 0]


def fit_mil(data: list[tuple[np.ndarray, bool]], l2: float, rounds: int,
            sample: list[float] | None = None) -> np.ndarray:
    """The mention model: logistic over the mention features of every candidate mention
    pair, each with its report pair's label (and its report pair's weight, ``sample``); then
    ``rounds`` multiple-instance rounds (each same pair keeps only its best-scoring mention pair
    as the positive). Weights in ``MENTION_FEATURES`` order, then the bias."""
    names = tuple(MENTION_FEATURES)
    bags_ = [(b[:, MENTION_COLUMNS], lab, w) for b, lab, w in _weighted(data, sample)]
    labels = np.concatenate([[float(lab)] * len(b) for b, lab, _ in bags_])
    rows_w = np.concatenate([[w] * len(b) for b, _, w in bags_])
    theta = fit_logistic(np.vstack([b for b, _, _ in bags_]), labels, l2, None, names, rows_w)
    for _ in range(rounds):
        xs, ys, ws = [], [], []
        for b, lab, w in bags_:
            if lab:
                xs.append(b[[int(np.argmax(b @ theta[:-1]))]])
                ys.append(1.0)
                ws.append(w)
            else:
                xs.append(b)
                ys.extend([0.0] * len(b))
                ws.extend([w] * len(b))
        theta = fit_logistic(np.vstack(xs), np.asarray(ys), l2, theta, names, np.asarray(ws))
    return theta


def fit_report(data: list[tuple[np.ndarray, bool]], l2: float, sample: list[float] | None = None) -> np.ndarray:
    """The report model: plain logistic over the report features, one row per labelled report
    pair that blocking compares at all (the report features, stacked ones too, are the same on
    every row of a pair), weighted by ``sample``. Weights in ``REPORT_LEVEL`` order (then, with
    ``--report-inputs summaries``, ``SUMMARIES``' order), then the bias."""
    x, y, w = report_rows(data, sample)
    return fit_logistic(x, y, l2, None, (*REPORT_LEVEL, *summary_names()), w)


#: Summaries of the candidate mention pairs of two reports the report model may also read
#: (``--report-inputs summaries``; 2026-12-05 late, ``incidents37``): name -> (mention feature,
#: ``max`` or ``min`` over the pair's candidate mention pairs). The report features hold no date:
#: an interaction such as "text overlap matters more when the days are unstated" needs the day
#: features at the report level. Off by default (the shipped report model reads none).
SUMMARIES: dict[str, tuple[str, str]] = {
    "max_same_day": ("same_day", "max"), "max_stated_same_day": ("stated_same_day", "max"),
    "max_day_unstated": ("day_unstated", "max"), "min_other_day": ("other_day", "min"),
    "max_text_idf": ("text_idf", "max"),
}
SIGNS.update({"max_same_day": 1, "max_stated_same_day": 1, "max_day_unstated": 0, "min_other_day": -1,
              "max_text_idf": 1})
#: whether this run's report model reads ``SUMMARIES`` (``--report-inputs``)
USE_SUMMARIES = [False]
MENTION_INDEX = {f: i for i, f in enumerate(MENTION_FEATURES)}


def summary_names() -> tuple[str, ...]:
    return tuple(SUMMARIES) if USE_SUMMARIES[0] else ()


def summaries(rows: list[tuple[float, ...]] | np.ndarray, index: dict[str, int]) -> dict[str, float]:
    """``SUMMARIES``' values over one report pair's candidate mention rows (``index``: a mention
    feature's column in them)."""
    if not USE_SUMMARIES[0]:
        return {}
    return {name: float((max if how == "max" else min)(r[index[f]] for r in rows))
            for name, (f, how) in SUMMARIES.items()}


def report_rows(data: list[tuple[np.ndarray, bool]], sample: list[float] | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The report model's rows (``REPORT_LEVEL`` columns, then ``summary_names``' ones), labels and
    fitting weights: one row per labelled report pair that blocking compares at all."""
    index = {f: FEATURES.index(f) for f in MENTION_FEATURES}
    rows = [(np.append(b[0, REPORT_COLUMNS], list(summaries(b, index).values())), lab, w)
            for b, lab, w in _weighted(data, sample)]
    return (np.vstack([r for r, _, _ in rows]), np.asarray([float(lab) for _, lab, _ in rows]),
            np.asarray([w for _, _, w in rows]))


#: The report model's families (``--report-family``; 2026-12-05 late, ``incidents37``). ``logistic``:
#: the shipped model, additive in the report features. Two families that can weigh one feature by
#: another (an interaction: text overlap may matter more for reports published close together),
#: over the same inputs (the report features the feature set keeps):
#:
#: * ``products``: the logistic model with the pairwise products ``PRODUCTS`` of kept report
#:   features as extra columns, each product's weight free in sign, the same l2;
#: * ``trees:L:M:I:R``: scikit-learn's ``HistGradientBoostingClassifier`` with at most ``L`` leaves
#:   per tree, ``M`` pairs at least per leaf, ``I`` trees (learning rate ``TREE_RATE``, no early
#:   stopping: nothing random), L2 ``R`` on the leaf values, classes balanced as the logistic
#:   model balances them, and each feature held monotonic in the direction ``SIGNS`` gives it
#:   (agreement can only raise the score, a contradiction only lower it). The trees are read back
#:   as plain arrays (``Trees``) and scored by ``tree_logit``, never by scikit-learn, so what is
#:   cross-validated is what a linker file would hold (no pickle: a file of numbers, readable
#:   by any version).
REPORT_FAMILIES = ("logistic", "products", "trees")
#: the pairwise products of report features the ``products`` family adds (those of kept features):
#: the publication gap with each text overlap, and the body's overlap with the lead's
PRODUCTS: tuple[tuple[str, str], ...] = (
    ("report_gap", "body"), ("report_gap", "body_idf"), ("report_gap", "lead_words"), ("report_gap", "lead_idf"),
    ("report_gap", "lead_fine_shared"), ("body_idf", "lead_idf"), ("body_idf", "lead_fine_shared"),
    # with --report-inputs summaries: text overlap by whether the days are stated and agree
    ("body_idf", "max_day_unstated"), ("max_text_idf", "max_day_unstated"), ("body_idf", "max_stated_same_day"),
    ("max_text_idf", "max_stated_same_day"), ("lead_idf", "max_stated_same_day"), ("body_idf", "min_other_day"))
#: the boosted trees' learning rate (``trees`` family)
TREE_RATE = 0.1
#: decimals tree thresholds and leaf values are rounded to (the stored, cross-validated trees)
TREE_DECIMALS = 6
#: the report family of this run (``--report-family``), read by ``fit_levels``
FAMILY = ["logistic"]


class Trees(NamedTuple):
    """A boosted tree ensemble as plain data: log-odds = ``baseline`` + the leaf value each tree
    reaches. A node is (column, threshold, left, right, value): ``column`` -1 is a leaf (``value``
    its log-odds step); else a value of ``features[column]`` at or below ``threshold`` goes to node
    ``left``, above it to ``right`` (scikit-learn's rule for a numeric split without missing values)."""

    features: tuple[str, ...]
    baseline: float
    trees: tuple[tuple[tuple[int, float, int, int, float], ...], ...]


def tree_logit(trees: Trees, values: tuple[float, ...] | list[float]) -> float:
    """The log-odds ``trees`` give a row (``values`` in ``trees.features`` order)."""
    total = trees.baseline
    for nodes in trees.trees:
        i = 0
        while nodes[i][0] >= 0:
            column, cut, left, right, _ = nodes[i]
            i = left if values[column] <= cut else right
        total += nodes[i][4]
    return total


def family_spec(name: str) -> tuple[str, tuple[float, ...]]:
    """(family, its numbers) of a ``--report-family`` value: ``logistic``, ``products``, ``trees:L:M:I:R``."""
    family, *numbers = name.split(":")
    if family not in REPORT_FAMILIES or (family == "trees") != bool(numbers) or (numbers and len(numbers) != 4):
        raise SystemExit(f"--report-family: {name!r} is not logistic, products or trees:LEAVES:MIN_LEAF:TREES:L2")
    return family, tuple(float(n) for n in numbers)


def kept_report_features() -> tuple[str, ...]:
    """The report features the feature set keeps (not pinned to 0 by ``restrict``), stacked ones too."""
    return (*(f for f in REPORT_LEVEL if SIGNS.get(f, 0) != 2), *summary_names())


def fit_trees(data: list[tuple[np.ndarray, bool]], sample: list[float] | None,
              numbers: tuple[float, ...]) -> Trees:
    """The ``trees`` family's report model (``REPORT_FAMILIES``), read back as plain ``Trees``."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    names = kept_report_features()
    x, y, w = report_rows(data, sample)
    columns = (*REPORT_LEVEL, *summary_names())
    x = x[:, [columns.index(f) for f in names]]
    pos = max(float(w[y == 1].sum()), 1e-9)
    weight = w * np.where(y == 1, float(w[y != 1].sum()) / pos, 1.0)
    leaves, min_leaf, count, l2 = numbers
    model = HistGradientBoostingClassifier(
        learning_rate=TREE_RATE, max_iter=int(count), max_leaf_nodes=int(leaves), min_samples_leaf=int(min_leaf),
        l2_regularization=l2, early_stopping=False, random_state=0,
        monotonic_cst=[max(-1, min(1, SIGNS.get(f, 0))) for f in names]).fit(x, y, sample_weight=weight)
    r = TREE_DECIMALS
    trees = tuple(tuple((-1 if n["is_leaf"] else int(n["feature_idx"]), round(float(n["num_threshold"]), r),
                         int(n["left"]), int(n["right"]), round(float(n["value"]), r)) for n in it[0].nodes)
                  for it in model._predictors)
    return Trees(names, round(float(np.ravel(model._baseline_prediction)[0]), r), trees)


def fit_products(data: list[tuple[np.ndarray, bool]], l2: float,
                 sample: list[float] | None) -> tuple[np.ndarray, tuple[tuple[str, str], ...]]:
    """The ``products`` family's report model: weights in ``REPORT_LEVEL`` order, then one per
    product of kept features (``PRODUCTS``, free in sign), then the bias; and the products."""
    kept = set(kept_report_features())
    products = tuple((a, b) for a, b in PRODUCTS if a in kept and b in kept)
    x, y, w = report_rows(data, sample)
    columns = (*REPORT_LEVEL, *summary_names())
    extra = [x[:, columns.index(a)] * x[:, columns.index(b)] for a, b in products]
    names = (*columns, *(f"{a}*{b}" for a, b in products))
    return fit_logistic(np.column_stack([x, *extra]), y, l2, None, names, w), products


class Fit(NamedTuple):
    """Both levels' weights (by feature name) and biases; a non-logistic report model's parts
    (``REPORT_FAMILIES``): its products' weights, or its trees."""

    weights: dict[str, float]
    bias: float
    mention_bias: float
    #: (feature, feature, weight) of each product of report features (``products`` family)
    products: tuple[tuple[str, str, float], ...] = ()
    #: the report model's trees (``trees`` family; its log-odds, the linear report weights all 0)
    trees: Trees | None = None
    #: (summary, weight) of each of ``SUMMARIES`` the logistic or products report model reads
    extras: tuple[tuple[str, float], ...] = ()


def fit_levels(data: list[tuple[np.ndarray, bool]], l2: float, rounds: int,
               sample: list[float] | None = None) -> Fit:
    mention = fit_mil(data, l2, rounds, sample)
    weights = {f: float(w) for f, w in zip(MENTION_FEATURES, mention[:-1], strict=True)}
    family, numbers = family_spec(FAMILY[0])
    if family == "trees":
        weights.update({f: 0.0 for f in REPORT_LEVEL})
        return Fit({f: weights[f] for f in FEATURES}, 0.0, float(mention[-1]), trees=fit_trees(data, sample, numbers))
    n, extras = len(REPORT_LEVEL), summary_names()
    if family == "products":
        report, products = fit_products(data, l2, sample)
        weights.update({f: float(w) for f, w in zip(REPORT_LEVEL, report[:n], strict=True)})
        own = tuple((f, float(w)) for f, w in zip(extras, report[n:n + len(extras)], strict=True))
        extra = tuple((a, b, float(w)) for (a, b), w in zip(products, report[n + len(extras):-1], strict=True))
        return Fit({f: weights[f] for f in FEATURES}, float(report[-1]), float(mention[-1]), products=extra,
                   extras=own)
    report = fit_report(data, l2, sample)
    weights.update({f: float(w) for f, w in zip(REPORT_LEVEL, report[:n], strict=True)})
    own = tuple((f, float(w)) for f, w in zip(extras, report[n:-1], strict=True))
    return Fit({f: weights[f] for f in FEATURES}, float(report[-1]), float(mention[-1]), extras=own)


def components(keys: list[frozenset[str]]) -> list[int]:
    """For each pair (two document ids), the number of its connected component in the graph
    of all pairs: a report in two pairs ties them, so cross-validation moves them together."""
    sets: DisjointSets[str] = DisjointSets()
    find = sets.find
    for key in keys:
        a, b = sorted(key)
        sets.union(a, b)
    roots = sorted({find(min(k)) for k in keys})
    return [roots.index(find(min(k))) for k in keys]


def fold_groups(keys: list[frozenset[str]], data: list[tuple[np.ndarray, bool]]) -> list[int]:
    """For each pair, its cross-validation group. The pairs that blocking compares (those with a
    feature row in ``data``, ``bags``' order) form connected components (``components``); a pair
    blocking never compares trains nothing (no row for either model) and joins no two
    components: it rides with the component of its lower document (else of its other one), or
    is a group of its own when neither document is in a compared pair. Tied as components of all
    pairs, a wave of far-apart "different" pairs joined 467 of 515 tune pairs into one component
    and one fold (2026-12-05 night, wave 11): four folds were fitted on nine tenths of the tune
    half, one on a tenth."""
    compared = [k for k, (x, _) in zip(keys, data, strict=True) if len(x)]
    group_of = dict(zip(compared, components(compared), strict=True)) if compared else {}
    doc_group = {doc: group_of[k] for k in compared for doc in k}
    out: list[int] = []
    alone = max(group_of.values(), default=-1) + 1
    for key in keys:
        if key in group_of:
            out.append(group_of[key])
            continue
        rider = next((doc_group[d] for d in sorted(key) if d in doc_group), None)
        if rider is None:
            rider, alone = alone, alone + 1
        out.append(rider)
    return out


def folds(groups: list[int], k: int) -> list[int]:
    """A fold per item, whole groups at a time: largest groups first, each to the fold with
    the fewest items so far (ties: the lower fold). Deterministic, about balanced."""
    sizes = defaultdict(int)
    for g in groups:
        sizes[g] += 1
    load = [0] * k
    fold_of = {}
    for g in sorted(sizes, key=lambda g: (-sizes[g], g)):
        f = min(range(k), key=lambda i: (load[i], i))
        fold_of[g] = f
        load[f] += sizes[g]
    return [fold_of[g] for g in groups]


#: the seed of the repeated fold assignments (``--repeats``): assignment r >= 1 orders the
#: components by ``random.Random(FOLD_SEED * 1000 + r)``; assignment 0 is ``folds``' (the split of
#: every fit before 2026-12-05 morning)
FOLD_SEED = 11


def seeded_folds(groups: list[int], k: int, repeat: int, seed: int = FOLD_SEED) -> list[int]:
    """Fold assignment number ``repeat`` of the repeated cross-validation: 0 is ``folds`` (largest
    groups first); r >= 1 takes whole groups in a seeded random order (``FOLD_SEED``), each to
    the fold with the fewest items so far (ties: the lower fold). The same seed and repeat give
    the same folds in every process (``random.Random`` of an integer does not hash)."""
    if repeat == 0:
        return folds(groups, k)
    sizes: dict[int, int] = defaultdict(int)
    for g in groups:
        sizes[g] += 1
    order = sorted(sizes)
    random.Random(seed * 1000 + repeat).shuffle(order)
    load = [0] * k
    fold_of = {}
    for g in order:
        f = min(range(k), key=lambda i: (load[i], i))
        fold_of[g] = f
        load[f] += sizes[g]
    return [fold_of[g] for g in groups]


def fold_assignments(groups: list[int], k: int, repeats: int, seed: int = FOLD_SEED) -> list[list[int]]:
    """The ``repeats`` fold assignments of the repeated cross-validation (``seeded_folds``)."""
    return [seeded_folds(groups, k, r, seed) for r in range(repeats)]


class Spread(NamedTuple):
    """One setting's out-of-fold F1 over the fold assignments: mean, sample sd (0 for one), range."""

    mean: float
    sd: float
    low: float
    high: float


def spread(values: list[float]) -> Spread:
    mean = sum(values) / len(values)
    sd = (sum((v - mean) ** 2 for v in values) / (len(values) - 1)) ** 0.5 if len(values) > 1 else 0.0
    return Spread(mean, sd, min(values), max(values))


class Paired(NamedTuple):
    """Two settings' out-of-fold F1 on the same fold assignments, compared split by split: the
    spread of the per-split differences (the first minus the second), both estimators."""

    #: the design-weighted F1's differences
    design: Spread
    #: the every-pair-alike F1's differences
    pairs: Spread
    #: the fold assignments compared
    splits: int


#: how many sds of the per-split differences a setting's mean design-weighted gain must exceed to
#: count as a gain when it is not positive on every split (``paired_gain``)
PAIRED_SDS = 2.0


def paired(first: tuple[float, ...], second: tuple[float, ...], first_pairs: tuple[float, ...],
           second_pairs: tuple[float, ...]) -> Paired:
    """The per-split differences of two settings' out-of-fold F1 (design-weighted, then every
    pair alike), each list in fold-assignment order (``SPLITS``)."""
    return Paired(spread([a - b for a, b in zip(first, second, strict=True)]),
                  spread([a - b for a, b in zip(first_pairs, second_pairs, strict=True)]), len(first))


def paired_gain(diff: Paired) -> bool:
    """Whether the first setting beats the second: its design-weighted difference positive on
    every split, or its mean above ``PAIRED_SDS`` sds of the differences, and the every-pair
    difference not negative on average (the rule a new setting must meet to replace the shipped
    one; one split is no evidence, so it needs two at least)."""
    d = diff.design
    return diff.splits >= 2 and (d.low > 0 or d.mean > PAIRED_SDS * d.sd) and diff.pairs.mean >= 0


#: (report threshold, align threshold, merge threshold, best threshold, rescue report, rescue mention)
Setting = tuple[float, float, float, float, float, float]
#: a configuration and setting as cross-validated: (l2, fit weights, thresholds)
Key = tuple[float, str, Setting]


class Choice(NamedTuple):
    """What the incumbent rule (``incumbent_rule``) chose, and why (written as ``chosen_by``)."""

    #: (l2, fit weights, thresholds) the file is fitted at
    key: Key
    #: True when the shipped setting was kept over a different cross-validation winner
    kept: bool
    #: the reason, one line (printed, and recorded in the file)
    reason: str


def incumbent_rule(winner: Key, incumbent: Key | None,
                   splits: dict[Key, tuple[tuple[float, ...], tuple[float, ...]]]) -> Choice:
    """The incumbent rule (2026-12-06 evening, ``incidents54``): the cross-validation ``winner``
    replaces the shipped setting (``incumbent``: the shipped file's l2, fit weights and thresholds)
    only when it meets ``paired_gain`` against it on the same fold assignments (``splits``, each
    key's per-split F1, ``SPLITS``); otherwise the shipped setting is kept and only the weights are
    refitted at it. A choice at noise level must not flip shipped behaviour with every added pair.
    With no shipped file, or a shipped setting not cross-validated on these splits, the winner is
    taken (there is nothing to pair it with), and the reason says so."""
    if incumbent is None:
        return Choice(winner, False, "cross-validation winner (no shipped setting to compare with)")
    if winner == incumbent:
        return Choice(winner, False, "cross-validation winner, the shipped setting itself")
    if winner not in splits or incumbent not in splits:
        return Choice(winner, False, "cross-validation winner (the shipped setting was not cross-validated "
                                     "on the same splits, so the incumbent rule could not be applied)")
    (d1, p1), (d2, p2) = splits[winner], splits[incumbent]
    diff = paired(d1, d2, p1, p2)
    figures = (f"winner minus shipped over {diff.splits} splits: design-weighted mean {diff.design.mean:+.3f} "
               f"sd {diff.design.sd:.3f} (min {diff.design.low:+.3f}), every pair alike mean "
               f"{diff.pairs.mean:+.3f}")
    shown = f"l2 {winner[0]}, fit weights {winner[1]}, {winner[2]}"
    if paired_gain(diff):
        return Choice(winner, False, f"cross-validation winner: it meets paired_gain against the shipped setting "
                                     f"({figures})")
    return Choice(incumbent, True, f"shipped setting kept by the incumbent rule, weights refitted at it: the "
                                   f"cross-validation winner ({shown}) does not meet paired_gain against it "
                                   f"({figures})")


class PairTable(NamedTuple):
    """The feature values the whole linker weighs, computed once per corpus: blocking and the
    features do not depend on the fit, only the weights do (cross-validation computed them
    again for every fold, l2 and fit weights). Built in the order ``linker.candidates`` and
    ``Scorer`` compute them, so every score ``score_table`` sums from them is the same float."""

    #: candidate pairs of news mentions, in ``linker.candidates``' order: (a id, b id, the two reports)
    pairs: list[tuple[str, str, tuple[str, str]]]
    #: per candidate pair: its mention features' values (``MENTION_FEATURES`` order)
    mention: list[tuple[float, ...]]
    #: per report pair: its report features' values (``REPORT_FEATURES`` order), on the mention
    #: pair ``Scorer`` computes them on (the first it meets, in report order)
    report: dict[tuple[str, str], tuple[float, ...]]
    #: per report pair of candidates: each stacked feature's largest value over its candidates
    stacked: dict[tuple[str, str], tuple[float, ...]]
    #: per background mention or denial: for each news mention of another report it may attach
    #: to (news order), (news id, report pair, mention values, stacked values of this pair alone)
    targets: dict[str, list[tuple[str, tuple[str, str], tuple[float, ...], tuple[float, ...]]]]


def _report_key(a: Mention, b: Mention) -> tuple[tuple[str, str], tuple[Mention, Mention]]:
    """The report pair of two mentions (sorted) and the mentions in its order (``Scorer._base``)."""
    da, db = a.document, b.document
    return ((da, db), (a, b)) if da < db else ((db, da), (b, a))


def pair_table(news: list, others: dict, reach: dict, settings: Settings) -> PairTable:
    """Every feature value the linker weighs over ``news`` (sorted by id) and the attachable
    ``others`` (``Corpus``), computed once (see ``PairTable``)."""
    mention_fs = list(MENTION_FEATURES.values())
    stacked_fs = [stacked_source(source) for source in STACKED_FEATURES.values()]
    report_fs = list(REPORT_FEATURES.values())
    blocker = Blocker(settings)
    pairs: list[tuple[str, str, tuple[str, str]]] = []
    mention: list[tuple[float, ...]] = []
    by_pair: dict[tuple[str, str], list[tuple[Mention, Mention]]] = {}
    for m in news:
        for other in blocker.add(m):
            if other.document == m.document:
                continue
            x, y = (m, other) if m.id < other.id else (other, m)
            docs, _ = _report_key(x, y)
            pairs.append((x.id, y.id, docs))
            mention.append(tuple(f(x, y, settings) for f in mention_fs))
            by_pair.setdefault(docs, []).append((x, y))
    report: dict[tuple[str, str], tuple[float, ...]] = {}
    stacked = {}
    for docs, found in by_pair.items():
        _, (a, b) = _report_key(*found[0])
        report[docs] = tuple(f(a, b, settings) for f in report_fs)
        stacked[docs] = tuple(max(f(*_ordered(x, y), settings) for x, y in found) for f in stacked_fs)
    targets: dict[str, list[tuple[str, tuple[str, str], tuple[float, ...], tuple[float, ...]]]] = {}
    for m in others.values():
        rows = targets[m.id] = []
        for n in (n for n in news if n.document != m.document and n.id in reach.get(m.id, ())):
            docs, (a, b) = _report_key(m, n)
            if docs not in report:
                report[docs] = tuple(f(a, b, settings) for f in report_fs)
            x, y = _ordered(m, n)
            rows.append((n.id, docs, tuple(f(x, y, settings) for f in mention_fs),
                         tuple(f(x, y, settings) for f in stacked_fs)))
    return PairTable(pairs, mention, report, stacked, targets)


def nonlinear_logit(fit: Fit, values: tuple[float, ...], extra: dict[str, float] | None = None) -> float:
    """The log-odds a non-logistic report model (``REPORT_FAMILIES``) or the report model's
    summaries (``SUMMARIES``) add from one report pair's report features (``values``,
    ``REPORT_FEATURES`` order; the stacked ones are not in a non-logistic family's kept set: the
    default set keeps none) and its summaries (``extra``)."""
    at = {n: values[i] for i, n in enumerate(REPORT_FEATURES)}
    at.update(extra or {})
    out = sum(w * at[a] * at[b] for a, b, w in fit.products) + sum(w * at[f] for f, w in fit.extras)
    if fit.trees is not None:
        out += tree_logit(fit.trees, [at[f] for f in fit.trees.features])
    return out


def score_table(table: PairTable, fit: Fit) -> tuple[list[Candidate], dict[str, list[tuple[float, float, str]]]]:
    """The candidate pairs and each attachable mention's targets scored at both levels under
    ``fit``: the same floats ``Scorer`` gives (its sums, in its order, over only the features
    with a non-zero weight), from the values ``table`` computed once."""
    w = fit.weights
    mention_terms = [(i, w[n]) for i, n in enumerate(MENTION_FEATURES) if w.get(n)]
    report_terms = [(i, w[n]) for i, n in enumerate(REPORT_FEATURES) if w.get(n)]
    stacked_terms = [(i, w[n]) for i, n in enumerate(STACKED_FEATURES) if w.get(n)]
    base = {docs: fit.bias + sum(wt * v[i] for i, wt in report_terms) for docs, v in table.report.items()}
    nonlinear = bool(fit.products or fit.trees is not None or fit.extras)
    grouped: dict[tuple[str, str], list[tuple[float, ...]]] = defaultdict(list)
    if nonlinear:
        for (_, _, docs), v in zip(table.pairs, table.mention, strict=True):
            grouped[docs].append(v)

    def mention(v: tuple[float, ...]) -> float:
        return logistic(fit.mention_bias + sum(wt * v[i] for i, wt in mention_terms))

    def report(docs: tuple[str, str], v: tuple[float, ...], rows: list[tuple[float, ...]] | None = None) -> float:
        more = nonlinear_logit(fit, table.report[docs], summaries(rows, MENTION_INDEX)) if nonlinear and rows else 0.0
        return logistic(base[docs] + sum(wt * v[i] for i, wt in stacked_terms) + more)

    reports = {docs: report(docs, v, grouped.get(docs)) for docs, v in table.stacked.items()}
    found = [Candidate(a, b, docs, reports[docs], mention(v)) for (a, b, docs), v in zip(table.pairs, table.mention,
                                                                                           strict=True)]
    targets = {m: [(report(docs, s, [v]), mention(v), n) for n, docs, v, s in rows] for m, rows in table.targets.items()}
    return found, targets


def ranked_pairs(found: list[Candidate]) -> list[tuple[float, list[Candidate]]]:
    """The candidates of each report pair (report pairs sorted), ranked as ``linker.align``
    ranks them (mention score, then ids), with the pair's report probability (one per pair)."""
    by_pair: dict[tuple[str, str], list[Candidate]] = {}
    for c in found:
        by_pair.setdefault(c.documents, []).append(c)
    return [(by_pair[p][0].report, sorted(by_pair[p], key=lambda c: (-c.mention, c.a, c.b))) for p in sorted(by_pair)]


def align_ranked(ranked: list[tuple[float, list[Candidate]]], threshold: float, align_threshold: float,
                 best_threshold: float, rescue: tuple[float, float]) -> list[Edge]:
    """``linker.align`` on candidates ranked once (``ranked_pairs``): the same edges in the
    same order (every candidate of a report pair has its pair's report probability)."""
    floor = min(threshold, rescue[0])
    out: list[Edge] = []
    for report, ranked_ in ranked:
        if report < floor:
            continue
        if report < threshold:
            top = ranked_[0]
            if report >= rescue[0] and top.mention >= rescue[1]:
                out.append(Edge(top.a, top.b, report * top.mention))
            continue
        out.extend(Edge(c.a, c.b, report * c.mention) for i, c in enumerate(ranked_)
                   if (i == 0 and c.mention >= best_threshold) or c.mention >= align_threshold)
    return out


class Corpus(NamedTuple):
    """What cross-validation links: every news mention and attachable mention of the tuning
    database (all reports, so that chains through unlabelled reports count as in ``sitrep run``)."""

    news: list
    others: dict
    groups: list
    settings: Settings
    #: background mention or denial -> the news mentions blocking lets it attach to
    reach: dict
    #: every feature value the linker weighs, computed once (``pair_table``)
    table: PairTable


def corpus(docs: list, settings: Settings) -> Corpus:
    found = mentions(docs, settings)
    news = sorted((m for m in found if m.role == "news"), key=lambda m: m.id)
    others = {m.id: m for m in found if m.role != "news"}
    blocker = Blocker(settings)
    for n in news:
        blocker.index(n)
    reach = {m.id: {n.id for n in blocker.candidates(m)} for m in others.values()
             if m.days is None or narrow_days(m, settings) is not None}
    return Corpus(news, others, sentence_groups(news, settings), settings, reach,
                  pair_table(news, others, reach, settings))


#: mention scores two aligned mentions need, tried by cross-validation
ALIGNS = (0.1, 0.3, 0.5, 0.7)
#: average link (product of both levels) two groups need to merge, tried by cross-validation
MERGES = (0.0, 0.1, 0.3)
#: mention scores the best mention pair of two linked reports needs, tried by cross-validation
#: (0: aligned whatever its score, the linker before night 4)
BESTS = (0.0, 0.1, 0.2)
#: (report probability, mention probability) a report pair below the report threshold needs to
#: be linked through its best mention pair alone (``LinkModel.rescue_report``/``rescue_mention``),
#: tried by cross-validation; (1.0, 1.0) is off, and wins ties
RESCUES = ((1.0, 1.0), (0.1, 0.99), (0.2, 0.99), (0.1, 0.95), (0.2, 0.95))
#: the align, merge and best thresholds cross-validation tries (``--fix-levels`` holds them at the
#: shipped file's, so that only the report and rescue thresholds are chosen: a comparison of report
#: models in a fifth of the time)
GRID: dict[str, tuple[float, ...]] = {"aligns": ALIGNS, "merges": MERGES, "bests": BESTS}


def linked_pairs(data: Corpus, fit: Fit, thresholds: tuple[float, ...], merges: tuple[float, ...] = MERGES,
                 aligns: tuple[float, ...] = ALIGNS, bests: tuple[float, ...] = BESTS,
                 rescues: tuple[tuple[float, float], ...] = RESCUES) -> dict[Setting, set[frozenset[str]]]:
    """Per (threshold, align threshold, merge threshold, best threshold, rescue), the report pairs the whole linker (blocking, both
    levels, one-to-one alignment, constrained clustering, attachment) puts in one incident
    under ``fit``. The candidate pairs are scored once; each setting aligns and clusters them."""
    model = LinkModel(fit.weights, fit.bias, min(thresholds), min(merges), min(thresholds), mention_bias=fit.mention_bias,
                      align_threshold=min(aligns))
    settings = dataclasses.replace(data.settings, model=model)
    found, targets = score_table(data.table, fit)
    ranked = ranked_pairs(found)
    groups = GroupIndex.of(data)
    out = {}
    #: settings that give the same edges (a best threshold under every best pair's score) and the
    #: same merge threshold cluster alike: clustered once; and within them, a connected component
    #: of the same edges under the same merge threshold clusters alike (``component_clusters``)
    done: dict[tuple[object, ...], set[frozenset[str]]] = {}
    memo: dict[tuple[object, ...], list[tuple[tuple[str, ...], frozenset[str]]]] = {}
    for t, a in ((t, a) for t in thresholds for a in aligns):
        kept = attachments(targets, t, a)
        for best, rescue in ((b, r) for b in bests for r in rescues):
            edges = align_ranked(ranked, t, a, best, rescue)
            key = (t, a, *((e.a, e.b, e.score) for e in edges))
            for merge in merges:
                if (key, merge) not in done:
                    at = dataclasses.replace(settings, model=dataclasses.replace(
                        model, threshold=t, attach_threshold=t, align_threshold=a, merge_threshold=merge,
                        best_threshold=best, rescue_report=rescue[0], rescue_mention=rescue[1]))
                    done[(key, merge)] = linked_documents(groups, edges, at, kept, memo)
                out[(t, a, merge, best, *rescue)] = done[(key, merge)]
    return out


def attachments(targets: dict[str, list[tuple[float, float, str]]], threshold: float,
                align_at: float) -> dict[str, tuple[str, float]]:
    """Each attachable mention's best target (``linker.best_targets``' rule: the highest product
    of both levels among those reaching the report and align thresholds; ties: the smaller id),
    as (target id, score), from ``score_table``'s scored targets. Cross-validation attaches them
    as ``sitrep run`` does (``linked_documents``); the fit up to 2026-12-05 morning kept
    (score, target) where (target, score) is read, so no attachment reached an incident in its
    CV (docs/benchmarks.md, issue 11, 2026-12-05 morning 2)."""
    kept = {}
    for m, scores in targets.items():
        ok = [(r * p, n) for r, p, n in scores if r >= threshold and p >= align_at]
        if ok:
            score, target = max(ok, key=lambda x: (x[0], tuple(-ord(c) for c in x[1])))
            kept[m] = (target, score)
    return kept


class GroupIndex(NamedTuple):
    """The sentence groups of a ``Corpus`` (``clustering.sentence_groups``, the clustering's
    starting nodes), by mention id, and the attachable mentions that count as reporting."""

    groups: list
    #: news mention id -> index of its sentence group
    group_of: dict[str, int]
    #: attachable mention id -> its report, for those that are not background (denials)
    reporting: dict[str, str]

    @classmethod
    def of(cls, data: Corpus) -> GroupIndex:
        return cls(data.groups, {m.id: i for i, g in enumerate(data.groups) for m in g},
                   {m.id: m.document for m in data.others.values() if m.role != "background"})


def component_clusters(index: GroupIndex, edges: list[Edge], settings: Settings,
                       memo: dict[tuple[object, ...], list[tuple[tuple[str, ...], frozenset[str]]]],
                       ) -> list[tuple[tuple[str, ...], frozenset[str]]]:
    """``clustering.cluster`` run on each connected component of ``edges`` (over sentence groups)
    alone, each component's clusters (mention ids, reports) remembered in ``memo`` by its edges
    and the merge threshold: a merge depends only on the two clusters' members and the edges
    among them, so a component clusters as in the whole (``cluster``'s docstring), and the
    groups no edge touches stay as they are (they are not returned)."""
    sets: DisjointSets[int] = DisjointSets()
    find = sets.find
    for e in edges:
        sets.union(index.group_of[e.a], index.group_of[e.b])
    parts: dict[int, list[Edge]] = defaultdict(list)
    for e in edges:
        parts[find(index.group_of[e.a])].append(e)
    out = []
    for part in parts.values():
        key = (settings.model.merge_threshold, *((e.a, e.b, e.score) for e in part))
        if key not in memo:
            nodes = sorted({index.group_of[i] for e in part for i in (e.a, e.b)})
            memo[key] = [(tuple(m.id for m in c), frozenset(m.document for m in c))
                         for c in cluster([index.groups[g] for g in nodes], part, settings)]
        out.extend(memo[key])
    return out


def linked_documents(index: GroupIndex, edges: list[Edge], settings: Settings, kept: dict[str, tuple[str, float]],
                     memo: dict[tuple[object, ...], list[tuple[tuple[str, ...], frozenset[str]]]]) -> set[frozenset[str]]:
    """The report pairs one incident holds (``same_incident_pairs`` of each incident's reporting
    documents) when the sentence groups are clustered under ``edges`` and each attachable mention
    joins its target in ``kept``: ``cluster``, ``assemble`` and ``reporting_documents`` on the
    whole corpus give the same pairs (background mentions add no reporting document; a group no
    edge touches holds one report, and more only with an attached denial)."""
    reports: list[set[str]] = []
    owner: dict[str, int] = {}
    for ids, docs in component_clusters(index, edges, settings, memo):
        for i in ids:
            owner[i] = len(reports)
        reports.append(set(docs))
    alone: dict[int, int] = {}
    for m, (target, _) in kept.items():
        doc = index.reporting.get(m)
        if doc is None:
            continue
        at = owner.get(target)
        if at is None:
            group = index.group_of[target]
            if group not in alone:
                alone[group] = len(reports)
                reports.append({index.groups[group][0].document})
            at = alone[group]
        reports[at].add(doc)
    return same_incident_pairs(r for r in reports if len(r) > 1)


#: (l2, fit weights, setting) -> out-of-fold (tp, fp, fn) of the cross-validation, one per fold
#: assignment (printed for the chosen setting)
COUNTS: dict[tuple[float, str, Setting], list[tuple[int, int, int]]] = {}


def pair_counts(predicted: set[frozenset[str]], gold: dict[frozenset[str], bool]) -> tuple[int, int, int]:
    """(tp, fp, fn) of predicted same-incident pairs against the labelled ones."""
    tp = sum(1 for k, same in gold.items() if same and k in predicted)
    fp = sum(1 for k, same in gold.items() if not same and k in predicted)
    return tp, fp, sum(1 for k, same in gold.items() if same and k not in predicted)


def pair_f1(predicted: set[frozenset[str]], gold: dict[frozenset[str], bool]) -> float:
    tp = sum(1 for k, same in gold.items() if same and k in predicted)
    fp = sum(1 for k, same in gold.items() if not same and k in predicted)
    fn = sum(1 for k, same in gold.items() if same and k not in predicted)
    return 2 * tp / max(2 * tp + fp + fn, 1)


def weighted_counts(predicted: set[frozenset[str]], gold: dict[frozenset[str], bool],
                    weight: dict[frozenset[str], float]) -> tuple[float, float, float]:
    """(tp, fp, fn) of predicted same-incident pairs, each labelled pair counted with its
    design weight (``design_weights``): the estimated counts on the population the weights
    stand for."""
    tp = sum(weight[k] for k, same in gold.items() if same and k in predicted)
    fp = sum(weight[k] for k, same in gold.items() if not same and k in predicted)
    return tp, fp, sum(weight[k] for k, same in gold.items() if same and k not in predicted)


def weighted_f1(predicted: set[frozenset[str]], gold: dict[frozenset[str], bool],
                weight: dict[frozenset[str], float]) -> float:
    """Pair F1 with each labelled pair counted with its design weight (``weighted_counts``)."""
    tp, fp, fn = weighted_counts(predicted, gold, weight)
    return 2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn > 0 else 0.0


#: (l2, fit weights, setting) -> out-of-fold pair F1, design-weighted and plain (the CV F1 both
#: ways, printed for the chosen setting and the shipped one), each the mean over the fold
#: assignments, rounded
BOTH_F1: dict[tuple[float, str, Setting], tuple[float, float]] = {}
#: (l2, fit weights, setting) -> the spread of both F1s over the fold assignments (``--repeats``)
SPREADS: dict[tuple[float, str, Setting], tuple[Spread, Spread]] = {}
#: (l2, fit weights, setting) -> both F1s on each fold assignment, in order (design-weighted, every
#: pair alike): two settings are compared split by split on them (``paired``)
SPLITS: dict[tuple[float, str, Setting], tuple[tuple[float, ...], tuple[float, ...]]] = {}


def out_of_fold(data: list[tuple[np.ndarray, bool]], keys: list[frozenset[str]], fold: list[int],
                linking: Corpus, l2: float, rounds: int, sample: list[float]) -> dict[Setting, set[frozenset[str]]]:
    """Per setting, the pairs of ``keys`` linked out of fold under one fold assignment: each
    fold's pairs are predicted by the whole linker under weights fitted on the other folds only."""
    predicted: dict[Setting, set[frozenset[str]]] = defaultdict(set)
    for f in sorted(set(fold)):
        train = [i for i, g in enumerate(fold) if g != f]
        fitted = fit_levels([data[i] for i in train], l2, rounds, [sample[i] for i in train])
        held = {k for k, g in zip(keys, fold, strict=True) if g == f}
        for setting, pairs in linked_pairs(linking, fitted, THRESHOLDS, GRID["merges"], GRID["aligns"],
                                           GRID["bests"], RESCUES).items():
            predicted[setting] |= pairs & held
    return predicted


def cross_validate(data: list[tuple[np.ndarray, bool]], keys: list[frozenset[str]], assignments: list[list[int]],
                   linking: Corpus, l2: float, rounds: int, design: dict[frozenset[str], float] | None = None,
                   fit_weights: str = "uniform", estimator: str = "design") -> dict[Setting, float]:
    """Per (threshold, align threshold, merge threshold, best threshold, rescue), the pair F1 of
    out-of-fold predictions (``out_of_fold``, each pair weighted in the fit as ``fit_weights``
    says, ``FIT_WEIGHTS``), averaged over the fold ``assignments`` (``fold_assignments``; one:
    the F1 of that split). With ``design`` (pair -> design weight), both the design-weighted F1
    (``weighted_f1``) and the plain pair F1 are kept in ``BOTH_F1``, their spreads in
    ``SPREADS``, and ``estimator`` (``ESTIMATORS``) says which is returned; without, the plain
    pair F1."""
    gold = {k: bool(lab) for k, (_, lab) in zip(keys, data, strict=True)}
    sample = fit_sample(keys, design, fit_weights)
    runs = [out_of_fold(data, keys, fold, linking, l2, rounds, sample) for fold in assignments]
    settings = sorted(runs[0])
    COUNTS.update({(l2, fit_weights, st): [pair_counts(r[st], gold) for r in runs] for st in settings})
    if design is None:
        return {st: round(spread([pair_f1(r[st], gold) for r in runs]).mean, 3) for st in settings}
    for st in settings:
        per_split = (tuple(weighted_f1(r[st], gold, design) for r in runs), tuple(pair_f1(r[st], gold) for r in runs))
        SPLITS[(l2, fit_weights, st)] = per_split
        ways = (spread(list(per_split[0])), spread(list(per_split[1])))
        SPREADS[(l2, fit_weights, st)] = ways
        BOTH_F1[(l2, fit_weights, st)] = (round(ways[0].mean, 3), round(ways[1].mean, 3))
    return {st: BOTH_F1[(l2, fit_weights, st)][ESTIMATORS.index(estimator)] for st in settings}


def choose_by_cv(tried: dict, ) -> tuple:  # type: ignore[type-arg]
    """(configuration, setting, CV F1) of the best cross-validated pair F1; ties: the stronger
    regularisation (then, with a fit-weights name in the configuration, ``uniform`` before
    ``design``: the fit as before wins a tie), then the higher setting (report threshold, then
    align threshold). ``tried``: configuration (the l2, or (l2, fit weights)) -> setting -> CV F1
    (a setting: report, align, merge and best thresholds)."""
    return max(((c, t, f1) for c, row in tried.items() for t, f1 in row.items()),
               key=lambda x: (x[2], x[0], x[1]))


def fingerprint(data: list[tuple[np.ndarray, bool]]) -> str:
    """sha256 of the fitting input (every pair's feature rows, rounded, and its label): two
    runs that see the same analyses give the same fingerprint, whatever machine runs them."""
    digest = hashlib.sha256()
    for rows, label in data:
        digest.update(np.round(rows, 6).astype("<f8").tobytes() + bytes([label, 255]))
    return digest.hexdigest()[:16]


def restrict(signs: dict[str, int], keep: list[str] | None) -> dict[str, int]:
    """Signs with every feature not in ``keep`` pinned to weight 0 (``--features``)."""
    if not keep:
        return signs
    return {f: (signs.get(f, 0) if f in keep else 2) for f in FEATURES}


def tune_gold(pairs_path: Path, docs: list, sources: list) -> tuple[int, dict[frozenset[str], bool]]:
    """(tune pairs in the file, {document-id pair: same?}) for the resolved tune pairs."""
    tune = [p for p in read_pairs(pairs_path) if p.split == "tune"]
    refs = incident_eval.references(docs, sources)
    return len(tune), {frozenset((refs[p.a], refs[p.b])): p.label == "same"
                       for p in tune if p.a in refs and p.b in refs}


def tune_design(pairs_path: Path, docs: list, sources: list, fakes: Path) -> dict[frozenset[str], float]:
    """{document-id pair: design weight} for the resolved tune pairs (``design_weights``); prints
    the tune pairs, same pairs and weight of each stratum."""
    pairs = read_pairs(pairs_path)
    by_refs = design_weights(pairs, fakes_rows(fakes))
    refs = incident_eval.references(docs, sources)
    labels = {(p.a, p.b): p.label for p in pairs if p.split == "tune"}
    for h in (*CHECK_STRATA, OUTSIDE):
        inside = [(ab, w) for ab, (s, w) in by_refs.items() if s == h]
        print(f"stratum {h}: {len(inside)} tune pairs ({sum(labels[ab] == 'same' for ab, _ in inside)} same), "
              f"design weight {inside[0][1] if inside else 0:.3f}", file=sys.stderr)
    return {frozenset((refs[a], refs[b])): w for (a, b), (_, w) in by_refs.items() if a in refs and b in refs}


#: The strata the labelled pairs were drawn from (docs/incident-guide.md, section 1), told by the
#: FA-KES columns of the pair's two development rows (``location``, ``source``, ``date``). Waves 1-3
#: each labelled *every* development pair of its rule and split them by connected component into
#: the tune and check halves, so the check half (and the held-out pairs, drawn by wave 1's rule) is
#: a sample of these three strata only: ``candidates`` (wave 1: same location, other outlets,
#: dates at most 2 days apart), ``three_days`` (wave 2: same location, other outlets, exactly 3
#: days apart), ``same_outlet`` (wave 3: same location, one outlet, at most 2 days apart). From wave
#: 4 on, waves are drawn for the tune half only and, by their rule, outside the pairs of waves 1-3
#: (other locations, similar texts days apart, near-miss bands ...): stratum ``OUTSIDE``.
CHECK_STRATA = ("candidates", "three_days", "same_outlet")
#: the stratum of tune-only waves (4 on): no check pair is drawn from it
OUTSIDE = "outside"
#: design weight of a tune pair of the ``OUTSIDE`` stratum in the estimator: 0, since the
#: population the check half (and the held-out pairs) was drawn from holds none of its pairs
OUTSIDE_DESIGN_WEIGHT = 0.0
#: how each tune pair weighs in the fit, one name per candidate (``--fit-weights``; cross-validation
#: chooses): ``uniform``, every tune pair 1 (the fit before 2026-12-04 afternoon); ``design``, its
#: design weight (``design_weights``: the check half's strata by the inverse of their tune
#: sampling rate, the tune-only waves 0, so the fit is the population's, not an over-sampled band's)
FIT_WEIGHTS = ("uniform", "design")
#: what chooses the l2, the fit weights and the thresholds (``--estimator``): ``design``, the
#: design-weighted out-of-fold pair F1 (an estimate of the pair F1 on the check half's population);
#: ``pairs``, the plain out-of-fold pair F1 over every tune pair alike (the choice before)
ESTIMATORS = ("design", "pairs")


class RowMeta(NamedTuple):
    """The FA-KES columns of one development row that decide a pair's stratum."""

    location: str
    outlet: str
    day: datetime.date


FAKES_REF = re.compile(r"#row([1-9][0-9]*)$")


def fakes_rows(path: Path) -> dict[int, RowMeta]:
    """Row number (1-based data row, as ``#rowN``) -> location, outlet and date, for the
    development rows (even ``unit_id``) only; every other row is skipped unread."""
    out = {}
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        for number, row in enumerate(csv.DictReader(fh), start=1):
            unit = row.get("unit_id") or ""
            if not (unit.isdigit() and int(unit) % 2 == 0):
                continue
            day = datetime.datetime.strptime(row["date"], "%m/%d/%Y").date()
            out[number] = RowMeta(row["location"], row["source"], day)
    return out


def stratum(x: RowMeta | None, y: RowMeta | None) -> str:
    """The stratum (``CHECK_STRATA`` or ``OUTSIDE``) a pair of development rows was drawn from;
    a pair with a row that is not a FA-KES development row is ``OUTSIDE``."""
    if x is None or y is None or x.location != y.location:
        return OUTSIDE
    gap = abs((x.day - y.day).days)
    if x.outlet != y.outlet:
        return "candidates" if gap <= 2 else "three_days" if gap == 3 else OUTSIDE
    return "same_outlet" if gap <= 2 else OUTSIDE


def design_weights(pairs: list, rows: dict[int, RowMeta]) -> dict[tuple[str, str], tuple[str, float]]:
    """For each tune pair (its two references): its stratum and design weight. A stratum of the
    check half's population weighs (its labelled pairs in both halves) / (its tune pairs), the
    inverse of the tune half's sampling rate in it; ``OUTSIDE`` weighs ``OUTSIDE_DESIGN_WEIGHT``.
    Only the references and halves of the other pairs are read (never a check label)."""

    def row(ref: str) -> RowMeta | None:
        match = FAKES_REF.search(ref)
        return rows.get(int(match.group(1))) if match else None

    strata = [stratum(row(p.a), row(p.b)) for p in pairs]
    drawn = {h: sum(s == h for s in strata) for h in CHECK_STRATA}
    tuned = {h: sum(s == h and p.split == "tune" for s, p in zip(strata, pairs, strict=True)) for h in CHECK_STRATA}
    return {(p.a, p.b): (s, drawn[s] / tuned[s] if s in tuned else OUTSIDE_DESIGN_WEIGHT)
            for s, p in zip(strata, pairs, strict=True) if p.split == "tune"}


def fit_sample(keys: list[frozenset[str]], design: dict[frozenset[str], float] | None, fit_weights: str) -> list[float]:
    """Each pair's weight in the fit (``FIT_WEIGHTS``): 1, or its design weight."""
    if fit_weights == "uniform" or design is None:
        return [1.0] * len(keys)
    if fit_weights != "design":
        raise SystemExit(f"--fit-weights: {fit_weights!r} is not one of {', '.join(FIT_WEIGHTS)}")
    return [design[k] for k in keys]


#: a word must be in at least this many reference reports to be listed in the IDF table
IDF_MIN_DF = 2


def idf_table(docs: list, leave_out: set[str], stop: frozenset[str], pairs_name: str) -> IdfTable:
    """Document frequencies of the words ``mentions.body_vector`` weighs, over the analysed
    reports except ``leave_out`` (the reports of check-half pairs: the check half stays
    unseen); words in fewer than ``IDF_MIN_DF`` of them are not listed (they weigh as unseen)."""
    counts: dict[str, int] = defaultdict(int)
    used = [d for d in docs if d.document.id not in leave_out]
    for d in used:
        for w in {w for w in Tokenized(d.document.text).words
                  if w not in stop and not w[0].isdigit() and len(w) > 2}:
            counts[w] += 1
    return IdfTable(len(used), IDF_MIN_DF, {w: n for w, n in sorted(counts.items()) if n >= IDF_MIN_DF},
                    source=f"the analysed reports of the fitting database but those of {pairs_name}'s "
                           f"check-half pairs ({len(used)} reports), words in >= {IDF_MIN_DF} of them")


def check_documents(pairs_path: Path, docs: list, sources: list) -> set[str]:
    """The document ids of the check-half pairs (only their references are read, never a label)."""
    refs = incident_eval.references(docs, sources)
    return {refs[r] for p in read_pairs(pairs_path) if p.split != "tune" for r in (p.a, p.b) if r in refs}


#: two fitted numbers closer than this are one fit (the optimiser's floating-point noise can move
#: a weight across a rounding boundary of its 4th decimal from one run to the next)
VERIFY_TOLERANCE = 1e-3


def same_fit(a: object, b: object) -> bool:
    """Whether two fitted files' JSON values are one fit: the same keys and text, numbers
    within ``VERIFY_TOLERANCE``."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_fit(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_fit(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(a - b) <= VERIFY_TOLERANCE
    return a == b


def arguments() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--pairs", default=str(REPO / "benchmarks" / "data" / "fakes_incident_pairs.jsonl"))
    ap.add_argument("--l2", default="1,3",
                    help="comma-separated L2 strengths; CV chooses one (default 1,3: docs/benchmarks.md, issue 11, night 4)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--repeats", type=int, default=5,
                    help="fold assignments the out-of-fold F1 is averaged over (seeded_folds; default 5 since "
                         "2026-12-05 late: one split chose settings that lose over five, docs/benchmarks.md; 1 is "
                         "the one deterministic split of the fits before)")
    ap.add_argument("--fold-seed", type=int, default=FOLD_SEED,
                    help=f"seed of the fold assignments after the first (default FOLD_SEED, {FOLD_SEED})")
    ap.add_argument("--rounds", type=int, default=3,
                    help="multiple-instance rounds (0: plain convex logistic, every mention pair with its report pair's label)")
    ap.add_argument("--features", default=",".join(DEFAULT_FEATURES),
                    help="comma-separated features to use ('all': every one; default: DEFAULT_FEATURES)")
    ap.add_argument("--exclude", default="", help="comma-separated features to leave out")
    ap.add_argument("--out", default=str(REPO / "src" / "sitrep" / "incidents" / "data" / "linker.json"))
    ap.add_argument("--idf-out", default=None,
                    help="where the IDF table is written (compared by --verify); default: idf.json beside --out")
    ap.add_argument("--fit-weights", default=",".join(FIT_WEIGHTS),
                    help=f"comma-separated ways to weigh each tune pair in the fit, cross-validation chooses "
                         f"(FIT_WEIGHTS: {', '.join(FIT_WEIGHTS)}; default: all)")
    ap.add_argument("--estimator", default=ESTIMATORS[0], choices=ESTIMATORS,
                    help="the out-of-fold pair F1 that chooses (ESTIMATORS; default design: weighted by "
                         "the pairs' sampling design, an estimate on the check half's population)")
    ap.add_argument("--fakes", default=None,
                    help="the FA-KES CSV whose development rows' location, source and date give each pair's "
                         "stratum (default: the shared data's corpus/fakes/FA-KES-Dataset.csv)")
    ap.add_argument("--splits-out", default=None,
                    help="write the winner's out-of-fold F1 split by split here (SplitFigures), for --baseline")
    ap.add_argument("--baseline", default=None,
                    help="a --splits-out file of an earlier run on the same splits: print the paired comparison "
                         "of this run's winner against it (paired_gain's verdict)")
    ap.add_argument("--report-family", default="logistic",
                    help="the report model's family (REPORT_FAMILIES): logistic (default, the shipped one), products, "
                         "or trees:LEAVES:MIN_LEAF:TREES:L2")
    ap.add_argument("--report-inputs", default="report", choices=("report", "summaries"),
                    help="what the report model reads: the report features (default, the shipped model), or them and "
                         "SUMMARIES of the candidate mention pairs")
    ap.add_argument("--fix-levels", action="store_true",
                    help="hold the align, merge and best thresholds at --out's (GRID): only the report and rescue "
                         "thresholds are chosen")
    ap.add_argument("--merges", default=None,
                    help="comma-separated merge thresholds cross-validation tries (after --fix-levels: the align "
                         "and best thresholds stay held)")
    ap.add_argument("--incumbent", default=None,
                    help="the shipped linker file the incumbent rule compares the winner with (incumbent_rule; "
                         "default: --out when it exists, else the package's linker.json; 'none': take the "
                         "cross-validation winner, no rule)")
    ap.add_argument("--verify", action="store_true",
                    help="fit, compare with --out and --idf-out and exit 1 if they differ (write nothing)")
    return ap.parse_args()


def fakes_csv(given: str | None) -> Path:
    """The FA-KES CSV (``--fakes``, else the shared data's); exits with the reason when absent."""
    if given:
        return Path(given)
    from sitrep.datasets import FAKES_CSV, shared_data_dir
    from sitrep.errors import SitrepError

    try:
        return shared_data_dir(REPO) / FAKES_CSV
    except SitrepError as exc:
        raise SystemExit(f"{exc} (the FA-KES rows give each tune pair's stratum; or pass --fakes)") from exc


def mean_counts(runs: list[tuple[int, int, int]]) -> tuple[float, float, float]:
    """(tp, fp, fn) of one fold assignment as they are; of several, their means (1 decimal)."""
    if len(runs) == 1:
        return runs[0]
    tp, fp, fn = (round(sum(r[i] for r in runs) / len(runs), 1) for i in range(3))
    return tp, fp, fn


def repeated(repeats: int, seed: int) -> str:
    """How the fitted file names a repeated cross-validation (nothing for one split: as before)."""
    return f", averaged over {repeats} fold assignments (fold seed {seed})" if repeats > 1 else ""


def ranked_settings(tried: dict[tuple[float, str], dict[Setting, float]]) -> list[tuple[tuple[float, str], Setting, float]]:
    """Every (configuration, setting, mean CV F1), best first (``choose_by_cv``'s order)."""
    return sorted(((c, t, f1) for c, row in tried.items() for t, f1 in row.items()),
                  key=lambda x: (x[2], x[0], x[1]), reverse=True)


def spread_text(key: tuple[float, str, Setting]) -> str:
    d, p = SPREADS[key]
    return (f"design-weighted mean {d.mean:.3f} sd {d.sd:.3f} (min {d.low:.3f}, max {d.high:.3f}); every pair alike "
            f"mean {p.mean:.3f} sd {p.sd:.3f} (min {p.low:.3f}, max {p.high:.3f})")


def paired_text(first: tuple[float, str, Setting], second: tuple[float, str, Setting]) -> str:
    """Two settings' paired comparison (``paired``) as printed: each estimator's mean difference,
    its sd and range over the splits, the design-weighted differences split by split, and the
    verdict of ``paired_gain``."""
    return splits_text(SPLITS[first], SPLITS[second])


def splits_text(first: tuple[tuple[float, ...], tuple[float, ...]],
                second: tuple[tuple[float, ...], tuple[float, ...]]) -> str:
    """``paired_text`` of two settings' per-split F1 (design-weighted, every pair alike) as given."""
    (d1, p1), (d2, p2) = first, second
    diff = paired(d1, d2, p1, p2)
    d, p = diff.design, diff.pairs
    each = ", ".join(f"{a - b:+.3f}" for a, b in zip(d1, d2, strict=True))
    return (f"design-weighted mean {d.mean:+.3f} sd {d.sd:.3f} (min {d.low:+.3f}, max {d.high:+.3f}; per split "
            f"{each}); every pair alike mean {p.mean:+.3f} sd {p.sd:.3f} (min {p.low:+.3f}, max {p.high:+.3f}): "
            f"{'a gain' if paired_gain(diff) else 'no gain'} by the paired rule (PAIRED_SDS {PAIRED_SDS})")


def report_spreads(tried: dict[tuple[float, str], dict[Setting, float]], estimator: str,
                   shipped: tuple[float, str, Setting] | None = None) -> None:
    """Print the winner's spread over the fold assignments, the runner-up's (the best setting
    with a lower mean) and each configuration's best: a setting wins only by the mean, and by
    less than the spread it wins by noise. Then the winner against the runner-up and against
    ``shipped`` (the file's configuration and thresholds, when tried) split by split
    (``paired_text``): the test of a difference on the same splits."""
    ranked = ranked_settings(tried)
    (c, t, f1) = ranked[0]
    print(f"winner ({estimator} mean {f1}): l2 {c[0]}, fit weights {c[1]}, {t}: {spread_text((*c, t))}",
          file=sys.stderr)
    runner = next((x for x in ranked if x[2] < f1), None)
    if runner is not None:
        print(f"runner-up ({estimator} mean {runner[2]}): l2 {runner[0][0]}, fit weights {runner[0][1]}, {runner[1]}: "
              f"{spread_text((*runner[0], runner[1]))}", file=sys.stderr)
    for config in tried:
        best = next(x for x in ranked if x[0] == config)
        print(f"best of l2 {config[0]}, fit weights {config[1]} ({estimator} mean {best[2]}) at {best[1]}: "
              f"{spread_text((*config, best[1]))}", file=sys.stderr)
    if runner is not None:
        print(f"paired, winner minus runner-up: {paired_text((*c, t), (*runner[0], runner[1]))}", file=sys.stderr)
    if shipped is not None and shipped in SPLITS:
        print(f"paired, winner minus shipped (l2 {shipped[0]}, fit weights {shipped[1]}, {shipped[2]}): "
              f"{paired_text((*c, t), shipped)}", file=sys.stderr)


class SplitFigures(NamedTuple):
    """A run's winner, split by split (``--splits-out``): what a later run with other features or
    options is compared with on the same fold assignments (``--baseline``, ``baseline_text``)."""

    #: the features the run used, comma-separated
    features: str
    #: folds, repeats and fold seed: the fold assignments (must match to compare)
    folds: tuple[int, int, int]
    #: the winner's l2, fit weights and setting
    setting: str
    #: its design-weighted out-of-fold F1 on each fold assignment, in order
    design: tuple[float, ...]
    #: its every-pair-alike out-of-fold F1 on each fold assignment, in order
    pairs: tuple[float, ...]

    @classmethod
    def read(cls, path: Path) -> SplitFigures:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return cls(raw["features"], tuple(raw["folds"]), raw["setting"], tuple(raw["design"]),  # type: ignore[arg-type]
                   tuple(raw["pairs"]))

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self._asdict(), indent=1) + "\n", encoding="utf-8")


def baseline_text(winner: SplitFigures, baseline: SplitFigures) -> str:
    """The paired comparison (``splits_text``) of this run's winner against an earlier run's
    (``--baseline``); the fold assignments must be the same, else the pairing means nothing."""
    if winner.folds != baseline.folds:
        raise SystemExit(f"--baseline was cross-validated on (folds, repeats, fold seed) {baseline.folds}, "
                         f"this run on {winner.folds}: not the same splits")
    return (f"paired, winner minus baseline ({baseline.setting}; features {baseline.features}): "
            f"{splits_text((winner.design, winner.pairs), (baseline.design, baseline.pairs))}")


def incumbent_file(given: str | None, out: Path) -> Path | None:
    """The shipped linker file the incumbent rule compares with: ``--incumbent`` (``none``: no
    rule), else ``--out`` when it exists, else the package's ``linker.json``."""
    if given is not None:
        return None if given.lower() == "none" else Path(given)
    if out.exists():
        return out
    shipped = REPO / "src" / "sitrep" / "incidents" / "data" / "linker.json"
    return shipped if shipped.exists() else None


def shipped_key(out: Path) -> tuple[float, str, Setting] | None:
    """(l2, fit weights, setting) of the linker file at ``out`` (its thresholds and the l2 and fit
    weights its ``fitted_on`` names), or None when absent or unnamed."""
    if not out.exists():
        return None
    model = json.loads(out.read_text(encoding="utf-8"))
    named = re.search(r"l2=([0-9.]+), fit weights (\w+)", str(model.get("fitted_on", "")))
    if named is None:
        return None
    setting = tuple(float(model[k]) for k in ("threshold", "align_threshold", "merge_threshold", "best_threshold",
                                              "rescue_report", "rescue_mention"))
    return float(named.group(1)), named.group(2), setting  # type: ignore[return-value]


def report_cv(l2: float, mode: str, row: dict[Setting, float], estimator: str) -> None:
    """Print one configuration's best CV pair F1 (the chooser's and the other estimator's),
    and its best without the best-pair floor and without the rescue link."""
    best = max(row.items(), key=lambda x: (x[1], x[0]))
    floorless = max(((st, f1) for st, f1 in row.items() if st[3] == 0.0), key=lambda x: (x[1], x[0]),
                    default=("not tried", "-"))  # --fix-levels may hold the best threshold above 0
    no_rescue = max(((st, f1) for st, f1 in row.items() if st[4:] == (1.0, 1.0)), key=lambda x: (x[1], x[0]))
    other = 1 - ESTIMATORS.index(estimator)
    best_other = max((f1s[other], st) for (lam, m, st), f1s in BOTH_F1.items() if (lam, m) == (l2, mode))
    print(f"l2 {l2}, fit weights {mode}: best {estimator} CV pair F1 {best[1]} at (threshold, align, merge, best, "
          f"rescue report, rescue mention) {best[0]} ({ESTIMATORS[other]} {BOTH_F1[(l2, mode, best[0])][other]}); "
          f"with best threshold 0: {floorless[1]} at {floorless[0]}; without rescue: {no_rescue[1]} at {no_rescue[0]}; "
          f"best {ESTIMATORS[other]} CV pair F1 {best_other[0]} at {best_other[1]}", file=sys.stderr)


def shipped_cv(tried: dict[tuple[float, str], dict[Setting, float]], out: Path) -> None:
    """Print the CV pair F1 both ways of the thresholds of the file at ``out`` (the linker before
    this fit), for each configuration tried: the figure a refit has to reach."""
    if not out.exists():
        return
    model = json.loads(out.read_text(encoding="utf-8"))
    setting = tuple(float(model[k]) for k in ("threshold", "align_threshold", "merge_threshold", "best_threshold",
                                              "rescue_report", "rescue_mention"))
    for l2, mode in tried:
        both = BOTH_F1.get((l2, mode, setting))  # type: ignore[arg-type]
        if both:
            print(f"{out.name}'s thresholds {setting} at l2 {l2}, fit weights {mode}: CV pair F1 design-weighted "
                  f"{both[0]}, every pair alike {both[1]}", file=sys.stderr)
            if len(COUNTS[(l2, mode, setting)]) > 1:  # type: ignore[index]
                print(f"  over the fold assignments: {spread_text((l2, mode, setting))}", file=sys.stderr)  # type: ignore[arg-type]


def main() -> None:
    args = arguments()
    with Store(args.db, readonly=True) as store:
        docs = load_inputs(store, store.analyzed_versions())
        sources = store.document_sources()
    n_tune, gold = tune_gold(Path(args.pairs), docs, sources)
    keep = list(FEATURES) if args.features == "all" else [f for f in args.features.split(",") if f]
    drop = {f for f in args.exclude.split(",") if f}
    SIGNS.update(restrict(dict(SIGNS), [f for f in keep if f not in drop]))
    table = idf_table(docs, check_documents(Path(args.pairs), docs, sources), load_settings().stop_words,
                      Path(args.pairs).name)
    settings = with_idf(load_settings(), table)
    data = bags(settings, docs, gold)
    assignments = fold_assignments(fold_groups(list(gold), data), args.folds, args.repeats, args.fold_seed)
    linking = corpus(docs, settings)
    design = tune_design(Path(args.pairs), docs, sources, fakes_csv(args.fakes))
    keys = list(gold)
    FAMILY[0] = args.report_family
    USE_SUMMARIES[0] = args.report_inputs == "summaries"
    family_spec(args.report_family)
    if args.fix_levels:
        shipped_file = json.loads(Path(args.out).read_text(encoding="utf-8"))
        GRID.update(aligns=(float(shipped_file["align_threshold"]),), merges=(float(shipped_file["merge_threshold"]),),
                    bests=(float(shipped_file["best_threshold"]),))
    if args.merges:
        GRID.update(merges=tuple(float(x) for x in args.merges.split(",") if x))
    tried: dict[tuple[float, str], dict[Setting, float]] = {}
    modes = [m for m in args.fit_weights.split(",") if m]
    for l2, mode in ((float(x), m) for x in args.l2.split(",") if x for m in modes):
        tried[(l2, mode)] = cross_validate(data, keys, assignments, linking, l2, args.rounds, design, mode,
                                           args.estimator)
        report_cv(l2, mode, tried[(l2, mode)], args.estimator)
    (l2, mode), setting, cv_f1 = choose_by_cv(tried)
    shipped_cv(tried, Path(args.out))
    incumbent = incumbent_file(args.incumbent, Path(args.out))
    if args.repeats > 1:
        report_spreads(tried, args.estimator, shipped_key(incumbent) if incumbent else None)
    if args.splits_out or args.baseline:
        won = SplitFigures(args.features, (args.folds, args.repeats, args.fold_seed),
                           f"l2 {l2}, fit weights {mode}, {setting}, report family {args.report_family}, "
                           f"inputs {args.report_inputs}",
                           *SPLITS[(l2, mode, setting)])
        if args.splits_out:
            won.write(Path(args.splits_out))
        if args.baseline:
            print(baseline_text(won, SplitFigures.read(Path(args.baseline))), file=sys.stderr)
    choice = incumbent_rule((l2, mode, setting), shipped_key(incumbent) if incumbent else None, SPLITS)
    print(f"incumbent rule ({incumbent if incumbent else 'off'}): {choice.reason}", file=sys.stderr)
    l2, mode, setting = choice.key
    cv_f1 = tried[(l2, mode)][setting]
    (threshold, align_at, merge, best_at, rescue_r, rescue_m) = setting
    fitted = fit_levels(data, l2, args.rounds, fit_sample(keys, design, mode))
    linked = linked_pairs(linking, fitted, (threshold,), (merge,), (align_at,), (best_at,), ((rescue_r, rescue_m),))[setting]
    in_sample = pair_f1(linked, gold)
    in_design = weighted_f1(linked, gold, design)
    tp, fp, fn = mean_counts(COUNTS[(l2, mode, setting)])
    cv_design, cv_pairs = BOTH_F1[(l2, mode, setting)]
    print(f"chosen: l2 {l2}, fit weights {mode}, threshold {threshold}, align {align_at}, merge {merge}, best {best_at}, "
          f"rescue {rescue_r}/{rescue_m}: CV pair F1 design-weighted {cv_design}, over every tune pair alike {cv_pairs} "
          f"(out of fold tp {tp}, fp {fp}, fn {fn}: precision {tp / max(tp + fp, 1):.3f}, recall "
          f"{tp / max(tp + fn, 1):.3f}), in-sample {in_sample:.3f} (design-weighted {in_design:.3f})", file=sys.stderr)
    if args.report_family != "logistic" or args.report_inputs != "report":
        print(f"report family {args.report_family}: measured only, nothing written (the linker scores a logistic "
              f"report model; docs/benchmarks.md, issue 11, incidents37)", file=sys.stderr)
        return
    weights = {f: round(w, 4) for f, w in fitted.weights.items()}
    model = LinkModel(weights, round(fitted.bias, 4), threshold, merge, threshold,
                      mention_bias=round(fitted.mention_bias, 4), align_threshold=align_at, best_threshold=best_at,
                      rescue_report=rescue_r, rescue_mention=rescue_m,
                      fitted_on=f"{Path(args.pairs).name} tune half ({n_tune} pairs, {len(gold)} resolved): "
                                f"two L2-regularised logistic models (report pairs; mention pairs with "
                                f"multiple-instance rounds {args.rounds}), l2={l2}, fit weights {mode}, threshold, align, merge, "
                                f"best and rescue thresholds chosen by {args.folds}-fold cross-validation by connected "
                                f"component{repeated(args.repeats, args.fold_seed)} ({args.estimator} CV pair F1 "
                                f"{cv_f1}; design-weighted {cv_design}, every "
                                f"pair alike {cv_pairs}), features {'the default set' if keep == list(DEFAULT_FEATURES) else args.features}"
                                f"{' minus ' + args.exclude if args.exclude else ''}; "
                                f"input fingerprint {fingerprint(data)}",
                      chosen_by=choice.reason)
    text = json.dumps(model.to_dict(), indent=2) + "\n"
    idf_text = json.dumps(table.to_dict(), indent=0, ensure_ascii=False) + "\n"
    idf_out = Path(args.idf_out) if args.idf_out else Path(args.out).parent / "idf.json"
    if args.verify:
        same = True
        for path, new in ((Path(args.out), text), (idf_out, idf_text)):
            shipped = path.read_text(encoding="utf-8") if path.exists() else ""
            equal = shipped == new or (bool(shipped) and same_fit(json.loads(shipped), json.loads(new)))
            print(f"same as {path}" if equal else f"DIFFERS from {path}")
            same = same and equal
        if not same:
            print(text)
        raise SystemExit(0 if same else 1)
    Path(args.out).write_text(text, encoding="utf-8")
    idf_out.write_text(idf_text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
