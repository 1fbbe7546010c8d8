"""Continuous ingestion: ``sitrep watch`` reads RSS/Atom feeds and folders every N minutes.

Each cycle:

1. every feed is fetched (with ingest's fetch limits and its refusal of private addresses)
   and parsed with feedparser; each entry's link that the database has not seen — not the
   URL of a stored document, not an input recorded as skipped — is fetched and ingested like
   ``sitrep ingest --urls`` (a link that failed, e.g. a time-out, is tried again next cycle);
2. every folder is walked; files that are new or changed since the last look are ingested;
3. the content hash de-duplicates what arrives twice (the same article under two URLs, a
   file copied into the folder again);
4. what is pending is analyzed (unless ``analyze=False``: a watcher can only ingest while a
   Dask cluster analyzes the shared PostgreSQL database).

A feed entry's title, publication date and author fill the document's when its page lacks
them (they are the publisher's own metadata, never a guess); the feed's title fills a missing
publisher. :meth:`Watcher.stop` (``SIGINT``/``SIGTERM`` in the CLI) ends the loop after the
document being written: nothing half-done is left, and the next start resumes.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import FetchError, InputError
from .ingest import IngestOptions, fetch_document
from .ingest.files import expand_paths, read_file
from .pipeline import Pipeline
from .records import Document, Skip
from .store import Store
from .workflow import (
    AnalyzeSummary,
    IngestSummary,
    Progress,
    add_document,
    analyze,
    ingest,
)

log = logging.getLogger(__name__)

#: how often the pause between cycles looks whether :meth:`Watcher.stop` was called (seconds)
STOP_CHECK_SECONDS = 0.2


@dataclass(slots=True)
class WatchOptions:
    """What to watch and how often; ``ingest`` holds the fetch limits (``allow_private``, ``timeout`` ...)."""

    feeds: list[str] = field(default_factory=list)
    folders: list[str] = field(default_factory=list)
    every_minutes: float = 15.0
    ingest: IngestOptions = field(default_factory=IngestOptions)
    analyze: bool = True
    workers: int = 1
    batch_size: int = 16
    dask: str | None = None


@dataclass(slots=True)
class CycleSummary:
    """One cycle: feed entries seen and fetched, what was ingested and analyzed."""

    feeds: int = 0
    entries: int = 0
    known: int = 0
    ingest: IngestSummary = field(default_factory=IngestSummary)
    analyze: AnalyzeSummary | None = None


def _iso_date(parsed: Any) -> str | None:
    """A feed's parsed date (UTC ``time.struct_time``) as ``YYYY-MM-DD``; None when absent."""
    if not parsed:
        return None
    try:
        return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
    except AttributeError:
        return None


@dataclass(slots=True)
class FeedEntry:
    """One item of a feed: its link and the publisher's own metadata for it."""

    link: str
    title: str | None = None
    published: str | None = None
    author: str | None = None
    publisher: str | None = None


def parse_feed(data: bytes, *, source: str) -> list[FeedEntry]:
    """The entries of an RSS or Atom document (feedparser), links resolved; raise ``InputError`` if none can be read."""
    import feedparser

    parsed = feedparser.parse(data, response_headers={"content-location": source})
    entries = []
    channel = parsed.get("feed", {}).get("title") or None
    for entry in parsed.get("entries", []):
        link = entry.get("link")
        if not link:
            continue
        entries.append(FeedEntry(link=str(link).strip(), title=entry.get("title") or None,
                                 published=_iso_date(entry.get("published_parsed") or entry.get("updated_parsed")),
                                 author=entry.get("author") or None, publisher=channel))
    if not entries and parsed.get("bozo"):
        raise InputError(f"{source}: not a readable RSS or Atom feed ({parsed.get('bozo_exception')}).")
    return entries


def _with_feed_metadata(document: Document, entry: FeedEntry) -> Document:
    document.title = document.title or entry.title
    document.published = document.published or entry.published
    document.author = document.author or entry.author
    document.publisher = document.publisher or entry.publisher
    return document


