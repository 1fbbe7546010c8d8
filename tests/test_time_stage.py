"""The time stage on hand-written sentences: the tricky cases of issue 4."""

from __future__ import annotations

import pytest

from sitrep.records import TimeExpr
from sitrep.stages.time import TimeStage, time_for_span


@pytest.fixture(scope="module")
def times(parse, nlp):
    stage = TimeStage(nlp)

    def _times(text: str, published: str | None = None) -> list[TimeExpr]:
        return stage(parse(text, published=published)).times

    return _times


def _one(found: list[TimeExpr], text: str) -> TimeExpr:
    hits = [t for t in found if t.text == text]
    assert hits, f"{text!r} not found among {[t.text for t in found]}"
    return hits[0]


@pytest.mark.parametrize(
    ("sentence", "published", "span", "value"),
    [
        # past tense: the weekday before the anchor (Saturday 2016-07-16)
        ("Kerry met Putin Thursday evening in Moscow.", "2016-07-16", "Thursday evening", "2016-07-14TEV"),
        ("The minister said Friday that talks had failed.", "2016-07-16", "Friday", "2016-07-15"),
        # future tense: the weekday after the anchor
        ("The two sides will meet again on Monday.", "2016-07-16", "Monday", "2016-07-18"),
        ("The envoy is going to travel to Geneva on Tuesday.", "2016-07-16", "Tuesday", "2016-07-19"),
        # same weekday as the anchor, past tense: the anchor day itself
        ("Rebels shelled the town Saturday.", "2016-07-16", "Saturday", "2016-07-16"),
        # explicit "next"/"last" override the tense
        ("He said the vote was set for next Friday.", "2016-07-16", "next Friday", "2016-07-22"),
        ("They arrived last Sunday.", "2016-07-16", "last Sunday", "2016-07-10"),
    ],
)
def test_stage_weekday_follows_tense(times, sentence, published, span, value):
    assert _one(times(sentence, published), span).value == value


@pytest.mark.parametrize(
    ("sentence", "published", "span", "value"),
    [
        ("The ceasefire collapsed on Sept. 17.", "2016-09-26", "Sept. 17", "2016-09-17"),
        # month-day without a year across a year boundary: past tense -> previous year
        ("The convoy was attacked on Dec. 30.", "2017-01-03", "Dec. 30", "2016-12-30"),
        # ... and future tense from December into January
        ("Talks will resume on Jan. 5.", "2016-12-28", "Jan. 5", "2017-01-05"),
        ("Fighting broke out on 3 March.", "2016-07-16", "3 March", "2016-03-03"),
    ],
)
def test_stage_month_day_without_year(times, sentence, published, span, value):
    found = _one(times(sentence, published), span)
    assert found.value == value
    assert found.anchor == published


def test_stage_sept_12_keeps_the_full_span(times):
    found = times("From the onset of the truce on Sept. 12, commanders were skeptical.", "2016-09-26")
    assert [(t.text, t.value) for t in found] == [("Sept. 12", "2016-09-12")]


@pytest.mark.parametrize(
    ("sentence", "published", "span", "value", "fuzzy"),
    [
        ("The uprising has continued since 2011.", "2016-07-16", "2011", "2011", False),
        ("Russia intervened a year ago.", "2016-09-26", "a year ago", "2015", False),
        ("The pact was proposed in early July.", "2016-07-16", "early July", "2016-07", True),
        ("A few days ago, the town fell.", "2016-07-16", "A few days ago", "2016-W28", True),
        ("Prices rose last week.", "2016-07-16", "last week", "2016-W27", False),
        ("Officials met this week.", "2016-07-16", "this week", "2016-W28", False),
        # TimeML leaves "earlier" outside the extent; it still makes the value fuzzy
        ("Shelling resumed earlier this month.", "2016-07-16", "this month", "2016-07", True),
        ("Russia entered the war in September 2015.", "2016-07-16", "September 2015", "2015-09", False),
        ("He is now in Geneva.", "2016-07-16", "now", "PRESENT_REF", True),
        ("The siege lasted six weeks.", "2016-07-16", "six weeks", "P6W", False),
        ("Aid arrives every week.", "2016-07-16", "every week", "P1W", False),
        ("The war began in the 1990s.", "2016-07-16", "the 1990s", "199", False),
        ("Sales fell in the third quarter.", "2016-11-02", "the third quarter", "2016-Q3", False),
        ("They fought last summer.", "2016-11-02", "last summer", "2016-SU", False),
        ("Talks opened on March 22, 2013.", None, "March 22, 2013", "2013-03-22", False),
    ],
)
def test_stage_normalises_relative_and_absolute(times, sentence, published, span, value, fuzzy):
    found = _one(times(sentence, published), span)
    assert found.value == value
    assert found.fuzzy is fuzzy


