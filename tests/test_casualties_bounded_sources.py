"""Issue 12, follow-up of 2026-12-05 (dawn 2): the source in a figure's own sentence whose phrase
the reader bounded wrong, the largest class of the random waves' tune attribution misses. Sentences
written for these tests (never taken from a data set); commas are left out as in the FA-KES copy.

- a bracketed short form after the name ("the Observatory for Human Rights (SOHR) said") ends
  no phrase: the name before it is the source (main's code found no source in the sentence);
- a bracketed credit line before the sentence's speaker ("(Example Wire and Agencies) Syrian
  Observatory … said …"): when the parse hangs the speaker on the credit (the model's parse of
  such a sentence in a tune article, fixed in the test: the model parses the probe sentence
  alone otherwise), the name after the bracket speaks;
- a reported clause ending in a prepositional object before an inverted "said the Observatory"
  ("… damage in schools and hospitals said the Observatory"): the object (here a source noun,
  "hospitals") ends the clause, the phrase after the verb speaks.

Opposites (right on main's code and after): a name before "said" with no bracket keeps its own
words; a source with its own prepositional phrase ("a source in the local council said") keeps it;
"told Reuters" is whom a source addresses.
"""

from __future__ import annotations

import pytest
from casualty_helpers import source_text as _source


@pytest.fixture(scope="module")
def run(casualty_run):  # loads the spaCy model (the tests are ``slow``)
    return casualty_run


@pytest.mark.slow
def test_a_bracketed_short_form_after_the_name_keeps_the_name(run):
    _, figures = run("Strikes hit the town. Air strikes killed at least 14 civilians as they fled across the bridge "
                     "the Syrian Observatory for Human Rights (SOHR) said late on Monday.")
    assert (_source(figures, "killed", 14) or "").endswith("Syrian Observatory for Human Rights")


#: "(Example Wire and Agencies) Syrian Observatory for Human Rights said jets killed 17 people ." with
#: the parse the model gave such a sentence in a tune article: the subject of "said" is "Wire"
#: (inside the bracket), the name after the bracket its apposition
CREDIT_PARSE = [
    ("(", 11, "punct", "PUNCT"), ("Example", 2, "compound", "PROPN"), ("Wire", 11, "nsubj", "PROPN"),
    ("and", 2, "cc", "CCONJ"), ("Agencies", 2, "conj", "PROPN"), (")", 2, "punct", "PUNCT"),
    ("Syrian", 7, "compound", "PROPN"), ("Observatory", 2, "appos", "PROPN"), ("for", 7, "prep", "ADP"),
    ("Human", 10, "compound", "PROPN"), ("Rights", 8, "pobj", "PROPN"), ("said", 11, "ROOT", "VERB"),
    ("jets", 13, "nsubj", "NOUN"), ("killed", 11, "ccomp", "VERB"), ("17", 15, "nummod", "NUM"),
    ("people", 13, "dobj", "NOUN"), (".", 11, "punct", "PUNCT"),
]


def _sources_of(parse):
    import spacy
    from spacy.tokens import Doc

    from sitrep.stages.casualties.lexicon import load_lexicon
    from sitrep.stages.casualties.sources import find_sources

    lemmas = {"said": "say", "killed": "kill", "jets": "jet"}
    doc = Doc(spacy.blank("en").vocab, words=[w for w, *_ in parse], heads=[h for _, h, _, _ in parse],
              deps=[d for _, _, d, _ in parse], pos=[p for *_, p in parse],
              lemmas=[lemmas.get(w, w) for w, *_ in parse])
    return [doc[s.first:s.last + 1].text for s in find_sources(doc[:], load_lexicon())]


def test_a_bracketed_credit_before_the_speaker_is_not_the_speaker():
    assert _sources_of(CREDIT_PARSE) == ["Syrian Observatory for Human Rights"]


def test_opposite_a_speaker_parsed_as_subject_without_a_bracket_keeps_its_phrase():
    parse = [(w, h - 6 if h >= 6 else h, d, p) for w, h, d, p in CREDIT_PARSE[6:]]
    parse[1] = ("Observatory", 5, "nsubj", "PROPN")
    assert _sources_of(parse) == ["Syrian Observatory for Human Rights"]


@pytest.mark.slow
def test_an_inverted_speaker_after_a_prepositional_object_speaks(run):
    _, figures = run("Bombing hits the province. At least 52 civilians have been killed and 260 injured in "
                     "bombings that caused damage in schools and hospitals said the Observatory.")
    assert _source(figures, "killed", 52) == "the Observatory"
    assert _source(figures, "injured", 260) == "the Observatory"


@pytest.mark.slow
def test_opposite_a_name_before_said_without_a_bracket(run):
    _, figures = run("Strikes hit the town. Air strikes killed at least 14 civilians in the town the Syrian "
                     "Observatory for Human Rights said on Friday.")
    assert (_source(figures, "killed", 14) or "").endswith("Syrian Observatory for Human Rights")


@pytest.mark.slow
def test_opposite_a_source_with_its_own_prepositional_phrase_keeps_it(run):
    _, figures = run("Shelling hits the town. Twenty-three people were killed in the shelling of the town on "
                     "Monday a source in the local council said.")
    assert "source in the local council" in (_source(figures, "killed", 23) or "")


@pytest.mark.slow
def test_opposite_whom_a_source_tells_is_not_the_speaker(run):
    _, figures = run("Blast hits the town. A blast killed 11 people in the town a doctor at the main hospital "
                     "told Reuters.")
    assert "doctor" in (_source(figures, "killed", 11) or "")
