"""The place of an event, the doer of a light-verb event and an attack's results (issue 13,
evening follow-up): the most specific place of a chain ("X in the Y countryside"), no place from
a parenthetical aside or from the addressee of "called on X", verbal events placed only where
they were said or held, a country-only place refined from the same incident told before, the
material result of an attack told in a participle. Sentences written for these tests; the full
pipeline runs (actors, time, place, events), so those tests load the spaCy model."""

from __future__ import annotations

import pytest

from sitrep.records import Place
from sitrep.stages.events.assemble import _vaguer


def _at(name: str, level: int | None, country: str = "SY") -> Place:
    return Place(document="d", start=0, end=len(name), text=name, sentence=name, name=name,
                 country=country, level=level)


def test_only_a_missing_or_country_place_is_vaguer_than_the_incidents():
    village = _at("Kafr Nabl", 4)
    assert _vaguer(None, village)
    assert _vaguer(_at("Syria", 1), village)
    assert _vaguer(_at("Syria", 1), _at("Kafr Nabl", None))  # an unresolved village name
    assert not _vaguer(_at("Syria", 1), _at("Mosul", 4, country="IQ"))  # another country
    assert not _vaguer(_at("Ariha", 4), village)  # a place of its own stays
    assert not _vaguer(_at("Syria", 1), _at("Syria", 1))


@pytest.fixture(scope="module")
def analyze(analyze_text):  # loads the model (slow)
    return lambda text: analyze_text(text, ["actors", "time", "place", "events"], published="2016-07-16")


def _place(event):
    return event.place.text if event.place is not None else None


@pytest.mark.slow
def test_the_smaller_place_of_a_chain_is_the_events_place(analyze):
    # "in X in the Y countryside": the parser hangs both phrases on the noun, the text says X lies in Y
    analysis = analyze("One of their buildings in Jisr al-Shughur in the western Idlib countryside "
                       "was hit by an air strike on Saturday.")
    (ev,) = [e for e in analysis.events if e.category == "ASSAULT"]
    assert _place(ev) == "Jisr al-Shughur"


@pytest.mark.slow
def test_a_place_in_a_parenthetical_aside_is_not_the_events_place(analyze):
    analysis = analyze("Troops shelled the militants (banned in Russia) in Raqqa on Monday.")
    (ev,) = [e for e in analysis.events if e.trigger == "shelled"]
    assert _place(ev) == "Raqqa"


@pytest.mark.slow
def test_a_statement_takes_no_place_from_what_it_condemns(analyze):
    analysis = analyze("The opposition council condemned the crimes the militias are committing "
                       "against civilians in Homs.")
    accusations = [e for e in analysis.events if e.category == "ACCUSE"]
    assert accusations, "the condemnation is still an event of the conflict"
    assert all(e.place is None for e in accusations)


@pytest.mark.slow
def test_a_meeting_keeps_the_place_it_was_held_in(analyze):
    analysis = analyze("Turkish and Russian officials met in Ankara on Monday.")
    (ev,) = [e for e in analysis.events if e.category == "CONSULT"]
    assert _place(ev) == "Ankara"


@pytest.mark.slow
def test_the_addressee_of_a_call_is_no_place(analyze):
    analysis = analyze("The minister called on Washington to stop the raids.")
    assert analysis.events, "the request is still coded"
    assert all(_place(e) != "Washington" for e in analysis.events)


@pytest.mark.slow
def test_a_country_only_place_is_refined_from_the_same_incident_told_before(analyze):
    analysis = analyze("Government jets bombed the town of Kafr Nabl in Idlib province on Monday. "
                       "The airstrikes on the rebel-held town in northwest Syria killed 12 people.")
    (ev,) = [e for e in analysis.events if e.trigger == "airstrikes"]
    assert _place(ev) == "Kafr Nabl"


@pytest.mark.slow
def test_another_incident_keeps_its_own_country_place(analyze):
    # a different doer: not the same incident, the country it names stays
    analysis = analyze("Government jets bombed the town of Kafr Nabl in Idlib province on Monday. "
                       "Rebels shelled a checkpoint in Syria on Monday.")
    (ev,) = [e for e in analysis.events if e.trigger == "shelled"]
    assert _place(ev) == "Syria"


@pytest.mark.slow
def test_a_light_verb_the_lemmatizer_gets_wrong_still_gives_the_doer(analyze):
    # the parser's lemmatizer reads "staged" as "stag"; the light verb's subject is the protesters
    analysis = analyze("Kenyan students staged protests in Nairobi on Monday.")
    (ev,) = [e for e in analysis.events if e.category == "PROTEST"]
    actors = {a.id: a for a in analysis.actors}
    assert [actors[a].country for a in ev.actors] == ["KEN"]
    assert ev.trigger == "staged protests"


