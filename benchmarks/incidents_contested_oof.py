"""Contested fields on the TUNE half of the labelled pairs, out of fold (issue 11).

The tune figures of ``sitrep eval incidents`` are in sample: the shipped linker was fitted on
every tune pair, so the pairs it links, and the mentions it aligns in them (from which the
contested fields are read), are those it was fitted to link. This script scores the contested
fields as ``scripts/fit_incident_linker.py``'s cross-validation scores pair F1: the tune pairs
are cut into folds by connected component (``fold_assignments``: repeat 0 is the fit's own
deterministic split, the others seeded), both levels of the linker are refitted on the other
folds with the shipped configuration (l2, fit weights, rounds; the report, align, merge, best
and rescue thresholds read from the shipped ``linker.json``), the whole linker (``linker.link``,
as ``sitrep eval incidents`` runs it) links every analysed report, and the fold's pairs are
predicted and their contested fields read (``evaluate.predictions``). The pooled out-of-fold
predictions of each split are scored (``scorer.score``); the spread over the splits is printed.

With ``--pairs-out FILE`` every tune same pair's out-of-fold prediction per split (linked or
not, the fields flagged and their versions, the gold fields) is written as JSON Lines, for
reading errors by field and cause. Only ``"split": "tune"`` pairs are read; the check half is
never looked at (its references are read only to leave its reports out of the IDF table, as the
fit does: the shipped table is used as is).

``--set NAME=VALUE`` sets a named parameter of ``sitrep.incidents.contested`` for the run (what a
rule of the contested reading is worth out of fold: ``--set MEANS_CONSENSUS=False``,
``--set MAX_VERSION_RATIO=inf``); ``--in-sample`` links with the shipped linker itself (the
figures of ``sitrep eval incidents`` on the tune half, pair by pair).

The JSON's ``contested_by_linking`` (``linking_summary``, contested2) reads the same splits on the
pairs each split's linker linked: the linking share of the differing and the agreeing same pairs,
contested right and false flags on the linked ones (mean, sd, min, max over the splits), and the
end-to-end misses per split as not linked plus linked (as ``sitrep eval incidents``'
``contested_by_linking`` does in sample; each split's own figures are in ``splits``).

The JSON's ``causes`` counts the tune same pairs' errors by cause per split (``causes``): not
linked (the linker) against linked with no field or a wrong field flagged, and false flags (the
reading).

``--set-on NAME=VALUE`` (``incidents51``) sets a parameter for the "on" run only (the parameter both
ways with ``--linker`` and main's clustering, on the same folds); it also sets a ``Settings`` field
(figs1: ``--set-on rollup_headline=True``).

``--set`` and ``--set-on`` also set a parameter of ``sitrep.incidents.blocking`` (``SETTABLE``,
``incidents53``): ``--set UNRESOLVED_FINE=False --set UNRESOLVED_APART=False --set-on
UNRESOLVED_FINE=True`` reads unresolved places as fine places of unknown position in the whole
linker (blocking, features, clustering, contested reading) in the "on" run only (main's reading
before incidents53 in the other), the same folds both ways.

Usage: ``python benchmarks/incidents_contested_oof.py --db DB [--repeats 5] [--pairs-out FILE]
[--set NAME=VALUE] [--set-on NAME=VALUE] [--in-sample] [--features F,G --linker FILE]`` (the database from ``benchmarks/incidents_cost.py``). Prints JSON:
per split and over splits. Cost: ~20 s for 5 x 5 folds on the FA-KES development rows.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from common import script_module

from sitrep.incidents import blocking
from sitrep.incidents import contested as contested_module
from sitrep.incidents import evaluate as incident_eval
from sitrep.incidents.contested import contested, lead_event
from sitrep.incidents.linker import link
from sitrep.incidents.mentions import Mention, mentions
from sitrep.incidents.scorer import GoldPair, Prediction, read_pairs, score
from sitrep.incidents.settings import LinkModel, Settings, load_settings
from sitrep.incidents.update import load_inputs
from sitrep.store import Store

REPO = Path(__file__).resolve().parents[1]
LINKER = REPO / "src" / "sitrep" / "incidents" / "data" / "linker.json"


def shipped_config(path: Path) -> tuple[float, str, LinkModel]:
    """(l2, fit weights, the shipped model) read from the shipped ``linker.json``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    text = data["fitted_on"]
    l2 = float(text.split("l2=")[1].split(",")[0])
    mode = text.split("fit weights ")[1].split(",")[0]
    return l2, mode, LinkModel.from_dict(data)


