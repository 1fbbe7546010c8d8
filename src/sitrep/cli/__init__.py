"""The ``sitrep`` command: a thin layer over ``sitrep.workflow`` and friends.

Exit codes: 0 success; 1 a sitrep error (message on stderr); 2 usage error;
3 the run finished but some inputs or documents were skipped or failed (each
listed with its reason).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import SitrepError
from ..nlp import DEFAULT_MODEL
from .progress import RichProgress, console, err_console

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="sitrep: news reports about a conflict in, a sourced structured record out.",
    rich_markup_mode=None,
)

EXIT_PARTIAL = 3

Db = Annotated[Path, typer.Option("--db", help="SQLite database file.", envvar="SITREP_DB")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")]
Model = Annotated[str, typer.Option("--model", help="spaCy pipeline (installed package name or path).")]
Workers = Annotated[int, typer.Option("--workers", "-w", min=1, help="Analysis processes.")]


def _fail(exc: SitrepError) -> typer.Exit:
    err_console.print(f"[red]error:[/red] {exc}", highlight=False)
    return typer.Exit(1)


def _store(db: Path, *, readonly: bool = False):  # type: ignore[no-untyped-def]
    from ..store import Store

    return Store(db, readonly=readonly)


def _ingest_options(map_: str | None, urls: bool, allow_private: bool, max_bytes: int, timeout: float, date_order: str):  # type: ignore[no-untyped-def]
    from ..ingest import IngestOptions
    from ..ingest.tabular import parse_mapping

    try:
        mapping = parse_mapping(map_)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--map") from exc
    return IngestOptions(
        mapping=mapping, urls=urls, allow_private=allow_private, max_bytes=max_bytes, timeout=timeout,
        date_order=date_order.upper(),
    )


def _incident_note(summary) -> str:  # type: ignore[no-untyped-def]
    inc = summary.incidents
    if inc is None or not inc.documents:
        return ""
    how = "rebuilt" if inc.rebuilt else "updated"
    return f"; incidents {how}: {inc.changed} written, {inc.incidents} in all ({inc.seconds:.1f} s)"


def _print_problems(problems, quiet: bool) -> None:  # type: ignore[no-untyped-def]
    for p in problems:
        err_console.print(f"[yellow]{p.status}:[/yellow] {p.reason}", highlight=False, soft_wrap=True)


Paths = Annotated[list[str], typer.Argument(help="Files, folders, '-' for stdin; with --urls, files listing URLs.")]
MapOpt = Annotated[Optional[str], typer.Option("--map", help="CSV/JSONL columns: text=COL,title=COL,publisher=COL,published=COL,author=COL,url=COL.")]
UrlsOpt = Annotated[bool, typer.Option("--urls", help="Each PATH is a text file of URLs to fetch.")]
PrivateOpt = Annotated[bool, typer.Option("--allow-private", help="Allow fetching private/loopback addresses.")]
MaxBytesOpt = Annotated[int, typer.Option("--max-bytes", help="Largest single input accepted.")]
TimeoutOpt = Annotated[float, typer.Option("--timeout", help="URL fetch time-out in seconds.")]
DateOrderOpt = Annotated[str, typer.Option("--date-order", help="Numeric dates in CSV/JSONL: MDY or DMY.")]


@app.command()
def ingest(
    paths: Paths,
    db: Db = Path("sitrep.db"),
    map_: MapOpt = None,
    urls: UrlsOpt = False,
    allow_private: PrivateOpt = False,
    max_bytes: MaxBytesOpt = 10_000_000,
    timeout: TimeoutOpt = 15.0,
    date_order: DateOrderOpt = "MDY",
    quiet: Quiet = False,
) -> None:
    """Add documents to the database.

    Example: sitrep ingest articles/ feed.jsonl --map text=body,title=headline
    """
    from ..workflow import ingest as do_ingest

    options = _ingest_options(map_, urls, allow_private, max_bytes, timeout, date_order)
    try:
        with _store(db) as store:
            summary = do_ingest(store, paths, options, progress=RichProgress(quiet))
    except SitrepError as exc:
        raise _fail(exc) from exc
    _print_problems(summary.problems, quiet)
    if not quiet:
        console.print(
            f"ingest: {summary.added} added, {summary.versions} new versions, {summary.duplicates} duplicates, "
            f"{summary.skipped} skipped, {summary.failed} failed -> {db}"
        )
    if summary.skipped or summary.failed:
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def analyze(
    db: Db = Path("sitrep.db"),
    model: Model = DEFAULT_MODEL,
    workers: Workers = 1,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1)] = 16,
    quiet: Quiet = False,
) -> None:
    """Run the NLP pipeline on every document not yet analyzed with the current pipeline version.

    Example: sitrep analyze --workers 2
    """
    from ..workflow import analyze as do_analyze

    try:
        with _store(db) as store:
            summary = do_analyze(store, model=model, workers=workers, batch_size=batch_size,
                                 progress=RichProgress(quiet), incidents=True)
    except SitrepError as exc:
        raise _fail(exc) from exc
    _print_problems(summary.problems, quiet)
    if not quiet:
        console.print(
            f"analyze: {summary.analyzed} analyzed, {summary.failed} failed in {summary.seconds:.1f} s "
            f"({summary.docs_per_second:.1f} docs/s, pipeline {summary.pipeline_version}){_incident_note(summary)}"
        )
    if summary.failed:
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def run(
    paths: Paths,
    db: Db = Path("sitrep.db"),
    map_: MapOpt = None,
    urls: UrlsOpt = False,
    allow_private: PrivateOpt = False,
    max_bytes: MaxBytesOpt = 10_000_000,
    timeout: TimeoutOpt = 15.0,
    date_order: DateOrderOpt = "MDY",
    model: Model = DEFAULT_MODEL,
    workers: Workers = 1,
    quiet: Quiet = False,
) -> None:
    """Ingest PATHS and analyze everything pending: the main job.

    Example: sitrep run examples/corpus --db demo.db
    """
    from ..workflow import analyze as do_analyze
    from ..workflow import ingest as do_ingest

    options = _ingest_options(map_, urls, allow_private, max_bytes, timeout, date_order)
    try:
        with _store(db) as store:
            ing = do_ingest(store, paths, options, progress=RichProgress(quiet))
            ana = do_analyze(store, model=model, workers=workers, progress=RichProgress(quiet), incidents=True)
            counts = store.status_counts()
    except SitrepError as exc:
        raise _fail(exc) from exc
    _print_problems(ing.problems + ana.problems, quiet)
    if not quiet:
        console.print(
            f"run: {ing.added} added, {ing.duplicates} duplicates, {ing.skipped} skipped, {ing.failed} failed; "
            f"{ana.analyzed} analyzed ({ana.docs_per_second:.1f} docs/s), {ana.failed} failed{_incident_note(ana)}. "
            f"Database {db}: {counts['analyzed']} of {counts['documents']} documents analyzed."
        )
    if ing.skipped or ing.failed or ana.failed:
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def status(db: Db = Path("sitrep.db"), as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Counts of documents: analyzed, skipped (with reasons), failed.

    Example: sitrep status --db demo.db
    """
    try:
        with _store(db, readonly=True) as store:
            counts = store.status_counts()
            reasons = store.reasons()
            schema = store.schema_version
    except SitrepError as exc:
        raise _fail(exc) from exc
    if as_json:
        print(json.dumps({"schema_version": schema, **counts, "problems": [
            {"status": s, "source": src, "reason": r} for s, src, r in reasons]}))
        return
    console.print(
        f"{db} (schema {schema}): {counts['documents']} documents — {counts['analyzed']} analyzed, "
        f"{counts['ingested']} waiting, {counts['skipped']} skipped, {counts['failed']} failed; "
        f"{counts.get('inputs_skipped', 0)} inputs skipped, {counts.get('inputs_failed', 0)} inputs failed."
    )
    for s, src, r in reasons:
        console.print(f"  {s}: {src}: {r}", highlight=False, soft_wrap=True)


