"""Issue 14, geo32: a city against the administrative area named after it (``ranking.SEAT_FEATURES``).

The sentences are written for these tests; none is taken from an evaluation set. The switch is off
on main (its out-of-fold bar failed: docs/benchmarks.md, geo32); these tests pin what the seat
relation reads from the gazetteer's structure, what each mode computes, that off is main, and the
written reports' resolutions with the shipped model.
"""

from __future__ import annotations

import pytest

import sitrep.stages.place.ranking as ranking
from sitrep.stages.place.gazetteer import Entry, load_gazetteer
from sitrep.stages.place.ranking import (
    CANDIDATE_FEATURES,
    SEAT_KM,
    candidate_features,
    seat_of,
)
from sitrep.stages.place.resolver import Resolver, Span, admin_word_near

SEAT = CANDIDATE_FEATURES.index("seat_admin")
SEAT_WORD = CANDIDATE_FEATURES.index("seat_admin_word")

SYRIA = ("Government aircraft struck rebel positions near Homs and Aleppo on Tuesday, while shells fell on "
         "Damascus, the Syrian capital.")
COUNTRYSIDE = "Fighting spread across the Damascus countryside province, where rebels hold several towns east of Homs."
OBLAST = "Forest fires burned across Moscow Oblast on Monday, the regional governor told Russian television."


@pytest.fixture()
def seat_mode():
    """Set ``ranking.SEAT_FEATURES`` for one test and restore it after."""
    old = ranking.SEAT_FEATURES

    def set_mode(mode: str) -> None:
        ranking.SEAT_FEATURES = mode

    yield set_mode
    ranking.SEAT_FEATURES = old


def _area(kind: str, lat: float, lon: float, admin1: str = "01", country: str = "RU") -> Entry:
    return Entry("Ruritania", lat, lon, kind, 2 if kind == "admin1" else 3, country=country, admin1_code=admin1)


def _city(lat: float, lon: float, admin1: str = "01", country: str = "RU", population: int = 500_000) -> Entry:
    return Entry("Ruritania", lat, lon, "city", 4, country=country, admin1_code=admin1, population=population)


def test_the_seat_is_read_from_the_gazetteer_structure() -> None:
    city = _city(50.0, 30.0)
    district = _area("admin2", 50.0, 30.1)
    assert seat_of(district, [district, city]) is city  # a district at its seat
    far = _area("admin2", 52.5, 30.0)  # about 280 km away: another district of that name
    assert SEAT_KM < 200 and seat_of(far, [far, city]) is None
    other_division = _area("admin2", 50.0, 30.1, admin1="02")
    assert seat_of(other_division, [other_division, city]) is None  # a district lies in one province
    oblast = _area("admin1", 50.05, 30.05, admin1="02")  # a federal city inside the oblast around it
    assert seat_of(oblast, [oblast, city]) is city
    province = _area("admin1", 51.0, 31.0)  # its own province, point far from the city
    assert seat_of(province, [province, city]) is city
    abroad = _city(50.0, 30.1, country="UA")
    assert seat_of(district, [district, abroad]) is None  # a city of another country is no seat
    assert seat_of(city, [district, city]) is None  # a city is no area


def test_damascus_and_moscow_in_the_shipped_gazetteer() -> None:
    gaz = load_gazetteer()
    damascus = gaz.lookup("Damascus")
    district = next(e for e in damascus if e.kind == "admin2" and e.country == "SY")
    seat = seat_of(district, damascus)
    assert seat is not None and seat.capital and seat.country == "SY"
    moscow = gaz.lookup("Moscow")
    oblast = next(e for e in moscow if e.kind == "admin1" and e.name != "Moscow")  # the oblast, not the federal city
    seat = seat_of(oblast, moscow)
    assert seat is not None and seat.capital
    maryland = next(e for e in damascus if e.country == "US")
    assert seat_of(maryland, damascus) is None


def test_division_words_next_to_the_span() -> None:
    text = "Jets hit Idlib province, the province of Hama, Moscow Oblast and the Damascus countryside province."
    for name in ("Idlib", "Hama", "Moscow", "Damascus"):
        i = text.index(name)
        assert admin_word_near(text, i, i + len(name)), name
    for text, name in ((SYRIA, "Damascus"), ("The town of Aleppo city hall.", "Aleppo"),
                       ("Provinces near Homs were calm.", "Homs"),
                       ("A bomb went off in a Damascus suburb, state television said.", "Damascus"),
                       ("Gunmen attacked the old-market district of Damascus.", "Damascus")):
        i = text.index(name)
        assert not admin_word_near(text, i, i + len(name)), text


def _row(entry: Entry, cands: list[Entry], text: str, name: str) -> list[float]:
    i = text.index(name)
    return candidate_features(entry, Span(i, i + len(name), name), None, None, cands,
                              admin_near=admin_word_near(text, i, i + len(name)))