@pytest.mark.slow
def test_a_material_result_of_an_attack_is_part_of_it(analyze):
    # "…, inflicting major casualties on the militants": the attack's result, not a second event
    analysis = analyze("The army jets targeted dozens of rebel positions in the town of Kafr Nabl, "
                       "inflicting major casualties on the militants.")
    assert [e.category for e in analysis.events] == ["ASSAULT"]
    (ev,) = analysis.events
    assert ev.trigger == "targeted" and ev.recipients == ["REB"]


@pytest.mark.slow
def test_a_named_town_inside_the_object_phrase_is_the_place(analyze):
    # "targeted positions in the town of X": the name hangs five heads below the trigger
    analysis = analyze("Government jets targeted dozens of rebel positions in the town of Kafr Nabl on Monday.")
    (ev,) = [e for e in analysis.events if e.category == "ASSAULT"]
    assert _place(ev) == "Kafr Nabl"


# --- night follow-up (branch eventplace4): the seat of an unnamed place, the lead that names the
# village a sentence later, names the tagger takes for dates or that head a common noun, and the
# seat of a source


@pytest.mark.slow
def test_a_country_the_sentence_gives_as_such_keeps_it(analyze):
    # "across Syria" names no smaller place: the country is the event's place, not the town before
    analysis = analyze("Government jets bombed the town of Kafr Nabl in Idlib province on Monday. "
                       "Bomb attacks have hit markets across Syria.")
    (ev,) = [e for e in analysis.events if e.evidence.start > 0]
    assert _place(ev) == "Syria"


@pytest.mark.slow
def test_a_country_only_place_is_refined_from_the_lead_that_follows(analyze):
    analysis = analyze("Airstrikes on an opposition-held village in northwestern Syria killed seven people on Tuesday. "
                       "The airstrikes hit the village of Kafr Nabl in Idlib province at dawn.")
    first = min((e for e in analysis.events if e.category == "ASSAULT"), key=lambda e: e.evidence.start)
    assert _place(first) == "Kafr Nabl"


@pytest.mark.slow
def test_a_named_place_heading_a_common_noun_is_the_events_place(analyze):
    # "on the Zahra barrens": "barrens" is no place noun, the name before it is still the place
    analysis = analyze("The army ambushed a group of militants on Zahra barrens in the countryside, killing six.")
    (ev,) = [e for e in analysis.events if e.category == "ASSAULT"]
    assert _place(ev) is not None and "Zahra" in _place(ev)


@pytest.mark.slow
def test_the_seat_of_a_source_is_not_the_events_place(analyze):
    # the toponym lies inside the "according to" clause: where the council sits, not where the attack was
    analysis = analyze("According to information from the local council of the city of Afrin, the village "
                       "of Kafr Nabl suffered an air attack in which six people died.")
    placed = [_place(e) for e in analysis.events if e.category == "ASSAULT"]
    assert placed and "Afrin" not in placed


def test_a_country_is_the_seat_of_an_unnamed_place_only_under_a_place_noun():
    import spacy

    nlp = spacy.blank("en")
    words = ["a", "village", "in", "Syria", "across", "Syria"]
    heads = [1, 1, 1, 2, 4, 4]
    deps = ["det", "ROOT", "prep", "pobj", "ROOT", "pobj"]
    pos = ["DET", "NOUN", "ADP", "PROPN", "ADP", "PROPN"]
    lemmas = ["a", "village", "in", "Syria", "across", "Syria"]
    doc = spacy.tokens.Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    from sitrep.stages.events.anchoring import within_unnamed

    seat = _at("Syria", 1)
    first = Place(document="d", start=doc[3].idx, end=doc[3].idx + 5, text="Syria", sentence="", name="Syria",
                  country="SY", level=1)
    second = Place(document="d", start=doc[5].idx, end=doc[5].idx + 5, text="Syria", sentence="", name="Syria",
                   country="SY", level=1)
    assert within_unnamed(first, doc[0:4])
    assert not within_unnamed(second, doc[4:6])
    assert _vaguer(seat, _at("Kafr Nabl", 4))  # without a sentence: any country-only place


@pytest.mark.slow
def test_a_month_of_the_calendar_is_no_unresolved_place(analyze):
    # the tagger calls "Ramadan" a date; a name of the calendar after "in" is no village
    analysis = analyze("Syrian jets bombed rebel positions in Ramadan.")
    (ev,) = [e for e in analysis.events if e.category == "ASSAULT"]
    assert _place(ev) is None
