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


def _three_reports() -> list:
    return [report(d, d.upper(), "2030-05-06", [Line(f"Jets struck the grain store of Qarat Amal ({d}).", "struck",
                                                     place="Qarat Amal")]) for d in ("a", "b", "c")]


def test_incidents_losses_kept_apart_is_a_cannot_link_in_the_clustering_only_while_open() -> None:
    """``--apart``'s constraint: with edges a-b and b-c, the clustering chains the three reports
    into one incident; with the report pair (a, c) kept apart, c stays out (a-b merges first,
    the stronger edge), and once the context closes the shipped clustering is back."""
    import incidents_losses as losses

    from sitrep.incidents import clustering
    from sitrep.incidents.clustering import Edge, cluster

    fit = script_module("fit_incident_linker")
    data = fit.corpus(_three_reports(), S)
    ids = {m.document: m.id for m in data.news}
    assert set(ids) == {"a", "b", "c"}
    edges = [Edge(*sorted((ids["a"], ids["b"])), 0.9), Edge(*sorted((ids["b"], ids["c"])), 0.8)]

    def documents(clusters: list) -> list[set[str]]:
        return sorted(({m.document for m in c} for c in clusters), key=lambda s: sorted(s))

    plain = clustering._may_merge
    assert documents(cluster(data.groups, edges, data.settings)) == [{"a", "b", "c"}]
    with losses.kept_apart({frozenset(("a", "c"))}):
        assert documents(cluster(data.groups, edges, data.settings)) == [{"a", "b"}, {"c"}]
    assert clustering._may_merge is plain
    with losses.kept_apart(set()):
        assert documents(cluster(data.groups, edges, data.settings)) == [{"a", "b", "c"}]


def test_incidents_losses_cause_names_the_constraint_a_blocked_pair_fails_alone() -> None:
    """A never-compared pair is classed by the blocking constraint its mention pairs fail alone
    (here the date window: the same store, a month apart); other stages are their own cause."""
    import incidents_losses as losses

    fit = script_module("fit_incident_linker")
    docs = [report("a", "A", "2030-05-06", [Line("Jets struck the grain store of Qarat Amal.", "struck",
                                                 place="Qarat Amal")]),
            report("b", "B", "2030-06-20", [Line("Jets struck the grain store of Qarat Amal.", "struck",
                                                 place="Qarat Amal")])]
    data = fit.corpus(docs, S)
    news_of: dict[str, list] = {}
    for m in data.news:
        news_of.setdefault(m.document, []).append(m)
    k = frozenset(("a", "b"))
    assert losses.cause(k, "blocked", news_of, data.settings) == "blocked:window"
    assert losses.cause(k, "below", news_of, data.settings) == "below"
    assert losses.cause(frozenset(("a", "z")), "blocked", news_of, data.settings) == "blocked:no news mention"
