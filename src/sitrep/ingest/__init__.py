"""Stage ``ingest``: inputs (files, folders, stdin, CSV/JSONL rows, URLs) to ``Document`` records.

``read_inputs`` yields a ``Document`` for every usable input and a ``Skip`` (with
the reason) for every other one; one bad input never stops the others. Reading
files and fetching URLs happen here, at the edge; the text processing is pure
(``plaintext``, ``html``, ``tabular``).
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..errors import EmptyInput, InputError, TooLarge
from ..records import Document, Skip
from .dates import normalize_date
from .decode import decode_bytes
from .html import extract_html
from .language import detect_language
from .plaintext import Parsed, parse_plaintext, repair_body, split_blocks
from .tabular import Row, read_csv, read_jsonl

TEXT_SUFFIXES = {".txt", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
CSV_SUFFIXES = {".csv"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


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
) -> Document:
    """Turn decoded text into a ``Document`` (pure: no I/O). ``kind``: text, markdown, html, row."""
    options = options or IngestOptions()
    fields = fields or {}
    name = source_path or url or "input"
    if kind == "html":
        article = extract_html(raw, url=url, name=name)
        parsed = _body_only(article.text)
        parsed.title, parsed.author = article.title, article.author
        parsed.publisher, parsed.published = article.publisher, article.published
        url = article.url or url
        raw = article.text
    elif kind == "row":
        parsed = parse_plaintext(raw)
        parsed.title = fields.get("title") or parsed.title
        parsed.author = fields.get("author") or parsed.author
        parsed.publisher = fields.get("publisher") or parsed.publisher
        if fields.get("published"):
            parsed.published = normalize_date(fields["published"], date_order=options.date_order)
        url = fields.get("url") or url
    else:
        parsed = parse_plaintext(raw, markdown=(kind == "markdown"))
    if not parsed.text.strip():
        raise EmptyInput(f"{name}: no body text left after removing the header and footer.")
    doc_id, sha = document_id(parsed.text)
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
    )
    lang, prob = detect_language(parsed.text)
    document.language = lang
    if lang not in options.languages and prob >= 0.9 and len(parsed.text) >= 40:
        document.status = "skipped"
        document.reason = f"language {lang!r} (p={prob:.2f}); sitrep analyzes {', '.join(options.languages)}"
    return document


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


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    size = path.stat().st_size
    if size > max_bytes:
        raise TooLarge(
            f"{path}: {size / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB cap for one input; "
            f"split it or raise the cap with --max-bytes."
        )
    return path.read_bytes()


def _expand(paths: Iterable[str]) -> Iterator[str]:
    for p in paths:
        path = Path(p)
        if p != "-" and path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if not f.startswith(".") and f.lower() != "readme.md":
                        yield str(Path(root) / f)
        else:
            yield p


def read_inputs(
    paths: Iterable[str],
    options: IngestOptions | None = None,
    *,
    stdin: BinaryIO | None = None,
) -> Iterator[Document | Skip]:
    """Yield a Document or a Skip for every input named by ``paths`` (files, folders, ``-``)."""
    options = options or IngestOptions()
    for p in _expand(paths):
        try:
            if options.urls:
                yield from _read_url_list(p, options)
            elif p == "-":
                data = (stdin or sys.stdin.buffer).read(options.max_bytes + 1)
                if len(data) > options.max_bytes:
                    raise TooLarge(f"stdin: over the {options.max_bytes / 1e6:.0f} MB cap for one input.")
                text, _ = decode_bytes(data, name="stdin")
                yield _guard("stdin", lambda: build_document(text, kind=_sniff(text), source_path="-", options=options))  # noqa: B023 - _guard calls it at once
            else:
                yield from _read_path(Path(p), options)
        except InputError as exc:
            yield Skip(source=p, status="skipped", reason=str(exc))
        except OSError as exc:
            yield Skip(source=p, status="failed", reason=f"{p}: cannot read ({exc.strerror or exc}).")


def _guard(source: str, make) -> Document | Skip:  # type: ignore[no-untyped-def]
    """Run ``make()``; turn its failure into a Skip with the reason."""
    try:
        return make()  # type: ignore[no-any-return]
    except InputError as exc:
        return Skip(source=source, status="skipped", reason=str(exc))
    except Exception as exc:  # an unexpected bug must not stop the run: record it as failed
        return Skip(source=source, status="failed", reason=f"{source}: {type(exc).__name__}: {exc}")


def _read_path(path: Path, options: IngestOptions) -> Iterator[Document | Skip]:
    if not path.exists():
        yield Skip(source=str(path), status="skipped", reason=f"{path}: no such file or folder.")
        return
    kind = _kind_for(path)
    data = _read_bytes(path, options.max_bytes if kind not in ("csv", "jsonl") else max(options.max_bytes, 2_000_000_000))
    text, _ = decode_bytes(data, name=str(path))
    if kind in ("csv", "jsonl"):
        reader = read_csv if kind == "csv" else read_jsonl
        yield from _read_rows(reader(text, options.mapping, name=str(path)), str(path), options)
        return
    if kind == "text" and _sniff(text) == "html":
        kind = "html"
    yield _guard(str(path), lambda: build_document(text, kind=kind, source_path=str(path), options=options))


def _read_rows(rows: Iterator[Row], source: str, options: IngestOptions) -> Iterator[Document | Skip]:
    for row in rows:
        name = f"{source}#row{row.number}"
        if "_error" in row.values:
            yield Skip(source=name, status="skipped", reason=f"{name}: {row.values['_error']}")
            continue
        text = row.values.get("text")
        if not text or not text.strip():
            yield Skip(source=name, status="skipped", reason=f"{name}: the text column is empty.")
            continue
        yield _guard(name, lambda: build_document(text, kind="row", source_path=name, fields=row.values, options=options))  # noqa: B023 - _guard calls it at once


def _read_url_list(path: str, options: IngestOptions) -> Iterator[Document | Skip]:
    from .fetch import fetch_url

    data = _read_bytes(Path(path), options.max_bytes) if path != "-" else sys.stdin.buffer.read()
    text, _ = decode_bytes(data, name=path)
    for line in text.splitlines():
        url = line.strip()
        if not url or url.startswith("#"):
            continue
        try:
            fetched = fetch_url(url, timeout=options.timeout, max_bytes=options.max_bytes, allow_private=options.allow_private)
            page, _ = decode_bytes(fetched.content, name=url)
        except InputError as exc:
            yield Skip(source=url, status="failed", reason=str(exc))
            continue
        kind = "html" if "html" in fetched.content_type or _sniff(page) == "html" else "text"
        yield _guard(url, lambda: build_document(page, kind=kind, url=fetched.url, options=options))  # noqa: B023 - _guard calls it at once
