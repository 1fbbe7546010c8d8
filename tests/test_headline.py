"""``benchmarks/headline.py``: reading each command's output, the met / not-met logic, and a failing
command that does not stop the others.

Every figure here is made up (shaped like the commands' real JSON, none copied from a run).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import headline as hl
import pytest

# -- made-up outputs, shaped like each command's real JSON ---------------------------------------
INCIDENTS = {  # sitrep eval incidents --json: scorer.score, per split
    "all": {"f1": 0.6, "contested_right": 0.5, "false_flags": 0.2},
    "tune": {"f1": 0.9, "precision": 0.88, "recall": 0.92, "contested_right": 0.7, "false_flags": 0.1,
             "fields": {"date": {"tp": 1, "fp": 0, "fn": 2}}},
    "check": {"f1": 0.5, "precision": 0.6, "recall": 0.43, "contested_right": None, "false_flags": 0.25},
}
OOF = {  # incidents_contested_oof.py: summary() of the splits
    "config": {"repeats": 5}, "splits": [{"f1": 0.61}, {"f1": 0.63}],
    "f1": {"mean": 0.62, "sd": 0.01, "min": 0.61, "max": 0.63},
    "contested_right": {"mean": 0.71, "sd": 0.02, "min": 0.7, "max": 0.72},
    "false_flags": {"mean": 0.11, "sd": 0.0, "min": 0.11, "max": 0.11},
}
CASUALTIES = {  # sitrep eval casualties --json: score, then each half's keys prefixed
    "articles": 10, "figure_f1": 0.8, "tune_figure_f1": 0.86, "check_figure_f1": 0.84,
    "tune_main_killed_accuracy": 0.85, "check_main_killed_accuracy": 0.849,
    "tune_attribution_accuracy": 0.9, "check_attribution_accuracy": None,
    "tune_attribution_strict": 0.7, "check_attribution_strict": 0.6,
    "tune_war_totals_on_incidents": 0, "check_war_totals_on_incidents": 2, "skipped": 0,
}
EVENTS = {  # sitrep eval events (article gold) --json: all at the top, each half under its name
    "event_f1": 0.5,
    "tune": {"event_f1": 0.71, "actor_accuracy": 0.79, "recipient_accuracy": 0.7, "place_accuracy": 0.81,
             "status_accuracy": 0.8, "actor_strict_accuracy": 0.6, "recipient_strict_accuracy": 0.65,
             "predicted_per_gold": 1.3, "dates_not_calendar": 0},
    "check": {"event_f1": 0.69, "actor_accuracy": 0.5, "recipient_accuracy": 0.75, "place_accuracy": 0.7,
              "status_accuracy": 0.9, "actor_strict_accuracy": 0.4, "recipient_strict_accuracy": 0.5,
              "predicted_per_gold": 0.69, "dates_not_calendar": 1},
    "skipped": 0,
}
PLOVER = {
    "category_accuracy": 0.5,
    "tune": {"category_accuracy": 0.81, "actor_f1": 0.74, "recipient_f1": 0.7},
    "check": {"category_accuracy": 0.79, "actor_f1": 0.76, "recipient_f1": 0.69},
}
GEO = {  # geo_bench.py --out: per corpus/split, per system
    "GeoWebNews/dev": {"sitrep": {"acc161": 0.91, "e2e_f1": 0.7}, "geotext": {"acc161": 0.3}, "articles": 4},
    "GeoWebNews/heldout": {"sitrep": {"acc161": 0.89, "e2e_f1": 0.6}, "geotext": {"acc161": 0.2}},
    "LGL/dev": {"sitrep": {"acc161": 0.85, "e2e_f1": 0.75}},
    "LGL/heldout": {"sitrep": {"acc161": 0.84, "e2e_f1": 0.76}},
    "LGL/speed": {"sitrep_docs_per_s": 3.0},
}
NGEC = {  # actors_ngec_split.py --json
    "tune": {"country": {"accuracy": 0.95, "right": 19, "n": 20}, "sector": {"accuracy": 0.75, "right": 3, "n": 4}},
    "check": {"country": {"accuracy": 0.9, "right": 9, "n": 10}, "sector": {"accuracy": 0.8, "right": 4, "n": 5}},
}
# the records audit's ``--halves`` output: each half's summary, keys as ``summarise`` writes them
# (``right_share`` per field; tests/test_incidents_records_audit.py pins their computation)
RECORDS = {half: {"incidents": 3, "real": 3, "right_share": {
    "actors": 0.5, "recipients": 0.25, "place": 0.75, "killed_best": 0.5, "contested": 1.0}} for half in ("tune", "check")}
FIXTURES: dict[str, dict[str, Any]] = {"incidents": INCIDENTS, "oof": OOF, "casualties": CASUALTIES,
                                       "events": EVENTS, "plover": PLOVER, "geo": GEO, "ngec": NGEC,
                                       "records": RECORDS}


def by_measure(result: list[hl.Row]) -> dict[str, hl.Row]:
    return {r.measure: r for r in result}


def test_headline_every_target_reads_a_command_and_a_key_its_output_has() -> None:
    """Each target names a command of COMMANDS, and each of its key paths finds a number (or an explicit
    null) in that command's made-up output: no target reads a key the scorers do not write."""
    names = {c.name for c in hl.COMMANDS}
    for t in hl.TARGETS:
        assert t.command in names, t
        for path in (t.tune, t.check):
            if path is None:
                continue
            value: Any = FIXTURES[t.command]
            for key in path.split("."):
                assert key in value, (t.measure, path)
                value = value[key]


