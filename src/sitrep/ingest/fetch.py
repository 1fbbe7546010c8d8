"""Fetching URLs with httpx: one deadline, a size cap, and no private addresses by default.

Fetching lives here, apart from processing (as trafilatura keeps downloads.py apart): the
rest of ingest only sees bytes. What a hostile server or a careless URL list cannot do:

* **hang the run**: ``timeout`` is one deadline for the whole fetch (name lookup, connect,
  TLS, headers, body, every redirect), enforced on every socket read, not per read;
* **exhaust memory**: ``Content-Encoding`` (gzip, deflate, stacked up to three times) is
  decoded here in 64 KB steps and the decoded bytes are counted as they stream, so a
  "gzip bomb" stops at the cap, never past it;
* **reach a private address**: the name is resolved once, every address is checked, and
  the connection goes to that checked address (a DNS-rebinding server cannot answer
  differently the second time); the Host header and TLS server name stay the URL's;
* **stop the run with a malformed line**: a bad port, an unclosed ``[``, an octal or
  hexadecimal IPv4 form are refused as ``InvalidURL`` before anything is sent.

Proxies from the environment are not used: a proxy would resolve the name itself and the
address check would mean nothing.
"""

from __future__ import annotations

import functools
import ipaddress
import re
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from ..errors import FetchError, InvalidURL

USER_AGENT = "sitrep/0.1 (+https://github.com/sitrep; news analysis)"
#: decoded bytes produced per decompression step (the bound on a step's memory)
CHUNK = 65_536
#: at most this many stacked content encodings ("gzip, gzip" is two)
MAX_ENCODINGS = 3
MAX_URL_CHARS = 4096
_NUMERIC_HOST = re.compile(r"^(?:0x[0-9a-f]*|[0-9]+)(?:\.(?:0x[0-9a-f]*|[0-9]*))*\.?$", re.I)
_HTTPCORE_ERRORS = (
    httpcore.NetworkError, httpcore.ProtocolError, httpcore.UnsupportedProtocol,
    httpcore.ProxyError, httpcore.ConnectionNotAvailable,
)


@dataclass(slots=True)
class Fetched:
    url: str
    content: bytes
    content_type: str


@dataclass(slots=True)
class Target:
    """A checked URL: its host as sent on the wire (IDNA) and its port."""

    url: str
    host: str
    port: int


def parse_url(url: str) -> Target:
    """Check that ``url`` is a well-formed http(s) URL; raise ``InvalidURL`` saying what is wrong."""
    shown = url if len(url) <= 200 else url[:200] + "..."
    if len(url) > MAX_URL_CHARS:
        raise InvalidURL(f"{shown}: URL longer than {MAX_URL_CHARS} characters.")
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        raise InvalidURL(f"{shown!r}: URL contains spaces or control characters.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:  # "Port out of range", "Invalid IPv6 URL", "Port could not be cast"
        raise InvalidURL(f"{shown}: not a well-formed URL ({exc}).") from exc
    if parts.scheme not in ("http", "https"):
        raise InvalidURL(f"{shown}: only http(s) URLs can be fetched.")
    if not parts.hostname:
        raise InvalidURL(f"{shown}: the URL names no host.")
    if _NUMERIC_HOST.match(parts.hostname):
        try:
            ipaddress.IPv4Address(parts.hostname)
        except ValueError as exc:
            raise InvalidURL(
                f"{shown}: ambiguous numeric host {parts.hostname!r} (octal, hexadecimal or short "
                f"IPv4 forms are refused); write the address as four decimal numbers."
            ) from exc
    try:
        parsed = httpx.URL(url)
        host = parsed.raw_host.decode("ascii")
    except (httpx.InvalidURL, UnicodeError, ValueError) as exc:
        raise InvalidURL(f"{shown}: not a well-formed URL ({exc}).") from exc
    return Target(url=url, host=host, port=port or (443 if parts.scheme == "https" else 80))


def _refused(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return (
        not address.is_global or address.is_multicast or address.is_unspecified
        or address.is_reserved or address.is_loopback or address.is_link_local
    )


def _lookup(host: str, port: int, timeout: float) -> list[str]:
    """Resolve ``host`` (bounded by ``timeout``; the system resolver has no deadline of its own)."""
    result: dict[str, Any] = {}

    def work() -> None:
        try:
            result["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            result["error"] = exc

    worker = threading.Thread(target=work, daemon=True, name="sitrep-resolve")
    worker.start()
    worker.join(max(timeout, 0.0))
    if worker.is_alive():
        raise FetchError(f"{host}: timed out resolving the host name.")
    if "error" in result:
        exc = result["error"]
        raise FetchError(f"{host}: cannot resolve host ({getattr(exc, 'strerror', None) or exc}).")
    return [str(info[4][0]) for info in result["infos"]]


def resolve(target: Target, *, allow_private: bool, timeout: float) -> str:
    """The one address to connect to: every address of the name checked, the first one used."""
    addresses = _lookup(target.host, target.port, timeout)
    if not addresses:
        raise FetchError(f"{target.url}: the host {target.host!r} has no address.")
    for text in addresses:
        address = ipaddress.ip_address(text.split("%", 1)[0])
        if not allow_private and _refused(address):
            raise FetchError(
                f"{target.url}: refused, {target.host} resolves to a private or loopback address "
                f"({address}); pass --allow-private to fetch it."
            )
    return addresses[0]


# --- the transport: pinned addresses and one deadline ----------------------------------------


class _DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose every operation is bounded by the time left before the deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: float) -> None:
        self.inner, self.deadline = inner, deadline

    def _left(self, timeout: float | None, error: type[Exception]) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise error("the fetch deadline passed")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, self._left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, self._left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None) -> httpcore.NetworkStream:
        tls = self.inner.start_tls(ssl_context, server_hostname, self._left(timeout, httpcore.ConnectTimeout))
        return _DeadlineStream(tls, self.deadline)

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)


