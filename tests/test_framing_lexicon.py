"""Loaded-language lexicon and tying terms to the actor they modify."""

from __future__ import annotations

import pytest

from sitrep.stages.framing.attach import MentionSpan, attach
from sitrep.stages.framing.labels import label_span
from sitrep.stages.framing.lexicon import CATEGORIES, Lexicon, TermMatcher


@pytest.fixture(scope="module")
def matcher(nlp):
    return TermMatcher(nlp)


def test_lexicon_loads_with_known_categories():
    lex = Lexicon.load()
    assert set(lex.terms.values()) <= set(CATEGORIES)
    for word, category in [("so-called", "hedge"), ("alleged", "hedge"), ("regime", "pejorative_label"),
                           ("terrorist", "pejorative_label"), ("imperialist", "pejorative_label"),
                           ("militia", "pejorative_label"), ("liberate", "euphemism"),
                           ("supposedly", "hedge"), ("brutal", "intensifier")]:
        assert lex.terms[word] == category


def _spans(nlp, text: str, mentions: dict[str, str]) -> tuple:
    doc = nlp(text)
    out = []
    for surface, actor in mentions.items():
        i = text.index(surface)
        span = doc.char_span(i, i + len(surface), alignment_mode="expand")
        out.append(MentionSpan(actor=actor, span=span, label=label_span(span), sent=span.sent))
    return doc, out


def _tied(nlp, matcher, text: str, mentions: dict[str, str]) -> dict[str, tuple[str, str | None]]:
    doc, spans = _spans(nlp, text, mentions)
    return {h.span.text.lower(): (h.category, attach(h.span, spans)) for h in matcher(doc)}


@pytest.mark.slow
def test_hedge_so_called_ties_to_the_opposition(nlp, matcher):
    tied = _tied(nlp, matcher, "Washington armed the so-called moderate opposition.",
                 {"Washington": "USA", "opposition": "SYR_REB"})
    assert tied["so-called"] == ("hedge", "SYR_REB")
    assert tied["moderate"] == ("honorific_label", "SYR_REB")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "mentions", "term", "expected"),
    [
        ("The Assad regime shelled the suburbs.", {"Assad": "SYR_GOV"}, "regime", ("pejorative_label", "SYR_GOV")),
        ("HTS, a terrorist group, seized the town.", {"HTS": "HTS"}, "terrorist group",
         ("pejorative_label", "HTS")),
        ("The army liberated Aleppo last week.", {"army": "SYR_MIL"}, "liberated", ("euphemism", "SYR_MIL")),
        ("Russia deliberately targeted the hospital.", {"Russia": "RUS"}, "deliberately",
         ("intensifier", "RUS")),
        ("Assad's brutal crackdown continued.", {"Assad": "SYR_GOV"}, "brutal", ("intensifier", "SYR_GOV")),
        ("The terrorist-designated Hayat Tahrir al-Sham took the city.", {"Hayat Tahrir al-Sham": "HTS"},
         "terrorist", ("pejorative_label", "HTS")),
    ],
)
def test_loaded_terms_tie_to_the_actor_they_modify(nlp, matcher, text, mentions, term, expected):
    assert _tied(nlp, matcher, text, mentions)[term] == expected


@pytest.mark.slow
def test_untied_terms_are_not_guessed(nlp, matcher):
    # "alleged" modifies the attack, which no actor possesses: no tie by proximity
    tied = _tied(nlp, matcher, "Turkey condemned the alleged chemical attack.", {"Turkey": "TUR"})
    assert tied["alleged"] == ("hedge", None)


@pytest.mark.slow
def test_technical_uses_are_not_loaded(nlp, matcher):
    doc = nlp("The sanctions regime was tightened and the International Criminal Court opened a case.")
    assert [h.span.text.lower() for h in matcher(doc)] == []