def test_each_mode_fills_its_columns_and_off_none(seat_mode) -> None:
    damascus = load_gazetteer().lookup("Damascus")
    district = next(e for e in damascus if e.kind == "admin2" and e.country == "SY")
    city = next(e for e in damascus if e.kind == "city" and e.capital)
    seat_mode("off")
    assert _row(district, damascus, SYRIA, "Damascus")[SEAT] == 0.0
    assert _row(district, damascus, COUNTRYSIDE, "Damascus")[SEAT_WORD] == 0.0
    for mode in ("on", "major"):
        seat_mode(mode)
        plain, said = _row(district, damascus, SYRIA, "Damascus"), _row(district, damascus, COUNTRYSIDE, "Damascus")
        assert (plain[SEAT], plain[SEAT_WORD]) == (1.0, 0.0)
        assert (said[SEAT], said[SEAT_WORD]) == (0.0, 1.0)
        assert _row(city, damascus, SYRIA, "Damascus")[SEAT] == 0.0  # the city itself never
    small = _city(50.0, 30.0, population=5_000)
    county = _area("admin2", 50.0, 30.05)
    seat_mode("on")
    assert _row(county, [county, small], "Ruritania was calm.", "Ruritania")[SEAT] == 1.0
    seat_mode("major")  # a county seat of 5,000 people is not the class
    assert _row(county, [county, small], "Ruritania was calm.", "Ruritania")[SEAT] == 0.0


def _resolve(text: str, names: tuple[str, ...]) -> dict[str, tuple[str, str | None]]:
    spans = [Span(text.index(n), text.index(n) + len(n), n) for n in names]
    out = Resolver().resolve(text, spans)
    return {r.span.text: (r.entry.kind, r.entry.country) for r in out if r.entry is not None}


@pytest.mark.parametrize("mode", ["off", "on"])
def test_written_reports_with_the_shipped_model(seat_mode, mode: str) -> None:
    seat_mode(mode)  # "on" with the shipped model: the seat weights are 0, the division word unfilters
    got = _resolve(SYRIA, ("Homs", "Aleppo", "Damascus"))
    assert got["Damascus"] == ("city", "SY")
    assert _resolve(OBLAST, ("Moscow Oblast",))["Moscow Oblast"] == ("admin1", "RU")


@pytest.mark.xfail(strict=True, reason="issue 14: the shipped model takes the city for 'the Damascus countryside "
                                       "province'; the seat features that could learn it failed their bar, off")
def test_the_damascus_countryside_province_is_the_area() -> None:
    got = _resolve(COUNTRYSIDE, ("Damascus", "Homs"))
    assert got["Damascus"][0] in ("admin1", "admin2", "region")


def test_the_resolver_records_the_seat_columns_in_context(seat_mode) -> None:
    """With the switch on, the rows the model scores (``Resolver.record``, as train_place.py fits
    them) carry the seat columns: the district of a plain "Damascus", the province and district of
    "the Damascus countryside province" (the division word keeps the province among the candidates)."""
    seat_mode("on")
    resolver = Resolver()
    for text, column in ((SYRIA, SEAT), (COUNTRYSIDE, SEAT_WORD)):
        resolver.record = []
        i = text.index("Damascus")
        resolver.resolve(text, [Span(i, i + 8, "Damascus")])
        (_i, cands, rows), = resolver.record
        flagged = {c.kind for c, r in zip(cands, rows, strict=True) if r[column]}
        assert "admin2" in flagged and "city" not in flagged
        if column == SEAT_WORD:
            assert "admin1" in flagged
    seat_mode("off")
    resolver.record = []
    resolver.resolve(COUNTRYSIDE, [Span(COUNTRYSIDE.index("Damascus"), COUNTRYSIDE.index("Damascus") + 8, "Damascus")])
    (_i, cands, rows), = resolver.record
    assert not any(r[SEAT] or r[SEAT_WORD] for r in rows)
    assert "admin1" not in {c.kind for c in cands}  # main's rule: no division word in the span, no province


def test_the_class_script_sorts_a_span_by_the_gold_and_the_choice() -> None:
    import place_seat_spans as module  # benchmarks/ (conftest puts it on sys.path)

    city = Entry("Ruritania", 50.0, 30.0, "city", 4, country="RU", admin1_code="01", population=500_000,
                 geonames_id=1)
    district = Entry("Ruritania", 50.0, 30.1, "admin2", 3, country="RU", admin1_code="01", geonames_id=2)
    abroad = Entry("Ruritania", 40.0, -80.0, "city", 4, country="US", admin1_code="PA", geonames_id=3)
    pairs = module.seat_pairs([district, city, abroad])
    assert pairs == [(district, city)]
    assert module.gold_side(pairs, 1, 0.0, 0.0) == "gold city"
    assert module.gold_side(pairs, 2, 0.0, 0.0) == "gold area"
    assert module.gold_side(pairs, None, 50.0, 30.0) == "both near"
    assert module.gold_side(pairs, 3, 40.0, -80.0) == "neither"
    assert [module.chosen_side(pairs, e) for e in (city, district, abroad)] == ["chose city", "chose area",
                                                                                 "chose other"]
