"""``--stages``: run only the stages a user needs (issue 16, branch speed14).

The records of the stages that ran are those of a full run on the same documents; an unknown
stage is a clear error naming the known ones; the pipeline version differs by stage set, so a
later full run analyzes a subset's documents again and a later run with the same subset does
not; the store, the export and the API say which stages analyzed a document. The texts are
written for these tests (no shared data)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from store_helpers import stored_records
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.errors import PipelineError
from sitrep.pipeline import parse_stages, stage_names, with_dependencies
from sitrep.store import Store

runner = CliRunner()

#: written for these tests: two reports of one attack and an unrelated statement
TEXTS = {
    "a.txt": "HOMS, 4 May 2019 (Example Wire) - Government aircraft struck a market in the town of Talbiseh "
             "on Friday, killing nine civilians and wounding 20, a local monitor said. \"The planes came "
             "twice,\" said Omar Haddad, a resident. The opposition called the raid a massacre by the regime.",
    "b.txt": "Nine civilians were killed on Friday when warplanes bombed a crowded market in Talbiseh, north of "
             "Homs, activists said. Rebels accused the government of targeting civilians.",
    "c.txt": "DAMASCUS, 6 May 2019 - The foreign minister said on Monday that the government welcomed talks in "
             "Geneva and would send a delegation next week.",
}

#: record tables by the stages whose output they hold; ``events`` is also written by ``casualties``
STAGE_TABLES = {
    "parse": ("sentences", "entities"), "actors": ("mentions",), "time": ("times",), "place": ("places",),
    "events": ("events",), "quotes": ("quotes", "scare_quotes"), "casualties": ("casualties",),
    "framing": ("framings",),
}


# --- the stage list (no model) ----------------------------------------------------------------


def test_parse_stages_checks_and_keeps_order():
    assert parse_stages("place, events") == ("place", "events")
    assert parse_stages(["time", "time"]) == ("time",)
    assert parse_stages(None) is None
    assert parse_stages("  ") is None  # an empty SITREP_STAGES means all stages


@pytest.mark.parametrize("spec", ["events,bogus", ",", "Framing"])
def test_parse_stages_unknown_is_an_error_naming_the_stages(spec: str):
    with pytest.raises(PipelineError) as err:
        parse_stages(spec)
    assert ", ".join(stage_names()) in str(err.value)


@pytest.mark.parametrize("command", [["analyze"], ["run", "nothing-here"]])
def test_cli_unknown_stage_is_a_usage_error(command: list[str], tmp_path: Path):
    result = runner.invoke(app, [*command, "--db", str(tmp_path / "t.db"), "--stages", "events,frames"])
    assert result.exit_code == 2
    assert "Unknown stage(s) frames" in result.output
    assert "parse, actors, time, place, events, quotes, casualties, framing" in result.output
    assert not (tmp_path / "t.db").exists()


def test_cli_stages_from_the_environment_are_checked(tmp_path: Path):
    result = runner.invoke(app, ["analyze", "--db", str(tmp_path / "t.db")], env={"SITREP_STAGES": "quotez"})
    assert result.exit_code == 2
    assert "Unknown stage(s) quotez" in result.output


def test_what_incidents_need_is_in_the_events_subset():
    """Incidents read events with their actors, places and dates: ``--stages events`` brings them."""
    assert with_dependencies(["events"]) == ["parse", "actors", "time", "place", "events"]


# --- end to end (the model) -------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("texts")
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def full_pipeline():
    from sitrep.pipeline import build_pipeline

    return build_pipeline()


def _analyzed(location: Path, corpus: Path, pipeline) -> dict[str, list]:
    from sitrep.workflow import analyze, ingest

    with Store(location) as store:
        ingest(store, [str(corpus)])
        summary = analyze(store, pipeline=pipeline)
        assert (summary.analyzed, summary.failed) == (len(TEXTS), 0)
        return stored_records(store)


@pytest.fixture(scope="module")
def full_records(corpus: Path, full_pipeline, tmp_path_factory) -> dict[str, list]:
    return _analyzed(tmp_path_factory.mktemp("full") / "full.db", corpus, full_pipeline)


def _without_casualty_stage(event: dict) -> dict:
    return {**event, "casualties": [], "attributed_to": None}


@pytest.mark.slow
@pytest.mark.parametrize("wanted", [["events"], ["place"], ["time"], ["quotes"], ["casualties"], ["framing"]])
def test_subset_records_are_the_full_runs(wanted: list[str], corpus: Path, full_pipeline, full_records,
                                          tmp_path: Path):
    from sitrep.pipeline import build_pipeline

    pipeline = build_pipeline(only=wanted, resources=full_pipeline.resources)
    ran = set(pipeline.stage_names)
    assert ran == set(with_dependencies(wanted))
    records = _analyzed(tmp_path / "sub.db", corpus, pipeline)
    assert full_records["events"], "the texts give events: the comparison is not empty"
    for stage, tables in STAGE_TABLES.items():
        for table in tables:
            if stage not in ran:
                assert records[table] == [], f"{table} written without its stage"
            elif table == "events" and "casualties" not in ran:
                # the casualty stage adds an event's figures and, where it had none, its source
                assert [_without_casualty_stage(e) for e in records[table]] == \
                       [_without_casualty_stage(e) for e in full_records[table]]
                assert all(e["casualties"] == [] for e in records[table])
                # a source the events stage gave is kept by the casualty stage
                assert all(mine["attributed_to"] in (None, full["attributed_to"])
                           for mine, full in zip(records[table], full_records[table], strict=True))
            else:
                assert records[table] == full_records[table], f"{table} differs from the full run's"


@pytest.mark.slow
def test_reanalysis_follows_the_stage_set(corpus: Path, tmp_path: Path):
    """A subset run then the same subset, or a smaller one: nothing redone; then a full run:
    everything redone; then a subset again: nothing redone, the full run's records kept."""
    from sitrep.export import write_csv, write_jsonl
    from sitrep.workflow import analyze, ingest

    n = len(TEXTS)
    with Store(tmp_path / "r.db") as store:
        ingest(store, [str(corpus)])
        first = analyze(store, stages=("events",), incidents=True)
        assert first.analyzed == n
        assert set(store.document_stages().values()) == {("parse", "actors", "time", "place", "events")}
        assert first.incidents is not None and len(store.linked_documents()) == n  # incidents from a subset
        assert stored_records(store)["framings"] == [] and stored_records(store)["quotes"] == []
        out = io.StringIO()
        write_jsonl(store, out)
        objects = [json.loads(line) for line in out.getvalue().splitlines()]
        documents = [o for o in objects if o["type"] == "document"]
        assert len(documents) == n and all("framing" not in d["stages"] for d in documents)
        assert not any(o["type"] in ("framing", "quote") for o in objects)
        write_csv(store, tmp_path / "csv", types=frozenset({"document"}))
        header = (tmp_path / "csv" / "document.csv").read_text(encoding="utf-8").splitlines()[0]
        assert header.split(",")[-1] == "stages"
        assert analyze(store, stages=("events",)).analyzed == 0  # the same subset: nothing to redo
        assert analyze(store, stages=("place",)).analyzed == 0  # its stages all ran, at the same versions
        again = analyze(store, incidents=True)  # the full pipeline: more stages, everything again
        assert again.analyzed == n
        assert set(store.document_stages().values()) == {tuple(stage_names())}
        assert stored_records(store)["framings"] != []
        kept = stored_records(store)
        assert analyze(store).analyzed == 0
        # a subset after the full run: the documents hold its records already and keep the full run's
        assert analyze(store, stages=("events",)).analyzed == 0
        assert set(store.document_stages().values()) == {tuple(stage_names())}
        assert stored_records(store) == kept


