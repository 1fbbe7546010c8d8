"""The main-killed misses and the war totals attached to an event on the **tune** half of the
casualty gold, each with its cause (issue 12; branch casualties32, 2026-12-05 late).

Runs the casualties pipeline on the tune articles (the check half is never read) and, for every
article whose predicted headline toll differs from the gold ``main_killed``, names the cause from
the gold labels of the figures involved:

* ``headline figure not extracted``: no predicted killed figure overlaps a gold incident killed
  figure of the gold toll's value (the toll is lost before any scope or choice);
* ``headline figure scoped out (<scope>)``: it was extracted but the stage gave it another scope
  (the background / scope models or the rules), so a smaller or no toll was chosen;
* ``headline figure on an unasserted event``: extracted as incident, on an event not stated as fact;
* ``another incident's larger toll``: the predicted toll is a gold ``incident`` figure of another
  incident (a round-up's secondary strike, a battle's toll beside the headline's strike);
* ``an earlier attack read as the incident``: the predicted toll is a gold ``background`` figure;
* ``a campaign or war total read as the incident``: the predicted toll is a gold ``war_total``;
* ``a toll that is not a gold figure``: no gold figure overlaps it (a number the guide does not
  count, a wrong kind);
* ``superseded toll kept``: the predicted toll is a gold figure an update replaced.

Each war total on an event (the scorer's ``war_totals_on_incidents``) is listed with the predicted
scope and event. Prints one JSON line per miss, then the counts by cause and by wave
(``scripts/train_casualty_carry.py``'s groups). Usage:
``OMP_NUM_THREADS=1 python benchmarks/casualties_main_misses.py [--shared DIR] [--text]``
(``--text`` adds the figure's sentence to each line, for reading on the terminal; never commit it).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "scripts"))
os.environ.setdefault("OMP_NUM_THREADS", "1")

from train_casualty_carry import GOLD, group_of  # noqa: E402

from sitrep.datasets import FAKES_CSV, fakes_data_dir  # noqa: E402
from sitrep.evaluation.runner import GoldText, run_documents  # noqa: E402
from sitrep.pipeline import build_pipeline  # noqa: E402
from sitrep.stages.casualties.scorer import (  # noqa: E402
    GoldArticle,
    Predicted,
    predictions,
    read_fakes_texts,
    read_gold,
)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def tune_waves() -> list[str]:
    """The wave of each tune article (``train_casualty_carry.group_of``), in ``read_gold``'s order."""
    lines = {json.loads(x)["document"]: i for i, x in enumerate(GOLD.read_text(encoding="utf-8").splitlines())}
    return [group_of(lines[g.document]) for g in read_gold(GOLD, split="tune")]


def tune_predictions(shared: Path) -> tuple[list[GoldArticle], list[Predicted]]:
    """The tune half's gold articles and the casualties pipeline's predictions on their texts."""
    gold = read_gold(GOLD, split="tune")
    texts = read_fakes_texts(gold, shared / FAKES_CSV)
    run = run_documents(build_pipeline(only=["casualties"]),
                        [GoldText(g.document, t, g.published) for g, t in zip(gold, texts, strict=True)])
    return gold, predictions(run.analyses)


def run_probes(module: Any, switch: str) -> int:
    """The casualty probe tests (``tests/test_casualties_*.py``) in this process with ``module``'s
    ``switch`` on: the probe part of a switch study's bar; pytest's exit code."""
    import pytest

    setattr(module, switch, True)
    tests = sorted(str(p) for p in (REPO / "tests").glob("test_casualties_*.py"))
    return int(pytest.main(["-q", "-p", "no:cacheprovider", *tests]))


def switch_study_main(doc: str, lowo: Callable[..., None], module: Any, switch: str, *, study: bool = True) -> None:
    """The command line of a casualty switch study: ``--probes`` runs the probe tests with the
    switch on; otherwise ``lowo(data folder, --text[, --study])``, the leave-one-wave-out run."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None)
    if study:
        parser.add_argument("--study", action="store_true")
    parser.add_argument("--text", action="store_true")
    parser.add_argument("--probes", action="store_true")
    args = parser.parse_args()
    if args.probes:
        raise SystemExit(run_probes(module, switch))
    data = fakes_data_dir(args.shared, REPO)
    if study:
        lowo(data, args.text, args.study)
    else:
        lowo(data, args.text)


def cause(gold: GoldArticle, pred: Predicted) -> tuple[str, Any]:
    """The cause of one main-killed miss (module docstring) and the predicted figure it rests on."""
    killed = [c for c in pred.casualties if c.kind == "killed"]
    if pred.main_killed is not None and (gold.main_killed is None or pred.main_killed > gold.main_killed):
        chosen = [c for c in killed if c.best == pred.main_killed and c.scope == "incident" and not c.superseded]
        for c in chosen:
            hits = [f for f in gold.figures if overlap((c.start, c.end), (f.start, f.end))]
            if not hits:
                continue
            f = hits[0]
            if f.superseded:
                return "superseded toll kept", c
            if f.scope == "background":
                return "an earlier attack read as the incident", c
            if f.scope == "war_total":
                return "a campaign or war total read as the incident", c
            if f.kind != "killed":
                return "a toll that is not a gold figure", c
            return "another incident's larger toll", c
        return "a toll that is not a gold figure", chosen[0] if chosen else None
    # the gold toll is larger than the prediction, or the prediction is null
    wanted = [f for f in gold.figures if f.kind == "killed" and f.scope == "incident" and not f.superseded
              and f.value == gold.main_killed]
    found = [c for f in wanted for c in killed if overlap((c.start, c.end), (f.start, f.end))]
    if not found:
        return "headline figure not extracted", None
    if any(c.scope == "incident" and not c.superseded for c in found):
        return "headline figure on an unasserted event or cut as a round-up's", found[0]
    scopes = sorted({c.scope for c in found})
    return f"headline figure scoped out ({'/'.join(scopes)})", found[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None)
    parser.add_argument("--text", action="store_true", help="print each figure's sentence (terminal only)")
    args = parser.parse_args()
    shared = fakes_data_dir(args.shared, REPO)
    gold, preds = tune_predictions(shared)
    by_cause: Counter[str] = Counter()
    by_wave: Counter[str] = Counter()
    wars = 0
    for g, wave, pred in zip(gold, tune_waves(), preds, strict=True):
        if g.main_killed != pred.main_killed:
            why, fig = cause(g, pred)
            by_cause[why] += 1
            by_wave[wave] += 1
            row: dict[str, Any] = {"kind": "main_killed", "wave": wave, "document": g.document,
                                   "gold": g.main_killed, "predicted": pred.main_killed, "cause": why}
            if fig is not None:
                row.update({"figure": [fig.start, fig.end], "scope": fig.scope})
                if args.text:
                    row["sentence"] = fig.evidence.text
            print(json.dumps(row, ensure_ascii=False))
        for c in pred.casualties:
            if c.event is not None and any(f.scope == "war_total" and overlap((c.start, c.end), (f.start, f.end))
                                           for f in g.figures):
                wars += 1
                row = {"kind": "war_total_on_event", "wave": wave, "document": g.document,
                       "figure": [c.start, c.end], "value": c.best, "scope": c.scope, "event": c.event}
                if args.text:
                    row["sentence"] = c.evidence.text
                print(json.dumps(row, ensure_ascii=False))
    print(json.dumps({"tune_articles": len(gold), "main_killed_misses": sum(by_cause.values()),
                      "by_cause": dict(by_cause.most_common()), "by_wave": dict(sorted(by_wave.items())),
                      "war_totals_on_events": wars}))


if __name__ == "__main__":
    main()
