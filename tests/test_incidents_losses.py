"""``benchmarks/incidents_losses.py --errors``: the tune pairs the linker gets wrong, with what the
report model saw (issue 11, 2026-12-04 late).

Reports here are invented (``incident_helpers``); none comes from an evaluation set.
"""

from __future__ import annotations

from conftest import script_module
from incident_helpers import Line, report

from sitrep.incidents.features import REPORT_LEVEL
from sitrep.incidents.settings import load_settings

S = load_settings()


def test_incidents_losses_errors_lists_lost_pairs_and_false_links_with_report_features() -> None:
    """A same pair left below the threshold and a different pair linked are listed, each with its
    design weight, its report probability and best mention score, and every report-level
    feature; a pair the linker gets right and a pair blocking never compared are not."""
    import incidents_losses as losses

    fit = script_module("fit_incident_linker")
    docs = [report("a", "A", "2030-05-06", [Line("Jets struck the grain store of Qarat Amal.", "struck",
                                                 place="Qarat Amal")]),
            report("b", "B", "2030-05-07", [Line("The toll of the strike on the Qarat Amal grain store rose.",
                                                 "strike", place="Qarat Amal")]),
            report("c", "C", "2030-05-06", [Line("Jets struck a bakery in Qarat Amal.", "struck", place="Qarat Amal")]),
            report("d", "D", "2030-06-20", [Line("Rebels shelled a checkpoint far away.", "shelled")])]
    ab, ac, bc, ad = (frozenset(p) for p in ("ab", "ac", "bc", "ad"))
    gold = {ab: True, ac: False, bc: False, ad: False}
    stage = {ab: "below", ac: "direct", bc: "below", ad: "blocked"}
    keys = list(gold)
    data = fit.bags(S, docs, gold)
    rows = losses.errors(data, keys, gold, stage, {ab: 2.0}, fit.corpus(docs, S))
    assert [(r["error"], r["stage"], r["design_weight"]) for r in rows] == [
        ("false link", "direct", 0.0), ("lost same pair", "below", 2.0)]
    for r in rows:
        assert set(REPORT_LEVEL) <= set(r) and 0.0 < float(str(r["report"])) < 1.0
        assert 0.0 < float(str(r["best_mention"])) <= 1.0
    lost = rows[1]
    assert lost["report_gap"] == 0.5  # published a day apart, in a two-day window
