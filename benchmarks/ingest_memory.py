"""Peak memory of ingesting one hostile or huge input, each in a fresh process.

Usage:
    python benchmarks/ingest_memory.py [--gb 1] [--rows 20000] [--json out.json]

For each input the child process loads sitrep's ingest code and language model, resets the
kernel's peak-RSS mark (``/proc/self/clear_refs``, Linux), reads the input with
``read_inputs`` at the default caps (10 MB per input or record), and reports the peak RSS
above its RSS before reading (``VmHWM - VmRSS``). Inputs are written by the script under a
temporary folder: a CSV with one ``--gb`` GB cell, a JSONL with one ``--gb`` GB line, a CSV of
``--rows`` ordinary rows, a 10 MB text file, a 10 MB HTML page, a Markdown file with a YAML
alias bomb, an article inside 10,000 nested divs, and a URL served on loopback whose body is
``gzip, gzip`` expanding to 4 GiB.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from pathlib import Path
from typing import Any

from common import REPO

CHILD = """
import sys, time
from sitrep.ingest import IngestOptions, read_inputs
from sitrep.ingest.language import detect_language
import sitrep.ingest.html, sitrep.ingest.fetch, trafilatura, htmldate, charset_normalizer
detect_language("the language model is loaded before the baseline")

def status(key):
    for line in open("/proc/self/status"):
        if line.startswith(key + ":"):
            return int(line.split()[1])

urls = sys.argv[1] == "urls"
with open("/proc/self/clear_refs", "w") as fh:
    fh.write("5")
base, started = status("VmRSS"), time.perf_counter()
items = docs = 0
for item in read_inputs(sys.argv[2:], IngestOptions(urls=urls, allow_private=True, timeout=60)):
    items, docs = items + 1, docs + hasattr(item, "text")  # nothing kept: as the store receives them
print(items, docs, base, status("VmHWM"), round(time.perf_counter() - started, 2))
"""

PARAGRAPH = "An aid convoy reached the besieged town on Monday after weeks of delay, officials said. "


def _big_cell(path: Path, gb: float, jsonl: bool) -> None:
    with path.open("w") as fh:
        fh.write('{"text": "' if jsonl else 'title,text\nHuge,"')
        for _ in range(int(gb * 1000)):
            fh.write("word " * 200_000)  # 1 MB
        fh.write('"}\n' if jsonl else f'"\nGood,"{PARAGRAPH * 3}"\n')


def _rows(path: Path, n: int) -> None:
    with path.open("w") as fh:
        fh.write("title,text,source\n")
        for i in range(n):
            fh.write(f'Row {i},"Posted on July {i % 28 + 1} 2016 by Desk Report number {i}: {PARAGRAPH * 6} Share this story",wire\n')


def make_inputs(folder: Path, gb: float, rows: int) -> dict[str, list[str]]:
    _big_cell(folder / "cell.csv", gb, jsonl=False)
    _big_cell(folder / "line.jsonl", gb, jsonl=True)
    _rows(folder / "rows.csv", rows)
    (folder / "ten.txt").write_text(("Convoy reaches town\n\n" + (PARAGRAPH * 5 + "\n\n") * 23_000)[:10_000_000])
    html = "<html><body><article>" + "".join(f"<p>{i} {PARAGRAPH * 4}</p>" for i in range(27_000)) + "</article></body></html>"
    (folder / "ten.html").write_text(html[:9_999_000] + "</article></body></html>")
    bomb = "\n".join(['a: &a ["x","x","x","x","x","x","x","x","x"]'] + [
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)
    ])
    (folder / "bomb.md").write_text(f"---\ntitle: Bomb\n{bomb}\n---\n{PARAGRAPH * 3}\n")
    deep = "<div>" * 10_000 + f"<article><p>{PARAGRAPH * 4}</p></article>" + "</div>" * 10_000
    (folder / "deep.html").write_text(f"<html><body>{deep}</body></html>")
    return {
        f"CSV, one {gb:g} GB cell": [str(folder / "cell.csv")],
        f"JSONL, one {gb:g} GB line": [str(folder / "line.jsonl")],
        f"CSV, {rows:,} rows": [str(folder / "rows.csv")],
        "text file, 10 MB": [str(folder / "ten.txt")],
        "HTML page, 10 MB": [str(folder / "ten.html")],
        "Markdown, YAML alias bomb": [str(folder / "bomb.md")],
        "HTML, 10,000 nested divs": [str(folder / "deep.html")],
    }


def serve_bomb() -> tuple[str, http.server.ThreadingHTTPServer]:
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    inner = b"".join(comp.compress(b"\0" * (1 << 20)) for _ in range(4096)) + comp.flush()
    body = gzip.compress(inner)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Encoding", "gzip, gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/bomb ({len(body):,} bytes on the wire)", server


def measure(mode: str, paths: list[str]) -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-c", CHILD, mode, *paths], capture_output=True, text=True, check=True,
                         cwd=REPO, env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"})
    items, docs, base, peak, seconds = out.stdout.split()
    return {"items": int(items), "documents": int(docs), "peak_mb": round((int(peak) - int(base)) / 1024, 1), "seconds": float(seconds)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gb", type=float, default=1.0)
    ap.add_argument("--rows", type=int, default=20_000)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    results: dict[str, Any] = {"date": time.strftime("%Y-%m-%d"), "cases": {}}
    with tempfile.TemporaryDirectory() as tmp:
        cases = make_inputs(Path(tmp), args.gb, args.rows)
        label, server = serve_bomb()
        listing = Path(tmp) / "urls.txt"
        listing.write_text(label.split()[0] + "\n")
        try:
            for name, paths in cases.items():
                results["cases"][name] = measure("files", paths)
                print(f"{name:32} {results['cases'][name]}", flush=True)
            name = "URL, gzip,gzip bomb to 4 GiB"
            results["cases"][name] = measure("urls", [str(listing)])
            print(f"{name:32} {results['cases'][name]}  {label}", flush=True)
        finally:
            server.shutdown()
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
