"""Shared helpers of the casualty-source tests."""

from __future__ import annotations


def source_text(figures, kind: str, value: int) -> str | None:
    """The source text of the last figure of ``kind`` with best value ``value`` (there must be one)."""
    found = [c for c in figures if c.kind == kind and c.best == value]
    assert found, (kind, value, [(c.kind, c.best) for c in figures])
    return found[-1].source_text


# midday (2026-12-05): wave 9, a new seeded RANDOM draw (`benchmarks/casualties_fresh.py --wave 9`,
# seed 20261221, the 275 gold rows before it skipped): the first 8 candidates that report a killed
# figure (here the first 8 candidates, none passed over), appended after wave 8, all `tune`;
# 24 figures (22 `incident`, 1 `background`, 1 `war_total`; 20 naming a source), 8 with a `main_killed`
WAVE_9_SEED = 20261221
WAVE_9_ROWS_BEFORE = 275
WAVE_9 = tuple(f"FA-KES-Dataset.csv#row{n}" for n in (686, 689, 265, 666, 509, 219, 626, 109))
WAVE_9_POSITIONS = (2, 4, 14, 16, 17, 19, 20, 21)
WAVE_9_FIGURES = 24
