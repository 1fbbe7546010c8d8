"""``benchmarks/incident_pairs_figures.py`` (waves 9 and 10 of the incident pairs) and
``benchmarks/incidents_text_dates.py`` (the text-date diagnostic), on invented rows only.

No row here comes from FA-KES or any evaluation set; the towns and outlets are made up.
"""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

import incident_pairs_figures as figures
import incidents_text_dates as text_dates

COLUMNS = ["unit_id", "article_title", "article_content", "source", "date", "location"]


def _row(unit: int, source: str, date: str, location: str, text: str, title: str = "") -> dict[str, str]:
    return {"unit_id": str(unit), "article_title": title, "article_content": text, "source": source,
            "date": date, "location": location}


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_a_death_toll_is_a_number_before_a_death_word_or_after_killed():
    assert figures.states_toll(_row(2, "x", "1/1/2030", "qarat", "At least 14 people were killed on Monday"))
    assert figures.states_toll(_row(2, "x", "1/1/2030", "qarat", "Shells hit the market, killing at least nine"))
    assert figures.states_toll(_row(2, "x", "1/1/2030", "qarat", "The death toll rose to 31 by evening"))
    assert figures.states_toll(_row(2, "x", "1/1/2030", "qarat", "", title="Twelve dead in raid"))
    assert not figures.states_toll(_row(2, "x", "1/1/2030", "qarat", "Dozens were killed in the raids"))
    assert not figures.states_toll(_row(2, "x", "1/1/2030", "qarat", "Fourteen people were wounded on Monday"))


def test_the_text_date_is_the_earliest_date_written_near_the_start():
    def day(text: str) -> datetime.date | None:
        return figures.text_date(_row(2, "x", "1/1/2030", "qarat", text))

    assert day("Published March 4 2016 Raids hit the town") == datetime.date(2016, 3, 4)
    assert day("Monday 17 Nov 2014 An attack on 2 December 2014 was recalled") == datetime.date(2014, 11, 17)
    assert day("05.02.2017 Rockets fell on the centre") == datetime.date(2017, 2, 5)
    assert day("31.02.2017 no such day, then 3 March 2017") == datetime.date(2017, 3, 3)
    assert day("Rockets fell on the centre on Tuesday") is None
    assert day("x" * 300 + " April 1 2016") is None  # beyond the first 300 characters


def test_odd_unit_rows_are_never_returned(tmp_path: Path):
    path = _write(tmp_path / "rows.csv", [
        _row(2, "a", "1/1/2030", "qarat", "Ten killed"),
        _row(3, "b", "1/1/2030", "qarat", "Ten killed"),
        _row(4, "c", "1/2/2030", "qarat", "Ten killed"),
    ])
    assert sorted(figures.development_rows(path)) == [1, 3]


def _pool_rows() -> dict[int, dict[str, str]]:
    toll = "At least 8 people were killed in Qarat Amal"
    return {
        1: _row(2, "alpha", "5/1/2030", "qarat", "Published May 1 2016 " + toll),
        2: _row(4, "beta", "5/3/2030", "qarat", "Published May 2 2016 " + toll + " by shells"),
        3: _row(6, "alpha", "5/2/2030", "qarat", "Published May 2 2016 " + toll + " again"),  # same outlet as 1
        4: _row(8, "gamma", "5/2/2030", "wadi", "Published May 2 2016 Clashes in Wadi Sabil, no toll"),
        5: _row(10, "delta", "5/9/2030", "wadi", "Published May 1 2016 Raids near Qarat: 5 dead"),
        6: _row(12, "eps", "5/2/2030", "wadi", "Published May 2 2016 Shelling of Wadi Sabil, 5 dead"),
    }


def test_wave_9_pairs_are_close_by_fakes_date_with_a_place_and_a_toll_in_both():
    rows = _pool_rows()
    # 1/2: other outlets, 2 days, same location, tolls; 1/3 same outlet; 4 states no toll;
    # 5 is 8 days from 1; 6 shares no governorate name with 1 or 2 ("qarat" is not in its text)
    assert figures.pool(rows, set(), set()) == [(1, 2), (2, 3)]
    assert figures.pool(rows, {(1, 2)}, set()) == [(2, 3)]
    assert figures.pool(rows, set(), {3}) == [(1, 2)]


