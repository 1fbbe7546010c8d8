"""Spreadsheet-safe CSV: no exported cell can run as a formula (OWASP CSV-injection rule).

Every record type is stored with text that starts with each formula character, then
exported with ``--format csv`` (every type) and ``--format acled``; every text cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return must come out with a
leading apostrophe, while numbers (a negative longitude) stay numbers.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import (
    app,
    commands,  # noqa: F401  (registers the per-stage commands)
)
from sitrep.export import EXPORT_TYPES, FORMULA_STARTS, safe_cell
from sitrep.incidents.update import update_incidents
from sitrep.records import (
    Actor,
    Casualty,
    Document,
    Entity,
    Event,
    EventDate,
    EventPlace,
    Evidence,
    Framing,
    Label,
    LoadedTerm,
    Mention,
    Place,
    Quote,
    ScareQuote,
    SentimentScore,
    TimeExpr,
)
from sitrep.stages.base import Analysis
from sitrep.store import Store

runner = CliRunner()
HOSTILE = ["=HYPERLINK(\"http://example.invalid\",\"x\")", "+1+2", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def _hostile_db(path: Path) -> None:
    """One document whose every record type carries hostile text in its text fields."""
    h = HOSTILE
    doc = Document(id="d1", sha256="d1" * 32, text="x" * 40, title=h[0], author=h[1], publisher=h[3],
                   dateline=h[2], source_path=h[4], status="ingested")
    ev = Evidence(0, 10, h[0])
    analysis = Analysis(
        document=doc,
        entities=[Entity("d1", 0, 4, h[1], "GPE", h[2])],
        actors=[Actor("A1", h[0], "state", h[3]), Actor("A2", h[2], "armed_group")],
        mentions=[Mention("d1", "A1", 0, 4, h[3], h[5]), Mention("d1", "A2", 5, 9, h[2], h[4])],
        times=[TimeExpr("d1", 0, 4, h[2], h[1], "DATE", "2016-01-01")],
        places=[Place("d1", 0, 4, h[3], h[0], h[2], lat=35.0, lon=-3.5, country="SY")],
        events=[Event("e1", "d1", "ASSAULT", "asserted", ev, h[1], actors=["A1"], recipients=["A2"],
                      place=EventPlace(h[2], None, None), date=EventDate(h[3]))],
        quotes=[Quote("q1", "d1", h[0], "direct", 0, 4, h[1], "A1", h[3], h[2])],
        casualties=[Casualty("c1", "d1", "killed", "people", 5, 0, 4, h[1], ev, scope="war_total",
                             attributed_to=h[3], source_text=h[0])],
        scare_quotes=[ScareQuote("d1", 0, 4, h[4], h[5], h[0])],
        framings=[Framing("d1", "A1", [Label(h[0], 1)], SentimentScore(-0.5, "negative", 1),
                          [LoadedTerm(h[2], "hedge", 0, 4)], [ev])],
    )
    with Store(path) as store:
        store.add_document(doc)
        store.save_analysis(analysis, "v-test")
        update_incidents(store)  # the incident record carries the hostile outlet and place too


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def _assert_safe(cells: list[str]) -> int:
    """No cell starts with a formula character unless it is a plain number; returns the
    number of neutralised cells seen."""
    neutralised = 0
    for cell in cells:
        if cell.startswith(FORMULA_STARTS):
            float(cell)  # only numbers may start with '-' or '+'; anything else fails here
        if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS):
            neutralised += 1
    return neutralised


def test_safe_cell_rule():
    for text in HOSTILE:
        assert safe_cell(text) == "'" + text
    assert safe_cell("Damascus") == "Damascus" and safe_cell(-3.5) == -3.5 and safe_cell(None) == ""
    assert safe_cell(["=x"]) == '["=x"]'  # nested values are JSON: they start with [ or {


def test_csv_export_of_every_record_type_is_formula_safe(tmp_path: Path):
    db = tmp_path / "h.db"
    _hostile_db(db)
    out = tmp_path / "csv"
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    for kind in EXPORT_TYPES:
        text = (out / f"{kind}.csv").read_text(encoding="utf-8")
        assert "HYPERLINK" in text or "SUM(A1)" in text or "+1+2" in text or "-2+3" in text, kind
        neutralised = _assert_safe(_cells(text))
        # framing and incident: their hostile text is only inside JSON cells (labels; outlets, place)
        assert neutralised >= (0 if kind in ("framing", "incident") else 1), kind
    # the longitude stays a number, and the JSON cells are still valid JSON
    [place] = list(csv.DictReader((out / "place.csv").open(encoding="utf-8", newline="")))
    assert place["lon"] == "-3.5" and place["text"] == "'@SUM(A1)"
    [event] = list(csv.DictReader((out / "event.csv").open(encoding="utf-8", newline="")))
    assert json.loads(event["evidence"])["text"] == HOSTILE[0]


def test_single_type_csv_to_stdout_and_acled_are_formula_safe(tmp_path: Path):
    db = tmp_path / "h.db"
    _hostile_db(db)
    one = runner.invoke(app, ["export", "--db", str(db), "--format", "csv", "--type", "quote"])
    assert one.exit_code == 0 and _assert_safe(_cells(one.stdout)) >= 4
    for extra in ([], ["--per-event"]):  # one row per incident, or per event
        acled = runner.invoke(app, ["export", "--db", str(db), "--format", "acled", *extra])
        assert acled.exit_code == 0
        [row] = list(csv.DictReader(io.StringIO(acled.stdout, newline="")))
        assert row["actor1"] == "'" + HOSTILE[0] and row["actor2"] == "'" + HOSTILE[2]
        if extra:  # (the incident has no place: its event's place is the dateline's, where the report was filed)
            assert row["location"] == "'" + HOSTILE[2] and row["longitude"] == "-3.5"
        assert _assert_safe(_cells(acled.stdout)) >= (3 if extra else 2)


@pytest.mark.parametrize("kind", EXPORT_TYPES)
def test_csv_header_is_written_for_every_type(tmp_path: Path, kind: str):
    with Store(tmp_path / "e.db"):
        pass
    result = runner.invoke(app, ["export", "--db", str(tmp_path / "e.db"), "-f", "csv", "-t", kind])
    assert result.exit_code == 0 and result.stdout.count("\n") == 1  # the header only
