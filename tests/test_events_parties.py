"""Who is a party of an event (issue 13, roles, night 4): those who report on the war (news
media, monitors, relief and rights groups) are never the doer of an act of force; an accusation
told as a clause ("alleged that X had bombed …") is about the subject of that clause; the learned
doer model may not name a recipient, nor a non-combatant for an act of force. Sentences are
written for these tests."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from sitrep.records import Mention
from sitrep.stages.events.arguments import (
    NON_COMBATANT_KINDS,
    MentionIndex,
    combatants,
)
from sitrep.stages.events.ranker import barred

STAGES = ["actors", "time", "place", "events"]


def _index(**kinds: str) -> MentionIndex:
    return MentionIndex(kinds=dict(kinds))


def _mention(actor: str, start: int, end: int, text: str) -> Mention:
    return Mention(document="d", actor=actor, start=start, end=end, text=text, sentence="s")


def test_non_combatants_are_no_doers_of_force_but_may_speak():
    index = _index(REUTERS="media", SOHR="monitor", MSF="ngo", SYR_MIL="military", REB="armed_group")
    doers = ["REUTERS", "SYR_MIL", "SOHR", "MSF", "REB"]
    assert combatants("ASSAULT", doers, index) == ["SYR_MIL", "REB"]
    assert combatants("COERCE", doers, index) == ["SYR_MIL", "REB"]
    # a monitor accuses, a relief group asks: verbal events keep them
    assert combatants("ACCUSE", doers, index) == doers
    assert combatants("REQUEST", ["MSF"], index) == ["MSF"]
    assert {"media", "monitor", "ngo"} == set(NON_COMBATANT_KINDS)


def test_the_doer_model_may_not_name_recipients_nor_non_combatants_for_force():
    index = _index(AP="media", SOHR="monitor", USA="state", SYR="state")
    strike = SimpleNamespace(category="ASSAULT", recipients=["SYR"], attributed_to="SOHR")
    assert set(barred(strike, index)) == {"SYR", "AP", "SOHR"}
    claim = SimpleNamespace(category="ACCUSE", recipients=["SYR"], attributed_to=None)
    assert barred(claim, index) == ["SYR"]


@pytest.mark.slow
@pytest.mark.parametrize("text, trigger, accused", [
    ("Moscow alleged that Washington had bombed the convoy near Aleppo.", "alleged", "United States"),
    ("The ministry alleged the militia had shelled the school in Azaz.", "alleged", "Armed groups"),
])
def test_an_accusation_told_as_a_clause_is_about_its_subject(analyze_text, text, trigger, accused):
    analysis = analyze_text(text, STAGES, published="2016-10-13")
    names = {a.id: a.name for a in analysis.actors}
    (event,) = [e for e in analysis.events if e.trigger == trigger]
    assert event.category == "ACCUSE"
    assert any(accused in names[r] for r in event.recipients), [names[r] for r in event.recipients]


@pytest.mark.slow
def test_a_photo_credit_glued_to_a_headline_is_no_doer(analyze_text):
    text = "Rebels shelled the town of Jurin on Friday. Reuters Photo Rocket Attack on Jurin Draws Condemnation."
    analysis = analyze_text(text, STAGES, published="2016-10-13")
    kinds = {a.id: a.kind for a in analysis.actors}
    force = [e for e in analysis.events if e.category in ("ASSAULT", "COERCE")]
    assert force
    assert all(kinds.get(a) not in NON_COMBATANT_KINDS for e in force for a in e.actors)
