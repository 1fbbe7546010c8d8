"""Contested fields on the tune pairs of the check half's own strata, out of fold (issue 11).

The contested-field figures of ``sitrep eval incidents`` on the tune half (contested right, false
flags, per-field tp / fp / fn) pool every tune same pair, most of them from waves drawn where the
linker is hard (``fit_incident_linker.OUTSIDE``). This reads the out-of-fold rows of
``benchmarks/incidents_contested_oof.py --repeats R --pairs-out FILE`` (each fold refitted as
shipped; one row per tune same pair and split) and gives, per stratum group — the check half's own
strata (``fit_incident_linker.CHECK_STRATA``, drawn as whole rings: *untargeted*), the tune-only
waves (*targeted*) and all tune pairs:

- per split, contested right, false flags and per-field tp / fp / fn; their mean and sd;
- the spread when the incidents are resampled (``BOOT`` draws of the group's distinct gold
  incidents with replacement, ``random.Random(SEED)``), a pair counted right / flagged when it is
  in most splits (as ``incident_pairs_untargeted.py`` does for recall);
- every missed gold field by cause, per field: *not linked* (the pair is not linked, so no field
  can be read), *linked, flag missed* (linked, the field not flagged) — and every flagged field the
  gold does not give, per field: *false flag* (on a pair whose reports agree) or *extra field* (on a
  differing pair, beside or instead of its gold fields); mean pairs per split;
- the listing of the flagged fields the gold does not give (pair, stratum group, splits, the
  versions read and the gold's incident and note), for classing the false flags by hand.

Only ``"split": "tune"`` pairs are read; never the check half.

    python benchmarks/incidents_contested_strata.py --rows FILE [--pairs GOLD] [--fakes CSV]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import statistics
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

import fit_incident_linker as fit  # noqa: E402

SEED = 57
BOOT = 2000
FIELDS = ("casualties", "blame", "occurred", "victims", "place", "date")
GROUPS = ("untargeted", "targeted", "all")


@dataclass(frozen=True, slots=True)
class PairRow:
    """One tune same pair's out-of-fold reading in one split."""

    split: int
    key: tuple[str, str]
    group: str  #: "untargeted" (a check stratum) or "targeted" (a tune-only wave)
    incident: str
    gold: frozenset[str]
    linked: bool
    flagged: frozenset[str]
    versions: dict[str, list[str]] = field(default_factory=dict)
    gold_numbers: frozenset[str] = frozenset()  #: the numbers of the gold's casualty versions


_NUMBER = re.compile(r"\b\d+\b")


def figures_met(row: PairRow) -> bool:
    """Whether a casualty version read for the pair gives a number its gold versions give (a rough
    test of the versions, not only the field: "killed 12 (OCHA)" against the gold's "12 dead")."""
    read = {n for v in row.versions.get("casualties", ()) for n in _NUMBER.findall(v.rsplit("[", 1)[0])}
    return bool(read & row.gold_numbers)


@dataclass(slots=True)
class Tally:
    """Contested counts over one set of pair rows."""

    differ: int = 0
    right: int = 0
    agree: int = 0
    flagged: int = 0
    linked_differ: int = 0
    linked_agree: int = 0
    extra: int = 0  #: linked differing pairs with a field flagged that the gold does not give
    unlike: int = 0  #: casualties flagged right with no figure of the gold's versions
    fields: dict[str, list[int]] = field(default_factory=lambda: {f: [0, 0, 0] for f in FIELDS})
    causes: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, row: PairRow) -> None:
        if row.gold:
            self.differ += 1
            self.right += bool(row.gold & row.flagged)
            self.linked_differ += row.linked
            self.extra += bool(row.flagged - row.gold)
        else:
            self.agree += 1
            self.flagged += bool(row.flagged)
            self.linked_agree += row.linked
        self.unlike += "casualties" in row.gold & row.flagged and not figures_met(row)
        for name in FIELDS:
            g, p = name in row.gold, name in row.flagged
            self.fields[name][0] += g and p
            self.fields[name][1] += p and not g
            self.fields[name][2] += g and not p
            if g and not p:
                self.causes[(name, "linked, flag missed" if row.linked else "not linked")] += 1
            elif p and not g:
                self.causes[(name, "extra field" if row.gold else "false flag")] += 1

    def rates(self) -> dict[str, float | None]:
        return {"contested_right": self.right / self.differ if self.differ else None,
                "false_flags": self.flagged / self.agree if self.agree else None}


