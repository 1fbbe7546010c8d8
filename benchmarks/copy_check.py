"""Find text copied from the evaluation sets into the repository.

The brief's data rule: no file, and no text from the files, of ``../shared`` enters the repository.
This scan lower-cases every tracked text file into word tokens (``[a-z0-9]+``) and reports each
run of at least ``--n`` consecutive tokens (default 10) that also occurs, in that order, in one of
the evaluation texts: FA-KES titles and contents (development rows only: the held-out rows, odd
``unit_id``, are never opened), the seed articles, the PolNeAR texts, the TempEval ``.tml``
documents, the GeoWebNews and LGL articles, the PLOVER GSR sentences and the NGEC stories and
actor cases. Runs may cross line breaks (a quotation wrapped over two lines is still a copy).

Not copies, and exempt by structure (not by listing strings):

* the name files (``src/sitrep/kb/*.yaml``, ``*.csv``, and the place stage's curated names,
  ``src/sitrep/stages/place/data/curated.yaml``): an organisation's or a country's full name is a
  name, wherever it was read;
* in JSON and JSON Lines files, a ``text`` value of an object that also has ``start`` and ``end``
  (the label of an annotated span, checked against its offsets) or a ``value`` (the words of a
  gold date or figure, beside the value they were coded as).

Run: ``python benchmarks/copy_check.py [--n 10] [--max 500] [--shared DIR]``; prints ``path:line: run`` per copy
and a count per file class; exits 1 when a copy is found, 0 when none, 2 when the shared datasets
are absent (set ``SITREP_SHARED``).
"""

from __future__ import annotations

import argparse
import bisect
import csv
import html
import json
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common import REPO, fakes_dev_rows

#: the shortest run of shared words reported as a copy (the lead's scan: 10)
DEFAULT_N = 10
TOKEN = re.compile(r"[a-z0-9]+")
#: files that hold names, not prose, exempt whatever their words: the knowledge base's entity
#: files and the place stage's curated table of place names and their spellings
NAME_FILES = re.compile(r"^src/sitrep/(?:kb/[^/]+\.(?:yaml|csv)|stages/place/data/curated\.yaml)$")
#: tracked files that are not text (never decoded)
BINARY_SUFFIXES = {".png", ".npz", ".onnx", ".pdf", ".gz", ".zip", ".pkl", ".ico", ".woff", ".woff2"}
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Unit:
    """A stretch of one repository file scanned as one token sequence: ``lines[i]`` is the
    1-based line of ``tokens[i]``."""

    path: str
    tokens: list[str]
    lines: list[int]


@dataclass(frozen=True)
class Hit:
    """One maximal run of ``n`` or more tokens shared with an evaluation text."""

    path: str
    line: int
    last_line: int
    run: str
    source: str


# ---------------------------------------------------------------------------- evaluation texts

def _xml_text(raw: str) -> str:
    """The words of an XML document: CDATA markers and tags removed, entities decoded."""
    return html.unescape(_TAG.sub(" ", raw.replace("<![CDATA[", " ").replace("]]>", " ")))


def _jsonl_fields(path: Path, fields: Iterable[str]) -> Iterator[str]:
    keep = tuple(fields)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            yield from (str(record[f]) for f in keep if isinstance(record.get(f), str))


