"""The learned choice among an event's place options (issue 13, 2026-12-04 evening): the chooser
scores each option by its features' weights and keeps the best, the rules' choice on a tie; a
disabled or absent chooser keeps the rules' choice; the stage lays out the rules' choice first,
the sentence's toponyms with their relation to the trigger, the previous sentences' toponyms and
"no place", and takes the chooser's pick. Sentences are written for these tests."""

from __future__ import annotations

import json
from collections.abc import Sequence

import pytest

from sitrep.records import Place
from sitrep.stages.events.place_choice import (
    PLACE_CHOICE_FILE,
    PlaceChooser,
    PlaceOption,
)


def _at(name: str, level: int = 4, start: int = 0) -> Place:
    return Place(document="d", start=start, end=start + len(name), text=name, sentence=name, name=name,
                 lat=35.0, lon=36.0, country="SY", level=level)


def test_the_best_scoring_option_wins_and_a_tie_keeps_the_rules_choice():
    rule, town = _at("Syria", 1), _at("Homs", 4, start=30)
    options = [PlaceOption(rule, frozenset({"rule", "rule&lvl=1"})),
               PlaceOption(town, frozenset({"sent", "sent&prep=near"})),
               PlaceOption(None, frozenset({"none"}))]
    assert PlaceChooser(enabled=True).choose("e", options) is rule  # no weights: a tie
    assert PlaceChooser({"sent&prep=near": 1.0}, enabled=True).choose("e", options) is town
    assert PlaceChooser({"none": 2.0, "sent": 1.0}, enabled=True).choose("e", options) is None
    assert PlaceChooser({"rule&lvl=1": -1.0}, enabled=True).choose("e", options) is town  # town before none


def test_an_absent_file_gives_a_disabled_chooser(tmp_path):
    chooser = PlaceChooser.load(tmp_path / "missing.json")
    assert not chooser.enabled and chooser.weights == {}
    path = tmp_path / "choice.json"
    path.write_text(json.dumps({"enabled": True, "before": 1, "weights": {"none": 0.5}}), encoding="utf-8")
    loaded = PlaceChooser.load(path)
    assert loaded.enabled and loaded.before == 1 and loaded.weights == {"none": 0.5}


def test_the_shipped_chooser_is_on_only_when_its_out_of_fold_gain_met_the_bar():
    data = json.loads(PLACE_CHOICE_FILE.read_text(encoding="utf-8"))
    cv = data["out_of_fold"]
    assert cv["events"] == sum(f["events"] for f in cv["folds"])
    gain = cv["model_right"] - cv["rules_right"]
    bar = int(data["objective"].rsplit("+", 1)[1].split()[0])
    assert data["enabled"] == (gain >= bar)


class _Recorder(PlaceChooser):
    """Keeps every event's options; picks the option carrying ``pick`` (else the rules' choice)."""

    def __init__(self, pick: str | None = None) -> None:
        super().__init__(enabled=True)
        self.pick = pick
        self.seen: dict[str, list[PlaceOption]] = {}

    def choose(self, event_id: str, options: Sequence[PlaceOption]) -> Place | None:
        self.seen[event_id] = list(options)
        chosen = next((o for o in options if self.pick in o.features), options[0])
        return chosen.place


TEXT = ("Rebels shelled government positions in Hama province on Monday. "
        "Warplanes later bombed a market near Saraqeb, killing 12 people.")


@pytest.fixture(scope="module")
def run(nlp):  # loads the model (slow)
    from sitrep.pipeline import build_pipeline
    from sitrep.records import Document

    def _run(chooser: PlaceChooser):
        pipeline = build_pipeline(only=["actors", "time", "place", "events"],
                                  options={"events": {"place_chooser": chooser}})
        document = Document(id="d", sha256="d", text=TEXT, published="2016-07-16")
        return next(pipeline.analyze([document]))

    return _run


def _bombing(analysis):
    return next(e for e in analysis.events if e.trigger and "bomb" in e.trigger)


@pytest.mark.slow
def test_the_options_are_the_rules_choice_the_sentence_the_sentence_before_and_none(run):
    recorder = _Recorder()
    ev = _bombing(run(recorder))
    options = recorder.seen[ev.id]
    assert options[0].place is not None and ev.place is not None
    assert options[0].place.text == ev.place.text == "Saraqeb"  # the rules' choice comes first
    assert "rule" in options[0].features and "sent&prep=near" in options[0].features
    before = [o for o in options if "prev1" in o.features]
    assert [o.place.text for o in before if o.place is not None] == ["Hama province"]
    assert any(o.place is None and "none" in o.features for o in options)


@pytest.mark.slow
def test_the_stage_takes_the_choosers_pick(run):
    assert _bombing(run(_Recorder("prev1"))).place.text == "Hama province"
    assert _bombing(run(_Recorder("none"))).place is None


class _Built(Exception):
    """Stops the fitting script once it has built its pipeline."""


def test_the_place_context_fit_runs_the_rules_alone_with_the_chooser_off(monkeypatch):
    """``benchmarks/events_place_context.py`` fits the rules with the learned chooser off (the
    chooser is fitted after it, on the rules' choice), so neither fit reads the other's output."""
    import events_place_context as fit

    from sitrep.stages.events.place_context import PlaceContext

    seen: dict = {}

    def build(task, options=None):  # type: ignore[no-untyped-def]
        seen.update(options["events"])
        raise _Built

    monkeypatch.setattr(fit, "read_article_gold", lambda path, split=None: [])
    monkeypatch.setattr(fit, "read_texts", lambda articles, path: [])
    monkeypatch.setattr(fit, "fakes_csv", lambda: None)
    monkeypatch.setattr(fit, "build_for", build)
    with pytest.raises(_Built):
        fit.score(PlaceContext(), "tune")
    chooser = seen["place_chooser"]
    assert isinstance(chooser, PlaceChooser) and not chooser.enabled
