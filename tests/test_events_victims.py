"""Victims an attack harmed, read from the parse (issue 13, branch events32): a victim noun's
affiliation comes from its own words, not from the place phrases hung on it
(``VICTIM_OWN_WORDS``), and a harmed object that is something people had names them through its
"of" complement (``VICTIM_OF_OBJECT``). Each reading is a named switch of ``arguments``; these
tests pin what each does, what it leaves alone, and that off is the old reading. Sentences are
written for these tests."""

from __future__ import annotations

import pytest

from sitrep.records import Mention
from sitrep.stages.events import arguments
from sitrep.stages.events.arguments import MentionIndex, victims
from sitrep.stages.events.lexicon import Code
from sitrep.stages.events.triggers import Trigger


def _tok(doc, word):  # type: ignore[no-untyped-def]
    return next(t for t in doc if t.lower_ == word)


def _trigger(tok):  # type: ignore[no-untyped-def]
    kind = "noun" if tok.pos_ in ("NOUN", "PROPN") else "verb"
    return Trigger(tok, [tok], Code("ASSAULT", None, "curated"), kind)


def _index(doc, names):  # type: ignore[no-untyped-def]
    """An index with one state mention per name (as the actor stage marks "Syria", "Lebanon")."""
    mentions = []
    for name in names:
        start = doc.text.index(name)
        mentions.append(Mention(document="d", actor=name.upper()[:3], start=start, end=start + len(name),
                                text=name, sentence="s"))
    return MentionIndex.build(doc, mentions, [])


def _victims(nlp, text, trigger, names=()):  # type: ignore[no-untyped-def]
    doc = nlp(text)
    return [t.lower_ for t in victims(_trigger(_tok(doc, trigger)), _index(doc, names))]


def test_the_new_switches_are_off_by_default():
    # benchmarks/events_victims.py: leave one wave out they gain 12 tune recipients, none lost, but the
    # mean per-wave gain (1.2) is not beyond the spread of the per-wave differences (sd 1.23); on 102
    # tune articles, with wave 13 fresh (one recipient lost there): mean 1.00, sd 1.28
    assert not (arguments.VICTIM_OWN_WORDS or arguments.VICTIM_OF_OBJECT)


@pytest.mark.parametrize("text, trigger, state", [
    ("A rocket strike killed 12 civilians including three children in the northern province of Lebanon.",
     "strike", "Lebanon"),
    ("Powerful blast kills four people in Jounieh the coastal heartland of Lebanon.", "blast", "Lebanon"),
    ("A car bomb killed seven civilians including two women in the eastern province of Lebanon.", "bomb", "Lebanon"),
])
def test_a_state_named_where_the_victims_were_does_not_affiliate_them(nlp, monkeypatch, text, trigger, state):
    doc = nlp(text)
    noun = next(t for t in doc if t.lower_ in ("civilians", "people"))
    if _tok(doc, state.lower()) not in list(noun.subtree):  # pragma: no cover - depends on the parser
        pytest.skip("the parser did not hang the place phrase on the victims")
    monkeypatch.setattr(arguments, "VICTIM_OWN_WORDS", False)
    assert _victims(nlp, text, trigger, [state]) == []  # off: the old reading
    monkeypatch.setattr(arguments, "VICTIM_OWN_WORDS", True)
    assert _victims(nlp, text, trigger, [state]) in (["civilians"], ["people"])


def test_a_state_among_the_victims_own_words_still_affiliates_them(nlp, monkeypatch):
    # "Lebanese civilians" are the state's civilians: the actor stage's mention names them, not victims()
    monkeypatch.setattr(arguments, "VICTIM_OWN_WORDS", True)
    assert _victims(nlp, "A rocket strike killed 12 Lebanese civilians in the town.", "strike", ["Lebanese"]) == []


def test_the_people_of_a_place_stay_affiliated(nlp, monkeypatch):
    # "of" is kept: "the people of X" is whose the people are
    monkeypatch.setattr(arguments, "VICTIM_OWN_WORDS", True)
    doc = nlp("The shelling killed eight people of Lebanon near the border.")
    trig = _trigger(_tok(doc, "shelling"))
    noun = _tok(doc, "people")
    if not any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):  # pragma: no cover - parser
        pytest.skip("the parser did not hang 'of Lebanon' on 'people'")
    assert [t.lower_ for t in victims(trig, _index(doc, ["Lebanon"]))] == []


@pytest.mark.parametrize("text, trigger, victim", [
    ("A car bomb attack in the city has claimed the lives of 14 civilians.", "attack", "civilians"),
    ("Gunmen fired at the market, claiming the life of a child.", "fired", "child"),
])
def test_the_lives_of_people_name_the_people(nlp, monkeypatch, text, trigger, victim):
    monkeypatch.setattr(arguments, "VICTIM_OF_OBJECT", False)
    assert _victims(nlp, text, trigger) == []  # off: the old reading
    monkeypatch.setattr(arguments, "VICTIM_OF_OBJECT", True)
    assert _victims(nlp, text, trigger) == [victim]


def test_an_object_of_things_names_nobody(nlp, monkeypatch):
    # "the roof of the school" is no person: the "of" complement is not a victim noun
    monkeypatch.setattr(arguments, "VICTIM_OF_OBJECT", True)
    assert _victims(nlp, "The airstrike destroyed the roof of the school.", "airstrike") == []
