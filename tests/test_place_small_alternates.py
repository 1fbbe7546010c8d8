"""Alternate names of places under ``ALTERNATES_MIN_POPULATION``: packed apart, read as weak candidates.

Sentences are written for these tests; none is taken from an evaluation set.
"""

from __future__ import annotations

import pytest
from conftest import script_module
from place_helpers import spans_of

from sitrep.stages.place.gazetteer import ALTERNATES_MIN_POPULATION, load_gazetteer
from sitrep.stages.place.resolver import Resolver


@pytest.fixture(scope="module")
def build():
    return script_module("build_gazetteer")


def test_a_small_place_keeps_its_alternate_names_apart(build) -> None:
    names, keys_, small = build.city_keys("Al Atārib", ["Atareb", "Al-Atarib", "ATRB"], ALTERNATES_MIN_POPULATION - 1)
    assert names == ["al atarib"]
    assert "atareb" not in keys_ and "atareb" in small
    assert not any(k in keys_ for k in small)  # a key the name already gives is not repeated
    assert "atrb" not in small  # a station-code-like capitals form is left out


def test_a_larger_place_has_its_alternate_names_in_the_name_index(build) -> None:
    names, keys_, small = build.city_keys("Al Atārib", ["Atareb"], ALTERNATES_MIN_POPULATION)
    assert "atareb" in keys_ and small == []
    assert "atareb" in names


def test_the_shipped_pack_reads_them_only_through_lookup_small() -> None:
    gaz = load_gazetteer()
    small = gaz.lookup_small("Atareb")
    assert any(e.country == "SY" and e.kind == "city" for e in small)
    assert all(e.population < ALTERNATES_MIN_POPULATION for e in small)
    assert not any(e.country == "SY" and e.kind == "city" for e in gaz.lookup("Atareb"))


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver()


def test_a_small_place_named_by_an_alternate_name_in_a_report_about_its_country(resolver: Resolver) -> None:
    text = ("Air strikes hit the town of Atareb west of Aleppo on Monday, and residents of Aleppo "
            "said the market in Atareb was destroyed. Syria's government denied it.")
    res = resolver.resolve(text, spans_of(text, ["Atareb", "Aleppo", "Aleppo", "Atareb", "Syria"]))
    atareb = [r.entry for r in res if r.span.text == "Atareb"]
    assert len(atareb) == 2  # both mentions are resolved
    assert all(e is not None and e.country == "SY" and e.kind == "city" for e in atareb)


def test_the_same_name_stays_unknown_where_the_document_does_not_talk_about_the_country(
        resolver: Resolver) -> None:
    text = "Atareb opened a shop in Lyon, France, last week, and Atareb plans a second one in Paris."
    res = resolver.resolve(text, spans_of(text, ["Atareb", "Lyon", "France", "Atareb", "Paris"]))
    assert not any(r.entry is not None and r.entry.country == "SY" for r in res if r.span.text == "Atareb")


def test_short_or_lower_case_spans_never_read_them(resolver: Resolver) -> None:
    assert resolver.small_candidates("Sa") == []
    assert resolver.small_candidates("atareb") == []
    assert resolver.small_candidates("Atareb")


def test_the_gate_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the document gate the foreign report would take the Syrian village (so the test above
    tests the gate, not a missing candidate)."""
    monkeypatch.setattr(Resolver, "_fuzzy_fits", staticmethod(lambda entry, ctx: ctx is not None))
    text = "Atareb opened a shop in Lyon, France, last week, and Atareb plans a second one in Paris."
    res = Resolver().resolve(text, spans_of(text, ["Atareb", "Lyon", "France", "Atareb", "Paris"]))
    assert any(r.entry is not None and r.entry.country == "SY" for r in res if r.span.text == "Atareb")
