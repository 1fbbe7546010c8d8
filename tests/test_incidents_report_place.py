"""The mention input ``report_place_same`` (switched off): an event without a place takes its report's
main place (issue 11, incidents47).

Reports here are invented (``incident_helpers``); none comes from an evaluation set.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import REPO
from incident_helpers import Line, report

from sitrep.incidents.features import (
    FEATURES,
    INPUTS_ENV,
    MENTION_FEATURES,
    MENTION_SWITCHED_OFF,
)
from sitrep.incidents.mentions import Mention, mentions
from sitrep.incidents.settings import load_settings

S = load_settings()
SAME = MENTION_SWITCHED_OFF["report_place_same"]


def _placed(doc_id: str, town: str = "Qarat Amal") -> Mention:
    """A report whose event names its town."""
    return mentions([report(doc_id, doc_id.upper(), "2030-05-06",
                            [Line(f"Jets struck the grain store of {town}, the monitor said.", "struck",
                                  place=town)])], S)[0]


def _follow_up(doc_id: str, named: str | None) -> Mention:
    """A report whose event sentence names no place; ``named`` is the place its first sentence (no
    event) names twice, so that it is the report's main place (None: the report names none)."""
    lines = [Line(f"Families in {named} buried their dead, and {named} stayed closed.")] if named else []
    lines.append(Line("The toll of the air strike rose to twenty on the next day.", "strike"))
    return mentions([report(doc_id, doc_id.upper(), "2030-05-07", lines)], S)[0]


def test_incidents_report_place_is_the_reports_main_place() -> None:
    """A mention carries its report's main place whether or not the event has a place of its own."""
    later = _follow_up("b", "Qarat Amal")
    assert later.place is None
    assert later.report_place is not None and later.report_place.name == "Qarat Amal"
    assert later.report_place.level == 5
    assert _follow_up("c", None).report_place is None


def test_incidents_report_place_same_needs_a_placeless_event_and_one_town() -> None:
    """1 when an event without a place sits in a report about the other event's town; 0 when both
    events have places (``place_same`` says that), when the report's place is only a province, another
    town, or none, in either order."""
    first = _placed("a")
    later = _follow_up("b", "Qarat Amal")
    assert SAME(first, later, S) == SAME(later, first, S) == 1.0
    assert SAME(first, _placed("e"), S) == 0.0  # both placed
    assert SAME(first, _follow_up("f", "Nahr Province"), S) == 0.0  # a province: level 2
    assert SAME(first, _follow_up("g", "Marj Hilal"), S) == 0.0  # another town
    assert SAME(first, _follow_up("h", None), S) == 0.0  # the report names no place
    assert SAME(later, _follow_up("i", "Qarat Amal"), S) == 1.0  # both placeless, one town


def test_incidents_report_place_same_is_off_unless_the_environment_names_it() -> None:
    """Off (the default), the input is no column of the fit and the shipped linker does not weigh
    it; named in ``SITREP_INCIDENT_INPUTS``, it is a mention-level column."""
    if "report_place_same" not in os.environ.get(INPUTS_ENV, "").split(","):
        assert "report_place_same" not in FEATURES and "report_place_same" not in MENTION_FEATURES
    shipped = json.loads((REPO / "src" / "sitrep" / "incidents" / "data" / "linker.json").read_text(encoding="utf-8"))
    assert "report_place_same" not in shipped["weights"]
    code = ("from sitrep.incidents.features import FEATURES, MENTION_FEATURES, REPORT_LEVEL; "
            "print('report_place_same' in MENTION_FEATURES, 'report_place_same' in FEATURES, "
            "'report_place_same' in REPORT_LEVEL)")
    env = {**os.environ, INPUTS_ENV: "report_place_same", "PYTHONPATH": str(REPO / "src")}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True", "False"]


def test_incidents_followups_reads_date_words_and_report_days() -> None:
    """The study script's readings: a stated relative day, no date words, and whether another
    mention of the report states the other report's day."""
    import incident_followups as fu

    stated = mentions([report("j", "J", "2030-05-06",
                              [Line("Jets struck the grain store of Qarat Amal on Tuesday.", "struck",
                                    place="Qarat Amal", day="2030-05-05")])], S)[0]
    assert stated.event.date is not None
    stated_words = type(stated.event.date)("2030-05-05", "day", "on Tuesday")
    import dataclasses

    tuesday = dataclasses.replace(stated, event=dataclasses.replace(stated.event, date=stated_words))
    assert fu.date_words(tuesday) == "relative"
    assert fu.date_words(_placed("k")) == "none"
    assert fu.report_day([], tuesday, S) == "report states no day"
    assert fu.report_day([tuesday], tuesday, S).startswith("a mention of the same category")
