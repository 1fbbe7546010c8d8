"""Place stage: normalisation, resolution rules, metonyms, map and event linking."""

from __future__ import annotations

import dataclasses

import pytest
from place_helpers import spans_of

from sitrep.records import Mention, Place
from sitrep.stages.place.normalize import fold, keys
from sitrep.stages.place.resolver import Resolver, Span


@pytest.fixture(scope="module")
def resolver():
    return Resolver()


@pytest.fixture(scope="module")
def stage(nlp):
    from sitrep.stages.place import PlaceStage

    return PlaceStage(nlp)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Deir-iz-Zor", "deir iz zor"),
        ("Afrîn", "afrin"),
        ("Ma‘arrat an-Nu‘man", "maarrat an numan"),
        ("Dar'a", "dara"),
        ("  The Hague ", "the hague"),
    ],
)
def test_normalize_fold(text, expected):
    assert fold(text) == expected


def test_normalize_keys_drop_articles_after_exact_form():
    assert keys("al-Raqqa")[:2] == ["al raqqa", "raqqa"]
    assert keys("Idlib province")[-1] == "idlib"
    assert keys("As")[0] == "as"  # a lone "As" is not an article


@pytest.mark.parametrize(
    ("name", "country", "geonames_id"),
    [
        ("Deir-iz-Zor", "SY", 170794),
        ("Deir ez-Zor", "SY", 170794),
        ("Dayr az Zawr", "SY", 170794),
        ("Deir Ezzor", "SY", 170794),
        ("Aleppo", "SY", 170063),
        ("Halab", "SY", 170063),
        ("Efrin", "SY", 174186),
        ("al-Raqqa", "SY", 172955),
        ("Qamishlo", "SY", None),
        ("Golan Heights", "SY", None),
        ("Eastern Ghouta", "SY", None),
        ("Kurdistan Region", "IQ", None),
        ("West Bank", "PS", None),
        ("Donbas", "UA", None),
        ("Damascus", "SY", 170654),
        ("Moscow", "RU", 524901),
    ],
)
def test_resolve_variants_and_curated_regions(resolver, name, country, geonames_id):
    entry = resolver.resolve(name, [Span(0, len(name), name)])[0].entry
    assert entry is not None and entry.country == country
    if geonames_id is not None:
        assert entry.geonames_id == geonames_id


def test_resolve_golan_heights_is_a_region(resolver):
    entry = resolver.resolve("Golan Heights", [Span(0, 13, "Golan Heights")])[0].entry
    assert entry.level == 2 and 32.5 < entry.lat < 33.5 and 35.5 < entry.lon < 36.0


def test_resolve_province_word_picks_the_governorate(resolver):
    city = resolver.resolve("Idlib", [Span(0, 5, "Idlib")])[0].entry
    province = resolver.resolve("Idlib province", [Span(0, 14, "Idlib province")])[0].entry
    assert city.level == 4 and province.level == 2


def test_resolve_georgia_country_without_us_context(resolver):
    text = "Russian troops crossed into Georgia near Tbilisi and Gori."
    spans = [Span(text.index(w), text.index(w) + len(w), w) for w in ("Georgia", "Tbilisi", "Gori")]
    entry = resolver.resolve(text, spans)[0].entry
    assert entry.kind == "country" and entry.country == "GE"


def test_resolve_georgia_state_among_us_places(resolver):
    text = "The storm hit Atlanta and Savannah, Georgia, after crossing Florida and Alabama."
    spans = [Span(text.index(w), text.index(w) + len(w), w) for w in ("Atlanta", "Savannah", "Georgia", "Florida", "Alabama")]
    entry = resolver.resolve(text, spans)[2].entry
    assert entry.kind == "admin1" and entry.country == "US"


def test_resolve_qualifier_after_comma(resolver):
    text = "A fire in Alexandria, Va., destroyed a house."
    entry = resolver.resolve(text, [Span(10, 20, "Alexandria")])[0].entry
    assert entry.country == "US" and entry.admin1 == "Virginia"


def test_resolve_unknown_name_is_none(resolver):
    assert resolver.resolve("Xqzzyvillepark", [Span(0, 14, "Xqzzyvillepark")])[0].entry is None




def test_main_city_is_the_geographic_centre_not_the_most_named(resolver):
    """An unknown facility falls back to the city the document's places lie around, not to a
    city named more often far away (two mentions of London in a report about Homs)."""
    text = ("Relatives in London and London said the Saint Foo Hospital was hit. "
            "Shelling was reported in Homs, Hama, Rastan and Talbiseh.")
    names = ["London", "London", "Saint Foo Hospital", "Homs", "Hama", "Rastan", "Talbiseh"]
    out = resolver.resolve(text, spans_of(text, names))
    fallback = out[2]
    assert fallback.contained and fallback.entry is not None
    assert fallback.entry.country == "SY"


