"""Speed: the time the casualties stage adds to the analysis of ``sitrep run`` (one run).

Runs every pipeline stage, in pipeline order, over the FA-KES development articles (rows
with an even ``unit_id``; odd rows are held out and never read), timing each stage, and
reports ``ratio = (all stages) / (all stages but casualties)``; target ≤ 1.05. The time of
ingest and of the database writes is left out of the denominator, so the ratio is an upper
bound of what the stage adds to ``sitrep run``. Before each stage the garbage the earlier stages
left is collected outside the stage's timer (``gc_seconds``, reported apart): otherwise a full
collection of the parse's and the other stages' objects lands on whichever stage happens to be
running (measured 2026-12-04: 0.2 s of the casualties stage's 1.5 s on merged main, with the
stage's own CPU unchanged; docs/benchmarks.md, issue 12). Writes
``benchmarks/results/casualties_speed.json``.

Usage: ``OMP_NUM_THREADS=1 python benchmarks/casualties_speed.py [--limit N]``.
"""

from __future__ import annotations

import argparse
import gc
import json
import time

from common import REPO, fakes_dev_rows  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.pipeline import build_pipeline  # noqa: E402
from sitrep.records import Analysis, Document  # noqa: E402
from sitrep.stages.base import pipe  # noqa: E402

OUT = REPO / "benchmarks" / "results" / "casualties_speed.json"


def development_documents(limit: int | None) -> list[Document]:
    """FA-KES development rows (even unit_id) as documents; held-out rows are never read."""
    docs = [Document(id=f"fakes-{i}", sha256=str(i), text=row["article_content"])
            for i, row in enumerate(fakes_dev_rows())]
    return docs[:limit] if limit else docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    pipeline = build_pipeline()
    stages = [(s.name, s) for s in pipeline.stages]
    docs = development_documents(args.limit)
    analyses = [Analysis(document=d) for d in docs]
    pipeline.resources.nlp("warm up the pipeline")
    seconds: dict[str, float] = {}
    gc_seconds = 0.0
    for name, stage in stages:
        start = time.perf_counter()
        gc.collect()  # the earlier stages' garbage, not this stage's work
        gc_seconds += time.perf_counter() - start
        start = time.perf_counter()
        analyses = list(pipe(stage, analyses))
        seconds[name] = round(time.perf_counter() - start, 3)
    total = sum(seconds.values())
    without = total - seconds["casualties"]
    figures = sum(len(a.casualties) + sum(len(e.casualties) for e in a.events) for a in analyses)
    result = {
        "documents": len(docs),
        "characters": sum(len(d.text) for d in docs),
        "stage_seconds": seconds,
        "gc_seconds": round(gc_seconds, 3),
        "figures": figures,
        "ratio_all_over_all_but_casualties": round(total / without, 4),
    }
    print(f"FA-KES development rows: {len(docs)} documents, {figures} casualty figures")
    print("  " + ", ".join(f"{k} {v:.1f}s" for k, v in seconds.items()) + f" (garbage collected between stages {gc_seconds:.1f}s)")
    print(f"casualties stage adds {100 * seconds['casualties'] / without:.2f}% to the analysis "
          f"(ratio {result['ratio_all_over_all_but_casualties']:.4f}; target <= 1.05)")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
