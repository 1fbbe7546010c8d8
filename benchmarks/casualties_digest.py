"""Exactness proof for speed work on the casualties stage (issue 12): a digest of the stage's output.

Runs every stage before ``casualties`` over the FA-KES development articles (rows with an even
``unit_id``, as ``casualties_speed.py`` builds them; odd rows are held out and never read) and
the seed articles, then the casualties stage alone, and prints

- ``casualties``: sha256 of the JSON of every casualty record (each event's figures, then the
  figures on no event), document by document in input order;
- ``writes``: sha256 of the JSON of everything the stage writes (the events, with their figures
  and sources, and the loose figures), document by document.

Run it before and after a change: equal digests prove the change leaves every output as it was.
``--documents FILE`` writes one digest per document (to find the one that differs);
``--profile N`` also prints the casualties stage's cProfile, top ``N`` functions by own time and
by cumulative time; ``--repeat K`` times the stage ``K`` times on the same input (best of, wall
and CPU seconds; CPU time is the steadier figure on a shared machine).

    OMP_NUM_THREADS=1 python benchmarks/casualties_digest.py [--profile 40] [--documents /tmp/d.json]
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import gc
import hashlib
import io
import json
import pstats
import time
from pathlib import Path
from typing import Any

from common import fakes_dev_rows, shared_dir  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.ingest import read_inputs  # noqa: E402
from sitrep.pipeline import build_pipeline  # noqa: E402
from sitrep.records import Analysis, Document  # noqa: E402
from sitrep.stages.base import pipe  # noqa: E402


def documents() -> list[Document]:
    """FA-KES development rows (even unit_id), as ``casualties_speed.py`` builds them, then the seeds."""
    fakes = [Document(id=f"fakes-{i}", sha256=str(i), text=row["article_content"])
             for i, row in enumerate(fakes_dev_rows())]
    seeds = [d for d in read_inputs([str(shared_dir() / "corpus" / "seeds")]) if isinstance(d, Document)]
    return fakes + seeds


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)


def figures_of(analysis: Analysis) -> list[dict[str, Any]]:
    """Every casualty record of an analysis: each event's, in event order, then the loose ones."""
    out = [dataclasses.asdict(c) for e in analysis.events for c in e.casualties]
    return out + [dataclasses.asdict(c) for c in analysis.casualties]


def writes_of(analysis: Analysis) -> dict[str, Any]:
    """What the casualties stage writes: the events (figures and sources on them) and the loose figures."""
    return {"events": [dataclasses.asdict(e) for e in analysis.events],
            "casualties": [dataclasses.asdict(c) for c in analysis.casualties]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", type=int, default=0, help="print the stage's top N functions")
    parser.add_argument("--documents", type=Path, help="write each document's digests here")
    parser.add_argument("--repeat", type=int, default=1, help="time the stage this many times")
    parser.add_argument("--dump", type=Path, help="with --profile: write the raw cProfile stats here")
    parser.add_argument("--count-access", type=int, default=0,
                        help="count spaCy Token/Span/Doc attribute reads and indexing by caller; print the top N")
    args = parser.parse_args()
    if args.count_access:
        import casualties_access

        casualties_access.install()
    pipeline = build_pipeline()
    names = [s.name for s in pipeline.stages]
    cut = names.index("casualties")
    docs = documents()
    analyses = [Analysis(document=d) for d in docs]
    pipeline.resources.nlp("warm up the pipeline")
    for stage in pipeline.stages[:cut]:
        analyses = list(pipe(stage, analyses))
    stage = pipeline.stages[cut]
    seconds, cpu = [], []
    for _ in range(args.repeat):
        gc.collect()  # the upstream stages' and the last repeat's garbage, not this run's work
        start, start_cpu = time.perf_counter(), time.process_time()
        done = list(pipe(stage, analyses))
        seconds.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        done = list(pipe(stage, analyses))
        profiler.disable()
        for order in ("tottime", "cumulative"):
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(args.profile)
            print(out.getvalue())
        if args.dump:
            profiler.dump_stats(str(args.dump))
    if args.count_access:
        casualties_access.report(args.count_access)
    per_doc = [{"id": a.document.id, "casualties": hashlib.sha256(_json(figures_of(a)).encode()).hexdigest(),
                "writes": hashlib.sha256(_json(writes_of(a)).encode()).hexdigest()} for a in done]
    figures = sum(len(figures_of(a)) for a in done)
    everything = {"casualties": hashlib.sha256(_json([figures_of(a) for a in done]).encode()).hexdigest(),
                  "writes": hashlib.sha256(_json([writes_of(a) for a in done]).encode()).hexdigest()}
    fakes = sum(d.id.startswith("fakes-") for d in docs)
    print(f"{len(docs)} documents ({fakes} FA-KES development rows + {len(docs) - fakes} seeds), {figures} casualty records")
    print(f"casualties stage: best of {args.repeat}: {min(seconds):.2f}s wall, {min(cpu):.2f}s CPU "
          f"(CPU of each: {', '.join(f'{c:.2f}' for c in cpu)})")
    print(f"digest casualties {everything['casualties']}")
    print(f"digest writes     {everything['writes']}")
    if args.documents:
        args.documents.write_text(json.dumps(per_doc, indent=0) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
