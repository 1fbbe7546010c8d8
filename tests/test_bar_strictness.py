"""``benchmarks/bar_strictness.py`` and ``bar_candidates.py``: the statistics of per-wave gains (``bar1``).

Every gain list here is made up; none comes from a results file except where a test reads the
committed results to hold the candidate list together.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import bar_strictness as bs
import pytest


def test_bar_strictness_sign_test_known_values() -> None:
    """Exact two-sided sign test: 8 of 8 one way is 2/256; 5 up 1 down is 2*7/64; none moved is 1."""
    assert bs.sign_test_p(8, 0) == pytest.approx(2 / 256)
    assert bs.sign_test_p(0, 8) == pytest.approx(2 / 256)
    assert bs.sign_test_p(5, 1) == pytest.approx(2 * (1 + 6) / 64)
    assert bs.sign_test_p(3, 3) == 1.0
    assert bs.sign_test_p(0, 0) == 1.0


def test_bar_strictness_wave_stats_of_a_sparse_gain() -> None:
    """Four waves +1 in sixteen, the rest 0: mean 0.25, sd sqrt(0.2), t = mean / (sd / 4)."""
    gains = [1, 1, 1, 1] + [0] * 12
    s = bs.wave_stats(gains)
    assert (s.n, s.pooled, s.up, s.down, s.counts) == (16, 4.0, 4, 0, True)
    assert s.mean == pytest.approx(0.25)
    assert s.sd == pytest.approx(math.sqrt(0.2))
    assert s.t == pytest.approx(0.25 / (math.sqrt(0.2) / 4))
    assert s.sign_p == pytest.approx(2 / 16)


def test_bar_strictness_mean_above_sd_is_t_above_root_n() -> None:
    """Clause 1 (mean > sd) is t > sqrt(n): a list just under it and one just over it."""
    under = [1] * 10 + [0] * 18  # mean 0.357, sd 0.488
    over = [2] * 20 + [0] * 8  # mean 1.43, sd 0.92
    for gains in (under, over):
        s = bs.wave_stats(gains)
        assert s.t is not None
        assert (s.mean > s.sd) == (s.t > math.sqrt(s.n))
    assert not bs.criteria(bs.wave_stats(under)).clause1
    assert bs.criteria(bs.wave_stats(over)).clause1


def test_bar_strictness_criteria_separate_the_three_bars() -> None:
    """Ten +1 waves in 28 and no loss: fails clause 1, meets t >= 2.5 and no loss; one −1 wave more
    keeps t >= 2.5 but loses "no losing wave"; below +8 pooled nothing is met."""
    sparse = [1] * 10 + [0] * 18
    c = bs.criteria(bs.wave_stats(sparse))
    assert (c.clause1, c.t25, c.no_loss) == (False, True, True)
    c = bs.criteria(bs.wave_stats(sparse[:-1] + [-1]))
    assert (c.clause1, c.t25, c.no_loss) == (False, True, False)
    c = bs.criteria(bs.wave_stats([1] * 7 + [0] * 21))
    assert (c.clause1, c.t25, c.no_loss) == (False, False, False)


def test_bar_strictness_fractions_are_not_counts() -> None:
    """A list of F1 differences gets statistics but no criterion (the +8 floor is in counts)."""
    s = bs.wave_stats([0.01, 0.02, -0.005, 0.0])
    assert not s.counts
    assert bs.criteria(s) == bs.Criteria(None, None, None)


def test_bar_strictness_zero_spread_has_no_t() -> None:
    """Every wave the same gain: no sd to scale by, so t is None; a constant +1 meets all three bars."""
    s = bs.wave_stats([1] * 9)
    assert s.t is None and s.sd == 0
    assert bs.criteria(s) == bs.Criteria(True, True, True)
    assert bs.wave_stats([0, 0, 0]).t is None
    with pytest.raises(ValueError):
        bs.wave_stats([3])


def test_bar_strictness_finds_nested_gain_lists(tmp_path: Path) -> None:
    """Every list named ``gains``, however deep, with its path; one-wave lists are skipped."""
    data = {"leave_one_wave_out": {"gains": [1, 0, 2]}, "X alone": {"gains": [0, -1]},
            "choices": [{"gains": []}, {"gains": [1]}, {"inner": {"gains": [0.1, 0.2]}}], "gains": [1, 1]}
    (tmp_path / "events_toy.json").write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "other_toy.json").write_text(json.dumps({"gains": [5, 5]}), encoding="utf-8")
    found = {r.entry: r for r in bs.readings(tmp_path)}
    assert set(found) == {"leave_one_wave_out", "X alone", "choices[2]/inner", "(top)"}
    assert found["leave_one_wave_out"].stats.pooled == 3
    assert found["X alone"].stats.down == 1


def test_bar_strictness_every_met_reading_is_described() -> None:
    """The committed results: every reading that meets a criterion has its other clauses read; a
    reading whose own bar failed another clause, or that is on, is no candidate."""
    found = bs.readings()
    assert found  # the committed results hold readings (an empty list would pass the loop unchecked)
    bs.check_other_clauses(found)
    for r in found:
        other = bs.OTHER_CLAUSES.get((r.file, r.entry))
        if bs.candidate(r):
            assert other is not None and not other.failed and not other.shipped_on and r.stats.down == 0
        elif other is not None and r.criteria.no_loss:
            assert other.failed or other.shipped_on


def test_bar_candidates_are_the_strictness_candidates() -> None:
    """``bar_candidates.CANDIDATES`` are exactly the distinct switches of the candidate readings (the
    place-ahead reading at the window its study chose), less those whose code was removed
    (``bar_candidates.REMOVED``)."""
    import bar_candidates as bc

    switches = {bs.OTHER_CLAUSES[(r.file, r.entry)].switch for r in bs.readings() if bs.candidate(r)}
    chosen = {s for s in switches if not s.startswith("assemble.PLACES_AHEAD")} | {"assemble.PLACES_AHEAD_WINDOW"}
    assert "assemble.PLACES_AHEAD_WINDOW = 2" in switches
    assert set(bc.REMOVED) <= chosen
    assert {c.name for c in bc.CANDIDATES} == chosen - set(bc.REMOVED)


def test_bar_candidates_switchboard_sets_and_restores() -> None:
    """The switchboard turns every candidate on under ``TOGETHER`` and back to its shipped default."""
    import bar_candidates as bc

    from sitrep.stages.events import carried_doer, territory

    board = bc.Switchboard()
    assert board.TOGETHER is False
    setattr(board, bc.TOGETHER, True)
    try:
        assert carried_doer.USE is True and territory.THEATRE_LOCATES is True
        assert getattr(board, "carried_doer.USE") is True and board.TOGETHER is True
    finally:
        setattr(board, bc.TOGETHER, False)
    assert carried_doer.USE is False and territory.THEATRE_LOCATES is False
    setattr(board, "territory.THEATRE_LOCATES", True)
    try:
        assert board.TOGETHER is False and carried_doer.USE is False
    finally:
        setattr(board, "territory.THEATRE_LOCATES", False)
    with pytest.raises(AttributeError):
        board.NOT_A_SWITCH = True


def test_bar_strictness_waves_needed_arithmetic() -> None:
    """((z_0.95 + z_0.80) sd / delta)^2 rounded up: 2.487 x 1.75 squared is 18.9 → 19 waves."""
    assert bs.waves_needed(0.4, 0.7) == 19
    assert bs.waves_needed(0.4, 0.5) == 10
    assert bs.waves_needed(0.4, 1.0) == 39
    assert bs.waves_needed(0.8, 0.7) < bs.waves_needed(0.4, 0.7)


def test_bar_strictness_simulated_power_and_null() -> None:
    """A made-up sparse gain (10 waves +1 in 28): the sign test and t together pass most draws of 28
    waves and rarely of 8; with random signs (no gain on average) they pass at most about 5 %."""
    gains = [1] * 10 + [0] * 18
    big, small = bs.simulated_power(gains, 28, draws=600), bs.simulated_power(gains, 8, draws=600)
    assert big.both > 0.9 and small.both < big.both
    assert big.clause1 < 0.1  # mean > sd needs more than half the waves to gain
    null = bs.simulated_power(gains, 28, draws=600, null=True)
    assert null.both <= 0.06 and null.sign_one_sided <= 0.06
