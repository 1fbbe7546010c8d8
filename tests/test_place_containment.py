"""Place stage: a local feature (street, hospital, square) resolves to the finest place the
document gives it (issue 14, coverage): the place of its own phrase, else the main city, and a
name with a facility head noun that the gazetteer knows only as a far-away town is that feature.
Project-written sentences; "Saint Foo Hospital" and "Royal Foo Street" are invented names."""

from __future__ import annotations

import dataclasses

import pytest
from place_helpers import spans_of

from sitrep.stages.place import resolver as resolver_module
from sitrep.stages.place.ranking import load_model
from sitrep.stages.place.resolver import Resolver, is_local_feature

HOMS_AREA = "Shelling was reported in Homs, Hama, Rastan and Talbiseh. "
HOMS_NAMES = ["Homs", "Hama", "Rastan", "Talbiseh"]




@pytest.fixture(scope="module")
def stage_resolver() -> Resolver:
    return Resolver()


@pytest.fixture(scope="module")
def given() -> Resolver:
    return Resolver(demonyms=True, contain_unknown="all")


@pytest.mark.parametrize("setting", ["stage", "given"])
@pytest.mark.parametrize("phrase", ["Saint Foo Hospital in Aleppo", "Saint Foo Hospital, Aleppo",
                                    "Saint Foo Hospital in the northern city of Aleppo",
                                    "Aleppo's Saint Foo Hospital", "Aleppo’s old Saint Foo Hospital"])
def test_feature_takes_the_place_of_its_own_phrase(request, setting, phrase):
    """The city named in the feature's phrase wins over the document's main city (Homs here)."""
    res = request.getfixturevalue("stage_resolver" if setting == "stage" else "given")
    text = HOMS_AREA + f"Doctors at {phrase} said the wards were full."
    names = [*HOMS_NAMES, "Aleppo", "Saint Foo Hospital"] if phrase.startswith("Aleppo") else \
        [*HOMS_NAMES, "Saint Foo Hospital", "Aleppo"]
    out = res.resolve(text, spans_of(text, names))
    site = next(r for r in out if r.span.text == "Saint Foo Hospital")
    aleppo = next(r for r in out if r.span.text == "Aleppo")
    assert site.contained and site.entry is aleppo.entry
    assert site.entry is not None and site.entry.geonames_id == 170063


def test_feature_without_a_place_in_its_phrase_takes_the_main_city(stage_resolver):
    text = HOMS_AREA + "Doctors at Saint Foo Hospital said Aleppo was quiet."
    out = stage_resolver.resolve(text, spans_of(text, [*HOMS_NAMES, "Saint Foo Hospital", "Aleppo"]))
    site = out[4]
    assert site.contained and site.entry is not None
    assert site.entry.country == "SY" and site.entry.geonames_id != 170063  # not Aleppo: the words between are no phrase


def test_country_in_the_phrase_is_too_coarse(stage_resolver):
    """"... in Syria": a country does not stand for a hospital; the main city does."""
    text = HOMS_AREA + "The Saint Foo Hospital in Syria was hit."
    out = stage_resolver.resolve(text, spans_of(text, [*HOMS_NAMES, "Saint Foo Hospital", "Syria"]))
    assert out[4].contained and out[4].entry is not None and out[4].entry.kind == "city"


@pytest.mark.parametrize("setting", ["stage", "given"])
def test_named_like_a_far_town_a_square_is_a_site_of_the_document(request, setting):
    """"Washington Square" is a US town in the gazetteer; in a report about Homs it is a square of the
    city the report is about (the town lies more than ``LOCAL_FEATURE_KM`` away)."""
    res = request.getfixturevalue("stage_resolver" if setting == "stage" else "given")
    text = HOMS_AREA + "Protesters later gathered in Washington Square."
    out = res.resolve(text, spans_of(text, [*HOMS_NAMES, "Washington Square"]))
    square = out[4]
    if setting == "stage" and not square.contained:
        # the stage's setting relocates only resolutions it would accept: none is invented
        assert square.confidence < res.model.accept.threshold
        return
    assert square.contained and square.entry is not None and square.entry.country == "SY"
    # the town its own name reaches is kept for the toponym model (features as before the move)
    assert square.own is not None and square.own.country == "US"


