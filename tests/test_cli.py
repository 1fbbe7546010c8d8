"""The CLI end to end on a tiny corpus: run, status, export (contract), report, exit codes."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import (
    app,
    commands,  # noqa: F401  (registers per-stage commands)
)

REPO = Path(__file__).resolve().parents[1]
runner = CliRunner()

DOC = (
    "Truce talks resume in Geneva\n\nBy Test Writer\n14 September 2016\n\n"
    "GENEVA — Diplomats from the United States and Russia met in Geneva on Tuesday to discuss the truce. "
    "John Kerry said the agreement could hold if both sides kept their promises.\n\n"
    "Residents of Aleppo said shelling had stopped on Monday evening."
)
DOCUMENT_KEYS = {"type", "id", "title", "author", "publisher", "published", "text_date", "created", "dateline", "url",
                 "source_path", "language", "status", "sha256", "text", "stages"}
ENTITY_KEYS = {"type", "document", "start", "end", "text", "label", "sentence"}


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "one.txt").write_text(DOC)
    (folder / "empty.txt").write_text("")
    return folder


@pytest.mark.slow  # runs the full pipeline
def test_cli_run_status_export_report(corpus: Path, tmp_path: Path):
    db = tmp_path / "t.db"
    result = runner.invoke(app, ["run", str(corpus), "--db", str(db), "--quiet"])
    assert result.exit_code == 3, result.output  # finished, but one input was skipped
    result = runner.invoke(app, ["run", str(corpus), "--db", str(db), "--quiet"])
    assert result.exit_code == 3  # the empty file is still reported; the article is a duplicate

    status = runner.invoke(app, ["status", "--db", str(db), "--json"])
    counts = json.loads(status.stdout)
    assert counts["documents"] == 1 and counts["analyzed"] == 1
    assert [p["source"].endswith("empty.txt") for p in counts["problems"]] == [True]

    exported = runner.invoke(app, ["export", "--db", str(db), "--format", "jsonl"])
    assert exported.exit_code == 0
    objects = [json.loads(line) for line in exported.stdout.splitlines()]
    docs = [o for o in objects if o["type"] == "document"]
    assert len(docs) == 1 and set(docs[0]) == DOCUMENT_KEYS
    doc = docs[0]
    assert doc["stages"] == ["parse", "actors", "time", "place", "events", "quotes", "casualties", "framing"]
    assert (doc["title"], doc["author"], doc["published"], doc["dateline"]) == (
        "Truce talks resume in Geneva", "Test Writer", "2016-09-14", "Geneva")
    entities = [o for o in objects if o["type"] == "entity"]
    assert entities and all(set(e) == ENTITY_KEYS for e in entities)
    for e in entities:  # offsets point into the exported text, and the sentence contains the span
        assert doc["text"][e["start"]:e["end"]] == e["text"]
        assert e["text"] in e["sentence"]

    out = tmp_path / "csv"
    assert runner.invoke(app, ["export", "--db", str(db), "--format", "csv", "-o", str(out)]).exit_code == 0
    with (out / "document.csv").open() as fh:
        assert next(csv.DictReader(fh))["title"] == "Truce talks resume in Geneva"

    html = tmp_path / "r.html"
    assert runner.invoke(app, ["report", "--db", str(db), "-o", str(html)]).exit_code == 0
    page = html.read_text()
    assert "Truce talks resume in Geneva" in page and "<mark>" in page
    assert "<script src" not in page and "<link" not in page and "http://" not in page.split("<body>")[0]


def test_cli_status_without_db_is_a_clear_error(tmp_path: Path):
    result = runner.invoke(app, ["status", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "No database" in result.output


def test_cli_bad_mapping_is_a_usage_error(corpus: Path, tmp_path: Path):
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(tmp_path / "t.db"), "--map", "colour=x"])
    assert result.exit_code == 2


def test_cli_eval_unknown_task(tmp_path: Path):
    result = runner.invoke(app, ["eval", "nosuchtask", str(tmp_path)])
    assert result.exit_code == 1 and "Unknown eval task" in result.output
    assert "incidents" in result.output and "events" in result.output  # every task README lists, the database one too


def test_docs_every_command_is_in_the_readme():
    from sitrep.cli import incidents, scale, serve  # noqa: F401  (every command registered, as main() does)

    readme = (REPO / "README.md").read_text()
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    names += [g.name for g in app.registered_groups]
    missing = [n for n in names if f"sitrep {n}" not in readme]
    assert not missing, f"commands missing from README.md: {missing}"


def test_export_time_record_keeps_its_record_type():
    from sitrep.records import TimeExpr

    obj = TimeExpr("d", 0, 8, "Thursday", "Thursday.", "DATE", "2016-07-14", "day").to_export()
    assert obj["type"] == "time" and obj["timex_type"] == "DATE"
