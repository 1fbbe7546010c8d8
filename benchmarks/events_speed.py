"""Speed: the time the events stage adds to the parse, on the FA-KES corpus (one run).

Runs the parse stage over every FA-KES article (timed), then the actor stage when it is
registered (timed separately: its cost is the actor issue's, not this one's), then the
events stage (timed). Reports ``ratio = (parse + events) / parse``; target ≤ 1.30.
Writes ``benchmarks/results/events_speed.json``.

Usage: ``OMP_NUM_THREADS=1 SITREP_SHARED=/path/to/shared python benchmarks/events_speed.py [--limit N]``.
"""

from __future__ import annotations

import argparse
import csv
import json
import time

from common import REPO, shared_dir  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.nlp import load_nlp  # noqa: E402
from sitrep.pipeline import _resolve  # noqa: E402
from sitrep.records import Document  # noqa: E402
from sitrep.stages import STAGES  # noqa: E402
from sitrep.stages.base import Analysis, pipe  # noqa: E402

OUT = REPO / "benchmarks" / "results" / "events_speed.json"


def fakes_documents(limit: int | None) -> list[Document]:
    path = shared_dir() / "corpus" / "fakes" / "FA-KES-Dataset.csv"
    docs = []
    with path.open(encoding="utf-8", errors="replace") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            docs.append(Document(id=f"fakes-{i}", sha256=str(i), text=row["article_content"]))
    return docs[:limit] if limit else docs


def timed(stage, analyses: list[Analysis]) -> tuple[list[Analysis], float]:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    out = list(pipe(stage, analyses))
    return out, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    nlp = load_nlp()
    stages = {name: _resolve(path)(nlp) for name, path in STAGES}
    docs = fakes_documents(args.limit)
    analyses = [Analysis(document=d) for d in docs]
    nlp("warm up the pipeline")
    analyses, t_parse = timed(stages["parse"], analyses)
    t_between = 0.0
    for name in (n for n, _ in STAGES if n not in ("parse", "events")):
        if list(dict(STAGES)).index(name) < list(dict(STAGES)).index("events"):
            analyses, t = timed(stages[name], analyses)
            t_between += t
    analyses, t_events = timed(stages["events"], analyses)
    n_events = sum(len(a.events) for a in analyses)
    result = {
        "documents": len(docs),
        "characters": sum(len(d.text) for d in docs),
        "parse_seconds": round(t_parse, 2),
        "stages_between_seconds": round(t_between, 2),
        "events_seconds": round(t_events, 2),
        "events": n_events,
        "ratio_parse_plus_events_over_parse": round((t_parse + t_events) / t_parse, 3),
    }
    print(f"FA-KES: {result['documents']} documents, parse {t_parse:.1f}s, events {t_events:.1f}s "
          f"({n_events} events), other stages {t_between:.1f}s")
    print(f"events stage adds {100 * t_events / t_parse:.1f}% to the parse "
          f"(ratio {result['ratio_parse_plus_events_over_parse']:.3f}; target <= 1.30)")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
