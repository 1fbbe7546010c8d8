"""``sitrep migrate`` (copy a database, e.g. SQLite to PostgreSQL) and ``sitrep watch`` (feeds and folders)."""

from __future__ import annotations

import contextlib
import signal
from types import FrameType
from typing import TYPE_CHECKING, Annotated

import typer

from ..nlp import DEFAULT_MODEL
from . import (
    DB_HELP,
    EXIT_PARTIAL,
    BatchSize,
    DaskOpt,
    Db,
    MaxBytesOpt,
    Model,
    PrivateOpt,
    Quiet,
    TimeoutOpt,
    Verbose,
    Workers,
    _guarded,
    _store,
    _verbosity,
    app,
    print_problems,
)
from .progress import RichProgress, console, err_console

if TYPE_CHECKING:  # pragma: no cover
    from ..watch import CycleSummary


@app.command()
def migrate(
    from_: Annotated[str, typer.Option("--from", help="The database to copy: " + DB_HELP)],
    to: Annotated[str, typer.Option("--to", help="The database to copy into (created and migrated if new): " + DB_HELP)],
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Documents per transaction.")] = 500,
    quiet: Quiet = False,
) -> None:
    """Copy a whole database into another one (SQLite to PostgreSQL, or back). Running it again
    completes an interrupted copy and doubles nothing.

    Example: sitrep migrate --from sitrep.db --to postgresql://analyst@dbhost/conflict
    """
    from ..store.copy import copy_database

    with _guarded(), _store(from_, readonly=True) as source, _store(to) as target:
        summary = copy_database(source, target, batch=batch_size)
        counts = target.status_counts()
        src, dst = source.path, target.path
    if not quiet:
        rows = ", ".join(f"{table} {n}" for table, n in summary.rows.items() if n)
        console.print(f"migrate: {summary.total} rows copied ({rows or 'nothing new'}) from {src} to {dst}; "
                      f"it holds {counts['documents']} documents, {counts['analyzed']} analyzed.", highlight=False)


def _partial(summary: CycleSummary) -> bool:
    """Whether a cycle skipped or failed an input (a feed, a link, a file) or failed a document."""
    failed = summary.analyze.failed if summary.analyze is not None else 0
    return bool(summary.ingest.skipped or summary.ingest.failed or failed)


def _cycle_line(summary: CycleSummary) -> str:
    ing = summary.ingest
    analyzed = (f"{summary.analyze.analyzed} analyzed, {summary.analyze.failed} failed"
                if summary.analyze is not None else "analysis off")
    return (f"watch: {summary.feeds} feed(s), {summary.entries} entries ({summary.known} known); "
            f"{ing.added} added, {ing.versions} new versions, {ing.duplicates} duplicates, {ing.skipped} skipped, "
            f"{ing.failed} failed; {analyzed}")


@app.command()
def watch(
    sources: Annotated[list[str], typer.Argument(help="RSS/Atom feed URLs (or feed files) and folders to watch.")],
    db: Db = "sitrep.db",
    every: Annotated[float, typer.Option("--every", min=0.0, help="Minutes between two looks.")] = 15.0,
    once: Annotated[bool, typer.Option("--once", help="One look, then exit (for cron or a systemd timer).")] = False,
    analyze: Annotated[bool, typer.Option("--analyze/--no-analyze", help="Analyze what arrives (off: only ingest, "
                                          "e.g. while a Dask cluster analyzes the shared database).")] = True,
    model: Model = DEFAULT_MODEL,
    workers: Workers = 1,
    batch_size: BatchSize = 16,
    dask: DaskOpt = None,
    allow_private: PrivateOpt = False,
    max_bytes: MaxBytesOpt = 10_000_000,
    timeout: TimeoutOpt = 15.0,
    quiet: Quiet = False,
    verbose: Verbose = 0,
) -> None:
    """Read feeds and folders every N minutes: fetch new articles, de-duplicate, analyze.
    Stops cleanly on Ctrl-C or SIGTERM (after the document being written).

    Example: sitrep watch https://example.org/world.rss inbox/ --every 10 --db postgresql://analyst@dbhost/conflict
    """
    from ..ingest import IngestOptions
    from ..pipeline import build_pipeline
    from ..watch import Watcher, WatchOptions, watch_sources

    _verbosity(verbose)
    feeds, folders = watch_sources(sources)
    options = WatchOptions(
        feeds=feeds, folders=folders, every_minutes=every, analyze=analyze, workers=workers,
        batch_size=batch_size, dask=dask,
        ingest=IngestOptions(allow_private=allow_private, max_bytes=max_bytes, timeout=timeout),
    )
    progress = RichProgress(quiet)
    with _guarded(), _store(db) as store:
        pipeline = None
        if analyze:
            progress.loading(f"loading the models ({model}, sentiment, gazetteer)")
            pipeline = build_pipeline(model)
        watcher = Watcher(store, options, pipeline=pipeline, progress=progress)

        def stop(signum: int, frame: FrameType | None) -> None:
            # runs between two lines of the main thread: a flag first (no lock); a message refused mid-write is dropped
            watcher.stop()
            signal.signal(signum, signal.SIG_DFL)  # a second one stops at once (the database stays consistent)
            with contextlib.suppress(RuntimeError):
                err_console.print(f"watch: {signal.Signals(signum).name}, stopping after the current document")

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)

        partial: list[bool] = []

        def report(summary: CycleSummary) -> None:
            print_problems(summary.ingest.problems)
            partial.append(_partial(summary))
            if not quiet:
                console.print(_cycle_line(summary), highlight=False)

        cycles = watcher.run(cycles=1 if once else None, on_cycle=report)
        where = store.path
    if not quiet:
        console.print(f"watch: stopped after {cycles} cycle(s); database {where}.", highlight=False)
    if once and any(partial):  # as `sitrep ingest`/`run`: a cron job sees that an input was skipped or failed
        raise typer.Exit(EXIT_PARTIAL)
