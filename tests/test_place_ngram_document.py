"""Gazetteer n-gram spans judged with the document's places when they stand alone.

Small places NER does not tag as places (a town named only as "crews from Morton") reach the
stage as gazetteer n-grams; since 2026-12-05 the n-gram model reads the document's confident places
for such a span when it stands alone (``toponym.ALONE_DOC_FEATURES``). The opposite class, a part of
a longer name whose namesake lies near the report's places ("Sham" of "Fateh al-Sham Front", "Bab"
of "Bab al-Faraj", "Dana" of a photographer's name), does not stand alone and gets none of them.
Examples are written for these tests; none is taken from an evaluation set.
"""

from __future__ import annotations

import pytest

from sitrep.stages.place.ranking import load_model
from sitrep.stages.place.toponym import (
    ALONE_DOC_FEATURES,
    DOC_FEATURES,
    TOPONYM_FEATURES,
    SpanContext,
    lower_words,
    stands_alone,
    toponym_features,
)

_F = {name: i for i, name in enumerate(TOPONYM_FEATURES)}


def _alone(text: str, name: str) -> bool:
    start = text.index(name)
    span = SpanContext(start, start + len(name), name, "gazetteer", None)
    words = lower_words(text)
    x = toponym_features(span, text, [], [], {}, [], False, words, set())
    return stands_alone(text, start, dict(zip(TOPONYM_FEATURES, x, strict=True)), words)


def test_a_name_stands_alone_unless_a_capitalised_word_or_an_article_joins_it() -> None:
    assert _alone("Crews from Northport and Cottondale worked in the night.", "Cottondale")
    assert _alone("Crews worked in the night. In Cottondale the roads closed.", "Cottondale")
    assert _alone("Clashes in al-Bab went on.", "Bab")  # the place's own article, after a lower-case word
    assert _alone("A Columbia woman was arrested at a store.", "Columbia")
    assert not _alone("Fighters of the Fateh al-Sham Front attacked.", "Sham")  # a name, an article, the part
    assert not _alone("Fighters of Ahrar Al Sham attacked.", "Sham")
    assert not _alone("Shells hit Bab al-Faraj in the morning.", "Bab")  # an article after it
    assert not _alone("The pro-government Sham FM radio said so.", "Sham")  # a name after it
    assert not _alone("A photograph by Felipe Dana was shown.", "Dana")  # a name before it


def test_the_alone_features_are_the_document_features_of_a_name_that_stands_alone() -> None:
    from sitrep.stages.place.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    aleppo = [e for e in gaz.lookup("Aleppo") if e.country == "SY"]
    bab = gaz.lookup("Bab")
    assert aleppo and bab, "the shipped gazetteer lists Aleppo and al-Bab"
    anchors = [("aleppo", aleppo[0])]
    text = "Shelling hit Aleppo and Bab al-Faraj, then Bab on Monday."
    first, second = text.index("Bab"), text.rindex("Bab")
    words = lower_words(text)
    part = toponym_features(SpanContext(first, first + 3, "Bab", "gazetteer", None), text, [], [], {}, bab, False,
                            words, set(), anchors=anchors)
    whole = toponym_features(SpanContext(second, second + 3, "Bab", "gazetteer", None), text, [], [], {}, bab,
                             False, words, set(), anchors=anchors)
    assert part[_F["doc_near"]] == whole[_F["doc_near"]] > 0.0
    assert all(part[_F[name]] == 0.0 for name in ALONE_DOC_FEATURES)
    assert all(whole[_F[f"alone_{name}"]] == whole[_F[name]] for name in DOC_FEATURES)


def test_the_ngram_model_reads_the_document_only_for_a_name_that_stands_alone() -> None:
    """The shipped n-gram model is fitted with the gated document features and without the ungated
    ones; the model of the other spans is fitted without the gated ones (script: train_toponym.py)."""
    model = load_model()
    assert model.ngram is not None and model.toponym is not None
    ngram = dict(zip(model.ngram.features, model.ngram.weights, strict=True))
    spans = dict(zip(model.toponym.features, model.toponym.weights, strict=True))
    assert all(ngram[name] == 0.0 for name in DOC_FEATURES)
    assert ngram["alone_doc_near"] > 0.0
    assert all(spans[name] == 0.0 for name in ALONE_DOC_FEATURES)


@pytest.mark.slow
def test_a_small_town_named_only_beside_nearby_places_is_a_place(analyze_text) -> None:
    """"Morton", which NER does not tag as a place (a surname too), in a report whose other places lie
    around Peoria: a place both times (main's n-gram model, without the document, dropped both)."""
    text = ("Storms knocked out power in Peoria, Illinois on Sunday. Crews from Pekin and Morton worked "
            "through the night, and a Morton school was closed.")
    places = analyze_text(text, ["place"]).places
    morton = [p for p in places if p.text == "Morton"]
    assert len(morton) == 2
    assert all(p.country == "US" and p.admin1 == "Illinois" for p in morton)


@pytest.mark.slow
def test_parts_of_longer_names_near_the_reports_places_are_no_places(analyze_text) -> None:
    """"Bab" of a neighbourhood's name, "Sham" of a radio's, "Dana" of a photographer's, in a report
    on Aleppo and Idlib whose places lie near al-Bab, Damascus and Ad Dana: not places."""
    text = ("Shelling hit Aleppo and Idlib on Monday. Two shells fell on Bab al-Faraj in Aleppo, "
            "the pro-government Sham FM radio said. Photograph by Felipe Dana. Rebels in Saraqib "
            "and Maarat al-Numan said the roads to Aleppo were cut.")
    texts = {p.text for p in analyze_text(text, ["place"]).places}
    assert "Aleppo" in texts and "Idlib" in texts
    assert not texts & {"Bab", "Sham", "Dana"}