def test_stage_later_counts_from_the_narrative_date(times):
    found = times("Rebels took the hill last Saturday. Two days later, the army retook it.", "2016-09-23")
    assert _one(found, "last Saturday").value == "2016-09-17"
    assert _one(found, "Two days later").value == "2016-09-19"


def test_stage_previous_day_counts_from_the_last_date(times):
    found = times("The strike hit on March 3. The previous day, rebels had withdrawn.", "2016-07-16")
    assert _one(found, "The previous day").value == "2016-03-02"


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("Officials met this week.", "this week"),
        ("Russia intervened a year ago.", "a year ago"),
        ("The talks failed yesterday.", "yesterday"),
        ("Kerry met Putin Thursday evening.", "Thursday evening"),
        ("Prices rose last month.", "last month"),
    ],
)
def test_stage_dateless_document_leaves_relative_unresolved(times, sentence, span):
    found = _one(times(sentence, None), span)
    assert (found.value, found.anchor) == (None, None)


def test_stage_dateless_document_keeps_underspecified_calendar_dates(times):
    found = times("The truce began on Sept. 12 and collapsed in October.", None)
    assert {t.text: t.value for t in found} == {"Sept. 12": "XXXX-09-12", "October": "XXXX-10"}
    assert all(t.anchor is None for t in found)


def test_stage_dateless_document_still_resolves_absolute(times):
    found = times("Russia entered the war in September 2015, after clashes in 2011.", None)
    assert {t.text: t.value for t in found} == {"September 2015": "2015-09", "2011": "2011"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia may be ready to talk, and it may even agree.",
        "The army says it will march on the city.",
        "Medical teams work 24/7 in the besieged district.",
        "The fall of the city was a turning point.",
        "The plan has support in some quarters of the ministry.",
        "More than 2000 troops were deployed.",
    ],
)
def test_stage_rejects_words_that_only_look_temporal(times, sentence):
    assert times(sentence, "2016-07-16") == []


def test_stage_may_as_a_month_is_kept(times):
    found = times("The offensive began in May and ended on May 20.", "2016-07-16")
    assert [(t.text, t.value) for t in found] == [("May", "2016-05"), ("May 20", "2016-05-20")]


def test_stage_records_carry_offsets_and_sentence(times):
    text = "Calm held. Kerry met Putin Thursday evening."
    (found,) = times(text, "2016-07-16")
    assert text[found.start:found.end] == found.text == "Thursday evening"
    assert found.sentence == "Kerry met Putin Thursday evening."
    assert found.document == "t"
    assert (found.type, found.precision) == ("TIME", "time")


def test_time_for_span_prefers_the_same_clause(parse, nlp):
    text = "Rebels shelled the town on Friday, and the army will retaliate on Monday."
    analysis = TimeStage(nlp)(parse(text, published="2016-07-16"))
    start = text.index("retaliate")
    found = time_for_span(analysis, start, start + len("retaliate"))
    assert found is not None and found.text == "Monday"
    start = text.index("shelled")
    found = time_for_span(analysis, start, start + len("shelled"))
    assert found is not None and found.text == "Friday"


def test_time_for_span_none_outside_dated_sentences(parse, nlp):
    text = "Rebels shelled the town. The army retaliated on Friday."
    analysis = TimeStage(nlp)(parse(text, published="2016-07-16"))
    assert time_for_span(analysis, 0, 6) is None
    without_doc = analysis.without_doc()
    start = text.index("retaliated")
    found = time_for_span(without_doc, start, start + 4)
    assert found is not None and found.value == "2016-07-15"
