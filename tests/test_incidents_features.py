"""The linker's date features and the fitting script's choice of thresholds (issue 11, evening).

Reports here are invented (``incident_helpers``); none comes from an evaluation set.
"""

from __future__ import annotations

from conftest import REPO, script_module
from incident_helpers import Figure, Line, report

from sitrep.incidents.features import FEATURES, MENTION_FEATURES
from sitrep.incidents.mentions import mentions
from sitrep.incidents.settings import load_settings

S = load_settings()
STRIKE = "Jets struck the grain store of Qarat Amal"


def _first(doc_id: str, published: str, day: str | None):  # type: ignore[no-untyped-def]
    text = f"{STRIKE} on Monday." if day else f"{STRIKE}, the monitor said."
    return mentions([report(doc_id, doc_id.upper(), published, [Line(text, "struck", place="Qarat Amal", day=day)])],
                    S)[0]


def _value(name: str, a, b) -> float:  # type: ignore[no-untyped-def]
    return MENTION_FEATURES[name](a, b, S)


def test_incidents_date_features_are_in_the_model_order() -> None:
    assert {"stated_same_day", "day_unstated", "later_unstated"} <= set(FEATURES)


def test_incidents_stated_same_day_needs_both_days_stated() -> None:
    a, b = _first("a", "2030-05-07", "2030-05-06"), _first("b", "2030-05-07", "2030-05-06")
    undated = _first("c", "2030-05-06", None)
    assert _value("stated_same_day", a, b) == 1.0 and _value("day_unstated", a, b) == 0.0
    assert _value("stated_same_day", a, undated) == 0.0 and _value("day_unstated", a, undated) == 1.0
    assert _value("same_day", a, undated) == 1.0  # the publication day stands in: overlap, not a stated match


def test_incidents_later_unstated_marks_an_undated_follow_up() -> None:
    """A report two days later that states no day for its mention has the shape of a
    follow-up; the same report dated, or published the same day, has not."""
    first = _first("a", "2030-05-06", "2030-05-06")
    follow_up = _first("b", "2030-05-08", None)
    dated_later = _first("c", "2030-05-08", "2030-05-06")
    same_day = _first("d", "2030-05-06", None)
    assert _value("later_unstated", first, follow_up) == _value("later_unstated", follow_up, first) == 1.0
    assert _value("later_unstated", first, dated_later) == 0.0
    assert _value("later_unstated", first, same_day) == 0.0


def test_incidents_fit_folds_keep_connected_pairs_together() -> None:
    """Pairs that share a report fall in one fold, so no report is fitted and scored in one
    fold; folds are about balanced and the same on every run."""
    fit = script_module("fit_incident_linker")
    keys = [frozenset(p) for p in (("a", "b"), ("b", "c"), ("d", "e"), ("f", "g"), ("g", "h"), ("h", "a"), ("x", "y"))]
    groups = fit.components(keys)
    assert len({groups[i] for i in (0, 1, 3, 4, 5)}) == 1  # a-b-c and f-g-h-a: one component
    assert len(set(groups)) == 3
    fold = fit.folds(groups, 2)
    assert fold == fit.folds(groups, 2)
    assert len({fold[i] for i in (0, 1, 3, 4, 5)}) == 1
    assert fold[2] != fold[0] and fold[6] != fold[0]  # the big fold alone, the two small ones together


def test_incidents_fit_pairs_blocking_never_compares_tie_no_fold() -> None:
    """A pair with no feature row (blocking never compared its reports) joins no two components
    of the compared pairs: it rides with its lower document's component (else its other one's),
    or stands alone; so a wave of far-apart pairs cannot pull the tune half into one fold, and
    compared pairs sharing a report still stay together."""
    import numpy as np

    fit = script_module("fit_incident_linker")
    keys = [frozenset(p) for p in (("a", "b"), ("c", "d"), ("b", "c"), ("e", "f"), ("d", "e"), ("x", "y"))]
    row, none = np.ones((1, 3)), np.zeros((0, 3))
    data = [(row, True), (row, True), (none, False), (row, False), (none, False), (none, False)]
    groups = fit.fold_groups(keys, data)
    assert len(set(fit.components(keys[:5]))) == 1  # tied through b-c and d-e, five pairs are one component
    assert len({groups[0], groups[1], groups[3]}) == 3  # untied: a-b, c-d, e-f apart
    assert groups[2] == groups[0] and groups[4] == groups[1]  # b-c rides with b's, d-e with d's
    assert groups[5] not in groups[:5]  # x-y: neither document compared, a group of its own
    shared = [frozenset(p) for p in (("a", "b"), ("b", "c"))]
    assert len(set(fit.fold_groups(shared, [(row, True), (row, False)]))) == 1  # a compared pair ties


