"""Event cue lemmas learned from coded articles (issue 13, branch events47;
``sitrep.stages.events.learned_cues``, measured by ``benchmarks/events_learned_cues.py``). The
sentences are written for these tests."""

from __future__ import annotations

import pytest

from sitrep.stages.events import learned_cues
from sitrep.stages.events.learned_cues import Cue, LearnedCues, extend
from sitrep.stages.events.lexicon import load_lexicon
from sitrep.stages.events.triggers import find_triggers

COUNTED = [
    Cue("foil", "verb", "ASSAULT", coded=5, seen=7),  # 0.71
    Cue("plea", "noun", "REQUEST", coded=2, seen=2),  # 1.0, but only twice
    Cue("use", "verb", "ASSAULT", coded=13, seen=48),  # 0.27
]


def test_the_switch_ships_off_and_no_cue_file_ships():
    assert learned_cues.USE is False
    assert learned_cues.RECORD is None
    assert not learned_cues.CUES_FILE.exists()


def test_admission_needs_both_the_ratio_and_the_count():
    assert set(LearnedCues.admit(COUNTED, 0.5, 2).cues) == {("foil", "verb"), ("plea", "noun")}
    assert set(LearnedCues.admit(COUNTED, 0.5, 3).cues) == {("foil", "verb")}
    assert set(LearnedCues.admit(COUNTED, 0.2, 3).cues) == {("foil", "verb"), ("use", "verb")}
    assert LearnedCues.admit(COUNTED, 1.01, 1).cues == {}
    assert Cue("x", "verb", "ASSAULT", 0, 0).ratio == 0.0


def test_the_cue_file_round_trips(tmp_path):
    cues = LearnedCues.admit(COUNTED, 0.0, 1)
    path = tmp_path / "cues.json"
    path.write_text(cues.to_json({"threshold": 0.0}), encoding="utf-8")
    assert LearnedCues.read(path) == cues


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


def _sentence(nlp, text):
    return next(iter(nlp(text).sents))


def test_a_cue_adds_a_trigger_only_on_an_uncovered_word_of_its_part_of_speech(nlp, lexicon):
    sent = _sentence(nlp, "Border guards foiled a smuggling attempt near Arden and shelled the camp.")
    found = find_triggers(sent, lexicon)
    assert "foiled" not in [t.text for t in found]  # the lexicon has no cue for it
    shelled = [t for t in found if t.text == "shelled"]
    assert shelled
    cues = LearnedCues({("foil", "verb"): COUNTED[0],
                        ("shell", "verb"): Cue("shell", "verb", "PROTEST", 9, 9),  # a covered word: ignored
                        ("foil", "noun"): Cue("foil", "noun", "REJECT", 9, 9)})  # another part of speech
    out = extend(sent, found, cues)
    added = [t for t in out if t.code.source == "learned"]
    assert [(t.text, t.code.category, t.kind) for t in added] == [("foiled", "ASSAULT", "verb")]
    assert [t.code.category for t in out if t.text == "shelled"] == [shelled[0].code.category]
    assert extend(sent, found, LearnedCues({})) is found


def test_a_reporting_verb_is_never_a_cue(nlp, lexicon):
    sent = _sentence(nlp, "The mayor said the convoy arrived.")
    cues = LearnedCues({("say", "verb"): Cue("say", "verb", "ACCUSE", 9, 9),
                        ("convoy", "noun"): Cue("convoy", "noun", "AID", 9, 9)})
    added = [t.text for t in extend(sent, find_triggers(sent, lexicon), cues) if t.code.source == "learned"]
    assert added == ["convoy"]


def test_the_hook_records_every_verb_and_noun_with_its_cover(nlp, lexicon, monkeypatch):
    sent = _sentence(nlp, "Border guards foiled a smuggling attempt and shelled the camp.")
    monkeypatch.setattr(learned_cues, "RECORD", [])
    extend(sent, find_triggers(sent, lexicon), LearnedCues({}))
    recorded = {(lem, pos): covered for _, _, _, lem, pos, covered in learned_cues.RECORD}
    assert recorded[("foil", "verb")] is False
    assert recorded[("shell", "verb")] is True
    assert recorded[("camp", "noun")] is False


@pytest.fixture(scope="module")
def analyze(analyze_text):  # loads the model (slow)
    return lambda text: analyze_text(text, ["actors", "time", "place", "events"], published="2016-07-16")


def test_the_stage_adds_learned_triggers_only_with_the_switch(analyze, monkeypatch):
    text = "Government troops foiled an infiltration by the rebels near the town of Arden on Tuesday."
    off = analyze(text).events
    assert not [e for e in off if e.trigger == "foiled"]
    cues = LearnedCues({("foil", "verb"): COUNTED[0]})
    monkeypatch.setattr(learned_cues, "_LOADED", {learned_cues.CUES_FILE: cues})
    assert analyze(text).events == off  # the switch is off: the cues are not read
    monkeypatch.setattr(learned_cues, "USE", True)
    on = analyze(text).events
    assert [(e.trigger, e.category) for e in on if e.trigger == "foiled"] == [("foiled", "ASSAULT")]
    monkeypatch.setattr(learned_cues, "_LOADED", {learned_cues.CUES_FILE: None})
    assert analyze(text).events == off  # no cue file: as off


def test_a_class_cue_stands_for_the_nouns_the_lexicon_holds_as_verbs(nlp, lexicon):
    from sitrep.stages.events.learned_cues import derived_key

    assert derived_key("ambush", "noun", lexicon) == "~ASSAULT"  # the lexicon's verb "ambush"
    assert derived_key("weather", "noun", lexicon) == ""
    sent = _sentence(nlp, "The ambush near Arden left a convoy stranded.")
    found = find_triggers(sent, lexicon)
    assert "ambush" not in [t.text for t in found]
    cls = LearnedCues({("~ASSAULT", "noun"): Cue("~ASSAULT", "noun", "ASSAULT", 9, 12)})
    assert extend(sent, found, cls) is found  # without the lexicon no class is read
    added = [(t.text, t.code.category) for t in extend(sent, found, cls, lexicon) if t.code.source == "learned"]
    assert added == [("ambush", "ASSAULT")]
    own = LearnedCues({**cls.cues, ("ambush", "noun"): Cue("ambush", "noun", "COERCE", 3, 3)})
    added = [(t.text, t.code.category) for t in extend(sent, found, own, lexicon) if t.code.source == "learned"]
    assert added == [("ambush", "COERCE")]  # the lemma's own cue wins over its class's
