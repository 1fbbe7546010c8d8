"""The within-report fold (``Settings.within_report``, ``incidents.within``; issue 11, branches wdoc2, fold3).

Project-written reports (``incident_helpers``): a report telling one strike over several sentences,
a round-up of two strikes in two towns, a recalled earlier attack; hand-set models so that each
test reads one behaviour of the fold, and the shipped model on one plain case.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import itertools
import sys
from pathlib import Path

import pytest
from incident_helpers import Line, incident_state, report, store_report

from sitrep.incidents.clustering import may_fold, one_event
from sitrep.incidents.linker import link
from sitrep.incidents.mentions import mentions
from sitrep.incidents.settings import (
    FOLD_SWITCH_VARIABLE,
    Settings,
    load_settings,
    load_within,
    within_report_switch,
)
from sitrep.incidents.update import linker_version, update_incidents
from sitrep.incidents.within import (
    FEATURES,
    PairModel,
    WithinModel,
    fold_reports,
    pair_features,
)
from sitrep.store import Store

REPO = Path(__file__).resolve().parents[1]
#: a model that calls every pair of one report the same incident (only the constraints stop it)
ALWAYS = WithinModel({}, 10.0)
#: a model that never does
NEVER = WithinModel({}, -10.0)


def _settings(model: WithinModel | None, on: bool = True) -> Settings:
    return dataclasses.replace(load_settings(), within_report=on, within=model)


def _strike_report(doc: str = "a", outlet: str = "One") -> object:
    return report(doc, outlet, "2030-05-07", [
        Line("Warplanes struck the vegetable market of Qarat Amal on Monday.", "struck", place="Qarat Amal",
             day="2030-05-06", actors=["SYR_AF"]),
        Line("The monitor said the raid destroyed twenty shops.", "destroyed", actors=["SYR_AF"]),
        Line("Rescuers said the attack killed twelve people.", "killed"),
    ])


def _groups(items: list[object], settings: Settings) -> list[list[str]]:
    found = mentions(items, settings)  # type: ignore[arg-type]
    return sorted(sorted(m.event.evidence.text for m in g.news) for g in link(found, settings))


def test_within_report_off_keeps_a_reports_sentences_apart_and_on_folds_them() -> None:
    item = _strike_report()
    off = _groups([item], _settings(ALWAYS, on=False))
    on = _groups([item], _settings(ALWAYS))
    assert len(off) == 3  # one report: no other report aligns them, three records
    assert len(on) == 1 and len(on[0]) == 3


def test_within_report_a_model_that_says_different_folds_nothing() -> None:
    assert len(_groups([_strike_report()], _settings(NEVER))) == 3


def test_within_report_without_a_model_the_switch_does_nothing() -> None:
    assert _groups([_strike_report()], _settings(None)) == _groups([_strike_report()], _settings(ALWAYS, on=False))


def test_within_report_two_towns_of_a_round_up_stay_two_incidents() -> None:
    item = report("r", "Round", "2030-05-07", [
        Line("Jets bombed Qarat Amal on Monday.", "bombed", place="Qarat Amal", day="2030-05-06"),
        Line("Elsewhere, shells hit Marj Hilal on Sunday.", "hit", place="Marj Hilal", day="2030-05-05"),
    ])
    assert len(_groups([item], _settings(ALWAYS))) == 2  # far places and two days block, whatever the model


def test_within_report_two_events_of_one_sentence_are_never_folded() -> None:
    item = report("s", "One", "2030-05-07", [
        Line("Jets bombed Qarat Amal and rebels shelled Marj Hilal.", "bombed", place="Qarat Amal",
             more=[Line("Jets bombed Qarat Amal and rebels shelled Marj Hilal.", "shelled", place="Marj Hilal")]),
    ])
    assert len(_groups([item], _settings(ALWAYS))) == 2


def test_within_report_a_recalled_event_never_founds_an_incident() -> None:
    item = report("h", "One", "2030-05-07", [
        Line("Warplanes struck the market of Qarat Amal on Monday.", "struck", place="Qarat Amal", day="2030-05-06"),
        Line("A similar strike hit the town in 2029.", "hit", status="historical", place="Qarat Amal"),
    ])
    settings = _settings(ALWAYS)
    groups = link(mentions([item], settings), settings)
    assert len(groups) == 1 and len(groups[0].news) == 1  # the recalled line attaches, founds nothing


def test_within_report_a_fold_never_adds_a_report_to_an_incident() -> None:
    items = [_strike_report("a", "One"), report("b", "Two", "2030-05-07", [
        Line("Jets struck the vegetable market of Qarat Amal on Monday.", "struck", place="Qarat Amal",
             day="2030-05-06")]),
             report("c", "Three", "2030-05-07", [Line("Rebels shelled Tel Wardeh.", "shelled", place="Tel Wardeh")])]

    def shared(settings: Settings) -> set[frozenset[str]]:
        return {frozenset(m.document for m in g.news)
                for g in link(mentions(items, settings), settings)}  # type: ignore[arg-type]

    assert shared(_settings(ALWAYS)) <= shared(_settings(ALWAYS, on=False))


def test_within_report_the_switch_moves_the_linker_version() -> None:
    model = load_within()
    assert model is not None
    assert linker_version(_settings(model)) != linker_version(_settings(model, on=False))
    assert linker_version(_settings(None)) == linker_version(_settings(model, on=False))


def test_within_report_the_shipped_model_reads_its_features_and_folds_a_plain_telling() -> None:
    model = load_within()
    assert model is not None and set(model.weights) <= set(FEATURES) and 0.0 < model.threshold < 1.0
    settings = _settings(model)
    found = [m for m in mentions([_strike_report()], settings) if m.role == "news"]  # type: ignore[list-item]
    lead, raid, toll = sorted(found, key=lambda m: m.order)
    features = pair_features(lead, toll, settings, 2)
    assert features["lead"] == 1.0 and features["anaphor"] == 1.0 and features["gap"] > 0.0
    assert pair_features(toll, lead, settings, 2) == features  # symmetric


def test_within_report_an_unknown_feature_in_the_model_file_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown features"):
        WithinModel.from_dict({"weights": {"sentence_colour": 1.0}, "bias": 0.0})


@pytest.mark.parametrize("order", list(itertools.permutations(["a", "b", "c"])))
def test_within_report_incremental_equals_rebuild(tmp_path: Path, order: tuple[str, ...]) -> None:
    items = {"a": _strike_report("a", "One"),
             "b": report("b", "Two", "2030-05-07", [
                 Line("Jets struck the vegetable market of Qarat Amal on Monday.", "struck", place="Qarat Amal",
                      day="2030-05-06", actors=["SYR_AF"]),
                 Line("The strike killed twelve, a rescuer said.", "killed")]),
             "c": report("c", "Three", "2030-05-08", [Line("Rebels shelled Tel Wardeh.", "shelled",
                                                           place="Tel Wardeh")])}
    settings = _settings(ALWAYS)
    store = Store(tmp_path / "x.db")
    for doc in order:
        store_report(store, items[doc])  # type: ignore[arg-type]
        update_incidents(store, settings=settings)
    stepwise = incident_state(store)
    update_incidents(store, settings=settings, rebuild_all=True)
    assert incident_state(store) == stepwise
    store.close()


def _train_script() -> object:
    spec = importlib.util.spec_from_file_location("train_within_report", REPO / "scripts" / "train_within_report.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_within_report"] = module
    spec.loader.exec_module(module)
    return module


def test_within_report_training_labels_same_different_and_unlabelled() -> None:
    train = _train_script()
    item = report("a", "One", "2030-05-07", [
        Line("Warplanes struck the market of Qarat Amal on Monday.", "struck", place="Qarat Amal"),
        Line("The strike killed twelve people.", "killed"),
        Line("Rebels shelled Tel Wardeh.", "shelled", place="Tel Wardeh"),
        Line("Talks resumed in the capital.", "resumed", category="CONSULT"),
    ])
    settings = load_settings()
    news = [m for m in mentions([item], settings) if m.role == "news"]
    text = item.document.text
    lead_end = text.index("The strike") - 1
    toll_end = text.index("Rebels") - 1
    golds = [{"row#1": ((0, lead_end), (lead_end + 1, toll_end))}]
    pairs = train.labelled_pairs(news, golds, {"a": "row#1"})  # type: ignore[attr-defined]
    labels = sorted((x.event.trigger, y.event.trigger, same) for x, y, same in pairs)
    same = {frozenset((a, b)) for a, b, s in labels if s}
    different = {frozenset((a, b)) for a, b, s in labels if not s}
    assert same == {frozenset(("struck", "killed"))}
    assert frozenset(("struck", "shelled")) in different and frozenset(("killed", "resumed")) in different
    assert frozenset(("shelled", "resumed")) not in same | different  # both outside: no label


def _round_up() -> object:
    """A report telling a strike over three sentences, then a shelling elsewhere and its toll."""
    return report("r", "Four", "2030-05-07", [
        Line("Warplanes struck the vegetable market of Qarat Amal on Monday.", "struck", place="Qarat Amal",
             day="2030-05-06", actors=["SYR_AF"]),
        Line("The raid destroyed twenty shops, the monitor said.", "destroyed", actors=["SYR_AF"]),
        Line("Rescuers said the attack killed twelve people.", "killed"),
        Line("Rebels shelled Tel Wardeh on Sunday.", "shelled", place="Tel Wardeh", day="2030-05-05"),
        Line("The shelling wounded four children.", "wounded"),
        Line("Last year, jets bombed the same market.", "bombed", place="Qarat Amal"),
    ])


@pytest.mark.parametrize("model", [ALWAYS, NEVER, WithinModel({"words": 3.0, "gap": -1.0, "numbers_shared": 1.0}, 0.2),
                                   None])
def test_within_report_pairs_blocked_before_any_feature_change_nothing(model: WithinModel | None) -> None:
    """fold3's speed work: blocking pairs that are ``apart`` (and pruning by the upper bound) folds
    exactly what the fold without them folds, for models that fold all, none or some."""
    model = model or load_within()
    assert model is not None
    settings = _settings(model)
    news = [m for m in mentions([_round_up(), _strike_report()], settings) if m.role == "news"]  # type: ignore[list-item]
    singles = [[m] for m in sorted(news, key=lambda m: m.id)]
    allow = lambda xs, ys: may_fold(xs, ys, settings)  # noqa: E731
    apart = lambda x, y: x.sentence == y.sentence or not one_event(x, y, settings)  # noqa: E731
    plain = fold_reports([list(c) for c in singles], settings, model, allow)
    blocked = fold_reports([list(c) for c in singles], settings, model, allow, apart)
    assert [[m.id for m in c] for c in blocked] == [[m.id for m in c] for c in plain]


def test_within_report_the_bound_is_never_below_the_probability() -> None:
    model = load_within()
    assert model is not None
    settings = _settings(model)
    news = [m for m in mentions([_round_up(), _strike_report()], settings) if m.role == "news"]  # type: ignore[list-item]
    pairs = PairModel(news, settings, model)
    checked = 0
    for x, y in itertools.combinations(news, 2):
        if x.document == y.document:
            assert pairs.bound(x, y) >= pairs.probability(x, y) - 1e-12
            checked += 1
    assert checked >= 10


def test_within_report_the_environment_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(FOLD_SWITCH_VARIABLE, raising=False)
    assert within_report_switch() is False  # off by default
    monkeypatch.setenv(FOLD_SWITCH_VARIABLE, "within_report")
    assert within_report_switch() is True
    monkeypatch.setenv(FOLD_SWITCH_VARIABLE, "on")
    assert within_report_switch() is False  # only the documented value turns it on
    assert Settings(model=load_settings().model).within_report is False


@pytest.mark.parametrize("on", [False, True])
def test_within_report_incremental_equals_rebuild_with_the_shipped_model(tmp_path: Path, on: bool) -> None:
    items = [_round_up(), _strike_report("a", "One")]
    settings = _settings(load_within(), on=on)
    store = Store(tmp_path / "x.db")
    for item in items:
        store_report(store, item)  # type: ignore[arg-type]
        update_incidents(store, settings=settings)
    stepwise = incident_state(store)
    update_incidents(store, settings=settings, rebuild_all=True)
    assert incident_state(store) == stepwise
    store.close()


def test_within_report_training_reads_no_line_drawn_at_400_or_later() -> None:
    train = _train_script()
    assert train.drawn_before({"draw": [12, 399]}) is True  # type: ignore[attr-defined]
    assert train.drawn_before({"draw": [12, 400]}) is False  # type: ignore[attr-defined]
    assert train.drawn_before({"id": "g01"}) is True  # type: ignore[attr-defined]  (two-report lines: no draw)