def test_incidents_fit_chooses_by_cross_validated_f1() -> None:
    """The L2 strength and threshold come from the out-of-fold F1; ties go to the stronger
    regularisation, then to the higher threshold."""
    choose = script_module("fit_incident_linker").choose_by_cv
    assert choose({1.0: {0.5: 0.70, 0.8: 0.74}, 10.0: {0.5: 0.74, 0.6: 0.72}}) == (10.0, 0.5, 0.74)
    assert choose({1.0: {0.5: 0.70, 0.8: 0.70}}) == (1.0, 0.8, 0.70)


def test_incidents_fit_chooses_the_best_threshold_by_cross_validated_f1() -> None:
    """Settings are (report, align, merge, best) thresholds: a best threshold that raises the
    out-of-fold F1 is kept; on a tie with the same other thresholds the higher one wins."""
    choose = script_module("fit_incident_linker").choose_by_cv
    tried = {1.0: {(0.5, 0.3, 0.1, 0.0): 0.75, (0.5, 0.3, 0.1, 0.2): 0.76}, 3.0: {(0.5, 0.3, 0.1, 0.0): 0.74}}
    assert choose(tried) == (1.0, (0.5, 0.3, 0.1, 0.2), 0.76)
    assert choose({1.0: {(0.5, 0.3, 0.1, 0.0): 0.75, (0.5, 0.3, 0.1, 0.1): 0.75}})[1][3] == 0.1


def test_incidents_fit_pair_f1_and_fingerprint() -> None:
    import numpy as np

    fit = script_module("fit_incident_linker")
    gold = {frozenset("ab"): True, frozenset("cd"): True, frozenset("ef"): False}
    assert fit.pair_f1({frozenset("ab"), frozenset("ef")}, gold) == 0.5  # tp 1, fp 1, fn 1
    assert fit.pair_f1(set(), gold) == 0.0
    data = [(np.asarray([[0.0, 1.0]]), True), (np.zeros((0, 2)), False)]
    same = [(np.asarray([[0.0, 1.0]]), True), (np.zeros((0, 2)), False)]
    assert fit.fingerprint(data) == fit.fingerprint(same)
    assert fit.fingerprint(data) != fit.fingerprint([(np.asarray([[0.0, 1.0]]), False), data[1]])


def test_incidents_fit_signs_cover_the_new_features_and_exclusion_pins_weights() -> None:
    fit = script_module("fit_incident_linker")
    assert {"stated_same_day", "day_unstated", "later_unstated"} <= set(fit.SIGNS)
    pinned = fit.restrict(dict(fit.SIGNS), [f for f in FEATURES if not f.startswith("figures_")])
    assert pinned["figures_agree"] == pinned["figures_differ"] == 2  # bound to weight 0
    assert pinned["stated_same_day"] == fit.SIGNS["stated_same_day"]


def test_incidents_shipped_linker_is_a_fit_of_the_script() -> None:
    """The shipped weights carry the script's record of how they were fitted, and every
    weight keeps the sign the script allows its feature (a hand edit that flips one fails)."""
    import json

    fit = script_module("fit_incident_linker")
    model = json.loads((REPO / "src" / "sitrep" / "incidents" / "data" / "linker.json").read_text(encoding="utf-8"))
    assert "tune half" in model["fitted_on"] and "logistic" in model["fitted_on"]
    assert set(model["weights"]) <= set(FEATURES)
    for name, weight in model["weights"].items():
        sign = fit.SIGNS.get(name, 0)
        assert sign == 0 or weight * sign >= 0, f"{name}: weight {weight} against its sign {sign}"


