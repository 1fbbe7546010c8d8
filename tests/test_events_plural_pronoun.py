"""A plural pronoun stands for a group, never for one named person (issue 13, actors).

"they captured a ridge" after a sentence whose subject is a monitor's director: agreement in
number keeps the named person out of the plural pronoun's antecedents
(``arguments._antecedent``), so the doer is the group the sentence names. Sentences are written
for this test."""

from __future__ import annotations

import pytest


@pytest.mark.slow
def test_they_does_not_stand_for_a_named_person(analyze_text) -> None:  # type: ignore[no-untyped-def]
    text = ("Monitor director Rami Abdel Rahman said the highway was shut. "
            "The highway was cut by Turkish troops on Friday after they captured a ridge near Afrin.")
    analysis = analyze_text(text, ["actors", "time", "place", "events"], published="2018-02-16")
    actors = {a.id: a for a in analysis.actors}
    captured = next(e for e in analysis.events if text[e.trigger_start:e.trigger_end] == "captured")
    assert captured.actors, "the pronoun's antecedent is found"
    assert all(actors[a].kind != "person" for a in captured.actors)
    assert all(actors[a].country == "TUR" for a in captured.actors)
