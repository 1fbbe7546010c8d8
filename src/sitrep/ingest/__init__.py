"""Stage ``ingest``: inputs (files, folders, stdin, CSV/JSONL rows, URLs) to ``Document`` records.

``read_inputs`` yields a ``Document`` for every usable input and a ``Skip`` (with
the reason) for every other one; one bad input never stops the others. The file
system (``files``: regular files only, bounded reads) and the network (``fetch``: one
deadline, bounded decompression, pinned addresses) are the edges; decoding
(``decode``), records (``tabular``), pages (``html``), plain text (``plaintext``) and
web-page furniture (``boilerplate``) are pure. See docs/ingest.md.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..dates import creation_time, text_date_days
from ..errors import EmptyInput, InputError, InvalidURL, TooLarge
from ..records import Document, Removed, Skip
from . import runon
from .boilerplate import FurnitureModel, keep_enough, line_furniture, masked
from .dates import normalize_date
from .decode import decode_bytes, valid_text
from .files import expand_paths, open_text, read_file
from .html import extract_html
from .language import detect_language
from .plaintext import Parsed, parse_plaintext, repair_body, split_blocks
from .tabular import Row, read_csv, read_jsonl
from .textdate import text_date

MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
CSV_SUFFIXES = {".csv"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
#: a file of CSV/JSONL records is read as a stream, one record at a time, up to this size
ROW_FILE_CAP = 2_000_000_000
#: rows of a file read first to learn its furniture (what recurs at the edges of its bodies)
LEARN_ROWS = 50_000


@dataclass(slots=True)
class IngestOptions:
    """How inputs are read. Defaults suit a folder of articles."""

    mapping: dict[str, str] = field(default_factory=dict)
    urls: bool = False
    allow_private: bool = False
    max_bytes: int = 10_000_000
    timeout: float = 15.0
    date_order: str = "MDY"
    languages: tuple[str, ...] = ("en",)
    #: remove web-page furniture (share bars, tag lists, recurring date headers and tails)
    furniture: bool = True
    #: the document creation time is the text's own date (``Document.text_date``) when it lies this
    #: many days or more from the metadata date; None: the metadata date always (the switch off).
    #: Default ``sitrep.dates.text_date_days()`` (5, or ``$SITREP_TEXT_DATE_DAYS``)
    text_date_days: int | None = field(default_factory=text_date_days)


def document_id(text: str) -> tuple[str, str]:
    """``(id, sha256)`` of a normalised body: the same article always gets the same id."""
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return sha[:16], sha


def build_document(
    raw: str,
    *,
    kind: str,
    source_path: str | None = None,
    url: str | None = None,
    fields: dict[str, str | None] | None = None,
    options: IngestOptions | None = None,
    encoding: str | None = None,
    replaced: int = 0,
    furniture: list[Removed] | None = None,
) -> Document:
    """Turn decoded text into a ``Document`` (pure: no I/O). ``kind``: text, markdown, html, row.

    Every string is made valid text first (``valid_text``): ``replaced`` adds up the
    characters replaced on the way, from decoding and from here. ``furniture``: spans of
    ``raw`` already known to be web-page furniture (from a ``FurnitureModel``); lines shaped
    like furniture are added here (unless ``options.furniture`` is off).
    """
    options = options or IngestOptions()
    raw, n = valid_text(raw)
    clean, m = _valid_fields(fields or {})
    replaced += n + m
    where, _ = _valid_fields({"source": source_path, "url": url})  # names, not text: not counted
    source_path, url = where["source"], where["url"]
    name = source_path or url or "input"
    parsed, raw, url, removed = _parse(
        raw, kind=kind, url=url, name=name, fields=clean, options=options, furniture=furniture or [],
    )
    if not parsed.text.strip():
        raise EmptyInput(f"{name}: no body text left after removing the header and footer.")
    doc_id, sha = document_id(parsed.text)
    stated = text_date(raw, published=parsed.published, date_order=options.date_order)
    document = Document(
        id=doc_id,
        sha256=sha,
        text=parsed.text,
        title=parsed.title,
        author=parsed.author,
        publisher=parsed.publisher,
        published=parsed.published,
        dateline=parsed.dateline,
        url=url,
        source_path=source_path,
        raw_text=raw,
        char_map=parsed.char_map,
        captions=parsed.captions,
        footer=parsed.footer,
        encoding=encoding,
        replaced=replaced,
        removed=removed,
        context=runon.context_of(raw, removed),
        text_date=stated,
        created=creation_time(parsed.published, stated, options.text_date_days),
    )
    lang, prob = detect_language(parsed.text)
    document.language = lang
    if lang not in options.languages and prob >= 0.9 and len(parsed.text) >= 40:
        document.status = "skipped"
        document.reason = f"language {lang!r} (p={prob:.2f}); sitrep analyzes {', '.join(options.languages)}"
    return document


def _valid_fields(fields: dict[str, str | None]) -> tuple[dict[str, str | None], int]:
    """The values made valid text, and how many characters that replaced."""
    clean: dict[str, str | None] = {}
    replaced = 0
    for key, value in fields.items():
        clean[key], n = valid_text(value) if value is not None else (None, 0)
        replaced += n
    return clean, replaced


def _parse(
    raw: str, *, kind: str, url: str | None, name: str, fields: dict[str, str | None], options: IngestOptions,
    furniture: list[Removed],
) -> tuple[Parsed, str, str | None, list[Removed]]:
    """``(parsed, raw text the char map points into, url, furniture removed)`` for one input of ``kind``."""
    if kind == "html":
        article = extract_html(raw, url=url, name=name)
        removed = _furniture(article.text, [], options)
        parsed = _body_only(masked(article.text, removed))
        parsed.title, parsed.author = article.title, article.author
        parsed.publisher, parsed.published = article.publisher, article.published
        return parsed, article.text, article.url or url, removed
    removed = _furniture(raw, furniture, options)
    if kind == "row":
        parsed = parse_plaintext(masked(raw, removed))
        parsed.title = fields.get("title") or parsed.title
        parsed.author = fields.get("author") or parsed.author
        parsed.publisher = fields.get("publisher") or parsed.publisher
        if fields.get("published"):
            parsed.published = normalize_date(fields["published"], date_order=options.date_order)
        return parsed, raw, fields.get("url") or url, removed
    return parse_plaintext(masked(raw, removed), markdown=(kind == "markdown")), raw, url, removed


def _furniture(text: str, known: list[Removed], options: IngestOptions) -> list[Removed]:
    if not options.furniture:
        return []
    found = known + line_furniture(text)
    if runon.enabled():
        found += runon.run_on_furniture(text)
    return keep_enough(text, found)


def _body_only(text: str) -> Parsed:
    body, char_map = repair_body(text, split_blocks(text))
    return Parsed(text=body, char_map=char_map)


def _kind_for(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    return "text"


def _sniff(text: str) -> str:
    head = text.lstrip()[:500].lower()
    return "html" if head.startswith(("<!doctype html", "<html")) or "<body" in head else "text"


def read_inputs(
    paths: Iterable[str],
    options: IngestOptions | None = None,
    *,
    stdin: BinaryIO | None = None,
) -> Iterator[Document | Skip]:
    """Yield a Document or a Skip for every input named by ``paths`` (files, folders, ``-``).

    Nothing an input holds stops the others: every failure, expected or not, becomes a
    Skip with the reason, and every string yielded is valid text (storable as UTF-8).
    """
    options = options or IngestOptions()
    for item in expand_paths(paths):
        if isinstance(item, Skip):
            yield _valid_skip(item)
            continue
        for result in _read_one(item, options, stdin):
            yield _valid_skip(result) if isinstance(result, Skip) else result


def _read_one(p: str, options: IngestOptions, stdin: BinaryIO | None) -> Iterator[Document | Skip]:
    try:
        if options.urls:
            yield from _read_url_list(p, options, stdin)
        elif p == "-":
            data = (stdin or sys.stdin.buffer).read(options.max_bytes + 1)
            if len(data) > options.max_bytes:
                raise TooLarge(f"stdin: over the {options.max_bytes / 1e6:.0f} MB cap for one input.")
            decoded = decode_bytes(data, name="stdin")
            yield _guard("stdin", functools.partial(
                build_document, decoded.text, kind=_sniff(decoded.text), source_path="-", options=options,
                encoding=decoded.encoding, replaced=decoded.replaced,
            ))
        else:
            yield from _read_path(p, options)
    except InputError as exc:
        yield Skip(source=p, status="skipped", reason=str(exc))
    except OSError as exc:
        yield Skip(source=p, status="failed", reason=f"{p}: cannot read ({exc.strerror or exc}).")
    except Exception as exc:  # a bug must not stop the run: record it as failed, with its type
        yield Skip(source=p, status="failed", reason=f"{p}: {type(exc).__name__}: {str(exc)[:300]}")


def _valid_skip(skip: Skip) -> Skip:
    """The skip with its source and reason made valid text (a file name may hold any bytes)."""
    skip.source = valid_text(skip.source)[0]
    skip.reason = valid_text(skip.reason)[0]
    return skip


def _guard(source: str, make: Callable[[], Document]) -> Document | Skip:
    """Run ``make()``; turn its failure into a Skip with the reason."""
    try:
        return make()
    except InputError as exc:
        return Skip(source=source, status="skipped", reason=str(exc))
    except Exception as exc:  # an unexpected bug must not stop the run: record it as failed
        return Skip(source=source, status="failed", reason=f"{source}: {type(exc).__name__}: {str(exc)[:300]}")


def _read_path(p: str, options: IngestOptions) -> Iterator[Document | Skip]:
    kind = _kind_for(Path(p))
    if kind in ("csv", "jsonl"):
        model = _learn_furniture(p, kind, options) if options.furniture else None
        stream, encoding = open_text(p, max_bytes=max(options.max_bytes, ROW_FILE_CAP))
        with stream:
            reader = read_csv if kind == "csv" else read_jsonl
            rows = reader(stream, options.mapping, name=p, cap=options.max_bytes)
            yield from _read_rows(rows, p, options, encoding, model)
        return
    decoded = decode_bytes(read_file(p, options.max_bytes), name=p)
    if kind == "text" and _sniff(decoded.text) == "html":
        kind = "html"
    yield _guard(p, functools.partial(
        build_document, decoded.text, kind=kind, source_path=p, options=options,
        encoding=decoded.encoding, replaced=decoded.replaced,
    ))


def _learn_furniture(p: str, kind: str, options: IngestOptions) -> FurnitureModel | None:
    """First pass over a file of records: what recurs at the edges of each publisher's bodies."""
    model = FurnitureModel()
    try:
        stream, _ = open_text(p, max_bytes=max(options.max_bytes, ROW_FILE_CAP))
        with stream:
            reader = read_csv if kind == "csv" else read_jsonl
            for row in itertools.islice(reader(stream, options.mapping, name=p, cap=options.max_bytes), LEARN_ROWS):
                if row.error is None and row.values.get("text"):
                    model.add(row.values.get("publisher"), row.values["text"] or "")
    except InputError:
        return None  # the second pass reports the problem
    return model


