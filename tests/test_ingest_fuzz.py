"""Property-based fuzzing of every ingest entry point (Hypothesis, fixed seed, bounded budget).

Entry points: ``read_inputs`` on files of every kind (text, Markdown, HTML, CSV, JSONL, no
suffix), CSV/JSONL rows, URL lists fetched from a loopback server that answers with fuzzed
headers and bodies, and date parsing. The invariant everywhere: every input gives a
``Document`` or a ``Skip`` with a reason, nothing raises, and every string is storable
(valid UTF-8) with offsets that map back into the raw text; documents go into a real store.

The in-suite budget is small (``SITREP_FUZZ=ci``, the default); a long run, random seeds,
its time shared among the five tests, each ending in a skip that gives its example count:

    SITREP_FUZZ=long SITREP_FUZZ_SECONDS=600 .venv/bin/python -m pytest -q -rs tests/test_ingest_fuzz.py

(the figure is in docs/benchmarks.md). Every crash found becomes an ``@example`` or a test in
``test_ingest_hardening.py``.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import http.server
import io
import json
import os
import re
import threading
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sitrep.ingest import IngestOptions, read_inputs
from sitrep.ingest.dates import date_line, normalize_date
from sitrep.ingest.textmap import to_raw
from sitrep.records import Document, Skip
from sitrep.store import Store

_PROFILE = os.environ.get("SITREP_FUZZ", "ci")
_LONG_SECONDS = float(os.environ.get("SITREP_FUZZ_SECONDS", "600"))
settings.register_profile(
    "sitrep-ci", max_examples=40, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)
settings.register_profile(
    "sitrep-long", max_examples=1_000_000, deadline=None, derandomize=False, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)
FUZZ = settings.get_profile("sitrep-long" if _PROFILE == "long" else "sitrep-ci")


def budget(examples: int) -> settings:
    """The profile, with at most ``examples`` examples in the suite (unbounded in the long run)."""
    return settings(FUZZ, max_examples=FUZZ.max_examples if _PROFILE == "long" else examples)

#: the long run shares its time among the five fuzz tests
_STOP_AFTER = _LONG_SECONDS / 5 if _PROFILE == "long" else None
_started: dict[str, float] = {}
_examples: dict[str, int] = {}
_failed: set[str] = set()


@contextlib.contextmanager
def fuzzing(name: str) -> Iterator[None]:
    """Count examples; in the long profile, end a test's run when its share of the time is spent.

    The end is a skip whose reason gives the number of examples run (a failure found before
    is never turned into a skip: once a test failed, it runs on so Hypothesis can shrink).
    """
    start = _started.setdefault(name, time.monotonic())
    if _STOP_AFTER is not None and name not in _failed and time.monotonic() - start > _STOP_AFTER:
        pytest.skip(f"{name}: time budget of {_STOP_AFTER:.0f} s spent after {_examples.get(name, 0)} examples, 0 failures")
    _examples[name] = _examples.get(name, 0) + 1
    try:
        yield
    except BaseException:
        _failed.add(name)
        raise


# --- strategies -------------------------------------------------------------------------------

WORDS = [
    "the", "convoy", "reached", "Aleppo", "on", "Monday", "officials", "said", "By", "Staff", "Reuters",
    "Published", "16", "July", "2016", "Tags", "Syria", "Print", "Tweet", "—", "“quoted”", "#", "**bold**",
    "http://example.org/a", "---", "title:", "&a", "*a", "<div>", "</div>", "<p>", "[", "{", '"', ",", "\t",
]
any_char = st.characters(codec=None, categories=None)
weird_text = st.text(alphabet=st.one_of(any_char, st.sampled_from(["\ud800", "\udfff", "\x00", "\x0c", "\r", "\n", "\ufeff"])), max_size=300)
wordy_text = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(["\n", "\n\n", " ", ". "])), max_size=120).map(" ".join)
some_text = st.one_of(wordy_text, weird_text)
ENCODINGS = ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1", "cp1251", "shift_jis", "utf-8-sig"]


@st.composite
def encoded(draw: st.DrawFn, text: st.SearchStrategy[str] = some_text) -> bytes:
    value = draw(text)
    encoding = draw(st.sampled_from(ENCODINGS))
    errors = "surrogatepass" if encoding.startswith("utf") and encoding != "utf-8-sig" else "replace"
    try:
        return value.encode(encoding, errors=errors)
    except UnicodeEncodeError:
        return value.encode(encoding, errors="replace")


def _html(body: str, depth: int, tag: str) -> str:
    return "<html><head><title>t</title></head><body>" + f"<{tag}>" * depth + body + f"</{tag}>" * depth + "</body></html>"


html_doc = st.builds(
    _html, some_text, st.integers(0, 400), st.sampled_from(["div", "span", "p", "section", "b", "table"])
).map(lambda s: s.encode("utf-8", "surrogatepass"))
front_matter = st.builds(
    lambda meta, body: f"---\n{meta}\n---\n{body}", some_text, wordy_text
).map(lambda s: s.encode("utf-8", "surrogatepass"))
file_bytes = st.one_of(st.binary(max_size=3000), encoded(), html_doc, front_matter)
SUFFIXES = [".txt", ".md", ".html", ".csv", ".jsonl", "", ".bin"]


@st.composite
def csv_file(draw: st.DrawFn) -> bytes:
    columns = draw(st.lists(st.sampled_from(["text", "title", "date", "publisher", "url", "body", "x"]), min_size=1, max_size=5))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for _ in range(draw(st.integers(0, 6))):
        writer.writerow([draw(some_text) for _ in range(draw(st.integers(0, len(columns) + 1)))])
    text = out.getvalue()
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(st.sampled_from(['"', "\n", '""', "\r", "\x00", "," * 50])) + text[cut:]
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-16", "cp1252"]))
    return text.encode(encoding, errors="surrogatepass" if encoding.startswith("utf") else "replace")


json_value = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), some_text),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(some_text, inner, max_size=4)),
    max_leaves=12,
)


@st.composite
def jsonl_file(draw: st.DrawFn) -> bytes:
    lines = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.integers(0, 5))
        if kind == 0:
            lines.append(draw(some_text).replace("\n", " "))
        elif kind == 1:
            lines.append("[" * draw(st.integers(50, 3000)))
        else:
            record = draw(st.dictionaries(st.sampled_from(["text", "title", "published", "publisher", "id", "z"]), json_value, max_size=5))
            if draw(st.booleans()):
                record["text"] = draw(some_text)
            lines.append(json.dumps(record, ensure_ascii=draw(st.booleans())))
    return "\n".join(lines).encode("utf-8", "surrogatepass")


# --- invariants -------------------------------------------------------------------------------


def _check(results: list[Document | Skip], store: Store | None = None) -> None:
    for item in results:
        assert isinstance(item, (Document, Skip))
        if isinstance(item, Skip):
            assert item.reason and item.source is not None
            assert item.status in ("skipped", "failed")
            item.reason.encode("utf-8")
            item.source.encode("utf-8")
            if store is not None:
                store.add_skip(item)
            continue
        assert item.text.strip()
        assert item.id == hashlib.sha256(item.text.encode("utf-8")).hexdigest()[:16]
        for value in (item.text, item.raw_text, item.title, item.author, item.publisher, item.url, item.source_path, item.dateline, item.footer, *item.captions):
            if value is not None:
                value.encode("utf-8")
        assert item.published is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", item.published)
        raw = item.raw_text or ""
        for stored, raw_offset in item.char_map:
            assert 0 <= stored <= len(item.text) and 0 <= raw_offset <= len(raw)
        if item.char_map:
            assert 0 <= to_raw(item.char_map, len(item.text) - 1) < len(raw) + 1
        assert item.replaced >= 0
        if store is not None:
            store.add_document(item)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with Store(tmp_path_factory.mktemp("fuzz") / "fuzz.db") as s:
        yield s


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("inputs")


_counter = iter(range(10**9))


def _write(folder: Path, data: bytes, suffix: str) -> Path:
    path = folder / f"f{next(_counter)}{suffix}"
    path.write_bytes(data)
    return path


# --- files of every kind ----------------------------------------------------------------------


@budget(25)
@given(files=st.lists(st.tuples(file_bytes, st.sampled_from(SUFFIXES)), min_size=1, max_size=3))
@example(files=[(b'{"title": "\\ud800", "text": "a b c d e"}', ".jsonl")])
@example(files=[(b"[" * 2000, ".jsonl"), (b'title,text\nA,"' + b"x" * 140_000 + b'"\n', ".csv")])
@example(files=[(b"---\na: &a [1,1]\nb: &b [*a,*a]\n---\nbody text here", ".md")])
@example(files=[(b"text\n\"" + b"a\r" * 50, ".csv")])
def test_fuzz_read_inputs_files_of_every_kind(files: list[tuple[bytes, str]], folder: Path, store: Store) -> None:
    with fuzzing("files"):
        paths = [_write(folder, data, suffix) for data, suffix in files]
        _check(list(read_inputs([str(p) for p in paths], IngestOptions(max_bytes=200_000))), store)


@budget(40)
@given(data=st.one_of(csv_file(), jsonl_file()), mapping=st.sampled_from([{}, {"text": "body"}, {"text": "text", "published": "date"}]))
def test_fuzz_read_inputs_rows(data: bytes, mapping: dict[str, str], folder: Path, store: Store) -> None:
    with fuzzing("rows"):
        suffix = ".jsonl" if data[:1] in (b"{", b"[") or b'{"' in data[:50] else ".csv"
        path = _write(folder, data, suffix)
        _check(list(read_inputs([str(path)], IngestOptions(mapping=mapping, max_bytes=50_000))), store)


# --- URL lists against a loopback server --------------------------------------------------------

_RESPONSES: dict[str, tuple[int, list[tuple[str, str]], bytes]] = {}


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802
        status, headers, body = _RESPONSES.get(self.path, (404, [], b""))
        try:
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _compress(body: bytes, how: str) -> bytes:
    if how == "gzip":
        c = zlib.compressobj(6, zlib.DEFLATED, 31)
        return c.compress(body) + c.flush()
    if how == "deflate":
        return zlib.compress(body)
    return body


header_value = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=40)
response = st.tuples(
    st.sampled_from([200, 200, 200, 301, 302, 404, 500]),
    st.lists(st.tuples(st.sampled_from(["Content-Type", "Location", "X-Junk"]), header_value), max_size=3),
    st.one_of(file_bytes, html_doc),
    st.sampled_from(["", "gzip", "deflate", "gzip, gzip", "br", "gzip, deflate", "identity", "bogus"]),
    st.booleans(),  # whether the body is really compressed as the header says
)
url_piece = st.one_of(
    st.sampled_from(["http://", "https://", "ftp://", "http://[", "http://[::1", "http://0177.0.0.1", "http://h:port", ":99999", "//", "#", " "]),
    st.text(alphabet=st.characters(codec="ascii"), max_size=20),
)


@budget(15)
@given(responses=st.lists(response, min_size=1, max_size=3), junk=st.lists(st.lists(url_piece, max_size=4).map("".join), max_size=3))
def test_fuzz_read_inputs_url_lists(responses: list[tuple[int, list[tuple[str, str]], bytes, str, bool]], junk: list[str], server: str, folder: Path, store: Store) -> None:
    with fuzzing("urls"):
        lines = list(junk)
        for status, headers, body, encoding, honest in responses:
            path = f"/r{next(_counter)}"
            layers = [e.strip() for e in encoding.split(",") if e.strip()]
            payload = body
            if honest:
                for layer in layers:
                    payload = _compress(payload, layer)
            all_headers = list(headers) + ([("Content-Encoding", encoding)] if encoding else [])
            if status in (301, 302) and not any(h == "Location" for h, _ in headers):
                all_headers.append(("Location", f"{server}/r-missing"))
            _RESPONSES[path] = (status, all_headers, payload)
            lines.append(server + path)
        listing = _write(folder, "\n".join(lines).encode("utf-8", "surrogatepass"), ".urls")
        results = list(read_inputs([str(listing)], IngestOptions(urls=True, allow_private=True, timeout=3, max_bytes=100_000)))
        _check(results, store)


# --- dates --------------------------------------------------------------------------------------

date_like = st.one_of(
    some_text,
    st.builds(lambda a, n, b: a + " " * n + b, st.sampled_from(["1", "16 July", "Published"]), st.integers(0, 50_000), st.sampled_from(["x", "2016", ""])),
    st.builds(lambda d, m, y: f"{d}/{m}/{y}", st.integers(-5, 40), st.integers(-5, 40), st.integers(0, 99999)),
)


@budget(60)
@given(value=date_like, order=st.sampled_from(["MDY", "DMY", "mdy"]))
def test_fuzz_date_parsing(value: str, order: str) -> None:
    with fuzzing("dates"):
        started = time.perf_counter()
        for result in (normalize_date(value, date_order=order), date_line(value)):
            assert result is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", result)
        assert time.perf_counter() - started < 1.0


@budget(25)
@given(data=st.one_of(file_bytes, csv_file()))
def test_fuzz_read_inputs_stdin(data: bytes) -> None:
    with fuzzing("stdin"):
        _check(list(read_inputs(["-"], IngestOptions(max_bytes=100_000), stdin=io.BytesIO(data))))

