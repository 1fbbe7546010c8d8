"""Stability of the learned carry under a refit, and designs that defer to the old rule (issue 12;
branch casualties29, 2026-12-05 evening).

The carry model (``scripts/train_casualty_carry.py``) is refitted whenever the casualty gold or an
upstream stage moves; three refits today flipped written probes of ``tests/test_casualties_carry.py``.
This compares, on two example sets (the tune candidates of two gold files, each read with the scope
and background models that the repository ships at the time of the run), designs of the decision:

- ``base``: the script's own (C and threshold by leave one wave out, most right);
- ``margin``: the model decides only when ``|p - threshold| >= margin``, else the old rule decides
  (``CarryCandidate.rule``); the margin chosen by leave one wave out, ties to the larger margin;
- ``logloss_C``: C chosen by the held-out log-loss (a continuous criterion), the threshold by count;
- ``logloss_C+margin``: both;
- ``pattern``: the model's probability shrunk toward the rate of tune candidates with the very same
  feature set, ``(pos + k p) / (n + k)``, ``k`` chosen by leave one wave out.

Printed per design: the settings each set chooses; the nested leave-one-wave-out estimate
(candidates right, the old rule beside it); STABILITY — how many candidates' decisions differ
between the fit on set A and the fit on set B (counted on A's candidates and on B's); the probes of
the carry tests (the figure's probability under each fit, and which probes each fit fails). Then
the probes' probability at every C of the script's grid, and the fixed-margin table. The check half
is never read.

Usage (``OMP_NUM_THREADS=1``): ``python benchmarks/casualties_carry_stability.py examples --out A.json
[--gold GOLD --wave 'wave 11:283' ...]``, once per gold file (a scratch copy with the pending waves
appended, run with the scope and background models refitted on it), then
``python benchmarks/casualties_carry_stability.py compare A.json B.json``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "src"))

import train_casualty_carry as tc  # noqa: E402

MARGINS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3)
PATTERN_K = (0.5, 1.0, 2.0, 4.0, 8.0, math.inf)
SOHR = "The Syrian Observatory for Human Rights"
LEAD = f"Shelling hits Douma. {SOHR} said 9 people were killed in the shelling of Douma on Sunday."
#: the carry probes of tests/test_casualties_carry.py (sentences written for the project) and
#: whether the figure should take the earlier source; the xfail probe is listed, not counted
PROBES = {
    "another 4 injured": (f"{LEAD} Another 4 were injured.", True),
    "And 40 (period count)": (f"Siege deaths rise. {SOHR} said hunger had killed 300 people in the besieged "
                              "town since 2013. And 40 people died in the past month of the siege.", True),
    "pronoun source": (f"Shelling hits Douma. {SOHR} reported fighting around Douma on Sunday. It said 9 "
                       "people were killed in the shelling. Another 4 were injured.", True),
    "In Daraa, 4 more (other place, day)": (f"{LEAD} In Daraa, 4 more people were killed in clashes between "
                                            "rebel groups on Monday.", False),
    "after a denial": ("Strike hits market. Nine people were killed in a strike on the market of the town on "
                       "Sunday, a monitor said. The army denied that its jets had hit the town. Four people "
                       "were injured in the market.", False),
    "separate strike (xfail)": (f"{LEAD} 4 more died in a separate strike the next day.", False),
}

Row = dict[str, Any]
Params = dict[str, float]


def decide(p: float, threshold: float, margin: float, rule: bool) -> bool:
    """The model's decision when it is at least ``margin`` from the threshold, else the old rule's."""
    return rule if abs(p - threshold) < margin else p >= threshold


def _examples(rows: Sequence[Row]) -> list[tc.Example]:
    return [tc.Example(r["group"], r["article"], r["features"], r["label"], r["rule"]) for r in rows]


def _pattern(f: dict[str, float]) -> tuple[str, ...]:
    return tuple(sorted(f))


def pattern_counts(rows: Sequence[tc.Example]) -> dict[tuple[str, ...], tuple[int, int]]:
    out: dict[tuple[str, ...], tuple[int, int]] = {}
    for r in rows:
        n, pos = out.get(_pattern(r.features), (0, 0))
        out[_pattern(r.features)] = (n + 1, pos + int(r.label))
    return out


class Fitted:
    """A design's fitted decision: the logistic model, its settings, and the pattern counts."""

    def __init__(self, rows: Sequence[tc.Example], params: Params) -> None:
        self.params = params
        self.model, _ = tc.fit(rows, params["C"])
        self.counts = pattern_counts(rows)

    def probability(self, f: dict[str, float]) -> float:
        q = self.model.probability(f)
        k = self.params.get("k", math.inf)
        n, pos = self.counts.get(_pattern(f), (0, 0))
        return q if k == math.inf or n == 0 else (pos + k * q) / (n + k)

    def __call__(self, f: dict[str, float], rule: bool) -> bool:
        return decide(self.probability(f), self.params["threshold"], self.params.get("margin", 0.0), rule)


