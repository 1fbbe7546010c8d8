"""Time the place stage against the parse stage alone on the FA-KES corpus (one run, ratio).

Parses every article once (timed), runs the actors stage (untimed: the place stage
reads its mentions), then the place stage (timed); reports the place stage's added
time as a share of parse time. Gazetteer loading and stage construction (pattern
compilation, models) are timed separately: paid once per process. The gazetteer
load is timed in a fresh state (its per-process cache cleared) before the stage is built.

    PYTHONPATH=src OMP_NUM_THREADS=1 python benchmarks/place_speed.py [--limit N] [--rounds R] [--json out.json]

``--rounds R`` runs the place stage R times over the same parsed articles and reports each
round's CPU seconds (``place_cpu_rounds``; wall time: ``place_seconds``, the first round), with the
loaded objects frozen for the garbage collector first, as a prepared run's process has them
(``workflow.prepare_process``): so the stage's own CPU, for alternating two trees' runs.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path

from actors_speed import articles
from common import fakes_csv


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    if not fakes_csv().is_file():
        sys.exit(f"FA-KES corpus not found at {fakes_csv()}")
    from sitrep.nlp import load_nlp
    from sitrep.records import Document
    from sitrep.stages.actors import ActorStage
    from sitrep.stages.base import Analysis
    from sitrep.stages.parse import ParseStage
    from sitrep.stages.place.gazetteer import load_gazetteer
    from sitrep.stages.place.stage import PlaceStage

    texts = articles(args.limit)
    nlp = load_nlp()
    parse = ParseStage(nlp)
    actors = ActorStage(nlp)
    load_gazetteer.cache_clear()
    t0 = time.perf_counter()
    gaz = load_gazetteer()
    gaz.lookup("Aleppo")  # the first lookup builds the name index
    gaz_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    stage = PlaceStage(nlp, gazetteer=gaz)
    build = time.perf_counter() - t0
    docs = [Analysis(Document(id=str(i), sha256=str(i), text=t)) for i, t in enumerate(texts)]
    t0 = time.perf_counter()
    parsed = list(parse.pipe(docs))
    parse_s = time.perf_counter() - t0
    with_actors = [actors(a) for a in parsed]
    gc.collect(1)
    gc.freeze()
    cpu = []
    place_s = 0.0
    for r in range(args.rounds):
        t0, c0 = time.perf_counter(), time.process_time()
        out = [stage(a) for a in with_actors]
        cpu.append(round(time.process_time() - c0, 3))
        if r == 0:
            place_s = time.perf_counter() - t0
    places = sum(len(a.places) for a in out)
    result = {
        "documents": len(texts), "places": places, "parse_seconds": round(parse_s, 2),
        "place_seconds": round(place_s, 2), "place_added_ratio": round(place_s / parse_s, 4),
        "gazetteer_load_seconds": round(gaz_s, 2), "stage_build_seconds": round(build, 2),
        "place_cpu_rounds": cpu,
    }
    print(json.dumps(result, indent=1))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