def test_main_city_is_none_without_any_resolved_town(resolver):
    text = "The Saint Foo Hospital in Syria was hit."
    out = resolver.resolve(text, spans_of(text, ["Saint Foo Hospital", "Syria"]))
    assert out[0].entry is None


def test_given_spans_place_named_inside_an_organisation():
    """Given toponym spans (the gold-span setting), the country or province inside an unknown
    name, also by its adjective, is the span's place rather than the document's main city."""
    given = Resolver(demonyms=True, contain_unknown="all")
    text = ("Officials in Homs and Hama met the Central Bank of Jordan and the Lebanese Red Cross "
            "before visiting the University of Manitoba.")
    names = ["Homs", "Hama", "Central Bank of Jordan", "Lebanese Red Cross", "University of Manitoba"]
    out = given.resolve(text, spans_of(text, names))
    assert (out[2].entry.kind, out[2].entry.country) == ("country", "JO")
    assert (out[3].entry.kind, out[3].entry.country) == ("country", "LB")
    assert (out[4].entry.kind, out[4].entry.country) == ("admin1", "CA")
    assert not any(r.contained for r in out)


def test_stage_setting_does_not_read_places_inside_organisations(resolver):
    """In the stage's setting an organisation's name is not a place of the country it names:
    with no evidence for that country in the document the span stays unresolved."""
    text = "Officials in Homs and Hama met the Central Bank of Jordan and the Lebanese Red Cross."
    names = ["Homs", "Hama", "Central Bank of Jordan", "Lebanese Red Cross"]
    out = resolver.resolve(text, spans_of(text, names))
    assert out[2].entry is None and out[3].entry is None


def test_part_of_a_place_keeps_namesakes_elsewhere_out(resolver):
    """"X district of Y": X lies in Y; a province of the same name in another country is not X,
    in that sentence or later in the document, while a town that does lie in Y is kept."""
    text = ("Shells hit the Salah al-Din district of Aleppo Syrian media said. Salah al-Din was "
            "quiet later. Troops entered the Tikrit district of Salahuddin.")
    names = ["Salah al-Din", "Aleppo", "Salah al-Din", "Tikrit"]
    out = resolver.resolve(text, spans_of(text, names))
    assert out[0].entry is None and out[2].entry is None
    assert out[1].entry.country == "SY"
    assert out[3].entry is not None and out[3].entry.country == "IQ"


def test_stage_finds_and_resolves_seed_like_places(parse, stage):
    text = ("Kerry met Putin in Moscow on Thursday. Fighting continued in Aleppo and Deir-iz-Zor, "
            "while Israel struck targets in the Golan Heights.")
    places = stage(parse(text)).places
    got = {p.text: p for p in places}
    assert got["Moscow"].country == "RU" and got["Moscow"].level == 4
    assert got["Aleppo"].country == "SY"
    assert got["Deir-iz-Zor"].name == "Deir ez-Zor"
    assert got["Golan Heights"].level == 2
    for p in places:
        assert text[p.start:p.end] == p.text and p.sentence


def test_stage_metonym_mention_is_not_a_place(parse, stage):
    text = "Damascus was ready to halt its attacks, a diplomat in Damascus said."
    analysis = parse(text)
    first = text.index("Damascus")
    metonym = Mention("t", "SYR_GOV", first, first + 8, "Damascus", text, method="metonym")
    places = stage(dataclasses.replace(analysis, mentions=[metonym])).places
    damascus = [p for p in places if p.text == "Damascus"]
    assert [p.start for p in damascus] == [text.index("Damascus", first + 1)]
    assert damascus[0].country == "SY"
    # without the actor stage's mention, both are places
    assert len([p for p in stage(analysis).places if p.text == "Damascus"]) == 2


def test_stage_skips_demonyms(parse, stage):
    places = stage(parse("Syrian and Russian forces advanced.")).places
    assert all(p.text not in ("Syrian", "Russian") for p in places)
    assert places == []  # the sentence names no place at all


def test_place_for_span_prefers_same_clause(parse, stage):
    from sitrep.stages.place import place_for_span

    text = "Officials in Geneva said that jets bombed a hospital in Aleppo."
    analysis = stage(parse(text))
    start = text.index("bombed")
    place = place_for_span(analysis, start, start + len("bombed"))
    assert place is not None and place.text == "Aleppo"
    start = text.index("said")
    assert place_for_span(analysis, start, start + 4).text == "Geneva"