def load_rows(path: Path, gold: dict[frozenset[str], dict], rows: dict[int, fit.RowMeta]) -> list[PairRow]:
    """The ``--pairs-out`` rows of ``incidents_contested_oof.py``, each with its stratum group and gold incident."""

    def meta(ref: str) -> fit.RowMeta | None:
        match = fit.FAKES_REF.search(ref)
        return rows.get(int(match.group(1))) if match else None

    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        record = gold[frozenset((r["a"], r["b"]))]
        group = "untargeted" if fit.stratum(meta(r["a"]), meta(r["b"])) in fit.CHECK_STRATA else "targeted"
        told = json.dumps((record.get("versions") or {}).get("casualties") or {})
        out.append(PairRow(int(r["split"]), (r["a"], r["b"]), group, record.get("incident") or "",
                           frozenset(r["gold"]), bool(r["linked"]), frozenset(r["flagged"]), r.get("versions") or {},
                           frozenset(_NUMBER.findall(told))))
    return out


def in_group(row: PairRow, group: str) -> bool:
    return group == "all" or row.group == group


def spread(values: Sequence[float]) -> dict[str, float]:
    return {"mean": round(statistics.mean(values), 4), "sd": round(statistics.stdev(values), 4) if len(values) > 1 else 0.0,
            "min": round(min(values), 4), "max": round(max(values), 4)}


def per_split(rows: Sequence[PairRow], group: str) -> dict[str, object]:
    """Per split: the group's tally; over splits: the rates' spread, fields summed, causes per split."""
    splits = sorted({r.split for r in rows})
    tallies = []
    for s in splits:
        t = Tally()
        for r in rows:
            if r.split == s and in_group(r, group):
                t.add(r)
        tallies.append(t)
    first = tallies[0]
    causes: Counter[tuple[str, str]] = Counter()
    fields = {f: [0, 0, 0] for f in FIELDS}
    for t in tallies:
        causes.update(t.causes)
        for f in FIELDS:
            fields[f] = [a + b for a, b in zip(fields[f], t.fields[f], strict=True)]
    return {
        "differing_pairs": first.differ, "agreeing_pairs": first.agree,
        "right_per_split": [t.right for t in tallies], "flagged_per_split": [t.flagged for t in tallies],
        "linked_differing_per_split": [t.linked_differ for t in tallies],
        "linked_agreeing_per_split": [t.linked_agree for t in tallies],
        "differing_with_extra_field_per_split": [t.extra for t in tallies],
        "casualties_right_field_no_gold_figure_per_split": [t.unlike for t in tallies],
        "contested_right": spread([t.rates()["contested_right"] or 0.0 for t in tallies]),
        "false_flags": spread([t.rates()["false_flags"] or 0.0 for t in tallies]),
        "fields_per_split_mean": {f: dict(zip(("tp", "fp", "fn"), (round(x / len(splits), 2) for x in v), strict=True))
                                  for f, v in fields.items() if any(v)},
        "causes_per_split_mean": {f"{f}: {c}": round(n / len(splits), 2) for (f, c), n in sorted(causes.items())},
    }


def majority(rows: Sequence[PairRow]) -> dict[tuple[str, str], tuple[bool, bool]]:
    """Per pair: (right in most splits, flagged in most splits)."""
    by: dict[tuple[str, str], list[PairRow]] = defaultdict(list)
    for r in rows:
        by[r.key].append(r)
    out: dict[tuple[str, str], tuple[bool, bool]] = {}
    for key, rs in by.items():
        right = sum(bool(r.gold & r.flagged) for r in rs) * 2 > len(rs)
        flagged = sum(bool(r.flagged) for r in rs) * 2 > len(rs)
        out[key] = (right, flagged)
    return out


def bootstrap(rows: Sequence[PairRow], group: str, seed: int = SEED, draws: int = BOOT) -> dict[str, list[float]]:
    """95 % intervals of contested right and false flags over ``draws`` resamples of the group's
    gold incidents (a pair right / flagged when it is in most splits)."""
    mine = [r for r in rows if in_group(r, group)]
    votes = majority(mine)
    first = {r.key: r for r in mine}
    by: dict[str, list[tuple[bool, bool, bool]]] = defaultdict(list)  # incident -> (differs, right, flagged)
    for key, r in first.items():
        right, flagged = votes[key]
        by[r.incident].append((bool(r.gold), right, flagged))
    incidents = sorted(by)
    rng = random.Random(seed)
    rights, flags = [], []
    for _ in range(draws):
        drawn = [p for _ in incidents for p in by[rng.choice(incidents)]]
        differ = [p for p in drawn if p[0]]
        agree = [p for p in drawn if not p[0]]
        if differ:
            rights.append(sum(p[1] for p in differ) / len(differ))
        if agree:
            flags.append(sum(p[2] for p in agree) / len(agree))

    def interval(xs: list[float]) -> list[float]:
        xs.sort()
        return [round(xs[int(0.025 * len(xs))], 3), round(xs[int(0.975 * len(xs)) - 1], 3)] if xs else []

    return {"incidents": [len(incidents)], "contested_right_95": interval(rights), "false_flags_95": interval(flags)}


