"""National capitals in the packed gazetteer (one per country), and what the resolver makes of them.

Examples are written for these tests; none is taken from an evaluation set.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from sitrep.stages.place.gazetteer import load_gazetteer
from sitrep.stages.place.resolver import Resolver, Span

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


def _spans(text: str, names: list[str]) -> list[Span]:
    return [Span(m.start(), m.end(), m.group(0)) for m in re.finditer("|".join(map(re.escape, names)), text)]


@pytest.mark.parametrize("text", [
    "Negotiators met in London on Tuesday.",
    "Officials from Boston, Worcester and Springfield flew to London for the talks.",
])
def test_resolver_london_alone_or_abroad_is_the_british_capital(text: str) -> None:
    """With one capital per country the ranking no longer learns to hold the capital flag against a
    place (it was on 21 small US Washingtons): a capital named with no evidence for a namesake (alone,
    or in a report about another country) is the capital, not London, Ontario."""
    res = Resolver(load_gazetteer(), demonyms=True, contain_unknown="all")
    london = [r for r in res.resolve(text, _spans(text, ["London", "Boston", "Worcester", "Springfield"]))
              if r.span.text == "London"]
    assert london[0].entry is not None and london[0].entry.country == "GB"


def test_resolver_london_ontario_with_its_province_named() -> None:
    text = "Flooding hit London and nearby Kitchener, Ontario, on Sunday."
    res = Resolver(load_gazetteer(), demonyms=True, contain_unknown="all")
    out = res.resolve(text, _spans(text, ["London", "Kitchener", "Ontario"]))
    assert out[0].entry is not None and out[0].entry.country == "CA"


def test_resolver_a_small_namesake_is_not_near_a_report_through_its_world_cities() -> None:
    """A small US "Geneva" a few hundred km from New York City is not near an international report
    that names New York beside Moscow and Syrian towns: its distance features count only the
    report's minor places (the Swiss city wins)."""
    text = ("Diplomats from Moscow met in Geneva. Aides had met in New York before; the talks were about "
            "Raqqa and Deir ez-Zor.")
    res = Resolver(load_gazetteer(), demonyms=True, contain_unknown="all")
    out = res.resolve(text, _spans(text, ["Moscow", "Geneva", "New York", "Raqqa", "Deir ez-Zor"]))
    geneva = next(r for r in out if r.span.text == "Geneva")
    assert geneva.entry is not None and geneva.entry.country == "CH"
