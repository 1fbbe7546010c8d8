"""Incidents in the database: incremental linking, stable ids, rebuild, CLI, exports.

The reports are the project-written ones of ``incident_helpers``; they are stored as
``sitrep analyze`` would store them, then linked through the library and the CLI.
"""

from __future__ import annotations

import csv
import gc
import json
from pathlib import Path

import pytest
from incident_helpers import Line, incident_state, report, store_report
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.cli import incidents as _incidents_cli  # noqa: F401  (registers `sitrep incidents`)
from sitrep.incidents.update import paused_gc, update_incidents
from sitrep.store import Store

STRIKE = "Warplanes struck the crowded vegetable market of Qarat Amal on Monday, killing twelve civilians."
STRIKE_B = "Jets struck the crowded vegetable market of Qarat Amal on Monday and twelve civilians were killed."
SHELLING = "Rebels shelled the grain silos of Tel Wardeh on Tuesday, wounding three guards."
SHELLING_B = "Rebel artillery shelled the grain silos of Tel Wardeh on Tuesday and three guards were wounded."


def _reports() -> dict[str, object]:
    return {
        "a": report("a", "One", "2030-05-07", [Line(STRIKE, "struck", place="Qarat Amal", day="2030-05-06",
                                                      actors=["SYR_AF"], recipients=["CIVILIANS"])]),
        "b": report("b", "Two", "2030-05-07", [Line(STRIKE_B, "struck", status="reported", place="Qarat Amal",
                                                      day="2030-05-06", recipients=["CIVILIANS"])]),
        "c": report("c", "Three", "2030-05-08", [Line(SHELLING, "shelled", mode="heavy-weapons", place="Tel Wardeh",
                                                        day="2030-05-07", actors=["REBELS"])]),
        "d": report("d", "Four", "2030-05-09", [Line(SHELLING_B, "shelled", mode="heavy-weapons",
                                                       place="Tel Wardeh", day="2030-05-07", actors=["REBELS"])]),
    }


def _store(path: Path | str, ids: list[str]) -> Store:
    store = Store(path)
    _add(store, ids)
    return store


def _add(store: Store, ids: list[str]) -> None:
    items = _reports()
    for doc_id in ids:
        store_report(store, items[doc_id])  # type: ignore[arg-type]


def test_incidents_store_incremental_updates_only_touched_incidents_and_equals_rebuild(db_location: str) -> None:
    """On both backends (the incident tables are migration 0005, translated for PostgreSQL)."""
    store = _store(db_location, ["a", "b", "c"])
    first = update_incidents(store)
    assert first.rebuilt and first.documents == 3
    before, _ = incident_state(store)
    strike = next(i for i in before.values() if set(i["documents"]) == {"a", "b"})
    shelling = next(i for i in before.values() if i["documents"] == ["c"])
    assert shelling["links"] == [] and shelling["weakest_link"] is None  # one report: no tie
    ties = {x["document"]: x for x in strike["links"]}  # two reports: each tied to the other, one link's score
    assert ties["a"]["to"] == "b" and ties["b"]["to"] == "a" and ties["a"]["linked"] == ["b"]
    assert 0.0 < ties["a"]["strength"] == ties["b"]["strength"] == strike["weakest_link"] <= 1.0
    _add(store, ["d"])
    step = update_incidents(store)
    assert not step.rebuilt and step.documents == 1
    after, members = incident_state(store)
    assert after[strike["id"]] == strike  # untouched: same id, same record
    grown = after[shelling["id"]]  # the shelling gained a report and kept its id
    assert grown["documents"] == ["c", "d"] and grown["independent_sources"] == 2
    assert [(x["document"], x["to"]) for x in grown["links"]] == [("c", "d"), ("d", "c")]  # and a tie, incrementally
    assert grown["weakest_link"] is not None and grown["weakest_link"] > 0.0
    assert update_incidents(store).documents == 0  # nothing new: nothing done
    update_incidents(store, rebuild_all=True)
    assert incident_state(store) == (after, members)
    assert [i.id for i in store.incidents(since="2030-05-07")] == [shelling["id"]]
    assert store.documents_near("2030-05-06", "2030-05-06") == ["a", "b"]  # by the events' day, not publication
    store.close()