def versions(groups: list, a: str, b: str, settings: Any, reports: dict[str, list[Mention]]) -> dict[str, list[str]]:
    """The versions ``pair_contested`` flags for a linked pair (field -> "value: documents")."""
    shared = [g for g in groups if {a, b} <= incident_eval.reporting_documents(g)]
    if not shared:
        return {}
    leads = {lead.id for d in (a, b) if (lead := lead_event(reports.get(d, ()))) is not None}
    best = max(shared, key=lambda g: (sum(m.id in leads for m in g.mentions),
                                      sum(m.document in (a, b) for m in g.mentions), min(m.id for m in g.news)))
    two = [m for m in best.mentions if m.document in (a, b)]
    out = {c.field: [f"{v.value} [{'/'.join('a' if d == a else 'b' for d in v.documents)}]" for v in c.versions]
           for c in contested(two, settings, reports)}
    # which sentences of each report the shared incident holds (sentence order; * its lead event)
    out["_held"] = [f"{'a' if m.document == a else 'b'}{m.order}{'*' if m.id in leads else ''}:{m.role}"
                    for m in sorted(two, key=lambda m: (m.document != a, m.order))]
    out["_shared"] = [str(len(shared))]
    return out


def tune_folds(fit: Any, docs: list, refs: dict[str, str], pairs: list[GoldPair], settings: Settings,
               design: dict[frozenset[str], float] | None, mode: str, *, folds: int, repeats: int,
               features: list[str] | None = None) -> tuple[list[GoldPair], list, list, list, list, list[Mention]]:
    """The out-of-fold setup both this script and ``incidents_link_strength.py`` use: the tune pairs,
    the resolved ones' keys in file order (``fit_incident_linker.tune_gold``), their fit data and
    sample weights, the seeded fold assignments, and every mention of the corpus. Restricts the fit
    script's features to ``features`` (default: the shipped fit's, as its main() does)."""
    fit.SIGNS.update(fit.restrict(dict(fit.SIGNS), list(features or fit.DEFAULT_FEATURES)))
    tune = [p for p in pairs if p.split == "tune"]
    gold = {frozenset((refs[p.a], refs[p.b])): p.label == "same" for p in tune if p.a in refs and p.b in refs}
    keys = list(gold)
    data = fit.bags(settings, docs, gold)
    sample = fit.fit_sample(keys, design, mode)
    assignments = fit.fold_assignments(fit.fold_groups(keys, data), folds, repeats, fit.FOLD_SEED)
    return tune, keys, data, sample, assignments, mentions(docs, settings)


