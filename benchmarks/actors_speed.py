"""Time the actor stage against the parse stage alone on the FA-KES corpus (one run, ratio).

Parses every article once (timed), then runs the actor stage on the parsed
analyses (timed); reports the actor stage's added time as a share of parse time.
Stage construction (KB load, pattern compilation) is timed separately: it is
paid once per process.

    PYTHONPATH=src python benchmarks/actors_speed.py [--limit N] [--json out.json]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FAKES = Path(os.environ.get("SITREP_SHARED", REPO.parent / "shared")) / "data" / "corpus" / "fakes" / "FA-KES-Dataset.csv"


def articles(limit: int | None) -> list[str]:
    with FAKES.open(encoding="utf-8", newline="") as fh:
        texts = [row["article_content"] for row in csv.DictReader(fh) if row.get("article_content")]
    return texts[:limit] if limit else texts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    if not FAKES.is_file():
        sys.exit(f"FA-KES corpus not found at {FAKES}")
    from sitrep.nlp import load_nlp
    from sitrep.records import Document
    from sitrep.stages.actors import ActorStage
    from sitrep.stages.base import Analysis
    from sitrep.stages.parse import ParseStage

    texts = articles(args.limit)
    nlp = load_nlp()
    parse = ParseStage(nlp)
    t0 = time.perf_counter()
    stage = ActorStage(nlp)
    build = time.perf_counter() - t0
    docs = [Analysis(Document(id=str(i), sha256=str(i), text=t)) for i, t in enumerate(texts)]
    t0 = time.perf_counter()
    parsed = list(parse.pipe(docs))
    parse_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    out = [stage(a) for a in parsed]
    actors_s = time.perf_counter() - t0
    mentions = sum(len(a.mentions) for a in out)
    words = sum(len(a.doc) for a in parsed)
    result = {
        "documents": len(texts), "tokens": words, "mentions": mentions,
        "parse_seconds": round(parse_s, 2), "actors_seconds": round(actors_s, 2),
        "actors_added_ratio": round(actors_s / parse_s, 4), "stage_build_seconds": round(build, 2),
    }
    print(f"{'documents':>10} {'tokens':>8} {'parse s':>8} {'actors s':>9} {'added':>7} {'build s':>8}")
    print(f"{len(texts):10} {words:8} {parse_s:8.2f} {actors_s:9.2f} {actors_s / parse_s:7.1%} {build:8.2f}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
