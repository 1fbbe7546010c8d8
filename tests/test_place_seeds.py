"""The seed articles' places come out as a careful reader would (skipped without ../shared)."""

from __future__ import annotations

import re

import pytest
from conftest import SEEDS, needs_shared

pytestmark = [needs_shared, pytest.mark.shared, pytest.mark.slow]


def read_seed(name: str) -> str:
    path = next(SEEDS.glob(f"{name}_*.txt"))
    text = path.read_text(encoding="utf-8")
    if name == "002":  # hard-wrapped: join single newlines inside blank-line blocks
        text = "\n\n".join(re.sub(r"\s*\n\s*", " ", b).strip() for b in re.split(r"\n\s*\n", text))
    return text


@pytest.fixture(scope="module")
def seed_places(parse, nlp):
    from sitrep.stages.place import PlaceStage

    stage = PlaceStage(nlp)
    return {name: stage(parse(read_seed(name), doc_id=name)).places for name in ("000", "001", "002", "003")}


@pytest.mark.parametrize(
    ("seed", "text", "country", "level"),
    [
        ("000", "Beirut", "LB", 4),
        ("000", "Golan Heights", "SY", 2),
        ("000", "Aleppo", "SY", 4),
        ("001", "Moscow", "RU", 4),
        ("001", "Jordan", "JO", 1),
        ("002", "Geneva", "CH", 4),
        ("002", "Deir-iz-Zor", "SY", 4),
        ("003", "Gaza", "PS", 4),
        ("003", "Ankara", "TR", 4),
        ("003", "Damascus", "SY", 4),
    ],
)
def test_place_seeds_reader_places(seed_places, seed, text, country, level):
    found = [p for p in seed_places[seed] if p.text == text]
    assert found, f"{text!r} not found as a place in seed {seed}"
    assert all(p.country == country and p.level == level for p in found), [(p.name, p.country) for p in found]


def test_place_seeds_no_us_homonyms_for_foreign_cities(seed_places):
    wrong = [(s, p.text) for s, places in seed_places.items() for p in places
             if p.text in ("Damascus", "Geneva", "Aleppo", "Moscow", "Beirut") and p.country == "US"]
    assert not wrong