def test_incidents_shipped_linker_has_both_levels_and_round_trips() -> None:
    """The shipped model names the fit that made it (two levels, CV, input fingerprint) and
    reads back to the same record; a model file without the mention level still loads."""
    import json

    from sitrep.incidents.settings import LinkModel

    raw = json.loads((REPO / "src" / "sitrep" / "incidents" / "data" / "linker.json").read_text(encoding="utf-8"))
    model = LinkModel.from_dict(raw)
    assert model.to_dict() == raw
    assert "two L2-regularised logistic models" in model.fitted_on and "fingerprint" in model.fitted_on
    assert 0.0 < model.align_threshold < 1.0 and 0.0 < model.threshold < 1.0
    old = {k: v for k, v in raw.items() if k not in ("mention_bias", "align_threshold")}
    assert LinkModel.from_dict(old).mention_bias == 0.0


def test_incidents_idf_table_weighs_rare_words_more_and_round_trips() -> None:
    """A word in few reference reports weighs more than one in many; a word the table does
    not list weighs as the rarest; the table reads back to the same record."""
    from sitrep.incidents.settings import IdfTable, with_idf

    table = IdfTable(documents=9, min_df=2, df={"killed": 9, "market": 3, "sarin": 2})
    weights, unseen = table.weights()
    assert weights["killed"] < weights["market"] < weights["sarin"] < unseen
    assert IdfTable.from_dict(table.to_dict()) == table
    s = with_idf(S, table)
    assert s.weight("killed") == weights["killed"] and s.weight("qaratamal") == unseen
    assert with_idf(S, None).weight("killed") == 1.0


def test_incidents_idf_weighted_similarity_counts_distinctive_words() -> None:
    """Two reports that share a rare word ("sarin") are more alike under IDF weights than two
    that share as many common words ("killed"), while unweighted Dice cannot tell them apart."""
    from sitrep.incidents.features import dice, weighted_dice
    from sitrep.incidents.settings import IdfTable, with_idf

    s = with_idf(S, IdfTable(documents=99, min_df=2, df={"killed": 90, "people": 80, "sarin": 2}))
    a = frozenset({"killed", "sarin"})
    b = frozenset({"people", "sarin"})
    c = frozenset({"killed", "people"})
    assert dice(a, b) == dice(a, c)
    assert weighted_dice(a, b, s) > weighted_dice(a, c, s)
    assert weighted_dice(frozenset(), a, s) == 0.0


def test_incidents_body_idf_is_the_body_cosine_without_a_table_and_fixed_with_one() -> None:
    """Without a table the weighted body vector is the plain one; with one, a report's vector
    depends on the table only, never on the other reports linked with it (incremental ==
    rebuild)."""
    import dataclasses

    from sitrep.incidents.settings import IdfTable, with_idf

    plain = dataclasses.replace(S, idf={}, idf_unseen=1.0)
    m = mentions([report("a", "A", "2030-05-07", [Line(f"{STRIKE} on Monday, killing nine.", "struck",
                                                       place="Qarat Amal", day="2030-05-06")])], plain)[0]
    assert m.distinct == m.body
    weighted = with_idf(S, IdfTable(documents=50, min_df=2, df={"struck": 40, "killing": 45}))
    docs = [report("a", "A", "2030-05-07", [Line(f"{STRIKE} on Monday, killing nine.", "struck",
                                                 place="Qarat Amal", day="2030-05-06")])]
    alone = mentions(docs, weighted)[0]
    other = report("b", "B", "2030-05-07", [Line("Rockets hit Tel Wardeh.", "hit", place="Tel Wardeh")])
    together = next(x for x in mentions([*docs, other], weighted) if x.document == "a")
    assert alone.distinct == together.distinct != alone.body
    assert alone.distinct["struck"] < alone.distinct["grain"]  # the common word weighs less


def _tolled(doc_id: str, published: str, toll: int):  # type: ignore[no-untyped-def]
    return mentions([report(doc_id, doc_id.upper(), published,
                            [Line(f"{STRIKE}, the monitor said.", "struck", place="Qarat Amal",
                                  figures=[Figure("killed", toll)])])], S)[0]


