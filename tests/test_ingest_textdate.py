"""The report's own date from the top of its text, and the creation time the stages anchor on
(issue 11: a metadata date that is a crawl or update date, not the report's). Project-written texts."""

from __future__ import annotations

import pytest

from sitrep.dates import TEXT_DATE_ENV, creation_time, text_date_days
from sitrep.ingest import IngestOptions, build_document
from sitrep.ingest.textdate import text_date

DATELINE = ("Eleven killed in shelling of Idlib market AFP Saturday 10 Sep 2016 At least eleven people "
            "were killed on Saturday when shells hit a market in Idlib, a monitor said.")


def _row(text: str, published: str | None, **options: object) -> object:
    return build_document(text, kind="row", source_path="t.csv#row1", fields={"published": published},
                          options=IngestOptions(**options))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("28 July 2015 Syrian rebels launched an offensive in the north-west.", None, "2015-07-28"),
        ("Published February 23 2015 Ten children were among the dead, a monitor said.", None, "2015-02-23"),
        ("Date of publication 7 October 2016 Shelling left 11 people dead on Friday.", None, "2016-10-07"),
        (DATELINE, "2016-09-21", "2016-09-10"),  # the headline repeated, the agency, then the date
        ("24.08.2013 Officials accused the militants of firing poison gas shells on Saturday.", None, "2013-08-24"),
        # dashed: day first, whatever the metadata says; slashed: the date order (MDY by default)
        ("02-09-2013 The army said it had ambushed fighters on Monday.", "2013-02-09", "2013-09-02"),
        ("03/08/2016 The army said it had ambushed fighters on Monday.", None, "2016-03-08"),
        ("25/08/2016 The army said it had ambushed fighters on Monday.", None, "2016-08-25"),
        ("Posted on April 19 2017 by a staff writer. Six people were killed in a blast.", None, "2017-04-19"),
        # a Reuters dateline's day without a year: the year nearest the metadata date
        ("BEIRUT, Dec 30 (Reuters) - Air strikes killed nine people on Tuesday, a monitor said.",
         "2017-01-04", "2016-12-30"),
        # the day run into the year by a page's extraction ("Last updated at Jul 282016"): still the day
        ("Last updated at Jul 282016 Jets struck the town on Thursday, killing nine.", "2016-08-14", "2016-07-28"),
        ("Last updated at Apr 52017 Jets struck the town on Thursday, killing nine.", None, "2017-04-05"),
        # "Updated" loses to "Published"
        ("Updated 14 March 2016 Published 12 March 2016 Rockets hit the town on Saturday.", None, "2016-03-12"),
    ],
)
def test_text_date_reads_the_reports_own_date_at_the_top(text, published, expected):
    assert text_date(text, published=published) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a quoted past event and an event's date governed by a preposition: not the report's
        ("\"March 5, 2013 was the worst day of the war,\" a resident of Kafr Nabl told reporters as "
         "aircraft circled over the town again."),
        "On August 10, 2016, a strike killed 12 people in the town, the monitor said on Saturday.",
        "Residents marked the March 5, 2013 massacre with a vigil in the square on Saturday.",
        # a date after the first sentence of prose is no longer the top
        "Jets struck the town on Saturday, residents said. The siege began on 3 March 2013 after the rebels took it.",
        # a dateline's day without a year and no metadata date: no year is guessed
        "BEIRUT, Dec 30 (Reuters) - Air strikes killed nine people on Tuesday, a monitor said.",
        # no date at all
        "Air strikes killed nine people in the town on Tuesday, a monitor said.",
        # a longer number after a month name is no glued day and year
        "Jan 1234567 Air strikes killed nine people in the town on Tuesday, a monitor said.",
    ],
)
def test_text_date_is_none_for_an_events_date_or_no_date(text):
    assert text_date(text) is None
    if "Dec 30" not in text:
        assert text_date(text, published="2016-04-12") is None


def test_a_dateline_far_from_the_metadata_date_becomes_the_creation_time():
    doc = _row(DATELINE, "9/21/2016", text_date_days=5)
    assert doc.published == "2016-09-21"  # the metadata's date stays what it was
    assert doc.text_date == "2016-09-10"
    assert doc.created == doc.anchor_date == "2016-09-10"


def test_a_quoted_past_date_at_the_top_does_not_win():
    text = ("\"On March 5, 2013 they killed my brothers,\" said a farmer in Kafr Nabl, where jets "
            "struck the market on Saturday.")
    doc = _row(text, "2016-04-12", text_date_days=5)
    assert doc.text_date is None
    assert doc.created == "2016-04-12"


