"""Place stage: "X in Y province" / "X in Y governorate" says which first-level division X lies
in, as "X district of Y" already did (``Resolver.part_of``): a namesake of X elsewhere is not X,
and a place the gazetteer lacks stays unresolved rather than taking a far namesake (issue 14;
found on FA-KES development rows: a Syrian village resolved to a US town, a Syrian city to its
Palestinian namesake). Project-written sentences."""

from __future__ import annotations

import hashlib

import pytest

from sitrep.pipeline import build_pipeline
from sitrep.records import Document


@pytest.fixture(scope="module")
def places_of():
    pipeline = build_pipeline(only=["actors", "place"])

    def run(text: str) -> dict[str, str | None]:
        doc = Document(id="t", sha256=hashlib.sha256(text.encode()).hexdigest(), text=text)
        (analysis,) = pipeline.analyze([doc])
        return {p.text: p.country for p in analysis.places}

    return run


def test_a_village_the_gazetteer_lacks_takes_no_namesake_abroad(places_of):
    found = places_of("The aid convoy was hit on its way to Orem in Aleppo governorate, the agency said.")
    assert found.get("Orem") in (None, "SY")
    assert found.get("Aleppo") == "SY"


def test_a_city_in_a_named_province_is_the_one_in_that_province(places_of):
    found = places_of("Twelve people died when a blast hit a bakery in the town of Ariha in Idlib province, "
                      "a monitor said. Prayers in Ariha were cancelled.")
    assert found.get("Ariha") == "SY"


def test_a_place_in_its_province_keeps_its_resolution(places_of):
    found = places_of("Rebels shelled Tal Rifaat in Aleppo province on Monday, the monitor said.")
    assert found.get("Tal Rifaat") == "SY"