def _held(rows: Sequence[tc.Example], c: float) -> list[tuple[tc.Example, Fitted]]:
    out: list[tuple[tc.Example, Fitted]] = []
    for g in sorted({r.group for r in rows}):
        fitted = Fitted([r for r in rows if r.group != g], {"C": c, "threshold": 0.5})
        out += [(r, fitted) for r in rows if r.group == g]
    return out


def _right(held: Sequence[tuple[tc.Example, Fitted]], threshold: float, margin: float = 0.0,
           k: float = math.inf) -> int:
    right = 0
    for r, f in held:
        f.params["k"] = k
        right += decide(f.probability(r.features), threshold, margin, r.rule) == r.label
    return right


def choose_margin(held: Sequence[tuple[tc.Example, Fitted]], threshold: float) -> float:
    """The margin with the most candidates right out of fold; ties to the larger margin."""
    return max(MARGINS, key=lambda m: (_right(held, threshold, m), m))


def ch_base(rows: Sequence[tc.Example]) -> Params:
    best, _ = tc.choose(rows)
    return {"C": best["C"], "threshold": best["threshold"]}


def ch_margin(rows: Sequence[tc.Example]) -> Params:
    p = ch_base(rows)
    return {**p, "margin": choose_margin(_held(rows, p["C"]), p["threshold"])}


def ch_logloss(rows: Sequence[tc.Example]) -> Params:
    best: tuple[tuple[float, int, float], Params] | None = None
    for c in tc.C_GRID:
        held = _held(rows, c)
        loss = -sum(math.log(max(1e-12, f.probability(r.features) if r.label else 1 - f.probability(r.features)))
                    for r, f in held) / max(1, len(held))
        for t in tc.THRESHOLDS:
            key = (-round(loss, 6), _right(held, t), t)
            if best is None or key > best[0]:
                best = (key, {"C": c, "threshold": t})
    assert best is not None
    return best[1]


def ch_logloss_margin(rows: Sequence[tc.Example]) -> Params:
    p = ch_logloss(rows)
    return {**p, "margin": choose_margin(_held(rows, p["C"]), p["threshold"])}


def ch_pattern(rows: Sequence[tc.Example]) -> Params:
    best: tuple[tuple[int, float, float], Params] | None = None
    for c in tc.C_GRID:
        held = _held(rows, c)
        for k in PATTERN_K:
            for t in tc.THRESHOLDS:
                key = (_right(held, t, 0.0, k), k, t)
                if best is None or key > best[0]:
                    best = (key, {"C": c, "threshold": t, "k": k})
    assert best is not None
    return best[1]


DESIGNS: dict[str, Callable[[Sequence[tc.Example]], Params]] = {
    "base": ch_base, "margin": ch_margin, "logloss_C": ch_logloss, "logloss_C+margin": ch_logloss_margin,
    "pattern": ch_pattern}


def nested(rows: Sequence[tc.Example], chooser: Callable[[Sequence[tc.Example]], Params]) -> dict[str, list[int]]:
    """Per wave: [design right, old rule right, candidates], settings chosen on the other waves."""
    out = {}
    for g in sorted({r.group for r in rows}, key=lambda g: (g != "early", g != "picked", g)):
        train = [r for r in rows if r.group != g]
        held = [r for r in rows if r.group == g]
        fitted = Fitted(train, chooser(train))
        out[g] = [sum(fitted(r.features, r.rule) == r.label for r in held), sum(r.rule == r.label for r in held),
                  len(held)]
    return out


