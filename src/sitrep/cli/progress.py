"""Terminal output: a spinner while models load, a progress bar with documents/s, and logging.

Everything here writes to standard error, so standard output carries only data
(``export``, ``--json``). ``--quiet`` silences the bar and the spinner.
"""

from __future__ import annotations

import logging

from rich.console import Console
from rich.logging import RichHandler
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.status import Status
from rich.text import Text

#: soft_wrap: long messages are never broken mid-sentence at 80 columns; the terminal wraps them
console = Console(soft_wrap=True)
err_console = Console(stderr=True, soft_wrap=True)


class RateColumn(ProgressColumn):
    """Documents per second since the bar started: completed / elapsed, the figure the summary gives.

    (rich's own speed estimate averages the last few updates, which a batch of 16 documents
    saved at one instant turns into hundreds of documents per second.)
    """

    def render(self, task: Task) -> Text:
        elapsed = task.finished_time if task.finished else task.elapsed
        if not elapsed or not task.completed:
            return Text("- docs/s", style="cyan")
        return Text(f"{task.completed / elapsed:.1f} docs/s", style="cyan")


class RichProgress:
    """Implements ``sitrep.workflow.Progress`` with rich; a no-op when quiet."""

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        self._status: Status | None = None

    def loading(self, description: str) -> None:
        """A spinner with ``description`` until the first progress bar starts."""
        if self.quiet or self._status is not None:
            return
        self._status = err_console.status(description + " …")
        self._status.start()

    def _stop_status(self) -> None:
        if self._status is not None:
            self._status.stop()
            self._status = None

    def start(self, total: int | None, description: str) -> None:
        self._stop_status()
        if self.quiet:
            return
        self._progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), RateColumn(), TimeElapsedColumn(),
            console=err_console, transient=False,
        )
        self._progress.start()
        self._task = self._progress.add_task(description, total=total)

    def advance(self, n: int = 1, *, words: int = 0) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task, n)

    def finish(self) -> None:
        self._stop_status()
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


def configure_logging(verbosity: int) -> None:
    """Send the ``sitrep`` loggers to standard error: warnings always, INFO with ``-v``, DEBUG with ``-vv``."""
    level = logging.WARNING if verbosity <= 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    logger = logging.getLogger("sitrep")
    logger.setLevel(level)
    if not any(getattr(h, "_sitrep", False) for h in logger.handlers):
        handler = RichHandler(console=err_console, show_time=verbosity > 1, show_path=False, markup=False,
                              rich_tracebacks=False)
        handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
        handler._sitrep = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
