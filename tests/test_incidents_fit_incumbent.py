"""The incident linker fit's incumbent rule (issue 11, 2026-12-06 evening, ``incidents54``): a
cross-validation winner whose l2, fit weights or thresholds differ from the shipped file's replaces
them only when it meets ``paired_gain`` against the shipped setting on the same splits; otherwise
the shipped setting is kept (and only the weights refitted at it). The per-split tables below are
synthetic; the invented reports are ``incident_helpers``' (none from an evaluation set).
"""

from __future__ import annotations

import json

from conftest import script_module
from test_incidents_fit_repeats import _docs

from sitrep.incidents.settings import LinkModel, load_settings

FIT = script_module("fit_incident_linker")
S = load_settings()

SHIPPED = (1.0, "design", (0.7, 0.3, 0.0, 0.1, 0.1, 0.99))
WINNER = (1.0, "design", (0.6, 0.1, 0.3, 0.2, 0.1, 0.99))
OTHER_L2 = (3.0, "design", (0.7, 0.3, 0.0, 0.1, 0.1, 0.99))


def _table(winner_design: tuple[float, ...], winner_pairs: tuple[float, ...]) -> dict:  # type: ignore[type-arg]
    """A synthetic per-split table (``SPLITS``' shape): the shipped setting's five splits and the
    winner's as given."""
    return {SHIPPED: ((0.80, 0.84, 0.79, 0.82, 0.81), (0.74, 0.76, 0.73, 0.75, 0.74)),
            WINNER: (winner_design, winner_pairs)}


def test_incumbent_rule_keeps_the_shipped_setting_when_the_gain_is_within_the_spread() -> None:
    # the winner's mean is higher (+0.016) but two splits fall: within the spread, no gain
    table = _table((0.83, 0.88, 0.77, 0.80, 0.86), (0.76, 0.79, 0.72, 0.74, 0.77))
    diff = FIT.paired(*(table[WINNER][0], table[SHIPPED][0]), *(table[WINNER][1], table[SHIPPED][1]))
    assert diff.design.mean > 0 and diff.design.low < 0 and not FIT.paired_gain(diff)
    choice = FIT.incumbent_rule(WINNER, SHIPPED, table)
    assert choice.key == SHIPPED and choice.kept
    assert "shipped setting kept" in choice.reason and "does not meet paired_gain" in choice.reason
    assert "design-weighted mean +0.016" in choice.reason and str(WINNER[2]) in choice.reason


def test_incumbent_rule_takes_the_winner_when_it_meets_the_rule() -> None:
    # above the shipped setting on every split, the every-pair estimator not lower on average
    table = _table((0.82, 0.85, 0.81, 0.84, 0.83), (0.75, 0.76, 0.74, 0.76, 0.75))
    choice = FIT.incumbent_rule(WINNER, SHIPPED, table)
    assert choice.key == WINNER and not choice.kept
    assert choice.reason.startswith("cross-validation winner: it meets paired_gain")


def test_incumbent_rule_a_gain_on_every_split_but_a_loss_over_every_pair_keeps_the_shipped_setting() -> None:
    table = _table((0.82, 0.85, 0.81, 0.84, 0.83), (0.70, 0.72, 0.70, 0.71, 0.70))
    assert FIT.incumbent_rule(WINNER, SHIPPED, table).key == SHIPPED


def test_incumbent_rule_compares_the_whole_configuration_not_only_the_thresholds() -> None:
    # same thresholds, another l2: still a different setting, so the rule applies
    table = {SHIPPED: _table((0.8,) * 5, (0.7,) * 5)[SHIPPED], OTHER_L2: ((0.81, 0.83, 0.79, 0.82, 0.81),
                                                                        (0.74, 0.76, 0.73, 0.75, 0.74))}
    choice = FIT.incumbent_rule(OTHER_L2, SHIPPED, table)
    assert choice.key == SHIPPED and choice.kept


