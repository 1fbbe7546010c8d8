"""One stage alone, its CPU seconds per round over the first ``--limit`` FA-KES development rows
(issue 16: an exact saving in one stage measured alone, the trees alternated by the caller).

Builds the pipeline (warmed up), runs every stage before ``--stage`` once over the article bodies
(even ``unit_id`` rows only; held-out rows are never read), freezes the loaded objects for the
garbage collector as a prepared run's process has them (``workflow.prepare_process``), then runs
the stage ``--rounds`` times over the same analyses and prints each round's CPU seconds
(``time.process_time``) and the number of records it made. The first round is the one a real run
resembles (caches a stage fills per process start cold there); later rounds read them warm.

    OMP_NUM_THREADS=1 python benchmarks/stage_cpu.py --stage events [--limit 100] [--rounds 3]
"""

from __future__ import annotations

import argparse
import gc
import json
import time

from common import fakes_dev_rows  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.pipeline import build_pipeline  # noqa: E402
from sitrep.records import Analysis, Document  # noqa: E402
from sitrep.stages.base import pipe  # noqa: E402

#: the Analysis field each stage writes its records to (counted, a check that the trees agree)
FIELDS = {"place": "places", "events": "events", "time": "times", "actors": "mentions", "quotes": "quotes",
          "casualties": "casualties", "framing": "framings"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stage", required=True, choices=sorted(FIELDS))
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    texts = [row["article_content"] for row in fakes_dev_rows()[:args.limit]]
    pipeline = build_pipeline()
    pipeline.warm_up()
    names = [s.name for s in pipeline.stages]
    k = names.index(args.stage)
    stream = iter([Analysis(Document(id=str(i), sha256=str(i), text=t)) for i, t in enumerate(texts)])
    for stage in pipeline.stages[:k]:
        stream = pipe(stage, stream)
    before = list(stream)
    stage = pipeline.stages[k]
    gc.collect(1)
    gc.freeze()
    cpu, records = [], 0
    for _ in range(args.rounds):
        start = time.process_time()
        out = [stage(a) for a in before]
        cpu.append(round(time.process_time() - start, 3))
        records = sum(len(getattr(a, FIELDS[args.stage])) for a in out)
    print(json.dumps({"stage": args.stage, "documents": len(before), "records": records, "cpu": cpu}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
