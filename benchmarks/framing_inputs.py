"""What the framing stage sends its sentiment model, and what each variant of the stage costs (issue 16).

Runs the stages the framing stage reads from once over the first ``--limit`` FA-KES development
rows (even ``unit_id``; held-out rows are never read), then the framing stage itself ``--rounds``
times per variant, alternating (the order reversed every other round), each round with the model's
prediction cache emptied, and reports:

- the model's inputs: (sentence, target) items, distinct items, distinct encoded inputs (= runs of
  the model), the items scored twice, token lengths (mean, median, histogram, at the window's cap),
  the padding a batch would carry (per stage call, in input order and sorted by length; the stage
  does not batch: issue 18), and items whose prediction no stored record counts;
- per variant: the stage's CPU seconds, the share inside onnxruntime's ``session.run``, and a digest
  of the framing records (byte-identical outputs have equal digests);
- with ``--newsmtsc FILE``: macro-F1 and accuracy of each variant's model on that file.

Variants: ``shipped`` (the stage as configured) and ``window-N`` for each ``--window N`` (the
stage's ``max_len`` option, a context window of N tokens around the target).

    OMP_NUM_THREADS=1 python benchmarks/framing_inputs.py --limit 100 --rounds 2 [--window 40]
        [--newsmtsc ../shared/data/sentiment/newsmtsc/devtest_mt.jsonl] [--json FILE]
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import dataclasses  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from common import REPO  # noqa: E402,F401  (puts the repository's src on sys.path)
from fakes_corpus import read_fakes  # noqa: E402

from sitrep.pipeline import build_pipeline  # noqa: E402
from sitrep.records import Analysis  # noqa: E402
from sitrep.stages.base import pipe  # noqa: E402
from sitrep.stages.framing.newsmtsc import read_newsmtsc  # noqa: E402
from sitrep.stages.framing.scorer import score  # noqa: E402
from sitrep.stages.framing.sentiment import TargetSentimentModel  # noqa: E402
from sitrep.stages.framing.stage import FramingStage  # noqa: E402


@dataclasses.dataclass(slots=True)
class Tap:
    """What one variant's model was asked and what its ``session.run`` cost."""

    calls: list[list[tuple[str, int, int]]] = dataclasses.field(default_factory=list)
    lengths: list[int] = dataclasses.field(default_factory=list)
    session_cpu: float = 0.0


class _Session:
    """onnxruntime's session, its ``run`` timed in CPU seconds of this process."""

    def __init__(self, inner: Any, tap: Tap) -> None:
        self.inner, self.tap = inner, tap

    def run(self, *args: Any, **kwargs: Any) -> Any:
        c0 = time.process_time()
        out = self.inner.run(*args, **kwargs)
        self.tap.session_cpu += time.process_time() - c0
        self.tap.lengths.append(int(kwargs["input_feed"]["input_ids"].shape[1]) if "input_feed" in kwargs
                                else int(args[1]["input_ids"].shape[1]))
        return out


def tap_model(model: TargetSentimentModel, tap: Tap) -> None:
    """Record every ``predict`` call's items and every run's length and CPU on ``model``."""
    predict = model.predict

    def recorded(items: Any) -> Any:
        tap.calls.append(list(items))
        return predict(items)

    model.predict = recorded  # type: ignore[method-assign]
    model.session = _Session(model.session, tap)


def padding(calls: list[list[int]], batch: int, *, by_length: bool) -> dict[str, float]:
    """Pad tokens if each call's runs went in batches of ``batch`` (input order or sorted)."""
    real = pad = 0
    for lengths in calls:
        order = sorted(lengths) if by_length else lengths
        for i in range(0, len(order), batch):
            chunk = order[i:i + batch]
            real += sum(chunk)
            pad += max(chunk) * len(chunk) - sum(chunk)
    return {"real_tokens": real, "pad_tokens": pad, "pad_share": round(pad / (real + pad), 4) if real else 0.0}