def source_texts(shared: Path) -> Iterator[tuple[str, str]]:
    """``(label, text)`` for every evaluation text the scan compares against."""
    for row in fakes_dev_rows(shared / "corpus" / "fakes" / "FA-KES-Dataset.csv"):
        yield "fakes", f"{row['article_title']}\n{row['article_content']}"
    for path in sorted((shared / "corpus" / "seeds").glob("*.txt")):
        yield "seeds", path.read_text(encoding="utf-8", errors="replace")
    for path in sorted((shared / "quotes" / "polnear").glob("*/text/*.txt")):
        yield "polnear", path.read_text(encoding="utf-8", errors="replace")
    for path in sorted((shared / "time").rglob("*.tml")):
        yield "tempeval", _xml_text(path.read_text(encoding="utf-8", errors="replace"))
    for name in ("GWN.xml", "lgl.xml"):
        yield "geo", _xml_text((shared / "geo" / name).read_text(encoding="utf-8", errors="replace"))
    for text in _jsonl_fields(shared / "events" / "plover_gsr_dev.jsonl", ("text", "eventText")):
        yield "plover", text
    with (shared / "events" / "ngec_synthetic_events.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            yield "ngec", f"{row.get('text') or ''}\n{row.get('prompt') or ''}"
    for text in _jsonl_fields(shared / "actors" / "ngec_actor_cases.jsonl", ("text", "context")):
        yield "ngec", text


# ---------------------------------------------------------------------------- repository units

def tracked_files(repo: Path = REPO) -> list[str]:
    """The repository's tracked files (``git ls-files``), relative paths."""
    out = subprocess.run(["git", "ls-files", "-z"], cwd=repo, check=True, capture_output=True).stdout
    return [p for p in out.decode("utf-8").split("\0") if p]


def text_unit(path: str, text: str, first_line: int = 1) -> Unit:
    """``text`` (from ``first_line`` of ``path`` on) as one token sequence with its lines."""
    lowered = text.lower()
    breaks = [i for i, ch in enumerate(lowered) if ch == "\n"]
    tokens, lines = [], []
    for match in TOKEN.finditer(lowered):
        tokens.append(match.group())
        lines.append(first_line + bisect.bisect_left(breaks, match.start()))
    return Unit(path, tokens, lines)


def is_span_label(holder: dict[str, Any], key: str) -> bool:
    """Whether ``holder[key]`` is an annotated span's label: a ``text`` beside its offsets
    (``start`` and ``end``) or beside the normalised ``value`` it was coded with (a gold date's
    or figure's words)."""
    return key == "text" and (("start" in holder and "end" in holder) or "value" in holder)


def json_strings(value: Any) -> Iterator[str]:
    """Every string value inside ``value`` (keys excluded), span labels left out, in order."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if not is_span_label(value, key):
                yield from json_strings(item)


def _json_units(path: str, text: str) -> Iterator[Unit]:
    """A JSON file: one unit per string value, on the line where its encoded form is found."""
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    cursor = 0
    for value in json_strings(json.loads(text)):
        found = -1
        for encoded in (json.dumps(value, ensure_ascii=False), json.dumps(value)):
            found = text.find(encoded, cursor)
            if found >= 0:
                cursor = found
                break
        yield text_unit(path, value, bisect.bisect_right(starts, cursor))


def _jsonl_units(path: str, text: str) -> Iterator[Unit]:
    """A JSON Lines file: one unit per string value of each line (a line that is no JSON: its text)."""
    for number, line in enumerate(text.splitlines(), start=1):
        try:
            record = json.loads(line) if line.strip() else None
        except json.JSONDecodeError:
            yield text_unit(path, line, number)
            continue
        for value in json_strings(record):
            yield text_unit(path, value, number)


def file_units(path: str, text: str) -> Iterator[Unit]:
    """The units of one tracked file (none for a name file of the KB)."""
    if NAME_FILES.match(path):
        return
    try:
        if path.endswith(".jsonl"):
            yield from _jsonl_units(path, text)
            return
        if path.endswith(".json"):
            yield from _json_units(path, text)
            return
    except json.JSONDecodeError:
        pass
    yield text_unit(path, text)


def repo_units(repo: Path = REPO) -> Iterator[Unit]:
    """The units of every tracked text file of ``repo``."""
    for rel in tracked_files(repo):
        path = repo / rel
        if path.suffix.lower() in BINARY_SUFFIXES or not path.is_file():
            continue
        data = path.read_bytes()
        if b"\0" in data:
            continue
        yield from file_units(rel, data.decode("utf-8", errors="replace"))


# ---------------------------------------------------------------------------- the scan

def shingles(tokens: list[str], n: int) -> Iterator[tuple[str, ...]]:
    """Every run of ``n`` consecutive tokens, in order."""
    return zip(*(tokens[k:] for k in range(n)), strict=False)  # the runs stop at the shortest tail


def shared_runs(units: list[Unit], sources: Iterable[tuple[str, str]], n: int) -> dict[tuple[str, ...], str]:
    """The ``n``-token runs of ``units`` that occur in a source text, with the first source's label."""
    wanted: set[int] = set()
    for unit in units:
        wanted.update(map(hash, shingles(unit.tokens, n)))
    found: dict[tuple[str, ...], str] = {}
    for label, text in sources:
        tokens = TOKEN.findall(text.lower())
        if wanted.isdisjoint(map(hash, shingles(tokens, n))):
            continue
        for run in shingles(tokens, n):
            if hash(run) in wanted:
                found.setdefault(run, label)
    return found


def unit_hits(unit: Unit, found: dict[tuple[str, ...], str], n: int) -> Iterator[Hit]:
    """The maximal runs of ``unit`` made of shared ``n``-token runs (overlapping ones merged)."""
    marks = [i for i, run in enumerate(shingles(unit.tokens, n)) if run in found]
    start = 0
    while start < len(marks):
        end = start
        while end + 1 < len(marks) and marks[end + 1] <= marks[end] + n:
            end += 1
        first, last = marks[start], marks[end] + n - 1
        yield Hit(unit.path, unit.lines[first], unit.lines[last], " ".join(unit.tokens[first:last + 1]),
                  found[tuple(unit.tokens[marks[start]:marks[start] + n])])
        start = end + 1


def scan(units: Iterable[Unit], sources: Iterable[tuple[str, str]], n: int = DEFAULT_N) -> list[Hit]:
    """Every copied run of ``n`` or more tokens in ``units``, in file and line order."""
    kept = [u for u in units if len(u.tokens) >= n]
    found = shared_runs(kept, sources, n)
    if not found:
        return []
    return [hit for unit in kept for hit in unit_hits(unit, found, n)]


def file_class(path: str) -> str:
    """A hit's file class for the summary: tests, src, docs, gold data, benchmarks, other."""
    for prefix, name in (("tests/", "tests"), ("src/", "src"), ("benchmarks/data/", "gold data"),
                         ("docs/", "docs"), ("benchmarks/", "benchmarks"), ("training/", "training")):
        if path.startswith(prefix):
            return name
    return "docs" if path.endswith(".md") else "other"


def shared_data(folder: Path | None) -> Path | None:
    """``folder/data`` when given, else the shared data folder found as every script finds it;
    None, with the reason on stderr, when it is absent."""
    from sitrep.datasets import shared_data_dir
    from sitrep.errors import SitrepError

    if folder is not None:
        if (folder / "data").is_dir():
            return folder / "data"
        print(f"copy_check: no shared datasets at {folder / 'data'}", file=sys.stderr)
        return None
    try:
        return shared_data_dir(REPO)
    except SitrepError as exc:
        print(f"copy_check: {exc}", file=sys.stderr)
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=DEFAULT_N, help="shortest shared run reported (default 10)")
    parser.add_argument("--max", type=int, default=500, help="print at most this many runs")
    parser.add_argument("--shared", type=Path, help="the folder that holds data/ (default: $SITREP_SHARED or ../shared)")
    args = parser.parse_args(argv)
    shared = shared_data(args.shared)
    if shared is None:
        return 2
    hits = scan(repo_units(), source_texts(shared), args.n)
    for hit in hits[:args.max]:
        lines = f"{hit.line}" if hit.line == hit.last_line else f"{hit.line}-{hit.last_line}"
        print(f"{hit.path}:{lines}: [{hit.source}] {hit.run}")
    runs = Counter(file_class(h.path) for h in hits)
    touched = {(h.path, line) for h in hits for line in range(h.line, h.last_line + 1)}
    lines_hit = Counter(file_class(path) for path, _ in touched)
    print(f"{len(hits)} copied runs of >= {args.n} words in {len({h.path for h in hits})} files; "
          f"by class (runs / lines): " + ", ".join(f"{k} {runs[k]}/{lines_hit[k]}" for k in sorted(runs)))
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main())
