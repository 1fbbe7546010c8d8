"""Quotation-mark pairing: curly/straight, single/double, apostrophes, unbalanced, paragraphs."""

from __future__ import annotations

import pytest

from sitrep.stages.quotes.marks import find_quotes


def spans(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('He said "we will stay" and left.', ['"we will stay"']),
        ("He said “we will stay” and left.", ["“we will stay”"]),
        ("She called it ‘a farce’ on Monday.", ["‘a farce’"]),
        ("She called it 'a farce' on Monday.", ["'a farce'"]),
    ],
)
def test_marks_curly_and_straight(text: str, expected: list[str]) -> None:
    assert spans(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Al Qaeda’s Syrian affiliate grew in the ’90s and the group’s allies’ funds dried up.",
        "Al Qaeda's Syrian affiliate grew in the '90s and don't forget the rebels' gains.",
    ],
)
def test_marks_apostrophes_are_not_quotes(text: str) -> None:
    assert spans(text) == []


def test_marks_nested_single_inside_double() -> None:
    text = "“They called it ‘a new era’ in talks,” the envoy said."
    assert spans(text) == ["“They called it ‘a new era’ in talks,”"]


def test_marks_unbalanced_quote_is_capped_at_paragraph_end() -> None:
    text = "The minister said “we will never leave this city.\n\nA second paragraph follows.\n\nAnd a third."
    (q,) = find_quotes(text)
    assert not q.closed
    assert text[q.start : q.end] == "“we will never leave this city."
    assert "second" not in text[q.start : q.end]


def test_marks_stray_straight_quote_does_not_swallow_article() -> None:
    text = 'Rebels held the "northern ridge.\n\nThe army shelled "Hill 7" on Friday.'
    found = spans(text)
    assert found[0] == '"northern ridge.'
    assert '"Hill 7"' in found


def test_marks_quote_across_paragraphs() -> None:
    text = (
        "The general said: “We will hold the line.\n\n"
        "“Nobody here will retreat,” he added.\n\nThe next paragraph is narration."
    )
    (q,) = find_quotes(text)
    assert q.multi_paragraph and q.closed
    assert text[q.start : q.end].endswith("retreat,”")
    assert "narration" not in text[q.start : q.end]


def test_marks_two_apostrophes_as_double_quotes() -> None:
    text = "The senator said, ''We will not vote for it,'' and left. It's the party's line."
    (q,) = find_quotes(text)
    assert text[q.start : q.end] == "''We will not vote for it,''"
    assert text[q.inner_start : q.inner_end] == "We will not vote for it,"