@pytest.mark.slow
def test_a_subset_with_more_stages_analyzes_again(corpus: Path, tmp_path: Path):
    from sitrep.workflow import analyze, ingest

    with Store(tmp_path / "m.db") as store:
        ingest(store, [str(corpus)])
        assert analyze(store, stages=("place",)).analyzed == len(TEXTS)
        assert analyze(store, stages=("time",)).analyzed == len(TEXTS)  # time did not run with place
        assert set(store.document_stages().values()) == {("parse", "time")}
        assert analyze(store, stages=("events",)).analyzed == len(TEXTS)
        assert analyze(store, stages=("time",)).analyzed == 0


@pytest.mark.slow
def test_analyze_takes_a_pipeline_or_stages_not_both(tmp_path: Path):
    from sitrep.pipeline import build_pipeline
    from sitrep.workflow import analyze

    with Store(tmp_path / "x.db") as store, pytest.raises(PipelineError):
        analyze(store, pipeline=build_pipeline(only=["time"]), stages=("time",))


@pytest.mark.slow
def test_cli_run_with_stages_records_them_and_the_api_shows_them(corpus: Path, tmp_path: Path):
    from fastapi.testclient import TestClient

    from sitrep.serve.app import Settings, create_app

    db = tmp_path / "cli.db"
    result = runner.invoke(app, ["run", str(corpus), "--db", str(db), "--stages", "place", "--quiet"])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        stages = store.document_stages()
        doc_id = sorted(stages)[0]
    assert set(stages.values()) == {("parse", "actors", "place")} and len(stages) == len(TEXTS)
    client = TestClient(create_app(Settings(db=db)), base_url="http://127.0.0.1")
    body = client.get(f"/api/documents/{doc_id}").json()
    assert body["stages"] == ["parse", "actors", "place"]
    assert not any(s["kind"] in ("event", "quote", "scare_quote") for s in body["spans"])

