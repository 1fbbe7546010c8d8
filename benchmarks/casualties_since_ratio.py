"""A count bounded by a period of days after the lead ("killing at least 16 people since Thursday"
after a day's toll of 8): the ratio to the lead's toll from which it is a running total, fitted and
measured leaving one wave out on the **tune** half of the casualty gold (issue 12; branch
casualties35, 2026-12-06 night).

main's running-count rule (``scope._running_count``) makes a count in the perfect (or right after a
war total) with nothing tying it to one incident a ``war_total`` when it is at least
``extract.ABOVE_LEAD`` = 3 times the article's lead killed toll. The 3 is a hand number (commit
``42d0122``, no fitting script). For a count bounded by a period of days (``extract.PERIOD_FORMS``:
"since <day>", "over the past N days", "in the last week") a running count includes the lead's day,
so any ratio above 1 may be one. The switch ``extract.PERIOD_RATIO`` adds the feature
``above_lead_period`` (a killed count of such a form at least ``PERIOD_ABOVE_LEAD`` times the lead's
toll), which the same rule reads beside ``above_lead``. The scope and background models never read
the new feature (it has no weight in the scope model; the background model reads a fixed list), so
no model's input moves.

**The fit** (``fit_ratio``): the candidates are the tune figures the rule could move — killed, of a
period form, in the perfect or after a war total, not tied to an incident (``scope._tied_to_incident``),
a lead toll known, ratio to it above 1 — with their gold scope (main's code, switch off). The cut
lies between 1 and ``ABOVE_LEAD``, at a gap between consecutive candidate ratios: the fewest
candidates on the wrong side (a gold ``war_total`` below the cut, another scope at or above it),
then the widest gap (in log ratio), then the higher cut; the cut is the geometric middle of the
gap. With no gold running total of the form between 1 and 3 the cut stays at 3 (main).

**Leave one wave out** (``train_casualty_carry.group_of``'s waves of the tune rows): for each wave
the ratio is fitted on the other waves' candidates, and the held-out wave is scored by the whole
casualties pipeline run with that ratio (one tune run per distinct ratio; each wave read from the
run of its own fold's ratio).

**The bar (the lead's for rare classes, written and committed before the run).** The switch ships
on only if all hold, leaving one wave out over the casualty waves:
1. the summed main-killed gain (articles right, on minus off) is > 0 and the summed reduction of
   war totals attached to an event is > 0;
2. no wave loses a main-killed article or gains a war total on an event;
3. the pooled tune figure F1 (mentions) and attribution accuracy do not fall;
4. every written probe test (``tests/test_casualties_*``) passes with the switch on (run apart:
   ``--probes``).
Else it ships off. ("Mean per-wave gain > its sd" cannot pass for a class rarer than half the waves:
casualties34.) The check half is never read here.

Usage: ``OMP_NUM_THREADS=1 python benchmarks/casualties_since_ratio.py [--shared DIR] [--study]
[--text]`` (``--study`` prints every figure of a period form with its ratio, rule, predicted and gold
scope; ``--text`` adds its sentence, for the terminal only) and ``... --probes`` (the casualty probe
tests with the switch on).
"""

from __future__ import annotations

import json
import math
import os
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
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

from sitrep.stages.casualties import extract  # noqa: E402
from sitrep.stages.casualties.scope import _running_aspect, _tied_to_incident  # noqa: E402
from sitrep.stages.casualties.scorer import GoldArticle, Predicted, score  # noqa: E402


@dataclass(frozen=True, slots=True)
class Candidate:
    """A tune figure of a period form: its wave, ratio to the lead's toll, gold and predicted scope."""

    document: str
    wave: str
    kind: str
    value: int
    lead: int | None
    ratio: float | None
    forms: tuple[str, ...]
    movable: bool  # killed, perfect or after a war total (or the pluperfect: scope.PLUPERFECT_RUNNING), not tied, lead known
    rule: str
    predicted: str
    on_event: bool
    gold: str | None
    sentence: str


def capture(shared: Path) -> tuple[list[GoldArticle], list[Predicted], list[Candidate]]:
    """One tune run (the switch as set) and every predicted figure of a period form."""
    seen: dict[str, tuple[Any, int | None, str]] = {}
    original = extract._neighbour_features

    def wrapped(fig: Any, figures: Any, sents: Any, lex: Any, earlier: Any, lead_killed: int | None) -> Any:
        seen[fig.id] = (fig, lead_killed, sents[fig.sent].text)
        return original(fig, figures, sents, lex, earlier, lead_killed)

    extract._neighbour_features = wrapped  # type: ignore[assignment]
    try:
        gold, preds = tune_predictions(shared)
    finally:
        extract._neighbour_features = original  # type: ignore[assignment]
    from sitrep.stages.casualties.scope import rule_scope
    out: list[Candidate] = []
    for g, wave, p in zip(gold, tune_waves(), preds, strict=True):
        for c in p.casualties:
            if c.id not in seen:
                continue
            fig, lead, sentence = seen[c.id]
            feats = fig.extra.get("features", {})
            forms = tuple(k for k in extract.PERIOD_FORMS if feats.get(k))
            if not forms:
                continue
            hits = [f for f in g.figures if f.kind == c.kind and overlap((c.start, c.end), (f.start, f.end))]
            ratio = round(fig.q.value / lead, 4) if lead else None
            movable = c.kind == "killed" and ratio is not None and _running_aspect(feats) \
                and not _tied_to_incident(feats)
            out.append(Candidate(g.document, wave, c.kind, fig.q.value, lead, ratio, forms, movable,
                                 rule_scope(dict(feats)), c.scope, c.event is not None,
                                 hits[0].scope if hits else None, sentence))
    return gold, preds, out


