"""The events stage's ``record_check`` option (issue 13, branch record2): the learned record check
(``sitrep.stages.events.record_model``, scope ``after_lead``) as an opt-in precision option, off by
default, reachable from ``build_pipeline(options=...)`` and from ``--record-check`` on ``sitrep run``,
``sitrep analyze`` and ``sitrep eval``. The texts are written for these tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sitrep.cli import app, stage_options
from sitrep.stages.events import record_model
from sitrep.stages.events.record_model import RecordModel, article_features

runner = CliRunner()

ARTICLE = ("Government jets bombed a market in the town of Arden on Tuesday, killing 12 people. "
           "Rebels shelled an army post near Arden on Wednesday. "
           "The bombing of the market was condemned by the opposition. "
           "The army said it would retaliate against the rebels. "
           "Officials from both sides will meet in Geneva next week.")
ONE_SENTENCE = "Government jets bombed a market in the town of Arden on Tuesday, killing 12 people."
#: a model that would drop every event in its scope
DROP_ALL_AFTER_LEAD = RecordModel({}, -10.0, 0.5, "after_lead")


def test_the_module_switch_stays_off_and_the_shipped_model_is_scope_after_lead():
    assert record_model.USE is False
    model = RecordModel.load(record_model.MODEL_FILE)
    assert model is not None
    assert model.scope == "after_lead"
    assert 0.0 < model.threshold < 1.0
    assert len(model.weights) > 10


def test_no_flag_asks_for_no_option_and_the_flag_for_the_events_option():
    assert stage_options(False) is None
    assert stage_options(True) == {"events": {"record_check": True}}


@pytest.mark.parametrize("flag", [False, True])
def test_the_cli_flag_reaches_analyze_run_and_eval(flag: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from sitrep import eval as sitrep_eval
    from sitrep import workflow
    from sitrep.workflow import AnalyzeSummary

    seen: list[Any] = []

    def fake_analyze(store: Any, **kwargs: Any) -> AnalyzeSummary:
        seen.append(kwargs["options"])
        return AnalyzeSummary(pipeline_version="v")

    def fake_eval(task: str, path: Any, **kwargs: Any) -> dict[str, Any]:
        seen.append(kwargs["options"])
        return {"event_f1": 0.5}

    monkeypatch.setattr(workflow, "analyze", fake_analyze)
    monkeypatch.setattr(sitrep_eval, "run_eval", fake_eval)
    extra = ["--record-check"] if flag else []
    db = str(tmp_path / "t.db")
    corpus = tmp_path / "a.txt"
    corpus.write_text(ONE_SENTENCE, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text("{}\n", encoding="utf-8")
    for args in (["analyze", "--db", db, "-q"], ["run", str(corpus), "--db", db, "-q"],
                 ["eval", "events", str(gold), "--json"]):
        result = runner.invoke(app, [*args, *extra])
        assert result.exit_code == 0, result.output
    expected = {"events": {"record_check": True}} if flag else None
    assert seen == [expected] * 3


@pytest.fixture(scope="module")
def pipelines(nlp):  # loads the model (slow)
    from sitrep.pipeline import build_pipeline

    stages = ["actors", "time", "place", "events"]
    return {name: build_pipeline(only=stages, options=opts) for name, opts in
            (("default", None), ("off", {"events": {"record_check": False}}),
             ("on", {"events": {"record_check": True}}))}


def _events(pipeline: Any, text: str) -> list[Any]:
    from sitrep.records import Document

    document = Document(id="d", sha256="d", text=text, published="2016-07-16")
    return list(next(pipeline.analyze([document])).events)


def _lead_start(events: list[Any]) -> int:
    return min(e.evidence.start for e in events)


def test_off_is_the_default_and_on_drops_exactly_what_the_model_drops(pipelines):
    default = _events(pipelines["default"], ARTICLE)
    assert len({e.evidence.start for e in default}) >= 3  # events in several sentences
    assert _events(pipelines["off"], ARTICLE) == default
    model = record_model.shipped()
    assert model is not None
    expected = [e.id for e, f in zip(default, article_features(default, ARTICLE), strict=True) if model.keeps(f)]
    assert len(expected) < len(default)  # the shipped model drops one here (a refit that does not needs a new text)
    on = _events(pipelines["on"], ARTICLE)
    assert [e.id for e in on] == expected
    lead = _lead_start(default)
    assert [e.id for e in on if e.evidence.start == lead] == [e.id for e in default if e.evidence.start == lead]


def test_on_never_drops_the_lead_sentences_events(pipelines, monkeypatch: pytest.MonkeyPatch):
    default = _events(pipelines["default"], ARTICLE)
    monkeypatch.setattr(record_model, "_LOADED", {record_model.MODEL_FILE: DROP_ALL_AFTER_LEAD})
    on = _events(pipelines["on"], ARTICLE)
    lead = _lead_start(default)
    assert on == [e for e in default if e.evidence.start == lead]
    assert len(on) < len(default)  # the model dropped every event after the lead sentence
    assert _events(pipelines["off"], ARTICLE) == default  # off: the model is not read


def test_a_one_sentence_document_keeps_its_events(pipelines, monkeypatch: pytest.MonkeyPatch):
    default = _events(pipelines["default"], ONE_SENTENCE)
    assert default
    assert _events(pipelines["on"], ONE_SENTENCE) == default
    monkeypatch.setattr(record_model, "_LOADED", {record_model.MODEL_FILE: DROP_ALL_AFTER_LEAD})
    assert _events(pipelines["on"], ONE_SENTENCE) == default


def test_the_version_differs_with_the_option_on(pipelines):
    versions = {name: p.stage("events").version for name, p in pipelines.items()}
    assert versions["off"] == versions["default"]
    assert versions["on"] != versions["off"]
    assert versions["on"].endswith("+record-check") and "record-check" not in versions["off"]
    assert pipelines["on"].version != pipelines["default"].version
    # the store records ``name@version`` of each stage (``Store.record_pipeline``): it names the option
    assert "events@" + versions["on"] in pipelines["on"].parts
    assert pipelines["on"].options == {"events": {"record_check": True}}


def test_a_database_analysed_without_the_option_is_analysed_again_with_it(pipelines, tmp_path: Path):
    from sitrep import workflow
    from sitrep.store import Store

    corpus = tmp_path / "article.txt"
    corpus.write_text(ARTICLE, encoding="utf-8")
    with Store(tmp_path / "x.db") as store:
        assert workflow.ingest(store, [str(corpus)]).added == 1
        assert workflow.analyze(store, pipeline=pipelines["default"]).analyzed == 1
        assert store.count_pending(pipelines["default"].version) == 0
        assert store.count_pending(pipelines["off"].version) == 0  # option off: the same pipeline
        assert store.count_pending(pipelines["on"].version) == 1  # option on: analysed again
        assert workflow.analyze(store, pipeline=pipelines["on"]).analyzed == 1
        assert store.count_pending(pipelines["on"].version) == 0


def test_a_spawned_worker_builds_its_pipeline_with_the_options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from sitrep import workflow
    from sitrep.store import Store

    built: list[Any] = []

    class Built:
        def warm_up(self) -> None:
            built.append("warm")

    def fake_build(model: str, *, only: Any = None, options: Any = None) -> Built:
        built.append((model, only, options))
        return Built()

    monkeypatch.setattr(workflow, "build_pipeline", fake_build)
    monkeypatch.setattr(workflow, "_WORKER", None)
    with Store(tmp_path / "x.db"):
        pass
    options = {"events": {"record_check": True}}
    workflow._init_worker(workflow.WorkerSetup(str(tmp_path / "x.db"), "m", ("parse", "events"), None, options))
    assert built == [("m", ["parse", "events"], options), "warm"]
    assert workflow._WORKER is not None
    workflow._WORKER.store.close()
