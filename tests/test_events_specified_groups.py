"""A described group named by its own complement is the named party (issue 13, actors).

"militants from the Nusra Front", "terrorist groups affiliated to X and Y": the actor stage reads
the head noun as a described (``generic``) group; when the group's own "of"/"from" phrase or a
participle's prepositional phrase names organisations, the event's party is those organisations
(``arguments._specified``). A state in that phrase does not specify it ("fighters from Turkey"),
and a group with no such phrase stands. Sentences are written for these tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def roles(analyze_text):  # type: ignore[no-untyped-def]
    """``roles(text, trigger)`` -> the names of the actors and recipients of the event whose
    trigger ends with ``trigger`` (one pipeline for the session: ``analyze_text``)."""
    def _roles(text: str, trigger: str) -> tuple[list[str], list[str]]:
        analysis = analyze_text(text, ["actors", "time", "place", "events"], published="2016-05-21")
        names = {a.id: a.name for a in analysis.actors}
        event = next(e for e in analysis.events if text[e.trigger_start:e.trigger_end].endswith(trigger))
        return [names[a] for a in event.actors], [names[a] for a in event.recipients]

    return _roles


@pytest.mark.slow
def test_groups_affiliated_to_named_parties_are_those_parties(roles) -> None:  # type: ignore[no-untyped-def]
    actors, _ = roles("The army repelled an attack launched by armed groups affiliated to Ahrar al-Sham "
                       "and the Nusra Front on an outpost in Hama.", "attack")
    assert sorted(actors) == ["Ahrar al-Sham", "al-Nusra Front"]


@pytest.mark.slow
def test_victims_of_a_named_group_are_that_group(roles) -> None:  # type: ignore[no-untyped-def]
    _, recipients = roles("A car bomb killed 12 militants of the Nusra Front near Idlib on Friday.", "car bomb")
    assert recipients == ["al-Nusra Front"]


@pytest.mark.slow
def test_a_state_does_not_specify_a_group_and_a_bare_group_stands(roles) -> None:  # type: ignore[no-untyped-def]
    actors, _ = roles("Foreign fighters from Turkey attacked the village on Monday.", "attacked")
    assert actors and "Türkiye" not in actors
    actors, _ = roles("Armed groups attacked the village on Monday.", "attacked")
    assert actors == ["Rebels"]
