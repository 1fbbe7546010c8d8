"""The bad-input matrix: 47 kinds of bad file and 13 of bad URL, with good documents, through ``workflow.ingest``.

Every good document ends ingested (and, in the slow test, analyzed); every bad input is
listed with its reason, or ingested with its repair recorded (encoding, replaced
characters); the whole folder takes well under 60 s. Memory for one huge input is measured
in a subprocess. All inputs are written by the test.
"""

from __future__ import annotations

import contextlib
import errno
import gzip
import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from sitrep.ingest import IngestOptions
from sitrep.records import Document, Skip
from sitrep.store import Store
from sitrep.workflow import analyze, ingest

PLACES = ["Aleppo", "Homs", "Idlib", "Deraa", "Raqqa", "Hama", "Latakia", "Qamishli", "Manbij", "Palmyra", "Douma", "Tartus"]


def article(i: int) -> str:
    """A distinct short English report (written for this test)."""
    place = PLACES[i % len(PLACES)]
    return (
        f"An aid convoy of {10 + i} trucks reached {place} on Monday after weeks of delay, officials said. "
        f"The trucks carried food and medicine for about {1000 * (i + 2)} residents of the town, "
        f"according to a statement from the aid agency."
    )


HTML_ARTICLE = "".join(f"<p>{article(40 + k)}</p>" for k in range(4))
ALIAS_BOMB = "\n".join(
    ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)]
)


@dataclass
class Case:
    """One kind of input: files to write (relative path -> bytes) and what each source must become."""

    kind: str
    files: dict[str, bytes]
    expect: dict[str, str]  # source (relative) -> "doc", "doc:ATTR=VALUE", "duplicate", "lang", or "skip:REASON TEXT"


def _csv(rows: list[tuple[str, str]], header: str = "title,text") -> bytes:
    return (header + "\n" + "".join(f'{t},"{b}"\n' for t, b in rows)).encode()


GOOD = [
    Case("good text", {"g01.txt": f"Convoy reaches town\n\nBy Staff Writer\n\n{article(1)}".encode()}, {"g01.txt": "doc"}),
    Case("good markdown", {"g02.md": f"---\ntitle: Talks resume\ndate: 2016-07-16\n---\n# Talks\n\n{article(2)}".encode()}, {"g02.md": "doc:published=2016-07-16"}),
    Case("good html", {"g03.html": f"<html><head><title>Convoy</title></head><body><article>{HTML_ARTICLE}</article></body></html>".encode()}, {"g03.html": "doc"}),
    Case("good csv", {"g04.csv": _csv([("One", article(3)), ("Two", article(4))])}, {"g04.csv#row1": "doc", "g04.csv#row2": "doc"}),
    Case("good jsonl", {"g05.jsonl": (json.dumps({"title": "A", "text": article(5)}) + "\n" + json.dumps({"title": "B", "text": article(6)}) + "\n").encode()},
         {"g05.jsonl#row1": "doc", "g05.jsonl#row2": "doc"}),
]

