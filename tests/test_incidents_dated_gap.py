"""The stacked features' sources and the study script ``benchmarks/incident_followup_days.py``
(issue 11, incidents50; its input ``dated_gap`` failed its bar and was removed: prune4).

Reports here are invented (``incident_helpers``); none comes from an evaluation set.
"""

from __future__ import annotations

import dataclasses

from incident_helpers import Line, report

from sitrep.incidents.features import (
    MENTION_FEATURES,
    STACKED_FEATURES,
    stacked_source,
)
from sitrep.incidents.mentions import mentions
from sitrep.incidents.settings import load_settings
from sitrep.records import EventDate

S = load_settings()


def _strike(doc_id: str, published: str, day: str | None):  # type: ignore[no-untyped-def]
    """A report of a strike on the grain store of an invented town, its day stated (``day``) or not."""
    words = "Jets struck the grain store of Qarat Amal" + (" on Tuesday" if day else "") + ", the monitor said."
    return mentions([report(doc_id, doc_id.upper(), published,
                            [Line(words, "struck", place="Qarat Amal", day=day)])], S)[0]


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
