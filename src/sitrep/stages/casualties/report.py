"""Casualty figures as people read them, for the CLI tables and the HTML report."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ...records import Casualty


def figure_text(c: Casualty, names: Mapping[str, str] | None = None) -> str:
    """ "killed ~12 civilians (per Syrian Observatory for Human Rights)", "injured 20-30 people";
    a part of another figure reads "of which ...", an updated toll "(updated)"."""
    value = f"{c.low}-{c.high}" if c.low is not None and c.high is not None else str(c.best)
    text = f"{'of which ' if c.subset_of else ''}{c.kind} {'~' if c.approximate else ''}{value} {c.victims}"
    if c.superseded:
        text += " (updated later)"
    if c.attributed_to:
        text += f" (per {(names or {}).get(c.attributed_to, c.attributed_to)})"
    return text


def figures_line(casualties: Iterable[Casualty], names: Mapping[str, str] | None = None) -> str:
    return "; ".join(figure_text(c, names) for c in casualties)