def out_of_fold(fit: Any, docs: list, sources: list, pairs: list[GoldPair], settings: Settings,
                shipped: LinkModel, l2: float, mode: str, *, folds: int = 5, repeats: int = 5, rounds: int = 3,
                design: dict[frozenset[str], float] | None = None, in_sample: bool = False,
                features: list[str] | None = None,
                weights_out: list[dict[str, float]] | None = None) -> tuple[list[dict[tuple[str, str], Prediction]], list[dict[str, Any]]]:
    """Per fold assignment, the prediction of every resolved tune pair of ``pairs`` with both
    linker levels fitted on the other folds (``fit``: ``scripts/fit_incident_linker.py``; l2,
    fit weights ``mode`` and ``rounds`` as shipped; the thresholds ``shipped``'s) and the
    corpus linked by ``linker.link``; and one row per tune *same* pair and assignment (linked or
    not, the fields flagged and their versions). ``design``: each pair's design weight, needed
    when ``mode`` is ``design``. ``in_sample``: link with ``shipped`` itself instead. ``features``: the
    features the folds fit (default: the fit script's ``DEFAULT_FEATURES``, the shipped fit's).
    ``weights_out``: each fold fit's weights are appended to it."""
    refs = incident_eval.references(docs, sources)
    tune, keys, data, sample, assignments, found = tune_folds(fit, docs, refs, pairs, settings, design, mode,
                                                               folds=folds, repeats=repeats, features=features)
    reports: dict[str, list[Mention]] = defaultdict(list)
    for m in found:
        reports[m.document].append(m)
    runs: list[dict[tuple[str, str], Prediction]] = []
    rows: list[dict[str, Any]] = []
    for r, fold in enumerate(assignments):
        predicted: dict[tuple[str, str], Prediction] = {}
        for f in sorted(set(fold)):
            train = [i for i, g in enumerate(fold) if g != f]
            if in_sample:
                model = shipped
            else:
                fitted = fit.fit_levels([data[i] for i in train], l2, rounds, [sample[i] for i in train])
                model = dataclasses.replace(shipped, weights=fitted.weights, bias=fitted.bias,
                                            mention_bias=fitted.mention_bias)
                if weights_out is not None:
                    weights_out.append(fitted.weights)
            at = dataclasses.replace(settings, model=model)
            groups = link(found, at)
            held = {k for k, g in zip(keys, fold, strict=True) if g == f}
            scored = [p for p in tune if p.a in refs and p.b in refs and frozenset((refs[p.a], refs[p.b])) in held]
            got = incident_eval.predictions(groups, scored, refs, at, reports)
            predicted.update(got)
            for p in (p for p in scored if p.label == "same"):
                a, b = refs[p.a], refs[p.b]
                pred = got[(p.a, p.b)]
                rows.append({"split": r, "a": p.a, "b": p.b, "gold": list(p.contested), "linked": pred.same,
                             "flagged": sorted(pred.contested),
                             "shared": sum({a, b} <= incident_eval.reporting_documents(g) for g in groups),
                             "versions": versions(groups, a, b, at, reports) if pred.same else {}})
        runs.append(predicted)
    return runs, rows


def summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Each figure's mean, sd, min and max over the splits' tune scores, and the field counts summed."""
    out: dict[str, Any] = {}
    for name in ("f1", "contested_right", "false_flags"):
        values = [float(x[name] or 0.0) for x in runs]
        out[name] = {"mean": round(statistics.mean(values), 3),
                     "sd": round(statistics.stdev(values), 3) if len(values) > 1 else 0.0,
                     "min": min(values), "max": max(values)}
    fields: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for x in runs:
        for k, v in x["fields"].items():
            fields[k] = [fields[k][0] + v["tp"], fields[k][1] + v["fp"], fields[k][2] + v["fn"]]
    out["fields_summed_over_splits"] = {k: dict(zip(("tp", "fp", "fn"), v, strict=True)) for k, v in fields.items()}
    return out


#: the shares of ``scorer``'s ``contested_by_linking`` summarised over the splits, and its counts averaged
LINKING_SHARES = {"differing": ("linked_share", "linked_right_share"), "agreeing": ("linked_share", "linked_false_flags")}
LINKING_COUNTS = {"differing": ("pairs", "right", "linked", "linked_right", "missed", "missed_not_linked", "missed_linked"),
                  "agreeing": ("pairs", "flagged", "linked", "linked_flagged", "flagged_not_linked")}


def linking_summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The contested fields out of fold on the pairs each split's linker linked (decision 4 of
    ``docs/decisions.md``): per kind of same pair (differing, agreeing), each share of
    ``contested_by_linking`` as mean, sd, min and max over the splits (a share with no pair
    counts as 0, as ``summary`` does), and each count's mean per split."""
    out: dict[str, Any] = {}
    for kind, shares in LINKING_SHARES.items():
        blocks = [x["contested_by_linking"][kind] for x in runs]
        entry: dict[str, Any] = {}
        for name in shares:
            values = [float(b[name] or 0.0) for b in blocks]
            entry[name] = {"mean": round(statistics.mean(values), 3),
                           "sd": round(statistics.stdev(values), 3) if len(values) > 1 else 0.0,
                           "min": min(values), "max": max(values)}
        entry["per_split"] = {name: round(statistics.mean(b[name] for b in blocks), 2) for name in LINKING_COUNTS[kind]}
        out[kind] = entry
    return out


