"""The library functions behind every interface: ingest, analyze, run, status.

The CLI (and any other front end) calls these; they return summaries as data.
Progress is reported through an optional callback object so that the library
stays free of terminal I/O; what happens along the way (a batch retried one
document at a time, a dead worker process, a re-queued batch) is logged with the
standard ``logging`` module under the ``sitrep`` logger.
"""

from __future__ import annotations

import gc
import json
import logging
import multiprocessing
import os
import sys
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol

from .errors import ColumnError, PipelineError, SitrepError, StoreError
from .ingest import CSV_SUFFIXES, JSONL_SUFFIXES, IngestOptions, read_inputs
from .nlp import DEFAULT_MODEL
from .pipeline import Pipeline, build_pipeline
from .records import Document, Skip
from .stages.base import Analysis
from .store import Store

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

    from .incidents.update import UpdateSummary

log = logging.getLogger(__name__)


class Progress(Protocol):
    def loading(self, description: str) -> None: ...
    def start(self, total: int | None, description: str) -> None: ...
    def advance(self, n: int = 1, *, words: int = 0) -> None: ...
    def finish(self) -> None: ...


class _NoProgress:
    def loading(self, description: str) -> None:
        pass

    def start(self, total: int | None, description: str) -> None:
        pass

    def advance(self, n: int = 1, *, words: int = 0) -> None:
        pass

    def finish(self) -> None:
        pass


@dataclass(slots=True)
class IngestSummary:
    added: int = 0
    versions: int = 0
    duplicates: int = 0
    skipped: int = 0
    failed: int = 0
    problems: list[Skip] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.added + self.versions + self.duplicates + self.skipped + self.failed


@dataclass(slots=True)
class AnalyzeSummary:
    analyzed: int = 0
    failed: int = 0
    words: int = 0
    seconds: float = 0.0
    pipeline_version: str = ""
    problems: list[Skip] = field(default_factory=list)
    #: worker processes that died during the run (their documents were re-queued)
    worker_deaths: int = 0
    #: what linking the new reports into incidents did (None when not asked for)
    incidents: UpdateSummary | None = None

    @property
    def docs_per_second(self) -> float:
        return self.analyzed / self.seconds if self.seconds else 0.0


# --- ingest ---------------------------------------------------------------------------------


def check_mapping(paths: Sequence[str], options: IngestOptions) -> None:
    """Check a ``--map`` against the columns of every CSV/JSONL file named directly in ``paths``.

    Raises :class:`~sitrep.errors.ColumnError` naming the columns the file has, before
    anything is ingested. (Files found inside folders are checked as they are read: a file
    that lacks a mapped column is skipped with that reason.)
    """
    if not options.mapping:
        return
    for name in paths:
        path = Path(name)
        suffix = path.suffix.lower()
        if suffix not in CSV_SUFFIXES | JSONL_SUFFIXES or not path.is_file():
            continue
        columns = _columns(path, jsonl=suffix in JSONL_SUFFIXES)
        if columns is None:
            continue  # unreadable or empty: the ingest records it with its reason
        missing = [c for c in options.mapping.values() if c not in columns]
        if missing:
            raise ColumnError(
                f"{name}: no column {', '.join(map(repr, missing))}; the file has: "
                f"{', '.join(map(repr, columns)) or 'no columns'}."
            )


def _columns(path: Path, *, jsonl: bool) -> list[str] | None:
    """The header of a CSV (the keys of the first object of a JSONL file), or None if unreadable."""
    import csv
    import json

    try:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
            line = next((ln for ln in iter(lambda: fh.readline(1_000_000), "") if ln.strip()), None)
    except OSError:
        return None
    if line is None:
        return None
    if not jsonl:
        return [c.strip() for c in next(csv.reader([line]), [])]
    try:
        record = json.loads(line)
    except (ValueError, RecursionError):
        return None
    return [str(k) for k in record] if isinstance(record, dict) else None


