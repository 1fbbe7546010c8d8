"""The axes of ``benchmarks/incident_false_links.py`` (issue 11, incidents55).

Reports here are invented (``incident_helpers``); none comes from an evaluation set.
"""

from __future__ import annotations

from incident_helpers import Line, report

from sitrep.incidents.mentions import Mention, mentions
from sitrep.incidents.settings import load_settings

S = load_settings()
STRIKE = "Jets struck the grain store of Qarat Amal"


def _one(doc_id: str, outlet: str, published: str, place: str | None = "Qarat Amal") -> Mention:
    return mentions([report(doc_id, outlet, published, [Line(f"{STRIKE}.", "struck", place=place)])], S)[0]


def test_incident_false_links_axes_read_outlet_gap_lead_and_background() -> None:
    """One outlet or two; the publication gap in days (3 and more in one class); both events
    their reports' leads; how many of the two reports hold a background mention."""
    import incident_false_links as ifl

    a, b, c = _one("a", "OUTA", "2030-05-06"), _one("b", "OUTA", "2030-05-07"), _one("c", "OUTB", "2030-05-10")
    ab = ifl.classes((a, b, 0.5, 0.75), S, {"b"})
    assert ab["outlet"] == "one outlet" and ab["publication gap"] == "1"
    assert ab["background"] == "1 of 2 with background" and ab["lead"] == "both leads"
    assert ab["report probability"] == ">= 0.7" and ab["category"] == "one category"
    ac = ifl.classes((a, c, 0.5, 0.05), S, set())
    assert ac["outlet"] == "two outlets" and ac["publication gap"] == "3+"
    assert ac["report probability"] == ">= 0.0" and ac["background"] == "0 of 2 with background"
    assert ifl.place_class(a, _one("d", "OUTB", "2030-05-06", place=None), S) == "unknown, level 5"
    assert ifl.place_class(a, b, S).startswith("same")


def test_incident_false_links_tally_counts_each_split_beside_the_compared_pairs() -> None:
    """A class's false links are counted per split (the fold that held the pair out), beside the
    compared same and different pairs in that class."""
    import incident_false_links as ifl

    k1, k2 = frozenset(("a", "b")), frozenset(("a", "c"))
    compared = {k1: {"outlet": "one outlet"}, k2: {"outlet": "two outlets"}}
    gold = {k1: False, k2: True}
    rows = [{"split": 0, "axes": {"outlet": "one outlet"}}, {"split": 1, "axes": {"outlet": "one outlet"}},
            {"split": 1, "axes": {"outlet": "two outlets"}}]
    out = ifl.tally(rows, compared, gold, 2, "outlet")
    assert out["one outlet"] == {"false links per split": 1.0, "splits": [1, 1], "compared same": 0,
                                 "compared different": 1}
    assert out["two outlets"]["splits"] == [0, 1] and out["two outlets"]["compared same"] == 1
