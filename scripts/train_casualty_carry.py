"""Fit the casualty stage's learned carry (``make models``; issue 12): whether a figure without a
source of its own takes an earlier sentence's source (``sitrep.stages.casualties.carry``).

Training data: the **tune** half of ``benchmarks/data/fakes_casualties_gold.jsonl`` (FA-KES
development rows, even ``unit_id``; the texts are read from ``../shared`` at run time, nothing is
copied). Each tune article goes through the stages up to quotes, as ``sitrep run`` does, and the
extractor runs with a recording decider that answers as the old rule did; every candidate
(``carry.CarryCandidate``) whose figure matches a gold figure (overlapping offsets, same kind and
value, as the scorer matches) gives one example: its features, and whether the gold credits the
figure to the offered source (the source's span overlaps the gold's, or its KB actor is mentioned
there — the scorer's test). A figure the gold leaves unsourced, or credits to another source, is
a negative.

A candidate whose sentence's opening decides it (``openings.decide``: a sentence that continues the
previous statement by a conjunction or an additive opener carries, one that opens a new scene does
not) is decided ahead of the model: it is not fitted on, and its decisions are counted beside the
model's (per wave: how many the openings decide and how many of those the gold agrees with).

Model: binary logistic regression (lbfgs, deterministic). Groups are the gold's waves (the
early random rows, the rows picked for classes, then waves 1-9 and 11-16 as appended; ``WAVE_STARTS``).
``C`` and the threshold are chosen by **leave one wave out** on tune: the most candidates decided
right, ties by the lower log-loss, then the higher threshold (carry less). The fair estimate is
nested: for each wave, the choice is made on the other waves only, fitted there and scored on
the wave, beside the old rule on the same candidates (printed per wave and pooled; recorded in
the model file). The check half is never read here.

Writes ``src/sitrep/models/casualty_carry.json``.

Usage: ``OMP_NUM_THREADS=1 python scripts/train_casualty_carry.py [--shared DATA_DIR]``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
os.environ.setdefault("OMP_NUM_THREADS", "1")

from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from sitrep.datasets import FAKES_CSV, fakes_data_dir  # noqa: E402
from sitrep.errors import SitrepError  # noqa: E402
from sitrep.ingest.textmap import to_raw  # noqa: E402
from sitrep.records import Analysis  # noqa: E402
from sitrep.stages.casualties.carry import CARRY_MODEL_PATH, CarryCandidate, CarryModel  # noqa: E402
from sitrep.stages.casualties.lexicon import CasualtyLexicon, load_lexicon  # noqa: E402
from sitrep.stages.casualties.openings import CONTINUES  # noqa: E402
from sitrep.stages.casualties.scorer import GoldFigure, read_fakes_texts, read_gold  # noqa: E402
from sitrep.stages.casualties.stage import extract_from, upstream  # noqa: E402

GOLD = REPO / "benchmarks" / "data" / "fakes_casualties_gold.jsonl"
C_GRID = (0.1, 0.3, 1.0, 3.0)
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7)
#: gold line numbers (0-based, all rows) where each later group starts: the rows picked for
#: classes (rounds 1-4), then random waves 1 and 2, targeted wave 3, wave 4, targeted wave 5,
#: waves 6-9, targeted waves 11-13, random wave 14, targeted wave 15 (``tests/test_gold_casualties.py`` holds their documents; a test
#: checks these)
WAVE_STARTS = (("picked", 166), ("wave 1", 189), ("wave 2", 209), ("wave 3", 229), ("wave 4", 235),
               ("wave 5", 243), ("wave 6", 251), ("wave 7", 259), ("wave 8", 267), ("wave 9", 275),
               ("wave 11", 283), ("wave 12", 293), ("wave 13", 298), ("wave 14", 302),
               ("wave 15", 312), ("wave 16", 322), ("wave 17", 332),
               ("wave 18", 342), ("wave 19", 352), ("wave 20", 362))


@dataclass(frozen=True, slots=True)
class Example:
    group: str
    article: str
    features: dict[str, float]
    label: bool
    rule: bool
    #: the opening's decision (``openings.CONTINUES`` / ``NEW_SCENE``), None: the model's
    discourse: str | None = None

    @property
    def opening_carries(self) -> bool:
        return self.discourse == CONTINUES


def group_of(line: int) -> str:
    """The wave of a gold line (``WAVE_STARTS``; lines before the first are the early random rows)."""
    name = "early"
    for wave, start in WAVE_STARTS:
        if line >= start:
            name = wave
    return name


def _overlap(a: tuple[int, int], b: tuple[int, int] | None) -> bool:
    return b is not None and a[0] < b[1] and b[0] < a[1]


def _raw(cmap: Any, start: int, end: int) -> tuple[int, int]:
    """Offsets of the parsed text mapped back into the gold's raw text."""
    return to_raw(cmap, start), to_raw(cmap, end - 1) + 1


