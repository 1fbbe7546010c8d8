"""``calendar_parties.USE`` (issue 13, branch events69): a date fragment or a byline credit before a
page's date line is no party of an event; the text and the mention stay."""

from __future__ import annotations

import pytest

from sitrep.records import Mention, TimeExpr
from sitrep.stages.events import calendar_parties
from sitrep.stages.events.calendar_parties import (
    calendar_only,
    date_line,
    furniture_class,
    party_mentions,
)


def _time(text: str, phrase: str) -> TimeExpr:
    start = text.index(phrase)
    return TimeExpr(document="d", start=start, end=start + len(phrase), text=phrase, sentence="", type="DATE",
                    value=None)


def _span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def test_calendar_parties_defaults_off() -> None:
    assert calendar_parties.USE is False


@pytest.mark.parametrize(("span", "want"), [
    ("Fri Jun", True), ("Sat Mar", True), ("Sun, Feb. 14", True), ("Tuesday 23", True),
    ("May", False),          # an ambiguous month alone is a name (Theresa May)
    ("Jun", False),
    ("Sunday Times", False), ("2016", False), ("Daesh", False),
])
def test_calendar_only(span: str, want: bool) -> None:
    assert calendar_only(span) is want


@pytest.mark.parametrize(("span", "want"), [
    ("Friday 8 Jul 2013", True), ("Sunday 25 May 2014", True),
    ("Thursday", False), ("14 Jul 2016", False), ("last week", False),
])
def test_date_line_needs_a_weekday_and_a_year(span: str, want: bool) -> None:
    assert date_line(span) is want


RUN_ON = "Shells hit two villages near Aleppo Monitor AFP Friday 8 Jul 2013 Air raids wound 5 in Hama"


@pytest.mark.parametrize(("text", "mention", "times", "want"), [
    # an NER span across a date and a headline word: overlaps a time expression with calendar words
    (RUN_ON, "Jul 2013 Air", ["Friday 8 Jul 2013"], "time overlap"),
    # the credit just before the page's date line
    (RUN_ON, "AFP", ["Friday 8 Jul 2013"], "credit"),
    # a page's date line read as a name, the time stage's expression starting after it
    ("Fri Jun 3 2016 rebels seized a hill", "Fri Jun", ["Jun 3 2016"], "time overlap"),
    ("Fri Jun 3 2016 rebels seized a hill", "Fri Jun", [], "calendar only"),
    # a party just before a bare weekday: no date line, a party
    ("pushed back by Syrian forces Monday as they", "Syrian forces", ["Monday"], None),
    # an overlap that holds no calendar word ("Today", "Daily") is no date fragment
    ("the Ariha Today network said", "Ariha Today", ["Today"], None),
    # a party the date line does not touch
    (RUN_ON, "Aleppo", ["Friday 8 Jul 2013"], None),
])
def test_furniture_class(text: str, mention: str, times: list[str], want: str | None) -> None:
    start, end = _span(text, mention)
    assert furniture_class(text, start, end, [_time(text, t) for t in times]) == want


def _mentions(text: str, *phrases: str) -> list[Mention]:
    return [Mention(document="d", actor=p, start=s, end=e, text=p, sentence="")
            for p in phrases for s, e in [_span(text, p)]]


def test_party_mentions_keeps_all_when_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(calendar_parties, "USE", False)
    mentions = _mentions(RUN_ON, "Aleppo", "AFP", "Jul 2013 Air")
    assert party_mentions(RUN_ON, mentions, [_time(RUN_ON, "Friday 8 Jul 2013")]) == mentions


def test_party_mentions_drops_the_furniture_when_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(calendar_parties, "USE", True)
    mentions = _mentions(RUN_ON, "Aleppo", "AFP", "Jul 2013 Air")
    kept = party_mentions(RUN_ON, mentions, [_time(RUN_ON, "Friday 8 Jul 2013")])
    assert [m.text for m in kept] == ["Aleppo"]


#: project-written run-on bodies: a date line read as a name before the doer, a credit after a headline
DATE_LINE = "Fri Jun 17 2016 Daesh abducted 250 people in Aleppo."
CREDIT = ("Car bomb in Hama kills 7 Governor AFP Monday 12 Jan 2015 Seven people died when a car bomb "
          "went off at a bus station.")


def _parties(nlp, text: str, trigger: str) -> tuple[list[str], list[str], list[str], list[str]]:
    from sitrep.pipeline import build_pipeline
    from sitrep.records import Document
    from sitrep.resources import Resources

    pipeline = build_pipeline(only=["events"], resources=Resources(nlp=nlp))
    analysis = next(iter(pipeline.analyze([Document(id="d", sha256="d", text=text)])))
    names = {a.id: a.name for a in analysis.actors}
    [event] = [e for e in analysis.events if e.trigger == trigger]
    return ([names.get(a, a) for a in event.actors], [names.get(a, a) for a in event.recipients],
            [m.text for m in analysis.mentions], [e.place.text for e in analysis.events if e.place is not None])


@pytest.mark.parametrize("on", [False, True])
def test_date_line_is_no_doer(nlp, monkeypatch: pytest.MonkeyPatch, on: bool) -> None:
    monkeypatch.setattr(calendar_parties, "USE", on)
    actors, _, mentions, _ = _parties(nlp, DATE_LINE, "abducted")
    assert "Fri Jun" in mentions  # the mention stays in the analysis either way
    assert ("Fri Jun" in actors) is not on
    if on:
        assert actors == ["Islamic State"]


@pytest.mark.parametrize("on", [False, True])
def test_credit_is_no_recipient(nlp, monkeypatch: pytest.MonkeyPatch, on: bool) -> None:
    monkeypatch.setattr(calendar_parties, "USE", on)
    _, recipients, mentions, places = _parties(nlp, CREDIT, "Car bomb")
    assert "AFP" in mentions
    assert ("Agence France-Presse" in recipients) is not on
    # no party, but still a name: the credit never becomes an unresolved place name either way
    assert not any("AFP" in (p or "") for p in places)
