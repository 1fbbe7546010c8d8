"""``benchmarks/incident_pairs_wave13.py`` (wave 13's ring) and ``benchmarks/incident_pairs_untargeted.py``
(figures on the untargeted tune strata), on invented rows and pairs only.

No row here comes from FA-KES or any evaluation set; the towns, outlets and incidents are made up.
"""

from __future__ import annotations

import datetime

import incident_pairs_untargeted as untargeted
import incident_pairs_wave13 as wave13

fit = untargeted.fit  # scripts/fit_incident_linker.py, put on the path by the benchmark


def _row(source: str, date: str, location: str) -> dict[str, str]:
    return {"unit_id": "2", "article_title": "", "article_content": f"{source} {date}", "source": source,
            "date": date, "location": location}


def test_the_rings_are_the_census_next_step_on_each_axis():
    here = _row("a", "5/1/2030", "qarat")
    assert wave13.ring(here, _row("b", "5/5/2030", "qarat")) == "date"  # 4 days, same place
    assert wave13.ring(here, _row("b", "5/8/2030", "qarat")) == "date"  # 7 days
    assert wave13.ring(here, _row("b", "5/9/2030", "qarat")) is None  # 8 days
    assert wave13.ring(here, _row("b", "5/4/2030", "qarat")) is None  # 3 days: wave 2's ring
    assert wave13.ring(here, _row("b", "5/3/2030", "qarat")) is None  # the census itself
    assert wave13.ring(here, _row("b", "5/2/2030", "nabk")) == "place"  # another place, 1 day
    assert wave13.ring(here, _row("b", "4/29/2030", "nabk")) == "place"  # 2 days earlier
    assert wave13.ring(here, _row("b", "5/1/2030", "nabk")) is None  # same day: wave 4's ring
    assert wave13.ring(here, _row("b", "5/4/2030", "nabk")) is None


def test_the_pool_skips_labelled_pairs_check_documents_one_outlet_and_copies():
    rows = {1: _row("a", "5/1/2030", "qarat"), 2: _row("b", "5/6/2030", "qarat"), 3: _row("a", "5/6/2030", "qarat"),
            4: _row("c", "5/2/2030", "nabk"), 5: _row("d", "5/6/2030", "qarat")}
    rows[5]["article_content"] = rows[2]["article_content"]
    assert wave13.pool(rows, set(), set()) == [(1, 2, "date"), (1, 4, "place"), (1, 5, "date")]
    assert wave13.pool(rows, {(1, 2)}, {5}) == [(1, 4, "place")]
    # the seed fixes the sample; a pool no larger than the size is taken whole
    pool = [(n, n + 1, "date") for n in range(1, 100, 2)]
    assert wave13.draw(pool, size=10) == wave13.draw(pool, size=10)
    assert wave13.draw(pool, size=10) != wave13.draw(pool, seed=1, size=10)
    assert wave13.draw(pool[:3], size=10) == pool[:3]


def _meta(location: str, outlet: str, day: int) -> fit.RowMeta:
    return fit.RowMeta(location, outlet, datetime.date(2030, 5, day))


def _pair(a: int, b: int, label: str, incident: str | None = None, contested: list[str] | None = None,
          split: str = "tune") -> dict:
    return {"a": f"X.csv#row{a}", "b": f"X.csv#row{b}", "label": label, "split": split, "incident": incident,
            "contested": contested or [], "versions": {}, "note": ""}


def _wrong(split: int, a: int, b: int, error: str, cause: str) -> dict:
    return {"split": split, "a": f"X.csv#row{a}", "b": f"X.csv#row{b}", "error": error, "cause": cause}


def test_only_tune_pairs_of_the_check_strata_are_read():
    rows = {1: _meta("qarat", "a", 1), 2: _meta("qarat", "b", 2), 3: _meta("nabk", "c", 2), 4: _meta("qarat", "d", 9)}
    records = [_pair(1, 2, "same", "x"), _pair(1, 3, "different"), _pair(1, 4, "different"),
               _pair(2, 4, "different", split="check")]
    assert set(untargeted.untargeted(records, rows)) == {frozenset(("X.csv#row1", "X.csv#row2"))}


def test_per_split_figures_and_recall_of_differing_and_agreeing_pairs():
    pairs = {frozenset((f"X.csv#row{a}", f"X.csv#row{b}")): r for (a, b), r in {
        (1, 2): _pair(1, 2, "same", "x", ["casualties"]), (3, 4): _pair(3, 4, "same", "y"),
        (5, 6): _pair(5, 6, "same", "z", ["blame"]), (7, 8): _pair(7, 8, "different")}.items()}
    wrong = [_wrong(0, 1, 2, "lost same", "below"), _wrong(0, 7, 8, "false link", "direct"),
             _wrong(1, 9, 10, "false link", "direct")]  # a pair outside the strata: not counted
    first, second = untargeted.per_split(pairs, wrong)
    assert (first["tp"], first["fp"], first["fn"]) == (2, 1, 1)
    assert first["precision"] == 2 / 3 and first["recall"] == 2 / 3
    assert first["recall_differing"] == 0.5 and first["recall_agreeing"] == 1.0
    assert (second["tp"], second["fp"], second["fn"]) == (3, 0, 0) and second["f1"] == 1.0


def test_the_incident_bootstrap_brackets_recall_and_is_seeded():
    pairs = {frozenset((f"X.csv#row{n}", f"X.csv#row{n + 1}")): _pair(n, n + 1, "same", f"i{n % 5}")
             for n in range(0, 40, 2)}
    lost = {frozenset(("X.csv#row0", "X.csv#row1")), frozenset(("X.csv#row2", "X.csv#row3"))}
    low, high = untargeted.incident_bootstrap(pairs, lost, draws=400)
    assert low < 18 / 20 < high == 1.0  # two of five incidents lose a pair: some resamples hold neither
    assert untargeted.incident_bootstrap(pairs, lost, draws=400) == (low, high)
    assert untargeted.incident_bootstrap(pairs, set(), draws=50) == (1.0, 1.0)
