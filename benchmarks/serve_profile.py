"""Where one request of `sitrep serve` spends its CPU: the app in-process, each URL profiled.

Builds the app (``create_app``, the database neither migrated nor merged: give a copy that is
up to date), and sends each URL through the whole ASGI stack (routing, parameter validation,
the handler, response validation and encoding, the security middleware) without a socket.
FastAPI runs synchronous handlers in a worker thread; here they run inline, so one cProfile
sees the whole request. For each URL: the CPU per request (median of ``--repeat`` after one
warm-up), then the profile's share per class of work:

- *sql*: SQLite (``execute``, fetching rows; row iteration inside comprehensions is counted
  with the comprehension, so this is a lower bound, read it with *records*),
- *records*: decoding rows into typed records (``Store._from_row``, ``records.from_plain``),
- *shape*: the records as the API's plain dicts (``to_export``, ``sitrep.serve.views``),
- *validate*: FastAPI/Pydantic checking and serialising the response model,
- *json*: encoding the body, *html*: Jinja templates, *rest*: everything else (routing,
  middleware, asyncio).

    python benchmarks/serve_profile.py --db serve_100k.db --repeat 20 \\
        --url '/api/events?limit=50' --url '/api/search?q=attack'
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import pstats
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from common import REPO

sys.path.insert(0, str(REPO / "src"))

#: cumulative time of these functions (file fragment, function name) is a class of work
CLASSES: dict[str, list[tuple[str, str]]] = {
    "sql": [("~", "<method 'execute' of 'sqlite3.Connection' objects>"),
            ("~", "<method 'execute' of 'sqlite3.Cursor' objects>"),
            ("~", "<method 'fetchall' of 'sqlite3.Cursor' objects>"),
            ("~", "<method 'fetchone' of 'sqlite3.Cursor' objects>")],
    "records": [("store/sqlite.py", "_from_row"), ("records.py", "from_plain")],
    "shape": [("records.py", "to_export"), ("serve/views.py", "event_out"), ("serve/views.py", "document_row_out"),
              ("serve/views.py", "actor_out"), ("serve/views.py", "quote_out"), ("serve/views.py", "split_snippet")],
    "validate": [("fastapi/routing.py", "serialize_response"), ("fastapi/_compat", "validate"),
                 ("fastapi/_compat", "serialize")],
    "json": [("starlette/responses.py", "render"), ("fastapi/encoders.py", "jsonable_encoder")],
    "html": [("jinja2/environment.py", "render")],
}

DEFAULT_URLS = ["/api/events?limit=50", "/api/documents?limit=50", "/api/actors?limit=50", "/api/quotes?limit=50",
                "/api/events?limit=50&category=ASSAULT", "/api/documents?limit=50&actor=SYR", "/api/search?q=attack",
                "/api/search?q=council", "/api/search?q=attack*", "/", "/events", "/documents", "/actors", "/search?q=army"]


async def _call(app: Any, url: str) -> tuple[int, bytes]:
    path, _, query = url.partition("?")
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": query.encode(), "root_path": "",
             "headers": [(b"host", b"127.0.0.1:8000")], "client": ("127.0.0.1", 5000),
             "server": ("127.0.0.1", 8000)}
    status = 0
    body: list[bytes] = []
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await asyncio.sleep(3600)
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            body.append(message.get("body", b""))

    await app(scope, receive, send)
    return status, b"".join(body)


def _inline_threadpool() -> None:
    """Run FastAPI's synchronous handlers and dependencies in the calling thread."""
    import fastapi.concurrency
    import fastapi.dependencies.utils
    import fastapi.routing
    import starlette.concurrency

    async def inline(func: Any, *args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    for module in (fastapi.concurrency, fastapi.dependencies.utils, fastapi.routing, starlette.concurrency):
        if hasattr(module, "run_in_threadpool"):
            module.run_in_threadpool = inline  # type: ignore[attr-defined]


def classes(stats: pstats.Stats, total: float) -> dict[str, float]:
    """Share of ``total`` per class (cumulative time of its entry points, not double-counted
    when one calls another of the same class: the largest entry point's time per class is a
    lower bound, the sum an upper bound; the sum is given)."""
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    out: dict[str, float] = {}
    for name, entries in CLASSES.items():
        seen = 0.0
        for (file, _line, func), (_cc, _nc, _tt, ct, _callers) in raw.items():
            for frag, fname in entries:
                if func == fname and frag in file:
                    seen += ct
        out[name] = round(100 * seen / total, 1) if total else 0.0
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--url", action="append", help="a URL to profile (repeatable; default: a list/search mix)")
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--top", type=int, default=0, help="also print the top N functions by own time per URL")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    _inline_threadpool()
    from sitrep.serve.app import Settings, create_app

    app = create_app(Settings(db=args.db, prepare=False))
    loop = asyncio.new_event_loop()
    results: dict[str, Any] = {}
    for url in args.url or DEFAULT_URLS:
        status, body = loop.run_until_complete(_call(app, url))  # warm-up (and the per-thread store)
        if status != 200:
            raise SystemExit(f"{url}: HTTP {status}: {body[:300]!r}")
        cpu: list[float] = []
        for _ in range(args.repeat):  # CPU without the profiler's own cost
            t0 = time.process_time()
            loop.run_until_complete(_call(app, url))
            cpu.append(time.process_time() - t0)
        profile = cProfile.Profile()
        for _ in range(args.repeat):
            profile.enable()
            loop.run_until_complete(_call(app, url))
            profile.disable()
        stats = pstats.Stats(profile, stream=sys.stderr)
        total = sum(v[2] for v in stats.stats.values())  # type: ignore[attr-defined]  # own times add up
        results[url] = {"cpu_ms_median": round(1000 * statistics.median(cpu), 2), "bytes": len(body),
                        "percent_of_profiled": classes(stats, total)}
        if args.top:
            print(f"== {url}", file=sys.stderr)
            stats.sort_stats("tottime").print_stats(args.top)
    loop.close()
    text = json.dumps(results, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n")


if __name__ == "__main__":
    main()
