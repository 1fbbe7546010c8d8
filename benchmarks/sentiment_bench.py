"""Target-dependent sentiment on NewsMTSC devtest_mt: sitrep vs VADER vs TextBlob, one run.

VADER (vaderSentiment) and TextBlob score the whole sentence, so they give every
target in it the same label (target-agnostic baselines); their standard cut-offs
are used (VADER compound >= 0.05 positive, <= -0.05 negative; TextBlob polarity
> 0 positive, < 0 negative). sitrep runs the framing stage's own sentiment model,
taken from the pipeline ``sitrep eval sentiment`` builds (the shipped ONNX model, one
thread, the stage's 64-token context window); speed = targets per second over the
whole file, tokenisation included, both per
second of wall time and per CPU-second of the process (the one-core figure when
the machine is shared).

    OMP_NUM_THREADS=1 python benchmarks/sentiment_bench.py [--data FILE] [--out FILE.json]

Needs the ``bench`` extra (vaderSentiment, textblob).
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from common import REPO  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.evaluation import build_for, get_task  # noqa: E402
from sitrep.stages.framing.newsmtsc import read_newsmtsc  # noqa: E402
from sitrep.stages.framing.scorer import score  # noqa: E402

SHARED = Path(os.environ.get("SITREP_SHARED", REPO.parent / "shared")) / "data"
DEFAULT_DATA = SHARED / "sentiment" / "newsmtsc" / "devtest_mt.jsonl"


def vader_labels(sentences: list[str]) -> list[str]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    out = []
    for s in sentences:
        c = analyzer.polarity_scores(s)["compound"]
        out.append("positive" if c >= 0.05 else "negative" if c <= -0.05 else "neutral")
    return out


def textblob_labels(sentences: list[str]) -> list[str]:
    from textblob import TextBlob

    out = []
    for s in sentences:
        p = TextBlob(s).sentiment.polarity
        out.append("positive" if p > 0 else "negative" if p < 0 else "neutral")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "sentiment_bench.json")
    args = ap.parse_args()
    examples = read_newsmtsc(args.data)
    gold = [e.label for e in examples]
    sentences = [e.sentence for e in examples]

    model = build_for(get_task("sentiment")).stage("framing").model  # type: ignore[attr-defined]
    model.predict([(sentences[0], examples[0].start, examples[0].end)])  # warm-up
    t0, c0 = time.perf_counter(), time.process_time()
    preds = model.predict([(e.sentence, e.start, e.end) for e in examples])
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0

    rows = {
        "sitrep": score(gold, [p.label for p in preds]),
        "vader": score(gold, vader_labels(sentences)),
        "textblob": score(gold, textblob_labels(sentences)),
        "majority (neutral)": score(gold, ["neutral"] * len(gold)),
    }
    speed, cpu_speed = len(examples) / seconds, len(examples) / cpu
    print(f"NewsMTSC {args.data.name}: {len(examples)} targets")
    print(f"{'system':<20} {'F1 macro':>9} {'accuracy':>9}")
    for name, r in rows.items():
        print(f"{name:<20} {r['f1_macro']:>9.4f} {r['accuracy']:>9.4f}")
    print(f"sitrep speed, 1 thread: {speed:.0f} targets/s wall ({seconds:.2f} s), "
          f"{cpu_speed:.0f} targets per CPU-second ({cpu:.2f} s CPU; wall is lower when the machine is shared)")
    result = {"data": str(args.data.name), "n": len(examples), "systems": rows,
              "sitrep_targets_per_second_wall": round(speed, 1),
              "sitrep_targets_per_cpu_second": round(cpu_speed, 1),
              "load_average": os.getloadavg()[0], "model": model.meta.get("model"),
              "max_len": model.max_len}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
