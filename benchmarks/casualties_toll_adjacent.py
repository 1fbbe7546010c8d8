"""A count right after a toll's verb of increase read as the toll's value
(``figures.TOLL_ADJACENT``), measured leave one wave out on the tune half of the casualty gold
(issue 12; branch casualties47, 2026-12-06 late).

**The bar (written and committed before the deciding run; the lead's brief).** Waves are the 21
groups of ``scripts/train_casualty_carry.py``'s ``WAVE_STARTS`` on the tune half. The switch feeds
the learned scope and background models (its figures are theirs to scope), so on each side (off,
on) both models are **refitted without the held-out wave** (at the shipped files' C, threshold,
groups and training rows, as ``casualties_mechanisms.py`` does) and applied to it; the carry model
is the shipped one (it decides only sources). The headline toll is ``record.headline_toll``.

* Primary: the mean per-wave main-killed gain (on − off, articles, one value per wave, 21 waves)
  is larger than its sample sd.
* The class sits in fewer than half the waves (the count of ``casualties_toll_phrasings.py``:
  the tune killed tolls not read after a toll noun's verb of increase lie in 2 of 21 waves), so a
  mean can never clear its sd; then the **rare-class bar** of ``casualties35`` applies instead:
  (1) the summed leave-one-wave-out main-killed gain is > 0; (2) no wave loses a main-killed
  article and no wave gains a war total on an event (leave one wave out); (3) pooled tune figure
  F1 and attribution accuracy (the eval's, shipped models) do not fall by more than 0.005, and
  the pooled war totals on events are not higher; (4) every written casualty probe test
  (``tests/test_casualties_*.py``) passes with the switch on.

Passes → ``TOLL_ADJACENT = True``; else it stays off. The check half is never read here.

Usage: ``OMP_NUM_THREADS=1 python benchmarks/casualties_toll_adjacent.py [--shared DIR] [--no-probes]``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "benchmarks"))
os.environ.setdefault("OMP_NUM_THREADS", "1")

import train_casualty_background as tb  # noqa: E402
import train_casualty_carry as tc  # noqa: E402
import train_casualty_scope as ts  # noqa: E402
from casualties_main_misses import run_probes  # noqa: E402
from casualties_mechanisms import scope_rows  # noqa: E402

from sitrep.datasets import FAKES_CSV, fakes_data_dir  # noqa: E402
from sitrep.evaluation.runner import GoldText, run_documents  # noqa: E402
from sitrep.pipeline import build_pipeline  # noqa: E402
from sitrep.stages.casualties import figures  # noqa: E402
from sitrep.stages.casualties.background import BACKGROUND_MODEL_PATH, BackgroundModel  # noqa: E402
from sitrep.stages.casualties.carry import load_carry_model  # noqa: E402
from sitrep.stages.casualties.lexicon import load_lexicon  # noqa: E402
from sitrep.stages.casualties.scope_model import MODEL_PATH  # noqa: E402
from sitrep.stages.casualties.scorer import (  # noqa: E402
    _match,
    predictions,
    read_fakes_texts,
    read_gold,
    score,
)
from sitrep.stages.casualties.stage import extract_from  # noqa: E402


def relabel(arts: list[tb.Article], replay: tb.Replay) -> list[tb.Article]:
    """The articles' rule scopes, background features and gold labels under the current switch
    (as ``train_casualty_background.articles``, on the parse already made)."""
    out = []
    for a in arts:
        seen: list[tuple[str, dict[str, float]]] = []

        def record(scope: str, feats: dict[str, float], seen: list[tuple[str, dict[str, float]]] = seen) -> str:
            seen.append((scope, dict(feats)))
            return scope

        found = tb.Replay.raw(a.analysis, replay.run(a.analysis, record))
        labels: list[str | None] = [None] * len(found)
        for f in a.gold.figures:
            m = _match(f, found)
            if m is not None:
                labels[found.index(m)] = f.scope
        out.append(tb.Article(a.index, a.gold, a.analysis, seen, labels))
    return out


def lowo(arts: list[tb.Article], wave: dict[int, str], waves: list[str], lexicon: Any) -> dict[int, tuple[int, int]]:
    """Per article: (main-killed right, war totals on events), both models refitted without its wave."""
    bg = json.loads(BACKGROUND_MODEL_PATH.read_text(encoding="utf-8"))["chosen"]
    sc = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    carry = load_carry_model()
    assert carry is not None
    srows = scope_rows(arts, lexicon)
    out: dict[int, tuple[int, int]] = {}
    for w in waves:
        x, y = tb.rows_of([b for b in arts if wave[b.index] != w], bg["groups"], bg["train_on"])
        fitted = tb.fit(x, y, bg["C"])
        back = BackgroundModel(fitted.weights, fitted.intercept, bg["threshold"])
        train = [(0, f, s) for b in arts if wave[b.index] != w for f, s in srows[b.index]]
        scope_m = ts.as_model(ts.fit(train, sc["C"]), sc["threshold"])
        for a in (b for b in arts if wave[b.index] == w):
            figs = extract_from(a.analysis, lexicon, scope=scope_m.decide, background=back.decide,
                                carry=carry.decide).casualties
            raw = tb.Replay.raw(a.analysis, figs)
            war = sum(1 for c in raw if c.event is not None and any(
                f.scope == "war_total" and c.start < f.end and f.start < c.end for f in a.gold.figures))
            out[a.index] = (int(tb.Replay.main_killed(a.analysis, figs) == a.gold.main_killed), war)
    return out


def pooled(shared: Path) -> dict[str, Any]:
    """The eval's tune metrics under the current switch (shipped models)."""
    gold = read_gold(tb.GOLD, split="tune")
    texts = read_fakes_texts(gold, shared / FAKES_CSV)
    run = run_documents(build_pipeline(only=["casualties"]),
                        [GoldText(g.document, t, g.published) for g, t in zip(gold, texts, strict=True)])
    return score(gold, predictions(run.analyses))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None)
    parser.add_argument("--no-probes", action="store_true")
    args = parser.parse_args()
    shared = fakes_data_dir(args.shared, REPO)
    lexicon = load_lexicon()
    replay = tb.Replay(lexicon)
    figures.TOLL_ADJACENT = False
    arts = tb.articles(shared, replay)
    lines = [json.loads(line)["document"] for line in tb.GOLD.read_text(encoding="utf-8").splitlines()]
    wave = {a.index: tc.group_of(lines.index(a.gold.document)) for a in arts}
    waves = sorted(set(wave.values()), key=lambda w: min(i for i, x in wave.items() if x == w))
    result: dict[str, Any] = {}
    for on in (False, True):
        figures.TOLL_ADJACENT = on
        side = relabel(arts, replay) if on else arts
        result[on] = {"lowo": lowo(side, wave, waves, lexicon), "pooled": pooled(shared)}
    figures.TOLL_ADJACENT = False
    gains, war_up, lost = [], 0, 0
    for w in waves:
        idx = [a.index for a in arts if wave[a.index] == w]
        off = [result[False]["lowo"][i] for i in idx]
        on_ = [result[True]["lowo"][i] for i in idx]
        gain = sum(r for r, _ in on_) - sum(r for r, _ in off)
        dwar = sum(x for _, x in on_) - sum(x for _, x in off)
        gains.append(gain)
        war_up += dwar > 0
        lost += gain < 0
        print(json.dumps({"wave": w, "articles": len(idx), "off": sum(r for r, _ in off),
                          "on": sum(r for r, _ in on_), "gain": gain, "war_totals_change": dwar}))
    for i in sorted(result[False]["lowo"]):
        if result[False]["lowo"][i] != result[True]["lowo"][i]:
            a = arts[i]
            print(json.dumps({"moved": a.gold.document, "wave": wave[i], "off": result[False]["lowo"][i],
                              "on": result[True]["lowo"][i]}))
    keys = ("figure_f1", "figure_precision", "figure_recall", "attribution_accuracy", "war_totals_on_incidents",
            "main_killed_accuracy", "scope_accuracy")
    p_off, p_on = result[False]["pooled"], result[True]["pooled"]
    print(json.dumps({"pooled_off": {k: p_off.get(k) for k in keys}, "pooled_on": {k: p_on.get(k) for k in keys}}))
    mean, sd = statistics.mean(gains), statistics.stdev(gains)
    probes = 0 if args.no_probes else run_probes(figures, "TOLL_ADJACENT")
    bar = {"mean_gain": round(mean, 4), "sd": round(sd, 4), "primary_mean_gt_sd": mean > sd,
           "summed_gain": sum(gains), "waves_losing": lost, "waves_war_up": war_up,
           "f1_drop_ok": p_on["figure_f1"] >= p_off["figure_f1"] - 0.005,
           "attribution_drop_ok": p_on["attribution_accuracy"] >= p_off["attribution_accuracy"] - 0.005,
           "war_totals_ok": p_on["war_totals_on_incidents"] <= p_off["war_totals_on_incidents"],
           "probes_exit": None if args.no_probes else probes}
    bar["rare_class_bar_passes"] = (bar["summed_gain"] > 0 and lost == 0 and war_up == 0 and bar["f1_drop_ok"]
                                    and bar["attribution_drop_ok"] and bar["war_totals_ok"] and probes == 0)
    print(json.dumps(bar))


if __name__ == "__main__":
    main()
