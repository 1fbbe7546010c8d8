"""``possessives.LOST_POSSESSIVES`` (branch events74): a place the document resolves plus "s" with no
apostrophe ("Syrias southern province of Quneitra") is a possessive, not an unresolved place name.
Sentences are written for these tests."""

from __future__ import annotations

import pytest

from sitrep.pipeline import build_pipeline
from sitrep.records import Document
from sitrep.resources import Resources
from sitrep.stages.events import possessives
from sitrep.stages.events.finer import Name

QUNEITRA = ("Syria said the talks would resume. A car bomb hit an army post on Monday at "
            "Syrias southern province of Quneitra, a governor said.")
TABQA = ("Rebels in Syria advanced on Sunday. Government jets bombed rebel positions in Syrias northern town "
         "of Tabqa, killing 12 fighters.")


def test_switch_is_off_by_default() -> None:
    assert possessives.LOST_POSSESSIVES is False


def test_lost_possessive_needs_a_known_place_and_a_final_s() -> None:
    known = frozenset({"syria", "aleppo"})
    assert possessives.lost_possessive("Syrias", known)
    assert possessives.lost_possessive("Aleppos", known)
    assert not possessives.lost_possessive("Syria", known)  # the place itself
    assert not possessives.lost_possessive("Homss", known)  # not a place of the document
    assert not possessives.lost_possessive("Idlibs", frozenset())


def test_names_lose_their_possessive_front(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Shelling hit Syrias Tal Rifaat and Syrias overnight.")
    known = frozenset({"syria"})
    assert [t.text for t in doc][2:7] == ["Syrias", "Tal", "Rifaat", "and", "Syrias"]
    two = Name(2, 4, doc[4])  # "Syrias Tal Rifaat"
    one = Name(6, 6, doc[6])  # "Syrias" alone
    kept = possessives.without_possessives([two, one], doc, known)
    assert [(n.first, n.last) for n in kept] == [(3, 4)]
    assert possessives.without_possessives([two, one], doc, frozenset()) == [two, one]


def _places(pipeline, text: str) -> list[tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    analysis = next(iter(pipeline.analyze([Document(id="d", sha256="d", text=text)])))
    return [(e.trigger, e.place.text if e.place else None) for e in analysis.events]


@pytest.mark.parametrize(("text", "town"), [(QUNEITRA, "Quneitra"), (TABQA, "Tabqa")])
def test_the_event_takes_the_town_not_the_possessive(nlp, monkeypatch: pytest.MonkeyPatch, text: str, town: str) -> None:  # type: ignore[no-untyped-def]
    off = _places(build_pipeline(only=["events"], resources=Resources(nlp=nlp)), text)
    monkeypatch.setattr(possessives, "LOST_POSSESSIVES", True)
    on = _places(build_pipeline(only=["events"], resources=Resources(nlp=nlp)), text)
    assert [p for _, p in off] == ["Syrias"]
    assert [p for _, p in on] == [town]


def test_the_switch_enters_the_stage_version(nlp, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    before = build_pipeline(only=["events"], resources=Resources(nlp=nlp)).stage("events").version
    monkeypatch.setattr(possessives, "LOST_POSSESSIVES", True)
    assert build_pipeline(only=["events"], resources=Resources(nlp=nlp)).stage("events").version != before


def test_a_possessive_is_a_mention_of_its_place(nlp, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    text = "Rebels shelled Aleppo on Sunday. The army bombed Aleppos eastern districts on Monday, killing nine people."
    off = _places(build_pipeline(only=["events"], resources=Resources(nlp=nlp)), text)
    monkeypatch.setattr(possessives, "LOST_POSSESSIVES", True)
    dropped = _places(build_pipeline(only=["events"], resources=Resources(nlp=nlp)), text)
    monkeypatch.setattr(possessives, "POSSESSIVE_PLACES", True)
    pipeline = build_pipeline(only=["events"], resources=Resources(nlp=nlp))
    analysis = next(iter(pipeline.analyze([Document(id="d", sha256="d", text=text)])))
    bombed = next(e for e in analysis.events if e.trigger == "bombed")
    assert ("bombed", None) in off  # "Aleppos" is no place record: the bombing has none
    assert ("bombed", None) in dropped
    assert bombed.place is not None and bombed.place.name == "Aleppo"
    # the evidence is the word without its "s"
    assert bombed.place.start is not None and bombed.place.end is not None
    assert text[bombed.place.start:bombed.place.end] == "Aleppo"
    assert bombed.place.start == text.index("Aleppos")


def test_possessive_places_skip_words_a_place_covers(nlp) -> None:  # type: ignore[no-untyped-def]
    from sitrep.records import Place

    doc = nlp("Jets hit Aleppo and Aleppos old city.")
    aleppo = Place(document="d", start=9, end=15, text="Aleppo", sentence=doc.text, name="Aleppo", lat=36.2,
                   lon=37.2, country="SY", geonames_id=170063, level=4)
    found = possessives.possessive_places(doc, [aleppo])
    assert [(p.start, p.end, p.text, p.name) for p in found] == [(20, 26, "Aleppo", "Aleppo")]
    covering = Place(document="d", start=20, end=27, text="Aleppos", sentence=doc.text, name="Aleppos")
    assert possessives.possessive_places(doc, [aleppo, covering]) == []