def test_headline_lookup_dotted_paths() -> None:
    assert hl.lookup(GEO, "GeoWebNews/dev.sitrep.acc161") == 0.91
    assert hl.lookup(NGEC, "check.sector.accuracy") == 0.8
    assert hl.lookup(CASUALTIES, "tune_war_totals_on_incidents") == 0.0
    assert hl.lookup(INCIDENTS, "check.contested_right") is None  # null in the output
    assert hl.lookup(INCIDENTS, "tune.fields") is None  # not a number
    assert hl.lookup(INCIDENTS, "tune.nothing") is None
    assert hl.lookup(None, "tune.f1") is None
    assert hl.lookup(INCIDENTS, None) is None
    assert hl.lookup({"x": True}, "x") is None  # a flag is no figure


@pytest.mark.parametrize(("figure", "value", "direction", "expected"), [
    (0.85, 0.85, "at_least", True), (0.849, 0.85, "at_least", False),
    (0.10, 0.10, "at_most", True), (0.101, 0.10, "at_most", False),
    (0.0, 0, "at_most", True), (1.0, 0, "at_most", False),
    (0.70, (0.70, 1.30), "within", True), (1.30, (0.70, 1.30), "within", True),
    (0.69, (0.70, 1.30), "within", False), (1.31, (0.70, 1.30), "within", False),
    (None, 0.85, "at_least", None), (0.9, None, "at_least", None),
])
def test_headline_met(figure: float | None, value: Any, direction: hl.Direction, expected: bool | None) -> None:
    assert hl.met(figure, hl.Target(1, "m", "c", "t", "c", value, direction)) is expected


