"""Header, footer and body repair of plain-text articles (fixtures written for these tests)."""

from __future__ import annotations

import pytest

from sitrep.ingest.plaintext import parse_plaintext
from sitrep.ingest.textmap import to_raw

ARTICLE = """

Ceasefire talks stall as shelling resumes

Jane Q. Reporter
3 March 2017

HOMS, Syria (AP) — Shelling resumed on Friday in the
north of the city, residents said, while negotiators in
Geneva argued over a draft text.

A second paragraph follows here. It has two sentences.



To contact the newsroom and the
editorial board visit:

example.org/contact
"""


def test_plaintext_header_metadata():
    p = parse_plaintext(ARTICLE)
    assert p.title == "Ceasefire talks stall as shelling resumes"
    assert p.author == "Jane Q. Reporter"
    assert p.published == "2017-03-03"
    assert p.dateline == "Homs"
    assert p.publisher == "example.org"


def test_plaintext_body_has_no_header_footer_or_wraps():
    p = parse_plaintext(ARTICLE)
    assert p.text.startswith("Shelling resumed on Friday in the north of the city")
    assert "To contact" not in p.text and "example.org" not in p.text
    assert "Jane Q. Reporter" not in p.text
    first, second = p.text.split("\n\n")
    assert "\n" not in first
    assert second == "A second paragraph follows here. It has two sentences."
    assert p.footer is not None and "To contact" in p.footer


def test_plaintext_char_map_points_into_raw_text():
    p = parse_plaintext(ARTICLE)
    for word in ("Shelling", "north", "Geneva", "second", "sentences"):
        start = p.text.index(word)
        raw_start = to_raw(p.char_map, start)
        assert ARTICLE[raw_start : raw_start + len(word)] == word


def test_plaintext_missing_fields_are_null_not_guessed():
    p = parse_plaintext("Officials met on Tuesday to discuss the convoy. Nothing else was said about it.")
    assert p.title is None and p.author is None and p.published is None and p.dateline is None


def test_plaintext_byline_with_via():
    p = parse_plaintext("Authored by Sam Writer via Substack,\n\nThe offensive began this week and it moved fast across the plain.")
    assert p.author == "Sam Writer"
    assert p.via == "Substack"
    assert p.text.startswith("The offensive began")


def test_plaintext_caption_with_credit_is_metadata():
    raw = (
        "Smoke rises over a market in eastern\nIdlib, Jan. 2, 2020. Local Media Office / AP\n\n"
        "It is hard to say who fired first. Both sides blamed each other on Sunday for the strikes."
    )
    p = parse_plaintext(raw)
    assert p.captions == ["Smoke rises over a market in eastern Idlib, Jan. 2, 2020. Local Media Office / AP"]
    assert p.published is None  # a caption date is not the publication date
    assert p.text.startswith("It is hard to say")


def test_plaintext_hard_wrap_and_hyphen_join():
    raw = (
        "The deal was meant\nto hold for a week and the cease-\nfire was\nannounced in Geneva.\n\n"
        "Few expected\nit to last."
    )
    p = parse_plaintext(raw)
    assert p.text == "The deal was meant to hold for a week and the cease-fire was announced in Geneva.\n\nFew expected it to last."


def test_plaintext_single_newline_paragraphs_are_kept():
    raw = "First paragraph ends here.\nSecond paragraph starts a new thought.\nThird one too."
    p = parse_plaintext(raw)
    assert p.text.count("\n") == 2


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("As the *New York Times* reported on Friday, talks failed.", "As the New York Times reported on Friday, talks failed."),
        ("He said „no“ twice,\u00a0then  left.", 'He said "no“ twice, then left.'),
        ("Zero\u200bwidth joiners vanish.", "Zerowidth joiners vanish."),
    ],
)
def test_plaintext_inline_normalisation(raw, expected):
    p = parse_plaintext(raw)
    assert p.text == expected
    start = p.text.index("left") if "left" in p.text else p.text.index("vanish") if "vanish" in p.text else p.text.index("talks")
    word = p.text[start : start + 4]
    assert raw[to_raw(p.char_map, start) : to_raw(p.char_map, start) + 4] == word


def test_plaintext_not_a_dateline():
    p = parse_plaintext("Update: The convoy was hit on Monday night near the town, officials said.")
    assert p.dateline is None
    assert p.text.startswith("Update:")


def test_plaintext_markdown_front_matter():
    raw = "---\ntitle: Truce holds\npublisher: The Example Post\ndate: 2016-09-13\n---\n\n# Truce holds\n\nThe truce held for a second day on Tuesday across most of the country."
    p = parse_plaintext(raw, markdown=True)
    assert (p.title, p.publisher, p.published) == ("Truce holds", "The Example Post", "2016-09-13")
    assert "truce held" in p.text