def _label(g: GoldFigure, source: tuple[int, int], label: str, mentions: Sequence[tuple[str, int, int]]) -> bool:
    """The scorer's test: the offered source's span overlaps the gold source, or its KB actor is
    mentioned inside the gold source's span."""
    if g.source is None:
        return False
    return _overlap(source, g.source) or any(a == label and _overlap((s, e), g.source) for a, s, e in mentions)


def carry_candidates(text: str, source_path: str, published: str | None,
                     lexicon: CasualtyLexicon) -> tuple[Analysis, list[CarryCandidate]]:
    """The analysis of ``text`` by the stages before the casualty stage, and every carry candidate
    the casualty extractor meets in it (decided as the old rule decides, which is what it records)."""
    analysis = upstream(text, source_path, published)
    seen: list[CarryCandidate] = []

    def record(c: CarryCandidate) -> bool:
        seen.append(c)
        return c.rule

    extract_from(analysis, lexicon, carry=record)
    return analysis, seen


def examples(shared: Path) -> list[Example]:
    """Every labelled carry candidate of the tune articles."""
    lines = {json.loads(line)["document"]: i for i, line in enumerate(GOLD.read_text(encoding="utf-8").splitlines())}
    gold = read_gold(GOLD, split="tune")
    texts = read_fakes_texts(gold, shared / FAKES_CSV)
    lexicon = load_lexicon()
    out: list[Example] = []
    for g, text in zip(gold, texts, strict=True):
        analysis, seen = carry_candidates(text, g.document, g.published, lexicon)
        cmap = analysis.document.char_map
        mentions = [(m.actor, *_raw(cmap, m.start, m.end)) for m in analysis.mentions]
        for c in seen:
            span = _raw(cmap, c.start, c.end)
            gf = next((f for f in g.figures if f.start is not None and f.end is not None
                       and _overlap(span, (f.start, f.end)) and f.kind == c.kind and f.value == c.value), None)
            if gf is not None:
                source = _raw(cmap, c.source_start, c.source_end)
                out.append(Example(group_of(lines[g.document]), g.document, dict(c.features),
                                   _label(gf, source, c.source_label, mentions), c.rule, c.discourse))
    return out


def model_rows(rows: Sequence[Example]) -> list[Example]:
    """The candidates the model decides: those the sentence's opening leaves."""
    return [r for r in rows if r.discourse is None]


def fit(rows: Sequence[Example], c: float) -> tuple[CarryModel, list[str]]:
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform([r.features for r in rows])
    model = LogisticRegression(C=c, max_iter=5000).fit(x, [int(r.label) for r in rows])
    names = [str(n) for n in vec.get_feature_names_out()]
    weights = dict(zip(names, (float(w) for w in model.coef_[0]), strict=True))
    return CarryModel(weights, float(model.intercept_[0]), 0.5), names


def _held_out(rows: Sequence[Example], c: float) -> list[tuple[Example, float]]:
    """(example, probability) with each wave predicted by a model fitted on the other waves."""
    out = []
    for group in sorted({r.group for r in rows}):
        model, _ = fit([r for r in rows if r.group != group], c)
        out += [(r, model.probability(r.features)) for r in rows if r.group == group]
    return out