def fit_ratio(cands: Sequence[Candidate]) -> float:
    """The cut of the module docstring on the movable candidates."""
    rows = [(c.ratio, c.gold == "war_total") for c in cands if c.movable and c.ratio is not None and c.ratio > 1]
    inside = sorted({r for r, _ in rows if r < extract.ABOVE_LEAD})
    if not any(pos for r, pos in rows if r < extract.ABOVE_LEAD):
        return float(extract.ABOVE_LEAD)
    bounds = [1.0, *inside, float(extract.ABOVE_LEAD)]
    best: tuple[int, float, float] | None = None
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        cut = math.sqrt(lo * hi)
        wrong = sum((r >= cut) != pos for r, pos in rows)
        key = (-wrong, math.log(hi / lo), cut)
        if best is None or key > best:
            best = key
    assert best is not None
    return round(best[2], 2)


def counts(gold: Sequence[GoldArticle], preds: Sequence[Predicted]) -> dict[str, int]:
    m = score(list(gold), list(preds))
    return {"main_killed": sum(g.main_killed == p.main_killed for g, p in zip(gold, preds, strict=True)),
            "war_on_event": int(m["war_totals_on_incidents"])}


def run(shared: Path, ratio: float | None) -> tuple[list[GoldArticle], list[Predicted], list[Candidate]]:
    """A tune run with the switch off (``None``) or on at ``ratio``."""
    saved = extract.PERIOD_RATIO, extract.PERIOD_ABOVE_LEAD
    extract.PERIOD_RATIO = ratio is not None
    if ratio is not None:
        extract.PERIOD_ABOVE_LEAD = ratio
    try:
        return capture(shared)
    finally:
        extract.PERIOD_RATIO, extract.PERIOD_ABOVE_LEAD = saved


def lowo(shared: Path, text: bool, study_only: bool) -> None:
    waves = tune_waves()
    gold, off_preds, cands = run(shared, None)
    for c in cands:
        print(json.dumps({k: v for k, v in asdict(c).items() if k != "sentence"}))
        if text:
            print("   ", c.sentence[:300].replace("\n", " "))
    if study_only:
        return
    names = sorted(set(waves))
    fitted = {w: fit_ratio([c for c in cands if c.wave != w]) for w in names}
    full = fit_ratio(cands)
    print(json.dumps({"fitted_all_tune": full, "fitted_by_held_out_wave": fitted}))
    runs = {r: run(shared, r)[1] for r in sorted(set(fitted.values()) | {full})}
    idx: dict[str, list[int]] = defaultdict(list)
    for i, w in enumerate(waves):
        idx[w].append(i)
    oof = list(off_preds)
    gains, drops, losses = 0, 0, {}
    for w in names:
        on_preds = runs[fitted[w]]
        for i in idx[w]:
            oof[i] = on_preds[i]
        g = [gold[i] for i in idx[w]]
        a = counts(g, [off_preds[i] for i in idx[w]])
        b = counts(g, [on_preds[i] for i in idx[w]])
        gains += b["main_killed"] - a["main_killed"]
        drops += a["war_on_event"] - b["war_on_event"]
        if b["main_killed"] < a["main_killed"] or b["war_on_event"] > a["war_on_event"]:
            losses[w] = {"main_killed": b["main_killed"] - a["main_killed"],
                         "war_on_event": b["war_on_event"] - a["war_on_event"]}
        print(json.dumps({"wave": w, "ratio": fitted[w], "off": a, "on": b}))
    m_off, m_oof, m_full = score(gold, off_preds), score(gold, oof), score(gold, runs[full])
    pooled = {k: [m_off[k], m_oof[k], m_full[k]] for k in
              ("figure_f1", "attribution_accuracy", "war_totals_on_incidents", "scope_accuracy")}
    mk = [sum(g.main_killed == p.main_killed for g, p in zip(gold, ps, strict=True))
          for ps in (off_preds, oof, runs[full])]
    moved = [(g.document, a.main_killed, b.main_killed) for g, a, b in zip(gold, off_preds, oof, strict=True)
             if a.main_killed != b.main_killed]
    passed = gains > 0 and drops > 0 and not losses and m_oof["figure_f1"] >= m_off["figure_f1"] \
        and m_oof["attribution_accuracy"] >= m_off["attribution_accuracy"]
    print(json.dumps({"main_killed_off_oof_full": mk, "pooled_off_oof_full": pooled, "moved": moved,
                      "summed_main_killed_gain": gains, "summed_war_on_event_drop": drops, "losses": losses,
                      "passed_1_to_3": passed}))


def main() -> None:
    switch_study_main(__doc__, lowo, extract, "PERIOD_RATIO")


if __name__ == "__main__":
    main()
