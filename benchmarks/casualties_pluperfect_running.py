"""A running count told in the pluperfect ("Ten days of air strikes across the province had left
more than 40 civilians dead" after the lead's toll of 8): the running-count rule opened by the
pluperfect as by the perfect, measured leaving one wave out on the **tune** half of the casualty
gold (issue 12; branch casualties36, 2026-12-06 early).

main's running-count rule (``scope._running_count``) makes a killed count a ``war_total`` when it
is told in the perfect (or right after a war total), is "above the lead" (``above_lead``: 3 times
the article's lead killed toll; ``above_lead_period``: a period form at the fitted 1.27 times,
casualties35) and nothing ties it to one incident. A count in the pluperfect ("had left", "had
killed" — not backshifted by a reporting verb, ``scope_features``' ``pluperfect``) does not open
the rule, so a running count told that way stays on the incident's event. On the grown tune half
(259 articles with random wave 17) this is the only class of war totals on events (2 of 2, one
article) and one of its 13 main-killed misses (``casualties_main_misses.py``).

The switch ``scope.PLUPERFECT_RUNNING`` (default off) lets the pluperfect open the rule under its
other conditions, unchanged. It has **no fitted part** (the ratios are main's: ``ABOVE_LEAD`` and the
shipped ``PERIOD_ABOVE_LEAD`` 1.27, fitted by casualties35 on the 249 tune articles before wave
17, so out of fold for wave 17), so leaving one wave out the per-wave difference on minus off is
the out-of-fold effect. Main's model files in both runs.

**The bar (the lead's for rare classes, written and committed before the run).** The switch ships
on only if all hold, leaving one wave out over the casualty waves of the tune half:
1. the summed main-killed gain (articles right, on minus off) is > 0 and the summed reduction of
   war totals attached to an event is >= 0 (both counted per wave, then summed);
2. no wave loses a main-killed article or gains a war total on an event;
3. the pooled tune figure F1 (mentions), attribution accuracy, scope accuracy and victims accuracy
   do not fall;
4. every written probe test (``tests/test_casualties_*``, carry and scope probes among them)
   passes with the switch on (run apart: ``--probes``).
Else it ships off. The check half is never read here.

Usage: ``OMP_NUM_THREADS=1 python benchmarks/casualties_pluperfect_running.py [--shared DIR]
[--study] [--text]`` (``--study`` lists every predicted killed figure in the pluperfect with its
ratio to the lead, whether the rule could move it, predicted and gold scope; ``--text`` adds its
sentence, for the terminal only) and ``... --probes``.
"""

from __future__ import annotations

import json
import os
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "scripts"))
os.environ.setdefault("OMP_NUM_THREADS", "1")

from casualties_main_misses import (  # noqa: E402
    overlap,
    switch_study_main,
    tune_predictions,
    tune_waves,
)

from sitrep.stages.casualties import extract, scope  # noqa: E402
from sitrep.stages.casualties.scorer import GoldArticle, Predicted, score  # noqa: E402

MEASURES = ("figure_f1", "attribution_accuracy", "scope_accuracy", "victims_accuracy", "war_totals_on_incidents")


