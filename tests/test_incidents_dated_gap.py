"""The stacked report input ``dated_gap`` (switched off) and the study script
``benchmarks/incident_followup_days.py`` (issue 11, incidents50).

Reports here are invented (``incident_helpers``); none comes from an evaluation set.
"""

from __future__ import annotations

import dataclasses
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
    REPORT_FEATURES,
    STACKED_FEATURES,
    STACKED_SWITCHED_OFF,
    stacked_source,
)
from sitrep.incidents.mentions import mentions
from sitrep.incidents.settings import load_settings
from sitrep.records import EventDate

S = load_settings()
SOURCE, GAP = STACKED_SWITCHED_OFF["dated_gap"]


def _strike(doc_id: str, published: str, day: str | None):  # type: ignore[no-untyped-def]
    """A report of a strike on the grain store of an invented town, its day stated (``day``) or not."""
    words = "Jets struck the grain store of Qarat Amal" + (" on Tuesday" if day else "") + ", the monitor said."
    return mentions([report(doc_id, doc_id.upper(), published,
                            [Line(words, "struck", place="Qarat Amal", day=day)])], S)[0]


def test_incidents_dated_gap_is_the_publication_gap_of_two_reports_stating_one_day() -> None:
    """Two reports that state one day for their events: the input is their publication gap (scaled
    as ``report_gap``), in either order; two days stated apart, a day not stated, or one publication
    day: 0 (nothing to take back)."""
    first = _strike("a", "2030-05-06", "2030-05-05")
    late = _strike("b", "2030-05-08", "2030-05-05")  # two days later, dated back to the first's day
    assert GAP(first, late, S) == GAP(late, first, S) == 1.0
    assert GAP(first, late, S) == REPORT_FEATURES["report_gap"](first, late, S)
    assert GAP(first, _strike("c", "2030-05-07", "2030-05-05"), S) == 0.5  # one day later
    assert GAP(first, _strike("d", "2030-05-08", "2030-05-07"), S) == 0.0  # stated, another day
    assert GAP(first, _strike("e", "2030-05-08", None), S) == 0.0  # the later report states no day
    assert GAP(first, _strike("f", "2030-05-06", "2030-05-05"), S) == 0.0  # one publication day: no gap


def test_incidents_dated_gap_is_off_unless_the_environment_names_it() -> None:
    """Off (the default), the input is no column of the fit, its source no mention column, and the
    shipped linker does not weigh it; named in ``SITREP_INCIDENT_INPUTS``, it is a stacked report
    column whose source is still no mention column."""
    if "dated_gap" not in os.environ.get(INPUTS_ENV, "").split(","):
        assert "dated_gap" not in FEATURES and "dated_gap" not in STACKED_FEATURES
    assert SOURCE not in MENTION_FEATURES
    shipped = json.loads((REPO / "src" / "sitrep" / "incidents" / "data" / "linker.json").read_text(encoding="utf-8"))
    assert "dated_gap" not in shipped["weights"]
    code = ("from sitrep.incidents.features import FEATURES, MENTION_FEATURES, REPORT_LEVEL, STACKED_FEATURES; "
            "print('dated_gap' in REPORT_LEVEL, STACKED_FEATURES.get('dated_gap') in MENTION_FEATURES, "
            "'dated_gap' in FEATURES)")
    env = {**os.environ, INPUTS_ENV: "dated_gap", "PYTHONPATH": str(REPO / "src")}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False", "True"]


def test_incidents_stacked_source_reads_mention_features() -> None:
    """Every stacked feature's source is found: a mention feature (the default set) by its name."""
    for source in STACKED_FEATURES.values():
        assert stacked_source(source)(_strike("g", "2030-05-06", None), _strike("h", "2030-05-06", None), S) >= 0.0
    assert stacked_source("figures_agree") is MENTION_FEATURES["figures_agree"]


def test_incidents_followup_days_classes_read_how_the_dates_were_read() -> None:
    """The study script's classes: a later event dated only by its report, days apart; a relative
    day apart; one day with places unknown; and how each side's date was read."""
    import incident_followup_days as fd

    first = _strike("j", "2030-05-06", "2030-05-05")
    undated = _strike("k", "2030-05-09", None)
    later = _strike("l", "2030-05-09", "2030-05-08")
    relative = dataclasses.replace(later, event=dataclasses.replace(
        later.event, date=EventDate("2030-05-08", "day", "yesterday")))
    assert fd.how_read(undated) == "document" and fd.how_read(first) == "absolute"
    assert fd.how_read(relative) == "relative"
    assert fd.pair_class(first, undated, S) == "date: the later event dated only by its report"
    assert fd.pair_class(first, later, S) == "date: stated days differ"
    assert fd.pair_class(first, relative, S) == "date: a relative day"
    assert fd.pair_class(first, _strike("m", "2030-05-08", "2030-05-05"), S) == "text"
    parts = fd.parts(first, _strike("n", "2030-05-08", "2030-05-05"), S)
    assert parts["mention"]["bias"] == S.model.mention_bias and "report_gap" in parts["report"]
