"""Speed: the time the events stage adds to the parse, on the FA-KES corpus (one run).

Runs the parse stage over every FA-KES development article (even unit_id; timed), then the actor stage when it is
registered (timed separately: its cost is the actor issue's, not this one's), then the
events stage (timed). Reports ``ratio = (parse + events) / parse``; target ≤ 1.30. The issue's "bare spaCy parse"
is also timed in the same run: the same texts through the pipeline exactly as ``spacy.load``
gives it (``load_stock_nlp``; sitrep's own parse is faster since its attribute ruler matches by
table look-up), and the events stage's share of that is printed beside the other. The same
shares by CPU time of this process (``time.process_time``) are printed too: on a shared machine
they move less with other processes' load than wall time does.
Writes ``benchmarks/results/events_speed.json``.

Usage: ``OMP_NUM_THREADS=1 SITREP_SHARED=/path/to/shared python benchmarks/events_speed.py [--limit N]``.
"""

from __future__ import annotations

import argparse
import json
import time

from common import REPO, fakes_dev_rows  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.nlp import load_stock_nlp  # noqa: E402
from sitrep.pipeline import build_pipeline  # noqa: E402
from sitrep.records import Analysis, Document  # noqa: E402
from sitrep.stages.base import pipe  # noqa: E402
from sitrep.stages.events import record_model  # noqa: E402

OUT = REPO / "benchmarks" / "results" / "events_speed.json"


def fakes_documents(limit: int | None) -> list[Document]:
    """FA-KES development rows (even unit_id) as documents; held-out rows are never read."""
    docs = [Document(id=f"fakes-{i}", sha256=str(i), text=row["article_content"])
            for i, row in enumerate(fakes_dev_rows())]
    return docs[:limit] if limit else docs


CPU: dict[str, float] = {}  # CPU seconds of this process per timed step (steadier than wall time under load)


def timed(stage, analyses: list[Analysis]) -> tuple[list[Analysis], float]:  # type: ignore[no-untyped-def]
    start, cpu = time.perf_counter(), time.process_time()
    out = list(pipe(stage, analyses))
    CPU[stage.name] = CPU.get(stage.name, 0.0) + time.process_time() - cpu
    return out, time.perf_counter() - start


def time_record_check(events_stage, before_events: list[Analysis]) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """The events stage again on the same input with its ``record_check`` option on (the model file
    loaded first, as a pipeline would at its first document); its CPU time is kept apart."""
    record_model.shipped()
    events_stage.record_check = True
    cpu_off = CPU["events"]
    try:
        out, seconds = timed(events_stage, before_events)
    finally:
        events_stage.record_check = None
    cpu = CPU["events"] - cpu_off
    CPU["events"] = cpu_off
    return {"seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2), "events": sum(len(a.events) for a in out)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--record-check", action="store_true",
                        help="also time the events stage with its record_check option on (same run, same input, "
                             "after the run with it off); writes events_speed_record_check.json")
    args = parser.parse_args()
    pipeline = build_pipeline(only=["events"])  # parse, actors, time, place, events
    stages = {s.name: s for s in pipeline.stages}
    docs = fakes_documents(args.limit)
    analyses = [Analysis(document=d) for d in docs]
    pipeline.resources.nlp("warm up the pipeline")
    analyses, t_parse = timed(stages["parse"], analyses)
    t_between = 0.0
    for name in (n for n in stages if n not in ("parse", "events")):
        analyses, t = timed(stages[name], analyses)
        t_between += t
    before_events = analyses
    analyses, t_events = timed(stages["events"], analyses)
    checked = time_record_check(stages["events"], before_events) if args.record_check else {}
    stock = load_stock_nlp()
    stock("warm up the pipeline")
    start, cpu = time.perf_counter(), time.process_time()
    for _ in stock.pipe(a.document.text for a in analyses):
        pass
    t_stock = time.perf_counter() - start
    CPU["stock_parse"] = time.process_time() - cpu
    n_events = sum(len(a.events) for a in analyses)
    result = {
        "documents": len(docs),
        "characters": sum(len(d.text) for d in docs),
        "parse_seconds": round(t_parse, 2),
        "stages_between_seconds": round(t_between, 2),
        "events_seconds": round(t_events, 2),
        "events": n_events,
        "ratio_parse_plus_events_over_parse": round((t_parse + t_events) / t_parse, 3),
        "stock_parse_seconds": round(t_stock, 2),
        "ratio_stock_parse_plus_events_over_stock_parse": round((t_stock + t_events) / t_stock, 3),
        "cpu_seconds": {name: round(value, 2) for name, value in CPU.items()},
        "cpu_events_share_of_stock_parse": round(CPU["events"] / CPU["stock_parse"], 3),
    }
    print(f"FA-KES: {result['documents']} documents, parse {t_parse:.1f}s, events {t_events:.1f}s "
          f"({n_events} events), other stages {t_between:.1f}s")
    print(f"events stage adds {100 * t_events / t_parse:.1f}% to the parse "
          f"(ratio {result['ratio_parse_plus_events_over_parse']:.3f}; target <= 1.30)")
    print(f"bare spaCy (spacy.load) parse of the same texts {t_stock:.1f}s: the events stage adds "
          f"{100 * t_events / t_stock:.1f}% to it")
    print(f"by CPU time: parse {CPU['parse']:.1f}s, events {CPU['events']:.1f}s, bare parse "
          f"{CPU['stock_parse']:.1f}s: the events stage adds "
          f"{100 * result['cpu_events_share_of_stock_parse']:.1f}% to the bare parse")
    if checked:
        result["record_check"] = {**checked,
                                  "ratio_parse_plus_events_over_parse": round((t_parse + checked["seconds"]) / t_parse, 3),
                                  "ratio_stock_parse_plus_events_over_stock_parse":
                                      round((t_stock + checked["seconds"]) / t_stock, 3),
                                  "ratio_events_on_over_off": round(checked["seconds"] / t_events, 3)}
        print(f"with the record check on: events {checked['seconds']:.1f}s ({checked['events']} events), "
              f"{checked['seconds'] / t_events:.3f}x the events stage off, "
              f"{100 * checked['seconds'] / t_stock:.1f}% of the bare parse by the wall clock")
    out = OUT.with_name("events_speed_record_check.json") if args.record_check else OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