def test_wave_10_reads_the_texts_dates_and_ignores_the_fakes_column():
    rows = _pool_rows()
    # 5's FA-KES date is 8 days off, its text's date is 1 May: it now pairs with 1, 2 and 3
    # (it names Qarat) and with 6 (the same location column, 2 May in its text)
    assert figures.pool(rows, set(), set(), 10) == [(1, 2), (1, 5), (2, 3), (2, 5), (3, 5), (5, 6)]


def test_the_draw_is_seeded_and_takes_the_whole_pool_when_smaller():
    pool = [(n, n + 1) for n in range(1, 50, 2)]
    assert figures.draw(pool, size=10) == figures.draw(pool, size=10)
    assert len(figures.draw(pool, size=10)) == 10
    assert sorted(figures.draw(pool[:5], size=10)) == pool[:5]


def test_the_diagnostic_gives_listed_rows_their_text_dates_and_leaves_blank_rows_blank(tmp_path: Path):
    blank = {c: "" for c in COLUMNS}
    path = _write(tmp_path / "dev.csv", [
        _row(2, "a", "6/10/2013", "qarat", "Thu Feb 5 2015 Rockets killed 5 people"),
        blank,
        _row(4, "b", "2/5/2015", "qarat", "05.02.2015 Rockets killed 3 people"),
        _row(6, "c", "7/7/2016", "qarat", "Sat 1 Jan 2011 not listed"),
    ])
    moved = text_dates.redate(path, {1, 2, 3})
    assert moved == [(1, "6/10/2013", "2/5/2015")]
    with path.open(encoding="utf-8", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert [r["date"] for r in table] == ["2/5/2015", "", "2/5/2015", "7/7/2016"]
    assert table[1] == blank


def test_every_row_mode_moves_only_rows_whose_text_date_lies_far_enough_from_the_column(tmp_path: Path):
    blank = {c: "" for c in COLUMNS}
    path = _write(tmp_path / "dev.csv", [
        _row(2, "a", "2/1/2015", "qarat", "Thu Feb 5 2015 Rockets killed 5 people"),  # 4 days apart
        blank,
        _row(4, "b", "2/4/2015", "qarat", "05.02.2015 Rockets killed 3 people"),  # 1 day apart
        _row(6, "c", "7/7/2016", "qarat", "No date is written here"),  # the rule does not fire
        _row(8, "d", "1/1/2013", "qarat", "1 Jan 2011 shells fell"),  # two years apart
    ])
    moved = text_dates.redate(path, None, min_days=2)
    assert moved == [(1, "2/1/2015", "2/5/2015"), (5, "1/1/2013", "1/1/2011")]
    with path.open(encoding="utf-8", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert [r["date"] for r in table] == ["2/5/2015", "", "2/4/2015", "7/7/2016", "1/1/2011"]
    assert table[1] == blank
    assert text_dates.disagreement(table[3]) is None
    path = _write(tmp_path / "dev2.csv", [
        _row(2, "a", "2/1/2015", "qarat", "Thu Feb 5 2015 Rockets killed 5 people"),
        blank,
        _row(4, "b", "2/4/2015", "qarat", "05.02.2015 Rockets killed 3 people"),
        _row(6, "c", "7/7/2016", "qarat", "No date is written here"),
        _row(8, "d", "1/1/2013", "qarat", "1 Jan 2011 shells fell"),
    ])
    assert text_dates.count(path) == {"development_rows": 4, "fires": 3, "apart_1_plus_days": 3,
                                      "apart_2_plus_days": 2, "apart_5_plus_days": 1,
                                      "apart_30_plus_days": 1, "apart_365_plus_days": 1}
    assert [m[0] for m in text_dates.redate(path, None, min_days=5)] == [5]
