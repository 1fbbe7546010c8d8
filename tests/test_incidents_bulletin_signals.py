"""The bulletin-intruder study's signals (benchmarks/incidents_bulletin_signals.py, issue 11, branch bulletin1)
on project-written reports: an invented agency's bulletin of two items (a resolved town, an unresolved quarter)
and another outlet's report of the first item. No evaluation data is read."""

from __future__ import annotations

import json
from pathlib import Path

import incidents_bulletin_signals as study  # benchmarks/ is on sys.path (conftest)
from incident_helpers import Line, report

from sitrep.incidents.mentions import Mention, mentions
from sitrep.incidents.settings import load_settings

S = load_settings()

BULLETIN = report("a", "Agency", "2030-05-07", [
    Line("Shells hit Qarat Amal on Monday killing two people.", "hit", place="Qarat Amal", day="2030-05-06"),
    Line("Rockets struck the Deir Kaml quarter killing three people.", "struck", place="Deir Kaml",
         day="2030-05-05"),
    Line("Mortars fell on Nahr Province killing one person.", "fell", place="Nahr Province"),
])
OTHER = report("b", "Daily", "2030-05-07", [
    Line("Shells hit the village of Qarat Amal on Monday killing two.", "hit", place="Qarat Amal",
         day="2030-05-06"),
])


def _news() -> dict[str, Mention]:
    found = [m for m in mentions([BULLETIN, OTHER], S) if m.role == "news"]
    return {m.event.trigger + ":" + m.document: m for m in found}


def test_norm_drops_articles_and_punctuation() -> None:
    assert study.norm("al-Furqan") == "furqan"
    assert study.norm("The Old City") == "old city"
    assert study.norm("Salah Eddin") != study.norm("al-Midan")


def test_name_apart_reads_an_unresolved_quarter_against_the_others_place() -> None:
    m = _news()
    others = [m["hit:b"]]
    assert study.name_apart(m["struck:a"], others, S)  # a quarter the gazetteer lacks, another name
    assert not study.name_apart(m["hit:a"], others, S)  # the same town
    assert not study.name_apart(m["fell:a"], others, S)  # a province is never compared


def test_place_apart_needs_two_resolved_places() -> None:
    m = _news()
    assert not study.place_apart(m["struck:a"], [m["hit:b"]], S)  # unresolved: not read
    assert not study.place_apart(m["hit:a"], [m["hit:b"]], S)  # one place


def test_day_apart_reads_the_stated_day() -> None:
    m = _news()
    assert study.day_apart(m["struck:a"], [m["hit:b"]])
    assert not study.day_apart(m["hit:a"], [m["hit:b"]])


def test_place_run_and_list_report_on_a_bulletin() -> None:
    m = _news()
    view = study.doc_view(BULLETIN)
    assert study.norm("Deir Kaml") in {name for _, name in view.places}  # the event's unresolved place counts
    assert study.place_run(m["struck:a"], view)  # the item before names only another place
    assert not study.place_run(m["hit:b"], study.doc_view(OTHER))  # a report of one sentence
    signals = study.signals(m["struck:a"], [m["hit:b"]], [m["hit:a"], m["struck:a"], m["fell:a"]], view, S)
    assert "list_report" not in signals  # two places finer than a province, not three
    assert {"name_apart", "day_apart", "place_run"} <= set(signals)


def _reading(event: str, kind: str, signals: tuple[str, ...]) -> study.Reading:
    return study.Reading("g1", event, "row", "Agency", 0, 1, kind, "ASSAULT", "asserted", (), (), None, None, False,
                         None, (study.Join("p", "row", "gold", 0.9, 0.8),), signals)


def test_table_counts_catches_per_hand_class(tmp_path: Path) -> None:
    path = tmp_path / "classes.json"
    path.write_text(json.dumps({"e2": {"class": "bulletin", "apart": "place", "event_place": "right"},
                                "e3": {"class": "quote"}}), encoding="utf-8")
    classes = study.read_classes(path)
    found = [_reading("e1", "gold", ("name_apart",)), _reading("e2", "intruder", ("name_apart", "day_apart")),
             _reading("e3", "intruder", ()), _reading("e4", "intruder", ("day_apart",))]
    table = study.table(found, classes)
    assert table["all"] == {"gold": 1, "intruder:bulletin": 1, "intruder:quote": 1, "intruder:unclassed": 1}
    assert table["name_apart"] == {"gold": 1, "intruder:bulletin": 1}
    assert table["bulletin caught by name_apart, by apart"] == {"place": 1}
    assert table["bulletin by event place"] == {"right": 1}
    assert table["name_apart or day_apart"] == {"gold": 1, "intruder:bulletin": 1, "intruder:unclassed": 1}
    joins = study.join_levels(found, classes)
    assert joins["gold"] == {"n": 1, "report": 0.9, "mention": 0.8, "to an intruder": 0}


def test_same_outlet_only_needs_every_edge_to_a_non_copy_of_its_own_outlet() -> None:
    m = _news()["struck:a"]  # outlet "Agency"
    own = study.Join("p", "row", "gold", 0.9, 0.9, "Agency", False)
    copy = study.Join("q", "row", "gold", 0.9, 0.9, "Agency", True)
    other = study.Join("r", "row", "gold", 0.9, 0.9, "Daily", False)
    assert study.same_outlet_only(m, (own,))
    assert not study.same_outlet_only(m, (own, other))  # one edge to another outlet holds it
    assert not study.same_outlet_only(m, (copy,))  # a copy of its text is one source, not a series
    assert not study.same_outlet_only(m, ())  # no edge: nothing holds it
