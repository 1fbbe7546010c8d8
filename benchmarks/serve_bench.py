"""Latency of `sitrep serve` under concurrent loopback clients, and page loads in Chromium.

Starts the real server (`sitrep serve`, a separate process) on a free loopback port over
``--db``, learns what to ask from the API itself (actors, outlets, categories, places, days,
keyset cursors of deep pages), then runs a bounded load: ``--clients`` clients with one
keep-alive connection each, for ``--seconds``, each picking the next request from a fixed mix
(lists and filters, search, pages). Reports p50/p95/max and errors per group, and the CPU the
server and this generator used per request. Loopback only; the load stops at the deadline and
the server is stopped at the end.

The generator runs on the same machine as the server, so it takes part of the CPU it measures
(reported per request). ``--generator threads`` (the default) gives each client a thread with
``http.client``; ``--generator asyncio`` runs the clients as coroutines on one event loop,
writing raw HTTP/1.1 requests and reading each answer by its length: about half the CPU per
request, but on a busy machine it drove fewer requests than the threads (docs/benchmarks.md,
issue 15, 2026-12-03 night), so the threads stay the default. Both pick the same requests in
the same way.

``--browser`` also loads every page once in Debian's Chromium (headless, Selenium with the
system chromedriver) and reports the navigation time to the load event. ``--report`` builds
the static report (`sitrep report`) on the same database, for its size and build time, and
loads it in the same browser.

    python benchmarks/serve_bench.py --db fakes_even.db --clients 20 --seconds 60 --browser --report
    python benchmarks/serve_bench.py --db serve_100k.db --only '/api/incidents?limit=50' --seconds 15  # one kind
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path

from common import REPO

SEARCH_WORDS = ("attack", "hospital", "aid", "talks", "ceasefire", "army", "council", "police", "city", "said",
                "attack*", "hosp*", "killed", "government")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(port: int, url: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", url)
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


def _json(port: int, url: str) -> object:
    status, body = _get(port, url)
    if status != 200:
        raise SystemExit(f"{url}: HTTP {status}: {body[:200]!r}")
    return json.loads(body)


def _q(path: str, **params: object) -> str:
    return path + "?" + urllib.parse.urlencode({k: v for k, v in params.items() if v is not None})


def learn_mix(port: int, rng: random.Random) -> dict[str, list[str]]:
    """The requests of the load, per group, from what the database holds."""
    overview = _json(port, "/api/overview")
    assert isinstance(overview, dict)
    outlets = [o["outlet"] for o in overview.get("outlets", [])][:10]
    actors = [a["id"] for a in _json(port, "/api/actors?limit=40")["items"]]  # type: ignore[index]
    events = _json(port, "/api/events?limit=200")["items"]  # type: ignore[index]
    categories = sorted({e["category"] for e in events})
    places = sorted({e["place"]["name"] for e in events if e.get("place")})[:20]
    days = sorted({e["day"] for e in events if e.get("day")})
    docs = [d["id"] for d in _json(port, "/api/documents?limit=100")["items"]]  # type: ignore[index]
    # keyset cursors of deep pages (page 2 .. 30): page N must cost what page 1 costs
    deep: list[str] = []
    url = "/api/events?limit=50"
    for _ in range(30):
        page = _json(port, url)
        nxt = page["next"]  # type: ignore[index]
        if not nxt:
            break
        url = _q("/api/events", limit=50, cursor=nxt)
        deep.append(url)
    lists = [
        "/api/events?limit=50", "/api/documents?limit=50", "/api/actors?limit=50", "/api/quotes?limit=50",
        *deep,
        *(_q("/api/events", limit=50, actor=a) for a in actors[:15]),
        *(_q("/api/events", limit=50, category=c) for c in categories),
        *(_q("/api/events", limit=50, outlet=o) for o in outlets),
        *(_q("/api/events", limit=50, place=p) for p in places),
        *(_q("/api/documents", limit=50, outlet=o) for o in outlets),
        *(_q("/api/documents", limit=50, actor=a) for a in actors[:10]),
        *(_q("/api/events", limit=50, bbox="35.5,32.0,38.0,35.0", category=c) for c in categories[:5]),
    ]
    if len(days) >= 2:
        lists += [_q("/api/events", limit=50, date_from=days[0], date_to=days[len(days) // 2])]
    lists += [f"/api/documents/{d}" for d in docs[:20]] + [f"/api/actors/{a}" for a in actors[:10]]
    search = [_q("/api/search", q=w) for w in SEARCH_WORDS]
    pages = ["/", "/events", "/documents", "/actors", "/outlets", "/map",
             *(f"/actors/{a}" for a in actors[:8]), *(f"/documents/{d}" for d in docs[:8]),
             *(_q("/search", q=w) for w in SEARCH_WORDS[:4])]
    if _get(port, "/api/incidents?limit=1")[0] == 200:
        lists += ["/api/incidents?limit=50", "/api/incidents?limit=50&min_sources=2",
                  "/api/incidents?limit=50&contested=true"]
        pages += ["/incidents"]
    rng.shuffle(lists)
    return {"list": lists, "search": search, "page": pages}


def distinct_url(url: str, rng: random.Random) -> str:
    """``url`` made (almost surely) unlike any earlier request, so that no answer kept by the
    server (the search results, kept per query and page) helps: a search gets a random page size
    and offset (its cost is the same: every candidate is ranked whatever the page); other
    requests are left as they are (the server keeps no list pages)."""
    path = url.split("?", 1)[0]
    if path == "/api/search":
        return url + f"&limit={rng.randint(10, 40)}&offset={10 * rng.randint(0, 20)}"
    if path == "/search":
        return url + f"&offset={rng.randint(0, 200)}"
    return url


def run_load(port: int, mix: dict[str, list[str]], *, clients: int, seconds: float,
             seed: int, distinct: bool = False, revalidate: bool = False) -> dict[str, object]:
    """``clients`` threads, each on its own keep-alive connection, until the deadline.
    ``distinct``: see :func:`distinct_url`. ``revalidate``: each client keeps the ``ETag`` of
    every answer and sends it back (``If-None-Match``) as a browser does; a 304 is an answer."""
    weights = {"list": 0.6, "search": 0.2, "page": 0.2}
    lat: dict[str, list[float]] = defaultdict(list)
    per_url: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, list[str]] = defaultdict(list)
    answered_304: dict[str, int] = defaultdict(int)
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(n: int) -> None:
        rng = random.Random(seed * 1000 + n)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: dict[str, list[float]] = defaultdict(list)
        not_modified: dict[str, int] = defaultdict(int)
        mine_url: dict[str, list[float]] = defaultdict(list)
        bad: dict[str, list[str]] = defaultdict(list)
        tags: dict[str, str] = {}
        while time.monotonic() < deadline:
            group = rng.choices(list(weights), weights=list(weights.values()))[0]
            url = rng.choice(mix[group])
            if distinct:
                url = distinct_url(url, rng)
            t0 = time.perf_counter()
            try:
                conn.request("GET", url, headers={"If-None-Match": tags[url]} if url in tags else {})
                r = conn.getresponse()
                r.read()
                ok = r.status == 200 or (r.status == 304 and url in tags)
                why = f"HTTP {r.status} {url}"
                if revalidate and r.status == 200 and r.getheader("ETag"):
                    tags[url] = r.getheader("ETag") or ""
                if r.status == 304:
                    not_modified[group] += 1
            except (OSError, http.client.HTTPException) as exc:
                ok, why = False, f"{type(exc).__name__} {url}"
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine[group].append(time.perf_counter() - t0)
            mine_url[url].append(mine[group][-1])
            if not ok:
                bad[group].append(why)
        conn.close()
        with lock:
            for g, v in mine.items():
                lat[g] += v
            for g, v in bad.items():
                errors[g] += v
            for g, n in not_modified.items():
                answered_304[g] += n
            for u, v in mine_url.items():
                per_url[u] += v

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return _summary(lat, per_url, errors, answered_304)


def _summary(lat: dict[str, list[float]], per_url: dict[str, list[float]], errors: dict[str, list[str]],
             answered_304: dict[str, int]) -> dict[str, object]:
    """p50/p95/max and errors per group, and the URLs slowest at the median."""
    out: dict[str, object] = {}
    for group, values in sorted(lat.items()):
        values.sort()
        out[group] = {
            "requests": len(values), "errors": len(errors[group]), "first_errors": errors[group][:3],
            "not_modified_304": answered_304[group],
            "p50_ms": round(1000 * statistics.median(values), 1),
            "p95_ms": round(1000 * values[int(0.95 * (len(values) - 1))], 1),
            "max_ms": round(1000 * values[-1], 1),
        }
    # where the tail comes from: the URLs with the highest median under the load
    slow = sorted(per_url.items(), key=lambda kv: -statistics.median(kv[1]))[:8]
    out["slowest_urls_median_ms"] = {u: round(1000 * statistics.median(v), 1) for u, v in slow}
    return out


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, dict[str, str]]:
    """One HTTP/1.1 response off a keep-alive connection: its status and headers (names in
    lower case); the body is read (by ``Content-Length``, or chunk by chunk) and dropped."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";", 1)[0], 16)
            await reader.readexactly(size + 2)  # the chunk and its CRLF
            if size == 0:
                break
    elif status not in (204, 304) and not 100 <= status < 200:
        raise ConnectionError(f"HTTP {status} without a length: this generator needs one")
    return status, headers


