"""Derive the vocabulary warm list (``src/sitrep/models/warm_words.json``; issue 16, speed).

Inside a spaCy ``memory_zone`` the tokenizer caches nothing and makes a transient lexeme for
every word not already permanent, anew in every zone (sitrep analyzes each batch in a zone, so
that memory does not grow with the corpus). A word's tokenization and lexeme made once outside
any zone are permanent and are used inside every later zone. ``sitrep.workflow`` therefore
tokenizes this list once per process, before its first batch: a fixed set, so memory stays
bounded, and the tokens are those the tokenizer gives anyway (only where they come from
changes).

The list is the ``--size`` most frequent whitespace-delimited chunks (what spaCy's tokenizer
caches: a word with the punctuation attached to it, e.g. a word and its comma) of the NGEC
synthetic PLOVER stories (``events/ngec_synthetic_events.csv``; MIT per NGEC's pyproject;
model-generated news-like stories, already used for training by ``train_events.py``). Only
the chunks and their order are written (no sentence, no count). No FA-KES row is read.
Deterministic: ties broken by the chunk's text.

Usage: ``python scripts/build_warm_words.py [--shared DIR] [--size N] [--out FILE]``.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "sitrep" / "models" / "warm_words.json"
#: chunks kept: 5,000 cover ~85 % of the source's chunk occurrences, at ~0.07 s of tokenizing once
#: per process (docs/benchmarks.md, 2026-12-06 midday, speed11)
SIZE = 5000
SOURCE = "events/ngec_synthetic_events.csv"


def chunk_counts(rows: list[dict[str, str]]) -> Counter[str]:
    """How often each whitespace-delimited chunk occurs in the rows' ``text``."""
    counts: Counter[str] = Counter()
    for row in rows:
        counts.update((row.get("text") or "").split())
    return counts


def top_chunks(counts: Counter[str], size: int) -> list[str]:
    """The ``size`` most frequent chunks, most frequent first, ties by text."""
    return [chunk for chunk, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:size]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--size", type=int, default=SIZE)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    path = args.shared / SOURCE
    if not path.exists():
        print(f"{path} not found: pass --shared with the shared data folder", file=sys.stderr)
        return 1
    csv.field_size_limit(10_000_000)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    counts = chunk_counts(rows)
    words = top_chunks(counts, args.size)
    covered = sum(counts[w] for w in words) / max(1, sum(counts.values()))
    out = {
        "about": "the most frequent whitespace-delimited chunks of a news-like corpus, tokenized once per "
                 "process outside spaCy's memory zones (sitrep.workflow.warm_vocabulary); written by "
                 "scripts/build_warm_words.py",
        "source": f"NGEC synthetic PLOVER stories ({SOURCE}; MIT), {len(rows)} stories, "
                  f"{len(counts)} distinct chunks; these cover {covered:.3f} of their occurrences",
        "words": words,
    }
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(words)} chunks ({covered:.3f} of {sum(counts.values())} occurrences) -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
