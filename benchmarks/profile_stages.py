"""Profile the stages (issue 16): seconds per stage and the top functions by own time, on the
seed articles and FA-KES development rows (even ``unit_id``; held-out rows are never read).

Each stage runs over the whole sample before the next (the records are the same as
``Pipeline.analyze``'s streaming, which only interleaves the stages), so its time is its own.
``--records FILE`` writes one digest of every document's records (every field of ``Analysis`` but
the spaCy ``Doc``): run it before and after a change and compare the two files to prove the
change leaves every output as it was.

    OMP_NUM_THREADS=1 python benchmarks/profile_stages.py --fakes 60 --records /tmp/before.json
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import hashlib
import io
import json
import pstats
import tempfile
import time
from pathlib import Path
from typing import Any

from common import shared_dir, write_fakes_dev_csv  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.ingest import IngestOptions, read_inputs  # noqa: E402
from sitrep.nlp import load_stock_nlp  # noqa: E402
from sitrep.pipeline import build_pipeline  # noqa: E402
from sitrep.records import Analysis, Document  # noqa: E402
from sitrep.stages.base import pipe  # noqa: E402


def sample(fakes: int) -> list[Document]:
    """The seed articles, then the first ``fakes`` FA-KES development rows."""
    docs = [d for d in read_inputs([str(shared_dir() / "corpus" / "seeds")]) if isinstance(d, Document)]
    with tempfile.TemporaryDirectory() as tmp:
        csv = write_fakes_dev_csv(Path(tmp))
        rows = [d for d in read_inputs([str(csv)], IngestOptions(mapping=FAKES_MAP))
                if isinstance(d, Document) and d.status == "ingested"]
    return docs + rows[:fakes]


FAKES_MAP = {"text": "article_content", "title": "article_title", "publisher": "source", "published": "date"}


def digest(analysis: Analysis) -> str:
    data = dataclasses.asdict(analysis.without_doc())
    data["document"]["source_path"] = Path(data["document"]["source_path"] or "").name  # not the temp folder
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fakes", type=int, default=60, help="FA-KES development rows (even unit_id)")
    parser.add_argument("--top", type=int, default=30, help="functions listed, by own time")
    parser.add_argument("--records", type=Path, help="write each document's record digest here")
    parser.add_argument("--no-profile", action="store_true", help="stage times only (no cProfile overhead)")
    parser.add_argument("--pstats", type=Path, help="also dump the cProfile statistics here (for pstats callers)")
    args = parser.parse_args()
    docs = sample(args.fakes)
    pipeline = build_pipeline()
    list(pipeline.analyze(docs[:2]))  # warm up: lazy loads are not a per-document cost
    nlp = load_stock_nlp(pipeline.model)  # bare spaCy: as spacy.load gives it
    nlp("warm up")
    start = time.perf_counter()
    for _ in nlp.pipe([d.text for d in docs], batch_size=16):
        pass
    bare = time.perf_counter() - start
    profile = cProfile.Profile()
    stream: list[Analysis] = [Analysis(document=d) for d in docs]
    seconds: dict[str, float] = {}
    cpu: dict[str, float] = {}
    for stage in pipeline.stages:
        start, cpu_start = time.perf_counter(), time.process_time()
        if not args.no_profile:
            profile.enable()
        stream = list(pipe(stage, stream))
        if not args.no_profile:
            profile.disable()
        seconds[stage.name] = time.perf_counter() - start
        cpu[stage.name] = time.process_time() - cpu_start
    total = sum(seconds.values())
    print(f"{len(docs)} documents; bare nlp.pipe {bare:.2f} s; stages {total:.2f} s "
          f"({'with' if not args.no_profile else 'without'} cProfile)")
    for name, s in seconds.items():
        print(f"  {name:10} {s:7.2f} s  {100 * s / total:5.1f} %   CPU {cpu[name]:6.2f} s")
    after_parse = sum(v for k, v in cpu.items() if k != "parse")
    print(f"CPU: parse {cpu.get('parse', 0.0):.2f} s, stages after the parse {after_parse:.2f} s "
          f"({after_parse / max(cpu.get('parse', 0.0), 1e-9):.3f}x the parse)")
    if not args.no_profile:
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(args.top)
        print(out.getvalue())
        if args.pstats:
            profile.dump_stats(str(args.pstats))
    if args.records:
        records: dict[str, Any] = {Path(a.document.source_path or a.document.id).name: digest(a) for a in stream}
        args.records.write_text(json.dumps(records, indent=1, sort_keys=True) + "\n")
        print(f"record digests of {len(records)} documents -> {args.records}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