def paired_differences(on: list[dict[str, Any]], off: list[dict[str, Any]]) -> dict[str, Any]:
    """Per figure, the per-split differences ``on`` minus ``off`` (the same folds), their mean and sd."""
    out: dict[str, Any] = {}
    for name in ("f1", "precision", "recall", "contested_right", "false_flags"):
        diffs = [round(float(a.get(name) or 0.0) - float(b.get(name) or 0.0), 4) for a, b in zip(on, off, strict=True)]
        out[name] = {"per_split": diffs, "mean": round(statistics.mean(diffs), 4),
                     "sd": round(statistics.stdev(diffs), 4) if len(diffs) > 1 else 0.0}
    return out


#: the causes ``causes`` counts: the linker's (the pair not linked) or the reading's (linked, versions wrong)
CAUSES = ("not linked", "linked, no field flagged", "linked, wrong field only", "false flag")


def causes(rows: list[dict[str, Any]], splits: int) -> dict[str, dict[str, Any]]:
    """The tune same pairs' contested errors by cause, from ``out_of_fold``'s rows: a differing
    pair with no right field flagged is *not linked* (a linking error) or linked with *no field
    flagged* or a *wrong field only* (reading errors: linked, the versions read wrong); an
    agreeing pair with any flag is a *false flag* (it can only be linked). Per cause: the mean
    number of pairs per split and, per pair ("a/b" by row reference), in how many splits."""
    out: dict[str, dict[str, Any]] = {c: {"per_split": 0.0, "pairs": {}} for c in CAUSES}
    for row in rows:
        gold, flagged = set(row["gold"]), set(row["flagged"])
        if gold and gold & flagged or not gold and not flagged:
            continue
        if not gold:
            cause = "false flag"
        elif not row["linked"]:
            cause = "not linked"
        else:
            cause = "linked, wrong field only" if flagged else "linked, no field flagged"
        key = f"{str(row['a']).split('#')[-1]}/{str(row['b']).split('#')[-1]}"
        out[cause]["pairs"][key] = out[cause]["pairs"].get(key, 0) + 1
    for entry in out.values():
        entry["per_split"] = round(sum(entry["pairs"].values()) / max(splits, 1), 2)
        entry["pairs"] = dict(sorted(entry["pairs"].items()))
    return out


#: the modules whose named parameters ``--set`` and ``--set-on`` may set, looked up in this order
#: (``blocking.UNRESOLVED_FINE``, incidents53: the place reading of the whole linker)
SETTABLE = (contested_module, blocking)


def settable(name: str) -> Any:
    """The module of ``SETTABLE`` that has the parameter ``name``."""
    found = next((m for m in SETTABLE if hasattr(m, name)), None)
    if found is None:
        raise SystemExit(f"--set: neither sitrep.incidents.contested nor sitrep.incidents.blocking has {name}")
    return found


#: ``Settings`` fields ``--set-on`` may also set (``rollup_headline``, figs1): the "on" run reads
#: the shipped settings with the field replaced
SETTINGS_FIELDS = frozenset(f.name for f in dataclasses.fields(Settings))


def parse_setting(item: str) -> tuple[str, Any]:
    """``NAME=VALUE`` (``--set``, ``--set-on``): a named parameter of ``sitrep.incidents.contested``
    (or of ``sitrep.incidents.blocking``: ``SETTABLE``; for ``--set-on`` also a ``Settings`` field,
    ``SETTINGS_FIELDS``) and its value (True, False, or a float such as inf)."""
    name, value = item.split("=", 1)
    if name not in SETTINGS_FIELDS:
        settable(name)
    return name, value == "True" if value in ("True", "False") else float(value)