def ingest(
    store: Store,
    paths: Sequence[str],
    options: IngestOptions | None = None,
    *,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> IngestSummary:
    """Add documents to ``store``; every input that is not added is recorded with its reason.

    The database's own files are never read as inputs (``sitrep run .`` next to it).
    """
    progress = progress or _NoProgress()
    summary = IngestSummary()
    own = store.own_files()
    progress.start(None, "ingest")
    for item in read_inputs(paths, options, stdin=stdin):
        if isinstance(item, Skip):
            if os.path.abspath(item.source) in own:
                log.debug("not ingesting the database's own file %s", item.source)
                continue
            store.add_skip(item)
            summary.problems.append(item)
            if item.status == "failed":
                summary.failed += 1
            else:
                summary.skipped += 1
        else:
            add_document(store, item, summary)
        progress.advance(1)
    progress.finish()
    log.info("ingest: %d added, %d new versions, %d duplicates, %d skipped, %d failed",
             summary.added, summary.versions, summary.duplicates, summary.skipped, summary.failed)
    return summary


def add_document(store: Store, document: Document, summary: IngestSummary) -> None:
    """Store one ingested document and count it (added, new version or duplicate; skipped)."""
    result = store.add_document(document)
    if result == "duplicate":
        summary.duplicates += 1
    elif result == "version":
        summary.versions += 1
    else:
        summary.added += 1
    if document.status == "skipped":
        summary.skipped += 1
        source = document.source_path or document.url or document.id
        summary.problems.append(Skip(source, "skipped", document.reason or "", document.id))


# --- analysis: one batch ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BatchOutcome:
    """What a batch gave: per document an ``Analysis`` or the reason it failed."""

    results: list[tuple[str, Analysis | str]]
    #: why the whole batch failed before it was redone one document at a time (None: it did not)
    retried: str | None = None
    #: the traceback of that failure, for ``--verbose`` logs
    retried_traceback: str | None = None


def _reason(exc: BaseException) -> str:
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" at {frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}" if frame else ""
    return f"{type(exc).__name__}: {exc}{where}"


def _analyze_one_by_one(pipeline: Pipeline, documents: list[Document]) -> list[tuple[str, Analysis | str]]:
    out: list[tuple[str, Analysis | str]] = []
    for document in documents:
        try:
            out.extend((document.id, a) for a in pipeline.analyze([document]))
        except Exception as exc:  # one bad document must not stop the run; the reason is kept
            out.append((document.id, _reason(exc)))
    return out


#: tokenize the shipped warm list (``models/warm_words.json``) once per process before the first
#: batch, outside any memory zone (:func:`warm_vocabulary`)
WARM_VOCABULARY = True
#: move the objects alive after the first batch's preparation out of the garbage collector's
#: view (``gc.freeze``), once per process (:func:`prepare_process`)
FREEZE_LOADED = True
WARM_WORDS = Path(__file__).resolve().parent / "models" / "warm_words.json"
#: the processes (by id: a forked worker inherits its parent's frozen objects) that froze theirs
_FROZEN: set[int] = set()


def warm_vocabulary(nlp: Language, path: Path = WARM_WORDS) -> int:
    """Tokenize the warm list's chunks once with ``nlp``, outside any memory zone; returns how many.

    Inside a spaCy ``memory_zone`` the tokenizer caches nothing and the lexeme of a word not yet
    permanent is made anew in every zone; a chunk tokenized once outside a zone leaves a
    permanent lexeme and a tokenizer cache entry that every later zone uses. The list is fixed
    (``scripts/build_warm_words.py``: the most frequent chunks of an openly licensed news-like
    corpus), so memory stays bounded; the tokens are those the tokenizer gives anyway.
    """
    if getattr(nlp.vocab, "in_memory_zone", False):  # spaCy's stubs lack it
        raise SitrepError("warm_vocabulary must run outside a memory zone (its work would be dropped)")
    words: list[str] = json.loads(path.read_text(encoding="utf-8"))["words"]
    nlp.tokenizer(" ".join(words))
    return len(words)


def prepare_process(pipeline: Pipeline) -> None:
    """Before a process's first batch (each step once): warm the pipeline (``Pipeline.warm_up``),
    its spaCy vocabulary (:func:`warm_vocabulary`, when ``WARM_VOCABULARY``; once per spaCy
    pipeline object), then freeze what is loaded (when ``FREEZE_LOADED``; once per process): the
    models, lexicons and gazetteer (~600,000 objects) are never garbage, yet every full pass of
    the cyclic garbage collector walks them (~0.13 s each, two or three per 100 articles).
    ``gc.freeze`` moves the objects alive then to a permanent generation that collections skip;
    objects made later are collected as before, so memory stays bounded. Records depend on
    neither."""
    pipeline.warm_up()
    nlp = pipeline.resources.nlp
    if WARM_VOCABULARY and not getattr(nlp, "_sitrep_warm_words", False) and WARM_WORDS.exists():
        warm_vocabulary(nlp)
        setattr(nlp, "_sitrep_warm_words", True)  # noqa: B010  (spaCy's Language declares no such field)
    if FREEZE_LOADED and os.getpid() not in _FROZEN:
        gc.collect(1)  # the young garbage first: only what is alive is frozen
        gc.freeze()
        _FROZEN.add(os.getpid())


def analyze_batch(pipeline: Pipeline, documents: list[Document]) -> BatchOutcome:
    """Analyze ``documents`` together; if the batch fails, redo them one by one to isolate the bad one.

    Inside the pipeline's ``memory_zone``: the strings the batch added to spaCy's vocabulary are
    dropped when it ends (the analyses keep no spaCy object), so memory does not grow with the corpus.
    The process is prepared first, once (:func:`prepare_process`).
    """
    prepare_process(pipeline)
    with pipeline.memory_zone():
        try:
            return BatchOutcome([(a.document.id, a) for a in pipeline.analyze(documents)])
        except Exception as exc:
            return BatchOutcome(_analyze_one_by_one(pipeline, documents), _reason(exc), traceback.format_exc())


# --- analysis: worker processes -------------------------------------------------------------


def start_method() -> str:
    """``fork`` on Linux (the loaded models are shared copy-on-write), ``spawn`` elsewhere
    (macOS and Windows, where forking a process that has loaded native libraries is unsafe)."""
    return "fork" if sys.platform.startswith("linux") else "spawn"


@dataclass(frozen=True, slots=True)
class WorkerSetup:
    """What a worker process needs, handed to it by the pool's initializer.

    With ``fork`` the parent's built ``pipeline`` is passed (inherited, not pickled: the
    models load once); with ``spawn`` it is None and the worker builds ``model`` + ``stages``.
    """

    #: the database (an SQLite path or a PostgreSQL URL, password included)
    db_path: str
    model: str
    stages: tuple[str, ...]
    pipeline: Pipeline | None = None
    #: the stages' options (``build_pipeline(options=...)``), for a worker that builds its own
    options: dict[str, dict[str, Any]] | None = None


@dataclass(slots=True)
class _WorkerState:
    pipeline: Pipeline
    store: Store


_WORKER: _WorkerState | None = None


def _init_worker(setup: WorkerSetup) -> None:
    """Pool initializer: runs once in each worker process."""
    global _WORKER
    pipeline = setup.pipeline or build_pipeline(setup.model, only=list(setup.stages), options=setup.options)
    pipeline.warm_up()  # forked from a warmed parent: nothing to do
    _WORKER = _WorkerState(pipeline, Store(setup.db_path, readonly=True))


def _work(ids: list[str]) -> BatchOutcome:
    """In a worker process: read the documents (own read-only connection), analyze them."""
    if _WORKER is None:  # pragma: no cover - the initializer always runs first
        raise StoreError("analysis worker started without its initializer")
    documents = [d for d in (_WORKER.store.get_document(i) for i in ids) if d is not None]
    return analyze_batch(_WORKER.pipeline, documents)


def kill_workers(pool: ProcessPoolExecutor) -> None:
    """Kill (SIGKILL) the worker processes a broken pool still has.

    A worker killed while it held the pool's call-queue lock leaves the others blocked on that lock
    for ever; CPython's own clean-up after a break (``terminate_broken``) then waits for them to exit
    and can spin without end (seen once in this test suite on CPython 3.11.7: the run hung in
    ``shutdown``). Python 3.14 has ``ProcessPoolExecutor.kill_workers`` for this; on older versions
    the pool's process table is read directly (the same attribute that method reads).
    """
    kill = getattr(pool, "kill_workers", None)
    if kill is not None:  # pragma: no cover - Python 3.14+
        kill()
        return
    processes = getattr(pool, "_processes", None) or {}
    for proc in list(processes.values()):  # copied in one step, under the GIL
        if proc.is_alive():
            proc.kill()


@dataclass(slots=True)
class _Task:
    ids: list[str]
    #: run with nothing else in flight (after a worker died), so a culprit is found exactly
    alone: bool = False


DIED = ("the analysis process died while analyzing this document, twice, even alone "
        "(killed, out of memory or a crash in a native library); it was not analyzed")


class _Pool:
    """Batches through worker processes, in order, surviving the death of a worker.

    When a worker dies (``kill -9``, out of memory, a native crash) the pool breaks: the
    batches that were in flight are re-queued and run one at a time; a batch that kills
    its worker even alone is split into single documents, and a single document that
    does is recorded as failed. Everything else is analyzed once.
    """

    def __init__(self, setup: WorkerSetup, workers: int) -> None:
        self.setup = setup
        self.workers = workers
        self.deaths = 0

    def run(self, tasks: Iterable[_Task]) -> Iterator[BatchOutcome]:
        """Outcomes in the order of ``tasks``, which are taken lazily (claimed as workers free up)."""
        source = iter(tasks)
        pending: deque[_Task] = deque()
        ctx = multiprocessing.get_context(start_method())
        while True:
            if not pending:
                first = next(source, None)
                if first is None:
                    return
                pending.append(first)
            pool = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init_worker,
                                       initargs=(self.setup,))
            try:
                yield from self._drain(pool, pending, source)
            finally:  # also when the caller stops early (an error while writing): drop the queue
                pool.shutdown(wait=True, cancel_futures=True)

    def _drain(self, pool: ProcessPoolExecutor, pending: deque[_Task], source: Iterator[_Task]) -> Iterator[BatchOutcome]:
        inflight: deque[tuple[_Task, Future[BatchOutcome]]] = deque()
        while True:
            while self._may_submit(pending[0] if pending else None, inflight):
                if not pending:
                    more = next(source, None)
                    if more is None:
                        break
                    pending.append(more)
                task = pending.popleft()
                inflight.append((task, pool.submit(_work, task.ids)))
            if not inflight:
                return
            task, future = inflight[0]
            try:
                outcome = future.result()
            except BrokenProcessPool:
                kill_workers(pool)
                yield from self._recover(inflight, pending)
                return
            inflight.popleft()
            yield outcome

    def _may_submit(self, task: _Task | None, inflight: deque[tuple[_Task, Future[BatchOutcome]]]) -> bool:
        if not inflight:
            return True
        if (task is not None and task.alone) or inflight[-1][0].alone:
            return False
        return len(inflight) < 2 * self.workers

    def _recover(self, inflight: deque[tuple[_Task, Future[BatchOutcome]]],
                 pending: deque[_Task]) -> Iterator[BatchOutcome]:
        """A worker died: keep the batches that finished, re-queue the rest (one at a time)."""
        self.deaths += 1
        requeue: list[_Task] = []
        for task, future in inflight:
            if future.done() and future.exception() is None:
                yield future.result()
            elif task.alone and len(task.ids) == 1:
                log.warning("document %s killed its analysis process even alone; recorded as failed", task.ids[0])
                yield BatchOutcome([(task.ids[0], DIED)])
            elif task.alone:
                requeue += [_Task([doc_id], alone=True) for doc_id in task.ids]
            else:
                requeue.append(_Task(task.ids, alone=True))
        log.warning(
            "an analysis worker process died; re-queued %d batch(es) (%d documents), run one at a time",
            len(requeue), sum(len(t.ids) for t in requeue),
        )
        pending.extendleft(reversed(requeue))