def test_headline_rows_from_each_commands_output() -> None:
    rows = by_measure(hl.rows(hl.TARGETS, dict(FIXTURES)))
    assert len(rows) == len(hl.TARGETS)
    pair = rows["pair F1"]
    assert (pair.tune, pair.check, pair.met_tune, pair.met_check, pair.target) == (0.9, 0.5, True, False, "≥ 0.85")
    recall = rows["pair recall"]
    assert (recall.tune, recall.check, recall.met_tune, recall.target) == (0.92, 0.43, None, "")
    contested = rows["contested field right"]
    assert (contested.tune, contested.check, contested.met_tune, contested.met_check) == (0.7, None, True, None)
    flags = rows["contested false flags"]
    assert (flags.met_tune, flags.met_check, flags.target) == (True, False, "≤ 0.1")
    oof = rows["pair F1 out of fold (mean of 5 splits)"]
    assert (oof.tune, oof.check, oof.met_tune, oof.met_check) == (0.62, None, False, None)
    assert (rows["contested right out of fold"].met_tune, rows["contested false flags out of fold"].met_tune) == (
        True, False)
    killed = rows["main-killed accuracy"]
    assert (killed.met_tune, killed.met_check) == (True, False)
    war = rows["war-wide totals on an event"]
    assert (war.tune, war.check, war.met_tune, war.met_check) == (0.0, 2.0, True, False)
    strict = rows["attribution strict"]
    assert (strict.tune, strict.target, strict.met_tune) == (0.7, "", None)
    per_gold = rows["events per coder event"]
    assert (per_gold.met_tune, per_gold.met_check, per_gold.target) == (True, False, "0.7–1.3")
    assert (rows["FA-KES actor (matched)"].met_tune, rows["FA-KES status (matched)"].met_tune) == (False, True)
    assert (rows["PLOVER actor F1"].met_tune, rows["PLOVER actor F1"].met_check) == (False, True)
    assert (rows["GWN acc@161 (gold spans)"].met_tune, rows["GWN acc@161 (gold spans)"].met_check) == (True, False)
    assert rows["LGL end-to-end F1"].met_check is None and rows["LGL end-to-end F1"].check == 0.76
    assert (rows["NGEC sector"].met_tune, rows["NGEC sector"].met_check) == (False, True)


def test_headline_rows_of_a_missing_output_have_no_figures() -> None:
    rows = by_measure(hl.rows(hl.TARGETS, {**FIXTURES, "geo": None}))
    geo = rows["GWN acc@161 (gold spans)"]
    assert (geo.tune, geo.check, geo.met_tune, geo.met_check) == (None, None, None, None)
    assert rows["pair F1"].tune == 0.9
    assert "—" in hl.table(list(rows.values()))


def test_headline_read_figures_from_stdout_and_own_files(tmp_path: Path) -> None:
    """stdout JSON (one line, or indented over many as the out-of-fold script prints it), a command's own
    figures file, and a failed run's empty or partial output (no figures)."""
    commands = {c.name: c for c in hl.COMMANDS}
    (tmp_path / "incidents.json").write_text(json.dumps(INCIDENTS) + "\n", encoding="utf-8")
    (tmp_path / "oof.json").write_text(json.dumps(OOF, indent=1) + "\n", encoding="utf-8")
    (tmp_path / "geo.stdout").write_text("corpus/split  system  acc161\nwrote geo.json\n", encoding="utf-8")
    (tmp_path / "geo.json").write_text(json.dumps(GEO), encoding="utf-8")
    (tmp_path / "casualties.json").write_text("", encoding="utf-8")
    (tmp_path / "events.json").write_text('{"tune": {"event_f1"', encoding="utf-8")
    assert hl.read_figures(tmp_path, commands["incidents"]) == INCIDENTS
    assert hl.read_figures(tmp_path, commands["oof"]) == OOF
    assert hl.read_figures(tmp_path, commands["geo"]) == GEO
    assert hl.read_figures(tmp_path, commands["casualties"]) is None
    assert hl.read_figures(tmp_path, commands["events"]) is None
    assert hl.read_figures(tmp_path, commands["ngec"]) is None  # never written


def fake(name: str, code: str, figures_file: str | None = None) -> hl.Command:
    return hl.Command(name, ("{python}", "-c", code), figures_file)