class Watcher:
    """Runs cycles until stopped. ``pipeline``: built once by the caller (models loaded once)."""

    def __init__(self, store: Store, options: WatchOptions, *, pipeline: Pipeline | None = None,
                 progress: Progress | None = None) -> None:
        self.store = store
        self.options = options
        self.pipeline = pipeline
        self.progress = progress
        #: set by :meth:`stop`; a plain flag, read between documents and while pausing
        self._stop_requested = False
        #: (size, mtime) of each file already read from a watched folder
        self._files: dict[str, tuple[int, int]] = {}
        #: links fetched by this process (one that redirected is stored under its final URL)
        self._fetched: set[str] = set()

    def stop(self) -> None:
        """Stop after the current document. Safe from a signal handler: it only sets a flag. A
        handler runs in the main thread between two lines, wherever that thread is, perhaps inside
        a lock: one that took a lock itself (``threading.Event.set``) could wait for ever on a
        lock its own thread holds (a SIGTERM during the pause between cycles hung the watcher)."""
        self._stop_requested = True

    @property
    def stopping(self) -> bool:
        return self._stop_requested

    def _pause(self, seconds: float) -> None:
        """Wait ``seconds``, or until :meth:`stop` is called: the flag is read every
        :data:`STOP_CHECK_SECONDS` (a sleep takes no lock that a signal handler could meet)."""
        end = time.monotonic() + seconds
        while not self.stopping:
            left = end - time.monotonic()
            if left <= 0:
                return
            time.sleep(min(left, STOP_CHECK_SECONDS))

    def run(self, *, cycles: int | None = None, on_cycle: Callable[[CycleSummary], None] | None = None) -> int:
        """Cycle every ``every_minutes`` until :meth:`stop` (or ``cycles`` cycles); returns the cycles run."""
        done = 0
        while not self.stopping:
            summary = self.cycle()
            done += 1
            if on_cycle is not None:
                on_cycle(summary)
            if cycles is not None and done >= cycles:
                break
            self._pause(self.options.every_minutes * 60)
        return done

    def cycle(self) -> CycleSummary:
        summary = CycleSummary()
        for feed in self.options.feeds:
            if self.stopping:
                break
            self._read_feed(feed, summary)
        if self.options.folders and not self.stopping:
            changed = self._changed_files()
            if changed:
                got = ingest(self.store, changed, self.options.ingest)
                _merge(summary.ingest, got)
        if self.options.analyze and not self.stopping:
            summary.analyze = analyze(self.store, pipeline=self.pipeline, workers=self.options.workers,
                                      batch_size=self.options.batch_size, dask=self.options.dask,
                                      progress=self.progress, should_stop=lambda: self.stopping)
        log.info("watch: %d feed(s), %d entries (%d known), %d added, %d duplicates, %d skipped, %d failed; %s",
                 summary.feeds, summary.entries, summary.known, summary.ingest.added, summary.ingest.duplicates,
                 summary.ingest.skipped, summary.ingest.failed,
                 f"{summary.analyze.analyzed} analyzed" if summary.analyze else "not analyzed")
        return summary

    def _feed_bytes(self, feed: str) -> bytes:
        opts = self.options.ingest
        if os.path.isfile(feed):
            return read_file(feed, opts.max_bytes)
        from .ingest.fetch import fetch_url

        return fetch_url(feed, timeout=opts.timeout, max_bytes=opts.max_bytes, allow_private=opts.allow_private).content

    def _read_feed(self, feed: str, summary: CycleSummary) -> None:
        try:
            entries = parse_feed(self._feed_bytes(feed), source=feed)
        except (FetchError, InputError) as exc:
            skip = Skip(source=feed, status="failed", reason=str(exc))
            self.store.add_skip(skip)
            summary.ingest.failed += 1
            summary.ingest.problems.append(skip)
            log.warning("feed %s: %s", feed, exc)
            return
        summary.feeds += 1
        summary.entries += len(entries)
        known = self.store.known_urls([e.link for e in entries]) | self._fetched
        for entry in entries:
            if self.stopping:
                return
            if entry.link in known:
                summary.known += 1
                continue
            self._fetched.add(entry.link)
            item = fetch_document(entry.link, self.options.ingest)
            if isinstance(item, Skip):
                self.store.add_skip(item)
                summary.ingest.problems.append(item)
                if item.status == "failed":
                    summary.ingest.failed += 1
                    self._fetched.discard(entry.link)  # a time-out or an error page: try again next cycle
                else:
                    summary.ingest.skipped += 1
                continue
            add_document(self.store, _with_feed_metadata(item, entry), summary.ingest)

    def _changed_files(self) -> list[str]:
        changed = []
        for item in expand_paths(self.options.folders):
            if isinstance(item, Skip):
                continue  # the folder vanished or is unreadable: recorded when it is ingested
            try:
                st = Path(item).stat()
            except OSError:
                continue
            signature = (st.st_size, st.st_mtime_ns)
            if self._files.get(item) != signature:
                self._files[item] = signature
                changed.append(item)
        return changed


def _merge(into: IngestSummary, other: IngestSummary) -> None:
    into.added += other.added
    into.versions += other.versions
    into.duplicates += other.duplicates
    into.skipped += other.skipped
    into.failed += other.failed
    into.problems += other.problems


def watch_sources(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """Split ``sitrep watch`` arguments into feeds (URLs, feed files) and folders."""
    feeds: list[str] = []
    folders: list[str] = []
    for p in paths:
        (folders if os.path.isdir(p) else feeds).append(p)
    return feeds, folders
