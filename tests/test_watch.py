"""``sitrep watch``: feeds served on loopback by the test itself, folders, de-duplication by URL
and content, the fetch limits, and a clean stop on SIGTERM. Pages and feeds written here."""

from __future__ import annotations

import http.server
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitrep.ingest import IngestOptions
from sitrep.store import Store
from sitrep.watch import Watcher, WatchOptions, parse_feed

pytestmark = pytest.mark.slow  # a real component (see conftest: the slow marker)

ARTICLE = """<html><head><title>{title}</title></head><body><article>
<h1>{title}</h1><p>{body}</p><p>Residents said the road to the river crossing stayed closed all day,
and aid workers waited at the checkpoint until the evening before turning back.</p>
</article></body></html>"""

BODIES = {
    "a1": "Shelling hit the northern district of Valdora on Monday, officials said, and two schools closed.",
    "a2": "Negotiators met in the lakeside town of Kessin for a second round of talks about a local truce.",
    "a3": "A convoy carrying flour and medicine reached the village of Ostrel after a week of delays.",
    "a4": "Fighters withdrew from the hills above Marrow Bay overnight, according to a local council member.",
}


class _Site:
    """Pages served on 127.0.0.1 from a dict; every request counted."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[str, bytes]] = {}
        self.hits: Counter[str] = Counter()
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                site.hits[self.path] += 1
                if self.path not in site.pages:
                    self.send_error(404)
                    return
                kind, body = site.pages[self.path]
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def article(self, name: str, same_as: str | None = None) -> None:
        source = same_as or name
        text = ARTICLE.format(title=f"Report {source}", body=BODIES[source])
        self.pages[f"/{name}.html"] = ("text/html; charset=utf-8", text.encode())

    def feed(self, names: list[str], *, path: str = "/feed.xml") -> str:
        items = "".join(
            f"<item><title>Feed title {n}</title><link>{self.base}/{n}.html</link>"
            f"<pubDate>Tue, 0{i + 1} Mar 2016 10:00:00 GMT</pubDate><author>desk@example.org (Desk {n})</author></item>"
            for i, n in enumerate(names))
        rss = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>'
               f"<link>{self.base}/</link><description>test</description>{items}</channel></rss>")
        self.pages[path] = ("application/rss+xml", rss.encode())
        return self.base + path

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site() -> Iterator[_Site]:
    s = _Site()
    yield s
    s.close()


def _watcher(store: Store, feeds: list[str], folders: list[str] | None = None, **kw) -> Watcher:
    options = WatchOptions(feeds=feeds, folders=folders or [], every_minutes=0, analyze=False,
                           ingest=IngestOptions(allow_private=True, timeout=10), **kw)
    return Watcher(store, options)


def test_watch_feed_fetches_new_links_once_and_deduplicates_content(site: _Site, tmp_path: Path):
    for name in ("a1", "a2", "a3"):
        site.article(name)
    feed = site.feed(["a1", "a2", "a3"])
    with Store(tmp_path / "w.db") as store:
        watcher = _watcher(store, [feed])
        first = watcher.cycle()
        assert (first.feeds, first.entries, first.ingest.added) == (1, 3, 3)
        # next look: one new article, and an old article's text under a new address
        site.article("a4")
        site.article("copy", same_as="a1")
        site.feed(["a1", "a2", "a3", "a4", "copy"])
        second = watcher.cycle()
        assert (second.entries, second.known, second.ingest.added, second.ingest.duplicates) == (5, 3, 1, 1)
        assert [site.hits[f"/{n}.html"] for n in ("a1", "a2", "a3", "a4", "copy")] == [1, 1, 1, 1, 1]
        # a new process (a restart) knows the links from the database
        third = _watcher(store, [feed]).cycle()
        assert third.known == 4 and third.ingest.added == 0  # "copy" is known through its duplicate only here
        docs = {d.url: d for d in store.documents()}
        a2 = docs[f"{site.base}/a2.html"]
        assert a2.title == "Report a2"  # the page's own title wins
        assert a2.published == "2016-03-02"  # the page has no date: the feed's, never a guess
        assert a2.author == "desk@example.org (Desk a2)"  # the page names none: the feed's


def test_watch_refuses_private_addresses_unless_allowed(site: _Site, tmp_path: Path):
    site.article("a1")
    feed = site.feed(["a1"])
    with Store(tmp_path / "p.db") as store:
        options = WatchOptions(feeds=[feed], analyze=False, ingest=IngestOptions(timeout=5))
        summary = Watcher(store, options).cycle()
        assert summary.ingest.added == 0 and summary.ingest.failed == 1
        assert "private or loopback" in summary.ingest.problems[0].reason
        assert site.hits["/feed.xml"] == 0


def test_watch_retries_a_failed_link_and_records_the_reason(site: _Site, tmp_path: Path):
    feed = site.feed(["a1"])  # the article is not there yet: 404
    with Store(tmp_path / "r.db") as store:
        watcher = _watcher(store, [feed])
        first = watcher.cycle()
        assert first.ingest.failed == 1 and "HTTP 404" in first.ingest.problems[0].reason
        site.article("a1")
        second = watcher.cycle()
        assert second.ingest.added == 1 and site.hits["/a1.html"] == 2
        assert store.status_counts()["inputs_failed"] == 0  # the skip was cleared by the document


def test_watch_once_exits_3_when_an_input_failed_as_the_readme_says(site: _Site, tmp_path: Path):
    """README's exit codes: 3 when finished but some inputs were skipped or failed; `watch --once`
    (for cron) too — a feed refused (a loopback address without --allow-private) is such an input."""
    from typer.testing import CliRunner

    from sitrep.cli import app
    from sitrep.cli import scale as _scale_cli  # noqa: F401  (registers `sitrep watch`)

    site.article("a1")
    feed = site.feed(["a1"])
    runner = CliRunner()
    refused = runner.invoke(app, ["watch", feed, "--once", "--no-analyze", "-q", "--db", str(tmp_path / "w.db")])
    assert refused.exit_code == 3, refused.output
    assert "private or loopback" in refused.output
    fine = runner.invoke(app, ["watch", feed, "--once", "--no-analyze", "-q", "--allow-private",
                               "--db", str(tmp_path / "w.db")])
    assert fine.exit_code == 0, fine.output


def test_watch_folder_reads_only_new_or_changed_files(tmp_path: Path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "one.txt").write_text(BODIES["a1"] + "\n")
    with Store(tmp_path / "f.db") as store:
        watcher = _watcher(store, [], [str(inbox)])
        assert watcher.cycle().ingest.added == 1
        assert watcher.cycle().ingest.seen == 0  # nothing new: nothing read
        (inbox / "two.txt").write_text(BODIES["a2"] + "\n")
        (inbox / "copy.txt").write_text(BODIES["a1"] + "\n")
        third = watcher.cycle()
        assert (third.ingest.added, third.ingest.duplicates, third.ingest.seen) == (1, 1, 2)


def test_watch_parse_feed_atom_and_garbage():
    atom = (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title>'
            b'<entry><title>One</title><link href="/x/1.html"/><updated>2017-05-04T08:00:00Z</updated></entry></feed>')
    [entry] = parse_feed(atom, source="https://news.example.org/atom.xml")
    assert entry.link == "https://news.example.org/x/1.html" and entry.published == "2017-05-04"
    assert entry.publisher == "Atom Desk" and entry.author is None
    from sitrep.errors import InputError

    with pytest.raises(InputError, match="not a readable RSS or Atom feed"):
        parse_feed(b"\x00\x01 this is not a feed <", source="x")


def test_watch_command_stops_cleanly_on_sigterm(site: _Site, tmp_path: Path):
    for name in ("a1", "a2"):
        site.article(name)
    feed = site.feed(["a1", "a2"])
    db = tmp_path / "s.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "sitrep", "watch", feed, "--db", str(db), "--every", "0.005", "--no-analyze",
         "--allow-private"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and site.hits["/feed.xml"] < 2:
            time.sleep(0.05)
        assert site.hits["/feed.xml"] >= 2, "the watcher did not come round a second time"
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
    assert proc.returncode == 0, err
    assert "SIGTERM, stopping" in err and "stopped after" in out
    with Store(db, readonly=True) as store:
        assert store.status_counts()["documents"] == 2


@pytest.mark.slow
def test_watch_analyzes_what_arrives(site: _Site, tmp_path: Path):
    from sitrep.pipeline import build_pipeline

    site.article("a1")
    feed = site.feed(["a1"])
    with Store(tmp_path / "a.db") as store:
        options = WatchOptions(feeds=[feed], analyze=True, ingest=IngestOptions(allow_private=True))
        watcher = Watcher(store, options, pipeline=build_pipeline(only=["time"]))
        summary = watcher.cycle()
        assert summary.analyze is not None and summary.analyze.analyzed == 1
        site.article("a2")
        site.feed(["a1", "a2"])
        assert watcher.cycle().analyze.analyzed == 1  # type: ignore[union-attr]  # only the new one


def _stop_at_line(watcher: Watcher, n: int) -> bool:
    """Run ``watcher`` in a thread that calls ``watcher.stop()`` at its ``n``-th line of Python
    (any function, the standard library's too) once the first cycle is over, as a signal handler
    would run between two lines wherever the thread is; True if the run ended within 60 s."""
    line = [0]
    armed = threading.Event()  # set by the thread itself, not by the handler

    def tracer(frame, event, arg):  # type: ignore[no-untyped-def]
        if event == "line" and armed.is_set():
            line[0] += 1
            if line[0] == n:
                watcher.stop()
        return tracer

    def target() -> None:
        sys.settrace(tracer)
        try:
            watcher.run(on_cycle=lambda summary: armed.set())
        finally:
            sys.settrace(None)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(60)
    return not thread.is_alive()


def test_watch_stop_from_a_signal_handler_at_any_line_of_the_pause_ends_the_run(tmp_path: Path, monkeypatch):
    """``sitrep watch`` calls ``Watcher.stop`` from its SIGTERM/SIGINT handler. A handler runs in
    the main thread between two lines, wherever that thread is: inside a lock it holds too (the
    pause between cycles waited on a ``threading.Event``, whose ``set`` takes the lock its ``wait``
    holds: a SIGTERM at such a line hung the watcher for ever). Here ``stop`` is called at each of
    the first 80 lines run after the first cycle (the pause between cycles, 10 minutes long, and
    the loop around it): every run must end."""
    from sitrep import watch

    # the pause looks at the flag this often: short here, so that 80 lines are reached quickly
    monkeypatch.setattr(watch, "STOP_CHECK_SECONDS", 0.001, raising=False)
    with Store(tmp_path / "s.db") as store:
        hung = []
        for n in range(1, 81):
            watcher = Watcher(store, WatchOptions(feeds=[], folders=[], every_minutes=10, analyze=False))
            if not _stop_at_line(watcher, n):
                hung.append(n)
                break  # the hung thread holds its lock for good: one is enough to fail
        assert not hung, f"stop() at line {hung[0]} of the pause left the watcher waiting (a deadlock)"