class _PinnedBackend(httpcore.NetworkBackend):
    """Connects a (host, port) only to the address checked for it, within the deadline."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self.pins: dict[tuple[str, int], str] = {}
        self._sync = httpcore.SyncBackend()

    def connect_tcp(
        self, host: str, port: int, timeout: float | None = None,
        local_address: str | None = None, socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        address = self.pins.get((host, port))
        if address is None:
            raise httpcore.ConnectError(f"{host}:{port} was not checked before connecting")
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ConnectTimeout("the fetch deadline passed")
        stream = self._sync.connect_tcp(
            address, port, timeout=left if timeout is None else min(timeout, left),
            local_address=local_address, socket_options=socket_options,
        )
        return _DeadlineStream(stream, self.deadline)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("sitrep does not fetch over Unix sockets")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class _Body(httpx.SyncByteStream):
    def __init__(self, stream: Iterable[bytes]) -> None:
        self._stream = stream

    def __iter__(self) -> Iterator[bytes]:
        yield from self._stream

    def close(self) -> None:
        close = getattr(self._stream, "close", None)
        if close is not None:
            close()


@functools.lru_cache(maxsize=1)
def _ssl_context() -> ssl.SSLContext:
    """One verifying TLS context for every fetch (building one loads the CA bundle: ~0.1 s)."""
    return httpx.create_ssl_context()


class _PinnedTransport(httpx.BaseTransport):
    """httpx transport over an httpcore pool whose network backend pins checked addresses."""

    def __init__(self, backend: _PinnedBackend) -> None:
        self._pool = httpcore.ConnectionPool(ssl_context=_ssl_context(), network_backend=backend, max_connections=4)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        core = httpcore.Request(
            method=request.method,
            url=httpcore.URL(scheme=request.url.raw_scheme, host=request.url.raw_host, port=request.url.port, target=request.url.raw_path),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        response = self._pool.handle_request(core)
        assert isinstance(response.stream, Iterable)
        return httpx.Response(
            status_code=response.status, headers=response.headers, stream=_Body(response.stream), extensions=response.extensions,
        )

    def close(self) -> None:
        self._pool.close()


# --- content encodings, decoded in bounded steps ---------------------------------------------


def _decompressor(kind: str, first: bytes) -> Any:
    if kind in ("gzip", "x-gzip"):
        return zlib.decompressobj(zlib.MAX_WBITS | 16)
    # "deflate" is zlib-wrapped by the standard, raw deflate in practice often
    zlib_header = len(first) >= 2 and first[0] & 0x0F == 8 and (first[0] << 8 | first[1]) % 31 == 0
    return zlib.decompressobj(zlib.MAX_WBITS if zlib_header else -zlib.MAX_WBITS)


def _inflate(chunks: Iterator[bytes], kind: str) -> Iterator[bytes]:
    """Decode one content encoding, yielding at most ``CHUNK`` bytes per step."""
    decoder = None
    for chunk in chunks:
        data = chunk
        while data or decoder is not None:
            if decoder is None:
                decoder = _decompressor(kind, data)
            out = decoder.decompress(data, CHUNK)
            if out:
                yield out
            data = decoder.unconsumed_tail
            if decoder.eof:
                data = decoder.unused_data + data
                decoder = None  # a next gzip member may follow
                if not data.strip(b"\x00"):
                    break
                continue
            if not data and len(out) < CHUNK:
                break
    if decoder is not None:
        tail = decoder.flush()
        for i in range(0, len(tail), CHUNK):
            yield tail[i : i + CHUNK]


def decoded_body(raw: Iterator[bytes], content_encoding: str) -> Iterator[bytes]:
    """The body with its content encodings undone, last applied first, in bounded steps."""
    encodings = [e.strip().lower() for e in content_encoding.split(",") if e.strip() and e.strip().lower() != "identity"]
    if len(encodings) > MAX_ENCODINGS:
        raise FetchError(f"{len(encodings)} stacked content encodings ({content_encoding}); at most {MAX_ENCODINGS} are decoded.")
    body = raw
    for kind in reversed(encodings):
        if kind not in ("gzip", "x-gzip", "deflate"):
            raise FetchError(f"unsupported content encoding {kind!r} (gzip and deflate are decoded).")
        body = _inflate(body, kind)
    return body


# --- fetching ---------------------------------------------------------------------------------


def _read_body(response: httpx.Response, *, url: str, max_bytes: int, deadline: float, timeout: float) -> bytes:
    declared = response.headers.get("content-length") or "0"
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"{url}: {declared} bytes is over the {max_bytes}-byte cap.")
    chunks, size = [], 0
    try:
        for chunk in decoded_body(response.iter_raw(), response.headers.get("content-encoding", "")):
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"{url}: body is over the {max_bytes}-byte cap (counted after decompression).")
            if time.monotonic() > deadline:
                raise FetchError(f"{url}: timed out after {timeout:g} s (the whole fetch, body included).")
            chunks.append(chunk)
    except zlib.error as exc:
        raise FetchError(f"{url}: corrupt {response.headers.get('content-encoding')} body ({exc}).") from exc
    except FetchError as exc:
        if str(exc).startswith(url):
            raise
        raise FetchError(f"{url}: {exc}") from exc
    return b"".join(chunks)


def _get(client: httpx.Client, current: str, *, url: str, max_bytes: int, deadline: float, timeout: float) -> Fetched | str:
    """One request: the fetched page, or the next URL when the answer is a redirect."""
    with client.stream("GET", current) as response:
        if response.is_redirect:
            location = response.headers.get("location", "")
            if not location:
                raise FetchError(f"{url}: redirect without a Location header.")
            return str(urljoin(current, location))
        if response.status_code >= 400:
            raise FetchError(f"{url}: HTTP {response.status_code} {response.reason_phrase}.")
        content = _read_body(response, url=url, max_bytes=max_bytes, deadline=deadline, timeout=timeout)
        return Fetched(str(response.url), content, response.headers.get("content-type", ""))


def fetch_url(
    url: str,
    *,
    timeout: float = 15.0,
    max_bytes: int = 10_000_000,
    allow_private: bool = False,
    max_redirects: int = 5,
) -> Fetched:
    """GET ``url`` following redirects (each hop checked and pinned); raise ``FetchError`` with the reason.

    ``timeout`` bounds the whole fetch, redirects included.
    """
    deadline = time.monotonic() + timeout
    backend = _PinnedBackend(deadline)
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}
    current = url
    with httpx.Client(
        transport=_PinnedTransport(backend), timeout=timeout, follow_redirects=False, trust_env=False, headers=headers,
    ) as client:
        for _ in range(max_redirects + 1):
            target = parse_url(current)
            address = resolve(target, allow_private=allow_private, timeout=deadline - time.monotonic())
            backend.pins[(target.host, target.port)] = address
            try:
                result = _get(client, current, url=url, max_bytes=max_bytes, deadline=deadline, timeout=timeout)
            except (httpx.TimeoutException, httpcore.TimeoutException) as exc:
                raise FetchError(f"{url}: timed out after {timeout:g} s (the whole fetch: {type(exc).__name__}).") from exc
            except (httpx.HTTPError, httpx.InvalidURL, *_HTTPCORE_ERRORS) as exc:
                raise FetchError(f"{url}: {type(exc).__name__}: {exc}.") from exc
            if isinstance(result, Fetched):
                return result
            current = result
    raise FetchError(f"{url}: more than {max_redirects} redirects.")
