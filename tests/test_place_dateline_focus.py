"""Place stage: a local feature with no place in its own phrase takes the document's main city, and
the town of a dateline the text still opens with ("ALEPPO - ...") is that main city, as ingest's
dateline is in the stage (issue 14, 2026-12-04 afternoon). Project-written sentences; "Saint Foo
Hospital" is an invented name."""

from __future__ import annotations

import pytest
from place_helpers import spans_of

from sitrep.stages.place.resolver import Resolver, Span

BODY = ("Shelling was reported in Homs, Hama, Rastan and Talbiseh on Monday.\n"
        "Doctors at Saint Foo Hospital said the wards were full.")
NAMES = ["Homs", "Hama", "Rastan", "Talbiseh", "Saint Foo Hospital"]
ALEPPO = 170063




@pytest.fixture(scope="module")
def given() -> Resolver:
    return Resolver(demonyms=True, contain_unknown="all")


@pytest.fixture(scope="module")
def stage_resolver() -> Resolver:
    return Resolver()


def _hospital(res: Resolver, text: str, names: list[str], **kw: str) -> Span | None:
    out = res.resolve(text, spans_of(text, names), **kw)
    site = next(r for r in out if r.span.text == "Saint Foo Hospital")
    assert site.contained and site.entry is not None
    return site.entry  # type: ignore[return-value]


@pytest.mark.parametrize("setting", ["stage", "given"])
@pytest.mark.parametrize("opening", ["ALEPPO - ", "ALEPPO (Reuters) - ", "ALEPPO, Syria — ", "Aleppo: "])
def test_an_opening_dateline_is_the_main_city(request, setting, opening):
    """Without the dateline the main city is the centre of the Homs area; with it, Aleppo."""
    res = request.getfixturevalue("stage_resolver" if setting == "stage" else "given")
    plain = _hospital(res, BODY, NAMES)
    assert plain.geonames_id != ALEPPO and plain.country == "SY"
    text = opening + BODY
    head = opening.split(" ")[0].rstrip(",:")
    entry = _hospital(res, text, [head, *NAMES])
    assert entry.geonames_id == ALEPPO


@pytest.mark.parametrize("opening", ["Aleppo and Idlib were quiet. ", "In Aleppo, shops reopened. ",
                                     "Aleppo, Idlib see calm. "])
def test_a_town_named_first_without_a_dateline_is_not_the_main_city(given, opening):
    """A headline or a sentence that merely starts with a town is no dateline: the centre stands."""
    text = opening + BODY
    names = ["Aleppo", "Idlib", *NAMES] if "Idlib" in opening else ["Aleppo", *NAMES]
    entry = _hospital(given, text, names)
    assert entry.geonames_id != ALEPPO


def test_an_opening_dateline_that_is_no_span_adds_nothing(given):
    """The dateline's place counts only through a resolved span: nothing is looked up on its own."""
    text = "ALEPPO - " + BODY
    assert _hospital(given, text, NAMES).geonames_id != ALEPPO


def test_a_given_dateline_wins(given):
    """The stage's dateline (ingest strips it from the text) is the main city; an opening one in the
    text is looked at only when none is given."""
    text = "HAMA - " + BODY
    entry = _hospital(given, text, ["HAMA", *NAMES], dateline="ALEPPO (AFP) -")
    assert entry.geonames_id == ALEPPO


@pytest.mark.parametrize("dateline", ["ALEPPO (AFP) -", "Aleppo, Syria —", "ALEPPO:"])
def test_a_dateline_is_the_town_not_its_same_named_province(stage_resolver, dateline):
    """"ALEPPO (AFP) -" is filed from the city; the governorate of the same name (a larger prior) is
    not a town and so never served as the main city."""
    entry = stage_resolver.dateline_entry(dateline)
    assert entry is not None and entry.kind == "city" and entry.geonames_id == ALEPPO


def test_a_dateline_that_says_province_keeps_the_province(stage_resolver):
    entry = stage_resolver.dateline_entry("ALEPPO PROVINCE, Syria -")
    assert entry is not None and entry.kind != "city"
