"""What each shipped casualty mechanism does to main-killed accuracy on the tune half, in sample
and leave one wave out (issue 12; branch casualties46, 2026-12-06 night).

Each tune article of the casualty gold is parsed once (the stages up to quotes, as ``sitrep run``
does) and the casualty extractor is replayed on it under several settings; the headline toll is
``record.headline_toll`` as in the background script. Settings: everything as shipped; each
learned model left out (the scope, background and carry models: the stage's rule takes over);
each rule switch that ships on turned off alone; and, for the scope and background models, the
model refitted **leave one wave out** (on the other waves, at the shipped file's settings: C,
threshold, groups) and applied to the held-out wave. Waves are ``scripts/train_casualty_carry.py``'s
``WAVE_STARTS`` groups. Prints one JSON line per wave and setting (main-killed right), the
per-article outcomes with ``--articles``. The tune run never reads the check half; ``--check``
prints the same ablation (no refits) pooled on the check half, for the report only, read once at the end.

Usage: ``OMP_NUM_THREADS=1 python benchmarks/casualties_mechanisms.py [--shared DIR] [--articles | --check]``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "src"))
os.environ.setdefault("OMP_NUM_THREADS", "1")

import train_casualty_background as tb  # noqa: E402
import train_casualty_carry as tc  # noqa: E402
import train_casualty_scope as ts  # noqa: E402

from sitrep.datasets import FAKES_CSV, fakes_data_dir  # noqa: E402
from sitrep.records import Analysis  # noqa: E402
from sitrep.stages.casualties import (  # noqa: E402
    descriptions,
    extract,
    running_context,
    scope,
    vague,
)
from sitrep.stages.casualties.background import (  # noqa: E402
    BACKGROUND_MODEL_PATH,
    BackgroundModel,
    load_background_model,
)
from sitrep.stages.casualties.carry import load_carry_model  # noqa: E402
from sitrep.stages.casualties.lexicon import load_lexicon  # noqa: E402
from sitrep.stages.casualties.scope import rule_scope  # noqa: E402
from sitrep.stages.casualties.scope_model import MODEL_PATH, load_scope_model  # noqa: E402
from sitrep.stages.casualties.scorer import (  # noqa: E402
    GoldArticle,
    _match,
    read_fakes_texts,
    read_gold,
)
from sitrep.stages.casualties.stage import extract_from, upstream  # noqa: E402

#: the rule switches that ship on and can move a figure (module, name)
SWITCHES: tuple[tuple[Any, str], ...] = (
    (descriptions, "NEAREST_ONLY"), (extract, "PART_OF_TOTAL"), (extract, "PERIOD_RATIO"),
    (running_context, "COORDINATED_STATE"), (running_context, "PERIOD_BEFORE"),
    (scope, "PLUPERFECT_RUNNING"), (vague, "UNIT_MULTIPLES"))


@contextmanager
def switched_off(module: Any, name: str) -> Iterator[None]:
    old = getattr(module, name)
    setattr(module, name, False)
    try:
        yield
    finally:
        setattr(module, name, old)


def scope_rows(arts: list[tb.Article], lexicon: Any) -> dict[int, list[tuple[dict[str, float], str]]]:
    """Per article: (scope features, gold scope) of every figure matched to the gold (as the scope script)."""
    out: dict[int, list[tuple[dict[str, float], str]]] = {}
    for a in arts:
        seen: list[dict[str, float]] = []

        def record(features: dict[str, float], seen: list[dict[str, float]] = seen) -> str:
            seen.append(dict(features))
            return rule_scope(features)

        found = extract_from(a.analysis, lexicon, scope=record)
        rows = []
        raw_figs = tb.Replay.raw(a.analysis, found.casualties)
        for f in a.gold.figures:
            m = _match(f, raw_figs)
            if m is not None:
                rows.append((seen[raw_figs.index(m)], f.scope))
        out[a.index] = rows
    return out


def right(analysis: Analysis, gold: GoldArticle, lexicon: Any, s: Any, b: Any, c: Any) -> int:
    """1 when the headline toll of the replayed extraction is the gold's main-killed figure."""
    figs = extract_from(analysis, lexicon, scope=s, background=b, carry=c).casualties
    return int(tb.Replay.main_killed(analysis, figs) == gold.main_killed)


