"""Cost of the framing stage relative to parsing, on FA-KES, in one run.

Builds the pipeline ``build_pipeline(only=["framing"])`` gives (the framing stage and
every stage it reads from: parse, actors, time, place, events, quotes) and runs N
articles through it stage by stage, timing each stage separately in CPU seconds of
this process (one thread everywhere; CPU time is the fair measure on a shared
machine) and in wall seconds. The budget: framing <= 30 % of parse time.

    OMP_NUM_THREADS=1 python benchmarks/framing_speed.py [--limit 200] [--out FILE.json]
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from common import REPO  # noqa: E402  (puts the repository's src on sys.path)
from fakes_corpus import read_fakes  # noqa: E402

from sitrep.pipeline import build_pipeline  # noqa: E402
from sitrep.records import Analysis  # noqa: E402
from sitrep.stages.base import pipe  # noqa: E402


def _timed(fn):  # type: ignore[no-untyped-def]
    c0, t0 = time.process_time(), time.perf_counter()
    out = fn()
    return out, time.process_time() - c0, time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--per-100-words", type=float, default=None,
                    help="FramingStage targets_per_100_words (default: the stage's default; 0 = no limit)")
    ap.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "framing_speed.json")
    args = ap.parse_args()
    docs = read_fakes(limit=args.limit)
    options = {} if args.per_100_words is None else {"framing": {"targets_per_100_words": args.per_100_words or None}}
    pipeline = build_pipeline(only=["framing"], options=options)
    framing = pipeline.stage("framing")
    list(pipeline.analyze([docs[0]]))  # warm-up

    cpu: dict[str, float] = {}
    wall: dict[str, float] = {}
    analyses = [Analysis(document=d) for d in docs]
    done: dict[str, list[Analysis]] = {}
    for stage in pipeline.stages:
        analyses, cpu[stage.name], wall[stage.name] = _timed(lambda s=stage, a=analyses: list(pipe(s, a)))
        done[stage.name] = analyses
    resolved, framed = done["actors"], done["framing"]
    parse_cpu, actors_cpu, framing_cpu = cpu["parse"], cpu["actors"], cpu["framing"]
    n_mentions = sum(len(a.mentions) for a in resolved)
    n_scored = sum(f.sentiment.n for a in framed for f in a.framings if f.sentiment)
    words = sum(len(d.text.split()) for d in docs)
    analyze_cpu = parse_cpu + actors_cpu + framing_cpu
    result = {
        "documents": len(docs), "words": words, "mentions": n_mentions, "sentiment_targets": n_scored,
        "cpu_seconds": {k: round(v, 2) for k, v in cpu.items()},
        "wall_seconds": {k: round(v, 2) for k, v in wall.items()},
        "framing_vs_parse": round(framing_cpu / parse_cpu, 3),
        "framing_share_of_analyze": round(framing_cpu / analyze_cpu, 3),
        "framing_targets_per_cpu_second": round(n_scored / framing_cpu, 1) if framing_cpu else None,
        "targets_per_100_words": framing.targets_per_100_words,  # type: ignore[attr-defined]
        "load_average": os.getloadavg()[0],
    }
    print(f"FA-KES, {len(docs)} articles, {words} words, {n_mentions} mentions, {n_scored} sentiment targets")
    print(f"{'stage':<10} {'CPU s':>8} {'wall s':>8}")
    for stage in cpu:
        print(f"{stage:<10} {result['cpu_seconds'][stage]:>8.2f} {result['wall_seconds'][stage]:>8.2f}")
    print(f"framing / parse (CPU): {result['framing_vs_parse']:.1%}; "
          f"framing share of parse+actors+framing: {result['framing_share_of_analyze']:.1%}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
