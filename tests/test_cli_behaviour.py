"""The CLI as a new user meets it: validated choices, clear errors for unknown ids, --version,
help on every option, -o FILE / stdout, --map checks, stable --json, readable listings, logging."""

from __future__ import annotations

import csv
import json
import logging
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from sitrep import __version__
from sitrep.cli import (
    app,
    commands,  # noqa: F401  (registers the per-stage commands)
)
from sitrep.records import Actor, Document, Event, Evidence, Mention
from sitrep.stages.base import Analysis
from sitrep.store import Store

runner = CliRunner()


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    """A small database with one analyzed document, one actor and one event (no models needed)."""
    path = tmp_path / "t.db"
    doc = Document(id="doc1", sha256="a" * 64, text="Rebels attacked the town.", title="T", publisher="Wire")
    with Store(path) as store:
        store.add_document(doc)
        store.save_analysis(Analysis(
            document=doc,
            actors=[Actor("REB_X", "Rebel Group X", "armed_group")],
            mentions=[Mention("doc1", "REB_X", 0, 6, "Rebels", "Rebels attacked the town.")],
            events=[Event("e1", "doc1", "ASSAULT", "asserted", Evidence(0, 25, "Rebels attacked the town."),
                          "attacked", actors=["REB_X"])],
        ), "v1")
    return path


def _invoke(*args: str):  # noqa: ANN202 - typer.testing's Result
    return runner.invoke(app, list(args))


# --- closed choices --------------------------------------------------------------------------


@pytest.mark.parametrize("args, found", [
    (["events", "--status", "Asserted"], 1), (["events", "--status", "ASSERTED"], 1), (["events", "--status", "negated"], 0),
    (["events", "--category", "assault"], 1), (["events", "--category", "Assault"], 1), (["events", "--category", "AID"], 0),
])
def test_choices_are_case_insensitive(db: Path, args: list[str], found: int):
    result = _invoke(*args, "--db", str(db), "--json")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == found


@pytest.mark.parametrize("args, valid", [
    (["events", "--status", "bogus"], "asserted, reported, historical, future, hypothetical, negated"),
    (["events", "--category", "BOGUS"], "AGREE, CONSULT"),
    (["export", "--format", "xml"], "jsonl, csv, acled"),
    (["export", "--type", "nope"], "document, actor"),
    (["ingest", "x", "--date-order", "YMD"], "MDY, DMY"),
])
def test_invalid_choice_is_a_usage_error_listing_the_valid_values(db: Path, args: list[str], valid: str):
    result = _invoke(*args, "--db", str(db))
    assert result.exit_code == 2
    assert valid in result.output and "is not one of" in result.output


def test_export_format_and_date_order_any_case(db: Path, tmp_path: Path):
    assert _invoke("export", "--db", str(db), "--format", "JSONL").exit_code == 0
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("Rebels attacked the northern town on Monday, officials said.")
    assert _invoke("ingest", str(tmp_path / "c"), "--db", str(db), "--date-order", "dmy", "-q").exit_code == 0


def test_unknown_ids_are_usage_errors_not_empty_tables(db: Path):
    for args, option in ((["events", "--actor", "NOPE"], "--actor"), (["actors", "--document", "nope"], "--document"),
                         (["compare", "--actor", "NOPE"], "--actor")):
        result = _invoke(*args, "--db", str(db))
        assert result.exit_code == 2, (args, result.output)
        assert option in result.output and "NOPE".lower() in result.output.lower() and "sitrep " in result.output
    ok = _invoke("events", "--actor", "reb_x", "--db", str(db), "--json")  # ids match in any case
    assert ok.exit_code == 0 and len(ok.stdout.splitlines()) == 1
    assert _invoke("actors", "--document", "doc1", "--db", str(db)).exit_code == 0


# --- version, help -----------------------------------------------------------------------------


def test_version():
    for args in (["--version"],):
        result = _invoke(*args)
        assert result.exit_code == 0 and result.stdout.strip() == f"sitrep {__version__}"


def _all_commands() -> list[tuple[str, object]]:
    """Every command of the CLI, groups and subcommands included (typer's own click objects)."""
    root = typer.main.get_command(app)
    out: list[tuple[str, object]] = [("sitrep", root)]
    for name, cmd in root.commands.items():  # type: ignore[attr-defined]
        out.append((name, cmd))
        out += [(f"{name} {sub}", c) for sub, c in getattr(cmd, "commands", {}).items()]
    return out