def run_load_async(port: int, mix: dict[str, list[str]], *, clients: int, seconds: float,
                   seed: int, distinct: bool = False, revalidate: bool = False) -> dict[str, object]:
    """As :func:`run_load`, but the ``clients`` are coroutines on one asyncio event loop in one
    thread, each with its own keep-alive connection speaking raw HTTP/1.1 (a request line and a
    ``Host`` header; the answer read by its ``Content-Length``). The same mix, choices and
    statistics; no thread switching or ``http.client`` parsing, so the generator takes less of
    the CPU the server shares with it (its CPU per request is in the results)."""
    weights = {"list": 0.6, "search": 0.2, "page": 0.2}
    lat: dict[str, list[float]] = defaultdict(list)
    per_url: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, list[str]] = defaultdict(list)
    answered_304: dict[str, int] = defaultdict(int)

    async def client(n: int, deadline: float) -> None:
        rng = random.Random(seed * 1000 + n)
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        tags: dict[str, str] = {}
        try:
            while time.monotonic() < deadline:
                group = rng.choices(list(weights), weights=list(weights.values()))[0]
                url = rng.choice(mix[group])
                if distinct:
                    url = distinct_url(url, rng)
                extra = f"If-None-Match: {tags[url]}\r\n" if url in tags else ""
                t0 = time.perf_counter()
                try:
                    writer.write(f"GET {url} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{extra}\r\n".encode("latin-1"))
                    status, headers = await asyncio.wait_for(_read_response(reader), 30)
                    ok = status == 200 or (status == 304 and url in tags)
                    why = f"HTTP {status} {url}"
                    if revalidate and status == 200 and headers.get("etag"):
                        tags[url] = headers["etag"]
                    if status == 304:
                        answered_304[group] += 1
                except (TimeoutError, OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError, IndexError) as exc:
                    ok, why = False, f"{type(exc).__name__} {url}"
                    writer.close()
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                elapsed = time.perf_counter() - t0
                lat[group].append(elapsed)
                per_url[url].append(elapsed)
                if not ok:
                    errors[group].append(why)
        finally:
            writer.close()

    async def all_clients() -> None:
        deadline = time.monotonic() + seconds
        await asyncio.gather(*(client(n, deadline) for n in range(clients)))

    asyncio.run(all_clients())
    return _summary(lat, per_url, errors, answered_304)