def _read_rows(
    rows: Iterator[Row], source: str, options: IngestOptions, encoding: str, model: FurnitureModel | None = None,
) -> Iterator[Document | Skip]:
    for row in rows:
        name = f"{source}#row{row.number}"
        if row.error is not None:
            yield Skip(source=name, status="skipped", reason=f"{name}: {row.error}")
            continue
        text = row.values.get("text")
        if not text or not text.strip():
            yield Skip(source=name, status="skipped", reason=f"{name}: the text column is empty.")
            continue
        spans = model.spans(row.values.get("publisher"), text) if model is not None else []
        yield _guard(name, functools.partial(
            build_document, text, kind="row", source_path=name, fields=row.values, options=options,
            encoding=encoding, replaced=row.replaced, furniture=spans,
        ))


def _read_url_list(path: str, options: IngestOptions, stdin: BinaryIO | None) -> Iterator[Document | Skip]:
    if path == "-":
        data = (stdin or sys.stdin.buffer).read(options.max_bytes + 1)
    else:
        data = read_file(path, options.max_bytes)
    for line in decode_bytes(data, name=path).text.splitlines():
        url = line.strip()
        if url and not url.startswith("#"):
            yield _fetch_one(url, options)


def fetch_document(url: str, options: IngestOptions) -> Document | Skip:
    """Fetch one URL and build its document (with every fetch limit), or a Skip with the reason."""
    return _fetch_one(url, options)


def _fetch_one(url: str, options: IngestOptions) -> Document | Skip:
    from .fetch import fetch_url

    try:
        fetched = fetch_url(url, timeout=options.timeout, max_bytes=options.max_bytes, allow_private=options.allow_private)
        decoded = decode_bytes(fetched.content, name=url)
    except InvalidURL as exc:
        return Skip(source=url, status="skipped", reason=str(exc))
    except InputError as exc:
        return Skip(source=url, status="failed", reason=str(exc))
    kind = "html" if "html" in fetched.content_type or _sniff(decoded.text) == "html" else "text"
    return _guard(url, functools.partial(
        build_document, decoded.text, kind=kind, url=fetched.url, options=options,
        encoding=decoded.encoding, replaced=decoded.replaced,
    ))