def test_feature_near_its_town_keeps_its_own_entry(given):
    """"Echo Park" in a Los Angeles report is the gazetteer's Echo Park (a few km away), not moved."""
    text = "Police in Los Angeles, Pasadena and Glendale closed roads near Echo Park."
    out = given.resolve(text, spans_of(text, ["Los Angeles", "Pasadena", "Glendale", "Echo Park"]))
    assert not out[3].contained and out[3].entry is not None and out[3].entry.name == "Echo Park"


def test_a_feature_is_never_the_container_of_another(given):
    """"Royal Foo Street at Washington Square": the square is itself a feature, so the street does
    not take the far town the gazetteer knows by the square's name."""
    text = HOMS_AREA + "Tanks stood in Royal Foo Street at Washington Square."
    out = given.resolve(text, spans_of(text, [*HOMS_NAMES, "Royal Foo Street", "Washington Square"]))
    street = out[4]
    assert street.contained and street.entry is not None and street.entry.country == "SY"


def test_stage_setting_invents_no_place_from_an_unsure_resolution():
    """With an acceptance threshold nothing reaches, a feature name with a far namesake is not
    relocated (in the stage it stays a resolution the stage drops), so no place record is made."""
    model = load_model()
    strict = dataclasses.replace(model, accept=dataclasses.replace(model.accept, threshold=1.01))
    res = Resolver(model=strict)
    text = HOMS_AREA + "Protesters later gathered in Washington Square."
    out = res.resolve(text, spans_of(text, [*HOMS_NAMES, "Washington Square"]))
    assert not out[4].contained


def test_preceding_place_order_is_available(monkeypatch, given):
    """The measured, unused ``"preceding"`` step: the last sure place before the feature in its paragraph."""
    monkeypatch.setattr(resolver_module, "CONTAINER_ORDER", ("phrase", "preceding", "focus"))
    monkeypatch.setattr(resolver_module, "PRECEDING_MIN_MARGIN", 0.0)
    text = HOMS_AREA + "In Aleppo, doctors at the Saint Foo Hospital said the wards were full."
    out = given.resolve(text, spans_of(text, [*HOMS_NAMES, "Aleppo", "Saint Foo Hospital"]))
    assert out[5].contained and out[5].entry is not None and out[5].entry.geonames_id == 170063


@pytest.mark.parametrize(("text", "expected"), [
    ("Washington Square", True), ("City Hall", True), ("Saint Foo Hospital", True),
    ("St. Cloud", False), ("Port Said", False), ("Hospital", False), ("Aleppo", False),
])
def test_local_feature_is_a_facility_head_noun(text, expected):
    assert is_local_feature(text) is expected


def test_toponym_features_see_the_names_own_candidates(parse, nlp):
    """The toponym model judges a name by the places it reaches: an unresolved span (as the stage
    judges gazetteer n-grams before resolution) and a feature moved to its container keep their
    candidates' features; only a feature the gazetteer lacks has none."""
    from sitrep.stages.place import PlaceStage
    from sitrep.stages.place.toponym import TOPONYM_FEATURES

    stage = PlaceStage(nlp)
    text = HOMS_AREA + "Protesters later gathered in Washington Square near the Saint Foo Hospital."
    analysis = parse(text)
    square, hospital = spans_of(text, ["Washington Square", "Saint Foo Hospital"])
    town = stage.gaz.lookup("Washington Square")[0]
    focus = stage.gaz.lookup("Homs")[0]
    resolutions = [
        resolver_module.Resolution(square, None),
        resolver_module.Resolution(square, focus, contained=True, own=town),
        resolver_module.Resolution(square, town),
        resolver_module.Resolution(hospital, focus, contained=True),
    ]
    unresolved, moved, plain, unknown = stage.toponym_features(analysis, resolutions)
    logpop = TOPONYM_FEATURES.index("gaz_logpop")
    assert unresolved[logpop] > 0.0 and moved == plain
    assert unknown[logpop] == 0.0
