"""Throughput: bare spaCy ``nlp.pipe`` vs ``sitrep`` ingest+analyze+store, side by side in one run.

Usage:
    python benchmarks/throughput.py [--corpus FA-KES.csv|DIR] [--limit N] [--repeat 2] [--stages parse]
                                    [--json out.json]
    python benchmarks/throughput.py --limit 100 --repeat 2 --stage-sets "all;casualties;events;place;parse"

``--stage-sets``: several stage sets (``;``-separated; each as ``sitrep run --stages``, ``all`` for
the full pipeline) side by side with bare spaCy in one run, 1 worker each: the ratio to bare spaCy
of each, by wall clock and by CPU seconds (issue 16: the throughput of the useful subsets).

Default corpus: the development rows of the FA-KES CSV in ../shared/data (even unit_id, 408
of 804 articles; held-out rows are never read), else examples/corpus.
Prints documents/s and words/s for: bare nlp.pipe (1 process; the pipeline as ``spacy.load``
gives it); sitrep with 1 worker; sitrep
with 2 workers (not with --one-worker); and the ratios sitrep(1w)/bare (wall clock, and CPU seconds
of the one process both run in) and sitrep(2w)/sitrep(1w). Each configuration
runs ``--repeat`` times, interleaved, and the best run counts (the machine is shared and noisy).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from common import REPO, write_fakes_dev_csv  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.ingest import IngestOptions, read_inputs  # noqa: E402
from sitrep.nlp import DEFAULT_MODEL, load_nlp, load_stock_nlp  # noqa: E402
from sitrep.pipeline import build_pipeline  # noqa: E402
from sitrep.records import Document  # noqa: E402
from sitrep.store import Store  # noqa: E402
from sitrep.workflow import analyze, ingest  # noqa: E402

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

FAKES = Path(os.environ.get("SITREP_SHARED", str(REPO.parent / "shared"))) / "data" / "corpus" / "fakes" / "FA-KES-Dataset.csv"
FAKES_MAP = {"text": "article_content", "title": "article_title", "publisher": "source", "published": "date"}


def corpus_inputs(path: Path, limit: int | None, tmp: Path) -> tuple[list[str], IngestOptions, list[Document]]:
    """The input paths, ingest options and (for bare spaCy) the documents sitrep would analyze."""
    options = IngestOptions(mapping=FAKES_MAP if path.suffix == ".csv" else {})
    docs = [d for d in read_inputs([str(path)], options) if isinstance(d, Document) and d.status == "ingested"]
    seen, unique = set(), []
    for d in docs:
        if d.id not in seen:
            seen.add(d.id)
            unique.append(d)
    if limit:
        unique = unique[:limit]
    if limit or path.suffix != ".csv":
        folder = tmp / "inputs"
        folder.mkdir(exist_ok=True)
        for i, d in enumerate(unique):
            (folder / f"{i:04d}.txt").write_text(d.text)  # bodies only: same text for both sides
        unique = [d for d in read_inputs([str(folder)]) if isinstance(d, Document)]
        return [str(folder)], IngestOptions(), unique
    return [str(path)], options, unique


_STOCK: dict[str, Language] = {}


def stock_nlp(model: str) -> Language:
    """The pipeline exactly as ``spacy.load`` gives it (sitrep's own ``load_nlp`` swaps in a
    faster, output-identical attribute-ruler matcher: that belongs to sitrep's side)."""
    if model not in _STOCK:
        _STOCK[model] = load_stock_nlp(model)
    return _STOCK[model]


def bare(texts: list[str], model: str) -> tuple[float, float]:
    """Wall and CPU seconds of a bare ``nlp.pipe`` over ``texts``."""
    nlp = stock_nlp(model)
    start, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    return time.perf_counter() - start, time.process_time() - cpu


def sitrep_run(inputs: list[str], options: IngestOptions, workers: int, stages: list[str] | None, tmp: Path,
               model: str) -> tuple[float, float, int]:
    """Wall seconds, this process's CPU seconds (the whole work with 1 worker, which runs here)
    and documents analyzed."""
    pipeline = build_pipeline(model, only=stages)
    db = Path(tempfile.mkstemp(suffix=".db", dir=tmp)[1])
    db.unlink()
    start, cpu = time.perf_counter(), time.process_time()
    with Store(db) as store:
        ingest(store, inputs, options)
        summary = analyze(store, pipeline=pipeline, workers=workers)
    return time.perf_counter() - start, time.process_time() - cpu, summary.analyzed


def stage_sets_table(spec: str, inputs: list[str], options: IngestOptions, docs: list[Document], tmp: Path,
                     model: str, repeat: int) -> dict[str, object]:
    """Bare spaCy and each stage set of ``spec``, interleaved ``repeat`` times; the best run counts."""
    from sitrep.pipeline import parse_stages

    sets = {name.strip(): (None if name.strip() == "all" else parse_stages(name.strip()))
            for name in spec.split(";") if name.strip()}
    texts = [d.text for d in docs]
    wall = {k: float("inf") for k in ["bare", *sets]}
    cpu = dict(wall)
    for _ in range(repeat):
        t0, c0 = bare(texts, model)
        wall["bare"], cpu["bare"] = min(wall["bare"], t0), min(cpu["bare"], c0)
        for name, stages in sets.items():
            t1, c1, n1 = sitrep_run(inputs, options, 1, list(stages) if stages else None, tmp, model)
            assert n1 == len(docs), (name, n1, len(docs))
            wall[name], cpu[name] = min(wall[name], t1), min(cpu[name], c1)
    rows = {}
    for name, stages in sets.items():
        ran = build_pipeline(model, only=list(stages) if stages else None).stage_names
        rows[name] = {"stages": list(ran), "seconds": round(wall[name], 2), "cpu_seconds": round(cpu[name], 2),
                      "docs_per_s": round(len(docs) / wall[name], 1),
                      "ratio_vs_bare": round(wall["bare"] / wall[name], 3),
                      "ratio_cpu_vs_bare": round(cpu["bare"] / cpu[name], 3)}
    return {"bare": {"seconds": round(wall["bare"], 2), "cpu_seconds": round(cpu["bare"], 2),
                     "docs_per_s": round(len(docs) / wall["bare"], 1)}, "sets": rows}


def print_stage_sets(table: dict[str, object], n: int, words: int) -> None:
    bare_row = table["bare"]
    assert isinstance(bare_row, dict)
    print(f"{n} documents, {words} words; bare spaCy {bare_row['seconds']:.2f} s (CPU {bare_row['cpu_seconds']:.2f} s)")
    print(f"{'set':12} {'seconds':>8} {'CPU s':>7} {'docs/s':>7} {'x bare':>7} {'x bare CPU':>10}  stages")
    sets = table["sets"]
    assert isinstance(sets, dict)
    for name, r in sets.items():
        print(f"{name:12} {r['seconds']:8.2f} {r['cpu_seconds']:7.2f} {r['docs_per_s']:7.1f} "
              f"{r['ratio_vs_bare']:7.3f} {r['ratio_cpu_vs_bare']:10.3f}  {','.join(r['stages'])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=FAKES if FAKES.exists() else REPO / "examples" / "corpus")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--stages", default=None, help="comma-separated stages to run (default: all)")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--one-worker", action="store_true", help="skip the 2-worker runs")
    parser.add_argument("--stage-sets", default=None,
                        help="';'-separated stage sets (as --stages; 'all' = every stage), each run beside bare spaCy")
    args = parser.parse_args()
    stages = args.stages.split(",") if args.stages else None
    if args.stage_sets:
        with tempfile.TemporaryDirectory() as t:
            tmp = Path(t)
            corpus = write_fakes_dev_csv(tmp) if args.corpus == FAKES else args.corpus
            inputs, options, docs = corpus_inputs(corpus, args.limit, tmp)
            load_nlp(args.model)("warm up")
            stock_nlp(args.model)("warm up")
            table = stage_sets_table(args.stage_sets, inputs, options, docs, tmp, args.model, args.repeat)
        words = sum(len(d.text.split()) for d in docs)
        table |= {"date": date.today().isoformat(), "corpus": str(args.corpus.name), "documents": len(docs),
                  "words": words, "load": os.getloadavg()}
        print_stage_sets(table, len(docs), words)
        if args.json:
            args.json.write_text(json.dumps(table, indent=2))
        return

    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        corpus = write_fakes_dev_csv(tmp) if args.corpus == FAKES else args.corpus
        inputs, options, docs = corpus_inputs(corpus, args.limit, tmp)
        texts = [d.text for d in docs]
        words = sum(len(t.split()) for t in texts)
        pipeline = build_pipeline(args.model, only=stages)
        load_nlp(args.model)("warm up")
        stock_nlp(args.model)("warm up")
        best = {"bare": float("inf"), "sitrep_1w": float("inf")} | ({} if args.one_worker else {"sitrep_2w": float("inf")})
        cpu = {"bare": float("inf"), "sitrep_1w": float("inf")}
        for _ in range(args.repeat):
            t0, c0 = bare(texts, args.model)
            best["bare"], cpu["bare"] = min(best["bare"], t0), min(cpu["bare"], c0)
            t1, c1, n1 = sitrep_run(inputs, options, 1, stages, tmp, args.model)
            best["sitrep_1w"], cpu["sitrep_1w"] = min(best["sitrep_1w"], t1), min(cpu["sitrep_1w"], c1)
            assert n1 == len(docs), (n1, len(docs))
            if not args.one_worker:
                t2, _, n2 = sitrep_run(inputs, options, 2, stages, tmp, args.model)
                best["sitrep_2w"] = min(best["sitrep_2w"], t2)
                assert n2 == len(docs), (n2, len(docs))

    n = len(docs)
    result = {
        "date": date.today().isoformat(),
        "corpus": str(args.corpus.name),
        "documents": n,
        "words": words,
        "stages": pipeline.description,
        "machine": f"{platform.machine()}, {__import__('os').cpu_count()} cores, Python {platform.python_version()}",
        "seconds": {k: round(v, 2) for k, v in best.items()},
        "docs_per_s": {k: round(n / v, 1) for k, v in best.items()},
        "words_per_s": {k: round(words / v) for k, v in best.items()},
        "ratio_sitrep_1w_vs_bare": round(best["bare"] / best["sitrep_1w"], 3),
        # CPU seconds of this process (bare, and sitrep with its 1 worker in this process): what
        # the neighbours of a shared machine do not add to, unlike the wall clock
        "cpu_seconds": {k: round(v, 2) for k, v in cpu.items()},
        "ratio_cpu_sitrep_1w_vs_bare": round(cpu["bare"] / cpu["sitrep_1w"], 3),
    }
    if "sitrep_2w" in best:
        result["ratio_sitrep_2w_vs_1w"] = round(best["sitrep_1w"] / best["sitrep_2w"], 3)
    print(f"corpus {result['corpus']}: {n} documents, {words} words; stages: {result['stages']}")
    print(f"{'':12} {'seconds':>8} {'docs/s':>8} {'words/s':>9}")
    for key in best:
        print(f"{key:12} {result['seconds'][key]:8.2f} {result['docs_per_s'][key]:8.1f} {result['words_per_s'][key]:9d}")
    print(f"sitrep 1 worker / bare spaCy: {result['ratio_sitrep_1w_vs_bare']:.3f}  (issue 16 target >= 0.80; issue 2 asked >= 0.85)")
    print(f"  by CPU seconds (bare {cpu['bare']:.2f} s, sitrep 1 worker {cpu['sitrep_1w']:.2f} s): "
          f"{result['ratio_cpu_sitrep_1w_vs_bare']:.3f}")
    if "ratio_sitrep_2w_vs_1w" in result:
        print(f"sitrep 2 workers / 1 worker:  {result['ratio_sitrep_2w_vs_1w']:.3f}  (target >= 1.7)")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