def tree_cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) used so far by process ``pid`` and its descendants (``sitrep serve
    --workers N`` forks N workers), from ``/proc``; None where there is no ``/proc``."""
    proc = Path("/proc")
    if not (proc / str(pid) / "stat").exists():
        return None
    tick = os.sysconf("SC_CLK_TCK")
    parent: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        parent[int(entry.name)] = int(fields[1])
        cpu[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick  # utime + stime
    total = 0.0
    for p, seconds in cpu.items():
        q = p
        while q > 1 and q != pid:
            q = parent.get(q, 0)
        if q == pid:
            total += seconds
    return total


def _chromium():  # type: ignore[no-untyped-def]
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--window-size=1280,900", f"--user-data-dir={tempfile.mkdtemp(prefix='serve-bench-')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver"),
                              options=options)
    driver.set_page_load_timeout(300)
    return driver


def _load_ms(driver, url: str) -> float:  # type: ignore[no-untyped-def]
    """Navigation start to the end of the load event, as the browser measured it."""
    driver.get(url)
    return float(driver.execute_script(
        "const n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd - n.startTime;"))


def browser_loads(driver, base: str, mix: dict[str, list[str]]) -> dict[str, float]:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    pages = ["/", "/incidents", "/events", "/documents", "/actors", "/outlets", "/map", "/search?q=attack"]
    pages += [p for p in mix["page"] if p.startswith(("/actors/", "/documents/"))][:2]
    out: dict[str, float] = {}
    for path in pages:
        if path == "/incidents" and "/incidents" not in mix["page"]:
            continue
        _load_ms(driver, base + path)  # warm: the first visit also fetches the shared CSS/JS
        out[path] = round(statistics.median(_load_ms(driver, base + path) for _ in range(3)), 1)
    for path in ("/map", "/map?layer=incidents"):  # the map draws its data after the load event
        if path.endswith("incidents") and "/incidents" not in mix["page"]:
            continue
        times = []
        for _ in range(3):
            driver.get(base + path)
            WebDriverWait(driver, 120).until(lambda d: d.find_element(By.ID, "map").get_attribute("data-ready"))
            times.append(float(driver.find_element(By.ID, "map").get_attribute("data-ready-ms") or "nan"))
        out[path + " (data drawn)"] = round(statistics.median(times), 1)
    return out


def static_report(db: Path, driver) -> dict[str, float]:  # type: ignore[no-untyped-def]
    out_file = Path(tempfile.mkdtemp(prefix="serve-bench-report-")) / "report.html"
    t0 = time.perf_counter()
    subprocess.run([str(REPO / ".venv" / "bin" / "sitrep"), "report", "--db", str(db), "-o", str(out_file)],
                   check=True, capture_output=True)
    built = time.perf_counter() - t0
    result = {"build_s": round(built, 1), "size_mb": round(out_file.stat().st_size / 1e6, 1)}
    if driver is not None:
        result["browser_load_s"] = round(_load_ms(driver, out_file.as_uri()) / 1000, 1)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--browser", action="store_true", help="also time every page in headless Chromium")
    ap.add_argument("--report", action="store_true", help="also build and load the static report")
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--workers", type=int, help="`sitrep serve --workers N` (default: the server's own default)")
    ap.add_argument("--sitrep", type=Path, default=REPO / ".venv" / "bin" / "sitrep",
                    help="the `sitrep` executable to serve with (e.g. another checkout's, for a before/after)")
    ap.add_argument("--distinct", action="store_true",
                    help="make searches unlike each other (random page size and offset): no kept answer helps")
    ap.add_argument("--revalidate", action="store_true",
                    help="clients send back each answer's ETag (If-None-Match), as a browser's cache does")
    ap.add_argument("--only", action="append", metavar="URL",
                    help="ask only these URLs (repeatable) instead of the mix: the cost of one kind of request")
    ap.add_argument("--warm", action="store_true",
                    help="ask every URL of the mix once before the timed load (the figures are then those of a "
                         "server that has run a while: no first visit of a cold actor profile in them)")
    ap.add_argument("--generator", choices=("threads", "asyncio"), default="threads",
                    help="the clients: one thread with http.client each (default, as every earlier figure), or "
                         "coroutines on one event loop speaking raw HTTP/1.1 (less CPU per request)")
    args = ap.parse_args()
    port = _free_port()
    env = dict(os.environ, OMP_NUM_THREADS="1")
    command = [str(args.sitrep), "serve", "--db", str(args.db), "--port", str(port)]
    if args.workers is not None:
        command += ["--workers", str(args.workers)]
    server = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    results: dict[str, object] = {"db": str(args.db), "clients": args.clients, "seconds": args.seconds,
                                  "sitrep": str(args.sitrep), "distinct": args.distinct, "revalidate": args.revalidate,
                                  "generator": args.generator, "only": args.only, "warm": args.warm,
                                  "workers": args.workers, "cpus": os.cpu_count(), "loadavg_before": os.getloadavg()}
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if _get(port, "/api/overview")[0] == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the server did not start: {server.stderr.read() if server.stderr else ''}")
            time.sleep(0.2)
        rng = random.Random(args.seed)
        mix = learn_mix(port, rng)
        if args.only:
            mix = {group: list(args.only) for group in mix}
        if args.warm:
            t0 = time.perf_counter()
            for url in sorted({u for urls in mix.values() for u in urls}):
                _get(port, url)
            results["warm_s"] = round(time.perf_counter() - t0, 1)
        results["requests_in_mix"] = {g: len(v) for g, v in mix.items()}
        results["counts"] = _json(port, "/api/overview")["counts"]  # type: ignore[index]
        # CPU used during the load by the server (all its processes) and by this load generator:
        # per request, it does not depend on how busy the machine is the way latency does
        server_cpu, client_cpu = tree_cpu_seconds(server.pid), time.process_time()
        generate = run_load_async if args.generator == "asyncio" else run_load
        results["load"] = load = generate(port, mix, clients=args.clients, seconds=args.seconds, seed=args.seed,
                                          distinct=args.distinct, revalidate=args.revalidate)
        requests = sum(int(v["requests"]) for v in load.values() if isinstance(v, dict) and "requests" in v)
        server_after = tree_cpu_seconds(server.pid)
        if server_cpu is not None and server_after is not None and requests:
            results["server_cpu_ms_per_request"] = round(1000 * (server_after - server_cpu) / requests, 2)
        if requests:
            results["client_cpu_ms_per_request"] = round(1000 * (time.process_time() - client_cpu) / requests, 2)
        results["loadavg_after"] = os.getloadavg()
        driver = _chromium() if (args.browser or args.report) else None
        try:
            if args.browser:
                results["browser_ms"] = browser_loads(driver, f"http://127.0.0.1:{port}", mix)
            if args.report:
                results["static_report"] = static_report(args.db, driver)
        finally:
            if driver is not None:
                driver.quit()
    finally:
        server.terminate()
        server.wait(timeout=30)
    text = json.dumps(results, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n")


if __name__ == "__main__":
    sys.exit(main())
