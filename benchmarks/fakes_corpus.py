"""Read the FA-KES corpus (evaluation only; its text never enters the repository).

Columns: unit_id, article_title, article_content, source (outlet), date (M/D/YYYY),
location, labels. Each row becomes a ``Document`` with the outlet as publisher.
"""

from __future__ import annotations

import csv
import hashlib
import os
from datetime import datetime
from pathlib import Path

from sitrep.records import Document

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SITREP_SHARED", REPO.parent / "shared")) / "data"
FAKES = SHARED / "corpus" / "fakes" / "FA-KES-Dataset.csv"


def _iso(date: str) -> str | None:
    try:
        return datetime.strptime(date.strip(), "%m/%d/%Y").date().isoformat()
    except ValueError:
        return None


def read_fakes(path: Path = FAKES, limit: int | None = None) -> list[Document]:
    """FA-KES rows as documents (id ``fakes-<row>-<unit_id>``, publisher = outlet)."""
    docs = []
    with path.open(encoding="utf-8", newline="") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
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
