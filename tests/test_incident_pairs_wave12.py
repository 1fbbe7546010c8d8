"""``benchmarks/incident_pairs_wave12.py`` (wave 12 of the incident pairs), on invented rows only.

No row here comes from FA-KES or any evaluation set; the towns and outlets are made up.
"""

from __future__ import annotations

import incident_pairs_wave12 as wave12


def _row(source: str, date: str, text: str, title: str = "", location: str = "qarat") -> dict[str, str]:
    return {"unit_id": "2", "article_title": title, "article_content": text, "source": source,
            "date": date, "location": location}


def test_a_stratum_needs_both_reports_loaded():
    figure, blame, both, none = (True, False), (False, True), (True, True), (False, False)
    assert wave12.stratum(figure, both) == "figures"
    assert wave12.stratum(blame, both) == "blame"
    assert wave12.stratum(figure, blame) == "mixed"
    assert wave12.stratum(none, both) is None
    assert wave12.stratum(both, none) is None


def test_close_by_the_fakes_dates_or_by_the_texts_dates():
    assert wave12.close(_row("a", "5/1/2030", "x"), _row("b", "5/4/2030", "y"))  # 3 days by FA-KES
    assert not wave12.close(_row("a", "5/1/2030", "x"), _row("b", "5/5/2030", "y"))
    # FA-KES dates a year apart, the texts' own dates two days apart
    assert wave12.close(_row("a", "5/1/2030", "Published May 1 2016 x"), _row("b", "5/1/2031", "May 3 2016 y"))
    assert not wave12.close(_row("a", "5/1/2030", "Published May 1 2016 x"), _row("b", "5/1/2031", "May 4 2016 y"))
    assert not wave12.close(_row("a", "5/1/2030", "Published May 1 2016 x"), _row("b", "5/1/2031", "no date"))


def test_lead_overlap_drops_date_words_and_stop_words():
    x = wave12.lead_words(_row("a", "5/1/2030", "On Monday shells hit the Qarat bakery", title="Bakery hit"))
    y = wave12.lead_words(_row("b", "5/1/2030", "Tuesday: shells hit Qarat's market"))
    assert "monday" not in x and "the" not in x and "bakery" in x
    assert wave12.overlap(x, y) == len({"shells", "hit", "qarat"}) / len(x | y)
    assert wave12.overlap(frozenset(), frozenset()) == 0.0


def _rows() -> dict[int, dict[str, str]]:
    return {
        1: _row("alpha", "5/1/2030", "Shells hit the Qarat bakery, ten dead"),
        2: _row("beta", "5/2/2030", "Shells hit the Qarat bakery, eleven dead"),
        3: _row("alpha", "5/2/2030", "Shells hit the Qarat bakery again"),  # same outlet as 1
        4: _row("gamma", "5/3/2030", "A convoy was ambushed near Wadi Sabil"),
        5: _row("delta", "9/9/2030", "Shells hit the Qarat bakery: ten killed"),  # months away
        6: _row("eps", "5/2/2030", "Shells hit the Qarat bakery, ten dead"),  # report not loaded
    }


LOADED = {1: (True, False), 2: (True, True), 3: (True, False), 4: (False, True), 5: (True, False)}


def test_the_pool_keeps_close_loaded_pairs_of_other_outlets_not_yet_labelled():
    rows = _rows()
    got = wave12.pool(rows, LOADED, set(), set(), skip=())
    assert [(a, b, s) for a, b, s, _ in got] == [(1, 2, "figures"), (1, 4, "mixed"), (2, 3, "figures"),
                                                 (2, 4, "blame"), (3, 4, "mixed")]
    assert all(o > 0 for *_, o in got[:1])
    assert [(a, b) for a, b, *_ in wave12.pool(rows, LOADED, {(1, 2)}, set(), skip=())][0] == (1, 4)
    assert all(4 not in (a, b) for a, b, *_ in wave12.pool(rows, LOADED, set(), {4}, skip=()))
    assert (2, 4) not in [(a, b) for a, b, *_ in wave12.pool(rows, LOADED, set(), set(), skip={(2, 4)})]


def test_the_draw_takes_the_top_by_overlap_then_a_seeded_sample_of_the_rest():
    pool = [(n, n + 1, "figures", n / 100) for n in range(1, 21)]
    drawn = wave12.draw(pool, seed=5, top=3, size=4)
    assert [(a, b) for a, b, *_ in drawn[:3]] == [(20, 21), (19, 20), (18, 19)]
    assert all(half == "overlap" for *_, half in drawn[:3]) and all(half == "random" for *_, half in drawn[3:])
    assert len(drawn) == 7 and len({(a, b) for a, b, *_ in drawn}) == 7
    assert drawn == wave12.draw(pool, seed=5, top=3, size=4)  # seeded: the same draw every time
    assert len(wave12.draw(pool[:2], top=3, size=4)) == 2


def test_part_b_keeps_the_linked_pairs_of_the_rule():
    rows = _rows()
    linked = {(1, 2), (1, 3), (1, 5), (2, 6), (4, 9)}
    # 1/3 same outlet; 2/6: report 6 not loaded; 4/9: row 9 is no development row of ours
    assert wave12.linked_pool(rows, LOADED, linked, set(), set(), skip=()) == [(1, 2, "figures"), (1, 5, "figures")]
    assert wave12.linked_pool(rows, LOADED, linked, {(1, 5)}, set(), skip=()) == [(1, 2, "figures")]
    assert wave12.linked_pool(rows, LOADED, linked, set(), {2}, skip=()) == [(1, 5, "figures")]
    many = [(n, n + 1, "blame") for n in range(40)]
    assert wave12.draw_linked(many[:5]) == many[:5]
    drawn = wave12.draw_linked(many, seed=3, size=10)
    assert len(drawn) == 10 and drawn == sorted(drawn) and set(drawn) <= set(many)


def test_wave_11_is_left_out():
    assert len(wave12.WAVE11) == 48 and all(a < b for a, b in wave12.WAVE11)
