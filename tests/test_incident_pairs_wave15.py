"""``benchmarks/incident_pairs_wave15.py`` (wave 15 of the incident pairs), on invented rows only.

No row here comes from FA-KES or any evaluation set; the towns and outlets are made up.
"""

from __future__ import annotations

import incident_pairs_wave15 as wave15


def _row(source: str, text: str) -> dict[str, str]:
    return {"unit_id": "2", "article_title": "", "article_content": text, "source": source,
            "date": "5/1/2030", "location": "qarat"}


ROWS = {
    1: _row("alpha", "Shells hit the Qarat bakery, ten dead"),
    2: _row("beta", "Shells hit the Qarat bakery, eleven dead"),
    3: _row("alpha", "A convoy was ambushed near Wadi Sabil"),
    4: _row("gamma", "Shells hit the Qarat bakery, ten dead"),  # the same text as row 1
    5: _row("delta", "Jets struck the Qarat mill"),
}


def test_the_pool_keeps_fresh_tune_pairs_linked_by_one_setting_only():
    off = {(1, 2), (1, 3), (2, 3), (1, 4), (3, 5)}
    on = {(1, 2), (2, 5)}
    got = wave15.pool(ROWS, gold=set(), check=set(), off=off, on=on)
    # 1/2: both settings link it; 1/4: identical texts; the others: one setting alone
    assert got == [(1, 3, "off"), (2, 3, "off"), (2, 5, "on"), (3, 5, "off")]
    assert (1, 3, "off") not in wave15.pool(ROWS, gold={(1, 3)}, check=set(), off=off, on=on)
    # a pair with a check-half document is not tune: left out
    assert all(3 not in (a, b) for a, b, _ in wave15.pool(ROWS, gold=set(), check={3}, off=off, on=on))
    assert wave15.pool(ROWS, gold=set(), check=set(), off=on, on=on) == []


def test_the_draw_is_a_seeded_sample_in_row_order_or_the_whole_pool():
    pool = [(n, n + 1, "off") for n in range(1, 61)]
    drawn = wave15.draw(pool, seed=52, size=40)
    assert len(drawn) == 40 and drawn == sorted(drawn) and set(drawn) <= set(pool)
    assert drawn == wave15.draw(pool, seed=52, size=40)
    assert drawn != wave15.draw(pool, seed=53, size=40)  # the seed, not a choice, fixes it
    assert wave15.draw(pool[:3], size=40) == pool[:3]


def test_linked_documents_become_row_pairs_for_every_row_of_a_document():
    rows_of = {"d1": {1, 4}, "d2": {2}, "d9": set()}
    linked = [frozenset({"d1", "d2"}), frozenset({"d2", "d9"}), frozenset({"d2", "dx"})]
    assert wave15.row_pairs(linked, rows_of) == {(1, 2), (2, 4)}


def test_each_setting_links_the_reports_and_the_switches_are_put_back():
    """Project-written reports: three outlets tell one market strike, a fourth another town's
    shelling days later. Both settings link the three (every report pair has a direct edge, so
    the share is 1) and keep the fourth apart; the 'on' run reads with the merge share 0.5 and
    both switches on, and leaves them off afterwards."""
    from incident_helpers import Line, report

    from sitrep.incidents import clustering
    from sitrep.incidents import contested as contested_module
    from sitrep.incidents.scorer import GoldPair
    from sitrep.incidents.settings import load_settings

    def strike(doc: str, outlet: str) -> object:
        return report(doc, outlet, "2030-05-07", [Line(
            f"Warplanes struck the crowded vegetable market of Qarat Amal on Monday, {outlet} said.", "struck",
            place="Qarat Amal", day="2030-05-06", actors=["SYR_AF"])])

    docs = [strike("d1", "Outlet One"), strike("d2", "Outlet Two"), strike("d3", "Outlet Three"),
            report("d4", "Outlet Four", "2030-05-20", [Line(
                "Mortar shells fell on the old souk of Marj Hilal on Sunday, a resident said.", "fell",
                place="Marj Hilal", day="2030-05-19")])]
    gold = [GoldPair("d1", "d2", "same", "tune"), GoldPair("d1", "d4", "different", "tune")]
    settings = load_settings()
    runs = list(wave15.linked_under(settings, docs, [], gold))
    assert [name for name, *_ in runs] == ["off", "on"]
    assert runs[0][1].model.merge_threshold == settings.model.merge_threshold
    assert runs[1][1].model.merge_threshold == wave15.MERGE_SHARE
    for _, _, groups, predicted in runs:
        assert any({"d1", "d2", "d3"} <= {m.document for m in g.mentions} for g in groups)
        assert predicted[("d1", "d2")].same and not predicted[("d1", "d4")].same
    assert clustering.REPORT_SHARE[0] is False and contested_module.CONTINUED_VERSIONS is False