def run(shared: Path, on: bool) -> tuple[list[GoldArticle], list[Predicted], list[dict[str, Any]]]:
    """One tune run with the switch as given, and every predicted killed figure in the pluperfect."""
    seen: dict[str, tuple[Any, int | None, str]] = {}
    original = extract._neighbour_features

    def wrapped(fig: Any, figures: Any, sents: Any, lex: Any, earlier: Any, lead_killed: int | None) -> Any:
        seen[fig.id] = (fig, lead_killed, sents[fig.sent].text)
        return original(fig, figures, sents, lex, earlier, lead_killed)

    saved = scope.PLUPERFECT_RUNNING
    scope.PLUPERFECT_RUNNING = on
    extract._neighbour_features = wrapped  # type: ignore[assignment]
    try:
        gold, preds = tune_predictions(shared)
    finally:
        extract._neighbour_features = original  # type: ignore[assignment]
        scope.PLUPERFECT_RUNNING = saved
    rows: list[dict[str, Any]] = []
    for g, wave, p in zip(gold, tune_waves(), preds, strict=True):
        for c in p.casualties:
            if c.id not in seen or c.kind != "killed":
                continue
            fig, lead, sentence = seen[c.id]
            feats = fig.extra.get("features", {})
            if not feats.get("pluperfect"):
                continue
            hits = [f for f in g.figures if f.kind == c.kind and overlap((c.start, c.end), (f.start, f.end))]
            rows.append({"document": g.document, "wave": wave, "value": fig.q.value, "lead": lead,
                         "ratio": round(fig.q.value / lead, 4) if lead else None,
                         "above_lead": bool(feats.get("above_lead") or feats.get("above_lead_period")),
                         "tied": scope._tied_to_incident(feats), "predicted": c.scope,
                         "on_event": c.event is not None, "gold": hits[0].scope if hits else None,
                         "sentence": sentence})
    return gold, preds, rows


def per_wave(gold: list[GoldArticle], preds: list[Predicted], idx: list[int]) -> dict[str, int]:
    g = [gold[i] for i in idx]
    p = [preds[i] for i in idx]
    return {"main_killed": sum(a.main_killed == b.main_killed for a, b in zip(g, p, strict=True)),
            "war_on_event": int(score(g, p)["war_totals_on_incidents"])}


def lowo(shared: Path, text: bool, study_only: bool) -> None:
    gold, off, rows = run(shared, False)
    for r in rows:
        print(json.dumps({k: v for k, v in r.items() if k != "sentence"}))
        if text:
            print("   ", r["sentence"][:300].replace("\n", " "))
    if study_only:
        return
    _, on, _ = run(shared, True)
    idx: dict[str, list[int]] = defaultdict(list)
    for i, w in enumerate(tune_waves()):
        idx[w].append(i)
    gains: list[int] = []
    drops: list[int] = []
    losses: dict[str, dict[str, int]] = {}
    for w in sorted(idx):
        a, b = per_wave(gold, off, idx[w]), per_wave(gold, on, idx[w])
        gains.append(b["main_killed"] - a["main_killed"])
        drops.append(a["war_on_event"] - b["war_on_event"])
        if gains[-1] < 0 or drops[-1] < 0:
            losses[w] = {"main_killed": gains[-1], "war_on_event": -drops[-1]}
        print(json.dumps({"wave": w, "articles": len(idx[w]), "off": a, "on": b}))
    m_off, m_on = score(gold, off), score(gold, on)
    pooled = {k: [m_off[k], m_on[k]] for k in MEASURES}
    moved = [(g.document, a.main_killed, b.main_killed) for g, a, b in zip(gold, off, on, strict=True)
             if a.main_killed != b.main_killed]
    n = len(gains)
    mean = sum(gains) / n
    sd = (sum((x - mean) ** 2 for x in gains) / (n - 1)) ** 0.5 if n > 1 else 0.0
    passed = sum(gains) > 0 and sum(drops) >= 0 and not losses \
        and all(m_on[k] >= m_off[k] for k in MEASURES if k != "war_totals_on_incidents")
    print(json.dumps({"waves": n, "main_killed_off_on": [sum(a.main_killed == p.main_killed for a, p in zip(gold, ps, strict=True))
                                                          for ps in (off, on)],
                      "pooled_off_on": pooled, "moved": moved, "summed_main_killed_gain": sum(gains),
                      "per_wave_gain_mean_sd": [round(mean, 3), round(sd, 3)],
                      "summed_war_on_event_drop": sum(drops), "losses": losses, "passed_1_to_3": passed}))


def main() -> None:
    switch_study_main(__doc__, lowo, scope, "PLUPERFECT_RUNNING")


if __name__ == "__main__":
    main()
