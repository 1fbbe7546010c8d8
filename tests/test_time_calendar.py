"""Pure calendar arithmetic behind the time stage."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.stages.time import calendar as cal


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2016-07-16", (date(2016, 7, 16), "day")),
        ("2016-07", (date(2016, 7, 1), "month")),
        ("2016", (date(2016, 1, 1), "year")),
        ("1998-02-13T14:26:00", (date(1998, 2, 13), "day")),
    ],
)
def test_calendar_parse_anchor(published, expected):
    anchor = cal.parse_anchor(published)
    assert anchor is not None and (anchor.date, anchor.precision) == expected


@pytest.mark.parametrize("published", [None, "", "yesterday", "2016-13-40"])
def test_calendar_parse_anchor_rejects_unknown(published):
    assert cal.parse_anchor(published) is None


@pytest.mark.parametrize(
    ("weekday", "direction", "expected"),
    [
        (4, "past", date(2016, 7, 14)),  # Thursday before Saturday 16 July 2016
        (4, "future", date(2016, 7, 21)),
        (1, "future", date(2016, 7, 18)),
        (1, "past", date(2016, 7, 11)),
        (1, "nearest", date(2016, 7, 18)),  # Monday: 2 days ahead beats 5 back
        (6, "past", date(2016, 7, 16)),  # the anchor's own weekday
        (6, "future", date(2016, 7, 16)),
    ],
)
def test_calendar_resolve_weekday(weekday, direction, expected):
    assert cal.resolve_weekday(date(2016, 7, 16), weekday, direction) == expected


def test_calendar_month_day_across_year_boundary():
    assert cal.resolve_month_day(date(2017, 1, 3), 12, 30, "past") == date(2016, 12, 30)
    assert cal.resolve_month_day(date(2016, 12, 28), 1, 5, "future") == date(2017, 1, 5)
    assert cal.resolve_month_day(date(2016, 12, 28), 1, 5, "nearest") == date(2017, 1, 5)
    assert cal.resolve_month_day(date(2016, 3, 1), 2, 29, "past") == date(2016, 2, 29)


@pytest.mark.parametrize(
    ("d", "precision", "value"),
    [
        (date(2016, 7, 14), "day", "2016-07-14"),
        (date(2016, 7, 14), "week", "2016-W28"),
        (date(2016, 1, 2), "week", "2015-W53"),
        (date(2016, 7, 14), "month", "2016-07"),
        (date(2016, 7, 14), "quarter", "2016-Q3"),
        (date(2016, 7, 14), "decade", "201"),
        (date(2016, 7, 14), "century", "20"),
    ],
)
def test_calendar_fmt(d, precision, value):
    assert cal.fmt(d, precision) == value


def test_calendar_shift_clamps_month_ends():
    assert cal.shift(date(2016, 3, 31), "M", -1) == date(2016, 2, 29)
    assert cal.shift(date(2016, 2, 29), "Y", -1) == date(2015, 2, 28)


def test_calendar_resolve_season_and_quarter():
    assert cal.resolve_season(date(2016, 11, 2), "SU", "past") == 2016
    assert cal.resolve_season(date(2016, 3, 2), "SU", "past") == 2015
    assert cal.resolve_quarter(date(2016, 2, 1), 4, "past") == 2015
    assert cal.resolve_quarter(date(2016, 11, 2), 4, "past") == 2016
