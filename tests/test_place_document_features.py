"""Document-level evidence for the toponym decision: the document's confident places (a first pass)
and how near a span's candidates lie to them (``toponym.document_features``).

Examples are written for these tests; none is taken from an evaluation set.
"""

from __future__ import annotations

import pytest

from sitrep.stages.place.gazetteer import Entry
from sitrep.stages.place.toponym import (
    DOC_FAR_KM,
    DOC_FEATURES,
    TOPONYM_FEATURES,
    document_features,
)

_SPRINGFIELD = Entry("Springfield", 39.80, -89.64, "city", 4, "US", "Illinois", "IL", 116_000)
_NAMESAKE = Entry("Springfield", 42.10, -72.59, "city", 4, "US", "Massachusetts", "MA", 155_000)
_DECATUR = Entry("Decatur", 39.84, -88.95, "city", 4, "US", "Illinois", "IL", 70_000)
_PEORIA = Entry("Peoria", 40.69, -89.59, "city", 4, "US", "Illinois", "IL", 113_000)
_PARIS = Entry("Paris", 48.85, 2.35, "city", 4, "FR", "Ile-de-France", "11", 2_100_000)


def test_the_document_features_are_model_inputs() -> None:
    assert all(name in TOPONYM_FEATURES for name in DOC_FEATURES)


def test_a_candidate_among_the_documents_places_is_near_and_shares_their_division() -> None:
    anchors = [("decatur", _DECATUR), ("peoria", _PEORIA), ("paris", _PARIS)]
    others, near, admin1, share = document_features("springfield", [_NAMESAKE, _SPRINGFIELD], anchors)
    assert others == 1.0
    assert 0.3 < near < 1.0  # Springfield, Ill. is about 60 km from Decatur
    assert admin1 == 1.0
    assert share == pytest.approx(2 / 3)  # two of the three confident places are in its country
    _, far, far_admin1, _ = document_features("springfield", [_NAMESAKE], anchors)
    assert far < near and far_admin1 == 0.0


def test_nothing_to_compare_gives_zeros() -> None:
    """No confident place, or only confident places of the span's own name: zeros; other confident
    places but no candidate: only ``doc_others``."""
    assert document_features("springfield", [_SPRINGFIELD], []) == (0.0, 0.0, 0.0, 0.0)
    assert document_features("springfield", [_SPRINGFIELD], [("springfield", _SPRINGFIELD)]) == (0.0, 0.0, 0.0, 0.0)
    assert document_features("springfield", [], [("decatur", _DECATUR)]) == (1.0, 0.0, 0.0, 0.0)


def test_nearness_falls_to_zero_at_the_far_distance() -> None:
    on_it = document_features("springfield", [_DECATUR], [("decatur", _DECATUR)])[1]
    abroad = document_features("springfield", [_SPRINGFIELD], [("paris", _PARIS)])[1]
    assert on_it == 1.0 and abroad == 0.0  # Illinois to Paris is far beyond DOC_FAR_KM
    assert DOC_FAR_KM < 7000


@pytest.mark.slow
def test_the_stages_first_pass_keeps_confident_places_and_no_ngrams(parse, nlp) -> None:
    """``document_anchors`` resolves the spans found by NER and the patterns (not the gazetteer
    n-grams) and keeps as confident places those the acceptance model accepts."""
    from sitrep.stages.place import PlaceStage

    stage = PlaceStage(nlp)
    analysis = parse("Storms hit Aleppo and Homs in Syria on Monday, and Mara Harlan drove to Idlib.")
    spans = stage.find_spans(analysis)
    first, anchors = stage.document_anchors(analysis, spans)
    assert [r.span for r in first] == [s for s in spans if s.source != "gazetteer"]
    names = {key for key, _entry in anchors}
    assert {"aleppo", "homs", "syria"} <= names
    assert all(entry.country == "SY" for _key, entry in anchors)
    out = stage(analysis)
    assert {p.text for p in out.places} >= {"Aleppo", "Homs", "Syria", "Idlib"}
