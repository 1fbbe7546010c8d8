"""Wire copies: reports that reprint one text count as one independent source.

Two reports are copies when the sets of their 5-word shingles overlap by at least
``Settings.copy_jaccard`` (Jaccard) and they were published at most
``Settings.copy_days`` apart (an undated report is compared with every other). Copies
group transitively (an agency text, its reprint and the reprint's reprint).

Candidates come from a bottom-k sketch: each report is indexed under its ``SKETCH``
smallest shingle hashes, and only reports sharing one are compared exactly, so the
cost grows with the number of reports, not with its square.

With ``Settings.copy_by_containment`` (branch indep1) the reports are those of one incident
(``build.build_incident``), which the linker has already tied to one event: two of them are
copies when the share of the smaller one's shingles that the other holds (``containment``) is at
least ``Settings.copy_containment`` and the shared text spans at least two sentences of the
smaller one, whatever their publication days (a reprint trims or extends the agency text, which
lowers Jaccard but not containment, and FA-KES dates of one text's copies run days to years
apart); main's rule still holds beside it. Every pair is compared (an incident holds a handful
of reports).
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from ..records import Document
from .clustering import DisjointSets
from .settings import Settings

SHINGLE = 5
SKETCH = 24
_WORD = re.compile(r"\w+")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


@functools.lru_cache(maxsize=4096)
def shingles(text: str) -> frozenset[int]:
    """Hashes of every run of ``SHINGLE`` words (lower case)."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return frozenset({_hash(" ".join(words))}) if words else frozenset()
    return frozenset(_hash(" ".join(words[i:i + SHINGLE])) for i in range(len(words) - SHINGLE + 1))


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def containment(a: frozenset[int], b: frozenset[int]) -> float:
    """The share of the smaller set that the other holds (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _day(doc: Document) -> int | None:
    from .mentions import parse_day

    parsed = parse_day(doc.published)
    return parsed[0] if parsed else None


def copy_groups(documents: Sequence[Document], settings: Settings) -> dict[str, str]:
    """Document id -> the id of its copy group (the smallest id among its copies)."""
    if settings.copy_by_containment:
        return _contained_groups(documents, settings)
    sets = {d.id: shingles(d.text) for d in documents}
    days = {d.id: _day(d) for d in documents}
    sets_of: DisjointSets[str] = DisjointSets()

    index: dict[int, list[str]] = defaultdict(list)
    for doc_id in sorted(sets):
        seen: set[str] = set()
        for h in sorted(sets[doc_id])[:SKETCH]:
            for other in index[h]:
                if other in seen:
                    continue
                seen.add(other)
                if _jaccard_copies(doc_id, other, sets, days, settings):
                    _join(sets_of, doc_id, other)
            index[h].append(doc_id)
    return {d.id: sets_of.find(d.id) for d in documents}


def _jaccard_copies(a: str, b: str, sets: Mapping[str, frozenset[int]], days: Mapping[str, int | None],
                    settings: Settings) -> bool:
    """The default copy rule: published within ``copy_days`` and Jaccard at least ``copy_jaccard``."""
    day_a, day_b = days[a], days[b]
    close = day_a is None or day_b is None or abs(day_a - day_b) <= settings.copy_days
    return close and jaccard(sets[a], sets[b]) >= settings.copy_jaccard


def _join(sets_of: DisjointSets[str], a: str, b: str) -> None:
    """Join the copy groups of ``a`` and ``b`` under the smaller id."""
    root_a, root_b = sets_of.find(a), sets_of.find(b)
    sets_of.union(max(root_a, root_b), min(root_a, root_b))


def _contained_groups(documents: Sequence[Document], settings: Settings) -> dict[str, str]:
    """``copy_groups`` by containment over every pair, publication days aside; main's rule
    (Jaccard within ``copy_days``) still holds, so these groups only ever join more reports."""
    sets = {d.id: shingles(d.text) for d in documents}
    days = {d.id: _day(d) for d in documents}
    texts = {d.id: d.text for d in documents}
    sets_of: DisjointSets[str] = DisjointSets()
    ids = sorted(sets)
    for i, doc_id in enumerate(ids):
        for other in ids[i + 1:]:
            a_set, b_set = sets[doc_id], sets[other]
            smaller, larger = (doc_id, other) if len(a_set) <= len(b_set) else (other, doc_id)
            contained = containment(a_set, b_set) >= settings.copy_containment and \
                shared_sentences(texts[smaller], sets[larger]) >= 2
            if contained or _jaccard_copies(doc_id, other, sets, days, settings):
                _join(sets_of, doc_id, other)
    return {d.id: sets_of.find(d.id) for d in documents}


def shared_sentences(text: str, other: frozenset[int]) -> int:
    """How many sentences of ``text`` share a shingle of their own with ``other``: a reprint
    carries more than one sentence of its text, while two reports in their own words can share
    one sentence's run of names ("the grain silos of Tel Wardeh on Tuesday")."""
    return sum(1 for sentence in _SENTENCE.split(text) if shingles(sentence) & other)
