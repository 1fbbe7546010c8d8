"""Bad input gets a clear reason and never stops the run; duplicates and versions."""

from __future__ import annotations

import http.server
import threading
import time
from pathlib import Path

import pytest

from sitrep.errors import FetchError
from sitrep.ingest import IngestOptions, read_inputs
from sitrep.ingest.fetch import fetch_url
from sitrep.records import Document, Skip

GOOD = (
    "Aid convoy reaches besieged town\n\nBy Test Writer\n12 October 2016\n\n"
    "An aid convoy reached the besieged town on Wednesday after weeks of delay, "
    "officials said. Trucks carried food and medicine for thousands of residents."
)


def _results(paths, **kw):
    return list(read_inputs([str(p) for p in paths], IngestOptions(**kw)))


def test_inputs_each_bad_file_is_reported_and_the_run_continues(tmp_path: Path):
    (tmp_path / "a_good.txt").write_text(GOOD)
    (tmp_path / "b_empty.txt").write_text("   \n\n")
    (tmp_path / "c_binary.bin").write_bytes(bytes(range(256)) * 50)
    (tmp_path / "d_big.txt").write_bytes(b"word " * (11_000_000 // 5))
    (tmp_path / "e_menu.html").write_text("<html><body><nav><a href='/'>Home</a> <a href='/x'>News</a></nav></body></html>")
    (tmp_path / "f_missing.csv").write_text("headline,when\nA,2016-01-01\n")
    (tmp_path / "g_good.txt").write_text(GOOD.replace("Wednesday", "Thursday"))
    results = _results([tmp_path])
    by_source = {Path(getattr(r, "source", None) or r.source_path).name: r for r in results}
    assert isinstance(by_source["a_good.txt"], Document)
    assert isinstance(by_source["g_good.txt"], Document)  # the run went on after the bad ones
    reasons = {name: r.reason for name, r in by_source.items() if isinstance(r, Skip)}
    assert "empty" in reasons["b_empty.txt"]
    assert "binary" in reasons["c_binary.bin"]
    assert "cap" in reasons["d_big.txt"] and "--max-bytes" in reasons["d_big.txt"]
    assert "no article" in reasons["e_menu.html"]
    assert "no text column" in reasons["f_missing.csv"]
    assert all(r.status == "skipped" for r in by_source.values() if isinstance(r, Skip))


def test_inputs_fifty_megabyte_file_is_refused_without_reading_it(tmp_path: Path):
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:  # sparse: 50 MB on paper, nothing read
        fh.truncate(50_000_000)
    (skip,) = _results([big])
    assert isinstance(skip, Skip) and "50.0 MB" in skip.reason


def test_inputs_undecodable_bytes_fall_back_to_detection(tmp_path: Path):
    (tmp_path / "latin1.txt").write_bytes(
        ("Le cessez-le-feu a été annoncé à Genève. " * 3 + "\n\nThe café owner said the ceasefire was announced in Genève on Friday evening.").encode("latin-1")
    )
    (doc,) = _results([tmp_path / "latin1.txt"], languages=("en", "fr"))
    assert isinstance(doc, Document)
    assert "Genève" in doc.text


def test_inputs_non_english_is_stored_as_skipped_with_reason(tmp_path: Path):
    (tmp_path / "de.txt").write_text(
        "Die Waffenruhe in Syrien ist nach wenigen Tagen gescheitert. Die Vereinten Nationen haben alle "
        "Hilfskonvois vorerst gestoppt, nachdem ein Konvoi bei Aleppo angegriffen worden war."
    )
    (doc,) = _results([tmp_path / "de.txt"])
    assert isinstance(doc, Document)
    assert doc.status == "skipped" and doc.language == "de" and "language" in (doc.reason or "")


def test_inputs_csv_with_mapping_and_bad_rows(tmp_path: Path):
    csv_path = tmp_path / "rows.csv"
    body = "Officials said on Monday that the talks in Geneva would resume next week after a pause."
    csv_path.write_text(
        "article_title,article_content,source,date\n"
        f'Talks to resume,"{body}",wire,4/5/2017\n'
        "Empty one,,wire,4/6/2017\n"
    )
    results = _results([csv_path], mapping={"text": "article_content", "title": "article_title", "publisher": "source", "published": "date"})
    doc, skip = results
    assert isinstance(doc, Document) and doc.title == "Talks to resume" and doc.publisher == "wire"
    assert doc.published == "2017-04-05"
    assert isinstance(skip, Skip) and "row2" in skip.source and "empty" in skip.reason


def test_inputs_jsonl_rows(tmp_path: Path):
    path = tmp_path / "rows.jsonl"
    path.write_text(
        '{"headline": "Strike reported", "body": "Residents reported an air strike on the market on Sunday morning, local officials said."}\n'
        "not json\n"
    )
    doc, skip = _results([path], mapping={"text": "body", "title": "headline"})
    assert isinstance(doc, Document) and doc.title == "Strike reported" and doc.published is None
    assert isinstance(skip, Skip) and "not valid JSON" in skip.reason


def test_inputs_html_article_and_date(tmp_path: Path):
    paragraphs = "".join(
        f"<p>Paragraph {i}: the convoy was struck near the town on Monday night, witnesses told reporters at the scene.</p>"
        for i in range(6)
    )
    html = (
        "<html><head><title>Convoy struck</title><meta property='article:published_time' content='2016-09-20'>"
        "<meta name='author' content='Ana Writer'></head><body><nav>Home | World</nav><article><h1>Convoy struck</h1>"
        f"{paragraphs}</article><footer>Copyright</footer></body></html>"
    )
    (tmp_path / "page.html").write_text(html)
    (doc,) = _results([tmp_path / "page.html"])
    assert isinstance(doc, Document)
    assert doc.title == "Convoy struck" and doc.published == "2016-09-20" and doc.author == "Ana Writer"
    assert "Home | World" not in doc.text and "Paragraph 5" in doc.text


class _Slow(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        time.sleep(2)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture()
def slow_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_fetch_times_out_with_reason(slow_server, tmp_path: Path):
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{slow_server}\n")
    (skip,) = _results([urls], urls=True, allow_private=True, timeout=0.3)
    assert isinstance(skip, Skip) and skip.status == "failed" and "timed out" in skip.reason


def test_fetch_refuses_loopback_unless_allowed(slow_server):
    with pytest.raises(FetchError, match="--allow-private"):
        fetch_url(slow_server, timeout=0.3)