def probe_candidates() -> dict[str, list[Row]]:
    """The carry candidates of each probe text (the stages up to the casualties, as sitrep runs)."""
    from sitrep.stages.casualties.lexicon import load_lexicon

    lexicon = load_lexicon()
    out: dict[str, list[Row]] = {}
    for name, (text, want) in PROBES.items():
        _, seen = tc.carry_candidates(text, "probe", "2016-10-13", lexicon)
        out[name] = [{"features": dict(c.features), "rule": c.rule, "want": want} for c in seen]
    return out


def cmd_examples(args: argparse.Namespace) -> None:
    if args.gold is not None:
        tc.GOLD = args.gold.resolve()
    extra = tuple((w.split(":")[0], int(w.split(":")[1])) for w in args.wave)
    tc.WAVE_STARTS = tc.WAVE_STARTS + extra
    rows = tc.examples(args.shared)
    data = {"gold": str(tc.GOLD), "waves": [list(w) for w in tc.WAVE_STARTS],
            "rows": [{"group": r.group, "article": r.article, "features": r.features, "label": r.label,
                      "rule": r.rule} for r in rows], "probes": probe_candidates()}
    args.out.write_text(json.dumps(data) + "\n", encoding="utf-8")
    print(json.dumps({"candidates": len(rows), "carried_in_gold": sum(r.label for r in rows)}))


def _probes(data: dict[str, Any], fitted: Fitted) -> tuple[dict[str, float], list[str]]:
    probs, fails = {}, []
    for name, cands in data["probes"].items():
        for c in cands:
            probs[name] = round(fitted.probability(c["features"]), 3)
            if fitted(c["features"], c["rule"]) != c["want"] and "xfail" not in name:
                fails.append(name)
    return probs, fails


def cmd_compare(args: argparse.Namespace) -> None:
    sets = [json.loads(p.read_text(encoding="utf-8")) for p in (args.a, args.b)]
    rows = [_examples(s["rows"]) for s in sets]
    designs = [d for d in DESIGNS if not args.design or d in args.design]
    for name in designs:
        fits = [Fitted(r, DESIGNS[name](r)) for r in rows]
        flips = [sum(fits[0](r.features, r.rule) != fits[1](r.features, r.rule) for r in rs) for rs in rows]
        out: dict[str, Any] = {"design": name, "settings": [f.params for f in fits], "decisions_flipped_A_B": flips}
        for label, s, f, rs in zip("AB", sets, fits, rows, strict=True):
            n = nested(rs, DESIGNS[name])
            out[f"nested_{label}"] = {"design_right": sum(v[0] for v in n.values()),
                                      "rule_right": sum(v[1] for v in n.values()),
                                      "candidates": sum(v[2] for v in n.values()), "per_wave": n}
            out[f"probes_{label}"], out[f"probe_fails_{label}"] = _probes(s, f)
        print(json.dumps(out), flush=True)
    for c in (*tc.C_GRID, 10.0):
        print(json.dumps({"C": c, **{f"p_{label}": _probes(s, Fitted(r, {"C": c, "threshold": 0.5}))[0]
                                     for label, s, r in zip("AB", sets, rows, strict=True)}}))
    for m in MARGINS:
        line: dict[str, Any] = {"margin": m}
        for label, s, r in zip("AB", sets, rows, strict=True):
            p = {**ch_base(r), "margin": m}
            line[f"lowo_right_{label}"] = _right(_held(r, p["C"]), p["threshold"], m)
            line[f"probe_fails_{label}"] = _probes(s, Fitted(r, p))[1]
        print(json.dumps(line))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    ex = sub.add_parser("examples")
    ex.add_argument("--out", type=Path, required=True)
    ex.add_argument("--gold", type=Path, default=None)
    ex.add_argument("--wave", action="append", default=[], help="NAME:LINE, a wave start after WAVE_STARTS")
    ex.add_argument("--shared", type=Path, default=None)
    cmp = sub.add_parser("compare")
    cmp.add_argument("a", type=Path)
    cmp.add_argument("b", type=Path)
    cmp.add_argument("--design", action="append", default=[])
    args = parser.parse_args()
    if args.cmd == "examples":
        from sitrep.datasets import fakes_data_dir
        args.shared = fakes_data_dir(args.shared, REPO)
        cmd_examples(args)
    else:
        cmd_compare(args)


if __name__ == "__main__":
    main()