BAD = [
    Case("empty file", {"b01_empty.txt": b""}, {"b01_empty.txt": "skip:empty"}),
    Case("whitespace only", {"b02_blank.txt": b"  \n\n\t \n"}, {"b02_blank.txt": "skip:empty"}),
    Case("binary", {"b03_random.bin": bytes((i * 7919 + 13) % 256 for i in range(20_000))}, {"b03_random.bin": "skip:binary"}),
    Case("binary with a text extension", {"b04_image.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40}, {"b04_image.txt": "skip:binary"}),
    Case("gzip file named .txt", {"b05_packed.txt": gzip.compress(article(7).encode() * 50)}, {"b05_packed.txt": "skip:binary"}),
    Case("many NUL bytes", {"b06_nul.txt": (article(8) + "\x00" * 400).encode()}, {"b06_nul.txt": "skip:binary"}),
    Case("HTML without article", {"b07_menu.html": b"<html><body><nav><a href='/'>Home</a> | <a href='/w'>World</a></nav></body></html>"}, {"b07_menu.html": "skip:no article"}),
    Case("HTML with script only", {"b08_script.html": b"<html><head><script>var a = 1;</script></head><body><script>go()</script></body></html>"}, {"b08_script.html": "skip:no article"}),
    Case("CSV missing text column", {"b09_cols.csv": b"headline,when\nA,2016-01-01\n"}, {"b09_cols.csv": "skip:no text column"}),
    Case("CSV header only", {"b10_header.csv": b"title,text\n"}, {"b10_header.csv": "skip:no data rows"}),
    Case("CSV empty text cell", {"b11_cell.csv": _csv([("Empty", ""), ("Full", article(9))])}, {"b11_cell.csv#row1": "skip:text column is empty", "b11_cell.csv#row2": "doc"}),
    Case("CSV cell over 131,072 characters", {"b12_bigcell.csv": _csv([("Huge", "word " * 60_000), ("Fine", article(10))])},
         {"b12_bigcell.csv#row1": "skip:cap for one record", "b12_bigcell.csv#row2": "doc"}),
    Case("CSV duplicate rows", {"b13_dupes.csv": _csv([("Same", article(11)), ("Same", article(11))])}, {"b13_dupes.csv#row1": "doc", "b13_dupes.csv#row2": "duplicate"}),
    Case("CSV that is HTML (wrong extension)", {"b14_page.csv": b"<html><body><p>Not a table</p></body></html>\n"}, {"b14_page.csv": "skip:no text column"}),
    Case("CSV with a NUL in a cell", {"b15_nulcell.csv": _csv([("Nul", article(12).replace("trucks", "tru\x00cks", 1))])}, {"b15_nulcell.csv#row1": "doc:replaced=1"}),
    Case("CSV with a huge date value", {"b16_date.csv": (f'text,date\n"{article(13)}","1{" " * 130_000}x"\n').encode()}, {"b16_date.csv#row1": "doc:published=None"}),
    Case("empty CSV file", {"b17_zero.csv": b""}, {"b17_zero.csv": "skip:empty"}),
    Case("JSONL nested 2,000 deep", {"b18_deep.jsonl": ("[" * 2000 + "\n" + json.dumps({"text": article(14)}) + "\n").encode()},
         {"b18_deep.jsonl#row1": "skip:nested deeper", "b18_deep.jsonl#row2": "doc"}),
    Case("JSONL invalid line", {"b19_broken.jsonl": b'{"text": "unclosed\n'}, {"b19_broken.jsonl#row1": "skip:not valid JSON"}),
    Case("JSONL line that is not an object", {"b20_array.jsonl": b'["a", "b"]\n'}, {"b20_array.jsonl#row1": "skip:not a JSON object"}),
    Case("JSONL integer over the digit limit", {"b21_int.jsonl": b"9" * 6000 + b"\n"}, {"b21_int.jsonl#row1": "skip:cannot be read"}),
    Case("JSONL lone surrogates", {"b22_surrogate.jsonl": ('{"title": "\\ud800", "text": "' + article(15) + ' \\udfff"}\n').encode()}, {"b22_surrogate.jsonl#row1": "doc:replaced=2"}),
    Case("JSONL blank lines only", {"b23_blank.jsonl": b"\n\n\n"}, {"b23_blank.jsonl": "skip:empty"}),
    Case("JSONL line over the cap", {"b24_longline.jsonl": (json.dumps({"text": "word " * 60_000}) + "\n" + json.dumps({"text": article(16)}) + "\n").encode()},
         {"b24_longline.jsonl#row1": "skip:cap for one record", "b24_longline.jsonl#row2": "doc"}),
    Case("Markdown YAML alias bomb", {"b25_bomb.md": f"---\ntitle: Bomb\n{ALIAS_BOMB}\n---\n{article(17)}\n".encode()}, {"b25_bomb.md": "doc:title=None"}),
    Case("Markdown front matter only", {"b26_meta.md": b"---\ntitle: Nothing else\n---\n"}, {"b26_meta.md": "skip:no body text"}),
    Case("UTF-16 without BOM", {"b27_utf16.txt": article(18).encode("utf-16-le")}, {"b27_utf16.txt": "doc:encoding=utf-16-le"}),
    Case("UTF-16 with BOM", {"b28_utf16bom.txt": article(19).encode("utf-16")}, {"b28_utf16bom.txt": "doc:encoding=utf-16"}),
    Case("UTF-8 BOM", {"b29_bom.txt": b"\xef\xbb\xbf" + article(20).encode()}, {"b29_bom.txt": "doc:encoding=utf-8"}),
    Case("Latin-1 text", {"b30_latin1.txt": (article(21) + " The caf\u00e9 in Gen\u00e8ve stayed open.").encode("latin-1")}, {"b30_latin1.txt": "doc:encoding=windows-1252"}),
    Case("mixed encodings", {"b31_mixed.txt": (article(22) + " Caf\u00e9 \u2019").encode() + b" Gen\xe8ve"}, {"b31_mixed.txt": "doc:replaced=1"}),
    Case("stray control characters", {"b32_ctrl.txt": (article(23)[:60] + "\x07\x1b" + article(23)[60:]).encode()}, {"b32_ctrl.txt": "doc:replaced=2"}),
    Case("truncated UTF-8 at the end", {"b33_cut.txt": (article(24) + " caf\u00e9").encode()[:-1]}, {"b33_cut.txt": "doc:replaced=1"}),
    Case("CR-only line ends", {"b34_cr.txt": ("Title line\r\r" + article(25)).encode()}, {"b34_cr.txt": "doc"}),
    Case("not English", {"b35_de.txt": b"Die Waffenruhe in Syrien ist nach wenigen Tagen gescheitert. Die Vereinten Nationen haben alle Hilfskonvois gestoppt."}, {"b35_de.txt": "lang"}),
    Case("article in 10,000 nested divs", {"b36_deep.html": ("<html><body>" + "<div>" * 10_000 + f"<article>{HTML_ARTICLE.replace('aid', 'relief')}</article>" + "</div>" * 10_000 + "</body></html>").encode()}, {"b36_deep.html": "doc"}),
    Case("file over the size cap", {}, {"b37_huge.txt": "skip:cap"}),
    Case("named pipe (FIFO)", {}, {"b38.fifo": "skip:named pipe"}),
    Case("socket", {}, {"b39.sock": "skip:socket"}),
    Case("symbolic link loop", {}, {"b40_loop": "skip:symbolic link loop"}),
    Case("broken symbolic link", {}, {"b41_dangling.txt": "skip:broken symbolic link"}),
    Case("symbolic link to a folder", {}, {"b42_dirlink": "skip:not followed"}),
    Case("folder named data.csv", {}, {"b43_data.csv": "skip:not a .csv file"}),
    Case("unreadable folder", {}, {"b44_locked": "skip:cannot read this folder"}),
    Case("undecodable file name", {}, {"b45_caf\ufffd.txt": "doc"}),
    Case("newline in a file name", {"b46_two\nlines.txt": article(26).encode()}, {"b46_two\nlines.txt": "doc"}),
    Case("Czech in cp1250 (no confident guess)", {"b47_cs.txt": ("P\u0159\u00edm\u011b\u0159\u00ed v S\u00fdrii bylo v p\u00e1tek poru\u0161eno. " * 3).encode("cp1250")}, {"b47_cs.txt": "doc:encoding=utf-8"}),
]


def _specials(root: Path, monkeypatch: pytest.MonkeyPatch) -> list[socket.socket]:
    """The inputs that are not plain bytes: sparse huge file, FIFO, socket, links, folders."""
    with (root / "b37_huge.txt").open("wb") as fh:
        fh.truncate(50_000_000)
    os.mkfifo(root / "b38.fifo")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(root / "b39.sock"))
    os.symlink(root / "b40_loop", root / "b40_loop")
    os.symlink(root / "missing.txt", root / "b41_dangling.txt")
    (root / "sub").mkdir()
    (root / "sub" / "g06.txt").write_text(article(27))
    os.symlink(root / "sub", root / "b42_dirlink")
    (root / "b43_data.csv").mkdir()
    locked = root / "b44_locked"
    locked.mkdir()
    (locked / "inside.txt").write_text(article(28))
    real_scandir = os.scandir

    def scandir(path: str):  # type: ignore[no-untyped-def]  # chmod 000 does not stop root: simulate it
        if str(path) == str(locked):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    with open(os.fsencode(str(root)) + b"/b45_caf\xe9.txt", "wb") as fh:
        fh.write(article(29).encode())
    return [sock]


def _build(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, str], list[socket.socket]]:
    expect: dict[str, str] = {"sub/g06.txt": "doc"}
    for case in GOOD + BAD:
        for rel, data in case.files.items():
            (root / rel).write_bytes(data)
        expect.update(case.expect)
    return expect, _specials(root, monkeypatch)


