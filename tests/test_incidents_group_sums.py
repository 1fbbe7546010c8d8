"""A source's killed toll given in groups read as their sum in the incident roll-up
(``Settings.rollup_group_sums``, ``rollup.group_sums``; branch killrec1), both ways, on project-written
toy reports whose figures are the casualties stage's records (``Casualty``, with the figure's own
offsets): co-ordinated groups and "N more" add up, parts, appositions, hedges and repeats do not;
every part keeps its document, offsets and sentence; report by report equals a rebuild."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import SimpleNamespace

from incident_helpers import Figure, Line, incident_state, report, store_report

from sitrep.incidents.build import build_incidents
from sitrep.incidents.inputs import DocumentInput
from sitrep.incidents.rollup import GroupSum, _chains, additive, coordinated
from sitrep.incidents.settings import (
    load_settings,
)
from sitrep.incidents.update import update_incidents
from sitrep.records import Casualty, Evidence
from sitrep.store import Store

OFF = dataclasses.replace(load_settings(), rollup_group_sums=False)
ON = dataclasses.replace(OFF, rollup_group_sums=True)


def _casualty(f: Figure, doc: str, evidence: Evidence, event: str | None, n: int) -> Casualty:
    """The casualties stage's record of a figure, at the offsets of its words in its sentence."""
    words = f.text or str(f.best)
    start = evidence.start + evidence.text.index(words)
    return Casualty(f"cas_{doc}_{n}", doc, f.kind, f.victims, f.best or 0, start, start + len(words),  # type: ignore[arg-type]
                    words, evidence, approximate=f.approximate, scope=f.scope,  # type: ignore[arg-type]
                    event=event, subset_of=f.subset_of, attributed_to=f.attributed_to, source_text=f.source_text,
                    side=getattr(f, "side", None))


def _staged(item: DocumentInput) -> DocumentInput:
    n = iter(range(1000))
    events = [dataclasses.replace(e, casualties=[_casualty(f, e.document, e.evidence, e.id, next(n))  # type: ignore[arg-type]
                                                 for f in item.figures.get(e.id, ())]) for e in item.events]
    return dataclasses.replace(item, events=events, figures={})


def _killed(items: list[DocumentInput], settings) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    incidents = build_incidents(items, settings).incidents
    held = next(i for i in incidents if "a" in i.documents)
    k = next(c for c in held.casualties if c.kind == "killed")
    return k.best, k.low, k.high


def _strike(text: str, figures: list[Figure]) -> Line:
    return Line(text, "killed", place="Qarat Amal", day="2030-05-06", actors=["SYR_AF"], recipients=["CIVILIANS"],
                figures=figures)


def _monitor(best: int, text: str, victims: str = "people", **kw) -> Figure:  # type: ignore[no-untyped-def]
    return Figure("killed", best, attributed_to="SOHR", source_text="the Observatory", victims=victims, text=text, **kw)


def _one(text: str, figures: list[Figure]) -> list[DocumentInput]:
    return [_staged(report("a", "One", "2030-05-07", [_strike(text, figures)]))]


def test_group_sums_coordinated_groups_of_one_source_add_up() -> None:
    """The monitor's 11 civilians and 8 fighters "with another 3 bodies" are 22 dead with the
    switch; without it the source's count is its largest group (11, the report's headline toll)."""
    text = ("Air strikes on Qarat Amal killed 11 civilians and 8 fighters with another 3 bodies found, "
            "the Observatory said.")
    figures = [_monitor(11, "11 civilians", "civilians"), _monitor(8, "8 fighters", "fighters"),
               _monitor(3, "3 bodies")]
    assert _killed(_one(text, figures), ON) == (22, 22, 22)
    assert _killed(_one(text, figures), OFF) == (11, 11, 11)


def test_group_sums_leave_parts_and_one_group_told_twice_alone() -> None:
    """Children beside civilians are a part of them (never summed), and so is a figure the stage
    marks as a part; a source's total above its groups stays its count."""
    text = "Air strikes on Qarat Amal killed 16 civilians and three children, the Observatory said."
    figures = [_monitor(16, "16 civilians", "civilians"), _monitor(3, "three children", "children")]
    assert _killed(_one(text, figures), ON) == (16, 16, 16)
    text = "Air strikes on Qarat Amal killed 40 people including 13 civilians and 21 fighters, the Observatory said."
    figures = [_monitor(40, "40 people"), _monitor(13, "13 civilians", "civilians", subset_of="cas_a_0"),
               _monitor(21, "21 fighters", "fighters", subset_of="cas_a_0")]
    assert _killed(_one(text, figures), ON) == (40, 40, 40)


def test_group_sums_a_second_report_keeps_its_own_version() -> None:
    """Two reports: one gives the monitor's groups (12 civilians and 9 soldiers), the other the
    state agency's 18; the roll-up's best is the lower of 21 and 18, its high the higher."""
    a = _staged(report("a", "One", "2030-05-07", [_strike(
        "Air strikes on Qarat Amal killed 12 civilians and 9 soldiers on Monday, the Observatory said.",
        [_monitor(12, "12 civilians", "civilians"), _monitor(9, "9 soldiers", "soldiers")])]))
    b = _staged(report("b", "Two", "2030-05-07", [_strike(
        "Air strikes on Qarat Amal killed 18 people on Monday, the state news agency SANA said.",
        [Figure("killed", 18, attributed_to="SANA", source_text="the state news agency SANA", text="18 people")])]))
    assert _killed([a, b], ON) == (18, 18, 21)
    assert _killed([a, b], OFF) == (12, 12, 18)