def test_incidents_toll_features_follow_a_running_toll() -> None:
    """A later report's higher toll fits a running toll (one incident); a later report's
    clearly lower toll does not; same-day reports never 'fall'."""
    from sitrep.incidents.features import REPORT_FEATURES

    first, rose, fell, same_day = (_tolled("a", "2030-05-06", 12), _tolled("b", "2030-05-07", 20),
                                   _tolled("c", "2030-05-07", 5), _tolled("d", "2030-05-06", 5))
    assert first.toll == 12 and rose.toll == 20
    falls, agree = REPORT_FEATURES["toll_falls"], REPORT_FEATURES["toll_agree"]
    assert falls(first, rose, S) == falls(rose, first, S) == 0.0 and agree(first, rose, S) == 1.0
    assert falls(first, fell, S) == falls(fell, first, S) == 1.0 and agree(first, fell, S) == 0.0
    assert falls(first, same_day, S) == 0.0 and agree(first, same_day, S) == 0.0
    assert agree(first, _tolled("e", "2030-05-06", 13), S) == 1.0  # within 10 %


def test_incidents_fit_idf_table_leaves_out_check_reports_and_rare_words() -> None:
    """The fitting script counts each word once per report, over every analysed report but
    those it is told to leave out (the check half's), and lists only words of >= min_df."""
    fit = script_module("fit_incident_linker")
    docs = [report("a", "A", "2030-05-07", [Line("Jets struck the grain store of Qarat Amal.", "struck")]),
            report("b", "B", "2030-05-07", [Line("Jets struck the mill, jets struck twice.", "struck")]),
            report("c", "C", "2030-05-07", [Line("Jets shelled the grain store.", "shelled")])]
    table = fit.idf_table(docs, {"c"}, S.stop_words, "pairs.jsonl")
    assert table.documents == 2
    assert table.df == {"jets": 2, "struck": 2}  # "grain" is in a and the left-out c only


def test_incidents_fit_verify_tolerates_optimiser_noise_only() -> None:
    """``--verify`` takes two fits as one when every number is within the tolerance and every
    key and text is the same (the optimiser can move a weight across a 4th-decimal rounding)."""
    fit = script_module("fit_incident_linker")
    shipped = {"weights": {"body": 2.0054}, "mention_bias": -7.0692, "fitted_on": "fingerprint ab"}
    assert fit.same_fit(shipped, {"weights": {"body": 2.0054}, "mention_bias": -7.0693, "fitted_on": "fingerprint ab"})
    assert not fit.same_fit(shipped, {"weights": {"body": 2.1}, "mention_bias": -7.0692, "fitted_on": "fingerprint ab"})
    assert not fit.same_fit(shipped, {"weights": {"body": 2.0054}, "mention_bias": -7.0692, "fitted_on": "fingerprint cd"})
    assert not fit.same_fit(shipped, {"weights": {}, "mention_bias": -7.0692, "fitted_on": "fingerprint ab"})


def test_incidents_stacked_features_take_the_largest_value_over_a_report_pair() -> None:
    """A stacked report feature is its mention feature at its largest over all candidate pairs
    of two reports: alone, a pair stands for itself; ``stack`` spreads the maximum to every row."""
    from sitrep.incidents.features import STACKED_FEATURES, pair_features, stack

    a = _tolled("a", "2030-05-06", 12)
    b, c = _tolled("b", "2030-05-06", 12), _tolled("c", "2030-05-06", 30)
    for name, source in STACKED_FEATURES.items():
        assert name in FEATURES and source in MENTION_FEATURES
    col, src = FEATURES.index("any_figures"), FEATURES.index("figures_agree")
    agree, differ = pair_features(a, b, S), pair_features(a, c, S)
    assert agree[col] == agree[src] == 1.0 and differ[col] == differ[src] == 0.0
    rows = stack([differ, agree])
    assert [r[col] for r in rows] == [1.0, 1.0]
    assert [r[src] for r in rows] == [0.0, 1.0]  # the mention feature itself is untouched
    assert stack([]) == []


