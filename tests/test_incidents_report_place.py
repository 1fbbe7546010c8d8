"""The study script of issue 11, incidents47 (its mention input ``report_place_same`` failed its bar and
was removed: prune4).

Reports here are invented (``incident_helpers``); none comes from an evaluation set.
"""

from __future__ import annotations

from incident_helpers import Line, report

from sitrep.incidents.mentions import Mention, mentions
from sitrep.incidents.settings import load_settings

S = load_settings()


def _placed(doc_id: str, town: str = "Qarat Amal") -> Mention:
    """A report whose event names its town."""
    return mentions([report(doc_id, doc_id.upper(), "2030-05-06",
                            [Line(f"Jets struck the grain store of {town}, the monitor said.", "struck",
                                  place=town)])], S)[0]


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
