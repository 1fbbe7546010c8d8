"""CSV and JSON Lines: one document per row, with a column mapping.

The mapping names which column holds each document field, e.g.
``text=article_content,title=article_title,publisher=source,published=date``.
Without one, common column names are recognised.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TextIO

from ..errors import ColumnError, InputError
from .decode import valid_text

FIELDS = ("text", "title", "author", "publisher", "published", "url", "id")
_DEFAULT_NAMES = {
    "text": ("text", "content", "body", "article_content", "article", "article_text", "full_text"),
    "title": ("title", "headline", "article_title"),
    "author": ("author", "authors", "byline"),
    "publisher": ("publisher", "source", "outlet", "site", "sitename", "media"),
    "published": ("published", "date", "publication_date", "pub_date", "published_at", "datetime"),
    "url": ("url", "link", "source_url"),
    "id": ("id", "unit_id", "doc_id"),
}


#: deeper JSON than this is refused per line (news records nest two or three levels)
MAX_JSON_DEPTH = 100
_JSON_TOKEN = re.compile(r'"(?:[^"\\]++|\\.)*+"|[\[\]{}]')


@dataclass(slots=True)
class Row:
    """One row's fields after the mapping; ``number`` is 1-based (data rows).

    ``error`` is set (and ``values`` empty) when the record could not be read;
    ``replaced`` counts characters replaced by U+FFFD to make the values valid text.
    """

    number: int
    values: dict[str, str | None]
    error: str | None = None
    replaced: int = 0


class RecordTooLarge(Exception):
    """Raised by ``BoundedLines`` when one record exceeds the cap (caught per record)."""


class BoundedLines:
    """Physical lines of a text stream, each line and each record at most ``cap`` characters.

    The ``csv`` module reads whole lines and grows a field up to its field limit, so a
    single huge cell would otherwise be held in memory whole (or stop the file with
    "field larger than field limit"). Here a too-long line is read past in pieces and
    reported as ``RecordTooLarge``; the caller skips that record and goes on.
    """

    def __init__(self, stream: TextIO, cap: int) -> None:
        self.stream, self.cap, self.pending, self.line_no = stream, cap, 0, 0

    def __iter__(self) -> BoundedLines:
        return self

    def __next__(self) -> str:
        line = self.stream.readline(self.cap + 1)
        if not line:
            raise StopIteration
        self.line_no += 1
        self.pending += len(line)
        if self.pending > self.cap:
            if len(line) > self.cap and not line.endswith(("\n", "\r")):
                self._discard_rest()
            self.pending = 0
            raise RecordTooLarge(f"over {self.cap:,} characters")
        return line

    def record_done(self) -> None:
        self.pending = 0

    def _discard_rest(self) -> None:
        while True:
            piece = self.stream.readline(65_536)
            if not piece or piece.endswith(("\n", "\r")):
                return


def _clean(value: object) -> tuple[str | None, int]:
    """A field value as valid text (``None`` when empty) and the number of characters replaced."""
    if value is None or value == "":
        return None, 0
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else str(value)
    text, n = valid_text(text.replace("\r\n", "\n").replace("\r", "\n"))
    return text, n


def _mapped_row(number: int, get: Callable[[str], object], resolved: dict[str, str]) -> Row:
    values: dict[str, str | None] = {}
    replaced = 0
    for field_name, column in resolved.items():
        values[field_name], n = _clean(get(column))
        replaced += n
    return Row(number, values, replaced=replaced)


def parse_mapping(spec: str | None) -> dict[str, str]:
    """``"text=body,title=headline"`` -> ``{"text": "body", "title": "headline"}``."""
    mapping: dict[str, str] = {}
    if not spec:
        return mapping
    for part in spec.split(","):
        key, sep, column = part.partition("=")
        key = key.strip()
        if not sep or key not in FIELDS or not column.strip():
            raise ValueError(
                f"Bad column mapping {part!r}: use FIELD=COLUMN with FIELD one of {', '.join(FIELDS)}."
            )
        mapping[key] = column.strip()
    return mapping


def _resolve(columns: list[str], mapping: dict[str, str], name: str) -> dict[str, str]:
    missing = [c for c in mapping.values() if c not in columns]
    if missing:
        raise ColumnError(
            f"{name}: column(s) {', '.join(map(repr, missing))} not found; the file has: {', '.join(columns)}."
        )
    resolved = dict(mapping)
    lower = {c.lower(): c for c in columns}
    for field_name, names in _DEFAULT_NAMES.items():
        if field_name in resolved:
            continue
        for candidate in names:
            if candidate in lower:
                resolved[field_name] = lower[candidate]
                break
    if "text" not in resolved:
        raise ColumnError(
            f"{name}: no text column; map one with --map text=COLUMN (columns: {', '.join(columns)})."
        )
    return resolved


def read_csv(stream: TextIO, mapping: dict[str, str], *, name: str, cap: int) -> Iterator[Row]:
    """Rows of a CSV stream (header first); a record over ``cap`` characters is an error row."""
    if csv.field_size_limit() < cap:
        csv.field_size_limit(cap)  # never lowered: the cap per record is enforced by BoundedLines
    lines = BoundedLines(stream, cap)
    reader = csv.reader(lines)
    try:
        header = next(reader, [])
    except (csv.Error, RecordTooLarge) as exc:
        raise ColumnError(f"{name}: the header row cannot be read ({exc}).") from exc
    columns = [valid_text(c)[0].strip() for c in header]
    if not any(columns):
        raise ColumnError(f"{name}: the CSV has no header row.")
    resolved = _resolve(columns, mapping, name)
    index = {c: columns.index(c) for c in resolved.values()}
    number = 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            if number == 0:
                raise InputError(f"{name}: the CSV has a header but no data rows.") from None
            return
        except RecordTooLarge as exc:
            number += 1
            yield Row(number, {}, error=f"record {exc}, the cap for one record (--max-bytes); skipped")
            continue
        except csv.Error as exc:
            number += 1
            lines.record_done()
            yield Row(number, {}, error=f"malformed CSV record near line {lines.line_no} ({exc})")
            continue
        lines.record_done()
        if not record:
            continue  # a blank line is not a row (as csv.DictReader counts them)
        number += 1
        values = {c: record[i] if i < len(record) else None for c, i in index.items()}
        yield _mapped_row(number, values.get, resolved)


def json_too_deep(line: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when brackets nest deeper than ``limit`` (strings skipped); cheap when they cannot."""
    if line.count("[") + line.count("{") <= limit:
        return False
    depth = 0
    for m in _JSON_TOKEN.finditer(line):
        token = m.group()
        if token in ("[", "{"):
            depth += 1
            if depth > limit:
                return True
        elif token in ("]", "}"):
            depth -= 1
    return False


