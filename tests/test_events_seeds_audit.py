"""The seeds audit's scorer (``benchmarks/events_seeds_audit.py``, branch seeds1): its gold file holds
labels and offsets only and covers main's events, and the scorer counts precision and fields right on
hand-built exports (no seed text)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from events_seeds_audit import GOLD, Judged, load_gold, report, score  # noqa: E402


def _event(key: tuple[str, int, int, str], **fields: object) -> dict[str, object]:
    document, start, end, category = key
    event: dict[str, object] = {"document": document, "trigger_start": start, "trigger_end": end,
                                "category": category, "status": "asserted", "actors": [], "recipients": [],
                                "place": None}
    event.update(fields)
    return event


def test_the_gold_file_holds_labels_and_offsets_only():
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 120
    assert {k for row in rows for k in row} <= {"event", "document", "trigger_start", "trigger_end", "category",
                                                "coded", "gold", "errors"}
    assert all(("gold" in row) == row["coded"] for row in rows)
    assert all(err.count(":") == 2 for row in rows for err in row["errors"])


def test_score_counts_precision_and_fields_on_coded_events():
    coded = ("d", 10, 15, "ASSAULT")
    not_coded = ("d", 40, 45, "AGREE")
    gold = {coded: Judged(coded, True, {"category": "ASSAULT", "status": "asserted", "actors": ["A", "B"],
                                        "recipients": [], "place": "Aleppo"}, ()),
            not_coded: Judged(not_coded, False, None, ("event:refers_back:recognition",))}
    events = [_event(coded, actors=["B", "A"], place={"name": "Idlib"}),
              _event(not_coded),
              _event(("d", 70, 75, "ASSAULT"))]
    result = score(events, gold)
    assert (result.recorded, result.judged, result.unjudged, result.coded) == (3, 2, 1, 1)
    assert result.right["actors"] == 1  # a set of ids, in any order
    assert result.right["place"] == 0
    assert result.right["status"] == 1
    assert report(result)["precision"] == 0.5


def test_main_judged_as_the_docs_say():
    gold = load_gold()
    assert sum(j.coded for j in gold.values()) == 56
    assert sum("place:party_toponym_as_place:place_stage" in j.errors for j in gold.values()) == 8


def test_cohen_kappa_on_made_up_labels():
    from events_seeds_audit import cohen_kappa
    # 10 events: both yes 4, both no 4, A-only 1, B-only 1 -> po 0.8, pe 0.5, kappa 0.6
    pairs = [(True, True)] * 4 + [(False, False)] * 4 + [(True, False), (False, True)]
    assert abs(cohen_kappa(pairs) - 0.6) < 1e-9
    assert cohen_kappa([(True, True), (False, False)]) == 1.0
    assert abs(cohen_kappa([(True, False), (False, True)]) - (-1.0)) < 1e-9
    assert cohen_kappa([(True, True)] * 3) == 1.0  # one label throughout, all agree


def test_bootstrap_intervals_are_seeded_and_bracket_the_estimate():
    from events_seeds_audit import bootstrap_gap, bootstrap_kappa, cohen_kappa
    pairs = [(True, True)] * 12 + [(False, False)] * 10 + [(True, False)] * 5 + [(False, True)] * 3
    low, high = bootstrap_kappa(pairs, draws=500, seed=3)
    assert (low, high) == bootstrap_kappa(pairs, draws=500, seed=3)
    assert low <= cohen_kappa(pairs) <= high and low < high
    gap_low, gap_high = bootstrap_gap(pairs, draws=500, seed=3)
    assert gap_low <= (17 - 15) / 30 <= gap_high


def test_agreement_counts_fields_only_on_events_both_code():
    from events_seeds_audit import agreement
    k1, k2, k3 = ("d", 1, 2, "ASSAULT"), ("d", 5, 6, "AGREE"), ("d", 9, 9, "REJECT")
    gold = {"category": "ASSAULT", "status": "asserted", "actors": ["A", "B"], "recipients": [], "place": "Aleppo"}
    other = dict(gold, actors=["B", "A"], place="Idlib")
    a = {k1: Judged(k1, True, gold, ()), k2: Judged(k2, True, gold, ()), k3: Judged(k3, False, None, ())}
    b = {k1: Judged(k1, True, other, ()), k2: Judged(k2, False, None, (), "3 opinion columns"),
         k3: Judged(k3, False, None, (), "1 purposes")}
    result = agreement(a, b)
    assert result.shared == 3 and result.both_coded == 1
    assert result.field_same["actors"] == 1 and result.field_same["place"] == 0
    assert result.disagreements == {"coded by A only: 3 opinion columns": 1, "both code, place differs": 1}


def test_judge_b_covers_the_same_events_with_labels_only():
    from events_seeds_audit import GOLD_B
    rows = [json.loads(line) for line in GOLD_B.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 120
    assert {(r["document"], r["trigger_start"], r["trigger_end"], r["category"]) for r in rows} == set(load_gold())
    assert all((r["gold"] is not None) == r["coded"] and (r["section"] is None) == r["coded"] for r in rows)
    assert all(isinstance(v, (str, bool, int, list, dict, type(None))) for r in rows for v in r.values())


def test_reading_splits_statuses_as_the_report_shows_them():
    from events_seeds_audit import reading
    assert [reading(s) for s in ("asserted", "reported", "historical")] == ["fact", "fact", "background"]
    assert {reading(s) for s in ("hypothetical", "negated", "future")} == {"not a fact"}


def test_status_table_counts_main_status_by_the_judges_call():
    from events_seeds_audit import factual_section, status_report, status_table
    scenario = ("d", 10, 15, "ASSAULT")  # the judge codes it as a scenario; main records it as a fact
    fact = ("d", 20, 25, "ASSAULT")  # a fact, read as one
    prediction = ("d", 40, 45, "AGREE")  # an author's prediction, read as one
    again = ("d", 50, 55, "ASSAULT")  # told again; judge B's reason is its guide section
    fields = {"category": "ASSAULT", "actors": [], "recipients": [], "place": None}
    gold = {scenario: Judged(scenario, True, {**fields, "status": "hypothetical"}, ()),
            fact: Judged(fact, True, {**fields, "status": "reported"}, ()),
            prediction: Judged(prediction, False, None, ("event:opinion_prediction:recognition",)),
            again: Judged(again, False, None, ("event:not_coded:unassigned",), "1 refers back")}
    events = [_event(scenario), _event(fact, status="reported"), _event(prediction, status="future"),
              _event(again), _event(("d", 70, 75, "ASSAULT"), status="negated")]
    table = status_table(events, gold)
    assert table["coded, guide status hypothetical"]["fact"] == 1
    assert table["coded, guide status reported"]["reported"] == 1
    assert table["not coded: opinion_prediction"]["not a fact"] == 1
    assert table["not coded: section 1 refers back"]["asserted"] == 1
    assert table["not coded, all"]["fact"] == 1 and table["not coded, all"]["not a fact"] == 1
    assert table["unjudged"]["negated"] == 1
    # shown as facts: the scenario, the reported fact, the retelling; coded: 2; coded as a fact: 1 of 1
    assert factual_section(table) == (3, 2, 1, 1)
    assert status_report(table)[-1].startswith("factual section (fact statuses): 3 events")


def test_status_table_on_the_judged_seed_events_holds_every_judged_event():
    """Offline: the judges' own labels played back as an export (no seed text, no run): every event lands in
    exactly one coded or not-coded row, and a guide status read back is always a fact status when it is one."""
    from events_seeds_audit import GOLD_B, factual_section, status_table
    for path in (GOLD, GOLD_B):
        gold = load_gold(path)
        events = [_event(key, status=(judged.gold or {}).get("status", "hypothetical")) for key, judged in gold.items()]
        table = status_table(events, gold)
        totals = [sum(table[row][r] for r in ("fact", "background", "not a fact"))
                  for row in ("coded, all", "not coded, all")]
        assert totals == [sum(j.coded for j in gold.values()), sum(not j.coded for j in gold.values())]
        shown, coded, right, facts = factual_section(table)
        assert shown == coded == right == facts > 0