def test_every_option_and_argument_has_help():
    missing = []
    for name, cmd in _all_commands():
        for param in cmd.params:  # type: ignore[attr-defined]
            if param.name == "help":
                continue
            if not (getattr(param, "help", None) or "").strip():
                missing.append(f"{name} {param.name}")
    assert not missing, f"options without help: {missing}"
    assert "Documents analyzed together" in _invoke("analyze", "--help").output


# --- export destinations -----------------------------------------------------------------------


def test_export_destinations(db: Path, tmp_path: Path):
    stdout = _invoke("export", "--db", str(db))
    assert stdout.exit_code == 0 and json.loads(stdout.stdout.splitlines()[0])["type"] == "document"
    dash = _invoke("export", "--db", str(db), "-o", "-")
    assert dash.stdout == stdout.stdout
    out = tmp_path / "r.jsonl"
    assert _invoke("export", "--db", str(db), "-o", str(out)).exit_code == 0
    assert out.read_text() == stdout.stdout
    acled = _invoke("export", "--db", str(db), "-f", "acled")  # no -o: stdout; one row per incident
    assert acled.exit_code == 0 and acled.stdout.startswith("event_id_cnty,event_date,event_type")
    per_event = _invoke("export", "--db", str(db), "-f", "acled", "--per-event")
    assert per_event.exit_code == 0 and per_event.stdout.startswith("event_date,event_type")
    one = _invoke("export", "--db", str(db), "-f", "csv", "-t", "event", "-o", str(tmp_path / "ev.csv"))
    assert one.exit_code == 0 and next(csv.DictReader((tmp_path / "ev.csv").open()))["id"] == "e1"
    events_only = _invoke("export", "--db", str(db), "-t", "event")
    assert [json.loads(x)["type"] for x in events_only.stdout.splitlines()] == ["event"]


def test_export_csv_needs_a_folder_or_one_type(db: Path, tmp_path: Path):
    for args in ([], ["-o", "-"], ["-o", str(tmp_path / "out.csv")]):
        result = _invoke("export", "--db", str(db), "-f", "csv", *args)
        assert result.exit_code == 2 and "--type" in result.output and "FOLDER" in result.output
        assert not (tmp_path / "out.csv").exists()
    folder = tmp_path / "csv"
    result = _invoke("export", "--db", str(db), "-f", "csv", "-o", str(folder), "-t", "event", "-t", "actor")
    assert result.exit_code == 0 and sorted(p.name for p in folder.iterdir()) == ["actor.csv", "event.csv"]


def test_output_in_a_missing_folder_is_one_line(db: Path, tmp_path: Path):
    for args in (["report", "-o", str(tmp_path / "nope" / "r.html")], ["export", "-o", str(tmp_path / "nope" / "r.jsonl")],
                 ["export", "-f", "csv", "-o", str(tmp_path / "nope" / "deeper" / "csv")]):
        result = _invoke(*args, "--db", str(db))
        assert result.exit_code == 1, (args, result.output)
        assert result.output.startswith("error: ") and result.output.count("\n") == 1, result.output
        assert "does not exist" in result.output


# --- ingest: --map ------------------------------------------------------------------------------


def test_map_naming_a_missing_column_is_a_usage_error(tmp_path: Path):
    table = tmp_path / "feed.csv"
    table.write_text("body,headline\n\"Rebels attacked the northern town on Monday, officials said.\",T\n")
    db = tmp_path / "m.db"
    result = _invoke("ingest", str(table), "--db", str(db), "--map", "text=body,title=heading")
    assert result.exit_code == 2
    assert "'heading'" in result.output and "'body', 'headline'" in result.output
    assert not db.exists()  # nothing was ingested
    jsonl = tmp_path / "feed.jsonl"
    jsonl.write_text('{"content": "Rebels attacked the northern town on Monday, officials said."}\n')
    result = _invoke("ingest", str(jsonl), "--db", str(db), "--map", "text=body")
    assert result.exit_code == 2 and "'content'" in result.output
    ok = _invoke("ingest", str(table), "--db", str(db), "--map", "text=body,title=headline", "-q")
    assert ok.exit_code == 0, ok.output


# --- status and listings ---------------------------------------------------------------------------


