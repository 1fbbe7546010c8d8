"""Roles of passives written without their auxiliary (issue 13, roles, night 3): a headline's
passive ("Five soldiers killed by IS in Aleppo") and a reduced relative ("100 fighters killed by
the army") name the undergoer as the subject or the modified noun, not the doer; a participle
after "have" or with an object is active. Sentences are written for these tests."""

from __future__ import annotations

import pytest

from sitrep.stages.events.arguments import _phrase, _subject, reduced_passive


def _verb(doc, word):  # type: ignore[no-untyped-def]
    return next(t for t in doc if t.lower_ == word)


@pytest.mark.parametrize("text, word, noun", [
    ("Five Syrian soldiers killed by rebels in Aleppo.", "killed", "soldiers"),
    ("Twelve civilians wounded by shelling in Idlib.", "wounded", "civilians"),
    ("Three soldiers killed in a rebel attack near Hama.", "killed", "soldiers"),
])
def test_the_noun_a_headline_participle_modifies_undergoes_it(nlp, text, word, noun):
    verb = _verb(nlp(text), word)
    agents, patients = _subject(verb)
    assert [t.lower_ for t in patients] == [noun]
    assert all(t.lower_ != noun for t in agents)


def test_a_participle_with_a_subject_and_no_auxiliary_is_a_reduced_passive(nlp):
    # the tagger reads "captured" as a participle with a subject and no auxiliary
    verb = _verb(nlp("Syrian soldiers captured while fleeing were executed by the militants."), "captured")
    assert verb.tag_ == "VBN" and any(c.dep_ == "nsubj" for c in verb.children), (
        f"the pinned parser's reading changed: {verb.tag_}/{[c.dep_ for c in verb.children]}"
    )
    assert reduced_passive(verb)
    agents, patients = _subject(verb)
    assert [t.lower_ for t in patients] == ["soldiers"] and not agents


@pytest.mark.parametrize("text, word", [
    ("The rebels have killed 30 soldiers in Aleppo.", "killed"),  # after "have": active
    ("Turkish jets killed 30 fighters near Afrin.", "killed"),  # an object: active
    ("The soldiers were killed by rebels.", "killed"),  # a full passive: read as before
])
def test_an_active_or_full_passive_is_not_reduced(nlp, text, word):
    assert not reduced_passive(_verb(nlp(text), word))


def test_the_noun_a_reduced_relative_modifies_undergoes_it_even_with_an_agent(nlp):
    doc = nlp("More than 100 militants killed by the Syrian army in Aleppo.")
    verb = _verb(doc, "killed")
    assert verb.dep_ == "acl", f"the pinned parser's reading changed: {verb.dep_}, not a reduced relative"
    agents, patients = _subject(verb)
    assert [t.lower_ for t in patients] == ["militants"]
    assert [t.lower_ for t in agents] == ["army"]


@pytest.fixture(scope="module")
def analyse():  # loads the model (slow)
    from sitrep.pipeline import build_pipeline
    from sitrep.records import Document

    pipeline = build_pipeline(only=["actors", "time", "place", "events"])

    def _run(text: str):  # type: ignore[no-untyped-def]
        return next(pipeline.analyze([Document(id="d", sha256="d", text=text, published="2016-07-16")]))

    return _run


@pytest.mark.slow
def test_a_headline_passive_gives_the_doer_and_the_undergoer(analyse):
    analysis = analyse("More Than 100 Rebel Fighters Killed by Syrian Army in Aleppo.")
    names = {a.id: a.name for a in analysis.actors}
    (event,) = [e for e in analysis.events if e.trigger.lower() == "killed"]
    assert [names[i] for i in event.actors] == ["Syrian Arab Army"]
    assert [names[i] for i in event.recipients] == ["Syrian opposition"]


