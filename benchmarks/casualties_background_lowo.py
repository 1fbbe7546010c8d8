"""Leave one wave out on the casualty gold's tune half for the background model, and a lower
background threshold for the headline-toll choice alone chosen out of fold (issue 12; branch
casualties27, 2026-12-05 evening).

The background script (`scripts/train_casualty_background.py`) chooses its settings by leave one
ARTICLE out; this reads the same pieces (each tune article parsed once, the extractor replayed with
a decider) and scores each wave with models fitted on the other waves (the waves of
`scripts/train_casualty_carry.py`'s ``WAVE_STARTS``), at the settings given (default: the shipped
model file's groups, C and threshold). Printed per wave and pooled: main-killed right (of the wave's
tune articles) for the rules alone and for the model, the model's matched-figure scope, and
main-killed when, for the headline choice only, every movable figure at P(background) >= h is
left out (h in ``HEADLINE_H``; the normal toll when nothing is left). The nested line chooses h
(or none) on the other waves by their count (ties: none, then the higher h) and scores it on the
wave. The check half is never read.

Usage: ``OMP_NUM_THREADS=1 python benchmarks/casualties_background_lowo.py [--C 0.3 --threshold 0.5]``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "src"))

import train_casualty_background as tb  # noqa: E402
import train_casualty_carry as tc  # noqa: E402

from sitrep.datasets import fakes_data_dir  # noqa: E402
from sitrep.stages.casualties.background import BACKGROUND_MODEL_PATH, keep_groups  # noqa: E402
from sitrep.stages.casualties.lexicon import load_lexicon  # noqa: E402

HEADLINE_H = (0.2, 0.3, 0.4)


def main() -> None:
    shipped = json.loads(BACKGROUND_MODEL_PATH.read_text(encoding="utf-8"))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None)
    parser.add_argument("--C", type=float, default=shipped["chosen"]["C"])
    parser.add_argument("--threshold", type=float, default=shipped["chosen"]["threshold"])
    args = parser.parse_args()
    groups = shipped["chosen"]["groups"]
    replay = tb.Replay(load_lexicon())
    arts = tb.articles(fakes_data_dir(args.shared, REPO), replay)
    lines = [json.loads(line)["document"] for line in tb.GOLD.read_text(encoding="utf-8").splitlines()]
    wave = {a.index: tc.group_of(lines.index(a.gold.document)) for a in arts}
    waves = sorted(set(wave.values()), key=lambda w: min(i for i, x in wave.items() if x == w))
    rows: dict[int, dict[str, int]] = {}
    for w in waves:
        x, y = tb.rows_of([b for b in arts if wave[b.index] != w], groups, "all")
        model = tb.fit(x, y, args.C)
        for a in (b for b in arts if wave[b.index] == w):
            ps = [model.background_probability(keep_groups(feats, groups))
                  if scope == "incident" and not feats.get("pos:sent=0") else None for scope, feats in a.seen]

            def flips(t: float, ps: list[float | None] = ps) -> frozenset[int]:
                return frozenset(i for i, p in enumerate(ps) if p is not None and p >= t)

            figures = replay.run(a.analysis, tb.flipping(flips(args.threshold)))
            o = tb.outcome(a, figures, replay)
            normal = tb.Replay.main_killed(a.analysis, figures)
            rule = tb.outcome(a, replay.run(a.analysis, tb.flipping(frozenset())), replay)
            row = {"rules": int(rule.main_ok), "model": int(o.main_ok), "scope_ok": o.scope_ok, "scope_n": o.scope_n}
            for h in HEADLINE_H:
                toll = tb.Replay.main_killed(a.analysis, replay.run(a.analysis, tb.flipping(flips(min(h, args.threshold)))))
                row[f"h{h}"] = int((toll if toll is not None else normal) == a.gold.main_killed)
            rows[a.index] = row
    print(json.dumps({"C": args.C, "threshold": args.threshold, "groups": groups}))
    for w in [*waves, "pooled"]:
        idx = [a.index for a in arts if w == "pooled" or wave[a.index] == w]
        out = {"wave": w, "articles": len(idx)}
        for k in ("rules", "model", "scope_ok", "scope_n", *(f"h{h}" for h in HEADLINE_H)):
            out[k] = sum(rows[i][k] for i in idx)
        print(json.dumps(out))
    nested = 0
    for w in waves:
        def count(key: str, inside: bool, w: str = w) -> int:
            return sum(rows[i][key] for i in rows if (wave[i] == w) == inside)
        best = max(["model", *(f"h{h}" for h in HEADLINE_H)],
                   key=lambda k: (count(k, False), k == "model", k))
        nested += count(best, True)
        print(json.dumps({"nested": w, "chosen": best, "right": count(best, True), "model": count("model", True)}))
    print(json.dumps({"nested_pooled": nested, "model_pooled": sum(r["model"] for r in rows.values()),
                      "articles": len(rows)}))


if __name__ == "__main__":
    main()