def test_headline_a_failing_command_is_recorded_and_the_others_run(tmp_path: Path) -> None:
    commands = (
        fake("incidents", "import sys; print('boom', file=sys.stderr); sys.exit(3)"),
        fake("casualties", f"print({json.dumps(json.dumps(CASUALTIES))})"),
        fake("ngec", f"open(r'{tmp_path}/ngec.json', 'w').write({json.dumps(json.dumps(NGEC))}); print('done')",
             figures_file="ngec.json"),
        hl.Command("events", ("/nonexistent/program",)),
        fake("geo", "print('{}')"),
    )
    records = {r.name: r for r in hl.run_all(commands, tmp_path, db=tmp_path / "x.db", skip={"geo"})}
    assert (records["incidents"].exit_code, records["casualties"].exit_code, records["ngec"].exit_code) == (3, 0, 0)
    assert records["events"].exit_code == 127 and "nonexistent" in (records["events"].error or "")
    assert records["geo"].skipped == "--skip" and records["geo"].exit_code is None
    assert (tmp_path / "incidents.stderr").read_text(encoding="utf-8").strip() == "boom"
    assert (tmp_path / "incidents.exit").read_text(encoding="utf-8").strip() == "3"
    assert (tmp_path / "ngec.stdout").read_text(encoding="utf-8").strip() == "done"
    assert not (tmp_path / "geo.json").exists()
    assert all(r.seconds is not None for n, r in records.items() if n != "geo")
    figures = {c.name: hl.read_figures(tmp_path, c) for c in commands}
    assert figures["incidents"] is None and figures["casualties"] == CASUALTIES and figures["ngec"] == NGEC


def test_headline_cost_is_skipped_when_the_database_exists(tmp_path: Path) -> None:
    db = tmp_path / "given.db"
    db.write_bytes(b"")
    cost = fake("cost", "import sys; sys.exit(1)")
    [record] = hl.run_all((cost,), tmp_path, db=db, skip=set())
    assert record.skipped == f"{db} exists" and record.exit_code is None
    db.unlink()
    [record] = hl.run_all((cost,), tmp_path, db=db, skip=set())
    assert record.exit_code == 1 and record.skipped is None


def test_headline_commands_run_single_threaded_from_this_checkout(tmp_path: Path) -> None:
    code = "import os, json; print(json.dumps({'omp': os.environ['OMP_NUM_THREADS'], 'pp': os.environ['PYTHONPATH']}))"
    hl.run_all((fake("incidents", code),), tmp_path, db=tmp_path / "x.db", skip=set())
    seen = json.loads((tmp_path / "incidents.json").read_text(encoding="utf-8"))
    assert seen["omp"] == "1" and seen["pp"].split(":")[0] == str(hl.REPO / "src")


def test_headline_main_writes_the_report_and_exits_1_on_a_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    commands = (fake("incidents", f"print({json.dumps(json.dumps(INCIDENTS))})"),
                fake("plover", "import sys; sys.exit(2)"))
    monkeypatch.setattr(hl, "COMMANDS", commands)
    out = tmp_path / "out"
    assert hl.main(["--out", str(out)]) == 1
    report = json.loads((out / "headline.json").read_text(encoding="utf-8"))
    assert [c["name"] for c in report["commands"]] == ["incidents", "plover"]
    assert [c["exit_code"] for c in report["commands"]] == [0, 2]
    assert len(report["load_before"]) == 3 and len(report["load_after"]) == 3
    assert report["commit"] and report["started_utc"].endswith("Z")
    pair = next(r for r in report["rows"] if r["measure"] == "pair F1")
    assert (pair["tune"], pair["met_tune"], pair["met_check"]) == (0.9, True, False)
    plover = next(r for r in report["rows"] if r["measure"] == "PLOVER actor F1")
    assert plover["tune"] is None and plover["met_tune"] is None
    printed = capsys.readouterr()
    assert "pair F1" in printed.out and "failed: plover" in printed.err


def test_headline_skip_rejects_an_unknown_name(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        hl.main(["--out", str(tmp_path), "--skip", "nosuch"])


def test_headline_python_placeholder_is_this_interpreter() -> None:
    assert hl.fill(("{python}", "x", "{db}"), {"python": sys.executable, "db": "d.db"}) == [sys.executable, "x", "d.db"]
    assert hl.fill(('{"a": 1}', "{out}/geo.json"), {"out": "/o"}) == ['{"a": 1}', "/o/geo.json"]  # other braces kept


@pytest.mark.parametrize(("value", "text"), [
    (0.8625, "0.863"), (0.6405, "0.640"), (0.8114, "0.811"), (0.7666, "0.767"), (0.7, "0.700"), (0.0, "0"),
    (4.0, "4"), (1.0383, "1.038"), (None, "—"),
])
def test_headline_cells_three_decimals_whole_numbers_bare(value: float | None, text: str) -> None:
    assert hl._cell(value) == text