@pytest.mark.slow
@pytest.mark.parametrize("text, trigger, doer", [
    # a named group's own members, by a possessive pronoun ("one of its fighters")
    ("The Islamic State said one of its fighters fired on Kurdish fighters near Hassakeh.", "fired", "Islamic State"),
    ("Al-Nusra Front said its gunmen attacked an army checkpoint near Idlib.", "attacked", "al-Nusra Front"),
])
def test_a_possessive_pronoun_names_the_group_its_fighters_belong_to(analyse, text, trigger, doer):
    analysis = analyse(text)
    names = {a.id: a.name for a in analysis.actors}
    (event,) = [e for e in analysis.events if e.trigger == trigger]
    assert [names.get(i, i) for i in event.actors] == [doer]
    assert not set(event.actors) & set(event.recipients)


@pytest.mark.slow
@pytest.mark.parametrize("text, trigger", [
    # the clause on the victims names the attacker: the victims are still unaffiliated people
    ("Seven Civilians Killed in Terrorist Rocket Attack in Azaz Town.", "attack"),
    # the people an attack is aimed at, in an "against"/"on" phrase of the trigger
    ("Armed Men Carry out Executions against Civilians in Deir Ezzor.", "executions"),
])
def test_victims_in_a_reduced_clause_or_an_aimed_phrase_are_the_recipients(analyse, text, trigger):
    analysis = analyse(text)
    sectors = {a.id: a.sector for a in analysis.actors}
    (event,) = [e for e in analysis.events if trigger in e.trigger.lower()]
    assert [sectors.get(r) for r in event.recipients] == ["CVL"]


def test_the_victim_phrase_leaves_out_the_clause_that_hangs_on_it(nlp):
    doc = nlp("Five civilians killed in a Hezbollah rocket attack near Qusair.")
    noun = _verb(doc, "civilians")
    words = [t.lower_ for t in _phrase(noun)]
    assert "civilians" in words and "hezbollah" not in words and "attack" not in words


@pytest.mark.parametrize("text, noun, subject", [
    ("The council condemned the massacre that the militias committed in the village.", "massacre", "militias"),
    ("The council condemned the crimes the militias are committing against civilians.", "crimes", "militias"),
])
def test_the_subject_of_a_relative_clause_with_a_gap_did_the_act(nlp, text, noun, subject):
    from sitrep.stages.events.arguments import gap_subjects

    assert [t.lower_ for t in gap_subjects(_verb(nlp(text), noun))] == [subject]


@pytest.mark.parametrize("text, noun", [
    ("The agency repeated its demand that Israel ease the restrictions.", "demand"),  # a complement: own object
    ("The attack that killed five soldiers was condemned.", "attack"),  # a relative pronoun subject
])
def test_a_complement_clause_or_a_relative_pronoun_subject_names_no_doer(nlp, text, noun):
    from sitrep.stages.events.arguments import gap_subjects

    assert gap_subjects(_verb(nlp(text), noun)) == []


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "The opposition council condemned the crimes committed by Iranian militias in Aleppo.",
    "The opposition council condemned the war crimes the Iranian militias are committing in Aleppo.",
])
def test_who_is_condemned_for_acts_is_the_recipient(analyse, text):
    analysis = analyse(text)
    names = {a.id: a.name for a in analysis.actors}
    (event,) = [e for e in analysis.events if e.trigger == "condemned"]
    assert [names.get(r, r) for r in event.recipients] == ["Iranian armed groups"]


@pytest.mark.slow
def test_the_doer_of_an_act_in_its_relative_clause_is_its_actor_not_its_recipient(analyse):
    analysis = analyse("The council condemned the massacre that Iranian militias committed in Aleppo.")
    names = {a.id: a.name for a in analysis.actors}
    (event,) = [e for e in analysis.events if e.trigger == "massacre"]
    assert [names.get(a, a) for a in event.actors] == ["Iranian armed groups"]
    assert "Iranian armed groups" not in [names.get(r, r) for r in event.recipients]