def test_no_date_anywhere_is_null_never_today():
    doc = _row("Air strikes killed nine people in the town on Tuesday, a monitor said.", None, text_date_days=5)
    assert doc.published is None and doc.text_date is None and doc.created is None and doc.anchor_date is None


def test_the_switch_off_keeps_the_metadata_date_and_still_reads_the_text_date():
    doc = _row(DATELINE, "9/21/2016", text_date_days=None)
    assert doc.text_date == "2016-09-10"
    assert doc.created == "2016-09-21"


def test_creation_time_thresholds():
    assert creation_time("2016-09-21", "2016-09-17", 5) == "2016-09-21"  # 4 days: the metadata's
    assert creation_time("2016-09-21", "2016-09-16", 5) == "2016-09-16"  # 5 days: the text's
    assert creation_time("2016-09-21", "2016-09-20", 0) == "2016-09-20"  # always the text's
    assert creation_time(None, "2016-09-20", 5) == "2016-09-20"  # no metadata date
    assert creation_time("2016-09", "2016-09-02", 5) == "2016-09-02"  # only a month: the text's day
    assert creation_time("2016-09-21", None, 0) == "2016-09-21"
    assert creation_time(None, None, 0) is None


def test_the_environment_switch(monkeypatch):
    monkeypatch.delenv(TEXT_DATE_ENV, raising=False)
    assert text_date_days() == 5
    monkeypatch.setenv(TEXT_DATE_ENV, "off")
    assert text_date_days() is None and IngestOptions().text_date_days is None
    monkeypatch.setenv(TEXT_DATE_ENV, "0")
    assert text_date_days() == 0


def test_a_bad_environment_switch_is_a_one_line_error_not_a_bug(monkeypatch, tmp_path, capsys):
    """``SITREP_TEXT_DATE_DAYS=bogus sitrep ingest ...``: exit 1 with a line that says what to set,
    never the "this is a bug in sitrep" message. Checked by the command line's callback, before any
    command: the library (and so every stage's version) is unchanged."""
    from sitrep.cli import main

    monkeypatch.setenv(TEXT_DATE_ENV, "bogus")
    (tmp_path / "a.txt").write_text("Air strikes killed nine people in the town on Tuesday, a monitor said.")
    monkeypatch.setattr("sys.argv", ["sitrep", "ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "t.db"), "-q"])
    with pytest.raises(SystemExit) as exit_:
        main()
    err = capsys.readouterr().err
    assert exit_.value.code == 1
    assert f"{TEXT_DATE_ENV}='bogus' is not a number of days" in " ".join(err.split()) and "bug" not in err


def test_the_time_stage_anchors_on_the_creation_time(nlp):
    from sitrep.stages.base import Analysis
    from sitrep.stages.parse import ParseStage
    from sitrep.stages.time import TimeStage

    doc = _row(DATELINE, "9/21/2016", text_date_days=5)
    analysis = TimeStage(nlp)(ParseStage(nlp)(Analysis(document=doc)))  # type: ignore[arg-type]
    saturday = [t for t in analysis.times if t.text == "Saturday"]
    assert saturday and saturday[0].value == "2016-09-10" and saturday[0].anchor == "2016-09-10"
    off = _row(DATELINE, "9/21/2016", text_date_days=None)
    analysis = TimeStage(nlp)(ParseStage(nlp)(Analysis(document=off)))  # type: ignore[arg-type]
    assert [t.value for t in analysis.times if t.text == "Saturday"] == ["2016-09-17"]


def test_a_given_dct_is_never_overridden():
    from sitrep.evaluation.runner import GoldText, ingest_text

    doc = ingest_text(GoldText("t", DATELINE, "2016-09-21", dct=True))
    assert doc.text_date == "2016-09-10" and doc.created == "2016-09-21"


def test_the_store_keeps_both_dates(tmp_path):
    from sitrep.store import Store

    doc = _row(DATELINE, "9/21/2016", text_date_days=5)
    with Store(tmp_path / "t.db") as store:
        store.add_document(doc)  # type: ignore[arg-type]
        back = next(iter(store.documents()))
    assert (back.published, back.text_date, back.created) == ("2016-09-21", "2016-09-10", "2016-09-10")
    assert {"text_date", "created"} <= set(back.to_export())
