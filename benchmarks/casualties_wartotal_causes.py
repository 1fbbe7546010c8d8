"""War-wide and campaign totals on the **tune** half of the casualty gold: where each one ends up, by
cause, and what the grown gold does to the learned war-total model out of fold (issue 12; branch
casualties33, 2026-12-05 last).

``--causes`` runs the casualties pipeline on the tune articles (the check half is never read) and
puts every gold ``war_total`` figure in one class:

* ``on an event``: a predicted figure overlaps it and sits on an event (the issue's failure);
* ``incident, no event``: scoped ``incident`` but attached to no event;
* ``background``: scoped ``background`` (kept off events, the wrong kept-apart scope);
* ``war_total``: right;
* ``not extracted``: no predicted figure of the same kind overlaps it;

and the opposite class, a gold ``incident`` figure the stage calls ``war_total`` (a single attack's
toll taken off its event). Counts by class and by wave (``scripts/train_casualty_carry.py``'s groups).

``--lowo`` fits the war-total model (``scripts/train_casualty_scope.py``'s examples, features and
fit) leaving one WAVE out: for every wave of the tune half, the model is fitted on the other waves
and scores the held-out wave's matched figures with ``ScopeModel.decide``, at every C and threshold
of the script's grid. With ``--without WAVE`` each fold is fitted a second time without that wave's
rows (the held-out wave itself is then skipped), so the wave's worth as training data is read per
held-out wave, paired. Prints JSON lines.

Usage: ``OMP_NUM_THREADS=1 python benchmarks/casualties_wartotal_causes.py --causes [--text]`` and
``... --lowo [--without "wave 15"]`` (``--text`` prints the figure's sentence: terminal only).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "scripts"))
os.environ.setdefault("OMP_NUM_THREADS", "1")

import train_casualty_scope as ts  # noqa: E402
from casualties_main_misses import overlap, tune_predictions, tune_waves  # noqa: E402
from train_casualty_carry import GOLD  # noqa: E402

from sitrep.datasets import fakes_data_dir  # noqa: E402
from sitrep.stages.casualties.scorer import read_gold  # noqa: E402


def causes(shared: Path, text: bool) -> None:
    gold, preds = tune_predictions(shared)
    waves = tune_waves()
    by_class: Counter[str] = Counter()
    by_wave: Counter[tuple[str, str]] = Counter()
    for g, wave, pred in zip(gold, waves, preds, strict=True):
        for f in g.figures:
            hits = [c for c in pred.casualties if c.kind == f.kind and overlap((c.start, c.end), (f.start, f.end))]
            if f.scope == "war_total":
                if not hits:
                    cls = "not extracted"
                elif any(c.event is not None for c in hits):
                    cls = "on an event"
                elif hits[0].scope == "incident":
                    cls = "incident, no event"
                else:
                    cls = hits[0].scope
            elif f.scope == "incident" and any(c.scope == "war_total" for c in hits):
                cls = "opposite: an incident figure read as war_total"
            else:
                continue
            by_class[cls] += 1
            by_wave[(wave, cls)] += 1
            if cls != "war_total":
                row: dict[str, Any] = {"class": cls, "wave": wave, "document": g.document, "figure": [f.start, f.end],
                                       "value": f.value, "gold_scope": f.scope}
                if text and hits:
                    row["sentence"] = hits[0].evidence.text
                print(json.dumps(row, ensure_ascii=False))
    print(json.dumps({"tune_articles": len(gold), "by_class": dict(by_class.most_common()),
                      "by_wave": {f"{w} / {c}": n for (w, c), n in sorted(by_wave.items())}}))


def _score(held: list[tuple[ts.Example, Any]]) -> dict[str, Any]:
    return {"figures": len(held), "right": sum(d == r[2] for r, d in held),
            "war_total_as_incident": sum(r[2] == "war_total" and d == "incident" for r, d in held),
            "false_war_total": sum(r[2] != "war_total" and d == "war_total" for r, d in held)}


def lowo(shared: Path, without: str | None, show: tuple[float, float] | None = None) -> None:
    rows = ts.examples(shared)
    waves = tune_waves()
    docs = [g.document for g in read_gold(GOLD, split="tune")]
    names = sorted({waves[r[0]] for r in rows}, key=lambda w: min(r[0] for r in rows if waves[r[0]] == w))
    for c in ts.C_GRID:
        fitted: dict[str, tuple[Any, Any]] = {}
        for w in names:
            if w == without:
                continue
            base = ts.fit([r for r in rows if waves[r[0]] != w], c)
            less = ts.fit([r for r in rows if waves[r[0]] not in (w, without)], c) if without else None
            fitted[w] = (base, less)
        for t in ts.THRESHOLDS:
            per: list[dict[str, Any]] = []
            for w, (base, less) in fitted.items():
                held = [r for r in rows if waves[r[0]] == w]
                one = _score([(r, ts.as_model(base, t).decide(r[1])) for r in held])
                out = {"wave": w, **one}
                if less is not None:
                    two = _score([(r, ts.as_model(less, t).decide(r[1])) for r in held])
                    out["without"] = two
                    out["delta_right"] = one["right"] - two["right"]
                per.append(out)
                if show == (c, t):
                    print(json.dumps({"C": c, "threshold": t, **out}))
                    for r in held:
                        d = ts.as_model(base, t).decide(r[1])
                        if (r[2] == "war_total") != (d == "war_total"):
                            print(json.dumps({"wave": w, "document": docs[r[0]], "gold": r[2], "decided": d,
                                              "p": round(ts.as_model(base, t).war_total_probability(r[1]), 3),
                                              "features": sorted(k for k, v in r[1].items() if v)}))
            pooled = {k: sum(p[k] for p in per) for k in ("figures", "right", "war_total_as_incident",
                                                          "false_war_total")}
            line: dict[str, Any] = {"C": c, "threshold": t, **pooled,
                                    "scope_accuracy": round(pooled["right"] / pooled["figures"], 4)}
            if without:
                deltas = [p["delta_right"] for p in per]
                line.update({"without": {k: sum(p["without"][k] for p in per) for k in
                                         ("right", "war_total_as_incident", "false_war_total")},
                             "delta_right_per_wave": deltas, "delta_mean": round(statistics.mean(deltas), 3),
                             "delta_sd": round(statistics.stdev(deltas), 3)})
            print(json.dumps(line))
    print(json.dumps({"examples": len(rows), "war_total": sum(r[2] == "war_total" for r in rows),
                      "waves": {w: sum(1 for r in rows if waves[r[0]] == w) for w in names}}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None)
    parser.add_argument("--causes", action="store_true")
    parser.add_argument("--text", action="store_true", help="print each figure's sentence (terminal only)")
    parser.add_argument("--lowo", action="store_true")
    parser.add_argument("--without", default=None, help='a wave name ("wave 15") fitted out, paired, in --lowo')
    parser.add_argument("--show", default=None, help="C:THRESHOLD: per wave, and each held-out war-total error")
    args = parser.parse_args()
    shared = fakes_data_dir(args.shared, REPO)
    if args.causes:
        causes(shared, args.text)
    if args.lowo:
        c, t = (float(x) for x in args.show.split(":")) if args.show else (0.0, 0.0)
        lowo(shared, args.without, (c, t) if args.show else None)


if __name__ == "__main__":
    main()