def input_profile(model: TargetSentimentModel, calls: list[list[tuple[str, int, int]]],
                  framed: list[Analysis]) -> dict[str, Any]:
    """The items of one round: counts, duplicates, token lengths, padding, unused items."""
    items = [it for call in calls for it in call]
    encoded = [[model.encode(*it) for it in call] for call in calls]
    keys = [(e.marker, tuple(e.ids)) for call in encoded for e in call]
    distinct = list(dict.fromkeys(keys))
    lengths = [len(k[1]) for k in distinct]
    per_call = [[len(k[1]) for k in dict.fromkeys((e.marker, tuple(e.ids)) for e in call)] for call in encoded]
    stored = sum(f.sentiment.n for a in framed for f in a.framings if f.sentiment)
    return {
        "predict_calls": len(calls), "items": len(items), "distinct_items": len(set(items)),
        "distinct_inputs": len(distinct), "items_scored_again": len(items) - len(distinct),
        "distinct_sentences": len({it[0] for it in items}),
        "items_counted_in_records": stored, "items_not_counted": len(items) - stored,
        "tokens": {"mean": round(statistics.mean(lengths), 2), "median": statistics.median(lengths),
                   "min": min(lengths), "max": max(lengths), "total": sum(lengths),
                   "at_cap": sum(1 for n in lengths if n >= model.max_len),
                   "histogram_by_8": sorted(Counter(n // 8 * 8 for n in lengths).items())},
        "padding_if_batched": {f"{b}_{'sorted' if s else 'input_order'}": padding(per_call, b, by_length=s)
                               for b in (8, 16) for s in (False, True)},
    }


def digest(analyses: list[Analysis]) -> str:
    """sha256 of the framing records, in document order."""
    rows = [[dataclasses.asdict(f) for f in a.framings] for a in analyses]
    return hashlib.sha256(json.dumps(rows, sort_keys=True).encode()).hexdigest()


def run_round(stage: FramingStage, tap: Tap, upstream: list[Analysis]) -> tuple[list[Analysis], dict[str, Any]]:
    """One pass of the framing stage over ``upstream``, the model's cache emptied first."""
    stage.model._cache.clear()  # type: ignore[union-attr]
    tap.calls.clear(), tap.lengths.clear()
    tap.session_cpu = 0.0
    c0 = time.process_time()
    framed = list(pipe(stage, upstream))
    cpu = time.process_time() - c0
    return framed, {"cpu": round(cpu, 4), "session_run_cpu": round(tap.session_cpu, 4),
                    "runs": len(tap.lengths), "digest": digest(framed)}


def newsmtsc_scores(model: TargetSentimentModel, path: Path) -> dict[str, Any]:
    """Macro-F1 and accuracy of ``model`` on a NewsMTSC file (cache emptied first)."""
    model._cache.clear()
    examples = read_newsmtsc(path)
    preds = model.predict([(e.sentence, e.start, e.end) for e in examples])
    return score([e.label for e in examples], [p.label for p in preds])


def build_variants(resources: Any, windows: list[int]) -> dict[str, tuple[FramingStage, Tap]]:
    """The shipped stage and one stage per window, each with its own (tapped) model."""
    out: dict[str, tuple[FramingStage, Tap]] = {}
    for name, options in [("shipped", {}), *((f"window-{w}", {"max_len": w}) for w in windows)]:
        stage = FramingStage.from_resources(resources, **options)
        tap = Tap()
        assert stage.model is not None, "the framing stage has no sentiment model"
        tap_model(stage.model, tap)
        out[name] = (stage, tap)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--window", type=int, action="append", default=[], help="a window variant (tokens)")
    ap.add_argument("--newsmtsc", type=Path, default=None, help="also score each variant on this file")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    docs = read_fakes(limit=args.limit)
    pipeline = build_pipeline(only=["framing"])
    list(pipeline.analyze([docs[0]]))  # warm-up
    upstream = [Analysis(document=d) for d in docs]
    for stage in pipeline.stages:
        if stage.name != "framing":
            upstream = list(pipe(stage, upstream))
    variants = build_variants(pipeline.stage("framing").resources, args.window)
    names = list(variants)
    rounds: dict[str, list[dict[str, Any]]] = {n: [] for n in names}
    profile: dict[str, Any] = {}
    for r in range(args.rounds):
        for name in names if r % 2 == 0 else names[::-1]:
            stage, tap = variants[name]
            framed, figures = run_round(stage, tap, upstream)
            rounds[name].append(figures)
            if r == 0:
                assert stage.model is not None
                profile[name] = input_profile(stage.model, tap.calls, framed)
    result: dict[str, Any] = {"limit": args.limit, "documents": len(docs), "rounds": rounds, "inputs": profile,
                              "load": os.getloadavg()}
    if args.newsmtsc:
        result["newsmtsc"] = {n: newsmtsc_scores(s.model, args.newsmtsc)  # type: ignore[arg-type]
                              for n, (s, _) in variants.items()}
    print(json.dumps(result, indent=1))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