# --- analysis ---------------------------------------------------------------------------------


def claimed_batches(store: Store, version: str, batch_size: int,
                    should_stop: Callable[[], bool] | None = None) -> Iterator[list[str]]:
    """Batches of document ids claimed for this process as they are needed (``Store.claim``):
    on PostgreSQL several processes and machines share the pending documents this way.
    ``should_stop``: checked before each claim (a watcher asked to stop finishes what it holds)."""
    while should_stop is None or not should_stop():
        ids = store.claim(version, batch_size)
        if not ids:
            return
        yield ids


def _outcomes(store: Store, pipeline: Pipeline, version: str, *, workers: int, batch_size: int,
              summary: AnalyzeSummary, should_stop: Callable[[], bool] | None) -> Iterator[BatchOutcome]:
    if workers <= 1:
        for ids in claimed_batches(store, version, batch_size, should_stop):
            yield analyze_batch(pipeline, store.get_documents(ids))
        return
    # Workers read their documents themselves (WAL allows concurrent readers); this
    # process is the only writer.
    stages = tuple(s.name for s in pipeline.stages)
    fork = start_method() == "fork"
    if fork:  # the workers inherit what the first use loads, copy-on-write, instead of each loading it
        pipeline.warm_up()
    setup = WorkerSetup(store.location, pipeline.model, stages, pipeline if fork else None, pipeline.options)
    pool = _Pool(setup, workers)
    tasks = (_Task(ids) for ids in claimed_batches(store, version, batch_size, should_stop))
    try:
        yield from pool.run(tasks)
    finally:
        summary.worker_deaths = pool.deaths


