"""What batch-independent sentiment costs: accuracy and speed, batched vs each target alone.

The shipped int8 model quantizes its activations with one scale per input tensor, so a
target's scores used to depend on the other targets padded into its batch. sitrep now
runs each target alone (``TargetSentimentModel.predict``). This script keeps the old
batched inference (32 targets sorted by length, as before) as a reference and measures,
in one run:

1. NewsMTSC devtest_mt: macro-F1 and accuracy of both, labels that changed, and a paired
   bootstrap of the F1 difference (1,000 resamples, seed 0);
2. FA-KES (even ``unit_id`` rows only; the odd ones are held out): framing-stage CPU time,
   batched vs alone, alternating rounds (ratios only: the machine is shared);
3. the same FA-KES analyses framed with 16 documents per sentiment batch vs 1: how many
   framing records differ, with the old inference and with the current one.

    OMP_NUM_THREADS=1 python benchmarks/sentiment_batching.py [--limit 200] [--rounds 3]
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import csv  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402

import numpy as np  # noqa: E402
from common import REPO, shared_dir  # noqa: E402

from sitrep.marker_encoding import pad_batch  # noqa: E402
from sitrep.records import Document  # noqa: E402
from sitrep.stages.base import Analysis  # noqa: E402
from sitrep.stages.framing.newsmtsc import read_newsmtsc  # noqa: E402
from sitrep.stages.framing.scorer import score  # noqa: E402
from sitrep.stages.framing.sentiment import (  # noqa: E402
    TargetPrediction,
    TargetSentimentModel,
    _softmax,
)

Predict = Callable[[Sequence[tuple[str, int, int]]], list[TargetPrediction]]


def batched(model: TargetSentimentModel, size: int = 32) -> Predict:
    """The former inference: batches of ``size`` targets sorted by length, right-padded.

    Needs a graph with an ``attention_mask`` input: the shipped one is slimmed for one input at a
    time (``scripts/slim_sentiment.py``), so pass an unslimmed export's folder as the model."""
    if not any(i.name == "attention_mask" for i in model.session.get_inputs()):
        raise SystemExit("sentiment_batching.py: the model graph is slimmed (no attention_mask input, one "
                         "input per run); batched inference needs an unslimmed export "
                         "(scripts/train_sentiment.py writes one before slimming; see slim_sentiment.py)")

    def predict(items: Sequence[tuple[str, int, int]]) -> list[TargetPrediction]:
        encoded = [model.encode(*it) for it in items]
        out: list[TargetPrediction | None] = [None] * len(encoded)
        order = sorted(range(len(encoded)), key=lambda i: len(encoded[i].ids))
        pos, neg = model.labels.index("positive"), model.labels.index("negative")
        for k in range(0, len(order), size):
            idx = order[k:k + size]
            ids, mask, marker = pad_batch([encoded[i] for i in idx])
            logits = model.session.run(None, {"input_ids": np.asarray(ids, dtype=np.int64),
                                              "attention_mask": np.asarray(mask, dtype=np.int64),
                                              "marker": np.asarray(marker, dtype=np.int64)})[0]
            for i, p in zip(idx, _softmax(np.asarray(logits, dtype=np.float64)), strict=False):
                out[i] = TargetPrediction(model.labels[int(p.argmax())], float(p[pos] - p[neg]),
                                          tuple(float(x) for x in p))
        return [p for p in out if p is not None]

    return predict


def newsmtsc(model: TargetSentimentModel, alone: Predict, old: Predict) -> dict:
    examples = read_newsmtsc(shared_dir() / "sentiment" / "newsmtsc" / "devtest_mt.jsonl")
    items = [(e.sentence, e.start, e.end) for e in examples]
    gold = [e.label for e in examples]
    a = [p.label for p in alone(items)]
    b = [p.label for p in old(items)]
    rng = random.Random(0)
    diffs = []
    for _ in range(1000):
        idx = [rng.randrange(len(gold)) for _ in gold]
        g, x, y = ([labels[i] for i in idx] for labels in (gold, a, b))
        diffs.append(score(g, x)["f1_macro"] - score(g, y)["f1_macro"])
    diffs.sort()
    return {
        "n": len(gold), "batched": score(gold, b), "alone": score(gold, a),
        "labels_changed": sum(x != y for x, y in zip(a, b, strict=False)),
        "changed_and_now_right": sum(x != y and x == g for x, y, g in zip(a, b, gold, strict=False)),
        "changed_and_now_wrong": sum(x != y and y == g for x, y, g in zip(a, b, gold, strict=False)),
        "f1_difference_95ci": [round(diffs[24], 4), round(diffs[974], 4)],
    }


def fakes_documents(limit: int) -> list[Document]:
    docs = []
    with (shared_dir() / "corpus" / "fakes" / "FA-KES-Dataset.csv").open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh), start=1):
            if not row["unit_id"].isdigit() or int(row["unit_id"]) % 2:
                continue  # held out
            text = row["article_content"]
            docs.append(Document(id=f"row{n}", sha256=hashlib.sha256(text.encode()).hexdigest(), text=text))
            if len(docs) >= limit:
                break
    return docs


def framing_runs(limit: int, rounds: int) -> dict:
    from sitrep.nlp import load_nlp
    from sitrep.stages.actors import ActorStage
    from sitrep.stages.framing import FramingStage
    from sitrep.stages.parse import ParseStage

    docs = fakes_documents(limit)
    nlp = load_nlp()
    parse, actors = ParseStage(nlp), ActorStage(nlp)
    resolved = [actors(a) for a in parse.pipe(Analysis(document=d) for d in docs)]
    framing = FramingStage(nlp)
    model = framing.model
    alone, old = model.predict, batched(model)
    list(framing.pipe(resolved[:5]))  # warm-up
    cpu: dict[str, list[float]] = {"batched": [], "alone": []}
    for _ in range(rounds):
        for name, fn in (("batched", old), ("alone", alone)):
            model.predict = fn  # type: ignore[method-assign]
            c0 = time.process_time()
            list(framing.pipe(resolved))
            cpu[name].append(time.process_time() - c0)

    def differing(fn: Predict) -> int:
        model.predict = fn  # type: ignore[method-assign]
        runs = []
        for per_batch in (16, 1):
            framing.batch_documents = per_batch
            runs.append([json.dumps(f.to_dict(), sort_keys=True) for a in framing.pipe(resolved) for f in a.framings])
        return sum(x != y for x, y in zip(*runs, strict=False))

    n_framings = sum(len(a.framings) for a in framing.pipe(resolved))
    result = {
        "documents": len(docs), "words": sum(len(d.text.split()) for d in docs), "framing_records": n_framings,
        "framing_cpu_seconds": {k: [round(x, 2) for x in v] for k, v in cpu.items()},
        "alone_vs_batched_cpu": round(statistics.median(cpu["alone"]) / statistics.median(cpu["batched"]), 3),
        "framings_differing_16_vs_1_docs_per_batch": {"batched": differing(old), "alone": differing(alone)},
    }
    model.predict = alone  # type: ignore[method-assign]
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=200, help="FA-KES development rows to frame")
    ap.add_argument("--rounds", type=int, default=3, help="alternating timing rounds")
    ap.add_argument("--out", default=str(REPO / "benchmarks" / "results" / "sentiment_batching.json"))
    args = ap.parse_args()
    model = TargetSentimentModel(threads=1)
    result = {"newsmtsc": newsmtsc(model, model.predict, batched(model)),
              "fakes": framing_runs(args.limit, args.rounds), "load_average": os.getloadavg()[0]}
    print(json.dumps(result, indent=1))
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