def ablations(analysis: Analysis, gold: GoldArticle, lexicon: Any) -> dict[str, int]:
    """Main-killed right as shipped, without each learned model, and with each switch off alone."""
    scope_m, back_m, carry_m = load_scope_model(), load_background_model(), load_carry_model()
    assert scope_m is not None and back_m is not None and carry_m is not None
    r = {"shipped": right(analysis, gold, lexicon, scope_m.decide, back_m.decide, carry_m.decide),
         "-scope_model": right(analysis, gold, lexicon, None, back_m.decide, carry_m.decide),
         "-background_model": right(analysis, gold, lexicon, scope_m.decide, None, carry_m.decide),
         "-carry_model": right(analysis, gold, lexicon, scope_m.decide, back_m.decide, None)}
    for module, name in SWITCHES:
        with switched_off(module, name):
            r[f"-{name}"] = right(analysis, gold, lexicon, scope_m.decide, back_m.decide, carry_m.decide)
    return r


def check_half(shared: Path, lexicon: Any) -> None:
    """The ablation on the check half, pooled (``--check``: read once, at the end, for the report)."""
    gold = read_gold(tb.GOLD, split="check")
    texts = read_fakes_texts(gold, shared / FAKES_CSV)
    rows = [ablations(upstream(text, g.document, g.published), g, lexicon) for g, text in zip(gold, texts, strict=True)]
    print(json.dumps({"split": "check", "articles": len(rows), **{k: sum(r[k] for r in rows) for k in rows[0]}}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None)
    parser.add_argument("--articles", action="store_true")
    parser.add_argument("--check", action="store_true", help="the ablation on the check half only (once, at the end)")
    args = parser.parse_args()
    lexicon = load_lexicon()
    if args.check:
        check_half(fakes_data_dir(args.shared, REPO), lexicon)
        return
    replay = tb.Replay(lexicon)
    arts = tb.articles(fakes_data_dir(args.shared, REPO), replay)
    lines = [json.loads(line)["document"] for line in tb.GOLD.read_text(encoding="utf-8").splitlines()]
    wave = {a.index: tc.group_of(lines.index(a.gold.document)) for a in arts}
    waves = sorted(set(wave.values()), key=lambda w: min(i for i, x in wave.items() if x == w))
    scope_m, back_m, carry_m = load_scope_model(), load_background_model(), load_carry_model()
    assert scope_m is not None and back_m is not None and carry_m is not None
    bg = json.loads(BACKGROUND_MODEL_PATH.read_text(encoding="utf-8"))["chosen"]
    sc = json.loads(MODEL_PATH.read_text(encoding="utf-8"))

    def ok(a: tb.Article, s: Callable[..., str] | None, b: Any, c: Any) -> int:
        return right(a.analysis, a.gold, lexicon, s, b, c)

    rows = {a.index: ablations(a.analysis, a.gold, lexicon) for a in arts}
    srows = scope_rows(arts, lexicon)
    for w in waves:
        x, y = tb.rows_of([b for b in arts if wave[b.index] != w], bg["groups"], bg["train_on"])
        fitted = tb.fit(x, y, bg["C"])
        lowo_bg = BackgroundModel(fitted.weights, fitted.intercept, bg["threshold"])
        train = [(0, f, s) for b in arts if wave[b.index] != w for f, s in srows[b.index]]
        lowo_sc = ts.as_model(ts.fit(train, sc["C"]), sc["threshold"])
        for a in (b for b in arts if wave[b.index] == w):
            rows[a.index]["lowo_background"] = ok(a, scope_m.decide, lowo_bg.decide, carry_m.decide)
            rows[a.index]["lowo_scope"] = ok(a, lowo_sc.decide, back_m.decide, carry_m.decide)
    keys = list(next(iter(rows.values())).keys())
    for w in [*waves, "pooled"]:
        idx = [a.index for a in arts if w == "pooled" or wave[a.index] == w]
        print(json.dumps({"wave": w, "articles": len(idx), **{k: sum(rows[i][k] for i in idx) for k in keys}}))
    if args.articles:
        for a in arts:
            print(json.dumps({"document": a.gold.document, "wave": wave[a.index], **rows[a.index]}))


if __name__ == "__main__":
    main()