def choose(rows: Sequence[Example]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The (C, threshold) with the most candidates right leaving one wave out, and the table."""
    table = []
    for c in C_GRID:
        held = _held_out(rows, c)
        loss = -sum(math.log(max(1e-12, p if r.label else 1 - p)) for r, p in held) / max(1, len(held))
        for t in THRESHOLDS:
            table.append({"C": c, "threshold": t, "log_loss": round(loss, 4),
                          "right": sum((p >= t) == r.label for r, p in held), "n": len(held)})
    best = max(table, key=lambda r: (r["right"], -r["log_loss"], r["threshold"]))
    return best, table


def nested_estimate(rows: Sequence[Example]) -> list[dict[str, Any]]:
    """Per wave: the candidates, positives, right by the old rule, right by a model chosen and
    fitted on the other waves only (the fair estimate).

    The model is chosen and fitted on the candidates the openings leave; ``model_right`` counts the
    wave's candidates decided right by the openings where they decide and by the model elsewhere;
    ``opening_decided`` / ``opening_right``, the openings' share; ``carry_in_gold`` and the rule's
    counts are over every candidate."""
    out = []
    for group in sorted({r.group for r in rows}, key=lambda g: (g != "early", g != "picked", g)):
        train = model_rows([r for r in rows if r.group != group])
        held = [r for r in rows if r.group == group]
        best, _ = choose(train)
        model, _ = fit(train, best["C"])
        decided = [r.opening_carries if r.discourse is not None else model.probability(r.features) >= best["threshold"]
                   for r in held]
        opened = [r for r in held if r.discourse is not None]
        out.append({"wave": group, "candidates": len(held), "carry_in_gold": sum(r.label for r in held),
                    "rule_right": sum(r.rule == r.label for r in held),
                    "model_right": sum(d == r.label for d, r in zip(decided, held, strict=True)),
                    "model_carried": sum(decided), "rule_carried": sum(r.rule for r in held),
                    "opening_decided": len(opened), "opening_right": sum(r.opening_carries == r.label for r in opened),
                    "opening_carried": sum(r.opening_carries for r in opened),
                    "C": best["C"], "threshold": best["threshold"]})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None,
                        help="the shared data folder with corpus/fakes (default: ../shared/data or $SITREP_SHARED/data)")
    parser.add_argument("--out", type=Path, default=CARRY_MODEL_PATH)
    args = parser.parse_args()
    try:
        args.shared = fakes_data_dir(args.shared, REPO)
    except SitrepError as exc:
        sys.exit(str(exc))
    rows = examples(args.shared)
    nested = nested_estimate(rows)
    fitted = model_rows(rows)
    best, table = choose(fitted)
    model, names = fit(fitted, best["C"])
    pooled = {k: sum(w[k] for w in nested) for k in ("candidates", "carry_in_gold", "rule_right", "model_right",
                                                     "opening_decided", "opening_right", "opening_carried")}
    out = {"model": "binary logistic regression: P(figure takes the earlier sentence's source | carry features)",
           "trained_on": f"{GOLD.relative_to(REPO)} split=tune ({len({r.article for r in rows})} articles, "
                         f"{len(rows)} candidates, {sum(r.label for r in rows)} carried in the gold; "
                         f"{len(fitted)} left by the sentence openings, {sum(r.label for r in fitted)} carried)",
           "C": best["C"], "threshold": best["threshold"], "leave_one_wave_out": table,
           "nested_leave_one_wave_out": nested, "nested_pooled": pooled,
           "intercept": round(model.intercept, 6), "features": names,
           "weights": [round(model.weights[n], 6) for n in names]}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    for w in nested:
        print(json.dumps(w))
    print(json.dumps({"pooled": pooled, "C": best["C"], "threshold": best["threshold"], "trained_on": out["trained_on"]}))


if __name__ == "__main__":
    main()
