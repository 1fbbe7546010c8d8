"""The casualties stage in the pipeline: figures on their events, the others kept apart, sources
on events, stored, exported (JSON Lines and ACLED) — on texts written for these tests."""

from __future__ import annotations

import csv
import json
import re
from importlib import resources
from pathlib import Path

import pytest

from sitrep.pipeline import build_pipeline
from sitrep.records import Casualty, Document, Event
from sitrep.store import Store

TEXT = ("Government forces shelled the town of Douma on Monday, killing 9 civilians including 3 children, "
        "the Syrian Observatory for Human Rights said. SANA reported that rebels fired mortars at Damascus. "
        "The war has killed more than 400,000 people since 2011.")


@pytest.fixture(scope="module")
def analysis(analyze_text):  # loads the model (the test is ``slow``)
    return analyze_text(TEXT, ["actors", "time", "place", "events", "quotes", "casualties"], published="2016-03-07", publisher="Example Wire", doc_id="d1")


def _figures(analysis) -> list[Casualty]:
    return [*(c for e in analysis.events for c in e.casualties), *analysis.casualties]


def test_incident_figures_are_on_one_event_and_totals_apart(analysis):
    on_events = [(e.trigger, c.kind, c.best) for e in analysis.events for c in e.casualties]
    assert ("shelled", "killed", 9) in on_events
    assert sum(1 for _, kind, best in on_events if (kind, best) == ("killed", 9)) == 1
    (total,) = analysis.casualties
    assert (total.best, total.scope, total.event) == (400000, "war_total", None)
    assert all(c.scope == "incident" for e in analysis.events for c in e.casualties)


def test_sources_resolve_to_kb_actors_and_fill_event_attribution(analysis):
    nine = next(c for c in _figures(analysis) if c.best == 9)
    assert nine.attributed_to == "SOHR"
    assert TEXT[nine.source_start:nine.source_end] == nine.source_text
    mortars = [e for e in analysis.events if "fired" in e.trigger]
    assert mortars and all(e.attributed_to == "SANA" for e in mortars)


def test_news_agency_is_not_a_place(analysis):
    assert not [p for p in analysis.places if p.text in ("SANA", "Syrian Observatory for Human Rights")]


def test_figures_are_stored_and_exported(analysis, tmp_path: Path):
    from sitrep.export import write_acled, write_jsonl
    from sitrep.incidents.update import update_incidents

    db = tmp_path / "c.db"
    with Store(db) as store:
        store.add_document(analysis.document)
        store.save_analysis(analysis, "test")
        events = store.records(Event)
        loose = store.records(Casualty)
        assert [c.best for e in events for c in e.casualties if c.kind == "killed"] == \
               [c.best for e in analysis.events for c in e.casualties if c.kind == "killed"]
        assert [(c.best, c.scope, c.approximate, c.superseded) for c in loose] == [(400000, "war_total", False, False)]
        out = tmp_path / "x.jsonl"
        with out.open("w", encoding="utf-8") as fh:
            write_jsonl(store, fh)
        lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert [o["best"] for o in lines if o["type"] == "casualty"] == [400000]
        acled = tmp_path / "a.csv"
        with acled.open("w", newline="", encoding="utf-8") as fh:
            write_acled(store, fh, per_event=True)
        update_incidents(store)
        per_incident = tmp_path / "i.csv"
        with per_incident.open("w", newline="", encoding="utf-8") as fh:
            write_acled(store, fh)
    rows = list(csv.DictReader(acled.open(encoding="utf-8")))
    shelling = next(r for r in rows if "shelled" in r["notes"] and r["fatalities"])
    assert shelling["fatalities"] == "9"  # the total, not the 3 children who are part of it
    assert shelling["source"] == "Example Wire; Syrian Observatory for Human Rights"
    assert "killing 9 civilians" in shelling["notes"]
    # one row per incident: the same conservative figure and its source, from the roll-up
    incident = next(r for r in csv.DictReader(per_incident.open(encoding="utf-8")) if "shelled" in r["notes"])
    assert incident["fatalities"] == "9"
    assert incident["source"] == "Example Wire; Syrian Observatory for Human Rights"


def test_migration_numbers_are_unique():
    # NNNN_name.sql, not a dialect's variant of it (NNNN_name.postgresql.sql)
    names = [p.name for p in (resources.files("sitrep.store") / "migrations").iterdir()
             if p.name.endswith(".sql") and p.name.count(".") == 1]
    numbers = [int(re.match(r"(\d{4})_", n).group(1)) for n in names]
    assert len(numbers) == len(set(numbers)), f"two migrations share a number: {sorted(names)}"


@pytest.mark.slow
def test_side_comes_from_the_figure_own_noun_phrase():
    pipeline = build_pipeline(only=["actors", "events", "casualties"])
    text = "Air strikes killed 35 Islamic State fighters and 12 civilians near the town."
    analysis = next(pipeline.analyze([Document(id="d2", sha256="d2", text=text)]))
    sides = {c.best: c.side for e in analysis.events for c in e.casualties} | {c.best: c.side for c in analysis.casualties}
    assert sides == {35: "ISIS", 12: None}
