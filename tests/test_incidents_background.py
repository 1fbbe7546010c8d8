"""The learned news-or-background reading (``Settings.learned_background``, branch bg2).

Reports here are invented (``incident_helpers``); none comes from an evaluation set. The reading's
behaviour is pinned with a hand-set model (weights on named cues), so the tests say what the switch
does whatever the shipped fit; the shipped file is only checked to load and to name every feature.
"""

from __future__ import annotations

import dataclasses

from incident_helpers import Line, report

from sitrep.incidents.background import (
    FEATURES,
    BackgroundModel,
    features,
    load_background,
)
from sitrep.incidents.mentions import mentions, news_features
from sitrep.incidents.settings import DATA, load_settings
from sitrep.incidents.update import linker_version

S = load_settings()
NEWS = "Jets struck the grain store of Qarat Amal on Tuesday, killing 12 people."
RECALL = "The town was repeatedly targeted by air raids last year, and the war has killed thousands since it began."


def _report():  # type: ignore[no-untyped-def]
    return report("a", "A", "2030-05-07", [Line(NEWS, "struck", place="Qarat Amal", day="2030-05-06"),
                                          Line(RECALL, "targeted", place="Qarat Amal")])


def _model(threshold: float = 0.5) -> BackgroundModel:
    """A hand-set reading: recall and tally words make a mention background, the lead keeps it news."""
    weights = {k: 0.0 for k in FEATURES} | {"recall_word": 2.0, "tally_word": 2.0, "lead": -5.0}
    return BackgroundModel(weights, -1.0, {k: 0.0 for k in FEATURES}, {k: 1.0 for k in FEATURES}, threshold)


def _roles(settings):  # type: ignore[no-untyped-def]
    return [m.role for m in mentions([_report()], settings)]


def test_background_features_read_recall_and_tally_cues() -> None:
    item = _report()
    feats = news_features(item, S)
    news, recall = (feats[e.id] for e in item.events)
    assert set(news) == set(FEATURES)
    assert news["lead"] == 1.0 and recall["lead"] == 0.0
    assert recall["recall_word"] >= 2 and recall["tally_word"] >= 2 and recall["period_word"] >= 1
    assert news["recall_word"] == 0 and news["tally_word"] == 0
    assert recall["position"] > news["position"]


def test_switch_off_leaves_roles_as_before() -> None:
    off = dataclasses.replace(S, learned_background=False, background_model=_model())
    assert _roles(off) == ["news", "news"]


def test_switch_on_reads_the_recalled_line_as_background() -> None:
    on = dataclasses.replace(S, learned_background=True, background_model=_model())
    assert _roles(on) == ["news", "background"]
    # a threshold no mention reaches leaves every role as it was
    assert _roles(dataclasses.replace(on, background_model=_model(threshold=1.0))) == ["news", "news"]


def test_switch_on_without_a_model_changes_nothing() -> None:
    assert _roles(dataclasses.replace(S, learned_background=True, background_model=None)) == ["news", "news"]


def test_switch_moves_the_linker_version() -> None:
    off = dataclasses.replace(S, learned_background=False, background_model=_model())
    on = dataclasses.replace(off, learned_background=True)
    assert linker_version(off) != linker_version(on)
    assert linker_version(off) == linker_version(dataclasses.replace(off, background_model=None))


def test_model_round_trips_and_probability_rises_with_a_positive_cue() -> None:
    model = _model()
    again = BackgroundModel.from_dict(model.to_dict())
    assert again == model
    low = {k: 0.0 for k in FEATURES}
    assert model.probability(low | {"recall_word": 3.0}) > model.probability(low) > model.probability(low | {"lead": 1.0})


def test_shipped_model_loads_and_names_every_feature() -> None:
    model = load_background(DATA / "background.json")
    assert model is not None
    assert set(model.weights) == set(FEATURES) and 0.0 < model.threshold < 1.0
    assert S.background_model == model and S.learned_background is False


def test_features_of_an_undated_report_stay_defined() -> None:
    item = report("u", "U", None, [Line(RECALL, "targeted")])
    event = item.events[0]
    feats = features(event, item.document.text, (), rank=0, published=None, days=None, dated=False)
    assert feats["days_before"] == 0.0 and feats["dated"] == 0.0
