"""CSV and JSON Lines: one document per row, with a column mapping.

The mapping names which column holds each document field, e.g.
``text=article_content,title=article_title,publisher=source,published=date``.
Without one, common column names are recognised.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import ColumnError, InputError

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


@dataclass(slots=True)
class Row:
    """One row's fields after the mapping; ``number`` is 1-based (data rows)."""

    number: int
    values: dict[str, str | None]


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


def read_csv(text: str, mapping: dict[str, str], *, name: str) -> Iterator[Row]:
    reader = csv.DictReader(io.StringIO(text))
    columns = list(reader.fieldnames or [])
    if not columns:
        raise ColumnError(f"{name}: the CSV has no header row.")
    resolved = _resolve(columns, mapping, name)
    for number, record in enumerate(reader, start=1):
        yield Row(number, {f: (record.get(c) or None) for f, c in resolved.items()})


def read_jsonl(text: str, mapping: dict[str, str], *, name: str) -> Iterator[Row]:
    resolved: dict[str, str] | None = None
    number = 0
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        number += 1
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Row(number, {"_error": f"line {line_no}: not valid JSON ({exc.msg})"})
            continue
        if not isinstance(record, dict):
            yield Row(number, {"_error": f"line {line_no}: not a JSON object"})
            continue
        if resolved is None:
            resolved = _resolve(list(record), mapping, name)
        values = {f: (None if record.get(c) in (None, "") else str(record.get(c))) for f, c in resolved.items()}
        yield Row(number, values)
    if number == 0:
        raise InputError(f"{name}: the JSONL file has no records.")
