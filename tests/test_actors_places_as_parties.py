"""Places named as parties (issue 13, metonymy): a capital that is the object of a preposition which
does not locate stands for its government, as a state's name does there; a capital that is the
scene (locative, ``of``, a destination, a noun's scene) stays a place. Sentences written for
these tests."""

from __future__ import annotations

import pytest

from sitrep.stages.actors import ActorStage, mention_at
from sitrep.stages.actors import rules as actor_rules


@pytest.fixture(scope="module")
def stage(nlp):
    return ActorStage(nlp)


@pytest.fixture(scope="module")
def run(stage, parse):
    def _run(text):
        return stage(parse(text))
    return _run


def _actor_at(analysis, surface):
    start = analysis.text.index(surface)
    m = mention_at(analysis, start, start + len(surface))
    return m.actor if m else None


@pytest.mark.parametrize(("text", "surface", "expected"), [
    # the object of a preposition on a verb: the government
    ("The spokeswoman was calling on Washington to explain the raid.", "Washington", "USA_GOV"),
    ("The strike, which the opposition blamed on Damascus, killed six people.", "Damascus", "SYR_GOV"),
    ("The militia says it cooperates with Damascus against the rebels.", "Damascus", "SYR_GOV"),
    # coordinated with a party that is no place
    ("Months of talks between the UN and Damascus preceded the deal.", "Damascus", "SYR_GOV"),
])
def test_capital_as_object_of_a_non_locative_preposition_is_its_government(run, text, surface, expected):
    assert _actor_at(run(text), surface) == expected


@pytest.mark.parametrize(("text", "surface"), [
    ("Shelling continued in Damascus on Monday.", "Damascus"),                  # locative
    ("Rebels advanced towards Damascus on Monday.", "Damascus"),                # destination of motion
    ("Fighting continued on the road to Damascus.", "Damascus"),                # a route's destination
    ("Shelling hit the outskirts of Damascus.", "Damascus"),                     # "of": the scene
    ("Airstrikes on Damascus killed ten people.", "Damascus"),                  # a noun's scene
    ("The highway between Damascus and Beirut was closed.", "Damascus"),        # coordinated with a place
])
def test_capital_as_scene_stays_a_place(run, text, surface):
    assert _actor_at(run(text), surface) is None


def test_the_parameter_restores_agent_prepositions_only(run, monkeypatch):
    text = "The spokeswoman was calling on Washington to explain the raid."
    monkeypatch.setattr(actor_rules, "CAPITAL_PREP_OBJECTS", False)
    assert _actor_at(run(text), "Washington") is None
