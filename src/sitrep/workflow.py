"""The library functions behind every interface: ingest, analyze, run, status.

The CLI (and any other front end) calls these; they return summaries as data.
Progress is reported through an optional callback object so that the library
stays free of terminal I/O.
"""

from __future__ import annotations

import multiprocessing
import time
import traceback
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, BinaryIO, Protocol

from .ingest import IngestOptions, read_inputs
from .nlp import DEFAULT_MODEL
from .pipeline import Pipeline, build_pipeline
from .records import Document, Skip
from .stages.base import Analysis
from .store import Store

if TYPE_CHECKING:  # pragma: no cover
    from .incidents.update import UpdateSummary


class Progress(Protocol):
    def start(self, total: int | None, description: str) -> None: ...
    def advance(self, n: int = 1, *, words: int = 0) -> None: ...
    def finish(self) -> None: ...


class _NoProgress:
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
    #: what linking the new reports into incidents did (None when not asked for)
    incidents: UpdateSummary | None = None

    @property
    def docs_per_second(self) -> float:
        return self.analyzed / self.seconds if self.seconds else 0.0


def ingest(
    store: Store,
    paths: Sequence[str],
    options: IngestOptions | None = None,
    *,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> IngestSummary:
    """Add documents to ``store``; every input that is not added is recorded with its reason."""
    progress = progress or _NoProgress()
    summary = IngestSummary()
    progress.start(None, "ingest")
    for item in read_inputs(paths, options, stdin=stdin):
        if isinstance(item, Skip):
            store.add_skip(item)
            summary.problems.append(item)
            if item.status == "failed":
                summary.failed += 1
            else:
                summary.skipped += 1
        else:
            result = store.add_document(item)
            if result == "duplicate":
                summary.duplicates += 1
            elif result == "version":
                summary.versions += 1
            else:
                summary.added += 1
            if item.status == "skipped":
                summary.skipped += 1
                summary.problems.append(Skip(item.source_path or item.url or item.id, "skipped", item.reason or "", item.id))
        progress.advance(1)
    progress.finish()
    return summary


# --- analysis -------------------------------------------------------------------------------

_WORKER_PIPELINE: Pipeline | None = None


def _analyze_one_by_one(pipeline: Pipeline, documents: list[Document]) -> list[tuple[str, Analysis | str]]:
    out: list[tuple[str, Analysis | str]] = []
    for document in documents:
        try:
            out.extend((document.id, a) for a in pipeline.analyze([document]))
        except Exception as exc:  # one bad document must not stop the run; the reason is kept
            out.append((document.id, _reason(exc)))
    return out


def _analyze_batch(pipeline: Pipeline, documents: list[Document]) -> list[tuple[str, Analysis | str]]:
    try:
        return [(a.document.id, a) for a in pipeline.analyze(documents)]
    except Exception:
        return _analyze_one_by_one(pipeline, documents)  # isolate the document that fails


def _reason(exc: BaseException) -> str:
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" at {frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}" if frame else ""
    return f"{type(exc).__name__}: {exc}{where}"


_WORKER_STORE: Store | None = None


def _worker(task: tuple[str, list[str]]) -> list[tuple[str, Analysis | str]]:
    """In a worker process: read the documents (own read-only connection), analyze them."""
    global _WORKER_STORE
    db_path, ids = task
    assert _WORKER_PIPELINE is not None
    if _WORKER_STORE is None:
        _WORKER_STORE = Store(db_path, readonly=True)
    documents = [d for d in (_WORKER_STORE.get_document(i) for i in ids) if d is not None]
    return _analyze_batch(_WORKER_PIPELINE, documents)


def _chunks(store: Store, ids: list[str], size: int) -> Iterator[list[Document]]:
    for i in range(0, len(ids), size):
        docs = [store.get_document(doc_id) for doc_id in ids[i : i + size]]
        yield [d for d in docs if d is not None]


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
    incidents: bool = False,
) -> AnalyzeSummary:
    """Analyze every document not yet analyzed by the current pipeline version; with
    ``incidents``, then link the new reports into incidents (``link_incidents``)."""
    global _WORKER_PIPELINE
    progress = progress or _NoProgress()
    pipeline = pipeline or build_pipeline(model)
    version = pipeline.version
    ids = store.pending(version)
    summary = AnalyzeSummary(pipeline_version=version)
    progress.start(len(ids), "analyze")
    started = time.perf_counter()

    def results() -> Iterable[list[tuple[str, Analysis | str]]]:
        if workers <= 1:
            for chunk in _chunks(store, ids, batch_size):
                yield _analyze_batch(pipeline, chunk)
            return
        global _WORKER_PIPELINE
        _WORKER_PIPELINE = pipeline  # inherited by forked workers: the model loads once
        # Workers read their documents themselves (WAL allows concurrent readers); this
        # process is the only writer.
        tasks = [(store.path, ids[i : i + batch_size]) for i in range(0, len(ids), batch_size)]
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(processes=workers) as pool:
            yield from pool.imap(_worker, tasks)

    try:
        for batch in results():
            for doc_id, result in batch:
                if isinstance(result, str):
                    store.mark_failed(doc_id, result, version)
                    summary.failed += 1
                    summary.problems.append(Skip(doc_id, "failed", result, doc_id))
                    progress.advance(1)
                else:
                    store.save_analysis(result, version)
                    summary.analyzed += 1
                    words = len(result.document.text.split())
                    summary.words += words
                    progress.advance(1, words=words)
    finally:
        _WORKER_PIPELINE = None
        summary.seconds = time.perf_counter() - started
        progress.finish()
    if incidents:
        summary.incidents = link_incidents(store)
    return summary
