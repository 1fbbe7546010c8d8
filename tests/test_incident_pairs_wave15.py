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