def _fig(text: str, sentence: str, start: int = 0, victims: str = "people", voice: str | None = "SOHR",
         side: str | None = None) -> SimpleNamespace:
    at = start + sentence.index(text)
    return SimpleNamespace(kind="killed", best=int("".join(c for c in text if c.isdigit()) or 1), text=text,
                           start=at, end=at + len(text), evidence=Evidence(start, start + len(sentence), sentence),
                           victims=victims, side=side, attributed_to=voice, subset_of=None, superseded=False,
                           scope="incident", approximate=False, source_text=None)


def test_additive_reads_the_figures_own_words_and_its_neighbours_not_a_hedge() -> None:
    s = "The monitor said 19 more were killed and another 5 died, while more than 30 people were hurt."
    assert additive(_fig("19", s))
    assert additive(_fig("5", s))
    assert not additive(_fig("more than 30 people", s))
    assert additive(_fig("6 other people", "It said 6 other people were killed."))


def test_coordinated_needs_a_joining_word_and_another_group() -> None:
    s = "Raids killed 12 civilians and 9 fighters, 3 other fighters one of them a commander."
    civilians, fighters = _fig("12 civilians", s, victims="civilians"), _fig("9 fighters", s, victims="fighters")
    assert coordinated(civilians, fighters)
    assert not coordinated(fighters, _fig("one", s, victims="fighters"))  # an apposition, and one group
    kids = "Raids killed 12 civilians and 3 children."
    assert not coordinated(_fig("12 civilians", kids, victims="civilians"), _fig("3 children", kids, victims="children"))
    assert not coordinated(civilians, _fig("12 civilians", kids, victims="civilians"))  # not one sentence


def test_chains_add_further_dead_across_sentences_only_within_the_incident() -> None:
    """"Two more civilians" in a later sentence joins the same voice's 14 when both sentences are
    the incident's own; from a sentence the report scope only draws in, it stays apart."""
    first = "Residents said at least 14 civilians died in Qarat Amal on Friday."
    later = "Two more civilians died in the evening."
    base = _fig("14 civilians", first, victims="civilians", voice="Residents")
    more = _fig("Two more civilians", later, start=len(first) + 1, victims="civilians", voice="Residents")
    more.best = 2
    m1, m2 = SimpleNamespace(id="m1"), SimpleNamespace(id="m2")
    assert [len(c) for c in _chains([(m1, base), (m2, more)], frozenset({"m1", "m2"}))] == [2]
    assert [len(c) for c in _chains([(m1, base), (m2, more)], frozenset({"m1"}))] == [1, 1]
    other = _fig("Two more civilians", later, start=len(first) + 1, victims="civilians", voice="a medic")
    assert [len(c) for c in _chains([(m1, base), (m2, other)], frozenset({"m1", "m2"}))] == [1, 1]


def test_group_sum_keeps_every_part_with_its_evidence() -> None:
    s = "Raids killed 12 civilians and 9 fighters in Qarat Amal."
    parts = [_fig("12 civilians", s, start=100, victims="civilians"), _fig("9 fighters", s, start=100, victims="fighters")]
    total = GroupSum.of(parts)
    assert (total.best, total.victims, total.attributed_to) == (21, "people", "SOHR")
    for p in total.parts:
        assert p.evidence.text[p.start - p.evidence.start:p.end - p.evidence.start] == p.text


def test_group_sums_incremental_equals_rebuild(tmp_path: Path) -> None:
    text = "Air strikes on Qarat Amal killed 12 civilians and 9 soldiers on Monday, the Observatory said."
    for settings, expected in ((ON, 21), (OFF, 12)):
        with Store(tmp_path / f"sums_{settings.rollup_group_sums}.db") as store:
            store_report(store, _staged(report("a", "One", "2030-05-07", [_strike(text, [
                _monitor(12, "12 civilians", "civilians"), _monitor(9, "9 soldiers", "soldiers")])])))
            update_incidents(store, settings=settings)
            store_report(store, _staged(report("b", "Two", "2030-05-08", [_strike(
                "Air strikes on Qarat Amal killed 20 people on Monday, the state news agency SANA said.",
                [Figure("killed", 20, attributed_to="SANA", source_text="the state news agency SANA",
                        text="20 people")])])))
            update_incidents(store, settings=settings)
            stepwise = incident_state(store)
            update_incidents(store, settings=settings, rebuild_all=True)
            assert incident_state(store) == stepwise
            strike = next(i for i in store.incidents() if "a" in i.documents)
            killed = next(c for c in strike.casualties if c.kind == "killed")
            assert (killed.best, killed.low, killed.high) == (min(expected, 20), min(expected, 20), max(expected, 20))
