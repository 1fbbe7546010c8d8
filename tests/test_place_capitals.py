"""National capitals in the packed gazetteer (one per country), and the ranking features that stand
for what the capital flag meant: a capital abroad, and a candidate's population rank among its
namesakes.

Examples are written for these tests; none is taken from an evaluation set.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from sitrep.stages.place.gazetteer import Entry, load_gazetteer
from sitrep.stages.place.ranking import (
    CANDIDATE_FEATURES,
    POP_GAP_CAP,
    candidate_features,
    top_population,
)
from sitrep.stages.place.resolver import Resolver, Span, _Context

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "build_gazetteer.py"


def _build_script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build_gazetteer_for_test", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_capital_cities_flags_only_the_most_populous_town_of_the_capitals_name() -> None:
    countries = [{"iso": "RU", "capital": "Ruritown"}, {"iso": "XA", "capital": "Nowhere"}]
    cities = [
        {"geonameid": 11, "name": "Ruritown", "countrycode": "RU", "population": 900},
        {"geonameid": 12, "name": "Ruritown", "countrycode": "RU", "population": 2_500_000},
        {"geonameid": 13, "name": "Ruritown", "countrycode": "XB", "population": 9_000_000},
        {"geonameid": 14, "name": "Other", "countrycode": "RU", "population": 3_000_000},
    ]
    assert _build_script().capital_cities(countries, cities) == {12}


def test_capital_cities_ties_go_to_the_lower_geonames_id() -> None:
    countries = [{"iso": "RU", "capital": "Ruritown"}]
    cities = [{"geonameid": 22, "name": "Ruritown", "countrycode": "RU", "population": 0},
              {"geonameid": 21, "name": "Ruritown", "countrycode": "RU", "population": 0}]
    assert _build_script().capital_cities(countries, cities) == {21}


def test_gazetteer_one_capital_per_country() -> None:
    """The shipped pack: a single "Washington" is a capital (the federal city), and no country has two."""
    gaz = load_gazetteer()
    capitals = [e for e in gaz.entries if e.capital]
    countries = [e.country for e in capitals]
    assert len(countries) == len(set(countries))
    washington = [e for e in capitals if e.country == "US"]
    assert len(washington) == 1 and abs(washington[0].lat - 38.9) < 0.2 and abs(washington[0].lon + 77.0) < 0.2


def _town(name: str, country: str, population: int, *, capital: bool = False) -> Entry:
    return Entry(name, 10.0, 10.0, "city", 4, country, "", "01", population, None, None, capital)


def _feature(name: str, entry: Entry, cands: list[Entry], ctx: _Context | None = None) -> float:
    return candidate_features(entry, Span(0, len(entry.name), entry.name), None, ctx, cands)[
        CANDIDATE_FEATURES.index(name)]


def test_pop_gap_is_the_population_rank_among_the_names_candidates() -> None:
    big, mid, small = _town("Ruritown", "RU", 2_000_000), _town("Ruritown", "XA", 20_000), _town("Ruritown", "XB", 0)
    cands = [big, mid, small]
    assert top_population(cands) == 2_000_000
    assert _feature("pop_gap", big, cands) == 0.0
    assert _feature("pop_gap", mid, cands) == pytest.approx(2.0, abs=0.01)
    assert _feature("pop_gap", small, cands) == POP_GAP_CAP  # capped
    assert _feature("pop_gap", mid, [mid]) == 0.0  # a single candidate has no rank
    # the caller's precomputed top population gives the same features
    span = Span(0, 8, "Ruritown")
    assert candidate_features(mid, span, None, None, cands, top_pop=2_000_000) == candidate_features(
        mid, span, None, None, cands)


def test_capital_abroad_only_for_a_capital_in_a_country_the_document_never_names() -> None:
    capital = _town("Ruritown", "RU", 2_000_000, capital=True)
    namesake = _town("Ruritown", "XA", 300_000)
    cands = [capital, namesake]

    def ctx(countries: dict[str, float]) -> _Context:
        c = _Context()
        c.countries.update(countries)
        return c

    assert _feature("capital_abroad", capital, cands, ctx({"XA": 3.0})) == 1.0  # a report about XA
    assert _feature("capital_abroad", capital, cands, ctx({"XA": 3.0, "RU": 1.0})) == 0.0  # RU is named
    assert _feature("capital_abroad", capital, cands, ctx({})) == 0.0  # no country the report is about
    assert _feature("capital_abroad", namesake, cands, ctx({"RU": 3.0})) == 0.0  # not a capital
    assert _feature("capital_abroad", capital, cands, None) == 0.0  # no document pass yet


def _spans(text: str, names: list[str]) -> list[Span]:
    return [Span(m.start(), m.end(), m.group(0)) for m in re.finditer("|".join(map(re.escape, names)), text)]


def test_resolver_london_in_a_report_about_another_country_is_the_british_capital() -> None:
    """A capital named in a report about another country that never names the capital's (foreign
    news names capitals) is the capital, not its largest namesake elsewhere (London, Ontario)."""
    text = "Officials from Boston, Worcester and Springfield flew to London for the talks."
    res = Resolver(load_gazetteer(), demonyms=True, contain_unknown="all")
    london = [r for r in res.resolve(text, _spans(text, ["London", "Boston", "Worcester", "Springfield"]))
              if r.span.text == "London"]
    assert london[0].entry is not None and london[0].entry.country == "GB"


def test_resolver_london_ontario_with_its_province_named() -> None:
    text = "Flooding hit London and nearby Kitchener, Ontario, on Sunday."
    res = Resolver(load_gazetteer(), demonyms=True, contain_unknown="all")
    out = res.resolve(text, _spans(text, ["London", "Kitchener", "Ontario"]))
    assert out[0].entry is not None and out[0].entry.country == "CA"
