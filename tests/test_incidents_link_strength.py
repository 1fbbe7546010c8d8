"""``benchmarks/incidents_link_strength.py``: the reliability of the incident record's ties, on
project-written numbers (the chain of links, the table, Brier, AUC, the calibration maps)."""

from __future__ import annotations

import pytest


def test_incidents_link_strength_a_chain_is_as_strong_as_its_weakest_link() -> None:
    import incidents_link_strength as ls

    links = {frozenset(("A", "B")): 0.9, frozenset(("B", "C")): 0.4, frozenset(("A", "D")): 0.6,
             frozenset(("D", "C")): 0.5}
    docs = {"A", "B", "C", "D"}
    assert ls.chain_strength(links, docs, "A", "B") == 0.9  # direct
    assert ls.chain_strength(links, docs, "A", "C") == 0.5  # A-D-C (0.5) beats A-B-C (0.4)
    assert ls.chain_strength(links, {"A", "B", "C"}, "A", "C") == 0.4  # D not in the incident
    assert ls.chain_strength(links, {"A", "C"}, "A", "C") == 0.0  # no chain
    assert ls.own_tie(links, docs, "C") == 0.5 and ls.own_tie(links, {"A", "B"}, "A") == 0.9


def test_incidents_link_strength_reliability_brier_and_auc() -> None:
    import incidents_link_strength as ls

    rows = [(1, 0.95), (1, 0.85), (0, 0.82), (1, 0.55), (0, 0.15)]
    out = ls.reliability(rows, 10)
    assert [(b["bin"], b["n"]) for b in out["table"]] == [("0.1-0.2", 1), ("0.5-0.6", 1), ("0.8-0.9", 2),
                                                           ("0.9-1.0", 1)]
    assert out["table"][2]["same_share"] == 0.5 and out["n"] == 5 and out["same"] == 3
    assert out["brier"] == pytest.approx(round((0.05**2 + 0.15**2 + 0.82**2 + 0.45**2 + 0.15**2) / 5, 4))
    assert out["auc"] == pytest.approx(5 / 6, abs=1e-4)  # of 3 x 2 pairs, only 0.55 < 0.82 is ranked wrong
    assert ls.auc([(1, 0.5), (1, 0.7)]) is None
    assert ls.reliability([(1, 1.0)], 10)["table"][0]["bin"] == "0.9-1.0"  # 1.0 falls in the last bin


def test_incidents_link_strength_calibration_maps_are_monotone_and_fit_the_rates() -> None:
    import incidents_link_strength as ls

    train = [(0, 0.2)] * 6 + [(1, 0.2)] * 2 + [(1, 0.8)] * 6 + [(0, 0.8)] * 2
    iso = ls.isotonic(train)
    assert iso(0.2) == pytest.approx(0.25) and iso(0.8) == pytest.approx(0.75)
    inverted = ls.isotonic([(1, 0.3), (0, 0.6)])  # a violation is pooled: one flat step
    assert inverted(0.3) == inverted(0.6) == pytest.approx(0.5)
    platt = ls.platt(train)
    assert platt(0.2) < 0.5 < platt(0.8) and platt(0.2) == pytest.approx(0.25, abs=0.03)