@app.command()
def export(
    db: Db = Path("sitrep.db"),
    format_: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv (one file per type) or acled.")] = "jsonl",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File (jsonl, acled) or folder (csv); default stdout for jsonl.")] = None,
    per_event: Annotated[bool, typer.Option("--per-event", help="acled: one row per event instead of one per incident.")] = False,
) -> None:
    """Export the record (contract: docs/export-format.md).

    Example: sitrep export --format jsonl -o record.jsonl
    """
    from .. import export as ex

    try:
        with _store(db, readonly=True) as store:
            if format_ == "jsonl":
                if output is None:
                    ex.write_jsonl(store, sys.stdout)
                else:
                    with output.open("w", encoding="utf-8") as fh:
                        n = ex.write_jsonl(store, fh)
                    err_console.print(f"wrote {n} objects to {output}")
            elif format_ == "csv":
                folder = output or Path("export")
                counts = ex.write_csv(store, folder)
                err_console.print(f"wrote {', '.join(f'{k}.csv ({v})' for k, v in counts.items())} to {folder}/")
            elif format_ == "acled":
                target = output or Path("events_acled.csv" if per_event else "incidents_acled.csv")
                n = ex.write_acled(store, target, per_event=per_event)
                err_console.print(f"wrote {n} {'events' if per_event else 'incidents'} to {target}")
            else:
                raise typer.BadParameter("use jsonl, csv or acled", param_hint="--format")
    except SitrepError as exc:
        raise _fail(exc) from exc


@app.command()
def report(
    db: Db = Path("sitrep.db"),
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path("report.html"),
) -> None:
    """Write one self-contained HTML page: documents, actors, every item with its evidence.

    Example: sitrep report -o report.html
    """
    from ..report import write_report

    try:
        with _store(db, readonly=True) as store:
            write_report(store, output)
    except SitrepError as exc:
        raise _fail(exc) from exc
    err_console.print(f"wrote {output}")


@app.command("eval")
def eval_(
    task: Annotated[str, typer.Argument(help="time, geo, actors, events, quotes, sentiment or incidents.")],
    path: Annotated[Path, typer.Argument(help="Gold set in the task's public format.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object on stdout.")] = False,
    model: Model = DEFAULT_MODEL,
    db: Annotated[Optional[Path], typer.Option("--db", help="Database to score (task incidents: the one `sitrep run` filled).")] = None,
) -> None:
    """Score sitrep against a gold set and print the metrics.

    Example: sitrep eval time ../shared/data/time/te3_platinum --json
    Example: sitrep eval incidents benchmarks/data/fakes_incident_pairs.jsonl --db fakes.db
    """
    from ..eval import run_eval

    try:
        metrics = run_eval(task, path, model=model, db=db)
    except SitrepError as exc:
        raise _fail(exc) from exc
    if as_json:
        print(json.dumps(metrics))
        return
    for key, value in metrics.items():
        if isinstance(value, dict):
            value = json.dumps(value)
        console.print(f"{key:>24}  {value:.4f}" if isinstance(value, float) else f"{key:>24}  {value}")


def main() -> None:
    from . import commands, incidents  # noqa: F401  (registers the per-stage commands)

    app()
