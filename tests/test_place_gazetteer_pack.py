"""The packed gazetteer, transliteration skeletons, the learned place models (no spaCy needed).

Examples are written for these tests; none is taken from an evaluation set.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from conftest import script_module

from sitrep.stages.place.gazetteer import DATA, PACK_NAME, load_gazetteer, probe_stamp
from sitrep.stages.place.normalize import skeleton_key
from sitrep.stages.place.ranking import (
    ACCEPT_FEATURES,
    CANDIDATE_FEATURES,
    MODEL_PATH,
    load_model,
    read_model,
)
from sitrep.stages.place.resolver import Resolver, Span
from sitrep.stages.place.toponym import TOPONYM_FEATURES, SpanContext, toponym_features


@pytest.mark.parametrize(("a", "b"), [
    ("Deir ez-Zor", "Dayr az Zawr"),
    ("Deir-iz-Zor", "Deir ez Zor"),
    ("Khan Sheikhoun", "Khān Shaykhūn"),
    ("Qamishli", "Kamishly"),
    ("Aqareb es Safi", "ʿAqārib aṣ Ṣāfī"),
])
def test_normalize_skeleton_key_joins_transliterations(a: str, b: str) -> None:
    assert skeleton_key(a) and skeleton_key(a) == skeleton_key(b)


@pytest.mark.parametrize(("a", "b"), [("Homs", "Hims"), ("Berlin", "Brooklyn"), ("Madrid", "Muharraq")])
def test_normalize_skeleton_key_short_or_different_names_do_not_collide(a: str, b: str) -> None:
    ka, kb_ = skeleton_key(a), skeleton_key(b)
    assert not ka or not kb_ or ka != kb_


def test_gazetteer_pack_is_built_with_the_current_key_function() -> None:
    """If normalize.keys changed since the pack was built, loading falls back to re-indexing (slow):
    rebuild with scripts/build_gazetteer.py."""
    import numpy as np

    with np.load(DATA / PACK_NAME, allow_pickle=False) as npz:
        stamp = npz["stamp"].tobytes().decode()
    assert stamp == probe_stamp()


def test_gazetteer_pack_has_villages_divisions_and_alternate_names() -> None:
    gaz = load_gazetteer()
    kinds = {e.kind for e in gaz.lookup("Deir ez-Zor")}
    assert {"city", "admin1"} <= kinds
    assert any(e.kind == "admin2" and e.country == "SY" for e in gaz.lookup("Jableh District"))
    assert any(e.country == "SY" for e in gaz.lookup_skeleton("Dayr az-Zawr"))
    syria = gaz.entries[gaz.countries["SY"]]
    assert syria.kind == "country"
    aleppo = gaz.geonames_index(170063)
    assert aleppo is not None and gaz.entries[aleppo].name == "Aleppo"


def test_place_model_file_matches_the_feature_lists() -> None:
    model = read_model(MODEL_PATH)
    assert model.rank.features == CANDIDATE_FEATURES
    assert model.accept.features == ACCEPT_FEATURES
    assert model.toponym is not None and model.toponym.features == TOPONYM_FEATURES
    for part in (model.rank, model.accept, model.toponym):
        assert part.trained_on and part.date


def test_resolver_small_namesake_abroad_without_evidence_is_not_trusted() -> None:
    """A village name the gazetteer only knows abroad (Kirchberg: small towns in Europe), in a
    document about another country: resolved, but not trusted enough to be reported."""
    text = ("Shelling hit Homs and Hama in Syria on Monday. Fighting reached Idlib and Aleppo. "
            "Families fled from Kirchberg towards Syria's coast.")
    names = ["Homs", "Hama", "Syria", "Idlib", "Aleppo", "Kirchberg", "Syria"]
    spans, pos = [], 0
    for name in names:
        start = text.index(name, pos)
        spans.append(Span(start, start + len(name), name))
        pos = start + len(name)
    resolver = Resolver(demonyms=False)
    out = resolver.resolve(text, spans)
    threshold = load_model().accept.threshold
    by_name = {r.span.text: r for r in out}
    assert by_name["Homs"].entry is not None and by_name["Homs"].entry.country == "SY"
    assert by_name["Homs"].confidence >= threshold
    assert by_name["Aleppo"].confidence >= threshold
    far = by_name["Kirchberg"]
    assert far.entry is not None and far.entry.country != "SY" and far.confidence < threshold


def test_toponym_news_agency_and_person_score_below_a_plain_place() -> None:
    """The same kind of gazetteer name (a small town, a county) as an agency, a place, a person."""
    from sitrep.records import Actor, Mention

    model = load_model().toponym
    assert model is not None
    text = "The state news agency Harper said the strike hit Harper on Friday, Morris told reporters."
    gaz = load_gazetteer()
    actors = {"AG": Actor(id="AG", name="Harper", kind="media", sector="JRN"),
              "P": Actor(id="P", name="Morris", kind="person")}
    agency = SpanContext(22, 28, "Harper", "pattern", None)
    place = SpanContext(49, 55, "Harper", "ner", "GPE")
    person = SpanContext(67, 73, "Morris", "pattern", None)  # a gazetteer name NER tagged PERSON
    entities = [SimpleNamespace(start=22, end=28, label="ORG"), SimpleNamespace(start=49, end=55, label="GPE"),
                SimpleNamespace(start=67, end=73, label="PERSON")]
    mentions = [Mention(document="d", actor="AG", start=22, end=28, text="Harper", sentence=""),
                Mention(document="d", actor="P", start=67, end=73, text="Morris", sentence="")]
    assert text[22:28] == text[49:55] == "Harper" and text[67:73] == "Morris"

    def p(span: SpanContext) -> float:
        x = toponym_features(span, text, entities, mentions, actors, gaz.lookup(span.text), False,
                             {"the", "state", "news", "agency"}, {0})
        return model.probability(x)

    assert p(agency) < model.threshold <= p(place)
    assert p(person) < model.threshold


def test_gazetteer_pack_has_airports_and_air_bases_by_the_names_news_use() -> None:
    """Airports and air bases (``airportsdata``) are sites: found by their full name and by the
    forms news write, never by the bare word before "Airport" (often a person's name)."""
    from sitrep.stages.place.gazetteer import haversine_km

    gaz = load_gazetteer()
    for name, country, lat, lon in [("Heathrow Airport", "GB", 51.47, -0.46),
                                    ("Shayrat airbase", "SY", 34.49, 36.91),
                                    ("Damascus International Airport", "SY", 33.41, 36.52),
                                    ("Damascus airport", "SY", 33.41, 36.52)]:
        airports = [e for e in gaz.lookup(name) if e.kind == "airport"]
        assert airports, name
        best = airports[0]
        assert best.country == country and best.level == 5
        assert haversine_km(best.lat, best.lon, lat, lon) < 10
    assert not any(e.kind == "airport" for e in gaz.lookup("Kennedy"))
    assert not any(e.kind == "airport" for e in gaz.lookup("Heathrow"))


def test_airport_names_forms() -> None:
    """The names the gazetteer script gives an airport (a function of scripts/build_gazetteer.py)."""
    module = script_module("build_gazetteer")
    assert module.airport_names("Ruritania City Ostrow Airport", "Ruritania City") == [
        "Ruritania City Ostrow Airport", "Ostrow Airport"]
    assert module.airport_names("Zenda Air Base", "") == [
        "Zenda Air Base", "Zenda Airbase", "Zenda Airport", "Zenda Military Airport"]
    assert module.airport_names("Zenda International Airport", "Zenda") == [
        "Zenda International Airport", "Zenda Airport"]
    assert module.airport_names("Zenda Heliport", "Zenda") == ["Zenda Heliport"]


def test_gazetteer_names_measure_how_widely_a_place_is_known() -> None:
    """``Entry.names`` (log of the name keys the pack lists for a row): a world city has names in many
    languages, its small namesakes one or two; entries added at load time count their own keys."""
    gaz = load_gazetteer()
    for name, famous in (("Geneva", "CH"), ("Damascus", "SY"), ("Paris", "FR")):
        cities = [e for e in gaz.lookup(name) if e.kind == "city"]
        top = max(cities, key=lambda e: e.names)
        assert top.country == famous, name
        assert all(e.names < top.names for e in cities if e.country != famous)
    syria = gaz.entries[gaz.countries["SY"]]
    assert syria.names > 0


def test_famous_rival_gap_is_for_a_minor_place_with_a_major_namesake_abroad() -> None:
    """"Geneva" in New York state has a famous namesake abroad; the Swiss city has none; a small
    town whose bigger namesake is in its own country (two US towns) is left to the other features."""
    from sitrep.stages.place.ranking import famous_rival_gap

    gaz = load_gazetteer()
    cands = gaz.lookup("Geneva")
    swiss = next(e for e in cands if e.kind == "city" and e.country == "CH")
    new_york = next(e for e in cands if e.kind == "city" and e.country == "US" and e.admin1 == "New York")
    assert famous_rival_gap(swiss, cands) == 0.0
    assert famous_rival_gap(new_york, cands) > 1.0  # an order of magnitude smaller and more
    towns = [e for e in gaz.lookup("Louisville") if e.kind == "city" and e.country == "US"]
    assert len(towns) > 1 and all(famous_rival_gap(e, towns) == 0.0 for e in towns)


@pytest.mark.parametrize(("text", "country"), [
    # an international story: one mention of a world city in New York state is weak evidence
    ("Envoys from Moscow and Washington met in Geneva on Monday. Their deputies had met in New York "
     "before, and the talks turned to Aleppo, Homs and the siege of Idlib.", "CH"),
    # a local story: several small places of the state around it
    ("The county fair moves from Canandaigua to Geneva this summer; farmers from Seneca Falls, "
     "Penn Yan and Waterloo will show their cattle.", "US"),
])
def test_resolver_weighs_evidence_for_a_small_namesake_by_its_strength(text: str, country: str) -> None:
    """A small namesake of a world-famous place wins on its local places, not on a world city."""
    resolver = Resolver()
    names = ["Moscow", "Washington", "Geneva", "New York", "Aleppo", "Homs", "Idlib",
             "Canandaigua", "Seneca Falls", "Penn Yan", "Waterloo"]
    spans = [Span(text.index(n), text.index(n) + len(n), n) for n in names if n in text]
    geneva = next(r for r in resolver.resolve(text, spans) if r.span.text == "Geneva")
    assert geneva.entry is not None and geneva.entry.country == country


def _build_gazetteer_module():  # type: ignore[no-untyped-def]
    return script_module("build_gazetteer")


def test_polygon_centroid_is_the_area_middle_not_the_bounding_box_middle() -> None:
    """A division's point is the area centroid of its polygon: a big square with a far, tiny island
    keeps its point in the square (the bounding box's middle would be out at sea), a hole moves it
    away from the hole, and a shape across the antimeridian has none (its label point is used)."""
    module = _build_gazetteer_module()
    square = [[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [0.0, 4.0], [0.0, 0.0]]
    island = [[20.0, 20.0], [20.1, 20.0], [20.1, 20.1], [20.0, 20.1], [20.0, 20.0]]
    area, lat, lon = module.polygon_centroid({"type": "MultiPolygon", "coordinates": [[square], [island]]})
    assert area == pytest.approx(16.01)
    assert lat == pytest.approx(2.0, abs=0.02) and lon == pytest.approx(2.0, abs=0.02)
    hole = [[0.0, 0.0], [0.0, 2.0], [2.0, 2.0], [2.0, 0.0], [0.0, 0.0]]
    _, lat, lon = module.polygon_centroid({"type": "Polygon", "coordinates": [square, hole]})
    assert lat > 2.0 and lon > 2.0
    across = [[179.0, 0.0], [-179.0, 0.0], [-179.0, 1.0], [179.0, 1.0], [179.0, 0.0]]
    assert module.polygon_centroid({"type": "Polygon", "coordinates": [across]}) is None


def test_ne_admin1_points_join_on_geonames_ids(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Natural Earth admin-1 polygons are joined to GeoNames divisions by the GeoNames id Natural
    Earth records (``gn_id``), never by its own codes; a polygon with an unknown id is left out."""
    import json

    module = _build_gazetteer_module()
    square = [[10.0, 40.0], [12.0, 40.0], [12.0, 42.0], [10.0, 42.0], [10.0, 40.0]]
    across = [[179.0, 0.0], [-179.0, 0.0], [-179.0, 1.0], [179.0, 1.0], [179.0, 0.0]]
    features = [
        {"type": "Feature", "properties": {"gn_id": 101, "gn_a1_code": "RU.99", "latitude": 0, "longitude": 0},
         "geometry": {"type": "Polygon", "coordinates": [square]}},
        {"type": "Feature", "properties": {"gn_id": 102, "gn_a1_code": "RU.02", "latitude": 0.5, "longitude": 179.5},
         "geometry": {"type": "Polygon", "coordinates": [across]}},
        {"type": "Feature", "properties": {"gn_id": 999, "gn_a1_code": "RU.03", "latitude": 5, "longitude": 5},
         "geometry": {"type": "Polygon", "coordinates": [square]}},
    ]
    path = tmp_path / "build.json"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    points = module.ne_admin1_points({101: ("RU", "01"), 102: ("RU", "02")}, path)
    assert points == {("RU", "01"): (41.0, 11.0), ("RU", "02"): (0.5, 179.5)}


def test_gazetteer_first_level_divisions_sit_at_their_middle() -> None:
    """The packed first-level divisions have the middle of their area, not of their towns: Ontario
    (its towns crowd its south) lies near 50°N, Valparaiso (its towns include Easter Island) on the
    Chilean mainland."""
    from sitrep.stages.place.gazetteer import haversine_km

    gaz = load_gazetteer()
    ontario = gaz.entries[gaz.admin1["CA", "08"]]
    assert ontario.name == "Ontario" and 49.0 < ontario.lat < 52.0
    valparaiso = gaz.entries[gaz.admin1["CL", "01"]]
    assert haversine_km(valparaiso.lat, valparaiso.lon, -32.9, -71.2) < 200


def test_rival_country_named_is_the_evidence_for_a_famous_namesakes_country() -> None:
    """A small "Damascus" in Maryland gets the document's evidence for Syria (capped; the dateline
    left out); the Syrian capital itself, and a small town with no famous namesake abroad, get none."""
    from sitrep.stages.place.ranking import RIVAL_COUNTRY_CAP, candidate_features
    from sitrep.stages.place.resolver import _Context

    gaz = load_gazetteer()
    cands = [e for e in gaz.lookup("Damascus") if e.kind == "city"]
    syrian = next(e for e in cands if e.country == "SY")
    maryland = next(e for e in cands if e.country == "US" and e.admin1 == "Maryland")
    span = Span(0, 8, "Damascus")
    col = CANDIDATE_FEATURES.index("rival_country_named")

    def feature(entry, countries, anchor=None, dateline=0.0):  # type: ignore[no-untyped-def]
        ctx = _Context()
        ctx.countries.update(countries)
        ctx.anchor_country, ctx.dateline_weight = anchor, dateline
        return candidate_features(entry, span, None, ctx, cands)[col]

    assert feature(maryland, {"SY": 1.0, "US": 3.0}) == 1.0
    assert feature(maryland, {"SY": 7.0}) == RIVAL_COUNTRY_CAP
    assert feature(maryland, {"US": 3.0}) == 0.0
    assert feature(maryland, {"SY": 2.3}, anchor="SY", dateline=2.0) == pytest.approx(0.3)  # the dateline is not the story
    assert feature(syrian, {"SY": 3.0, "US": 3.0}) == 0.0
    towns = [e for e in gaz.lookup("Louisville") if e.kind == "city" and e.country == "US"]
    assert towns  # Louisville, Kentucky at least
    assert all(candidate_features(e, Span(0, 10, "Louisville"), None, _ctx_with({"US": 2.0}), towns)[col] == 0.0
               for e in towns)


def _ctx_with(countries):  # type: ignore[no-untyped-def]
    from sitrep.stages.place.resolver import _Context

    ctx = _Context()
    ctx.countries.update(countries)
    return ctx


def test_country_alias_marks_a_town_reached_only_through_a_countrys_name() -> None:
    """GeoNames lists "Iraq" among the names of the Iranian city Arak, and "Mexico" among Mexico
    City's: reached that way, a place other than the country has ``country_alias``; a town whose
    own name the span spells (Mexico, Missouri) and the country itself do not."""
    from sitrep.stages.place.ranking import country_alias

    gaz = load_gazetteer()
    for name in ("Iraq", "Mexico"):
        cands = gaz.lookup(name)
        span = Span(0, len(name), name)
        flagged = {(e.name, e.country, e.kind) for e in cands if country_alias(e, span, cands)}
        assert all(kind != "country" for _n, _c, kind in flagged)
        assert not any(n == name for n, _c, _k in flagged)
    iraq = gaz.lookup("Iraq")
    assert any(e.kind == "city" and country_alias(e, Span(0, 4, "Iraq"), iraq) for e in iraq)
    mexico = gaz.lookup("Mexico")
    assert any(e.name == "Mexico City" and country_alias(e, Span(0, 6, "Mexico"), mexico) for e in mexico)


def test_resolver_a_country_named_beside_the_other_countrys_towns_stays_the_country() -> None:
    """"Iraq" in a report about Iranian cities is still the country, not the Iranian city that
    GeoNames also calls "Iraq"."""
    text = ("Pilgrims left Tehran, Isfahan and Qom for Iraq on Sunday, and buses from Shiraz "
            "followed them to Iraq the next day.")
    import re

    spans = [Span(m.start(), m.end(), m.group(0)) for m in re.finditer(r"Tehran|Isfahan|Qom|Iraq|Shiraz", text)]
    iraq = [r for r in Resolver().resolve(text, spans) if r.span.text == "Iraq"]
    assert iraq and all(r.entry is not None and r.entry.kind == "country" and r.entry.country == "IQ" for r in iraq)


def test_resolver_small_us_namesake_loses_to_the_capital_of_a_country_the_report_names() -> None:
    """A report about Syria that also names Washington and towns of Maryland: "Damascus" is the
    Syrian capital, not the Maryland town (the evidence for Syria counts against the small namesake)."""
    text = ("Lawmakers in Washington and officials from Baltimore and Annapolis debated the strikes, "
            "while Syria said shells hit Douma and Harasta in the Ghouta, east of Damascus.")
    names = ["Washington", "Baltimore", "Annapolis", "Syria", "Douma", "Harasta", "Damascus"]
    spans = [Span(text.index(n), text.index(n) + len(n), n) for n in names]
    damascus = next(r for r in Resolver().resolve(text, spans) if r.span.text == "Damascus")
    assert damascus.entry is not None and damascus.entry.country == "SY"
