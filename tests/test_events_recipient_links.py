"""Whom an attack harmed, read through the verb the attack is tied to (issue 13, branch events17):
a gerund subject of a harm verb ("Shelling by the army killed ..."), a result verb's object left
harmed ("the raids left 31 civilians dead"), a passive harm conjunct sharing its first conjunct's
subject. Each reading is a named switch in ``arguments`` (off by default: the out-of-fold check
did not ship them); these tests pin what each switch does and that off means ``main``'s reading.
Sentences are written for these tests."""

from __future__ import annotations

import pytest

from sitrep.stages.events import arguments
from sitrep.stages.events.arguments import harm_objects, harmed
from sitrep.stages.events.triggers import Trigger


def _tok(doc, word):  # type: ignore[no-untyped-def]
    return next(t for t in doc if t.lower_ == word)


def _noun_trigger(tok):  # type: ignore[no-untyped-def]
    return Trigger(tok, [tok], None, "noun" if tok.pos_ in ("NOUN", "PROPN") else "verb")  # type: ignore[arg-type]


@pytest.fixture
def switches_on(monkeypatch):  # type: ignore[no-untyped-def]
    for name in ("CLAUSAL_CAUSE", "RESULT_OBJECTS", "SHARED_PASSIVE_SUBJECT"):
        monkeypatch.setattr(arguments, name, True)


def test_the_switches_are_off_by_default():
    # the out-of-fold check of benchmarks/events_recipient_links.py did not ship them
    assert not (arguments.CLAUSAL_CAUSE or arguments.RESULT_OBJECTS or arguments.SHARED_PASSIVE_SUBJECT
                or arguments.STATE_NAMES_LOCATE_PLACES)


@pytest.mark.parametrize("text, trigger, harmed_word", [
    ("The bombardment left at least 31 civilians dead in the town.", "bombardment", "civilians"),
    ("The shelling also left dozens of people injured in the old town.", "shelling", "dozens"),
])
def test_a_result_verb_names_whom_the_attack_left_harmed(nlp, switches_on, text, trigger, harmed_word):
    doc = nlp(text)
    trig = _noun_trigger(_tok(doc, trigger))
    if trig.anchor.dep_ != "nsubj":  # pragma: no cover - depends on the parser's reading
        pytest.skip(f"parsed as {trig.anchor.dep_}")
    assert [t.lower_ for t in harm_objects(trig)] == [harmed_word]


def test_a_result_verb_without_a_harmed_state_names_nobody(nlp, switches_on):
    # "left the town" is not a harm: no object is left dead or wounded
    doc = nlp("The raids left the town in ruins.")
    assert harm_objects(_noun_trigger(_tok(doc, "raids"))) == []


def test_off_a_result_verb_is_not_read(nlp):
    doc = nlp("The raids left at least 31 civilians dead in the town.")
    assert harm_objects(_noun_trigger(_tok(doc, "raids"))) == []


def test_a_harm_verb_object_is_read_with_the_switches_off_as_before(nlp):
    doc = nlp("The car bomb attack killed two policemen in the city.")
    assert [t.lower_ for t in harm_objects(_noun_trigger(_tok(doc, "attack")))] == ["policemen"]


def test_a_gerund_subject_of_a_harm_verb_is_its_cause(nlp, monkeypatch):
    doc = nlp("Shelling by the army killed ten civilians in the village.")
    trig = _noun_trigger(_tok(doc, "shelling"))
    if trig.anchor.dep_ != "csubj":  # pragma: no cover - depends on the parser's reading
        pytest.skip(f"parsed as {trig.anchor.dep_}")
    assert harm_objects(trig) == []  # off: main's reading
    monkeypatch.setattr(arguments, "CLAUSAL_CAUSE", True)
    assert [t.lower_ for t in harm_objects(trig)] == ["civilians"]


def test_a_passive_conjunct_without_a_subject_shares_the_first_ones(nlp, monkeypatch):
    doc = nlp("At least 14 people were killed 25 were wounded in a suicide attack on a wedding.")
    verb = _tok(doc, "wounded")
    if verb.dep_ != "conj" or any(c.dep_ == "nsubjpass" for c in verb.children):  # pragma: no cover
        pytest.skip(f"parsed as {verb.dep_}")
    assert harmed(verb) == []  # off: main's reading
    monkeypatch.setattr(arguments, "SHARED_PASSIVE_SUBJECT", True)
    assert [t.lower_ for t in harmed(verb)] == ["people"]


def test_a_passive_conjunct_with_its_own_subject_keeps_it(nlp, switches_on):
    doc = nlp("Five soldiers were killed and three civilians were wounded in the attack.")
    verb = _tok(doc, "wounded")
    assert [t.lower_ for t in harmed(verb)] == ["civilians"]


def _index(doc, spans):  # type: ignore[no-untyped-def]
    """A mention index over ``doc`` with one mention per (text, actor id, kind)."""
    from sitrep.records import Mention
    from sitrep.stages.events.arguments import MentionIndex

    mentions, kinds = [], {}
    for text, actor, kind in spans:
        start = doc.text.index(text)
        mentions.append(Mention(document="d", actor=actor, start=start, end=start + len(text), text=text,
                                sentence=doc.text))
        kinds[actor] = kind
    index = MentionIndex.build(doc, mentions, [])
    index.kinds.update(kinds)
    return index


@pytest.mark.parametrize("text, head, kept", [
    # a state's name on a place noun locates the place: no party (switch on)
    ("The militants attacked a Syria border town at dawn.", "town", []),
    # an adjective of the state on a place noun is its owner ("a Syrian air base"): kept
    ("The militants attacked a Syrian air base at dawn.", "base", ["SYR"]),
])
def test_a_state_name_on_a_place_noun_only_locates_it(nlp, monkeypatch, text, head, kept):
    from sitrep.stages.events.arguments import _mentions_in

    doc = nlp(text)
    word = "Syria" if "Syria " in text else "Syrian"
    index = _index(doc, [(word, "SYR", "state")])
    noun = _tok(doc, head)
    state = _tok(doc, word.lower())
    if noun.pos_ != "NOUN" or state.head.i != noun.i:  # pragma: no cover - depends on the parser
        pytest.skip(f"parsed as {noun.pos_}, {word} on {state.head.text}")
    assert [m.actor for m in _mentions_in(noun, index, set())] == ["SYR"]  # off: main's reading
    monkeypatch.setattr(arguments, "STATE_NAMES_LOCATE_PLACES", True)
    assert [m.actor for m in _mentions_in(noun, index, set())] == kept