def add_oof_arguments(ap: argparse.ArgumentParser) -> None:
    """The options every out-of-fold linker study shares: the store, the gold pairs, folds, repeats, rounds."""
    ap.add_argument("--db", required=True)
    ap.add_argument("--pairs", default=str(REPO / "benchmarks" / "data" / "fakes_incident_pairs.jsonl"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=3)


def mean_weights(fits: list[dict[str, float]]) -> dict[str, float]:
    """Each feature's mean weight over the fold fits (``out_of_fold``'s ``weights_out``)."""
    return {n: round(statistics.mean(w.get(n, 0.0) for w in fits), 4) for n in fits[0]} if fits else {}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_oof_arguments(ap)
    ap.add_argument("--pairs-out", default=None)
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="set a named parameter of sitrep.incidents.contested for the run (a float, inf, True or "
                         "False): what a rule is worth, out of fold (repeatable)")
    ap.add_argument("--in-sample", action="store_true",
                    help="link with the shipped linker (fitted on every tune pair) instead: the in-sample figures "
                         "of `sitrep eval incidents`, pair by pair, for comparison")
    ap.add_argument("--features", default=None,
                    help="comma-separated features the folds fit, as the fit script's --features (default: its "
                         "DEFAULT_FEATURES); with --linker, what a fit with another input is worth out of fold")
    ap.add_argument("--linker", default=str(LINKER),
                    help="the linker file whose l2, fit weights and thresholds the folds use (default: the shipped one)")
    ap.add_argument("--set-on", action="append", default=[], metavar="NAME=VALUE",
                    help="as --set, for the 'on' run only: an 'on' run with --linker and main's clustering (a "
                         "parameter both ways on the same folds, the paired differences printed) (repeatable)")
    args = ap.parse_args()
    for item in args.set:
        name, value = parse_setting(item)
        setattr(settable(name), name, value)
    parsed = [parse_setting(item) for item in args.set_on]
    set_on = [(name, value) for name, value in parsed if name not in SETTINGS_FIELDS]
    fields_on = {name: value for name, value in parsed if name in SETTINGS_FIELDS}
    fit = script_module("fit_incident_linker")
    settings = load_settings()
    with Store(Path(args.db), readonly=True) as store:
        # the actors stage's mentions when either run reads fights from their sentences (battle2)
        named = bool(fields_on.get("rollup_fight_frames")) or settings.rollup_fight_frames
        docs = load_inputs(store, store.analyzed_versions(), named=named)
        sources = store.document_sources()
    pairs = read_pairs(Path(args.pairs))
    design = fit.tune_design(Path(args.pairs), docs, sources, fit.fakes_csv(None))
    tune = [p for p in pairs if p.split == "tune"]

    fold_weights: list[dict[str, float]] = []

    def run(linker: str, at: Settings = settings) -> tuple[float, str, list[dict[str, Any]], list[dict[str, Any]]]:
        l2, mode, shipped = shipped_config(Path(linker))
        runs, rows = out_of_fold(fit, docs, sources, pairs, at, shipped, l2, mode, folds=args.folds,
                                 repeats=args.repeats, rounds=args.rounds, design=design, in_sample=args.in_sample,
                                 features=args.features.split(",") if args.features else None,
                                 weights_out=fold_weights)
        return l2, mode, [score(tune, predicted)["tune"] for predicted in runs], rows

    both: dict[str, Any] = {}
    if set_on or fields_on:
        before = {name: getattr(settable(name), name) for name, _ in set_on}
        for name, value in set_on:
            setattr(settable(name), name, value)
        _, _, on, on_rows = run(args.linker, dataclasses.replace(settings, **fields_on))
        for name, value in before.items():
            setattr(settable(name), name, value)
        if args.pairs_out:
            Path(args.pairs_out + ".on").write_text("".join(json.dumps(x) + "\n" for x in on_rows), encoding="utf-8")
        both = {"switch on": {"linker": Path(args.linker).name, "set_on": args.set_on, "splits": on, **summary(on), "causes": causes(on_rows, len(on)),
                                  "contested_by_linking": linking_summary(on)}}
    l2, mode, scores, rows = run(args.linker)
    if both:
        both["paired (on minus off)"] = paired_differences(both["switch on"]["splits"], scores)
    for r, result in enumerate(scores):
        print(f"split {r}: F1 {result['f1']}, contested right {result['contested_right']} of "
              f"{result['contested_pairs']}, false flags {result['false_flags']} of {result['agreeing_pairs']}",
              file=sys.stderr)
    out: dict[str, Any] = {"config": {"set": args.set, "in_sample": args.in_sample, "l2": l2, "fit_weights": mode,
                                      "folds": args.folds, "repeats": args.repeats, "rounds": args.rounds,
                                      "features": args.features or "default", "linker": Path(args.linker).name},
                           "splits": scores, **summary(scores), "causes": causes(rows, len(scores)),
                           "contested_by_linking": linking_summary(scores),
                           "fold_weights_mean": mean_weights(fold_weights), **both}
    if args.pairs_out:
        Path(args.pairs_out).write_text("".join(json.dumps(x) + "\n" for x in rows), encoding="utf-8")
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