def record_outcome(store: Store, outcome: BatchOutcome, version: str, summary: AnalyzeSummary,
                   progress: Progress) -> None:
    """Save a batch's analyses (one transaction per document) and failures, then release the batch's claims."""
    if outcome.retried:
        log.warning("a batch of %d documents failed (%s); analyzed again one document at a time",
                    len(outcome.results), outcome.retried)
        log.debug("the batch's traceback:\n%s", outcome.retried_traceback)
    for doc_id, result in outcome.results:
        if isinstance(result, str):
            store.mark_failed(doc_id, result, version)
            summary.failed += 1
            summary.problems.append(Skip(doc_id, "failed", result, doc_id))
            log.info("document %s failed: %s", doc_id, result)
            progress.advance(1)
        else:
            store.save_analysis(result, version)
            summary.analyzed += 1
            words = len(result.document.text.split())
            summary.words += words
            progress.advance(1, words=words)
    store.release([doc_id for doc_id, _ in outcome.results])


def link_incidents(store: Store, *, rebuild: bool = False) -> UpdateSummary:
    """Link the analysed reports into incidents: only those not linked yet (``rebuild``: all)."""
    from .incidents.update import update_incidents

    return update_incidents(store, rebuild_all=rebuild)


def analyze(
    store: Store,
    *,
    model: str = DEFAULT_MODEL,
    workers: int = 1,
    batch_size: int = 16,
    progress: Progress | None = None,
    pipeline: Pipeline | None = None,
    dask: str | None = None,
    should_stop: Callable[[], bool] | None = None,
    incidents: bool = False,
    stages: Sequence[str] | None = None,
    options: Mapping[str, Mapping[str, Any]] | None = None,
) -> AnalyzeSummary:
    """Analyze every document not yet analyzed by the current pipeline version; with
    ``incidents``, then link the new reports into incidents (``link_incidents``).

    ``dask``: a Dask scheduler address (``tcp://host:8786``) or ``local:N`` for a local cluster
    of N worker processes (``sitrep.engines.dask``); otherwise ``workers`` processes here.
    ``should_stop``: checked before each new batch; the batches in hand are finished and saved.
    ``stages``: run only these stages and what they need (``build_pipeline(only=...)``; None: all);
    not with ``pipeline``. ``options``: the stages' options (``build_pipeline(options=...)``, e.g.
    ``{"events": {"record_check": True}}``); not with ``pipeline``. The pipeline's version differs by stage set: a later run with more stages
    analyzes the documents again, a later run whose stages (at the same versions) all ran on a
    document leaves it (``Store.record_pipeline``); the stages each version ran are kept in the store.
    The records of a document do not depend on ``workers``, ``batch_size``, the engine or the
    order documents come in (tested in ``tests/test_determinism.py``). On PostgreSQL, several
    runs at once (processes, machines) share the work: each document is analyzed by one.
    """
    progress = progress or _NoProgress()
    if pipeline is None:
        progress.loading(f"loading the models ({model}, sentiment, gazetteer)")
        pipeline = build_pipeline(model, only=stages, options=options)
    elif stages is not None or options is not None:
        raise PipelineError("Give analyze() either a pipeline or stages and options, not both.")
    version = pipeline.version
    store.record_pipeline(version, pipeline.stage_names, pipeline.parts)
    total = store.count_pending(version)
    summary = AnalyzeSummary(pipeline_version=version)
    if dask is not None:
        try:
            from .engines.dask import analyze_on_dask
        except ImportError as exc:  # pragma: no cover - installed by `make`; a pip user may lack the extra
            raise SitrepError("--dask needs dask and distributed: pip install 'sitrep[dask]'.") from exc

        summary = analyze_on_dask(store, pipeline, dask, batch_size=batch_size, progress=progress, summary=summary,
                                  should_stop=should_stop)
        if incidents:
            summary.incidents = link_incidents(store)
        return summary
    log.info("analyzing %d documents with pipeline %s (%d worker(s), batches of %d)",
             total, version, workers, batch_size)
    progress.start(total, "analyze")
    started = time.perf_counter()
    try:
        for outcome in _outcomes(store, pipeline, version, workers=workers, batch_size=batch_size, summary=summary,
                                 should_stop=should_stop):
            record_outcome(store, outcome, version, summary, progress)
    finally:
        summary.seconds = time.perf_counter() - started
        store.release_all()
        progress.finish()
    if incidents:
        summary.incidents = link_incidents(store)
    return summary
