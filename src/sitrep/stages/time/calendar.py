"""Calendar arithmetic for TIMEX3 values: anchors, shifts, tense-directed resolution.

Pure functions over ``datetime.date``. Written here rather than delegated to
dateparser because dateparser resolves relative expressions against *today*
(or a single ``RELATIVE_BASE`` with a fixed past/future preference for the whole
call) and returns datetimes, not TIMEX3 values with a precision: it cannot say
"the Thursday before this Saturday" for one span and "the Monday after" for the
next, nor produce ``2016-W28``, ``2016-SU`` or ``2016-Q3``.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from ...dates import parse_partial_date

Direction = Literal["past", "future", "nearest"]
Precision = Literal["day", "week", "month", "quarter", "year", "decade", "century", "time"]

#: precision of a date counted in each duration unit letter
UNIT_PRECISION = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}

_PRECISION_RANK = {"time": 0, "day": 1, "week": 2, "month": 3, "quarter": 4, "year": 5,
                   "decade": 6, "century": 7, "season": 3}


@dataclass(frozen=True, slots=True)
class Anchor:
    """The document date relative expressions resolve against."""

    date: date  # the first day of the period when the precision is month or year
    precision: Precision  # day, month or year
    iso: str  # as given (YYYY-MM-DD, YYYY-MM or YYYY)


def parse_anchor(published: str | None) -> Anchor | None:
    """An ``Anchor`` from an ISO date (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``, or longer); None if absent.

    A month or a year is anchored on its first day, with its precision (``sitrep.dates``)."""
    parsed = parse_partial_date(published)
    if parsed is None:
        return None
    return Anchor(parsed.date, parsed.precision, parsed.iso)


def coarser(a: str, b: str) -> bool:
    """True when precision ``a`` is strictly coarser than ``b``."""
    return _PRECISION_RANK.get(a, 0) > _PRECISION_RANK.get(b, 0)


def fmt(d: date, precision: str) -> str:
    """The TIMEX3 value of ``d`` at ``precision``."""
    if precision == "day":
        return d.isoformat()
    if precision == "week":
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}"
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if precision == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if precision == "year":
        return f"{d.year:04d}"
    if precision == "decade":
        return f"{d.year // 10:03d}"
    if precision == "century":
        return f"{d.year // 100:02d}"
    raise ValueError(f"unknown precision {precision!r}")


def add_months(d: date, n: int) -> date:
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def shift(d: date, unit: str, n: int) -> date:
    """``d`` moved by ``n`` units (D, W, M, Q, Y; decades/centuries as Y multiples)."""
    if unit == "D":
        return d + timedelta(days=n)
    if unit == "W":
        return d + timedelta(weeks=n)
    if unit == "M":
        return add_months(d, n)
    if unit == "Q":
        return add_months(d, 3 * n)
    if unit == "Y":
        return add_months(d, 12 * n)
    raise ValueError(f"unknown unit {unit!r}")


def _pick(candidates: list[date], anchor: date, direction: Direction) -> date:
    """The candidate on the tense's side of ``anchor`` that is nearest to it."""
    if direction == "past":
        before = [c for c in candidates if c <= anchor]
        if before:
            return max(before)
    elif direction == "future":
        after = [c for c in candidates if c >= anchor]
        if after:
            return min(after)
    # nearest; a tie goes to the past (news is mostly about the past)
    return min(candidates, key=lambda c: (abs((c - anchor).days), c > anchor))


def resolve_weekday(anchor: date, weekday: int, direction: Direction) -> date:
    """The date of ISO ``weekday`` nearest ``anchor`` on the side ``direction`` points to."""
    delta = weekday - anchor.isoweekday()
    candidates = [anchor + timedelta(days=delta + k) for k in (-7, 0, 7)]
    return _pick(candidates, anchor, direction)


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def resolve_month_day(anchor: date, month: int, day: int, direction: Direction) -> date | None:
    """Month ``month`` day ``day`` in the year that puts it on ``direction``'s side of ``anchor``."""
    candidates = [c for y in (anchor.year - 1, anchor.year, anchor.year + 1)
                  if (c := safe_date(y, month, day)) is not None]
    if not candidates:
        return None
    return _pick(candidates, anchor, direction)


def resolve_month(anchor: date, month: int, direction: Direction) -> date:
    """The first day of the nearest month ``month`` on ``direction``'s side (inclusive)."""
    start = anchor.replace(day=1)
    candidates = [date(y, month, 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    return _pick(candidates, start, direction)


SEASON_MONTHS = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}


def season_of(d: date) -> str:
    return {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(
        d.month, "FA"
    )


def resolve_season(anchor: date, season: str, direction: Direction) -> int:
    """The year of the nearest ``season`` on ``direction``'s side of ``anchor``."""
    if season_of(anchor) == season:
        return anchor.year if not (season == "WI" and anchor.month == 12) else anchor.year + 1
    mid = SEASON_MONTHS[season]
    candidates = [date(y, mid, 15) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    return _pick(candidates, anchor, direction).year


def resolve_quarter(anchor: date, quarter: int, direction: Direction) -> int:
    """The year of the nearest quarter ``quarter`` on ``direction``'s side (inclusive)."""
    current = (anchor.month - 1) // 3 + 1
    if quarter == current:
        return anchor.year
    candidates = [date(y, 3 * quarter - 1, 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    return _pick(candidates, anchor, direction).year
