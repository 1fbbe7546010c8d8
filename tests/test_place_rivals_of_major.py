"""``ranking.RIVALS_OF_MAJOR_PLACES`` (issue 14, ``geo30``): the rival features for a *major* town.

Off (the shipped setting) a town of 100,000 people or more is never measured against its namesakes
abroad; ``"bigger"`` measures a major town that is no capital against any more populous major
namesake abroad, ``"capitals"`` only against a national capital abroad. The entries below are
written for the test (made-up points and populations of the real names' sizes), not read from the
gazetteer or any evaluation set; ``_right_by_corpus`` of ``scripts/train_place.py`` is fed written
candidate rows.
"""

from __future__ import annotations

import math

import pytest
from conftest import script_module

from sitrep.stages.place import ranking
from sitrep.stages.place.gazetteer import Entry
from sitrep.stages.place.ranking import LinearModel, famous_rival_gap


def _city(country: str, population: int, *, capital: bool = False) -> Entry:
    return Entry("London", 45.0, 10.0, "city", 4, country=country, population=population, capital=capital)


ONTARIO = _city("CA", 422_324)
CAPITAL = _city("GB", 8_961_989, capital=True)
KENTUCKY = _city("US", 8_000)  # a minor namesake: measured in every mode
CANDS = [ONTARIO, CAPITAL, KENTUCKY]


def test_off_is_the_shipped_setting_and_leaves_major_towns_alone() -> None:
    assert ranking.RIVALS_OF_MAJOR_PLACES == "off"
    assert famous_rival_gap(ONTARIO, CANDS) == 0.0
    assert famous_rival_gap(KENTUCKY, CANDS) == pytest.approx(math.log10(8_961_999) - math.log10(8_010))


@pytest.mark.parametrize("mode", ["bigger", "capitals"])
def test_a_major_town_is_measured_against_a_bigger_capital_abroad(monkeypatch, mode: str) -> None:
    monkeypatch.setattr(ranking, "RIVALS_OF_MAJOR_PLACES", mode)
    assert famous_rival_gap(ONTARIO, CANDS) == pytest.approx(math.log10(8_961_999) - math.log10(422_334))
    assert famous_rival_gap(CAPITAL, CANDS) == 0.0  # a capital is never the lesser namesake
    # the minor namesake is measured as before, whatever the mode
    assert famous_rival_gap(KENTUCKY, CANDS) == pytest.approx(math.log10(8_961_999) - math.log10(8_010))


def test_capitals_mode_skips_a_bigger_namesake_that_is_no_capital(monkeypatch) -> None:
    big = Entry("Alexandria", 31.2, 29.9, "city", 4, country="EG", population=3_811_516)
    virginia = Entry("Alexandria", 38.8, -77.0, "city", 4, country="US", population=159_428)
    monkeypatch.setattr(ranking, "RIVALS_OF_MAJOR_PLACES", "bigger")
    assert famous_rival_gap(virginia, [big, virginia]) > 1.0
    monkeypatch.setattr(ranking, "RIVALS_OF_MAJOR_PLACES", "capitals")
    assert famous_rival_gap(virginia, [big, virginia]) == 0.0


def test_a_namesake_in_the_same_country_or_a_smaller_one_abroad_gives_no_gap(monkeypatch) -> None:
    monkeypatch.setattr(ranking, "RIVALS_OF_MAJOR_PLACES", "bigger")
    other_ontario = _city("CA", 5_000_000)  # bigger, but in the town's own country
    smaller_abroad = _city("GB", 300_000)
    assert famous_rival_gap(ONTARIO, [ONTARIO, other_ontario, smaller_abroad]) == 0.0


def test_out_of_fold_right_spans_are_counted_per_corpus() -> None:
    rank = LinearModel(("a",), [1.0])
    spans = [  # (corpus, candidates, feature rows, labels, exact): the best-scored row decides
        ("GeoWebNews", [], [[0.0], [2.0]], [False, True], [False, False]),
        ("GeoWebNews", [], [[3.0], [1.0]], [False, True], [False, False]),
        ("LGL", [], [[1.0]], [True], [True]),
    ]
    assert script_module("train_place")._right_by_corpus(rank, spans) == {"GeoWebNews": 1, "LGL": 1}
