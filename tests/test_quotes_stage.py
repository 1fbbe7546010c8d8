"""The quote stage on sentences written for these tests: each construction, speakers, scare quotes."""

from __future__ import annotations

import dataclasses

import pytest

from sitrep.records import Actor, Mention, Quote
from sitrep.stages.base import Analysis
from sitrep.stages.quotes import QuoteStage


@pytest.fixture(scope="module")
def run(nlp, parse):
    stage = QuoteStage(nlp)

    def _run(text: str, mentions: list[tuple[str, str, str]] | None = None, **meta) -> Analysis:
        analysis = parse(text, **meta)
        if mentions:
            ms, actors = [], {}
            for surface, actor, kind in mentions:
                start = text.index(surface)
                ms.append(Mention("t", actor, start, start + len(surface), surface, ""))
                actors[actor] = Actor(actor, surface, kind=kind)
            analysis = dataclasses.replace(analysis, mentions=ms, actors=list(actors.values()))
        return stage(analysis)

    return _run


def one(quotes: list[Quote], needle: str) -> Quote:
    hits = [q for q in quotes if needle in q.text]
    assert len(hits) == 1, [q.text for q in quotes]
    return hits[0]


def test_stage_direct_speaker_after(run) -> None:
    a = run('"We will not retreat from the city," Ahmed Salem said.')
    q = one(a.quotes, "retreat")
    assert (q.kind, q.speaker_text, q.cue) == ("direct", "Ahmed Salem", "said")
    assert a.document.text[q.start : q.end] == q.text


def test_stage_direct_speaker_before_with_colon(run) -> None:
    a = run('The commander said: "Our forces are ready. We will defend every street."')
    q = one(a.quotes, "ready")
    assert "every street" in q.text
    assert (q.kind, q.speaker_text) == ("direct", "The commander")


def test_stage_direct_inverted_with_adding(run) -> None:
    a = run('"The talks are over," said Maria Lopez, adding "nobody will return to Vienna this year."')
    assert one(a.quotes, "talks are over").speaker_text == "Maria Lopez"
    assert one(a.quotes, "Vienna").speaker_text == "Maria Lopez"


def test_stage_direct_speaker_in_the_middle(run) -> None:
    a = run('"The ceasefire is holding," the spokesman said. "We expect aid convoys to arrive tomorrow morning."')
    assert one(a.quotes, "ceasefire").speaker_text == "the spokesman"
    assert one(a.quotes, "convoys").speaker_text == "the spokesman"


@pytest.mark.parametrize(
    "text, needle, speaker, cue",
    [
        ("The foreign minister warned that the offensive would trigger a wider war.", "wider war", "The foreign minister", "warned"),
        ("The governor said the bridge had been destroyed overnight.", "bridge", "The governor", "said"),
        ("The envoy told the council that both sides had agreed to a pause.", "pause", "The envoy", "told"),
        ("The ministry denied that its aircraft had struck the market.", "aircraft", "The ministry", "denied"),
        ("The opposition accused the army of shelling civilian homes.", "shelling", "The opposition", "accused"),
        ("Rebel commanders claimed they had retaken the airport.", "airport", "Rebel commanders", "claimed"),
    ],
)
def test_stage_indirect_speech(run, text: str, needle: str, speaker: str, cue: str) -> None:
    q = one(run(text).quotes, needle)
    assert (q.kind, q.speaker_text, q.cue) == ("indirect", speaker, cue)


def test_stage_mixed_quote(run) -> None:
    q = one(run('The president said the strikes were "a grave mistake" that would cost lives.').quotes, "grave")
    assert (q.kind, q.speaker_text) == ("mixed", "The president")
    assert "cost lives" in q.text


@pytest.mark.parametrize(
    "text, needle, speaker",
    [
        ("According to Leila Haddad of the Arab Institute, the siege has cut off food supplies.", "siege", "Leila Haddad of the Arab Institute"),
        ("The siege has cut off food supplies to the old town, according to the Red Cross.", "siege", "the Red Cross"),
    ],
)
def test_stage_according_to(run, text: str, needle: str, speaker: str) -> None:
    q = one(run(text).quotes, needle)
    assert q.speaker_text == speaker and q.cue.lower() == "according to"


def test_stage_noun_frames(run) -> None:
    a = run("The army's statement that no civilians were hurt was widely disputed.")
    q = one(a.quotes, "civilians")
    assert (q.speaker_text, q.cue) == ("The army", "statement")
    b = run("Moscow's version of events changed twice in one week.")
    assert one(b.quotes, "version").speaker_text == "Moscow"


def test_stage_outlet_and_short_form(run) -> None:
    text = (
        "The fighting killed 30 people, the Daily Herald reported on Monday.\n\n"
        'As the Herald noted Friday, the aid convoy "never reached the town" before dark.'
    )
    a = run(text)
    assert one(a.quotes, "killed").speaker_text == "the Daily Herald"
    second = one(a.quotes, "convoy")
    assert second.speaker_text == "the Daily Herald" and second.kind == "mixed"


