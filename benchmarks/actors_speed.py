"""Time the actor stage against the parse stage alone on the FA-KES corpus (one run, ratio).

Parses every development article (even unit_id; held-out rows are never read) once
(timed), then runs the actor stage on the parsed analyses (timed); reports the actor
stage's added time as a share of parse time. Both stages come from
``build_pipeline(only=["actors"])``. Stage construction (KB load, town names, pattern
compilation) is timed separately: it is paid once per process.

    python benchmarks/actors_speed.py [--limit N] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from common import fakes_dev_rows  # noqa: E402  (puts the repository's src on sys.path)


def articles(limit: int | None) -> list[str]:
    texts = [row["article_content"] for row in fakes_dev_rows() if row.get("article_content")]
    return texts[:limit] if limit else texts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    from sitrep.pipeline import build_pipeline
    from sitrep.records import Analysis, Document
    from sitrep.resources import Resources

    texts = articles(args.limit)
    resources = Resources()
    resources.nlp  # noqa: B018 - load the spaCy pipeline outside the timed build
    t0 = time.perf_counter()
    pipeline = build_pipeline(only=["actors"], resources=resources)
    build = time.perf_counter() - t0
    parse, stage = pipeline.stage("parse"), pipeline.stage("actors")
    docs = [Analysis(Document(id=str(i), sha256=str(i), text=t)) for i, t in enumerate(texts)]
    t0 = time.perf_counter()
    parsed = list(parse.pipe(docs))  # type: ignore[attr-defined]
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
