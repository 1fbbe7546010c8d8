"""The ``sitrep`` command: a thin layer over ``sitrep.workflow``, the store and friends.

Exit codes: 0 success; 1 a sitrep error (one line on stderr: what happened, what to
do); 2 usage error (a bad option value, with the valid ones); 3 the run finished
but some inputs or documents were skipped or failed (each listed with its reason).
Closed choices (``--format``, ``--status``, ``--category``, ``--date-order`` ...) are
case-insensitive. Data goes to standard output, everything else to standard error.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer

from .. import __version__
from ..errors import ColumnError, SitrepError
from ..nlp import DEFAULT_MODEL
from .progress import RichProgress, configure_logging, console, err_console

if TYPE_CHECKING:  # pragma: no cover
    from ..ingest import IngestOptions
    from ..records import Skip
    from ..store import Store

log = logging.getLogger("sitrep.cli")

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="sitrep: news reports about a conflict in, a sourced structured record out.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

EXIT_ERROR = 1
EXIT_PARTIAL = 3


class _State:
    verbosity = 0


def _version(value: bool) -> None:
    if value:
        print(f"sitrep {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True,
                                         help="Log what sitrep does: -v for INFO, -vv for DEBUG.")] = 0,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """sitrep: news reports about a conflict in, a sourced structured record out."""
    _State.verbosity = verbose
    configure_logging(verbose)
    _check_environment()


def _check_environment() -> None:
    """A switch read from the environment that holds no valid value: one line saying what to set (exit 1)."""
    from ..dates import TEXT_DATE_ENV, text_date_days

    try:
        text_date_days()
    except ValueError:
        raise _fail(f"{TEXT_DATE_ENV}={os.environ.get(TEXT_DATE_ENV)!r} is not a number of days: set it to a whole "
                    "number (5 is the default, 0 the text's date always) or to off (the metadata date always).") from None


def _verbosity(local: int) -> None:
    if local > _State.verbosity:
        _State.verbosity = local
        configure_logging(local)


# --- shared options ---------------------------------------------------------------------------


def choice(values: Sequence[str]) -> Callable[[Any], Any]:
    """An option callback accepting ``values`` in any case and returning the canonical spelling;
    anything else is a usage error that lists the valid values (like ``click.Choice``)."""
    canonical = {v.casefold(): v for v in values}

    def check(value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, (list, tuple)):
            return [check(v) for v in value]
        found = canonical.get(str(value).casefold())
        if found is None:
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(values)}.")
        return found

    return check


def metavar(values: Sequence[str]) -> str:
    return "[" + "|".join(values) + "]"


DATE_ORDERS = ("MDY", "DMY")
EXPORT_FORMATS = ("jsonl", "csv", "acled")


DB_HELP = "SQLite database file, or a PostgreSQL URL postgresql://user@host/dbname (created by ingest/run)."
Db = Annotated[str, typer.Option("--db", help=DB_HELP, envvar="SITREP_DB")]
DaskOpt = Annotated[str | None, typer.Option("--dask", metavar="ADDRESS",
                                             help="Analyze on a Dask cluster: a scheduler address (tcp://host:8786) "
                                                  "or local:N for N worker processes here.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No spinner, progress bar or summary.")]
Verbose = Annotated[int, typer.Option("--verbose", "-v", count=True, help="Log what sitrep does: -v INFO, -vv DEBUG.")]
Model = Annotated[str, typer.Option("--model", help="spaCy pipeline (installed package name or path).")]
Workers = Annotated[int, typer.Option("--workers", "-w", min=1, help="Analysis processes (a dead one is replaced and its documents re-queued).")]
BatchSize = Annotated[int, typer.Option("--batch-size", min=1, help="Documents analyzed together; results do not depend on it.")]


def _stages_callback(value: str | None) -> tuple[str, ...] | None:
    """``--stages``: the stage names, checked (a usage error names the known stages)."""
    if value is None:
        return None
    from ..errors import PipelineError
    from ..pipeline import parse_stages

    try:
        return parse_stages(value)
    except PipelineError as exc:
        raise typer.BadParameter(str(exc), param_hint="--stages") from exc


StagesOpt = Annotated[str | None, typer.Option(
    "--stages", envvar="SITREP_STAGES", metavar="NAME[,NAME...]", callback=_stages_callback,
    help="Run only these stages and the ones they need (parse, actors, time, place, events, quotes, "
         "casualties, framing), e.g. --stages events,place. Default: all.")]
RecordCheckOpt = Annotated[bool, typer.Option(
    "--record-check", help="Events: the learned record check, precision first (fewer, deduplicated event rows; "
                           "drops some real ones). Off by default; see docs/eval-events.md.")]


def stage_options(record_check: bool) -> dict[str, dict[str, Any]] | None:
    """The stages' options the command-line flags ask for (``build_pipeline(options=...)``);
    None when no flag is given (every stage as shipped)."""
    return {"events": {"record_check": True}} if record_check else None


Paths = Annotated[list[str], typer.Argument(help="Files, folders, '-' for stdin; with --urls, files listing URLs.")]
MapOpt = Annotated[str | None, typer.Option("--map", help="CSV/JSONL columns: text=COL,title=COL,publisher=COL,published=COL,author=COL,url=COL.")]
UrlsOpt = Annotated[bool, typer.Option("--urls", help="Each PATH is a text file of URLs to fetch.")]
PrivateOpt = Annotated[bool, typer.Option("--allow-private", help="Allow fetching private/loopback addresses.")]
MaxBytesOpt = Annotated[int, typer.Option("--max-bytes", help="Largest single input accepted, in bytes.")]
TimeoutOpt = Annotated[float, typer.Option("--timeout", help="URL fetch time-out in seconds.")]
DateOrderOpt = Annotated[str, typer.Option("--date-order", callback=choice(DATE_ORDERS), metavar=metavar(DATE_ORDERS),
                                           help="Numeric dates in CSV/JSONL (3/4/2016): month first or day first.")]


# --- errors -----------------------------------------------------------------------------------


def _fail(message: str) -> typer.Exit:
    err_console.print(f"[red]error:[/red] {message}", highlight=False, markup=True)
    return typer.Exit(EXIT_ERROR)


def os_error_message(exc: OSError) -> str:
    """One sentence for a file-system error: which path, what happened, what to do."""
    path = exc.filename or "a file"
    what = exc.strerror or str(exc)
    if exc.errno == errno.ENOENT and exc.filename and not Path(str(exc.filename)).parent.exists():
        return f"cannot write {path}: the folder {Path(str(exc.filename)).parent} does not exist; create it first."
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"cannot write {path}: {what}; choose a writable place."
    if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return f"cannot write {path}: {what}; free some space and try again."
    if exc.errno == errno.EISDIR:
        return f"{path} is a folder; give a file name."
    return f"{path}: {what}."


@contextmanager
def _guarded() -> Iterator[None]:
    """Turn sitrep and file-system errors into a one-line message and exit code 1."""
    try:
        yield
    except SitrepError as exc:
        raise _fail(str(exc)) from exc
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            raise
        raise _fail(os_error_message(exc)) from exc


def _store(db: str | Path, *, readonly: bool = False) -> Store:
    from ..store import Store

    return Store(db, readonly=readonly)


@contextmanager
def _output(path: str | None, *, newline: str | None = None) -> Iterator[IO[str]]:
    """``path`` opened for writing, or standard output for None or ``-``."""
    if path is None or path == "-":
        yield sys.stdout
        return
    with Path(path).open("w", encoding="utf-8", newline=newline) as fh:
        yield fh


# --- ingest, analyze, run -------------------------------------------------------------------


def _ingest_options(paths: Sequence[str], map_: str | None, urls: bool, allow_private: bool, max_bytes: int,
                    timeout: float, date_order: str) -> IngestOptions:
    from ..ingest import IngestOptions
    from ..ingest.tabular import parse_mapping
    from ..workflow import check_mapping

    try:
        mapping = parse_mapping(map_)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--map") from exc
    options = IngestOptions(
        mapping=mapping, urls=urls, allow_private=allow_private, max_bytes=max_bytes, timeout=timeout,
        date_order=date_order,
    )
    if not urls:
        try:
            check_mapping(paths, options)
        except ColumnError as exc:
            raise typer.BadParameter(str(exc), param_hint="--map") from exc
    return options


def print_problems(problems: Sequence[Skip]) -> None:
    """``status: source: reason`` per problem, the reason without a repeated source."""
    from ..store import natural_key, without_source

    for p in sorted(problems, key=lambda p: natural_key(p.source)):
        err_console.print(f"[yellow]{p.status}:[/yellow] {p.source}: {without_source(p.source, p.reason)}",
                          highlight=False)


@app.command()
def ingest(
    paths: Paths,
    db: Db = "sitrep.db",
    map_: MapOpt = None,
    urls: UrlsOpt = False,
    allow_private: PrivateOpt = False,
    max_bytes: MaxBytesOpt = 10_000_000,
    timeout: TimeoutOpt = 15.0,
    date_order: DateOrderOpt = "MDY",
    quiet: Quiet = False,
    verbose: Verbose = 0,
) -> None:
    """Add documents to the database.

    Example: sitrep ingest articles/ feed.jsonl --map text=body,title=headline
    """
    from ..workflow import ingest as do_ingest

    _verbosity(verbose)
    options = _ingest_options(paths, map_, urls, allow_private, max_bytes, timeout, date_order)
    with _guarded(), _store(db) as store:
        summary = do_ingest(store, paths, options, progress=RichProgress(quiet))
        where = store.path
    print_problems(summary.problems)
    if not quiet:
        console.print(
            f"ingest: {summary.added} added, {summary.versions} new versions, {summary.duplicates} duplicates, "
            f"{summary.skipped} skipped, {summary.failed} failed -> {where}", highlight=False,
        )
    if summary.skipped or summary.failed:
        raise typer.Exit(EXIT_PARTIAL)


def _chosen(stages: object) -> tuple[str, ...] | None:
    """The checked ``--stages`` value (the callback's tuple), or None for all stages."""
    return tuple(stages) if isinstance(stages, (tuple, list)) else None


@app.command()
def analyze(
    db: Db = "sitrep.db",
    model: Model = DEFAULT_MODEL,
    workers: Workers = 1,
    batch_size: BatchSize = 16,
    dask: DaskOpt = None,
    stages: StagesOpt = None,
    record_check: RecordCheckOpt = False,
    quiet: Quiet = False,
    verbose: Verbose = 0,
) -> None:
    """Run the NLP pipeline on every document not yet analyzed with the current pipeline version.

    Example: sitrep analyze --workers 2   (or --dask local:2, --dask tcp://scheduler:8786)
    """
    from ..workflow import analyze as do_analyze

    _verbosity(verbose)
    with _guarded(), _store(db) as store:
        summary = do_analyze(store, model=model, workers=workers, batch_size=batch_size, dask=dask,
                             progress=RichProgress(quiet), incidents=True, stages=_chosen(stages),
                             options=stage_options(record_check))
    print_problems(summary.problems)
    if not quiet:
        console.print(
            f"analyze: {summary.analyzed} analyzed, {summary.failed} failed in {summary.seconds:.1f} s "
            f"({summary.docs_per_second:.1f} docs/s, pipeline {summary.pipeline_version}){_incident_note(summary)}",
            highlight=False,
        )
    if summary.failed:
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def run(
    paths: Paths,
    db: Db = "sitrep.db",
    map_: MapOpt = None,
    urls: UrlsOpt = False,
    allow_private: PrivateOpt = False,
    max_bytes: MaxBytesOpt = 10_000_000,
    timeout: TimeoutOpt = 15.0,
    date_order: DateOrderOpt = "MDY",
    model: Model = DEFAULT_MODEL,
    workers: Workers = 1,
    batch_size: BatchSize = 16,
    dask: DaskOpt = None,
    stages: StagesOpt = None,
    record_check: RecordCheckOpt = False,
    quiet: Quiet = False,
    verbose: Verbose = 0,
) -> None:
    """Ingest PATHS and analyze everything pending: the main job.

    Example: sitrep run examples/corpus --db demo.db
    """
    from ..workflow import analyze as do_analyze
    from ..workflow import ingest as do_ingest

    _verbosity(verbose)
    options = _ingest_options(paths, map_, urls, allow_private, max_bytes, timeout, date_order)
    with _guarded(), _store(db) as store:
        ing = do_ingest(store, paths, options, progress=RichProgress(quiet))
        ana = do_analyze(store, model=model, workers=workers, batch_size=batch_size, dask=dask,
                         progress=RichProgress(quiet), incidents=True, stages=_chosen(stages),
                         options=stage_options(record_check))
        counts = store.status_counts()
        where = store.path
    print_problems(ing.problems + ana.problems)
    if not quiet:
        console.print(
            f"run: {ing.added} added, {ing.duplicates} duplicates, {ing.skipped} skipped, {ing.failed} failed; "
            f"{ana.analyzed} analyzed ({ana.docs_per_second:.1f} docs/s), {ana.failed} failed{_incident_note(ana)}. "
            f"Database {where}: {counts['analyzed']} of {counts['documents']} documents analyzed.", highlight=False,
        )
    if ing.skipped or ing.failed or ana.failed:
        raise typer.Exit(EXIT_PARTIAL)


# --- status, export, report, eval -----------------------------------------------------------


@app.command()
def status(
    db: Db = "sitrep.db",
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object on stdout (the same keys every time).")] = False,
) -> None:
    """Counts of documents: analyzed, skipped (with reasons), failed.

    Example: sitrep status --db demo.db
    """
    with _guarded(), _store(db, readonly=True) as store:
        counts = store.status_counts()
        reasons = store.reasons()
        schema = store.schema_version
        where = store.path
    if as_json:
        print(json.dumps({"schema_version": schema, **counts, "problems": [
            {"status": s, "source": src, "reason": r} for s, src, r in reasons]}))
        return
    console.print(
        f"{where} (schema {schema}): {counts['documents']} documents — {counts['analyzed']} analyzed, "
        f"{counts['ingested']} waiting, {counts['skipped']} skipped, {counts['failed']} failed; "
        f"{counts['inputs_skipped']} inputs skipped, {counts['inputs_failed']} inputs failed.", highlight=False,
    )
    for s, src, r in reasons:
        console.print(f"  {s}: {src}: {r}", highlight=False)


def _incident_note(summary: Any) -> str:
    """", incidents updated: ..." for a summary line (nothing when no report was linked)."""
    inc = summary.incidents
    if inc is None or not inc.documents:
        return ""
    how = "rebuilt" if inc.rebuilt else "updated"
    return f"; incidents {how}: {inc.changed} written, {inc.incidents} in all ({inc.seconds:.1f} s)"


def _record_types() -> tuple[str, ...]:
    from ..export import EXPORT_TYPES

    return EXPORT_TYPES


def _check_export_target(format_: str, output: str | None, types: list[str]) -> None:
    """Usage errors: ``--type`` is for jsonl and csv; csv of several record types needs a folder."""
    if format_ == "acled" and types:
        raise typer.BadParameter("--format acled writes incidents (or events) only; --type is for jsonl and csv.",
                                 param_hint="--type")
    if format_ != "csv" or len(types) == 1:
        return
    hint = "give -o FOLDER for one <type>.csv per record type, or --type TYPE to write one type to a file or stdout"
    if output is None or output == "-":
        raise typer.BadParameter(f"--format csv writes several files: {hint}.", param_hint="--output")
    path = Path(output)
    if path.suffix.lower() == ".csv" or path.is_file():
        raise typer.BadParameter(f"{output} is a file name, but --format csv writes several files: {hint}.",
                                 param_hint="--output")


@app.command()
def export(
    db: Db = "sitrep.db",
    format_: Annotated[str, typer.Option("--format", "-f", callback=choice(EXPORT_FORMATS), metavar=metavar(EXPORT_FORMATS),
                                         help="jsonl, csv (one file per record type) or acled.")] = "jsonl",
    output: Annotated[str | None, typer.Option("--output", "-o", help="File to write ('-' or none: stdout); a folder for csv without --type.")] = None,
    types: Annotated[list[str] | None, typer.Option("--type", "-t", callback=choice(_record_types()), metavar="TYPE",
                                                       help="Only this record type (repeatable): " + ", ".join(_record_types())
                                                       + "; one type with csv writes one file or stdout.")] = None,
    per_event: Annotated[bool, typer.Option("--per-event", help="acled: one row per event stated as fact instead of one per incident.")] = False,
) -> None:
    """Export the record (contract: docs/export-format.md). CSV cells are spreadsheet-safe.

    Example: sitrep export --format jsonl -o record.jsonl
    """
    from .. import export as ex

    chosen = list(dict.fromkeys(types or []))
    _check_export_target(format_, output, chosen)
    to_file = output not in (None, "-")
    with _guarded(), _store(db, readonly=True) as store:
        if format_ == "csv" and len(chosen) != 1:
            counts = ex.write_csv(store, Path(str(output)), types=frozenset(chosen) or None)
            err_console.print(f"wrote {', '.join(f'{k}.csv ({v})' for k, v in counts.items())} to {output}/")
            return
        with _output(output, newline="" if format_ != "jsonl" else None) as fh:
            if format_ == "jsonl":
                n, what = ex.write_jsonl(store, fh, types=frozenset(chosen) or None), "objects"
            elif format_ == "csv":
                n, what = ex.write_csv_type(store, chosen[0], fh), f"{chosen[0]} rows"
            else:
                n = ex.write_acled(store, fh, per_event=per_event)
                what = "events" if per_event else "incidents"
    if to_file:
        err_console.print(f"wrote {n} {what} to {output}")


@app.command()
def report(
    db: Db = "sitrep.db",
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write (its folder must exist).")] = Path("report.html"),
    full: Annotated[bool, typer.Option("--full", help="List everything (on a big corpus the page lists the first rows of each long table, items for the first 20 documents, actors per outlet).")] = False,
) -> None:
    """Write one self-contained HTML page: documents, actors, every item with its evidence.

    Example: sitrep report -o report.html
    """
    from ..report import Limits, write_report

    with _guarded(), _store(db, readonly=True) as store:
        write_report(store, output, limits=Limits.none() if full else None)
    err_console.print(f"wrote {output}")


@app.command("eval")
def eval_(
    task: Annotated[str, typer.Argument(help="time, geo, actors, events, casualties, quotes, sentiment or incidents.")],
    path: Annotated[Path, typer.Argument(help="Gold set in the task's public format.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object on stdout.")] = False,
    model: Model = DEFAULT_MODEL,
    split: Annotated[str | None, typer.Option(
        "--split", help="Score one half of a gold set that has halves: tune or check (events).")] = None,
    db: Annotated[Path | None, typer.Option("--db", help="incidents: the database `sitrep run` filled with the reports the pairs name.")] = None,
    record_check: RecordCheckOpt = False,
) -> None:
    """Score sitrep against a gold set and print the metrics.

    Example: sitrep eval time ../shared/data/time/te3_platinum --json
    Example: sitrep eval incidents benchmarks/data/fakes_incident_pairs.jsonl --db fakes.db
    """
    from ..eval import run_eval

    with _guarded():
        metrics = run_eval(task, path, model=model, options=stage_options(record_check), split=split, db=db)
    if as_json:
        print(json.dumps(metrics))
        return
    _print_metrics(metrics)


def _print_metrics(metrics: dict[str, Any], indent: str = "") -> None:
    """One line per metric; a nested group (a gold half) under its name."""
    for key, value in metrics.items():
        if isinstance(value, dict):
            console.print(f"{indent}{key}:")
            _print_metrics(value, indent + "  ")
        else:
            console.print(f"{indent}{key:>24}  {value:.4f}" if isinstance(value, float) else f"{indent}{key:>24}  {value}")


def main() -> None:
    """Entry point: every error a user can cause ends in one line; a bug shows its traceback with -v."""
    from . import commands, incidents, scale, serve  # noqa: F401  (registers the per-stage, incident, scale and serve commands)

    try:
        app()
    except BrokenPipeError:  # `sitrep export | head`: the reader went away; exit quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise SystemExit(EXIT_ERROR) from None
    except Exception as exc:
        if _State.verbosity > 0:
            raise
        err_console.print(f"[red]error:[/red] unexpected {type(exc).__name__}: {exc} — this is a bug in sitrep; "
                          f"run again with -v to see where, and report it.", highlight=False)
        raise SystemExit(EXIT_ERROR) from None