def test_incumbent_rule_without_a_comparison_takes_the_winner_and_says_why() -> None:
    table = _table((0.82, 0.85, 0.81, 0.84, 0.83), (0.75, 0.76, 0.74, 0.76, 0.75))
    same = FIT.incumbent_rule(SHIPPED, SHIPPED, table)
    assert same.key == SHIPPED and not same.kept and "shipped setting itself" in same.reason
    none = FIT.incumbent_rule(WINNER, None, table)
    assert none.key == WINNER and "no shipped setting" in none.reason
    untried = FIT.incumbent_rule(WINNER, OTHER_L2, table)
    assert untried.key == WINNER and not untried.kept and "not cross-validated" in untried.reason


def test_incumbent_rule_one_split_never_replaces_the_shipped_setting() -> None:
    table = {SHIPPED: ((0.70,), (0.60,)), WINNER: ((0.90,), (0.80,))}
    assert FIT.incumbent_rule(WINNER, SHIPPED, table).key == SHIPPED


def test_incumbent_rule_is_a_fixed_point() -> None:
    """Run again with what it chose as the shipped setting, the rule chooses it again (so a
    second fit on the same input writes the same file)."""
    for table in (_table((0.83, 0.88, 0.77, 0.80, 0.86), (0.76, 0.79, 0.72, 0.74, 0.77)),
                  _table((0.82, 0.85, 0.81, 0.84, 0.83), (0.75, 0.76, 0.74, 0.76, 0.75))):
        first = FIT.incumbent_rule(WINNER, SHIPPED, table)
        assert FIT.incumbent_rule(WINNER, first.key, table).key == first.key
        assert FIT.incumbent_rule(WINNER, SHIPPED, table) == first  # deterministic, reason included


def test_incumbent_rule_on_a_cross_validated_table_of_invented_reports() -> None:
    """On the split table ``cross_validate`` fills for invented reports, the rule keeps a tried
    shipped setting exactly when the winner fails ``paired_gain`` against it."""
    docs = _docs()
    gold = {frozenset(p): same for p, same in ((("a", "b"), True), (("c", "f"), False), (("d", "e"), True),
                                                (("g", "h"), False), (("b", "d"), True), (("e", "f"), False))}
    keys = list(gold)
    bags = FIT.bags(S, docs, gold)
    assignments = FIT.fold_assignments(FIT.components(keys), 2, 3, seed=3)
    FIT.SPLITS.clear()
    row = FIT.cross_validate(bags, keys, assignments, FIT.corpus(docs, S), 1.0, 1, {k: 1.0 for k in keys},
                             "uniform", "design")
    (config, winner, _f1) = FIT.choose_by_cv({(1.0, "uniform"): row})
    won = (*config, winner)
    verdicts = set()
    for setting in row:
        shipped = (1.0, "uniform", setting)
        choice = FIT.incumbent_rule(won, shipped, FIT.SPLITS)
        if shipped == won:
            assert choice.key == won
            continue
        (d1, p1), (d2, p2) = FIT.SPLITS[won], FIT.SPLITS[shipped]
        gain = FIT.paired_gain(FIT.paired(d1, d2, p1, p2))
        assert choice.key == (won if gain else shipped) and choice.kept is not gain
        verdicts.add(choice.kept)
    assert True in verdicts  # some tried setting is kept against a winner at noise level


def test_incumbent_file_defaults_to_out_then_the_package_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "linker.json"
    assert FIT.incumbent_file("none", out) is None
    assert FIT.incumbent_file(str(tmp_path / "x.json"), out) == tmp_path / "x.json"
    assert FIT.incumbent_file(None, out) == FIT.REPO / "src" / "sitrep" / "incidents" / "data" / "linker.json"
    out.write_text("{}", encoding="utf-8")
    assert FIT.incumbent_file(None, out) == out


def test_link_model_records_how_its_thresholds_were_chosen() -> None:
    shipped = json.loads((FIT.REPO / "src" / "sitrep" / "incidents" / "data" / "linker.json").read_text("utf-8"))
    model = LinkModel.from_dict({**shipped, "chosen_by": "shipped setting kept by the incumbent rule"})
    assert model.chosen_by == "shipped setting kept by the incumbent rule"
    assert LinkModel.from_dict(model.to_dict()) == model
    bare = LinkModel.from_dict({k: v for k, v in shipped.items() if k != "chosen_by"})
    assert bare.chosen_by == "" and "chosen_by" not in bare.to_dict()