def upper_bound(k: int, n: int, alpha: float = 0.05) -> float:
    """The one-sided ``1 - alpha`` Clopper-Pearson upper bound of a rate seen ``k`` times in ``n``
    (bisection on the binomial tail: the largest p with P(X <= k | n, p) >= alpha)."""
    if n == 0 or k >= n:
        return 1.0
    low, high = k / n, 1.0
    for _ in range(60):
        mid = (low + high) / 2
        tail = sum(math.comb(n, i) * mid**i * (1 - mid) ** (n - i) for i in range(k + 1))
        low, high = (mid, high) if tail >= alpha else (low, mid)
    return low


def flagged_incidents(rows: Sequence[PairRow], group: str) -> dict[str, object]:
    """False flags counted by gold incident (an incident flagged when any of its agreeing pairs is
    flagged in most splits) with the one-sided 95 % upper bound: the pairs of one incident are not
    independent draws, so the incidents are the sample size."""
    mine = [r for r in rows if in_group(r, group) and not r.gold]
    votes = majority(mine)
    by: dict[str, bool] = {}
    for r in mine:
        by[r.incident] = by.get(r.incident, False) or votes[r.key][1]
    k, n = sum(by.values()), len(by)
    return {"flagged_incidents": k, "agreeing_incidents": n, "upper_95": round(upper_bound(k, n), 3)}


#: incident sizes (the gold incident's tune same pairs) by which ``by_size`` buckets the pairs
SIZES = ((1, 1), (2, 5), (6, 10_000))


def by_size(rows: Sequence[PairRow], group: str) -> dict[str, dict[str, object]]:
    """Contested right and false flags (a pair right / flagged in most splits) by the size of the
    pair's gold incident (how many tune same pairs name it): do large incidents read worse?"""
    mine = [r for r in rows if in_group(r, group)]
    votes = majority(mine)
    first = {r.key: r for r in mine}
    size = Counter(r.incident for r in first.values())
    out: dict[str, dict[str, object]] = {}
    for low, high in SIZES:
        keys = [k for k, r in first.items() if low <= size[r.incident] <= high]
        differ = [k for k in keys if first[k].gold]
        agree = [k for k in keys if not first[k].gold]
        out[f"{low}-{high}" if high < 10_000 else f"{low}+"] = {
            "incidents": len({first[k].incident for k in keys}),
            "right": f"{sum(votes[k][0] for k in differ)} of {len(differ)}",
            "flagged": f"{sum(votes[k][1] for k in agree)} of {len(agree)}",
            "agreeing_incidents": len({first[k].incident for k in agree})}
    return out


def extra_fields(rows: Sequence[PairRow], gold: dict[frozenset[str], dict]) -> list[dict[str, object]]:
    """Every flagged field the gold does not give, per pair and field: in how many splits, the
    versions read (first split that flags it) and the gold's incident and note."""
    seen: dict[tuple[tuple[str, str], str], dict[str, object]] = {}
    for r in rows:
        for f in sorted(r.flagged - r.gold):
            entry = seen.setdefault((r.key, f), {
                "pair": "/".join(x.split("#")[-1] for x in r.key), "field": f, "group": r.group,
                "gold": sorted(r.gold), "splits": 0, "versions": r.versions.get(f),
                "held": r.versions.get("_held"), "incident": r.incident,
                "note": gold[frozenset(r.key)].get("note")})
            entry["splits"] = int(entry["splits"]) + 1  # type: ignore[call-overload]
    return list(seen.values())


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", required=True, help="--pairs-out file of benchmarks/incidents_contested_oof.py")
    ap.add_argument("--pairs", default=str(REPO / "benchmarks" / "data" / "fakes_incident_pairs.jsonl"))
    ap.add_argument("--fakes", default=None, help="the FA-KES CSV (default: the shared data's)")
    args = ap.parse_args(argv)
    records = [json.loads(line) for line in Path(args.pairs).read_text(encoding="utf-8").splitlines() if line.strip()]
    gold = {frozenset((r["a"], r["b"])): r for r in records if r["split"] == "tune"}
    rows = load_rows(Path(args.rows), gold, fit.fakes_rows(fit.fakes_csv(args.fakes)))
    out = {group: {**per_split(rows, group), "incident_bootstrap": bootstrap(rows, group),
                   "by_incident_size": by_size(rows, group),
                   "false_flags_by_incident": flagged_incidents(rows, group)} for group in GROUPS}
    out["extra_fields"] = extra_fields(rows, gold)
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
