"""The axes of ``benchmarks/incident_false_links.py`` and the report input ``stated_apart`` (issue 11,
incidents55).

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


def _dated(doc_id: str, published: str, days: list[str | None]) -> list[Mention]:
    lines = [Line(f"{STRIKE} on day {i}.", "struck", place="Qarat Amal", day=d) for i, d in enumerate(days)]
    return mentions([report(doc_id, doc_id.upper(), published, lines)], S)


def test_incidents_stated_apart_needs_every_stated_day_more_than_a_night_apart() -> None:
    """``stated_apart`` is 1 only when both reports state days and none of one's is within a night
    of one of the other's; a report stating no day, or one shared day among others, gives 0. It is
    the same for every mention pair of the two reports (a report feature)."""
    from sitrep.incidents.features import REPORT_FEATURES

    apart = REPORT_FEATURES["stated_apart"]
    a = _dated("a", "2030-05-08", ["2030-05-06", "2030-05-07"])
    far = _dated("b", "2030-05-10", ["2030-05-09", None])
    near = _dated("c", "2030-05-10", ["2030-05-10", "2030-05-08"])
    none = _dated("d", "2030-05-10", [None])
    assert a[0].report_days == a[1].report_days and len(a[0].report_days) == 2
    assert apart(a[0], far[0], S) == apart(a[1], far[1], S) == apart(far[1], a[0], S) == 1.0
    assert apart(a[0], near[0], S) == 0.0  # the 8th is one night from the 7th
    assert apart(a[0], none[0], S) == 0.0 and none[0].report_days == frozenset()


def test_incidents_stated_apart_is_a_default_report_input_held_negative() -> None:
    """Shipped on (its bar passed): a report-level column of the linker and of the fit's default
    features, its weight held <= 0 by the fit; a linker file without its weight weighs it 0."""
    import dataclasses

    from common import script_module

    from sitrep.incidents.features import FEATURES, REPORT_LEVEL, Scorer
    from sitrep.incidents.settings import LinkModel

    fit = script_module("fit_incident_linker")
    assert "stated_apart" in FEATURES and "stated_apart" in REPORT_LEVEL
    assert "stated_apart" in fit.DEFAULT_FEATURES and fit.SIGNS["stated_apart"] == -1
    base = LinkModel(weights={"body": 1.0}, bias=0.0, threshold=0.5, merge_threshold=0.0, attach_threshold=0.5)
    weighed = LinkModel(weights={"body": 1.0, "stated_apart": -2.0}, bias=0.0, threshold=0.5, merge_threshold=0.0,
                        attach_threshold=0.5)
    a = _dated("a", "2030-05-08", ["2030-05-06", "2030-05-07"])[0]
    far = _dated("b", "2030-05-10", ["2030-05-09", None])[0]  # stated days apart: stated_apart = 1

    def report(model: LinkModel) -> float:
        return Scorer(dataclasses.replace(S, model=model)).report(a, far)

    assert report(weighed) < report(base)