def _json_record(line: str, line_no: int) -> dict[str, object] | str:
    """The JSON object on one line, or the reason it cannot be used."""
    if json_too_deep(line):
        return f"line {line_no}: JSON nested deeper than {MAX_JSON_DEPTH} levels"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return f"line {line_no}: not valid JSON ({exc.msg})"
    except (ValueError, RecursionError) as exc:  # e.g. an integer over Python's digit limit
        return f"line {line_no}: JSON value cannot be read ({type(exc).__name__}: {str(exc)[:100]})"
    if not isinstance(record, dict):
        return f"line {line_no}: not a JSON object"
    return record


def read_jsonl(stream: TextIO, mapping: dict[str, str], *, name: str, cap: int) -> Iterator[Row]:
    """Rows of a JSON Lines stream; a line over ``cap`` characters is an error row."""
    resolved: dict[str, str] | None = None
    number = 0
    lines = BoundedLines(stream, cap)
    while True:
        try:
            line = next(lines)
        except StopIteration:
            break
        except RecordTooLarge as exc:
            number += 1
            yield Row(number, {}, error=f"line {lines.line_no}: {exc}, the cap for one record (--max-bytes); skipped")
            continue
        lines.record_done()
        if not line.strip():
            continue
        number += 1
        record = _json_record(line, lines.line_no)
        if isinstance(record, str):
            yield Row(number, {}, error=record)
            continue
        if resolved is None:
            resolved = _resolve([str(k) for k in record], mapping, name)
        yield _mapped_row(number, record.get, resolved)
    if number == 0:
        raise InputError(f"{name}: the JSONL file has no records.")