def test_incidents_report_probability_counts_the_best_mention_evidence_of_the_pair() -> None:
    """The report model sees the stacked features over all candidate pairs of two reports:
    every candidate of the pair gets one report probability, raised when one pair of their
    events agrees on a figure, and the same whatever order the mentions come in."""
    import dataclasses

    from sitrep.incidents.features import Scorer
    from sitrep.incidents.linker import candidates

    base = dict(S.model.weights)
    model = dataclasses.replace(S.model, weights={**base, "any_figures": 2.0})
    scorer = Scorer(dataclasses.replace(S, model=model))
    plain = Scorer(dataclasses.replace(S, model=dataclasses.replace(S.model, weights={**base, "any_figures": 0.0})))
    docs = [report("a", "A", "2030-05-06", [Line(f"{STRIKE}, the monitor said.", "struck", place="Qarat Amal",
                                                 figures=[Figure("killed", 12)]),
                                            Line("Jets also shelled the Qarat Amal bakery.", "shelled",
                                                 place="Qarat Amal")]),
            report("b", "B", "2030-05-06", [Line("Twelve people died when jets struck Qarat Amal.", "struck",
                                                 place="Qarat Amal", figures=[Figure("killed", 12)]),
                                            Line("Jets hit the road to Qarat Amal too.", "hit", place="Qarat Amal")])]
    found = mentions(docs, S)
    news = [m for m in found if m.role == "news"]
    got = candidates(news, (), scorer)
    assert len(got) > 1 and len({c.report for c in got}) == 1
    assert got[0].report > candidates(news, (), plain)[0].report
    again = candidates(list(reversed(news)), (), Scorer(scorer.settings))
    assert sorted((c.a, c.b, c.report, c.mention) for c in again) == sorted((c.a, c.b, c.report, c.mention) for c in got)
    by_id = {m.id: m for m in news}
    assert got[0].report == scorer.reports([(by_id[c.a], by_id[c.b]) for c in got])


def test_incidents_fit_counts_out_of_fold_pairs_for_precision_and_recall() -> None:
    """The fitting script reports the chosen setting's out-of-fold tp / fp / fn beside its F1,
    so that a change of the cross-validated precision can be read, not only of the F1."""
    fit = script_module("fit_incident_linker")
    ab, ac, bc, cd = (frozenset(p) for p in ("ab", "ac", "bc", "cd"))
    gold = {ab: True, ac: True, bc: False, cd: False}
    assert fit.pair_counts({ab, bc}, gold) == (1, 1, 1)
    assert fit.pair_counts(set(), gold) == (0, 0, 2)
    assert fit.pair_f1({ab, bc}, gold) == 0.5


def test_incidents_idf_mass_and_known_masses_give_the_same_weighted_dice() -> None:
    """``idf_mass`` sums the words' IDF weights; ``weighted_dice`` given both masses (the
    scorer keeps them per mention) equals it computed afresh, bit for bit."""
    from sitrep.incidents.features import idf_mass, weighted_dice
    from sitrep.incidents.settings import IdfTable, with_idf

    s = with_idf(S, IdfTable(documents=99, min_df=2, df={"killed": 90, "people": 80, "sarin": 2}))
    a = frozenset({"killed", "sarin", "qaratamal"})
    b = frozenset({"people", "sarin", "qaratamal"})
    # summed in the set's iteration order (it follows the hash seed): equal up to rounding
    assert abs(idf_mass(a, s) - (s.weight("killed") + s.weight("sarin") + s.weight("qaratamal"))) < 1e-12
    assert idf_mass(frozenset(), s) == 0.0
    known = (idf_mass(a, s), idf_mass(b, s))
    assert weighted_dice(a, b, s, known) == weighted_dice(a, b, s)
    expected = 2 * (s.weight("sarin") + s.weight("qaratamal")) / (known[0] + known[1])
    assert abs(weighted_dice(a, b, s) - expected) < 1e-12


def test_incidents_scorer_text_idf_equals_the_feature() -> None:
    """The scorer's ``text_idf`` (sentence masses cached per mention) gives the feature's value,
    and a mention scores the same whichever partner it met first."""
    from sitrep.incidents.features import Scorer

    a, b = _first("a", "2030-05-07", "2030-05-06"), _first("b", "2030-05-07", "2030-05-06")
    c = _first("c", "2030-05-06", None)
    scorer = Scorer(S)
    for x, y in ((a, b), (a, c), (b, c)):
        assert scorer._text_idf(x, y, S) == _value("text_idf", x, y)
    assert Scorer(S).mention(b, c) == scorer.mention(b, c)
