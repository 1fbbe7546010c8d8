"""The carried doer's chooser (branch events76): the options a carried event is offered, the
conditional logit's choice, the switch, and the study's fit on project-written cases."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from events_carried_doer import Case, fit, replay_gain

from sitrep.records import Mention
from sitrep.stages.events import carried_doer
from sitrep.stages.events.arguments import MentionIndex
from sitrep.stages.events.carried_doer import (
    CarriedModel,
    CarriedOption,
    DocumentFacts,
    options,
    rechoose,
)


def _event(sentence: int, start: int, actors: list[str], *, carried: bool = False, lemma: str = "shell",
           recipients: list[str] | None = None) -> Any:
    """A stand-in for ``assemble.Candidate`` with the fields the chooser reads."""
    return SimpleNamespace(sentence_index=sentence, sentence=SimpleNamespace(start=start), category="ASSAULT",
                           actors=list(actors), recipients=recipients or [], place=None, status="asserted",
                           context_actors=carried, trigger=SimpleNamespace(anchor=SimpleNamespace(lemma_=lemma)))


def _mention(actor: str, start: int) -> Mention:
    return Mention(document="d", actor=actor, start=start, end=start + 4, text="x", sentence="x")


@pytest.fixture
def article() -> tuple[list[Any], MentionIndex, DocumentFacts]:
    """Sentence 0 (tokens 0–9): the army shells a town; 1 (10–19): rebels fire rockets, the
    Observatory (token 15, a source) names them; 2 (20–29): "the attack killed five", carried."""
    index = MentionIndex(kinds={"GOV": "state", "REB": "armed_group", "SOHR": "organization"},
                         ordered=[(1, _mention("GOV", 0)), (11, _mention("REB", 50)), (15, _mention("SOHR", 80))])
    events = [_event(0, 0, ["GOV"]), _event(1, 10, ["REB"], lemma="fire"),
              _event(2, 20, ["REB"], carried=True, lemma="attack")]
    facts = DocumentFacts.build(index, [0, 10, 20], {10: {15}})
    return events, index, facts


def test_carried_doer_is_off_by_default() -> None:
    assert carried_doer.USE is False
    assert carried_doer.MODEL is None


def test_options_offer_each_earlier_party_once_with_the_rules_first(article: tuple[list[Any], MentionIndex, DocumentFacts]) -> None:
    events, index, facts = article
    found = options(events[2], events[:2], index, facts)
    assert [o.actor for o in found] == ["REB", "GOV", "SOHR"]
    assert [o.rule for o in found] == [True, False, False]
    reb, gov, sohr = (set(o.features) for o in found)
    assert {"rule", "ev", "ev_rank=0", "ev_dist=1", "men_dist=1", "kind=armed_group|cat=ASSAULT"} <= reb
    assert {"ev_rank=1", "ev_dist=2", "head", "first", "kind=state"} <= gov
    assert "rule" not in gov
    assert {"no_ev", "men", "source"} <= sohr


def test_options_never_offer_the_unidentified_attacker(article: tuple[list[Any], MentionIndex, DocumentFacts]) -> None:
    events, index, facts = article
    events[0].actors = [carried_doer.UNIDENTIFIED]
    assert "UAF" not in [o.actor for o in options(events[2], events[:2], index, facts)]


def test_rechoose_takes_the_models_party_only_when_switched_on(article: tuple[list[Any], MentionIndex, DocumentFacts],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    events, index, facts = article
    monkeypatch.setattr(carried_doer, "MODEL", CarriedModel({"head": 2.0}))
    rechoose("d", events, index, facts)
    assert events[2].actors == ["REB"]  # off: the rule's doer stays
    monkeypatch.setattr(carried_doer, "USE", True)
    rechoose("d", events, index, facts)
    assert events[2].actors == ["GOV"]
    assert events[1].actors == ["REB"]  # an event the rule did not carry is never touched


def test_rechoose_keeps_the_rules_doers_when_the_model_picks_one_of_them(
        article: tuple[list[Any], MentionIndex, DocumentFacts], monkeypatch: pytest.MonkeyPatch) -> None:
    events, index, facts = article
    events[2].actors = ["REB", "SOHR"]
    monkeypatch.setattr(carried_doer, "USE", True)
    monkeypatch.setattr(carried_doer, "MODEL", CarriedModel({"rule": 1.0}))
    rechoose("d", events, index, facts)
    assert events[2].actors == ["REB", "SOHR"]


def test_the_empty_model_is_the_rule_and_probabilities_are_a_softmax() -> None:
    opts = [CarriedOption("A", ("x",), False), CarriedOption("B", ("rule",), True)]
    choice = CarriedModel().choose(opts)
    assert choice is not None and choice.actor == "B"
    probs = CarriedModel({"x": 1.0}).probabilities(opts)
    assert probs[0] > probs[1]
    assert sum(probs) == pytest.approx(1.0)
    model = CarriedModel({"x": 0.5, "rule": -0.25})
    assert CarriedModel.from_json(model.to_json()) == model


def _case(article: int, right_is_earlier: bool) -> Case:
    opts = [CarriedOption("R", ("rule", "ev_rank=0"), True), CarriedOption("E", ("ev_rank=1",), False)]
    return Case(article, f"e{article}", opts, [not right_is_earlier, right_is_earlier], True, not right_is_earlier, True)


def test_fit_learns_the_option_the_coder_gives_and_the_replay_counts_it() -> None:
    cases = [_case(i, right_is_earlier=i % 4 != 0) for i in range(40)]
    model = fit(cases, 1.0)
    assert model.score(("ev_rank=1",)) > model.score(("rule", "ev_rank=0"))
    # 30 cases gain a right actor, 10 that the rule had right are lost
    assert replay_gain(cases, model) == 20
    assert replay_gain(cases, CarriedModel()) == 0


def test_the_shipped_model_is_a_tune_fit_that_loads() -> None:
    import json

    data = json.loads(carried_doer.MODEL_FILE.read_text(encoding="utf-8"))
    assert data["fitted_on"].endswith("split tune")
    model = carried_doer._file_model()
    assert model is not None and len(model.weights) > 10
    assert model.weights["rule"] > 0  # the rule's own pick is a cue the fit keeps
