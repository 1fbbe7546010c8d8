"""A count that an inclusion word makes part of a group ("the toll rose to 31 on Monday, including
12 civilians", "… had shot 27 prisoners, among them 4 boys", "The dead include 5 women",
"three guards were among the victims"): read as a subset of the group's
kind, measured leaving one wave out on the **tune** half of the casualty gold (issue 12 and
issue 11's rival figures; branch casualties37, 2026-12-06 early).

``benchmarks/casualties_recall_misses.py`` lists the tune gold figures sitrep does not extract
(117 of 1,473 on main ``08a24b6``). By what carries them, the largest class is a **part of a
group**: a count with no casualty predicate of its own that an inclusion word ("including",
"among", "include") or a copula with "among <the dead>" makes part of a toll or of a casualty
group. The parse gives such counts no predicate when the text has no commas or the part sits in
a coordination, so ``figures.read_quantity`` returns ``no-predicate`` and the count is lost.

The switch ``extract.PART_OF_TOTAL`` (default off) reads such a count (``extract._total_of_part``):
when the parse makes it (or the first conjunct of its coordination) the subject of a clause with
"among <group>" or the object of "include" whose subject is a group, and ``figures.group_kind``
gives the group a kind ("the deceased", "victims", "those killed"), it is a subset of that kind;
else, when an inclusion word opens its phrase (4 tokens before it) or governs it, it is a subset
of the nearest earlier figure of its own sentence that is not itself a part and counts more (or
is vague: "dozens … including at least 29"), of that figure's kind. Subsets never add to a toll
and are never the headline toll. It has **no fitted part** (the window of 4 tokens and the 3
coordination steps are fixed, not tuned), so leaving one wave out the per-wave difference on
minus off is the out-of-fold effect. Main's model files in both runs.

**The bar (the lead's for rare classes, written and committed before the run).** The switch ships
on only if all hold, leaving one wave out over the casualty waves of the tune half (the groups of
``scripts/train_casualty_carry.py``):
1. the summed per-wave gain in figure F1 (mentions, the scorer's multiset of kind and value) is
   > 0, with right figures up and false figures (predicted minus right) not up, summed;
2. no wave loses: per wave, right figures do not fall, false figures do not rise, main-killed
   right does not fall, war totals on an event do not rise;
3. pooled over the tune half: main-killed right, war totals on events and attribution are not
   worse — attribution as the issue measures it (right sources among all gold figures whose text
   names a source, ``attribution_strict``), and no matched figure whose source is right off has
   a wrong one on (matched ``attribution_accuracy`` is reported beside it; new figures can enter
   its denominator);
4. every written probe (``tests/test_casualties_*``, the bad-input tests of years, ages,
   calibres, phone numbers, percentages and times among them) passes with the switch on
   (``--probes``).
Else it ships off. The check half is never read here.

Usage: ``OMP_NUM_THREADS=1 python benchmarks/casualties_part_of_total.py [--shared DIR]
[--text]`` (``--text`` prints each figure the switch adds or removes with its sentence, for the
terminal only) and ``... --probes``.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

# casualties_main_misses, imported first, puts src and scripts on sys.path and sets OMP_NUM_THREADS=1
from casualties_main_misses import (  # noqa: E402
    overlap,
    switch_study_main,
    tune_predictions,
    tune_waves,
)

from sitrep.stages.casualties import extract  # noqa: E402
from sitrep.stages.casualties.scorer import (  # noqa: E402
    GoldArticle,
    Predicted,
    _match,
    _source_right,
    score,
)

POOLED = ("figure_f1", "figure_precision", "figure_recall", "predicted_figures", "main_killed_accuracy",
          "attribution_strict", "attribution_accuracy", "scope_accuracy", "victims_accuracy",
          "war_totals_on_incidents")


def run(shared: Path, on: bool) -> tuple[list[GoldArticle], list[Predicted]]:
    saved = extract.PART_OF_TOTAL
    extract.PART_OF_TOTAL = on
    try:
        return tune_predictions(shared)
    finally:
        extract.PART_OF_TOTAL = saved


def counts(g: GoldArticle, p: Predicted) -> tuple[int, int, int]:
    """Right, predicted and gold figures of one article, as the scorer counts them."""
    gold: Counter[tuple[str, int]] = Counter((f.kind, f.value) for f in g.figures)
    pred: Counter[tuple[str, int]] = Counter((str(c.kind), c.best) for c in p.casualties)
    return sum((gold & pred).values()), sum(pred.values()), sum(gold.values())


def f1(tp: int, pred: int, gold: int) -> float:
    return 2 * tp / (pred + gold) if pred + gold else 0.0


def sources_right(g: GoldArticle, p: Predicted) -> set[int]:
    """Indices of the gold figures naming a source that are matched with the right source."""
    out = set()
    for i, f in enumerate(g.figures):
        if f.source is None:
            continue
        found = _match(f, p.casualties)
        if found is not None and _source_right(f, found, p.mentions):
            out.add(i)
    return out


def per_wave(gold: list[GoldArticle], preds: list[Predicted], idx: list[int]) -> dict[str, Any]:
    tp = pr = gd = 0
    for i in idx:
        a, b, c = counts(gold[i], preds[i])
        tp, pr, gd = tp + a, pr + b, gd + c
    g = [gold[i] for i in idx]
    p = [preds[i] for i in idx]
    return {"right": tp, "false": pr - tp, "gold": gd, "f1": round(f1(tp, pr, gd), 4),
            "main_killed": sum(a.main_killed == b.main_killed for a, b in zip(g, p, strict=True)),
            "war_on_event": int(score(g, p)["war_totals_on_incidents"])}


def figure_key(c: Any) -> tuple[Any, ...]:
    """What tells one predicted figure from another in ``print_changes``: kind, count, offsets, scope."""
    return (c.kind, c.best, c.start, c.end, c.scope)


def print_changes(gold: list[GoldArticle], waves: list[str], off: list[Predicted], on: list[Predicted], text: bool,
                  key: Callable[[Any], tuple[Any, ...]] = figure_key) -> None:
    """One JSON line per figure a switch adds (+) or removes (-), by ``key`` (its offsets third and
    fourth), with the gold figures it overlaps and, with ``text``, its sentence."""
    for g, w, a, b in zip(gold, waves, off, on, strict=True):
        ka, kb = {key(c) for c in a.casualties}, {key(c) for c in b.casualties}
        for sign, keys in (("+", kb - ka), ("-", ka - kb)):
            for k in sorted(keys, key=lambda x: x[2]):
                hits = [(f.kind, f.value, f.scope) for f in g.figures if overlap((k[2], k[3]), (f.start or 0, f.end or 0))]
                row: dict[str, Any] = {"change": sign, "wave": w, "document": g.document, "figure": list(k), "gold": hits}
                if text:
                    c = next(x for x in (b if sign == "+" else a).casualties if (x.start, x.end) == (k[2], k[3]))
                    row["sentence"] = c.evidence.text[:300]
                print(json.dumps(row, ensure_ascii=False))


def lowo(shared: Path, text: bool) -> None:
    rare_class_lowo(shared, text, run)


def rare_class_lowo(shared: Path, text: bool, run: Callable[[Path, bool], tuple[list[GoldArticle], list[Predicted]]],
                    header: dict[str, Any] | None = None) -> None:
    """The lead's rare-class bar, leaving one wave out: ``run(shared, on)`` gives the tune gold and
    predictions with the switch off and on; one JSON line per wave, one per figure the switch adds
    or removes, then the summary with ``passed_1_to_3`` (``header`` goes first in it). Shared by the
    casualty switch studies whose switch is a fixed reading (nothing fitted)."""
    gold, off = run(shared, False)
    _, on = run(shared, True)
    waves = tune_waves()
    idx: dict[str, list[int]] = defaultdict(list)
    for i, w in enumerate(waves):
        idx[w].append(i)
    gains: list[float] = []
    right = false = 0
    losses: dict[str, dict[str, Any]] = {}
    for w in sorted(idx):
        a, b = per_wave(gold, off, idx[w]), per_wave(gold, on, idx[w])
        gains.append(b["f1"] - a["f1"])
        right += b["right"] - a["right"]
        false += b["false"] - a["false"]
        if b["right"] < a["right"] or b["false"] > a["false"] or b["main_killed"] < a["main_killed"] \
                or b["war_on_event"] > a["war_on_event"]:
            losses[w] = {"off": a, "on": b}
        print(json.dumps({"wave": w, "articles": len(idx[w]), "off": a, "on": b}))
    lost_sources = []
    for g, a, b in zip(gold, off, on, strict=True):
        gone = sources_right(g, a) - sources_right(g, b)
        if gone:
            lost_sources.append((g.document, sorted(gone)))
    print_changes(gold, waves, off, on, text)
    m_off, m_on = score(gold, off), score(gold, on)
    n = len(gains)
    mean = sum(gains) / n
    sd = (sum((x - mean) ** 2 for x in gains) / (n - 1)) ** 0.5 if n > 1 else 0.0
    pooled_ok = (m_on["main_killed_accuracy"] >= m_off["main_killed_accuracy"]
                 and m_on["war_totals_on_incidents"] <= m_off["war_totals_on_incidents"]
                 and m_on["attribution_strict"] >= m_off["attribution_strict"] and not lost_sources)
    passed = sum(gains) > 0 and right > 0 and false <= 0 and not losses and pooled_ok
    print(json.dumps({**(header or {}), "waves": n, "pooled_off_on": {k: [m_off[k], m_on[k]] for k in POOLED},
                      "summed_f1_gain": round(sum(gains), 4), "per_wave_f1_gain_mean_sd": [round(mean, 4), round(sd, 4)],
                      "waves_gaining": sum(x > 0 for x in gains), "right_figures_gain": right,
                      "false_figures_change": false, "losses": losses, "sources_lost": lost_sources,
                      "passed_1_to_3": passed}))


def main() -> None:
    switch_study_main(__doc__, lowo, extract, "PART_OF_TOTAL", study=False)


if __name__ == "__main__":
    main()