def _outcomes(store: Store, root: Path) -> dict[str, Document | Skip]:
    out: dict[str, Document | Skip] = {}
    for skip in store.skips():
        out[os.path.relpath(skip.source, root) if skip.source.startswith(str(root)) else skip.source] = skip
    for doc in store.documents():
        out[os.path.relpath(doc.source_path or "", root)] = doc
    return out


def _check(source: str, want: str, got: Document | Skip | None) -> str | None:
    """None when ``got`` is what ``want`` says, else what is wrong."""
    if want == "duplicate":
        return None if got is None else f"{source}: expected a duplicate, got {got}"
    if want.startswith("skip:"):
        ok = isinstance(got, Skip) and want[5:].lower() in got.reason.lower()
        return None if ok else f"{source}: expected a skip with {want[5:]!r}, got {got!r}"[:400]
    if not isinstance(got, Document):
        return f"{source}: expected a document, got {got!r}"[:400]
    if want == "lang":
        return None if got.status == "skipped" and "language" in (got.reason or "") else f"{source}: expected a language skip"
    if want.startswith("doc:"):
        attr, value = want[4:].split("=", 1)
        actual = getattr(got, attr)
        if str(actual) != value:
            return f"{source}: {attr} is {actual!r}, expected {value}"
    return None if got.status == "ingested" else f"{source}: status {got.status} ({got.reason})"


