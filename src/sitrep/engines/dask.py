"""Analysis on a Dask cluster: ``sitrep analyze --dask SCHEDULER_ADDRESS`` or ``--dask local:N``.

- Each worker builds the pipeline once, when it joins (a worker plugin, :class:`PipelinePlugin`),
  and runs one short text through it (``Pipeline.warm_up``);
  a worker the cluster restarts builds it again. Its pipeline version must equal the client's
  (the same sitrep, models and data on every node), or the run stops with that message.
- The client claims documents in batches (``Store.claim``) and keeps about two batches per
  worker thread in flight, so memory does not grow with the corpus and a worker always has its
  next batch queued. Batches shrink towards the end of the run (:func:`batch_sizes`), so the
  workers finish together instead of one idling while another ends a full batch.
- PostgreSQL: workers read their documents and write the records straight to the database,
  each document in one transaction that also marks it analyzed. SQLite: the client sends the
  documents; the workers send back the rows to write, already encoded
  (``Store.encode_analysis``), and the client saves each batch in one transaction
  (``Store.save_analyses``; SQLite has one writer, and its CPU is taken from the workers' on a
  small machine, so it does as little as it can).
- A worker that dies (killed, out of memory) loses nothing: Dask runs its batch again on another
  worker (a batch already partly saved skips the documents it finished). A batch that keeps
  killing workers (``KilledWorker``) is split into single documents, and a document that kills
  its worker even alone is recorded as failed, as with ``--workers``.
- If the client dies, its claims go with its database connection: the next run analyzes what
  is left, and nothing is doubled (a document's records are replaced as a whole).
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import dask
from distributed import WorkerPlugin

from ..errors import SitrepError
from ..pipeline import Pipeline, build_pipeline
from ..records import Document, Skip
from ..store import EncodedAnalysis, Store
from ..workflow import (
    DIED,
    AnalyzeSummary,
    BatchOutcome,
    Progress,
    analyze_batch,
    record_outcome,
)

if TYPE_CHECKING:  # pragma: no cover
    from distributed import Client, Future

log = logging.getLogger(__name__)

PLUGIN = "sitrep-pipeline"
_LOCAL = re.compile(r"^local(?::(\d+))?$")

#: Dask settings for the cluster ``--dask local:N`` starts (read when the scheduler, nannies and
#: workers are built). Dask's defaults cost CPU that, on a small machine, the analysis needs:
#: the scheduler and the nannies (which live in the client process) woke up 50 times a second
#: each to time their event loops (``tick``), sampled the system twice a second and each worker's
#: memory ten times a second — 3.5–6 % of a core with two idle workers, 0.6–0.8 % with these
#: settings (docs/benchmarks.md, issue 16); work stealing has nothing to steal when the client
#: keeps two batches per worker thread in flight. ``MALLOC_TRIM_THRESHOLD_`` is unset so that the
#: workers allocate as the built-in engine's worker processes do (glibc's adaptive default):
#: Dask's 64 KiB made the analysis ~6 % slower per document. The workers' statistical profiler is
#: off (see :func:`quiet_profiler`). A remote cluster keeps its own configuration.
LOCAL_SETTINGS: dict[str, Any] = {
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.worker.profile.enabled": False,
    "distributed.scheduler.work-stealing": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}


class DaskError(SitrepError):
    """The Dask cluster could not be reached or set up."""


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:  # pragma: no cover - installed by `make`; a pip user may lack the extra
        raise DaskError("--dask needs dask and distributed: pip install 'sitrep[dask]'.") from exc
    return distributed


@dataclass(slots=True)
class BatchReport:
    """What a worker that wrote its results to the database sends back: ids and counts only."""

    analyzed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    #: documents of the batch another attempt had already saved (a retried batch)
    done_before: list[str] = field(default_factory=list)
    words: int = 0
    retried: str | None = None


@dataclass(slots=True)
class EncodedBatch:
    """What a worker sends back when the client saves (SQLite): per document the rows to write,
    encoded on the worker (``Store.encode_analysis``), or the reason it failed. The client then
    only executes statements, one transaction per batch (``Store.save_analyses``)."""

    results: list[tuple[str, EncodedAnalysis | str]]
    #: why the whole batch failed before it was redone one document at a time (None: it did not)
    retried: str | None = None
    retried_traceback: str | None = None


class PipelinePlugin(WorkerPlugin):
    """Builds the pipeline once per worker (and opens the database when workers write to it)."""

    def __init__(self, model: str, stages: tuple[str, ...], version: str, location: str | None,
                 options: dict[str, dict[str, Any]] | None = None) -> None:
        self.model = model
        self.stages = stages
        self.options = options
        self.version = version
        self.location = location
        self.pipeline: Pipeline | None = None
        self.store: Store | None = None
        self.error: str | None = None

    def _load(self) -> None:
        pipeline = build_pipeline(self.model, only=list(self.stages), options=self.options)
        if pipeline.version != self.version:
            self.error = (f"a Dask worker built pipeline {pipeline.version}, the client {self.version}: install the "
                          f"same sitrep, models and data on every node")
            return
        pipeline.warm_up()  # what the stages load on first use: now, not inside the first batch
        self.pipeline = pipeline
        if self.location is not None:
            self.store = Store(self.location)

    async def setup(self, worker: Any) -> None:
        quiet_profiler(worker)
        # in a thread: loading the models must not stall the worker's event loop (heartbeats)
        try:
            await asyncio.get_running_loop().run_in_executor(None, self._load)
        except Exception as exc:  # reported by every task of this worker, with the reason
            self.error = f"a Dask worker could not build the pipeline: {type(exc).__name__}: {exc}"

    def teardown(self, worker: Any) -> None:
        if self.store is not None:
            self.store.close()


#: the worker's statistical profiler: its callbacks (``distributed.worker.profile``)
PROFILER_CALLBACKS = ("profile", "profile-cycle")


def quiet_profiler(worker: Any) -> None:
    """Stop the worker's statistical profiler, which sitrep's workers do not need.

    It samples the task thread's Python stack 100 times a second (taking the GIL from the
    analysis each time) and keeps a per-second profile of it for the last 1,000 seconds
    (``profile_history``, ``profile_keys_history``): with the pipeline's deep, varied stacks
    that history was most of a worker's memory growth over a long run (docs/benchmarks.md,
    issue 16). Dask's dashboard loses its profile page for these workers, nothing else.
    """
    callbacks = getattr(worker, "periodic_callbacks", None)
    if not isinstance(callbacks, dict):
        return
    for name in PROFILER_CALLBACKS:
        callback = callbacks.pop(name, None)
        if callback is not None:
            callback.stop()


def _plugin() -> PipelinePlugin:
    worker = _distributed().get_worker()
    plugin: PipelinePlugin = worker.plugins[PLUGIN]
    if plugin.error is not None:
        raise DaskError(plugin.error)
    return plugin


def run_batch(payload: list[str] | list[Document], version: str) -> BatchReport | EncodedBatch:
    """A Dask task: analyze one batch on this worker (ids to read and write back, or documents)."""
    plugin = _plugin()
    assert plugin.pipeline is not None
    if plugin.store is None:
        outcome = analyze_batch(plugin.pipeline, [d for d in payload if isinstance(d, Document)])
        return EncodedBatch([(doc_id, r if isinstance(r, str) else Store.encode_analysis(r))
                             for doc_id, r in outcome.results], outcome.retried, outcome.retried_traceback)
    store = plugin.store
    ids = [i for i in payload if isinstance(i, str)]
    todo = store.pending_among(version, ids)
    report = BatchReport(done_before=[i for i in ids if i not in set(todo)])
    outcome = analyze_batch(plugin.pipeline, store.get_documents(todo))
    report.retried = outcome.retried
    for doc_id, result in outcome.results:
        if isinstance(result, str):
            store.mark_failed(doc_id, result, version)
            report.failed.append((doc_id, result))
        else:
            store.save_analysis(result, version)  # one transaction: the records and "analyzed"
            report.analyzed.append(doc_id)
            report.words += len(result.document.text.split())
    return report


def connect(address: str) -> tuple[Client, Any]:
    """A client for ``address``: ``local:N`` starts N worker processes here (one thread each)."""
    distributed = _distributed()
    m = _LOCAL.match(address.strip())
    try:
        if m:
            workers = int(m.group(1) or 1)
            if workers < 1:
                raise DaskError("--dask local:N needs N ≥ 1.")
            if not logging.getLogger("sitrep").isEnabledFor(logging.DEBUG):
                # the nannies live in this process: their routine shutdown warnings are noise here
                logging.getLogger("distributed").setLevel(logging.ERROR)
            with dask.config.set(LOCAL_SETTINGS):
                cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                   dashboard_address=None)
            return distributed.Client(cluster), cluster
        return distributed.Client(address, timeout="30s"), None
    except (OSError, TimeoutError) as exc:
        raise DaskError(f"cannot reach the Dask scheduler at {address} ({exc}); check the address "
                        f"(tcp://host:8786) and that the scheduler runs, or use --dask local:N.") from exc


def _threads(client: Client) -> int:
    """Worker threads in the cluster now."""
    nthreads: dict[str, int] = client.nthreads()  # type: ignore[no-untyped-call]  # distributed leaves it unannotated
    return sum(nthreads.values())


#: the smallest batch the end of a run is cut into
MIN_BATCH = 2


def batch_sizes(left: int, batch_size: int, threads: int) -> int:
    """How many documents to claim next when ``left`` are still unclaimed: ``batch_size`` while
    there is plenty, then about half a batch per worker thread of what is left, down to
    :data:`MIN_BATCH` (guided scheduling). With equal batches to the end, the last ones keep one
    worker busy for up to a whole batch while the others have nothing left: on two workers
    and 400 documents in batches of 16, ~4 % of the run. Records do not depend on batch sizes."""
    return max(min(MIN_BATCH, batch_size), min(batch_size, -(-left // (2 * max(1, threads)))))


@dataclass(slots=True)
class _Batch:
    ids: list[str]
    #: split from a batch that kept killing workers
    alone: bool = False


class _Run:
    """One ``analyze --dask`` run on the client: claim, submit, collect, save or count."""

    def __init__(self, store: Store, client: Client, version: str, *, batch_size: int, progress: Progress,
                 summary: AnalyzeSummary, should_stop: Callable[[], bool] | None = None) -> None:
        self.store, self.client, self.version = store, client, version
        self.batch_size, self.progress, self.summary = batch_size, progress, summary
        self.direct = store.dialect == "postgresql"
        self.should_stop = should_stop
        #: documents still to claim (an upper bound on PostgreSQL, where other runs claim too)
        self.left = store.count_pending(version)
        self.exhausted = False
        self.queue: deque[_Batch] = deque()
        self.inflight: dict[Future[Any], _Batch] = {}
        self.threads = max(1, _threads(client))
        self.window = 2 * self.threads
        self.completed = _distributed().as_completed()

    def _next(self) -> _Batch | None:
        if self.queue:
            return self.queue.popleft()
        if self.exhausted or (self.should_stop is not None and self.should_stop()):
            return None  # nothing left, or a watcher asked to stop: finish what is in flight
        ids = self.store.claim(self.version, batch_sizes(self.left, self.batch_size, self.threads))
        self.left = max(0, self.left - len(ids))
        self.exhausted = not ids
        return _Batch(ids) if ids else None

    def fill(self) -> None:
        while len(self.inflight) < self.window:
            batch = self._next()
            if batch is None:
                return
            payload: list[str] | list[Document] = batch.ids if self.direct else self.store.get_documents(batch.ids)
            future = self.client.submit(run_batch, payload, self.version, pure=False,
                                        key=f"sitrep-batch-{uuid.uuid4().hex}")
            self.inflight[future] = batch
            self.completed.add(future)

    def collect(self) -> None:
        killed = _distributed().KilledWorker
        for future in self.completed:
            batch = self.inflight.pop(future)
            try:
                result = future.result()
            except killed:
                self._killed(batch)
            else:
                self._record(result)
            future.release()
            self.fill()

    def _killed(self, batch: _Batch) -> None:
        self.summary.worker_deaths += 1
        if batch.alone or len(batch.ids) == 1:
            doc_id = batch.ids[0]
            log.warning("document %s killed its Dask worker every time; recorded as failed", doc_id)
            self._record(BatchOutcome([(doc_id, DIED)]))
            return
        log.warning("a batch of %d documents kept killing Dask workers; analyzing them one at a time", len(batch.ids))
        self.queue.extend(_Batch([doc_id], alone=True) for doc_id in batch.ids)

    def _record(self, result: BatchReport | EncodedBatch | BatchOutcome) -> None:
        if isinstance(result, BatchOutcome):
            record_outcome(self.store, result, self.version, self.summary, self.progress)
            return
        if isinstance(result, EncodedBatch):
            self._save(result)
            return
        if result.retried:
            log.warning("a batch failed on a Dask worker (%s); analyzed again one document at a time", result.retried)
        self.summary.analyzed += len(result.analyzed)
        self.summary.failed += len(result.failed)
        self.summary.words += result.words
        for doc_id, reason in result.failed:
            self.summary.problems.append(Skip(doc_id, "failed", reason, doc_id))
        self.progress.advance(len(result.analyzed) + len(result.failed) + len(result.done_before), words=result.words)
        self.store.release(result.analyzed + [d for d, _ in result.failed] + result.done_before)


    def _save(self, batch: EncodedBatch) -> None:
        """SQLite: save a batch the worker encoded, its analyses in one transaction, then release it."""
        if batch.retried:
            log.warning("a batch of %d documents failed on a Dask worker (%s); analyzed again one document "
                        "at a time", len(batch.results), batch.retried)
            log.debug("the batch's traceback:\n%s", batch.retried_traceback)
        saved = [r for _, r in batch.results if not isinstance(r, str)]
        self.store.save_analyses(saved, self.version)
        for doc_id, result in batch.results:
            if isinstance(result, str):
                self.store.mark_failed(doc_id, result, self.version)
                self.summary.failed += 1
                self.summary.problems.append(Skip(doc_id, "failed", result, doc_id))
                log.info("document %s failed: %s", doc_id, result)
        words = sum(r.words for r in saved)
        self.summary.analyzed += len(saved)
        self.summary.words += words
        self.progress.advance(len(batch.results), words=words)
        self.store.release([doc_id for doc_id, _ in batch.results])


def analyze_on_dask(store: Store, pipeline: Pipeline, address: str, *, batch_size: int, progress: Progress,
                    summary: AnalyzeSummary, should_stop: Callable[[], bool] | None = None) -> AnalyzeSummary:
    """``sitrep.workflow.analyze`` on a Dask cluster (see the module's docstring)."""
    version = pipeline.version
    progress.loading(f"starting the Dask workers ({address}) and loading the pipeline on each")
    client, cluster = connect(address)
    try:
        location = store.location if store.dialect == "postgresql" else None
        stages = tuple(s.name for s in pipeline.stages)
        client.register_plugin(PipelinePlugin(pipeline.model, stages, version, location, pipeline.options), name=PLUGIN)
        total = store.count_pending(version)
        # enough batches for every worker thread twice over (records do not depend on the batch size)
        batch_size = max(1, min(batch_size, -(-total // (2 * max(1, _threads(client))))))
        log.info("analyzing %d documents with pipeline %s on Dask (%s: %d worker threads, batches of %d, %s)",
                 total, version, address, _threads(client), batch_size,
                 "workers write to the database" if location else "results saved here")
        progress.start(total, "analyze")
        started = time.perf_counter()
        run = _Run(store, client, version, batch_size=batch_size, progress=progress, summary=summary,
                   should_stop=should_stop)
        try:
            run.fill()
            run.collect()
        finally:
            summary.seconds = time.perf_counter() - started
            store.release_all()
            progress.finish()
    finally:
        client.close()  # type: ignore[no-untyped-call]  # distributed leaves it unannotated
        if cluster is not None:
            cluster.close()
    return summary
