"""Fetching URLs with httpx: time-outs, a size cap, and no private addresses by default.

Fetching lives here, apart from processing (as trafilatura keeps downloads.py
apart): the rest of ingest only sees bytes.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from ..errors import FetchError

USER_AGENT = "sitrep/0.1 (+https://github.com/sitrep; news analysis)"


@dataclass(slots=True)
class Fetched:
    url: str
    content: bytes
    content_type: str


def _check_host(url: str, *, allow_private: bool) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url}: only http(s) URLs can be fetched.")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    except socket.gaierror as exc:
        raise FetchError(f"{url}: cannot resolve host {parts.hostname!r} ({exc.strerror}).") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if address.is_private or address.is_loopback or address.is_link_local or address.is_reserved or address.is_multicast:
            raise FetchError(
                f"{url}: refused, {parts.hostname} resolves to a private or loopback address ({address}); "
                f"pass --allow-private to fetch it."
            )


def fetch_url(
    url: str,
    *,
    timeout: float = 15.0,
    max_bytes: int = 10_000_000,
    allow_private: bool = False,
    max_redirects: int = 5,
) -> Fetched:
    """GET ``url`` following redirects (each hop checked); raise ``FetchError`` with the reason."""
    import httpx

    current = url
    with httpx.Client(timeout=timeout, follow_redirects=False, headers={"User-Agent": USER_AGENT}) as client:
        for _ in range(max_redirects + 1):
            _check_host(current, allow_private=allow_private)
            try:
                with client.stream("GET", current) as response:
                    if response.is_redirect:
                        current = urljoin(current, response.headers.get("location", ""))
                        continue
                    if response.status_code >= 400:
                        raise FetchError(f"{url}: HTTP {response.status_code} {response.reason_phrase}.")
                    declared = int(response.headers.get("content-length") or 0)
                    if declared > max_bytes:
                        raise FetchError(f"{url}: {declared} bytes is over the {max_bytes}-byte cap.")
                    chunks, size = [], 0
                    for chunk in response.iter_bytes():
                        size += len(chunk)
                        if size > max_bytes:
                            raise FetchError(f"{url}: body is over the {max_bytes}-byte cap.")
                        chunks.append(chunk)
                    return Fetched(str(response.url), b"".join(chunks), response.headers.get("content-type", ""))
            except httpx.TimeoutException as exc:
                raise FetchError(f"{url}: timed out after {timeout:g} s ({type(exc).__name__}).") from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"{url}: {type(exc).__name__}: {exc}.") from exc
    raise FetchError(f"{url}: more than {max_redirects} redirects.")