def test_ingest_matrix_of_bad_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "matrix"
    root.mkdir()
    expect, sockets = _build(root, monkeypatch)
    assert len(BAD) >= 40
    started = time.monotonic()
    try:
        with Store(tmp_path / "m.db") as store:
            summary = ingest(store, [str(root)], IngestOptions(max_bytes=200_000))
            outcomes = _outcomes(store, root)
    finally:
        for sock in sockets:
            sock.close()
    elapsed = time.monotonic() - started
    assert elapsed < 60, f"the whole matrix took {elapsed:.0f} s"
    problems = [p for p in (_check(src, want, outcomes.get(src)) for src, want in expect.items()) if p]
    assert not problems, "\n".join(problems)
    unexpected = sorted(set(outcomes) - set(expect))
    assert not unexpected, f"outcomes nobody expected: {unexpected}"
    assert summary.duplicates == 1
    assert summary.problems and all(p.reason for p in summary.problems)


# --- URLs: the same matrix idea against a loopback server -------------------------------------


def _handler(routes: dict[str, Callable[[http.server.BaseHTTPRequestHandler], None]]) -> type[http.server.BaseHTTPRequestHandler]:
    class _H(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                routes.get(self.path, _not_found)(self)

        def log_message(self, *args: object) -> None:
            pass

    return _H


def _send(h: http.server.BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
    h.send_response(status)
    for name, value in (headers or {}).items():
        h.send_header(name, value)
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    h.wfile.write(body)


def _not_found(h: http.server.BaseHTTPRequestHandler) -> None:
    _send(h, 404, b"")


def _trickle(h: http.server.BaseHTTPRequestHandler) -> None:
    h.send_response(200)
    h.send_header("Content-Length", "500")
    h.end_headers()
    for _ in range(500):
        h.wfile.write(b"x")
        h.wfile.flush()
        time.sleep(0.05)


def _bomb() -> bytes:
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    inner = b"".join(comp.compress(b"\0" * (1 << 20)) for _ in range(64)) + comp.flush()
    return gzip.compress(inner)


@pytest.fixture()
def site() -> Iterator[str]:
    page = f"<html><body><article>{HTML_ARTICLE}</article></body></html>".encode()
    bomb = _bomb()
    routes: dict[str, Callable[[http.server.BaseHTTPRequestHandler], None]] = {
        "/good": lambda h: _send(h, 200, page, {"Content-Type": "text/html"}),
        "/gzipped": lambda h: _send(h, 200, gzip.compress(page.replace(b"convoy", b"column")), {"Content-Type": "text/html", "Content-Encoding": "gzip"}),
        "/trickle": _trickle,
        "/bomb": lambda h: _send(h, 200, bomb, {"Content-Encoding": "gzip, gzip"}),
        "/loop": lambda h: _send(h, 302, b"", {"Location": "/loop"}),
        "/menu": lambda h: _send(h, 200, b"<html><body><nav>Home</nav></body></html>", {"Content-Type": "text/html"}),
        "/binary": lambda h: _send(h, 200, bytes(range(256)) * 20, {"Content-Type": "application/octet-stream"}),
        "/brotli": lambda h: _send(h, 200, b"\x1b\x00", {"Content-Encoding": "br"}),
        "/corrupt": lambda h: _send(h, 200, b"\x1f\x8b\x08\x00garbage", {"Content-Encoding": "gzip"}),
    }
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(routes))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_ingest_matrix_of_bad_urls(site: str, tmp_path: Path) -> None:
    expect = {
        f"{site}/good": "doc",
        f"{site}/gzipped": "doc",
        "http://127.0.0.1:99999/": "skip:out of range",
        "http://[::1": "skip:ipv6",
        "http://h:port/": "skip:well-formed",
        "http://0177.0.0.1/": "skip:ambiguous numeric host",
        "ftp://example.org/x": "skip:only http",
        f"{site}/trickle": "skip:timed out",
        f"{site}/bomb": "skip:over the 200000-byte cap",
        f"{site}/loop": "skip:redirects",
        f"{site}/missing": "skip:http 404",
        f"{site}/menu": "skip:no article",
        f"{site}/binary": "skip:binary",
        f"{site}/brotli": "skip:unsupported content encoding",
        f"{site}/corrupt": "skip:corrupt",
    }
    listing = tmp_path / "urls.txt"
    listing.write_text("# a comment line\n\n" + "\n".join(expect) + "\n")
    started = time.monotonic()
    with Store(tmp_path / "u.db") as store:
        ingest(store, [str(listing)], IngestOptions(urls=True, allow_private=True, timeout=2, max_bytes=200_000))
        outcomes: dict[str, Document | Skip] = {s.source: s for s in store.skips()}
        outcomes.update({d.url or "": d for d in store.documents()})
    assert time.monotonic() - started < 60
    problems = [p for p in (_check(src, want, outcomes.get(src)) for src, want in expect.items()) if p]
    assert not problems, "\n".join(problems)


# --- memory for one huge input -----------------------------------------------------------------

_PEAK = """
import sys
from sitrep.ingest import IngestOptions, read_inputs
from sitrep.ingest.language import detect_language
detect_language("the language model is loaded before the baseline")

def status(key):
    for line in open("/proc/self/status"):
        if line.startswith(key + ":"):
            return int(line.split()[1])

with open("/proc/self/clear_refs", "w") as fh:  # resets the peak (VmHWM) to the current RSS
    fh.write("5")
base = status("VmRSS")
n = sum(1 for _ in read_inputs(sys.argv[1:-1], IngestOptions(max_bytes=int(sys.argv[-1]))))
print(n, base, status("VmHWM"))
"""


def peak_rss_kb(paths: list[Path], max_bytes: int) -> tuple[int, int]:
    """``(items, KB of peak RSS above the RSS before reading)`` of reading ``paths`` in a fresh process."""
    out = subprocess.run(
        [sys.executable, "-c", _PEAK, *map(str, paths), str(max_bytes)], capture_output=True, text=True, check=True,
    )
    items, base, peak = map(int, out.stdout.split())
    return items, peak - base


needs_proc = pytest.mark.skipif(not Path("/proc/self/clear_refs").exists(), reason="needs Linux /proc to reset the peak RSS")


@needs_proc
def test_ingest_peak_memory_of_one_huge_csv_is_bounded_by_the_record_cap(tmp_path: Path) -> None:
    huge = tmp_path / "huge.csv"
    with huge.open("w") as fh:
        fh.write('title,text\nHuge,"')
        for _ in range(40):
            fh.write("word " * 100_000)  # 20 MB in one cell, one line
        fh.write(f'"\nGood,"{article(30)}"\n')
    items, grown = peak_rss_kb([huge], 1_000_000)
    assert items == 2
    assert grown < 10_000, f"peak grew by {grown} KB reading a 20 MB cell under a 1 MB record cap"


# --- analysis of what the bad inputs left ------------------------------------------------------

ANALYZED = ["g01.txt", "b22_surrogate.jsonl", "b25_bomb.md", "b27_utf16.txt", "b30_latin1.txt", "b15_nulcell.csv", "b36_deep.html"]


@pytest.mark.slow
def test_ingest_matrix_repaired_inputs_are_analyzed(tmp_path: Path) -> None:
    """The inputs that became documents (some repaired) go through the whole pipeline without a failure."""
    folder = tmp_path / "subset"
    folder.mkdir()
    for case in GOOD + BAD:
        for rel, data in case.files.items():
            if rel in ANALYZED:
                (folder / rel).write_bytes(data)
    with Store(tmp_path / "a.db") as store:
        added = ingest(store, [str(folder)], IngestOptions(max_bytes=200_000))
        assert added.added == len(ANALYZED) and added.skipped == added.failed == 0
        summary = analyze(store)
        assert summary.failed == 0, summary.problems
        assert summary.analyzed == len(ANALYZED)
        assert {d.status for d in store.documents()} == {"analyzed"}