def test_stage_speakers_map_to_actor_ids_and_pronouns(run) -> None:
    text = (
        'Ahmed Salem said the city would be rebuilt.\n\n'
        '"We will never give up on this place," he said.'
    )
    a = run(text, mentions=[("Ahmed Salem", "person-salem", "person")])
    assert one(a.quotes, "rebuilt").speaker == "person-salem"
    q = one(a.quotes, "give up")
    assert q.speaker == "person-salem" and q.speaker_text == "Ahmed Salem"


def test_stage_leftmost_mention_is_the_speaker(run) -> None:
    text = "According to Leila Haddad of the Arab Institute, the siege has cut off food supplies."
    a = run(text, mentions=[("Leila Haddad", "p-haddad", "person"), ("Arab Institute", "o-ai", "ngo")])
    assert one(a.quotes, "siege").speaker == "p-haddad"


@pytest.mark.parametrize(
    "text, scare",
    [
        ('The rebels opened a "second front" in the south last week.', '"second front"'),
        ("Officials promoted the “Aleppo First” idea at the summit.", "“Aleppo First”"),
        ("He wrote a memoir, “Long Road Home,” about the war years.", "“Long Road Home,”"),
    ],
)
def test_stage_scare_quotes_and_titles_are_not_quotes(run, text: str, scare: str) -> None:
    a = run(text)
    assert [s.text for s in a.scare_quotes] == [scare]
    assert not any(scare.strip("\"“”,") in q.text for q in a.quotes)


def test_stage_scare_quote_attaches_to_possessor_actor(run) -> None:
    text = "Washington's “strategic patience” has run out, diplomats in the region believe."
    a = run(text, mentions=[("Washington", "USA-GOV", "state")])
    (s,) = a.scare_quotes
    assert s.attached_to == "USA-GOV"


def test_stage_apostrophes_are_not_quotes(run) -> None:
    a = run("Al Qaeda's fighters left the valley in the '90s, and the rebels' supply lines collapsed.")
    assert a.quotes == [] and a.scare_quotes == []


def test_stage_unbalanced_quote_does_not_swallow_following_paragraphs(run) -> None:
    text = (
        'The mayor said "we are finished here.\n\n'
        "Troops entered the town on Monday.\n\n"
        "Officials said the fighting was over by noon."
    )
    a = run(text)
    assert not any("Troops" in q.text for q in a.quotes)
    assert one(a.quotes, "fighting").speaker_text == "Officials"
    assert one(a.quotes, "finished").end <= text.index("\n")


def test_stage_quote_running_across_paragraphs(run) -> None:
    text = (
        "The general said: “We will hold the line whatever it costs us.\n\n"
        "“Nobody in this brigade will retreat,” he added.\n\nThe shelling resumed at dawn."
    )
    a = run(text)
    q = one(a.quotes, "hold the line")
    assert "Nobody in this brigade" in q.text and q.speaker_text == "The general"
    assert not any("shelling" in x.text for x in a.quotes)


def test_stage_records_point_into_the_text(run) -> None:
    text = '"The road is open," a UN official said. Aid groups warned that stocks were low.'
    a = run(text)
    assert a.quotes
    for q in a.quotes:
        assert text[q.start : q.end] == q.text and q.sentence and q.id.startswith("t:q")


def test_stage_role_description_resolves_to_the_titled_person(run) -> None:
    text = (
        "The special envoy for Syria, Lena Hart, arrived in Geneva on Monday.\n\n"
        "The UN envoy told the council that both sides had agreed to a pause."
    )
    a = run(text, mentions=[("Lena Hart", "p-hart", "person"), ("UN envoy", "un-envoy-role", "other")])
    q = one(a.quotes, "pause")
    assert q.speaker == "p-hart" and q.speaker_text == "The UN envoy"


@pytest.mark.parametrize(
    "text",
    [
        "Russian jets attacked the market on Tuesday.",
        "Russia posted troops at the border and the army charged the town.",
        "The convoy, known as Operation Mercy, reached Aleppo before the strikes resumed.",
        "The rebels agreed to a ceasefire in Idlib.",
    ],
)
def test_stage_actions_are_not_quotes(run, text: str) -> None:
    assert run(text).quotes == []


def test_stage_capital_who_is_the_organisation_not_a_relative_pronoun(run) -> None:
    # the parser reads "WHO" as the relative pronoun of "supported by ..."; in capitals it is the speaker
    a = run("Doctors at a hospital supported by the WHO said on Tuesday that nerve agents had been used.")
    q = one(a.quotes, "nerve agents")
    assert q.speaker_text == "the WHO"
    a = run("Doctors at a hospital run by the WHO, which said on Tuesday that nerve agents had been used, were busy.")
    assert one(a.quotes, "nerve agents").speaker_text == "the WHO"  # a real relative pronoun still refers back
