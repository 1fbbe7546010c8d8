"""The seed gate: one-report incidents no news mention of which a coder would record are not
created (``Settings.seed_gate``, ``dissolve``, issue 11, branch seed1).

Reports are project-written (``incident_helpers``); the record model is a hand-set one over the
events stage's own features (``record_model.article_features``: two trigger words make a mention
unlikely to be recorded, whatever its rank), so the tests pin what the gate does after linking
whatever the shipped fit. Linking must not move: every link, attachment and incident of two or more
reports is the same with the gate on and off, and an incremental update equals a rebuild, also when
a later report links to a dissolved mention's report.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from incident_helpers import Line, incident_state, report, store_report

from sitrep.incidents.build import build_incidents
from sitrep.incidents.dissolve import below, split, unfounded
from sitrep.incidents.linker import linked
from sitrep.incidents.mentions import mentions, record_probabilities
from sitrep.incidents.settings import load_settings
from sitrep.incidents.update import linker_version, update_incidents
from sitrep.stages.events.record_model import RecordModel
from sitrep.store import Store

S = load_settings()
STRIKE = "Warplanes struck the crowded vegetable market of Qarat Amal on Monday, killing twelve civilians."
STRIKE_B = "Jets struck the crowded vegetable market of Qarat Amal on Monday and twelve civilians were killed."
SHELLING = "Rebels shelled the grain silos of Tel Wardeh on Tuesday, wounding three guards."
# a report that only recalls the war's toll and earlier raids: no incident of its own
RECALL = ("Government forces have repeatedly besieged towns across Nahr Province since the war began, "
          "and the total toll of the campaign is estimated in the thousands.")
# a report of its own strike, its event read on a word the hand-set model scores low
BAKERY = ("Jets again struck the bakery of Marj Hilal on Thursday, the latest of repeated raids in a campaign "
          "that began last year.")
BAKERY_B = "Jets struck the bakery of Marj Hilal on Thursday, killing four people."


def _model() -> RecordModel:
    """Every event likely recorded (0.88) but those triggered by "besieged" or "raids" (0.05)."""
    return RecordModel({"trigger=besieged": -5.0, "trigger=raids": -5.0}, 2.0, 0.5, "all")


ON = dataclasses.replace(S, seed_gate=True, seed_threshold=0.2, record_model=_model())
OFF = dataclasses.replace(ON, seed_gate=False)


def _reports() -> dict[str, object]:
    return {
        "a": report("a", "One", "2030-05-07", [Line(STRIKE, "struck", place="Qarat Amal", day="2030-05-06",
                                                      actors=["SYR_AF"], recipients=["CIVILIANS"])]),
        "b": report("b", "Two", "2030-05-07", [Line(STRIKE_B, "struck", status="reported", place="Qarat Amal",
                                                      day="2030-05-06", recipients=["CIVILIANS"])]),
        "c": report("c", "Three", "2030-05-08", [Line(SHELLING, "shelled", mode="heavy-weapons", place="Tel Wardeh",
                                                        day="2030-05-07", actors=["REBELS"])]),
        "r": report("r", "Four", "2030-05-08", [Line(RECALL, "besieged", place="Nahr Province")]),
        "x": report("x", "Five", "2030-05-12", [Line(BAKERY, "raids", place="Marj Hilal", day="2030-05-11")]),
        "y": report("y", "Six", "2030-05-12", [Line(BAKERY_B, "struck", place="Marj Hilal", day="2030-05-11")]),
    }


def _inputs(ids: str) -> list:  # type: ignore[type-arg]
    items = _reports()
    return [items[i] for i in ids]


def test_the_gate_reads_the_record_model_and_leaves_roles() -> None:
    found = mentions(_inputs("abcr"), ON)
    assert all(m.role == "news" for m in found)
    assert {m.document for m in found if below(m, ON.seed_threshold)} == {"r"}
    assert all(m.record_p is not None and 0.0 < m.record_p < 1.0 for m in found)
    assert all(m.record_p is None for m in mentions(_inputs("abcr"), OFF))  # off: nothing computed


def test_folds_route_a_report_to_its_own_model() -> None:
    item = _inputs("a")[0]
    item = dataclasses.replace(item, document=dataclasses.replace(item.document, source_path="/tmp/x/feed.csv#row4"))
    low = RecordModel({}, -5.0, 0.5, "all")
    shipped = record_probabilities(item, ON)
    assert set(shipped) == {e.id for e in item.events} and all(p > 0.5 for p in shipped.values())
    routed = record_probabilities(item, dataclasses.replace(ON, record_folds={"feed.csv#row4": low}))
    assert set(routed) == set(shipped) and all(p < 0.01 for p in routed.values())
    other = record_probabilities(item, dataclasses.replace(ON, record_folds={"feed.csv#row5": low}))
    assert other == shipped  # a report in no fold reads the shipped model


def test_an_event_outside_the_models_scope_reads_one() -> None:
    lead_only = dataclasses.replace(ON, record_model=RecordModel({}, -5.0, 0.5, "after_lead"))
    assert set(record_probabilities(_inputs("a")[0], lead_only).values()) == {1.0}  # its only event leads


def test_only_a_one_report_group_wholly_below_dissolves() -> None:
    groups = linked(mentions(_inputs("abcrxy"), ON), ON).groups
    kept, loose = split(groups, ON.seed_threshold)
    assert {m.document for m in loose} == {"r"}  # x is below but y's report links to it
    assert all(len({m.document for m in g.mentions if m.role != "background"}) == 1
               for g in groups if unfounded(g, ON.seed_threshold))
    assert any({m.document for m in g.news} == {"x", "y"} for g in kept)
    assert split(groups, 0.0)[1] == []  # a threshold of 0 dissolves nothing


def test_the_gate_is_part_of_the_linker_version_only_when_on() -> None:
    assert linker_version(OFF) == linker_version(dataclasses.replace(OFF, record_model=None))
    assert linker_version(ON) != linker_version(OFF)
    assert linker_version(ON) != linker_version(dataclasses.replace(ON, seed_threshold=0.3))


def test_linking_and_two_report_incidents_do_not_move() -> None:
    on, off = build_incidents(_inputs("abcrxy"), ON), build_incidents(_inputs("abcrxy"), OFF)
    a, b = linked(mentions(_inputs("abcrxy"), ON), ON), linked(mentions(_inputs("abcrxy"), OFF), OFF)
    assert (a.edges, a.attached) == (b.edges, b.attached)  # the mentions differ only in record_p
    assert [[(m.id, m.role) for m in g.mentions] for g in a.groups] == [[(m.id, m.role) for m in g.mentions]
                                                                        for g in b.groups]
    dissolved = {m.event for m in off.members if m.document == "r"}
    assert dissolved and not any(set(i.documents) == {"r"} for i in on.incidents)
    assert any(set(i.documents) == {"r"} for i in off.incidents)
    def strip(i):  # type: ignore[no-untyped-def]  # a recalled mention adds to events and historical only
        return dataclasses.replace(i, events=[e for e in i.events if e not in dissolved],
                                   historical=[e for e in i.historical if e not in dissolved]).to_dict()
    by_id = {i.id: strip(i) for i in on.incidents}
    for incident in off.incidents:
        if set(incident.documents) != {"r"}:
            assert by_id[incident.id] == incident.to_dict()
    hosts = {i.id: i for i in on.incidents}
    for event in dissolved:  # (asserted non-empty above) joins an incident as historical, or none
        rows = [(m.role, m.incident) for m in on.members if m.event == event]
        assert rows == [] or (rows[0][0] == "background" and event in hosts[rows[0][1]].historical
                              and "r" not in hosts[rows[0][1]].documents)


def test_switch_off_changes_nothing() -> None:
    plain = build_incidents(_inputs("abcrxy"), dataclasses.replace(S, seed_gate=False))
    assert build_incidents(_inputs("abcrxy"), OFF) == plain


def _state(path: Path, batches: list[str], settings) -> tuple:  # type: ignore[no-untyped-def, type-arg]
    items = _reports()
    with Store(path) as store:
        for batch in batches:
            for doc_id in batch:
                store_report(store, items[doc_id])  # type: ignore[arg-type]
            update_incidents(store, settings=settings)
        stepwise = incident_state(store), store.incident_attachments()
        update_incidents(store, settings=settings, rebuild_all=True)
        return stepwise, (incident_state(store), store.incident_attachments())


def test_incremental_updates_equal_a_rebuild_when_a_later_report_links(tmp_path: Path) -> None:
    """x alone is dissolved; y, a later report of x's strike, links to it: x's mention is news again."""
    (stepwise, attachments), rebuilt = _state(tmp_path / "one.db", ["abcr", "x", "y"], ON)
    assert (stepwise, attachments) == rebuilt
    (incidents, members) = stepwise
    assert any(set(i["documents"]) == {"x", "y"} for i in incidents.values())
    assert not any(i["documents"] == ["r"] for i in incidents.values())


def test_incremental_updates_equal_a_rebuild_in_any_order(tmp_path: Path) -> None:
    for n, batches in enumerate((["x", "y", "abc", "r"], ["r", "a", "b", "cx", "y"], ["ry", "abcx"])):
        stepwise, rebuilt = _state(tmp_path / f"order{n}.db", batches, ON)
        assert stepwise == rebuilt, batches


def test_a_recalled_mention_joins_its_target_as_historical_only() -> None:
    from sitrep.incidents.dissolve import with_recalled

    built = build_incidents(_inputs("abcr"), OFF)
    strike = next(i for i in built.incidents if set(i.documents) == {"a", "b"})
    target = next(m.event for m in built.members if m.incident == strike.id and m.role == "news")
    lone = next(m.event for m in built.members if m.document == "r")
    kept = [i for i in built.incidents if i.documents != ["r"]]
    base = type(built)(kept, [m for m in built.members if m.document != "r"])
    joined = with_recalled(base, {lone: (target, 0.9), "ev_unknown": ("ev_nowhere", 0.5)}, {lone: "r"})
    host = next(i for i in joined.incidents if i.id == strike.id)
    assert lone in host.events and host.historical == sorted([*strike.historical, lone])
    assert dataclasses.replace(host, events=strike.events, historical=strike.historical) == strike
    assert [(m.incident, m.role) for m in joined.members if m.event == lone] == [(strike.id, "background")]
    assert len(joined.members) == len(base.members) + 1  # a target in no incident adds nothing
    assert with_recalled(base, {}, {}) is base
