"""Fetching URLs against servers the tests start on loopback: deadline, bombs, bad URLs, pinning."""

from __future__ import annotations

import contextlib
import gzip
import http.server
import socket
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import httpcore
import pytest

from sitrep.errors import FetchError, InvalidURL
from sitrep.ingest import IngestOptions, read_inputs
from sitrep.ingest.fetch import decoded_body, fetch_url, parse_url
from sitrep.records import Document, Skip

ARTICLE = (
    "<html><head><title>Convoy reaches town</title></head><body><article>"
    + "".join(
        f"<p>Paragraph {i}: an aid convoy reached the besieged town on Monday, officials told reporters.</p>"
        for i in range(6)
    )
    + "</article></body></html>"
).encode()

Handler = Callable[[http.server.BaseHTTPRequestHandler], None]


def _serve(handle: Handler) -> Iterator[str]:
    class _H(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                handle(self)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _H)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture()
def serve() -> Iterator[Callable[[Handler], str]]:
    servers: list[Iterator[str]] = []

    def start(handle: Handler) -> str:
        gen = _serve(handle)
        servers.append(gen)
        return next(gen)

    yield start
    for gen in servers:
        next(gen, None)


def _page(h: http.server.BaseHTTPRequestHandler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html; charset=utf-8")
    h.send_header("Content-Length", str(len(ARTICLE)))
    h.end_headers()
    h.wfile.write(ARTICLE)


def test_fetch_reads_a_page_from_loopback_when_allowed(serve) -> None:
    fetched = fetch_url(serve(_page), allow_private=True, timeout=5)
    assert fetched.content == ARTICLE and "html" in fetched.content_type


# --- item 5: one deadline for the whole fetch --------------------------------------------------


def _trickle_headers(h: http.server.BaseHTTPRequestHandler) -> None:
    for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 100:
        h.wfile.write(bytes([byte]))
        h.wfile.flush()
        time.sleep(0.1)


def _trickle_body(h: http.server.BaseHTTPRequestHandler) -> None:
    h.send_response(200)
    h.send_header("Content-Length", "1000")
    h.end_headers()
    for _ in range(1000):
        h.wfile.write(b"x")
        h.wfile.flush()
        time.sleep(0.1)


@pytest.mark.parametrize("handler", [_trickle_headers, _trickle_body], ids=["headers", "body"])
def test_fetch_timeout_is_one_deadline_for_a_trickling_server(serve, handler: Handler) -> None:
    url = serve(handler)
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetch_url(url, allow_private=True, timeout=1.0)
    # every read returns within 0.1 s, so a per-read time-out would never fire: the trickle would
    # run its whole length (the headers 12.5 s, the body 100 s). The bound leaves 4 s for a loaded
    # machine to schedule the fetch and the server's threads; it is still far below either length.
    elapsed = time.monotonic() - started
    assert elapsed < 5.0, f"a 1 s fetch deadline ended after {elapsed:.1f} s"


# --- item 6: decompression bombs ---------------------------------------------------------------


def _bomb(levels: int, size: int) -> bytes:
    chunk = b"\0" * (1 << 20)
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    body = b"".join(comp.compress(chunk) for _ in range(size >> 20)) + comp.flush()
    for _ in range(levels - 1):
        body = gzip.compress(body, 9)
    return body


def test_fetch_gzip_gzip_bomb_stops_at_the_cap_with_bounded_memory(serve) -> None:
    bomb = _bomb(2, 1 << 28)  # 256 MiB of zeros, gzip twice: a few hundred bytes on the wire

    def handle(h: http.server.BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Encoding", "gzip, gzip")
        h.send_header("Content-Length", str(len(bomb)))
        h.end_headers()
        h.wfile.write(bomb)

    url = serve(handle)
    assert len(bomb) < 2_000_000
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="over the 2000000-byte cap"):
            fetch_url(url, allow_private=True, timeout=20, max_bytes=2_000_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8_000_000  # the cap plus a few 64 KB steps, not the expansion


def test_fetch_decodes_stacked_and_multi_member_encodings() -> None:
    data = b"convoy " * 50_000
    twice = gzip.compress(gzip.compress(data))
    assert b"".join(decoded_body(iter([twice[i : i + 999] for i in range(0, len(twice), 999)]), "gzip, gzip")) == data
    members = gzip.compress(b"first ") + gzip.compress(b"second")
    assert b"".join(decoded_body(iter([members]), "gzip")) == b"first second"
    raw = zlib.compressobj(6, zlib.DEFLATED, -15)
    raw_deflate = raw.compress(data) + raw.flush()
    assert b"".join(decoded_body(iter([raw_deflate]), "deflate")) == data
    assert b"".join(decoded_body(iter([zlib.compress(data)]), "deflate")) == data
    with pytest.raises(FetchError, match="unsupported content encoding"):
        list(decoded_body(iter([b"x"]), "br"))
    with pytest.raises(FetchError, match="stacked content encodings"):
        list(decoded_body(iter([b"x"]), "gzip, gzip, gzip, gzip"))


# --- item 4: malformed URL lines -----------------------------------------------------------------

BAD_URLS = {
    "http://127.0.0.1:99999/": "out of range",
    "http://[::1": "IPv6",
    "http://h:port/": "well-formed",
    "http://0177.0.0.1/": "ambiguous numeric host",
    "http://0x7f.1/": "ambiguous numeric host",
    "http://2130706433/": "ambiguous numeric host",
    "ftp://example.org/file": "only http",
    "http:///nohost": "no host",
    "http://exa mple.org/": "spaces",
}


@pytest.mark.parametrize("url", sorted(BAD_URLS))
def test_fetch_malformed_url_is_refused_with_reason(url: str) -> None:
    with pytest.raises(InvalidURL, match=BAD_URLS[url]):
        parse_url(url)


def test_fetch_url_list_with_malformed_lines_skips_each_and_fetches_the_good_one(serve, tmp_path: Path) -> None:
    good = serve(_page)
    urls = tmp_path / "urls.txt"
    urls.write_text("\n".join([*BAD_URLS, good]) + "\n")
    results = list(read_inputs([str(urls)], IngestOptions(urls=True, allow_private=True, timeout=5)))
    docs = [r for r in results if isinstance(r, Document)]
    skips = {r.source: r for r in results if isinstance(r, Skip)}
    assert len(docs) == 1 and docs[0].url == good
    assert set(skips) == set(BAD_URLS)
    assert all(s.status == "skipped" for s in skips.values())


# --- item 18: DNS rebinding ----------------------------------------------------------------------


def test_fetch_connects_to_the_address_it_checked(serve, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rebinding name answers a public address first, loopback after: only the first is used."""
    answers = iter(["8.8.8.8", "127.0.0.1", "127.0.0.1"])
    lookups: list[str] = []
    real_getaddrinfo = socket.getaddrinfo

    def fake_getaddrinfo(host: str, *args: object, **kwargs: object) -> list:
        if host != "rebind.test":
            return real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]
        lookups.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    connected: list[str] = []
    real_connect = httpcore.SyncBackend.connect_tcp

    def fake_connect(self, host: str, port_: int, **kwargs: object):  # type: ignore[no-untyped-def]
        connected.append(host)
        return real_connect(self, "127.0.0.1", port_, **kwargs)  # reach the test server in its place

    seen_hosts: list[str] = []

    def handle(h: http.server.BaseHTTPRequestHandler) -> None:
        seen_hosts.append(h.headers["Host"])
        _page(h)

    url = serve(handle)
    port = int(url.rsplit(":", 1)[1].strip("/"))
    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", fake_connect)
    fetched = fetch_url(f"http://rebind.test:{port}/", timeout=5)
    assert fetched.content == ARTICLE
    assert lookups == ["rebind.test"]  # resolved once
    assert connected == ["8.8.8.8"]  # connected to the checked address, not a second answer
    assert seen_hosts == [f"rebind.test:{port}"]  # the Host header is still the URL's


def test_fetch_refuses_a_name_with_any_private_address(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_getaddrinfo(host: str, port: int, *args: object, **kwargs: object) -> list:
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("8.8.8.8", port)),
            (socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("::ffff:10.0.0.1", port, 0, 0)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    with pytest.raises(FetchError, match="private or loopback"):
        fetch_url("http://mixed.test/", timeout=2)


def test_fetch_redirect_to_loopback_is_checked_at_each_hop(serve, monkeypatch: pytest.MonkeyPatch) -> None:
    def redirect(h: http.server.BaseHTTPRequestHandler) -> None:
        h.send_response(302)
        h.send_header("Location", "http://127.0.0.1:9/secret")
        h.send_header("Content-Length", "0")
        h.end_headers()

    url = serve(redirect)
    port = int(url.rsplit(":", 1)[1].strip("/"))
    real_getaddrinfo = socket.getaddrinfo

    def fake_getaddrinfo(host: str, *args: object, **kwargs: object) -> list:
        if host == "public.test":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("8.8.8.8", port))]
        return real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]

    real_connect = httpcore.SyncBackend.connect_tcp

    def fake_connect(self, host: str, port_: int, **kwargs: object):  # type: ignore[no-untyped-def]
        return real_connect(self, "127.0.0.1", port_, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", fake_connect)
    with pytest.raises(FetchError, match="127.0.0.1"):
        fetch_url(f"http://public.test:{port}/", timeout=5)