def test_status_json_keys_are_stable(tmp_path: Path):
    with Store(tmp_path / "e.db"):
        pass
    result = _invoke("status", "--db", str(tmp_path / "e.db"), "--json")
    assert json.loads(result.stdout) == {
        "schema_version": json.loads(result.stdout)["schema_version"], "documents": 0, "ingested": 0, "analyzed": 0,
        "skipped": 0, "failed": 0, "inputs_skipped": 0, "inputs_failed": 0, "problems": []}


def test_skip_listing_is_natural_and_does_not_repeat_the_source(tmp_path: Path):
    text = "Rebels attacked the northern town on day {}, officials said."
    rows = ["text,title"] + [f"\"{'' if i % 2 else text.format(i)}\",t{i}" for i in range(1, 13)]
    table = tmp_path / "rows.csv"
    table.write_text("\n".join(rows) + "\n")
    db = tmp_path / "s.db"
    ingest = _invoke("ingest", str(table), "--db", str(db), "-q")
    assert ingest.exit_code == 3
    listed = [line for line in ingest.output.splitlines() if line.startswith("skipped:")]
    assert [line.split("#row")[1].split(":")[0] for line in listed] == ["1", "3", "5", "7", "9", "11"]
    assert all(line.count(str(table)) == 1 for line in listed), listed
    status = _invoke("status", "--db", str(db))
    lines = [line.strip() for line in status.stdout.splitlines() if "#row" in line]
    assert [line.split("#row")[1].split(":")[0] for line in lines] == ["1", "3", "5", "7", "9", "11"]
    assert all(line.count(str(table)) == 1 for line in lines)


def test_messages_do_not_wrap_mid_sentence(tmp_path: Path):
    deep = tmp_path / ("a-rather-long-folder-name-" * 3)
    deep.mkdir()
    with Store(deep / "database-with-a-long-name.db"):
        pass
    result = runner.invoke(app, ["status", "--db", str(deep / "database-with-a-long-name.db")], env={"COLUMNS": "80"})
    [summary] = [line for line in result.stdout.splitlines() if "documents" in line]
    assert len(summary) > 80 and summary.endswith("0 inputs failed.")


# --- logging and progress --------------------------------------------------------------------------


def test_verbose_turns_on_logging(tmp_path: Path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("Rebels attacked the northern town on Monday, officials said.")
    logger = logging.getLogger("sitrep")
    quiet = _invoke("ingest", str(tmp_path / "c"), "--db", str(tmp_path / "q.db"), "-q")
    assert "sitrep.workflow" not in quiet.output and logger.level == logging.WARNING
    loud = _invoke("ingest", str(tmp_path / "c"), "--db", str(tmp_path / "v.db"), "-q", "-v")
    assert loud.exit_code == 0 and "sitrep.workflow: ingest:" in loud.output and logger.level == logging.INFO
    _invoke("-vv", "status", "--db", str(tmp_path / "v.db"))
    assert logger.level == logging.DEBUG
    _invoke("status", "--db", str(tmp_path / "v.db"))
    assert logger.level == logging.WARNING


def test_rate_column_is_documents_over_elapsed_time():
    from rich.progress import Progress

    from sitrep.cli.progress import RateColumn

    clock = [100.0]
    progress = Progress(RateColumn(), get_time=lambda: clock[0], auto_refresh=False, disable=True)
    task = progress.add_task("analyze", total=32)
    clock[0] = 104.0
    progress.advance(task, 16)  # a batch of 16 saved at one instant: 4 docs/s, not hundreds
    assert RateColumn().render(progress.tasks[0]).plain == "4.0 docs/s"


def test_analyze_shows_a_status_while_models_load(tmp_path: Path, monkeypatch):
    from sitrep import workflow
    from sitrep.pipeline import Pipeline

    calls: list[str] = []

    class Recorder:
        def loading(self, description: str) -> None:
            calls.append("loading")

        def start(self, total, description) -> None:
            calls.append("start")

        def advance(self, n: int = 1, *, words: int = 0) -> None:
            calls.append("advance")

        def finish(self) -> None:
            calls.append("finish")

    from sitrep.resources import Resources

    def fake_build(model: str, *, only: object = None, options: object = None) -> Pipeline:
        calls.append("build")
        return Pipeline(model=model, stages=[], resources=Resources(model))

    monkeypatch.setattr(workflow, "build_pipeline", fake_build)
    monkeypatch.setattr(Pipeline, "version", property(lambda self: "v-test"))
    with Store(tmp_path / "x.db") as store:
        workflow.analyze(store, progress=Recorder())
    assert calls == ["loading", "build", "start", "finish"]
