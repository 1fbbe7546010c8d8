"""Read the FA-KES corpus (evaluation only; its text never enters the repository).

Columns: unit_id, article_title, article_content, source (outlet), date (M/D/YYYY),
location, labels. Each development row (even ``unit_id``; odd ones are held out and
never read by a benchmark) becomes a ``Document`` with the outlet as publisher.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

from common import fakes_csv, fakes_dev_rows  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.records import Document  # noqa: E402


def _iso(date: str) -> str | None:
    try:
        return datetime.strptime(date.strip(), "%m/%d/%Y").date().isoformat()
    except ValueError:
        return None


def read_fakes(path: Path | None = None, limit: int | None = None) -> list[Document]:
    """FA-KES development rows as documents (id ``fakes-<n>-<unit_id>``, publisher = outlet)."""
    docs = []
    for i, row in enumerate(fakes_dev_rows(path or fakes_csv())):
        text = row["article_content"]
        docs.append(Document(
            id=f"fakes-{i:03d}-{row['unit_id']}",
            sha256=hashlib.sha256(text.encode()).hexdigest(),
            text=text,
            title=row["article_title"] or None,
            publisher=row["source"] or None,
            published=_iso(row["date"]),
        ))
        if limit is not None and len(docs) >= limit:
            break
    return docs