def test_incidents_store_every_event_has_its_incident(db_location: str) -> None:
    from sitrep.records import Event

    store = _store(db_location, ["a", "b"])
    update_incidents(store)
    events = store.records(Event)
    assert events and all(e.incident is not None for e in events)
    assert len({e.incident for e in events}) == 1
    store.close()


def test_incidents_store_cli_lists_filters_and_exports(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    _store(db, ["a", "b", "c", "d"]).close()
    runner = CliRunner()
    result = runner.invoke(app, ["incidents", "--db", str(db), "--rebuild", "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(rows) == 2 and all(r["type"] == "incident" for r in rows)
    only = runner.invoke(app, ["incidents", "--db", str(db), "--json", "--place", "wardeh", "--min-sources", "2"])
    assert [json.loads(line)["documents"] for line in only.stdout.splitlines()] == [["c", "d"]]
    none = runner.invoke(app, ["incidents", "--db", str(db), "--json", "--status", "denied"])
    assert none.stdout.strip() == ""
    bad = runner.invoke(app, ["incidents", "--db", str(db), "--status", "maybe"])
    assert bad.exit_code == 2
    out = tmp_path / "x.jsonl"
    assert runner.invoke(app, ["export", "--db", str(db), "-o", str(out)]).exit_code == 0
    objects = [json.loads(line) for line in out.read_text().splitlines()]
    assert [o["type"] for o in objects].count("incident") == 2
    assert all(o["incident"] for o in objects if o["type"] == "event")
    acled = tmp_path / "a.csv"
    assert runner.invoke(app, ["export", "--db", str(db), "-f", "acled", "-o", str(acled)]).exit_code == 0
    table = list(csv.DictReader(acled.open()))
    assert len(table) == 2 and {r["source"] for r in table} == {"One; Two", "Four; Three"}
    per_event = tmp_path / "e.csv"
    assert runner.invoke(app, ["export", "--db", str(db), "-f", "acled", "--per-event", "-o", str(per_event)]).exit_code == 0
    assert len(list(csv.DictReader(per_event.open()))) == 4


def test_incidents_store_cli_option_values_are_checked_as_the_readme_says(tmp_path: Path) -> None:
    """README: choices take any case, a wrong value lists the valid ones, an --actor id the database
    does not hold is a usage error (exit 2); a day that is not a day is a bad option value, not a text
    compared with the stored days."""
    db = tmp_path / "s.db"
    _store(db, ["a", "b", "c", "d"]).close()
    runner = CliRunner()

    def listed(*args: str) -> list[list[str]]:
        result = runner.invoke(app, ["incidents", "--db", str(db), "--json", "-n", "0", *args])
        assert result.exit_code == 0, result.output
        return sorted(json.loads(line)["documents"] for line in result.stdout.splitlines() if line.startswith("{"))

    everything = listed()
    assert everything == [["a", "b"], ["c", "d"]]
    assert listed("--status", "REPORTED") == listed("--status", "reported") == [["a", "b"]]
    assert listed("--category", "assault") == listed("--category", "ASSAULT") == everything
    assert listed("--actor", "rebels") == listed("--actor", "REBELS") == [["c", "d"]]
    assert listed("--since", "2030-05-07", "--until", "2030-05-07") == [["c", "d"]]
    for option, value, says in (("--category", "bombing", "ASSAULT"), ("--status", "maybe", "denied"),
                                ("--actor", "NOPE", "sitrep actors"), ("--since", "2030-13-45", "YYYY-MM-DD"),
                                ("--until", "May 2030", "YYYY-MM-DD")):
        bad = runner.invoke(app, ["incidents", "--db", str(db), option, value])
        assert bad.exit_code == 2, (option, bad.output)
        assert says in bad.output, (option, bad.output)


def test_incidents_store_report_shows_versions_side_by_side(tmp_path: Path) -> None:
    from sitrep.report import write_report

    store = _store(tmp_path / "s.db", ["a", "b", "c"])
    update_incidents(store)
    out = tmp_path / "r.html"
    write_report(store, out)
    html = out.read_text()
    section = html[html.index('id="incidents"'):html.index('id="events"')]
    assert "2 reports, 2 independent" in section and "One" in section and "Two" in section
    strike = next(i for i in store.incidents() if len(i.documents) == 2)
    assert strike.weakest_link is not None  # each report's tie is in its row
    assert section.count(f'<td class="small">{strike.weakest_link:.2f}</td>') == 2
    assert "Qarat Amal" in section and "Tel Wardeh" not in section  # a single-report incident is not listed
    store.close()


@pytest.mark.slow
def test_incidents_store_demo_corpus_groups_what_an_analyst_would(tmp_path: Path) -> None:
    """The demo corpus (project-written, examples/corpus): the two reports of the 17 September
    2016 strike near Deir ez-Zor (02, 03) share an incident; nothing joins a 2016 report to a
    2024 one; linking report by report equals a rebuild."""
    from sitrep.workflow import analyze, ingest

    repo = Path(__file__).resolve().parents[1]
    files = sorted(str(p) for p in (repo / "examples" / "corpus").glob("*.txt"))
    with Store(tmp_path / "demo.db") as store:
        ingest(store, files[:5])
        analyze(store, incidents=True)
        ingest(store, files[5:])
        analyze(store, incidents=True)
        stepwise = incident_state(store)
        update_incidents(store, rebuild_all=True)
        assert incident_state(store) == stepwise
        names = {d.id: Path(d.source_path or "").name[:2] for d in store.documents()}
        groups = [sorted(names[d] for d in i.documents) for i in store.incidents()]
        published = {d.id: d.published or "" for d in store.documents()}
        years = [{published[d][:4] for d in i.documents} for i in store.incidents()]
    assert any({"02", "03"} <= set(g) for g in groups)
    assert all(len(y) == 1 for y in years)


def test_incidents_store_copied_from_sqlite_to_postgresql_keep_every_incident(tmp_path: Path, pg_url: str) -> None:
    """`sitrep migrate --from sitrep.db --to postgresql://...` carries the incident layer over."""
    from sitrep.records import Event
    from sitrep.store.copy import copy_database

    source = _store(tmp_path / "s.db", ["a", "b", "c", "d"])
    update_incidents(source)
    with Store(pg_url) as target:
        copy_database(source, target)
        assert incident_state(target) == incident_state(source)
        assert [e.incident for e in target.records(Event)] == [e.incident for e in source.records(Event)]
        assert target.linked_documents() == source.linked_documents()
        assert update_incidents(target).documents == 0  # nothing left to link after the copy
    source.close()


def test_incidents_store_export_order_is_the_same_on_postgresql(tmp_path: Path, pg_url: str) -> None:
    """An undated incident is listed first on both backends (PostgreSQL sorts NULL last unless told),
    so `sitrep export` of the same records is byte-identical whichever database holds them."""
    import io

    from sitrep.export import write_jsonl

    undated = report("u", "Five", None, [Line("Rebels shelled the grain silos of Marj Hilal, wounding two guards.",
                                               "shelled", mode="heavy-weapons", place="Marj Hilal", actors=["REBELS"])])
    exports = []
    for location in (str(tmp_path / "s.db"), pg_url):
        with Store(location) as store:
            _add(store, ["a", "b", "c", "d"])
            store_report(store, undated)  # type: ignore[arg-type]
            update_incidents(store)
            assert [i.date is None for i in store.incidents()] == [True, False, False]
            out = io.StringIO()
            write_jsonl(store, out)
            exports.append(out.getvalue())
    assert exports[0] == exports[1]


def test_incidents_paused_gc_restores_the_collector() -> None:
    """``paused_gc`` turns the cyclic collector off inside, back on after (also when the body
    raises), and leaves it off when it was off."""
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), paused_gc():
        raise RuntimeError("inside")
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
