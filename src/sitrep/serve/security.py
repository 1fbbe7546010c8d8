"""What keeps ``sitrep serve`` safe to run: where it may listen, who may ask, what a page may do.

- **Binding**: loopback (127.0.0.1, ::1, localhost) by default; any other address needs a
  token (:func:`check_bind` refuses and says why).
- **Token**: with ``--token``, every request needs it: ``Authorization: Bearer TOKEN``, or a
  cookie set by opening any page once with ``?token=TOKEN`` (the address is then reloaded
  without it, so it does not stay in the history). Compared in constant time.
- **Host header**: a server bound to loopback answers only requests addressed to a loopback
  name, so a web page elsewhere cannot reach it through DNS rebinding.
- **Headers**: a Content-Security-Policy that allows scripts, styles, images and fetches from
  this server only (no inline script, no ``eval``, no plugins, no framing), ``nosniff``,
  no referrer. Every page is a Jinja2 template with autoescaping on, so stored text is
  always shown as text.
- **Read-only**: the API has no write endpoints; other methods than GET and HEAD get 405.
"""

from __future__ import annotations

import hmac
import ipaddress
from urllib.parse import parse_qsl, urlencode

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import (
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
])

SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}

TOKEN_COOKIE = "sitrep_token"


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address) is this machine only.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> str | None:
    """Why ``sitrep serve`` must not listen on ``host`` with this token (None: it may)."""
    if is_loopback(host):
        return None
    if not token:
        return (f"refusing to listen on {host}: that address is reachable from other machines, and without "
                f"--token anyone who can reach it reads the whole database. Give --token SECRET (at least "
                f"16 characters; clients send `Authorization: Bearer SECRET` or open a page once with "
                f"?token=SECRET), or keep the default --host 127.0.0.1.")
    if len(token) < 16:
        return "the --token must be at least 16 characters long when listening beyond this machine."
    return None


def _host_name(request: Request) -> str:
    header = request.headers.get("host", "")
    if header.startswith("["):
        return header.split("]", 1)[0] + "]"
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def _token_ok(request: Request, token: str) -> bool:
    given = ""
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        given = auth[7:].strip()
    elif TOKEN_COOKIE in request.cookies:
        given = request.cookies[TOKEN_COOKIE]
    return bool(given) and hmac.compare_digest(given.encode(), token.encode())


def _strip_token(request: Request) -> RedirectResponse:
    """Reload the address without ``token=`` after setting the cookie."""
    query = urlencode([(k, v) for k, v in parse_qsl(request.url.query, keep_blank_values=True) if k != "token"])
    target = request.url.path + (f"?{query}" if query else "")
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(TOKEN_COOKIE, request.query_params["token"], httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")
    return response


class Guard:
    """The middleware (plain ASGI, so a request costs no extra task or response stream):
    method, Host header and token checks, then the security headers on every response."""

    def __init__(self, app: ASGIApp, *, token: str | None, loopback_only: bool) -> None:
        self.app = app
        self.token = token
        self.loopback_only = loopback_only

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        refusal = self._refusal(Request(scope))
        if refusal is not None:
            await refusal(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)

    def _refusal(self, request: Request) -> Response | None:
        """The response that refuses ``request`` (None: it may go on)."""
        if request.method not in ("GET", "HEAD"):
            return JSONResponse({"detail": "sitrep serve is read-only: only GET and HEAD are allowed"},
                                status_code=405, headers={"Allow": "GET, HEAD"})
        if self.loopback_only and not is_loopback(_host_name(request)):
            return PlainTextResponse("This server answers requests addressed to localhost only.", status_code=421)
        token = self.token
        if token and not _token_ok(request, token):
            given = request.query_params.get("token")
            if given and hmac.compare_digest(given.encode(), token.encode()):
                return _strip_token(request)
            return JSONResponse({"detail": "a token is required: send `Authorization: Bearer TOKEN` or open a "
                                           "page once with ?token=TOKEN"}, status_code=401)
        return None
