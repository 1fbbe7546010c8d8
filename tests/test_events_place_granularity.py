"""The containment reading of event place (``benchmarks/events_place_granularity.py``, issue 13,
branch ``place1``) on project-written places: no shared data."""

from __future__ import annotations

from events_place_granularity import (
    Outcome,
    Placer,
    bootstrap,
    classify,
    containment,
    different_kind,
    shares,
)

from sitrep.records import EventPlace
from sitrep.stages.events.article_scorer import GoldPlace
from sitrep.stages.place.gazetteer import Entry

# a project-written admin hierarchy: Ruritania (country) > Nordmark (province) > Grimsby Vale (city) >
# Old Quarter (a neighbourhood, sub-city); Eastwick, another city of Nordmark 60 km off
RURITANIA = Entry("Ruritania", 50.0, 10.0, "country", 1, country="RU_", population=5_000_000)
NORDMARK = Entry("Nordmark", 50.5, 10.2, "admin1", 2, country="RU_", admin1="Nordmark", admin1_code="07")
GRIMSBY = Entry("Grimsby Vale", 50.60, 10.30, "city", 4, country="RU_", admin1="Nordmark", admin1_code="07",
                population=400_000)
OLD_QUARTER = Entry("Old Quarter", 50.61, 10.31, "city", 5, country="RU_", admin1="Nordmark", admin1_code="07")
EASTWICK = Entry("Eastwick", 50.60, 11.15, "city", 4, country="RU_", admin1="Nordmark", admin1_code="07",
                 population=90_000)
TEXT = "Shells hit the Old Quarter of Grimsby Vale, and later Eastwick, in Nordmark province of Ruritania."


class _Fixed(Placer):
    """A placer reading a fixed table of toponym -> entry (no gazetteer)."""

    def __init__(self, table: dict[str, Entry]) -> None:
        self.table = table

    def entry(self, text: str, name: str, start: int | None, end: int | None) -> Entry | None:
        return self.table.get(text[start:end] if start is not None and end is not None else name)


PLACER = _Fixed({e.name: e for e in (RURITANIA, NORDMARK, GRIMSBY, OLD_QUARTER, EASTWICK)})


def gold(name: str) -> GoldPlace:
    at = TEXT.index(name)
    return GoldPlace(at, at + len(name), name, None)


def predicted(name: str) -> EventPlace:
    at = TEXT.index(name)
    return EventPlace(name=name, text=name, start=at, end=at + len(name))


def test_neighbourhood_inside_its_city_is_contained_either_way_round() -> None:
    assert classify(predicted("Grimsby Vale"), gold("Old Quarter"), TEXT, PLACER) == ("contained", "gold finer")
    assert classify(predicted("Old Quarter"), gold("Grimsby Vale"), TEXT, PLACER) == ("contained", "predicted finer")
    assert classify(predicted("Grimsby Vale"), gold("Nordmark"), TEXT, PLACER) == ("contained", "predicted finer")
    assert classify(predicted("Ruritania"), gold("Old Quarter"), TEXT, PLACER) == ("contained", "gold finer")


def test_two_cities_are_different_and_the_same_place_is_right() -> None:
    kind, how = classify(predicted("Eastwick"), gold("Grimsby Vale"), TEXT, PLACER)
    assert kind == "different"
    assert how == "city/city same province"  # 60 km apart: not the near sub-kind
    assert classify(predicted("Grimsby Vale"), gold("Grimsby Vale"), TEXT, PLACER) == ("right", "")


def test_a_null_side_is_one_null_and_both_null_is_right() -> None:
    assert classify(None, gold("Grimsby Vale"), TEXT, PLACER) == ("one null", "predicted none")
    assert classify(predicted("Eastwick"), None, TEXT, PLACER) == ("one null", "gold none")
    assert classify(None, None, TEXT, PLACER) == ("right", "")


def test_a_toponym_that_does_not_resolve_is_unresolved() -> None:
    place = EventPlace(name="Marsh Gate", text="Marsh Gate")
    assert classify(place, gold("Grimsby Vale"), TEXT, PLACER) == ("unresolved", "predicted")


def test_containment_needs_a_finer_level_and_the_near_subkind_is_only_reported() -> None:
    twin = Entry("Grimsby Hill", 50.63, 10.33, "city", 4, country="RU_", admin1="Nordmark", admin1_code="07")
    assert containment(GRIMSBY, twin) is None
    assert different_kind(GRIMSBY, twin) == "city/city same province, within 10 km"
    assert containment(GRIMSBY, GRIMSBY) == "same"
    abroad = Entry("Grimsby", 48.0, 2.0, "city", 4, country="XX_")
    assert different_kind(GRIMSBY, abroad) == "city/city other country"


def test_shares_and_the_bootstrap_count_right_or_contained() -> None:
    def row(kind: str) -> Outcome:
        return Outcome("d", kind, "", None, None, (0, 1))
    articles = [[row("right"), row("contained")], [row("different"), row("one null")]]
    s = shares(articles)
    assert s["right"] == 0.25 and s["contained"] == 0.25 and s["right_or_contained"] == 0.5
    ci = bootstrap([articles], draws=200)
    assert 0.0 <= ci["right_or_contained"][0] <= 0.5 <= ci["right_or_contained"][1] <= 1.0


def test_the_place_stages_resolver_reads_a_city_inside_its_country_and_two_cities_apart() -> None:
    text = "Jets struck Aleppo and Homs, two cities of Syria, on Monday."
    placer = Placer()

    def at(name: str) -> tuple[int, int]:
        return text.index(name), text.index(name) + len(name)

    def pp(name: str) -> EventPlace:
        return EventPlace(name=name, text=name, start=at(name)[0], end=at(name)[1])

    def gp(name: str) -> GoldPlace:
        return GoldPlace(*at(name), name, None)

    assert classify(pp("Syria"), gp("Aleppo"), text, placer) == ("contained", "gold finer")
    assert classify(pp("Homs"), gp("Aleppo"), text, placer)[0] == "different"
