"""The outlet's home divisions as evidence for a document's places (``ranking.OUTLET_EVIDENCE``, off).

A local paper names its own towns without naming their state; the other articles of the same outlet
name it. For each document, ``outlet_shares`` gives the share of each first-level division among the
confident resolutions of the *other* documents of its outlet (its own places never count); the
resolver reads it as the rank feature ``outlet_admin1`` (``Resolver.resolve(outlet=...)``).
``scripts/train_place.py --outlet on`` fits its weight; the gold-span scores pass it when the switch
is on (``evaluation.tasks.resolve_gold_spans``). The stage passes none: it sees one document at a time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .resolver import Resolution

Division = tuple[str, str]


def division_counts(resolutions: Sequence[Resolution], threshold: float) -> Counter[Division]:
    """(country, admin1 code) of each confident resolution (acceptance probability at least
    ``threshold``; not a country, not a container's stand-in) of one document."""
    counts: Counter[Division] = Counter()
    for res in resolutions:
        e = res.entry
        if (e is not None and not res.contained and e.kind != "country" and e.country and e.admin1_code
                and res.confidence >= threshold):
            counts[(e.country, e.admin1_code)] += 1
    return counts


def outlet_shares(outlets: Sequence[str], counts: Sequence[Counter[Division]]) -> list[dict[Division, float]]:
    """Per document (``outlets[i]``: its outlet, "" when unknown; ``counts[i]``: ``division_counts``),
    the share of each division among the places of the same outlet's other documents ({} when it has
    none)."""
    by_outlet: dict[str, Counter[Division]] = {}
    for outlet, c in zip(outlets, counts, strict=True):
        if outlet:
            by_outlet.setdefault(outlet, Counter()).update(c)
    out: list[dict[Division, float]] = []
    for outlet, c in zip(outlets, counts, strict=True):
        if not outlet:
            out.append({})
            continue
        others = by_outlet[outlet] - c  # Counter subtraction: the outlet's other documents
        n = sum(others.values())
        out.append({k: v / n for k, v in others.items()} if n else {})
    return out
