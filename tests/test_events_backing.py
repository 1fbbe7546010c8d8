"""``backing.MILITARY_BACKING`` (branch events68): a backing phrase of a fight or an armed party is
COOPERATE (PLOVER manual §3.3: military cooperation is COOPERATE; coding guide §3, "Military
support"); a political backing ("a resolution backed by Russia") stays SUPPORT. Sentences are
written for these tests."""

from __future__ import annotations

import pytest
from event_helpers import events_off_and_on, trigger_events

from sitrep.pipeline import build_pipeline
from sitrep.records import Event
from sitrep.resources import Resources
from sitrep.stages.events import backing

#: (sentence, trigger) where the backing is military: the side backed, its predicate or the backer
MILITARY = [
    ("Government troops backed by Iranian militias stormed the village on Tuesday.", "backed"),
    ("Kurdish fighters backed by US air strikes recaptured the dam on Sunday.", "backed"),
    ("The rebels were supported by Turkish artillery during the assault on the town.", "supported"),
    ("The army offensive has been backed by Iranian advisers since the spring.", "backed"),
]
#: political or diplomatic backing: no fight, no armed party
POLITICAL = [
    ("The resolution, backed by Russia and China, was adopted by the council on Friday.", "backed"),
    ("The ceasefire plan was backed by France and Germany at the talks in Geneva.", "backed"),
]


def _token(nlp, text: str, word: str):  # type: ignore[no-untyped-def]
    return next(t for t in nlp(text) if t.text == word)


def test_switch_is_off_by_default() -> None:
    assert backing.MILITARY_BACKING is False


@pytest.mark.parametrize(("text", "word"), MILITARY + POLITICAL)
def test_passive_participles_with_an_agent_are_backing_phrases(nlp, text: str, word: str) -> None:  # type: ignore[no-untyped-def]
    assert backing.backing_phrase(_token(nlp, text, word))


def test_support_noun_only_inside_in_or_with_support_of(nlp) -> None:  # type: ignore[no-untyped-def]
    assert backing.backing_phrase(_token(nlp, "Jets carried out raids in support of the army offensive.", "support"))
    assert not backing.backing_phrase(_token(nlp, "The minister voiced support for the talks.", "support"))
    assert not backing.backing_phrase(_token(nlp, "The rebels backed down after two days.", "backed"))


def test_backers_and_backed_sides_from_the_parse(nlp) -> None:  # type: ignore[no-untyped-def]
    anchor = _token(nlp, MILITARY[0][0], "backed")
    assert {t.text for t in backing.backers(anchor)} == {"militias"}
    assert "troops" in {t.text for t in backing.backed(anchor)}


def _categories(events: list[Event]) -> list[str]:
    return [str(e.category) for e in events]


@pytest.mark.parametrize(("text", "word"), MILITARY)
def test_military_backing_is_cooperate_with_the_switch_on(nlp, monkeypatch, text: str, word: str) -> None:  # type: ignore[no-untyped-def]
    off, on = events_off_and_on(nlp, monkeypatch, backing, "MILITARY_BACKING", text, word)
    assert _categories(off) == ["SUPPORT"]
    assert _categories(on) == ["COOPERATE"]


@pytest.mark.parametrize(("text", "word"), POLITICAL)
def test_political_backing_stays_support(nlp, monkeypatch, text: str, word: str) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(backing, "MILITARY_BACKING", True)
    pipeline = build_pipeline(only=["events"], resources=Resources(nlp=nlp))
    assert _categories(trigger_events(pipeline, text, word)) == ["SUPPORT"]
