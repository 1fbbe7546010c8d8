"""The rival features' gap (``ranking.famous_rival_gap``, issue 14): a *major* town is never measured
against its namesakes abroad (``geo30`` measured doing so, failed its bar; the switch was removed in
branch prune4). The entries below are written for the test (made-up points and populations of the
real names' sizes), not read from the gazetteer or any evaluation set; ``_right_by_corpus`` of
``scripts/train_place.py`` is fed written candidate rows.
"""

from __future__ import annotations

import math

import pytest
from conftest import script_module

from sitrep.stages.place.gazetteer import Entry
from sitrep.stages.place.ranking import LinearModel, famous_rival_gap


def _city(country: str, population: int, *, capital: bool = False) -> Entry:
    return Entry("London", 45.0, 10.0, "city", 4, country=country, population=population, capital=capital)


ONTARIO = _city("CA", 422_324)
CAPITAL = _city("GB", 8_961_989, capital=True)
KENTUCKY = _city("US", 8_000)  # a minor namesake: measured
CANDS = [ONTARIO, CAPITAL, KENTUCKY]


def test_major_towns_are_left_alone_and_minor_ones_measured() -> None:
    assert famous_rival_gap(ONTARIO, CANDS) == 0.0
    assert famous_rival_gap(KENTUCKY, CANDS) == pytest.approx(math.log10(8_961_999) - math.log10(8_010))


def test_out_of_fold_right_spans_are_counted_per_corpus() -> None:
    rank = LinearModel(("a",), [1.0])
    spans = [  # (corpus, candidates, feature rows, labels, exact): the best-scored row decides
        ("GeoWebNews", [], [[0.0], [2.0]], [False, True], [False, False]),
        ("GeoWebNews", [], [[3.0], [1.0]], [False, True], [False, False]),
        ("LGL", [], [[1.0]], [True], [True]),
    ]
    assert script_module("train_place")._right_by_corpus(rank, spans) == {"GeoWebNews": 1, "LGL": 1}