def test_resolve_span_uses_document_context(parse, stage):
    from sitrep.stages.place import resolve_span

    text = "Fighting near Aleppo spread toward Hama and Idlib."
    analysis = stage(parse(text))
    start = text.index("Hama")
    place = resolve_span(analysis, start, start + 4)
    assert place is not None and place.country == "SY" and place.text == "Hama"


def test_map_svg_renders_points_offline():
    from sitrep.stages.place import map_svg

    places = [
        Place("d", 0, 6, "Aleppo", "", "Aleppo", 36.2, 37.16, "SY", None, 170063, 4),
        Place("d", 10, 16, "Aleppo", "", "Aleppo", 36.2, 37.16, "SY", None, 170063, 4),
        Place("d", 20, 28, "Damascus", "", "Damascus", 33.51, 36.29, "SY", None, 170654, 4),
        Place("d", 30, 35, "Nowhere", "", "Nowhere"),
    ]
    svg = map_svg(places, width=600, height=300)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "Aleppo ×2" in svg and "Damascus" in svg and "Nowhere" not in svg
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")
    assert "no located places" in map_svg([])


def test_scorer_e2e_counts_overlaps():
    from sitrep.stages.place.scorer import (
        E2EScores,
        GoldArticle,
        GoldToponym,
        PointPrediction,
        score_e2e,
    )

    art = GoldArticle("a", "Aleppo and Syrian and Foo", toponyms=[
        GoldToponym(0, 6, "Aleppo", "required", 36.2, 37.16, 170063),
        GoldToponym(11, 17, "Syrian", "optional", 35.0, 38.0, 163843),
        GoldToponym(22, 25, "Foo", "negative"),
    ])
    scores = E2EScores()
    score_e2e(art, [PointPrediction(0, 6, 36.0, 37.0), PointPrediction(11, 17, 35, 38),
                    PointPrediction(22, 25, 1.0, 1.0)], scores)
    assert (scores.tp, scores.fp, scores.required, scores.matched) == (1, 1, 1, 1)


def test_stage_locative_cue_and_acronyms(parse, stage):
    text = "The envoy met HTS leaders in Idlib, then flew to Ankara. At UN headquarters talks stalled in March."
    got = {p.text: p for p in stage(parse(text)).places}
    assert "HTS" not in got and "UN" not in got and "March" not in got
    assert got["Idlib"].country == "SY" and got["Ankara"].country == "TR"


def test_stage_us_state_abbreviation_after_comma(parse, stage):
    text = "A man from Charleston, W.Va., was arrested."
    got = {p.text: p for p in stage(parse(text)).places}
    assert got["Charleston"].admin1 == "West Virginia"
    assert got["W.Va."].level == 2


def test_stage_conflict_spellings_ner_misses(parse, stage):
    text = ("Turkish-backed forces advanced on al-Bab and Manbij, while the SDF held Kobani, Ras al-Ain "
            "and Tal Abyad. Strikes hit Idlib province, Eastern Ghouta and the Yarmouk camp. "
            "Russia struck Kharkiv and Bakhmut in the Donbas.")
    got = {p.text: p for p in stage(parse(text)).places}
    for name in ("al-Bab", "Manbij", "Kobani", "Ras al-Ain", "Tal Abyad", "Eastern Ghouta", "Yarmouk camp"):
        assert got[name].country == "SY", name
    assert got["Idlib province"].level == 2
    assert got["Kharkiv"].country == got["Bakhmut"].country == got["Donbas"].country == "UA"


def test_link_clause_head_terminates_on_verbless_sentence(nlp):
    from sitrep.stages.place.link import _clause_head

    doc = nlp("Aleppo, the city in the north.")
    assert _clause_head(doc[0]).i == doc[0].sent.root.i


def test_given_spans_facility_named_after_its_province_is_the_main_city():
    """A facility named after the province it stands in ("Manitoba Provincial Hospital" in a
    report about Winnipeg) is a site in the document's main city when that city lies in the
    province; named after a province elsewhere, it stays that province."""
    given = Resolver(demonyms=True, contain_unknown="all")
    text = ("Crews in Winnipeg and Brandon said patients at the Manitoba Provincial Hospital "
            "and the Saskatchewan Provincial Hospital were moved.")
    names = ["Winnipeg", "Brandon", "Manitoba Provincial Hospital", "Saskatchewan Provincial Hospital"]
    out = given.resolve(text, spans_of(text, names))
    site, elsewhere = out[2], out[3]
    assert site.contained and site.entry is not None
    assert (site.entry.kind, site.entry.name, site.entry.country) == ("city", out[0].entry.name, "CA")
    assert not elsewhere.contained and (elsewhere.entry.kind, elsewhere.entry.country) == ("admin1", "CA")
    assert elsewhere.entry.name == "Saskatchewan"
