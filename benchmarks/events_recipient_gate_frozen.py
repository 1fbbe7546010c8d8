"""The frozen abstain gate on fresh waves: fit it, freeze it, score it once (issue 13, branch events55).

``events53`` built the abstain gate (``recipient_model.ABSTAIN_GATE``, off; design 1 of
``benchmarks/events_recipient_abstain.py``) and measured it leave one wave out (+0.26 per wave, sd
0.65: failed). The lead set a confirmatory test before wave 22 was drawn (the brief, in short):

- **Gate A**: design 1 fitted by ``events53``'s all-tune procedure (``fit_gate`` on the matched
  recipient-less events with a candidate; its threshold by ``choose_gate`` over ``GATES`` inside the
  training waves, at the candidate model's C and threshold) on the tune waves **before wave 21**,
  beside the recipient model of main at ``154cea0`` (C 0.1, threshold 0.5; it had not seen wave 21);
  scored on wave 21 (fresh for both).
- **Gate B**: the same procedure on the tune waves up to and including wave 21, beside main's current
  recipient model (refitted with wave 21 by the lead: C 1.0, threshold 0.35); committed before wave
  22's rows are drawn; scored on wave 22.
- **Bar**: summed over waves 21 and 22, right recipients with the gate on minus off (the article
  scorer's recipient accuracy: a removed false recipient counts +1) **≥ +2, and neither wave
  negative**; event F1 and actors unchanged; strict recipients not falling; PLOVER GSR dev recipient
  F1 not falling. Pass: the lead switches it on. Fail: it stays off.

``fit`` runs the tune half once with the learned recipient off and the recorders set (the events
stage's output does not depend on the model file then), collects the cases as
``events_recipient_model.collect`` does, and writes one gate file per ``--gate NAME:MODEL:C:LAST``
(the gate fitted on the waves of index < ``LAST``, or all waves when ``LAST`` is ``all``, beside the
candidate model file ``MODEL`` at C ``C``, whose threshold is the file's own). Each gate file keeps the
command that wrote it and the sha256 of its candidate model. ``score`` runs one wave (an index of
``events_side_missing.WAVES``) with the learned recipient on and the given candidate model, the gate
off and on, and PLOVER dev with the same model, the gate off and on. Nothing is chosen in ``score``.

Usage (``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1``)::

    python benchmarks/events_recipient_gate_frozen.py fit --gate A:/tmp/model_154cea0.json:0.1:19 \\
        --gate B:src/sitrep/stages/events/data/recipient_model.json:1.0:all
    python benchmarks/events_recipient_gate_frozen.py score A 19 [--plover]

Writes ``benchmarks/data/recipient_gate_{A,B}.json`` (fit) and
``benchmarks/results/events_recipient_gate_{A,B}.json`` (score).
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import shlex
import sys
from pathlib import Path
from typing import Any

from common import REPO, fakes_csv  # noqa: E402  (puts the repository's src on sys.path)
from events_recipient_abstain import (  # noqa: E402
    choose_gate,
    fit_gate,
    gold_has_recipient,
    recorded_run,
)
from events_recipient_frozen import changes, right_count  # noqa: E402
from events_recipient_model import GOLD, collect  # noqa: E402
from events_side_missing import wave_of  # noqa: E402

from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.evaluation.runner import GoldText  # noqa: E402
from sitrep.stages.events import recipient_model  # noqa: E402
from sitrep.stages.events.article_scorer import (  # noqa: E402
    read_article_gold,
    read_texts,
    score_articles,
)
from sitrep.stages.events.recipient_model import RecipientModel  # noqa: E402

GATE_DIR = REPO / "benchmarks" / "data"
RESULTS = REPO / "benchmarks" / "results"
KEYS = ("event_f1", "matched", "actor_accuracy", "actor_strict_accuracy", "recipient_accuracy",
        "recipient_strict_accuracy", "recipient_f1", "place_accuracy", "status_accuracy")


def gate_path(name: str) -> Path:
    return GATE_DIR / f"recipient_gate_{name}.json"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def parse_gate(spec: str) -> tuple[str, Path, float, int | None]:
    """``NAME:MODEL:C:LAST`` -> (name, model path, C, last wave index excluded or None)."""
    name, model, strength, last = spec.split(":")
    return name, Path(model), float(strength), None if last == "all" else int(last)


def tune_docs() -> tuple[list[Any], list[int], list[GoldText]]:
    articles = read_article_gold(GOLD, split="tune")
    wave = wave_of(len(articles))
    texts = read_texts(articles, fakes_csv())
    return articles, wave, [GoldText(a.document, t, a.published) for a, t in zip(articles, texts, strict=True)]


def fit_main(specs: list[str]) -> None:
    articles, wave, docs = tune_docs()
    from sitrep.resources import Resources

    kb = Resources().kb
    analyses, recorded, feats = recorded_run(docs)
    all_cases = collect(articles, analyses, recorded, kb)
    has = gold_has_recipient(articles, analyses)
    for spec in specs:
        name, model_path, strength, last = parse_gate(spec)
        model = recipient_model.load_model.__wrapped__(model_path)  # type: ignore[attr-defined]
        assert model is not None
        keep = [w < last if last is not None else True for w in wave]
        cases = [c for c in all_cases if keep[c.article]]
        g, inner = choose_gate(cases, wave, feats, has, strength, model.threshold)
        gate = fit_gate(cases, feats, has)
        out = {
            "gate": name, "command": "python benchmarks/events_recipient_gate_frozen.py " + shlex.join(sys.argv[1:]),
            "candidate_model": str(model_path), "candidate_model_sha256": sha256(model_path),
            "candidate_C": strength, "candidate_threshold": model.threshold,
            "waves": sorted({wave[i] for i in range(len(articles)) if keep[i]}),
            "articles": sum(keep), "cases": len(cases),
            "matched_with_candidates": sum(1 for c in cases if c.matched and c.cands),
            "of_them_with_a_coder_recipient": sum(1 for c in cases if c.matched and c.cands and has[c.event]),
            "inner_gain": inner, "gate_threshold": g,
            "gate_bias": gate[1] if gate else 0.0, "gate_weights": dict(sorted(gate[0].items())) if gate else {},
        }
        gate_path(name).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
        print(name, {k: v for k, v in out.items() if k != "gate_weights"}, flush=True)


def frozen(name: str, model_path: Path | None = None) -> tuple[dict[str, Any], RecipientModel]:
    """The gate file and the candidate model beside it with the gate (its sha256 checked)."""
    spec = json.loads(gate_path(name).read_text(encoding="utf-8"))
    path = model_path or REPO / spec["candidate_model"]
    if sha256(path) != spec["candidate_model_sha256"]:
        raise SystemExit(f"{path} is not the candidate model gate {name} was fitted beside")
    model = recipient_model.load_model.__wrapped__(path)  # type: ignore[attr-defined]
    assert model is not None
    return spec, dataclasses.replace(model, gate=spec["gate_weights"], gate_bias=spec["gate_bias"],
                                     gate_threshold=spec["gate_threshold"])


def score_main(name: str, index: int, model_path: Path | None, plover: bool) -> None:
    spec, model = frozen(name, model_path)
    if index in spec["waves"]:
        raise SystemExit(f"wave {index} is not fresh for gate {name}")
    articles, wave, docs = tune_docs()
    fresh = [a for a, w in zip(articles, wave, strict=True) if w == index]
    fresh_docs = [d for d, w in zip(docs, wave, strict=True) if w == index]
    loader, saved = recipient_model.load_model, (recipient_model.LEARNED_RECIPIENTS, recipient_model.ABSTAIN_GATE)
    recipient_model.load_model = lambda *a, **k: model  # type: ignore[assignment,misc]
    runs: dict[str, list[Any]] = {}
    try:
        for label, learned, gate in (("learned off", False, False), ("off", True, False), ("on", True, True)):
            recipient_model.LEARNED_RECIPIENTS, recipient_model.ABSTAIN_GATE = learned, gate
            runs[label] = run_documents(build_for(get_task("events")), fresh_docs).analyses
    finally:
        recipient_model.load_model = loader  # type: ignore[misc]
        recipient_model.LEARNED_RECIPIENTS, recipient_model.ABSTAIN_GATE = saved
    scores = {label: score_articles(fresh, an)["tune"] for label, an in runs.items()}
    counts, items = changes(fresh, runs)
    right = {k: right_count(s, "recipient_accuracy") for k, s in scores.items()}
    strict = {k: right_count(s, "recipient_strict_accuracy") for k, s in scores.items()}
    result: dict[str, Any] = {
        "gate": name, "wave": index, "articles": [a.document for a in fresh],
        "candidate_model_sha256": spec["candidate_model_sha256"], "gate_threshold": spec["gate_threshold"],
        "scores": {k: {key: s[key] for key in KEYS} for k, s in scores.items()},
        "right_recipients": right, "strict_right_recipients": strict, "gain": right["on"] - right["off"],
        "strict_gain": strict["on"] - strict["off"], "changed_by_the_gate": counts, "items": items,
        "event_f1_unchanged": scores["on"]["event_f1"] == scores["off"]["event_f1"],
        "actors_unchanged": scores["on"]["actor_accuracy"] == scores["off"]["actor_accuracy"],
    }
    if plover:
        from events_side_missing import plover_dev

        recipient_model.load_model = lambda *a, **k: model  # type: ignore[assignment,misc]
        try:
            result["plover_dev"] = plover_dev(recipient_model, ("ABSTAIN_GATE",), {"off": (False,), "on": (True,)})
        finally:
            recipient_model.load_model = loader  # type: ignore[misc]
    print(json.dumps({k: v for k, v in result.items() if k != "items"}, indent=1))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"events_recipient_gate_{name}.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    f = sub.add_parser("fit")
    f.add_argument("--gate", action="append", required=True, help="NAME:MODEL:C:LAST")
    s = sub.add_parser("score")
    s.add_argument("name")
    s.add_argument("wave", type=int)
    s.add_argument("--model", type=Path, help="the candidate model file (default: the gate file's path)")
    s.add_argument("--plover", action="store_true")
    args = parser.parse_args()
    if args.cmd == "fit":
        fit_main(args.gate)
    else:
        score_main(args.name, args.wave, args.model, args.plover)


if __name__ == "__main__":
    main()
